"""SARIF 2.1.0 (OASIS), shaped for GitHub code scanning's ``upload-sarif``.

Follows the OASIS SARIF 2.1.0 schema and GitHub's "SARIF support for code scanning" page: every rule
has ``shortDescription``, ``fullDescription`` and ``help``; every result has ``partialFingerprints``
(our line-independent fingerprint) and a repository-relative ``artifactLocation.uri`` under
``%SRCROOT%`` (a fetched page: its own URL). No timestamps or absolute paths, so the same run gives
the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata
from urllib.parse import quote

from captioncheck.engine.rules import Rule
from captioncheck.report import Finding, Report, described
from captioncheck.report.streaming import PLACEHOLDER, json_pieces

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "captioncheck/v1"
SRCROOT = "%SRCROOT%"
_FETCHED = re.compile(r"https?://", re.IGNORECASE)
_URI_CHARACTERS = "/:?#[]@!$&'()*+,;=%~"  # RFC 3986's reserved ones, and % of what is already encoded
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@lru_cache(maxsize=1)
def information_uri() -> str | None:
    """The project's page as its package metadata names it (setup.cfg ``url``, else the first of
    ``project_urls``), or None: informationUri is optional, and left out beats a page that does not exist."""
    try:
        meta = metadata.metadata("captioncheck")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return None
    candidates = [meta.get("Home-page") or ""]
    candidates += [entry.partition(",")[2].strip() for entry in meta.get_all("Project-URL") or []]
    return next((uri for uri in candidates if uri.startswith(("https://", "http://"))), None)


def relative_path(path: str) -> str:
    """The path with forward slashes, relative to the working directory when it was absolute, no leading ./."""
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # on another Windows drive nothing relative exists
            path = os.path.relpath(path)
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def artifact_uri(path: str) -> str:
    """A relative URI reference for a report path (spaces and other unsafe characters percent-encoded);
    a fetched page's http(s) URL is its own absolute URI."""
    if _FETCHED.match(path):
        return quote(path, safe=_URI_CHARACTERS)
    return quote(relative_path(path), safe="/")


def _artifact_location(uri: str) -> dict:
    """Relative URIs are from the source root; a fetched page's absolute URI stands alone (SARIF 3.4.4)."""
    return {"uri": uri} if _FETCHED.match(uri) else {"uri": uri, "uriBaseId": SRCROOT}


def _descriptor(rule: Rule) -> dict:
    explain = f"Run `captioncheck explain {rule.id}` for failing and passing examples."
    descriptor = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\n{explain.replace('`', '')}", "markdown": f"{rule.why}\n\n{explain}"},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": sorted(rule.tags)},
    }
    if rule.url and rule.url.startswith(("https://", "http://")):  # a rule file's own page; SARIF needs a URI
        descriptor["helpUri"] = rule.url
    return descriptor


def _location(uri: str, index: int, finding: Finding) -> dict:
    line = finding.line
    region = {"startLine": line if line and line > 0 else 1}
    if line and finding.column:
        region["startColumn"] = finding.column
        if finding.snippet:  # the image's tag, which the region then spans
            region["endColumn"] = finding.column + len(finding.snippet)
            region["snippet"] = {"text": finding.snippet}
    return {"physicalLocation": {
        "artifactLocation": {**_artifact_location(uri), "index": index},
        "region": region,
    }}


def _result(finding: Finding, rule_index: dict[str, int], artifact_index: dict[str, int]) -> dict:
    uri = artifact_uri(finding.path)
    result = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": described(finding)},
        "locations": [_location(uri, artifact_index[uri], finding)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    image = {"imageIndex": finding.image_index, "imageSrc": finding.image_src}
    image = {key: value for key, value in image.items() if value is not None}
    if image:
        result["properties"] = image
    return result


def sarif_log(report: Report, rules: tuple[Rule, ...] = ()) -> dict:
    """The SARIF log as a dict, for callers that want to add to it."""
    log, results = _log(report, rules)
    log["runs"][0]["results"] = list(results)
    return log


def _log(report: Report, rules: tuple[Rule, ...]) -> tuple[dict, Iterator[dict]]:
    """The log with a placeholder for its results, and the results, made as they are read."""
    ordered = sorted(rules, key=lambda rule: rule.id)
    rule_index = {rule.id: index for index, rule in enumerate(ordered)}
    uris = sorted({artifact_uri(finding.path) for finding in report.findings})
    artifact_index = {uri: index for index, uri in enumerate(uris)}
    driver = {
        "name": "captioncheck",
        "version": str(report.tool.get("version", "")),
        "rules": [_descriptor(rule) for rule in ordered],
    }
    if information_uri():
        driver["informationUri"] = information_uri()
    run = {
        "tool": {"driver": driver},
        "artifacts": [{"location": _artifact_location(uri)} for uri in uris],
        "columnKind": "unicodeCodePoints",  # columns count Python's characters, not UTF-16 units
        "invocations": [{"executionSuccessful": True}],
        "results": PLACEHOLDER,
    }
    if report.context:
        run["properties"] = {"context": report.context}
    results = (_result(finding, rule_index, artifact_index) for finding in report.sorted_findings())
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, results


def pieces(report: Report, rules: tuple[Rule, ...] = ()) -> Iterator[str]:
    """The log in pieces, its results rendered as they are read (see streaming.py)."""
    return json_pieces(*_log(report, rules))


def render(report: Report, rules: tuple[Rule, ...] = ()) -> str:
    return "".join(pieces(report, rules))
