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
