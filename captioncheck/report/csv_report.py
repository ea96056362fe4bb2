"""The CSV report, for a spreadsheet: one row a finding, with a header row (RFC 4180)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from captioncheck.report import Report

HEADER = ("page", "image", "file", "caption", "credit", "rule", "severity", "message")
# A spreadsheet runs a cell that opens with one of these as a formula; page text is never one.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def pieces(report: Report, batch: int = 256) -> Iterator[str]:
    """The rows in pieces of `batch` rows, as they are read from the run's findings."""
    out = io.StringIO()
    # RFC 4180: CRLF after every row; fields with a comma, quote or line break quoted, quotes doubled.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for number, finding in enumerate(report.sorted_findings(), 1):
        writer.writerow(tuple(map(_cell, (
            finding.path, finding.image_number or "", finding.image_file or "", finding.image_caption or "",
            finding.image_credit or "", finding.rule_id, finding.severity, finding.message))))
        if number % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def render(report: Report) -> str:
    return "".join(pieces(report))
