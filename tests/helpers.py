"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EXTRACT_FIXTURES = FIXTURES / "extract"
# Set CAPTIONCHECK_REGOLD=1 to rewrite golden files after a deliberate change (see README).
REGOLD = os.environ.get("CAPTIONCHECK_REGOLD") == "1"


def relative(path: Path) -> str:
    """A fixture's name as reports show it: relative to the repository, with forward slashes."""
    return path.relative_to(ROOT).as_posix()


def assert_golden(golden: Path, got: str) -> None:
    """`got` must be the golden file's text; CAPTIONCHECK_REGOLD=1 rewrites it, and a missing one is
    written and fails once, to be read before it is trusted."""
    import pytest

    if REGOLD or not golden.exists():
        golden.write_text(got, encoding="utf-8")
        if not REGOLD:
            pytest.fail(f"wrote a new golden file {golden.name}: check it, then run again")
    assert got == golden.read_text(encoding="utf-8")


def count_checks(monkeypatch) -> list[str]:
    """The names of the pages `pipeline.check` runs on from now on (a cached page is not checked)."""
    from captioncheck import pipeline

    checked: list[str] = []
    original = pipeline.check

    def counting(document, settings):
        checked.append(document.name)
        return original(document, settings)

    monkeypatch.setattr(pipeline, "check", counting)
    return checked
