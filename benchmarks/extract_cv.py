"""Leave-one-publisher-out: how extraction does on publishers its weights never saw.

    python benchmarks/extract_cv.py [CORPUS_DIR] [--labels DIR]... [--verbose]

For each publisher among the labelled pages (../shared/labels and benchmarks/labels), fit the
weights on every other publisher's pages (captioncheck.train's recipe) and score that
publisher's pages with them; the sum over publishers predicts unseen pages. Then the weights
fitted on everything, scored on the same pages (what the shipped weights do on pages they were
fitted on). Scoring is captioncheck.evaluate's, the shared scorer's rules. Each page is parsed
once: the folds only decide again. Skips cleanly when the corpus or the labels are absent.
"""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.extract_corpus import absent, corpus_parser  # noqa: E402
from captioncheck import train  # noqa: E402
from captioncheck.evaluate import Label, Score, labels_in, score_page  # noqa: E402
from captioncheck.extract import decide_page  # noqa: E402


def labels_parser(description: str):
    """The arguments of the benchmarks that score labelled pages: the corpus, --labels, --verbose."""
    parser = corpus_parser(description, repeat=False)
    parser.set_defaults(corpus=train.DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, action="append", help="a folder of label files (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="per publisher, and every miss")
    return parser


def labelled(args) -> list[Label] | None:
    """The labelled pages to score, or None, after saying why, when there are none to measure."""
    if absent(args.corpus):
        return None
    folders = train.label_folders(args.labels)
    labels = labels_in(folders, args.corpus)
    if not labels:
        print(f"skipped: no labelled pages in {', '.join(map(str, folders))}")
        return None
    return labels


def main() -> int:
    parser = labels_parser(__doc__)
    parser.add_argument("--no-fixtures", action="store_true",
                        help="fit without the fixture pages' expectations (the rules' examples stay)")
    args = parser.parse_args()
    labels = labelled(args)
    if labels is None:
        return 0
    pages = train.collect(labels)
    fixtures = train.extra_pages(fixtures=not args.no_fixtures)
    publishers = sorted({label.publisher for label, _ in pages})
    held_out, held_out_fundus = Score(), Score()
    for publisher, decided in groupby(train.held_out(pages, fixtures), key=lambda item: item[0]):
        mine = Score()
        for _, label, page in decided:
            score = score_page(label, page)
            mine.add(score)
            if label.path.stem.startswith("fundus__"):
                held_out_fundus.add(score)
        held_out.add(mine)
        if args.verbose:
            print(f"  {publisher[:40]:40s} {mine.line()}")
            for miss in mine.misses:
                print(f"      {miss}")
    everything = train.Examples()
    for label, page in pages + fixtures:
        everything.extend(train.examples_of(label, page))
    model = train.fit(everything)
    fitted = Score()
    for label, page in pages:
        fitted.add(score_page(label, decide_page(page, model)))
    print(f"labelled pages: {len(pages)}, publishers: {len(publishers)}; fixture pages and rule examples "
          f"fitted on too: {len(fixtures)}")
    print(f"leave-one-publisher-out:        {held_out.line()}")
    print(f"  of which 2023-2026 (fundus):  {held_out_fundus.line()}")
    print(f"fitted on everything:           {fitted.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
