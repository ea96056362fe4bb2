"""`captioncheck lint` on every fixture page against its golden output, and every rule shown in context.

Golden files are ``NAME.lint.txt`` beside each page; extra options for a page are in
``fixtures/lint/lint-options.yaml``. Rewrite them with CAPTIONCHECK_REGOLD=1 (see README).
"""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.engine.rules import builtin_rules
from tests.helpers import FIXTURES, ROOT, assert_golden, relative

PAGES = sorted([*FIXTURES.glob("extract/*.html"), *FIXTURES.glob("lint/*.html")])
OPTIONS = yaml.safe_load((FIXTURES / "lint" / "lint-options.yaml").read_text(encoding="utf-8")) or {}


def lint_output(page) -> str:
    args = ["lint", *OPTIONS.get(page.name, []), relative(page)]
    return CliRunner().invoke(main, args).stdout


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_lint_output_matches_golden_file(page, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the repository
    golden = page.with_suffix(".lint.txt")
    got = lint_output(page)
    assert_golden(golden, got)


def test_every_rule_is_shown_in_context_by_a_fixture_page():
    shown = set()
    for golden in FIXTURES.glob("*/*.lint.txt"):
        shown |= set(re.findall(r": (?:error|warning|info) (CC\d+) ", golden.read_text(encoding="utf-8")))
    assert {rule.id for rule in builtin_rules()} - shown == set()
