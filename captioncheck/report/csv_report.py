"""The CSV report, for a spreadsheet: one row a finding, with a header row (RFC 4180)."""

from __future__ import annotations

import csv
import io

from captioncheck.report import Report

HEADER = ("page", "image", "file", "caption", "credit", "rule", "severity", "message")


def render(report: Report) -> str:
    out = io.StringIO()
    # RFC 4180: CRLF after every row; fields with a comma, quote or line break quoted, quotes doubled.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for finding in report.sorted_findings():
        writer.writerow((finding.path, finding.image_number or "", finding.image_file or "",
                         finding.image_caption or "", finding.image_credit or "", finding.rule_id,
                         finding.severity, finding.message))
    return out.getvalue()
