"""The output formats by name: each renders a Report (and the rules it used) to text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from captioncheck.engine.rules import Rule
from captioncheck.report import Report, csv_report, github, gitlab, html, json_report, junit, sarif, text


def finding_line(finding) -> str:
    return json.dumps(finding.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"


def _jsonl_pieces(report: Report, rules: tuple[Rule, ...]) -> Iterator[str]:
    """One finding a line, for streams and large runs."""
    return (finding_line(finding) for finding in report.sorted_findings())


def _jsonl(report: Report, rules: tuple[Rule, ...]) -> str:
    return "".join(_jsonl_pieces(report, rules))


# The formats written in pieces, their findings rendered as they are read from the run's spool:
# a report over a large run is never one string in memory.
PIECES = {
    "json": lambda report, rules: json_report.pieces(report),
    "jsonl": _jsonl_pieces,
    "sarif": sarif.pieces,
    "csv": lambda report, rules: csv_report.pieces(report),
    "gitlab": gitlab.pieces,
}

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


def pieces(name: str, report: Report, rules: tuple[Rule, ...]) -> Iterable[str]:
    """The report in pieces to write one after another: the same text as ``render``."""
    return PIECES[name](report, rules) if name in PIECES else (render(name, report, rules),)
