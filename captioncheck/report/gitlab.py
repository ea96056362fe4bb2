"""GitLab Code Quality report: the JSON array GitLab reads from ``artifacts:reports:codequality``.

Fields as in GitLab's "Code Quality report format": ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical, blocker), ``location.path`` (repository-relative) and
``location.lines.begin``. GitLab shows only the first issue of a fingerprint, so a fingerprint that two
findings share is made unique, deterministically, from the fingerprint and its occurrence number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from captioncheck.engine.rules import Rule
from captioncheck.report import Report, described
from captioncheck.report.sarif import relative_path
from captioncheck.report.streaming import PLACEHOLDER, json_pieces

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _unique(fingerprint: str, used: set[str]) -> str:
    candidate, occurrence = fingerprint, 0
    while candidate in used:
        occurrence += 1
        candidate = hashlib.sha256(f"{fingerprint}\x1f{occurrence}".encode()).hexdigest()[:32]
    used.add(candidate)
    return candidate


def pieces(report: Report, rules: tuple[Rule, ...] = ()) -> Iterator[str]:
    """The array in pieces, its issues rendered as they are read (see streaming.py). The set of
    fingerprints used is kept: GitLab needs each to be unique."""
    used: set[str] = set()
    issues = ({
        "description": described(finding),
        "check_name": finding.rule_id,
        "fingerprint": _unique(finding.fingerprint, used),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": relative_path(finding.path), "lines": {"begin": finding.line or 1}},
    } for finding in report.sorted_findings())
    return json_pieces(PLACEHOLDER, issues)


def render(report: Report, rules: tuple[Rule, ...] = ()) -> str:
    return "".join(pieces(report, rules))
