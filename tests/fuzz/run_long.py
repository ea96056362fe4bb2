"""The long fuzz run: the properties of tests/fuzz/checks.py over many inputs, with a count.

    python -m tests.fuzz.run_long [--form html|gz|mhtml|warc|image|config|rules|mix] [--examples N] [--seconds S]
                                  [--input-seconds S] [--slow-seconds S] [--seed N] [--found DIR] [--shrink]
    python -m tests.fuzz.run_long --replay tests/fuzz/found/stall-html-0123456789ab.bin

In-process (no subprocess per input). `mix` draws every input form in turn. It prints how many
inputs were checked per form, how long it took, and every crash and stall as it happens (line by
line, so a killed run leaves its log). Each crashing or stalled input is saved to `--found`
(the input's bytes, and a .json beside them with its form, context, seed and traceback) and the
run goes on; `--shrink` stops at the first crash and lets Hypothesis shrink it instead.
Findings of earlier runs are in tests/fuzz/README.md.
"""

from __future__ import annotations

import argparse
import faulthandler
import hashlib
import json
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.fuzz.checks import CHECKS
from tests.fuzz.strategies import FORMS

CONTEXTS = st.sampled_from([None, "archive", "syndication", "commercial"])
FOUND = Path(__file__).parent / "found"
KEPT_PER_SIGNATURE = 3  # saved inputs per kind of crash: one bug met a thousand times is still one bug


class OutOfTime(BaseException):
    """Raised past --seconds: a BaseException, so Hypothesis stops instead of shrinking it."""


class InputStalled(BaseException):
    """Raised by the per-input alarm: a BaseException, so no `except Exception` in the code under
    test can swallow it and make a stall look like a slow success."""


_ARMED = [False]


def _alarm(signum, frame):
    # The alarm repeats until the stall is caught: a raise inside a gc callback or a __del__ is
    # printed and dropped, and a one-shot alarm would then leave the stall running.
    if _ARMED[0]:
        raise InputStalled


def _terminate(signum, frame):
    raise OutOfTime


def _data(value) -> tuple[bytes, str]:
    """The input's bytes and a file suffix; config inputs are (suffix, bytes)."""
    if isinstance(value, tuple):
        suffix, data = value
        return data, suffix
    return value, ""


