"""What each stage of captioncheck costs on the shared corpus, as a ratio to the parse floor.

    python benchmarks/stages.py [CORPUS_DIR] [--repeat N]

Times plain ``lxml.html.document_fromstring`` over the corpus bytes (the floor), then the pipeline
cut after each stage: libxml2 alone, captioncheck's parse (decoding and its checks), the one tag
walk, image discovery with copy folding, page metadata, the whole extraction, and extraction plus
every built-in rule. Each line is cumulative, so the step between two lines is what that stage
adds. It shows how much of the budget is gone before any caption is looked for. Skips cleanly
when the corpus is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from captioncheck.engine import lint_page, select_rules
from captioncheck.engine.rules import load_rules
from captioncheck.extract import extract_page, images, metadata
from captioncheck.extract.page_index import Hints, PageIndex
from captioncheck.parse import parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_corpus import absent, best_of, corpus_parser, load, parse_floor  # noqa: E402

_BARE_PARSER = etree.HTMLParser(no_network=True, recover=True, huge_tree=True, collect_ids=False)
_NO_HINTS = Hints(placeholders=False, directives=False, microdata=False)


def _index(data: bytes) -> PageIndex | None:
    tree = parse(data).tree
    return None if tree is None else PageIndex.of(tree, _NO_HINTS)


def _images_and_metadata(data: bytes) -> None:
    index = _index(data)
    if index is not None:
        images.find(index)
        metadata.read(index)


def _images(data: bytes) -> None:
    index = _index(data)
    if index is not None:
        images.find(index)


def main() -> int:
    args = corpus_parser(__doc__).parse_args()
    if absent(args.corpus):
        return 0
    pages = load(args.corpus)
    ruleset = select_rules(load_rules())
    stages = {
        "libxml2 parse alone (etree)": lambda data: etree.fromstring(data, _BARE_PARSER) if data.strip() else None,
        "captioncheck parse (decoding, checks)": parse,
        "+ one tag walk (page index)": _index,
        "+ image discovery, copy folding": _images,
        "+ page metadata": _images_and_metadata,
        "full extraction": lambda data: extract_page("page", data),
        "full lint (extraction + rules)": lambda data: lint_page(extract_page("page", data), ruleset, None),
    }
    floor = best_of(args.repeat, lambda: parse_floor(pages))
    print(f"pages: {len(pages)}; lxml.html parse floor: {floor:.2f} s\n")
    print(f"{'stage (cumulative)':40s} {'seconds':>8s} {'ratio':>6s}")
    for name, stage in stages.items():
        seconds = best_of(args.repeat, lambda stage=stage: [stage(data) for _, data in pages])
        print(f"{name:40s} {seconds:8.2f} {seconds / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
