"""The text report a person reads: one line a finding, then a summary."""

from __future__ import annotations

import click

from captioncheck.report import Finding, Report, described

# Severity colours on a terminal (--color); ANSI SGR codes, as click.style writes them.
COLOURS = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow"}, "info": {"fg": "cyan"}}


def format_finding(finding: Finding, color: bool = False) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    if finding.line and finding.column:
        where += f":{finding.column}"
    severity = click.style(finding.severity, **COLOURS[finding.severity]) if color else finding.severity
    return f"{where}: {severity} {finding.rule_id} {finding.rule_name}: {described(finding)}"


def statistics(report: Report) -> list[str]:
    """Findings per rule, as ruff --statistics prints them: count, id, name; most found first, then by id."""
    counts: dict[tuple[str, str], int] = {}
    for finding in report.findings:
        key = (finding.rule_id, finding.rule_name)
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    count_width = max((len(str(count)) for count in counts.values()), default=1)
    id_width = max((len(rule_id) for rule_id, _ in counts), default=1)
    return [f"{count:>{count_width}}\t{rule_id:<{id_width}}\t{name}" for (rule_id, name), count in ordered]


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


def render(report: Report, *, per_rule: bool = False, quiet: bool = False, color: bool = False) -> str:
    """The findings (or with `per_rule`, their counts by rule), then the summary unless `quiet`."""
    findings = report.sorted_findings()
    lines = statistics(report) if per_rule else [format_finding(finding, color) for finding in findings]
    if quiet:
        return "".join(line + "\n" for line in lines)
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
