"""The text report a person reads: one line a finding, then a summary."""

from __future__ import annotations

from captioncheck.report import Finding, Report, described


def format_finding(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    if finding.line and finding.column:
        where += f":{finding.column}"
    return f"{where}: {finding.severity} {finding.rule_id} {finding.rule_name}: {described(finding)}"


def counted(number: int, noun: str) -> str:
    """'1 file', '2 files', '2 entries'; 'info' is a mass noun: '2 info'."""
    if number == 1 or noun == "info":
        return f"{number} {noun}"
    return f"{number} {noun[:-1]}ies" if noun.endswith("y") else f"{number} {noun}s"


def inputs_checked(report: Report) -> str:
    """'3 files', or '3 files, 1 folder' when folders that could not be walked were reported: never a folder
    called a file."""
    files = counted(report.files - report.folders, "file")
    return f"{files}, {counted(report.folders, 'folder')}" if report.folders else files


def render(report: Report) -> str:
    lines = [format_finding(finding) for finding in report.sorted_findings()]
    counts = report.counts()
    images = counted(report.editorial_images, "editorial image")
    found = ", ".join(counted(counts[severity], severity) for severity in ("error", "warning", "info"))
    context = f" (context: {report.context})" if report.context else ""
    suppressed = f", {report.suppressed} suppressed in the pages" if report.suppressed else ""
    lines.append(f"{inputs_checked(report)}, {images}: {found}{suppressed}{context}")
    if report.baseline is not None:
        stale = report.baseline["stale"]
        lines.append(f"baseline {report.baseline['file']}: {counted(report.baseline['hidden'], 'finding')} hidden, "
                     f"{counted(len(stale), 'stale entry')}")
        lines += [f"  stale: {entry['rule_id']} {entry['path']} {entry['image_key']} (x{entry['count']})"
                  for entry in stale]
    return "\n".join(lines) + "\n"
