"""Scale: `captioncheck lint` as users run it, over 1k and 10k pages, with --jobs 1 and 2.

    python benchmarks/scale.py [CORPUS_DIR] [--sizes 1000 10000] [--html-validate PATH]

Builds page sets from the shared corpus (repeated through symbolic links until the size is reached),
runs the real command (`python -m captioncheck lint --format jsonl`) on each, and prints wall time,
pages/s, the --jobs 2 speed-up and peak RSS (the largest process: the main one or a worker). With
--html-validate (path to an html-validate executable) it also times that general HTML linter over
the same 877 pages, as a yardstick. Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_corpus import absent, corpus_parser  # noqa: E402


def page_set(corpus: Path, size: int, folder: Path) -> Path:
    pages = sorted(corpus.rglob("*.html"))
    target = folder / f"pages-{size}"
    target.mkdir()
    for number in range(size):
        source = pages[number % len(pages)]
        (target / f"{number:06d}-{source.name}").symlink_to(source)
    return target


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the command's largest process."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    return elapsed, peak_kb / 1024


def main() -> int:
    parser = corpus_parser(__doc__, repeat=False)
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--html-validate", metavar="PATH")
    args = parser.parse_args()
    if absent(args.corpus):
        return 0
    lint = [sys.executable, "-m", "captioncheck", "lint", "--format", "jsonl", "--no-progress"]
    with tempfile.TemporaryDirectory() as temporary:
        print(f"{'pages':>6s} {'jobs':>4s} {'seconds':>8s} {'pages/s':>8s} {'peak RSS MB':>11s}")
        # Sizes from small to large: RUSAGE_CHILDREN keeps the largest peak seen so far.
        for size in sorted(args.sizes):
            pages = page_set(args.corpus, size, Path(temporary))
            times = {}
            for jobs in (1, 2):
                seconds, peak = timed([*lint, "--jobs", str(jobs), str(pages)])
                times[jobs] = seconds
                print(f"{size:6d} {jobs:4d} {seconds:8.1f} {size / seconds:8.0f} {peak:11.0f}")
            print(f"{'':6s} --jobs 2 speed-up: {times[1] / times[2]:.2f}x")
    if args.html_validate:
        pages = sorted(args.corpus.rglob("*.html"))
        started = time.perf_counter()
        for start in range(0, len(pages), 100):  # batches keep the command line short
            subprocess.run([args.html_validate, "--formatter", "json", *map(str, pages[start:start + 100])],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                           env={**os.environ, "NODE_OPTIONS": "--max-old-space-size=4096"})
        seconds = time.perf_counter() - started
        print(f"html-validate over {len(pages)} pages: {seconds:.1f} s, {len(pages) / seconds:.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
