"""Findings and the report that holds them; one formatter module per output format.

Formatters know no rules: they read ``Report`` and write text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from captioncheck.findings import Finding  # re-exported: formats and callers read it from here
from captioncheck.summary import PageSummary
from captioncheck.version import __version__

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
# Bytes of thumbnail data (data: URIs) one report embeds at most: about 300 photos of a news site's
# usual detail (10-15 KB each), more of plain ones. The photos after it are linked instead, so that
# a report over a large archive stays a file a browser opens.
THUMBNAIL_BUDGET = 4_000_000


def tool_info() -> dict:
    """The ``tool`` block of every report and page model: who wrote it."""
    return {"name": "captioncheck", "version": __version__}


def photo(finding: Finding) -> str:
    """Which photo a finding is on, in words: 'photo 2: "Smoke rises above…", smoke.jpg'."""
    if finding.image_index is None:
        return ""
    name = f"photo {finding.image_number}" if finding.image_number else "decorative image"
    parts = []
    if finding.image_caption:
        parts.append(f'"{finding.image_caption}"')
    if finding.image_file:
        parts.append(finding.image_file if len(finding.image_file) <= 60 else finding.image_file[:59] + "…")
    return f"{name}: {', '.join(parts)}" if parts else name


def described(finding: Finding) -> str:
    """The message with the photo it is on, for formats that show only a message."""
    where = photo(finding)
    return f"{finding.message} [{where}]" if where else finding.message


class CheckedPage(Protocol):
    """What one checked page gives a report (the pipeline's ``Checked``): named here, so that
    reports need nothing from the pipeline above them."""

    path: str
    editorial_images: int
    findings: tuple[Finding, ...]
    suppressed: int
    summary: PageSummary | None  # present when the run was asked for page summaries (the HTML report)


@dataclass
class Report:
    """Everything one run found, in a deterministic order."""

    tool: dict
    context: str | None = None
    files: int = 0  # inputs checked: pages, and the folders among them that could not be walked
    folders: int = 0  # those folders, so that no message calls them files
    editorial_images: int = 0
    # A list, or a FindingSpool (report/spool.py) that keeps a large run's findings on disk.
    findings: list[Finding] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file checked, findings or not
    suppressed: int = 0  # findings silenced by the pages' own suppressions
    baseline: dict | None = None  # {"hidden": N, "stale": [...]} when a baseline was applied
    fail_on: str = "error"  # the lowest severity that fails the run: JUnit's failures
    pages: list[PageSummary] = field(default_factory=list)  # in input order, when summaries were made
    thumbnail_room: int = THUMBNAIL_BUDGET  # bytes of thumbnails still to be kept, over all pages
    thumbnails_linked: int = 0  # saved photos past the budget: linked, not embedded

    def add(self, checked: CheckedPage, keep_findings: bool = True) -> None:
        """Count one checked page in; its findings too, unless they were streamed out already."""
        if checked.summary is not None:
            self.add_summary(checked.summary)
        self.files += 1
        # An input that is a folder is one that could not be walked (a loop, no permission).
        self.folders += checked.path != "-" and os.path.isdir(checked.path)
        self.paths.append(checked.path)
        self.editorial_images += checked.editorial_images
        self.suppressed += checked.suppressed
        if keep_findings:
            self.findings.extend(checked.findings)

    def add_across(self, findings: Iterable[Finding], suppressed: int = 0, keep_findings: bool = True) -> None:
        """Count in the findings of the rules across pages, known once every page is checked: they
        are on pages already counted."""
        self.suppressed += suppressed
        if keep_findings:
            self.findings.extend(findings)

    def add_summary(self, summary: PageSummary) -> None:
        """Keep a page's summary, with its thumbnails while they fit in `thumbnail_room`: the first
        photos of the run, in input order, so the same run keeps the same ones."""
        made = [image.thumbnail for image in summary.images if image.thumbnail is not None]
        kept = 0
        for thumbnail in made:
            if len(thumbnail) > self.thumbnail_room:
                self.thumbnail_room = 0  # the photos after the first that does not fit are linked
                break
            self.thumbnail_room -= len(thumbnail)
            kept += 1
        self.thumbnails_linked += len(made) - kept
        self.pages.append(summary.keep_thumbnails(kept))

    def exit_code(self, fail_on: str = "error") -> int:
        """1 when a finding at or above `fail_on` (error, warning or info) exists, else 0.

        It is the exit code of ``captioncheck lint --fail-on FAIL_ON`` on the same findings (the CLI's
        ``--max-warnings`` and ``--exit-zero`` can change its own further).
        """
        return int(any(count and fails(severity, fail_on) for severity, count in self.counts().items()))

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        counted = getattr(self.findings, "severities", None)  # a spool counts as findings come
        if counted is not None:
            counts.update(counted)
            return counts
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def sorted_findings(self) -> Iterator[Finding] | list[Finding]:
        """The findings in report order; from a spool, read as they are written, never all at once."""
        if hasattr(self.findings, "sorted"):
            return self.findings.sorted()
        return sorted(self.findings, key=Finding.sort_key)

    def to_dict(self, findings: bool = True) -> dict:
        """The JSON report as a dict; without `findings`, all of it but the findings' list."""
        data = {
            "tool": self.tool,
            "context": self.context,
            "summary": {
                "files": self.files,
                "editorial_images": self.editorial_images,
                "findings": self.counts(),
                "suppressed": self.suppressed,
            },
        }
        if findings:
            data["findings"] = [finding.to_dict() for finding in self.sorted_findings()]
        if self.baseline is not None:
            data["baseline"] = self.baseline
        return data


def fails(severity: str, fail_on: str = "error") -> bool:
    """Does a finding of `severity` fail a run that fails on `fail_on`? The one answer the exit
    code, the API and JUnit's failures share."""
    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"unknown fail_on {fail_on!r}: use one of {', '.join(SEVERITIES)}")
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


def exit_code(findings: Iterable[Finding], fail_on: str = "error") -> int:
    """1 when one of `findings` is at or above severity `fail_on`, else 0."""
    return int(any(fails(finding.severity, fail_on) for finding in findings))
