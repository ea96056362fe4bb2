"""Baselines: accept today's findings on old pages, fail only on new ones.

A baseline counts findings by rule, page and image (its URL or caption), never by line, so it
survives edits that move markup around. Applying it hides up to that many findings of each key;
entries that hide nothing any more are stale and can be pruned by writing the baseline again.
"""

from __future__ import annotations

import json
from collections import Counter

from captioncheck.report import Finding
from captioncheck.report.files import write_atomic

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read: exit code 2."""


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.rule_id, finding.path, finding.image_key


def render(findings: list[Finding], tool: dict) -> str:
    counts = Counter(_key(finding) for finding in findings)
    entries = [
        {"rule_id": rule, "path": path, "image_key": image, "count": count}
        for (rule, path, image), count in sorted(counts.items())
    ]
    return json.dumps({"version": VERSION, "tool": tool, "entries": entries}, indent=2, sort_keys=True) + "\n"


def write(path: str, findings: list[Finding], tool: dict) -> None:
    write_atomic(path, render(findings, tool))


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("version") != VERSION or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a captioncheck baseline (version {VERSION})")
        return Counter({(e["rule_id"], e["path"], e["image_key"]): int(e["count"]) for e in data["entries"]})
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"{path}: not a valid baseline file: {error}") from None


def apply(findings: list[Finding], baseline: Counter) -> tuple[list[Finding], int, list[dict]]:
    """The findings the baseline does not cover, how many it hid, and its stale entries."""
    left = Counter(baseline)
    kept, hidden = [], 0
    for finding in sorted(findings, key=Finding.sort_key):
        key = _key(finding)
        if left[key] > 0:
            left[key] -= 1
            hidden += 1
        else:
            kept.append(finding)
    stale = [
        {"rule_id": rule, "path": path, "image_key": image, "count": count}
        for (rule, path, image), count in sorted(left.items()) if count > 0
    ]
    return kept, hidden, stale
