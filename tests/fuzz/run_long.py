"""The long fuzz run: the properties of tests/fuzz/checks.py over many inputs, with a count.

    python -m tests.fuzz.run_long [--form html|gz|mhtml|warc|image|config|rules|mix] [--examples N] [--seconds S]

In-process (no subprocess per input). `mix` draws every input form in turn. It prints how many
inputs were checked per form, how long it took and every failing input Hypothesis shrank (none
means no crash). Findings of earlier runs are in tests/fuzz/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.checks import CHECKS
from tests.fuzz.strategies import FORMS

CONTEXTS = st.sampled_from([None, "archive", "syndication", "commercial"])


class OutOfTime(BaseException):
    """Raised past --seconds: a BaseException, so Hypothesis stops instead of shrinking it."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", choices=[*FORMS, "mix"], default="mix")
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--every", type=int, default=50_000, help="print progress every N inputs")
    args = parser.parse_args()
    forms = list(FORMS) if args.form == "mix" else [args.form]
    inputs = st.one_of(*(FORMS[form]().map(lambda value, form=form: (form, value)) for form in forms))
    tried: Counter = Counter()
    started = time.perf_counter()

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(inputs, CONTEXTS)
    def property_holds(item, context):
        if time.perf_counter() - started > args.seconds:
            raise OutOfTime
        form, value = item
        tried[form] += 1
        CHECKS[form](value, context)
        total = sum(tried.values())
        if total % args.every == 0:
            print(f"  {total} inputs, {time.perf_counter() - started:.0f} s", flush=True)

    failure = None
    try:
        property_holds()
    except OutOfTime:
        pass
    except Exception as error:  # the shrunk counterexample is what we want to see
        failure = error
    elapsed = time.perf_counter() - started
    total = sum(tried.values())  # inputs actually checked (Hypothesis's shrinking included)
    print(f"inputs checked: {total}, time: {elapsed:.0f} s, crashes: {0 if failure is None else 1}")
    print("per form: " + ", ".join(f"{form} {tried[form]}" for form in forms))
    if failure is not None:
        print(f"failure: {failure!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
