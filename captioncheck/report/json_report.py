"""The JSON report that programs read; its schema is ``schemas/report.schema.json``."""

from __future__ import annotations

from collections.abc import Iterator

from captioncheck.report import Report
from captioncheck.report.streaming import PLACEHOLDER, json_pieces


def pieces(report: Report) -> Iterator[str]:
    """The report in pieces, its findings rendered as they are read (see streaming.py)."""
    document = report.to_dict(findings=False)
    document["findings"] = PLACEHOLDER
    return json_pieces(document, (finding.to_dict() for finding in report.sorted_findings()))


def render(report: Report) -> str:
    return "".join(pieces(report))
