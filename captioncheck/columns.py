"""Where on its line an image's tag starts: what tells photos apart on a minified page.

lxml gives an element's line (the line its start tag ends on) but no column, so the column is
found in the text the parser read: the one image tag on that line that names the image's file.
It is given only where that is exact; a tag spread over lines, a file named by tags the page
model does not count (a commented-out copy, a script's template), or two images with one file on
one line get none. Columns count Unicode code points from 1.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from captioncheck.model import Page

# An image start tag, quoted attribute values and all, within one line.
_TAG = re.compile(r"""<(?:img|amp-img|amp-anim)\b(?:[^>"'\n]|"[^"\n]*"|'[^'\n]*')*>""", re.IGNORECASE)
SNIPPET_LIMIT = 1000  # longer tags (an inline data: image) get a column but no snippet


@dataclass(frozen=True)
class Place:
    column: int
    snippet: str | None  # the tag as the page writes it


def places(text: str, page: Page, wanted: Iterable[int]) -> dict[int, Place]:
    """Image index -> where its tag starts on its line, for the `wanted` images where that is exact."""
    by_index = {image.index: image for image in page.images}
    targets = [by_index[index] for index in sorted(set(wanted)) if index in by_index]
    targets = [image for image in targets if image.line and image.src]
    if not targets:
        return {}
    # How many images of the page share a line and file: more than one and the tag is not theirs alone.
    sharing: dict[tuple[int, str], int] = {}
    for image in page.images:
        if image.line and image.src:
            sharing[(image.line, image.src)] = sharing.get((image.line, image.src), 0) + 1
    lines = text.split("\n")  # libxml2 counts lines by LF alone
    tags: dict[int, list[tuple[int, str, str]]] = {}
    found: dict[int, Place] = {}
    for image in targets:
        if image.line > len(lines) or sharing[(image.line, image.src)] > 1:
            continue
        if image.line not in tags:
            tags[image.line] = [(match.start(), match.group(), html.unescape(match.group()))
                                for match in _TAG.finditer(lines[image.line - 1])]
        naming = [(start, tag) for start, tag, unescaped in tags[image.line] if image.src in unescaped]
        # Layout copies (a <noscript> fallback) may name the file on the same line; more tags than that are not.
        if naming and len(naming) <= image.copies:
            start, tag = naming[0]
            found[image.index] = Place(start + 1, tag if len(tag) <= SNIPPET_LIMIT else None)
    return found
