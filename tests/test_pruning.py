"""Images the weights could never call editorial are not searched for captions (the exact bound in
``signals.best_case_logit``): the page model must be what the full search gives, save the scores
of images that end decorative either way."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import EXTRACT_FIXTURES, FIXTURES

from captioncheck.extract import decide_page, observe, signals, weights
from captioncheck.extract.page_index import Hints
from captioncheck.parse import parse

PAGES = sorted([*EXTRACT_FIXTURES.glob("*.html"), *(FIXTURES / "lint").glob("*.html")])


def _model(path, prune: bool):
    data = path.read_bytes()
    parsed = parse(data)
    if parsed.tree is None:  # no page to search (an empty file)
        return None
    model = weights.builtin()
    seen = observe(path.name, parsed.tree, parsed.errors, Hints.of(data, parsed.encoding),
                   prune_with=model if prune else None)
    return decide_page(seen, model)


def _answers(page):
    if page is None:
        return None
    """Everything rules read: for a decorative image, what its texts would have said is left out
    (its score, evidence, caption and credit: no rule reads them)."""
    return [image if image.kind == "editorial" else
            dataclasses.replace(image, confidence=0.0, evidence=None, caption=None, credit=None, credit_parts=None,
                                caption_repeated=False, credit_hidden=None)
            for image in page.images]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_pruned_search_gives_the_full_search_answers(path):
    assert _answers(_model(path, prune=True)) == _answers(_model(path, prune=False))


def test_a_page_without_figcaptions_can_give_no_figcaption_evidence():
    assert "has_figcaption" not in signals.possible_evidence(has_figcaption=False)
    assert signals.possible_evidence(has_figcaption=True) == signals.CAPTION_EVIDENCE


def test_the_bound_drops_what_a_page_cannot_give():
    model = weights.builtin().editorial
    base = {"in_text_region": 1.0}
    full = signals.best_case_logit(base, model)
    without = signals.best_case_logit(base, model, signals.possible_evidence(has_figcaption=False))
    assert without == pytest.approx(full - max(0.0, model.weights["has_figcaption"]))
    assert without < full
