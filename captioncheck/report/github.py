"""GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``), then the text report.

Escaping is that of @actions/toolkit ``packages/core/src/command.ts``: the message escapes ``%``, CR and
LF; property values also escape ``:`` and ``,``. GitHub shows at most 10 annotations of each level per
step and drops the rest silently, so the plain text report follows the commands and every finding
reaches the log. ``step_summary`` writes Markdown for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from captioncheck.engine.rules import Rule
from captioncheck.report import SEVERITIES, SEVERITY_RANK, Finding, Report, described
from captioncheck.report import text as text_report
from captioncheck.report.sarif import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_ROWS = 100


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding) -> str:
    properties = {"file": relative_path(finding.path)}
    if finding.line:
        properties["line"] = str(finding.line)
        if finding.column:
            properties["col"] = str(finding.column)
    properties["title"] = f"{finding.rule_id} {finding.rule_name}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(described(finding))}"


# The plain lines are wrapped in stop-commands, so a page whose name starts with "::" cannot issue one.
_PAUSE = "captioncheck-plain-report"


def render(report: Report, rules: tuple[Rule, ...] = ()) -> str:
    commands = "".join(workflow_command(finding) + "\n" for finding in report.sorted_findings())
    return f"{commands}::stop-commands::{_PAUSE}\n{text_report.render(report)}::{_PAUSE}::\n"


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("&", "&amp;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def step_summary(report: Report) -> str:
    counts = report.counts()
    context = f" (context: {_cell(report.context)})" if report.context else ""
    lines = ["## captioncheck", "",
             f"{text_report.inputs_checked(report)}, {text_report.counted(report.editorial_images, 'editorial image')}"
             f"{context}", "",
             "| Severity | Findings |", "| --- | ---: |"]
    lines += [f"| {severity} | {counts[severity]} |" for severity in SEVERITIES]
    # errors first, so the cap drops the least severe rows
    findings = sorted(report.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
    if findings:
        lines += ["", "| Severity | Rule | File | Line | Message |", "| --- | --- | --- | ---: | --- |"]
        lines += [f"| {f.severity} | {f.rule_id} {f.rule_name} | {_cell(relative_path(f.path))} | {f.line or ''} "
                  f"| {_cell(described(f))} |" for f in findings[:SUMMARY_ROWS]]
        if len(findings) > SUMMARY_ROWS:
            lines += ["", f"…and {len(findings) - SUMMARY_ROWS} more: see the job log for every finding."]
    else:
        lines += ["", "No findings."]
    return "\n".join(lines) + "\n"