def _where(error: BaseException) -> str:
    """The innermost frame in captioncheck (else the innermost at all): with the type, a crash's signature."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "/captioncheck/" in frame.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"


def save(found: Path, kind: str, form: str, value, context, run_seed: int, index: int, seconds: float,
         error: BaseException | None) -> Path:
    """Write the input's bytes and what is known of it; the file name is the content's hash, so the
    same input found twice is saved once."""
    data, suffix = _data(value)
    found.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{form}-{hashlib.sha1(data).hexdigest()[:12]}"
    path = found / (name + (suffix or ".bin"))
    path.write_bytes(data)
    record = {"kind": kind, "form": form, "suffix": suffix, "context": context, "seed": run_seed, "index": index,
              "seconds": round(seconds, 3), "bytes": len(data),
              "error": None if error is None else f"{type(error).__name__}: {error}",
              "traceback": None if error is None else "".join(traceback.format_exception(error))}
    (found / (name + ".json")).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return path


def replay(path: Path) -> int:
    """Check a saved input again, unguarded, so a profiler or a debugger sees it whole."""
    record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    data = path.read_bytes()
    value = (record["suffix"], data) if record["form"] == "config" else data
    began = time.perf_counter()
    CHECKS[record["form"]](value, record["context"])
    print(f"{path}: {record['form']}, {len(data)} bytes, checked in {time.perf_counter() - began:.2f} s")
    return 0


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # a run killed from outside still leaves its log
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form", choices=[*FORMS, "mix"], default="mix")
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--every", type=int, default=50_000, help="print progress every N inputs")
    parser.add_argument("--input-seconds", type=float, default=60,
                        help="an input that runs longer is a stall: saved, counted, and the run goes on")
    parser.add_argument("--slow-seconds", type=float, default=5,
                        help="an input that takes more processor time (but less than --input-seconds) is saved as slow")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis's seed (printed; random if not given)")
    parser.add_argument("--found", type=Path, default=FOUND, help="folder for crashing and stalled inputs")
    parser.add_argument("--shrink", action="store_true", help="stop at the first crash and shrink it")
    parser.add_argument("--replay", type=Path, help="check one saved input (its .json beside it) and exit")
    args = parser.parse_args()
    if args.replay:
        return replay(args.replay)
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    forms = list(FORMS) if args.form == "mix" else [args.form]
    inputs = st.one_of(*(FORMS[form]().map(lambda value, form=form: (form, value)) for form in forms))
    tried: Counter = Counter()
    crashes: Counter = Counter()  # by signature: type and where
    stalls: list[str] = []
    slow: list[float] = []
    started = time.perf_counter()
    progress = args.found / "in-progress"
    print(f"seed: {run_seed}, form: {args.form}, input limit: {args.input_seconds:g} s")
    # A stall inside C code never lets the alarm's Python handler run: then faulthandler, from its
    # own thread, prints every stack and ends the process, and in-progress.* holds the input.
    args.found.mkdir(parents=True, exist_ok=True)
    CHECKS["html"](b"<figure><img src=a.jpg><figcaption>A street. REUTERS/Jane Doe</figcaption></figure>", None)
    signal.signal(signal.SIGALRM, _alarm)  # armed after that warm-up: an alarm inside a cached load would redo it
    signal.signal(signal.SIGTERM, _terminate)  # `kill` ends the run as --seconds does: with its counts printed

    @seed(run_seed)
    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(inputs, CONTEXTS)
    def property_holds(item, context):
        if time.perf_counter() - started > args.seconds:
            raise OutOfTime
        form, value = item
        index = sum(tried.values())
        tried[form] += 1
        data, suffix = _data(value)
        progress.with_suffix(suffix or ".bin").write_bytes(data)
        progress.with_suffix(".json").write_text(json.dumps({"form": form, "suffix": suffix, "context": context,
                                                             "seed": run_seed, "index": index}) + "\n")
        faulthandler.dump_traceback_later(args.input_seconds * 3 + 30, exit=True)
        _ARMED[0] = True
        signal.setitimer(signal.ITIMER_REAL, args.input_seconds, 1.0)
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            CHECKS[form](value, context)
        except InputStalled as error:
            _ARMED[0] = False
            path = save(args.found, "stall", form, value, context, run_seed, index, time.perf_counter() - began, error)
            stalls.append(str(path))
            print(f"  STALL #{len(stalls)} ({form}, over {args.input_seconds:g} s at {_where(error)}): {path}")
        except Exception as error:
            _ARMED[0] = False
            if args.shrink:
                raise
            signature = f"{type(error).__name__} at {_where(error)}"
            crashes[signature] += 1
            if crashes[signature] <= KEPT_PER_SIGNATURE:
                path = save(args.found, "crash", form, value, context, run_seed, index,
                            time.perf_counter() - began, error)
                print(f"  CRASH {signature} ({form}): {error!r:.200} -> {path}")
        else:
            _ARMED[0] = False
            # Processor time, not the clock's: a niced run on a busy machine waits seconds for a core.
            took = time.process_time() - began_cpu
            if took > args.slow_seconds:  # under the limit but far above the usual few ms: worth a look
                slow.append(took)
                path = save(args.found, "slow", form, value, context, run_seed, index, took, None)
                print(f"  slow input ({form}, {took:.1f} s of processor time): {path}")
        finally:
            _ARMED[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            faulthandler.cancel_dump_traceback_later()
        total = index + 1
        if total % args.every == 0:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"  {total} inputs, {time.perf_counter() - started:.0f} s, max RSS {rss} MB")

    failure = None
    try:
        property_holds()
    except OutOfTime:
        pass
    except Exception as error:  # with --shrink: the shrunk counterexample is what we want to see
        failure = error
    elapsed = time.perf_counter() - started
    total = sum(tried.values())  # inputs actually checked (Hypothesis's shrinking included)
    crashed = sum(crashes.values()) + (failure is not None)
    print(f"inputs checked: {total}, time: {elapsed:.0f} s, crashes: {crashed} ({len(crashes)} kinds), "
          f"stalls: {len(stalls)}, slow inputs: {len(slow)}")
    print("per form: " + ", ".join(f"{form} {tried[form]}" for form in forms))
    for signature, count in crashes.most_common():
        print(f"crash: {signature} x{count}")
    if failure is not None:
        print(f"failure: {failure!r}")
    return 1 if crashed or stalls else 0


if __name__ == "__main__":
    sys.exit(main())
