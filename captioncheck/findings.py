"""A finding: one rule's verdict on one page (and photo), as every report format renders it.

It sits below the rule engine that raises findings and the reports that write them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from captioncheck.text import comparison_key


@dataclass(frozen=True)
class Finding:
    rule_id: str
    rule_name: str
    severity: str
    message: str
    path: str
    line: int | None
    image_index: int | None
    image_src: str | None
    evidence: str | None
    fingerprint: str
    image_key: str = ""  # which image, by URL or caption: what baselines count by
    # Which photo, as an editor finds it on the page: its 1-based number among the page's
    # editorial photos (None for a decorative image), the first words of its caption (or alt),
    # its file name as the page spells it, and the 1-based column of its tag where that is exact.
    image_number: int | None = None
    image_caption: str | None = None
    image_file: str | None = None
    column: int | None = None
    snippet: str | None = None  # the image's tag as the page writes it, where the column is known
    image_credit: str | None = None  # the photo's visible credit, whole, as the page prints it

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.image_index if self.image_index is not None else -1,
                self.rule_id, self.message)

    def to_dict(self) -> dict:
        return asdict(self)


def fingerprint(rule_id: str, path: str, image_key: str, evidence: str | None) -> str:
    """Stable across moved lines: the rule, the page, which image (by URL or caption), the words."""
    text = "\x1f".join((rule_id, path, image_key, comparison_key(evidence)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
