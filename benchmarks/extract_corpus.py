"""Extraction over the shared corpus of real saved pages: speed against the parse floor, and counts.

    python benchmarks/extract_corpus.py [CORPUS_DIR] [--repeat N]

Reads every ``*.html`` under CORPUS_DIR (default ``../shared/corpus``) into memory, then times
(1) plain ``lxml.html.document_fromstring`` over the same bytes and (2) captioncheck's full
extraction (decoding, parsing, images, captions, credits, restrictions). It prints pages/s for
both, their ratio (the budget for a full lint is 5, aim 3), and per source folder the number of pages,
editorial images, images with a caption and images with a credit. Skips cleanly when the corpus
is absent. Timings are the best of N runs, to keep other load on the machine out of the ratio; caches
are emptied before each run.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html

from captioncheck.extract import extract_page

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_parser(description: str, repeat: bool = True) -> argparse.ArgumentParser:
    """The arguments every corpus benchmark takes: the corpus folder and, for in-process timings, --repeat."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    if repeat:
        parser.add_argument("--repeat", type=int, default=3)
    return parser


def absent(corpus: Path) -> bool:
    """True, after saying so, when there is no corpus to measure: the benchmark skips cleanly."""
    if corpus.is_dir():
        return False
    print(f"skipped: no corpus at {corpus}")
    return True


def load(corpus: Path) -> list[tuple[str, bytes]]:
    return [(str(path.relative_to(corpus)), path.read_bytes()) for path in sorted(corpus.rglob("*.html"))]


def empty_caches() -> None:
    """Forget what captioncheck's per-text caches learnt in an earlier repeat over the same pages:
    a CLI run meets each page once, so a warm cache would flatter the figure. Caches of one entry
    (the loaded vocabularies and rules) stay: a run loads them once too."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("captioncheck"):
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters and (parameters()["maxsize"] or 2) > 1:
                value.cache_clear()


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        empty_caches()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_floor(pages: list[tuple[str, bytes]]) -> None:
    for _, data in pages:
        with contextlib.suppress(Exception):  # the floor counts what lxml manages; empty pages raise
            lxml.html.document_fromstring(data)


def main() -> int:
    args = corpus_parser(__doc__).parse_args()
    if absent(args.corpus):
        return 0
    pages = load(args.corpus)
    megabytes = sum(len(data) for _, data in pages) / 1e6
    floor = best_of(args.repeat, lambda: parse_floor(pages))
    models = []
    full = best_of(args.repeat, lambda: models.__setitem__(slice(None), [extract_page(n, d) for n, d in pages]))
    print(f"pages: {len(pages)} ({megabytes:.0f} MB)")
    print(f"lxml parse floor: {floor:.2f} s, {len(pages) / floor:.0f} pages/s")
    print(f"captioncheck extract: {full:.2f} s, {len(pages) / full:.0f} pages/s")
    print(f"ratio to the parse floor: {full / floor:.2f} (lint budget <= 5, aim 3)")
    counts: dict[str, Counter] = {}
    for page in models:
        source = page.path.split("/", 1)[0]
        count = counts.setdefault(source, Counter())
        count["pages"] += 1
        count["errors"] += bool(page.errors)
        for image in page.editorial:
            count["editorial"] += 1
            count["caption"] += image.caption is not None
            count["credit"] += image.credit is not None
            count["restricted"] += bool(image.restrictions)
    header = ("source", "pages", "editorial", "caption", "credit", "restr", "errors")
    print("\n{:32s} {:>6s} {:>9s} {:>8s} {:>7s} {:>6s} {:>6s}".format(*header))
    for source, count in sorted(counts.items()):
        print(f"{source:32s} {count['pages']:6d} {count['editorial']:9d} {count['caption']:8d} "
              f"{count['credit']:7d} {count['restricted']:6d} {count['errors']:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
