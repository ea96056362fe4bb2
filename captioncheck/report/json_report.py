"""The JSON report that programs read; its schema is ``schemas/report.schema.json``."""

from __future__ import annotations

import json

from captioncheck.report import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
