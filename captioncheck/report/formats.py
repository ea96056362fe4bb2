"""The output formats by name: each renders a Report (and the rules it used) to text."""

from __future__ import annotations

import json

from captioncheck.engine.rules import Rule
from captioncheck.report import Report, csv_report, github, gitlab, html, json_report, junit, sarif, text


def finding_line(finding) -> str:
    return json.dumps(finding.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"


def _jsonl(report: Report, rules: tuple[Rule, ...]) -> str:
    """One finding a line, for streams and large runs."""
    return "".join(finding_line(finding) for finding in report.sorted_findings())


FORMATS = {
    "text": lambda report, rules: text.render(report),
    "json": lambda report, rules: json_report.render(report),
    "jsonl": _jsonl,
    "sarif": sarif.render,
    "junit": lambda report, rules: junit.render(report, rules, report.paths),
    "github": github.render,
    "gitlab": gitlab.render,
    "csv": lambda report, rules: csv_report.render(report),
    "html": html.render,
}
# Formats that show each page's photos: the run keeps a summary of every page for them.
NEEDS_SUMMARIES = frozenset({"html"})


def render(name: str, report: Report, rules: tuple[Rule, ...]) -> str:
    return FORMATS[name](report, rules)
