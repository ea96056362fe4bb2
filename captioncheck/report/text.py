"""The text report a person reads: one line a finding, then a summary."""

from __future__ import annotations

from captioncheck.report import Finding, Report, described


def format_finding(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    if finding.line and finding.column:
        where += f":{finding.column}"
    return f"{where}: {finding.severity} {finding.rule_id} {finding.rule_name}: {described(finding)}"


def render(report: Report) -> str:
    lines = [format_finding(finding) for finding in report.sorted_findings()]
    counts = report.counts()
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    images = f"{report.editorial_images} editorial image{'s' if report.editorial_images != 1 else ''}"
    found = ", ".join(f"{counts[severity]} {severity}{'s' if counts[severity] != 1 else ''}"
                      for severity in ("error", "warning", "info"))
    context = f" (context: {report.context})" if report.context else ""
    suppressed = f", {report.suppressed} suppressed in the pages" if report.suppressed else ""
    lines.append(f"{files}, {images}: {found}{suppressed}{context}")
    if report.baseline is not None:
        stale = report.baseline["stale"]
        lines.append(f"baseline {report.baseline['file']}: {report.baseline['hidden']} finding(s) hidden, "
                     f"{len(stale)} stale entr{'y' if len(stale) == 1 else 'ies'}")
        lines += [f"  stale: {entry['rule_id']} {entry['path']} {entry['image_key']} (x{entry['count']})"
                  for entry in stale]
    return "\n".join(lines) + "\n"
