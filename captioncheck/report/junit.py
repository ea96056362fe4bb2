"""JUnit XML in the shape of ESLint's ``junit`` formatter (lib/cli-engine/formatters/junit.js).

One ``<testsuite>`` per page and one ``<testcase>`` per finding. Unlike ESLint, which fails a test for
every message, only findings at or above the run's failing severity (``--fail-on``, ``Report.fail_on``)
are ``<failure>``s: the others are passing test cases that carry the finding in ``<system-out>``, so a
green run shows no failed tests and a red one shows just what failed it. Test case names are unique in
their suite, by rule and image (``captioncheck.CC101 image 2``). ``failures`` counts the failures and
``errors`` stays 0 (unreadable pages are ordinary CC001 findings). A page without findings gets one
passing testcase, as ESLint does, so dashboards list it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

from captioncheck.engine.rules import Rule
from captioncheck.report import Finding, Report, described, fails

PACKAGE = "org.captioncheck"
# Characters XML 1.0 cannot hold even escaped; a saved page can carry them into a message.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _name(finding: Finding) -> str:
    """The rule and which photo: one page's testcases for one rule differ by photo."""
    name = f"captioncheck.{finding.rule_id}"
    if finding.image_index is not None:
        # a decorative image has no photo number: its place among all the page's images tells it apart
        name += f" photo {finding.image_number}" if finding.image_number else f" image {finding.image_index + 1}"
        name += f" {finding.image_file}" if finding.image_file else ""
    return name


def _testcase(suite: ET.Element, path: str, finding: Finding, name: str, failed: bool) -> None:
    case = ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(name), "time": "0"})
    message = described(finding)
    column = f", column {finding.column}" if finding.column else ""
    body = _clean(f"line {finding.line or 0}{column}, {finding.severity}: {message}")
    if failed:
        failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": finding.severity})
        failure.text = body
    else:
        ET.SubElement(case, "system-out").text = body


def render(report: Report, rules: tuple[Rule, ...] = (), paths: list[str] | None = None) -> str:
    """``paths``: every page the run read (default ``report.paths``), so clean pages show as passing."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.sorted_findings():
        by_path[finding.path].append(finding)
    root = ET.Element("testsuites")
    for path in sorted(set(report.paths if paths is None else paths) | set(by_path)):
        findings = by_path.get(path, [])
        failed = [fails(finding.severity, report.fail_on) for finding in findings]
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(path), "tests": str(len(findings) or 1), "failures": str(sum(failed)), "errors": "0",
            "package": PACKAGE, "time": "0",
        })
        seen: Counter[str] = Counter()
        for finding, is_failure in zip(findings, failed, strict=True):
            name = _name(finding)
            seen[name] += 1
            # the same rule twice on one image (or on the page itself): numbered, in report order
            _testcase(suite, path, finding, name if seen[name] == 1 else f"{name} ({seen[name]})", is_failure)
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(path), "time": "0"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
