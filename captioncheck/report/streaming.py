"""One-document reports written piece by piece: the document is rendered with a placeholder for its
long list, and the list's items are rendered one by one into the placeholder's place, indented as
``json.dumps(..., indent=2)`` would indent them. The text is the same as rendering the whole document
at once (tests compare both), without a run's findings ever being one string or one list in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

# A string no report holds (a NUL is never left in a page's text, and rule files are YAML text).
PLACEHOLDER = "\x00captioncheck: the items go here\x00"
_RENDERED = json.dumps(PLACEHOLDER)
BATCH = 256  # items a piece of output


def dumps(data) -> str:
    """Every JSON report's form: UTF-8 characters as they are, two-space indent, sorted keys."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def json_pieces(document: dict | str, items: Iterable) -> Iterator[str]:
    """The text of ``dumps(document) + "\\n"`` once the PLACEHOLDER value in `document` is replaced
    by the list of `items`, in pieces."""
    text = dumps(document) + "\n"
    head, found, tail = text.partition(_RENDERED)
    if not found or _RENDERED in tail:
        raise ValueError("the document must hold the placeholder exactly once")
    line = head[head.rfind("\n") + 1:]  # the placeholder's key, indented as the list's brackets go
    outer = " " * (len(line) - len(line.lstrip(" ")))
    inner = "\n" + outer + "  "
    yield head
    batch: list[str] = []
    first = True
    for item in items:
        batch.append(("[" if first else ",") + inner + dumps(item).replace("\n", inner))
        first = False
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + ("[]" if first else "\n" + outer + "]") + tail
