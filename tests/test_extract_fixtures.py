"""Extraction on hand-written pages modelled on real publishers' markup.

Each ``fixtures/extract/NAME.html`` has two expectations beside it:
- ``NAME.expect.yaml``: what a photo editor reading the page says is there, written by hand;
- ``NAME.extract.json``: the golden page model, the full output of ``captioncheck extract``.
The first checks that extraction is right; the second that nothing changes unnoticed.
"""

from __future__ import annotations

import json

import pytest
import yaml

from captioncheck.extract import extract_page
from tests.helpers import EXTRACT_FIXTURES, assert_golden, relative

PAGES = sorted(EXTRACT_FIXTURES.glob("*.html"))


def _model(page_path):
    return extract_page(relative(page_path), page_path.read_bytes())


@pytest.mark.parametrize("page_path", PAGES, ids=lambda p: p.stem)
def test_page_matches_hand_expectation(page_path):
    check_expectation(page_path)


GAPS = sorted((EXTRACT_FIXTURES.parent / "gaps").glob("*.html"))


@pytest.mark.xfail(strict=True, reason="known gap: see fixtures/gaps/README.md")
@pytest.mark.parametrize("page_path", GAPS, ids=lambda p: p.stem)
def test_known_gap_still_misses_its_expectation(page_path):
    """Pages whose right answer captioncheck does not give yet. Strict: fixing one fails this test,
    and the page then moves to fixtures/extract/."""
    check_expectation(page_path)


def check_expectation(page_path):
    expected = yaml.safe_load(page_path.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
    page = _model(page_path)
    assert page.errors == ()
    for field, value in expected["page"].items():
        assert getattr(page, field) == value, field
    editorial = page.editorial
    wanted_keys = [image["src"] for image in expected["editorial"]]
    found_keys = [_matching_key(image, wanted_keys) for image in editorial]
    assert found_keys == wanted_keys, "editorial images differ (order, missing or extra)"
    for want, got in zip(expected["editorial"], editorial, strict=True):
        for field in ("alt", "caption", "credit"):
            if field in want:
                assert getattr(got, field) == want[field], f"{want['src']}: {field}"
        if "restrictions" in want:
            codes = sorted({r.code for r in got.restrictions if r.code != "DESK_NOTE"})
            assert codes == sorted(set(want["restrictions"])), f"{want['src']}: restrictions"
    for key in expected.get("decorative") or ():
        matches = [image for image in page.images if key in _urls(image)]
        assert matches, f"decorative image {key} not found at all"
        assert all(image.kind == "decorative" and image.reason for image in matches), key
    for key in expected.get("not_images") or ():
        assert not [image for image in page.images if key in _urls(image)], key


def _urls(image) -> str:
    return " ".join(filter(None, (image.src, *image.srcset)))


def _matching_key(image, keys: list[str]) -> str | None:
    return next((key for key in keys if key in _urls(image)), image.src)


@pytest.mark.parametrize("page_path", PAGES, ids=lambda p: p.stem)
def test_page_model_matches_golden_file(page_path):
    golden = page_path.with_suffix(".extract.json")
    got = json.dumps(_model(page_path).to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert_golden(golden, got)
