"""JUnit XML as ESLint's ``junit`` formatter writes it (lib/cli-engine/formatters/junit.js).

One ``<testsuite>`` per page and one ``<testcase name="captioncheck.RULE-ID">`` per finding, each with a
``<failure>``. ESLint gives every message a ``<failure>``, warnings included, and keeps ``<error>`` for
fatal parse errors; captioncheck reports unreadable pages as ordinary findings (CC001), so every
finding, at any severity, is a ``<failure>`` and the body says its severity. ``failures`` counts them and
``errors`` stays 0 (ESLint writes ``errors=N`` beside ``<failure>`` elements, which JUnit readers count
differently). A page without findings gets one passing testcase, as ESLint does, so dashboards list it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from captioncheck.engine.rules import Rule
from captioncheck.report import Finding, Report, described

PACKAGE = "org.captioncheck"
# Characters XML 1.0 cannot hold even escaped; a saved page can carry them into a message.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case_name(finding: Finding) -> str:
    """The rule and which photo: one page's testcases for one rule differ by photo."""
    name = f"captioncheck.{finding.rule_id}"
    if finding.image_index is not None:
        name += f" photo {finding.image_number}" if finding.image_number else " decorative image"
        name += f" {finding.image_file}" if finding.image_file else ""
    return name


def _testcase(suite: ET.Element, path: str, finding: Finding) -> None:
    case = ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(_case_name(finding)),
                                             "time": "0"})
    message = described(finding)
    failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": finding.severity})
    column = f", column {finding.column}" if finding.column else ""
    failure.text = _clean(f"line {finding.line or 0}{column}, {finding.severity}: {message}")


def render(report: Report, rules: tuple[Rule, ...] = (), paths: list[str] | None = None) -> str:
    """``paths``: every page the run read (default ``report.paths``), so clean pages show as passing."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.sorted_findings():
        by_path[finding.path].append(finding)
    root = ET.Element("testsuites")
    for path in sorted(set(report.paths if paths is None else paths) | set(by_path)):
        findings = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(path), "tests": str(len(findings) or 1), "failures": str(len(findings)), "errors": "0",
            "package": PACKAGE, "time": "0",
        })
        for finding in findings:
            _testcase(suite, path, finding)
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(path), "time": "0"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
