"""The long fuzz run: the property of tests/test_fuzz.py over many more inputs, with a count.

    python -m tests.fuzz.run_long [--examples N] [--seconds S]

It prints how many inputs were tried, how long it took and every failing input Hypothesis
shrank (none means no crash). Findings of earlier runs are in tests/fuzz/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.strategies import pages
from tests.test_fuzz import check_page

CONTEXTS = st.sampled_from([None, "archive", "syndication", "commercial"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    tried = 0
    started = time.perf_counter()

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(pages(), CONTEXTS)
    def property_holds(data, context):
        nonlocal tried
        tried += 1
        if time.perf_counter() - started > args.seconds:
            return  # out of time: the remaining examples pass without work
        check_page(data, context)

    failure = None
    try:
        property_holds()
    except Exception as error:  # the shrunk counterexample is what we want to see
        failure = error
    elapsed = time.perf_counter() - started
    print(f"inputs tried: {tried}, time: {elapsed:.0f} s, crashes: {0 if failure is None else 1}")
    if failure is not None:
        print(f"failure: {failure!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
