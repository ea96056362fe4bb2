"""One walk over a parsed page that gathers the elements every extractor starts from.

Searching the tree once per kind of element (XPath ``//meta``, ``//article``, ``//img`` ...)
walks all of it each time. One ``iter`` over the wanted tags walks it once, in C. Elements found
by an attribute (microdata ``ImageObject``, script placeholders, captioncheck suppressions) need a
walk that tests every element, which costs a third of the parse; it only runs when the page's
bytes mention that attribute at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree

_TAGS = ("img", "amp-img", "amp-anim", "noscript", "p", "meta", "link", "script", "title", "time", "h1", "article",
         "figcaption")
IMAGE_TAGS = ("img", "amp-img", "amp-anim")

# Byte patterns a page must hold for a search by attribute to find anything. Each is a plain
# substring or a pattern that opens with one, which Python finds at memory speed; attribute names
# are looked for in lower case, as every CMS writes them (a case-blind pattern is six times slower).
_PLACEHOLDER_ATTRIBUTE = re.compile(rb"data-(?:alt|caption)")
_MICRODATA_IMAGE = re.compile(rb"itemtype\s*=\s*[\"']?[^\"'>]*ImageObject")
# An image tag with a second alt: libxml2 keeps the first value and drops the others, so they
# are read from the bytes, and only from the tags this finds.
# The tag up to its next alt: runs without space, spaces that open no alt, quoted values (which may
# hold < and >). Possessive, so the engine takes runs whole and never backtracks into them: what
# a lazy loop over single characters finds, in far fewer steps.
_IN_TAG = rb"""(?:[^<>"'\s]++|\s(?!alt\s*=)|"[^"]{0,4000}"|'[^']{0,4000}')*+"""
# Two literal openings rather than "<(?:amp-)?img": the search then skips to a whole "<img".
_TWO_ALTS = re.compile(rb"(?:<img|<amp-img)(?=\s)" + _IN_TAG + rb"\salt\s*=" + _IN_TAG + rb"\salt\s*=")
_ATTRIBUTE = re.compile(rb"""[\s/]*([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_TAG_NAME = re.compile(rb"<[\w-]+")


def duplicate_alts(data: bytes, encoding: str | None = None) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Image tags that give alt more than once: (the line the tag ends on, as lxml's sourceline
    counts, and every alt value in order). Pages in UTF-16 or UTF-32 are not searched."""
    found = []
    line, counted = 1, 0  # lines counted up to `counted` once, not from the start for every tag
    for gate in _TWO_ALTS.finditer(data):
        position = _TAG_NAME.match(data, gate.start()).end()
        values = []
        while (attribute := _ATTRIBUTE.match(data, position)) and attribute.end() > position:
            position = attribute.end()
            if attribute.group(1).lower() == b"alt":
                raw = (attribute.group(2) or b"").strip(b"\"'") if attribute.group(2) else b""
                values.append(html.unescape(raw.decode(encoding or "utf-8", "replace")))
        if len(values) > 1:
            end = data.find(b">", position)
            end = end if end >= 0 else len(data)
            if end > counted:
                line += data.count(b"\n", counted, end)
                counted = end
            found.append((line, tuple(values)))
    return tuple(found)


def _microdata_image(data: bytes) -> bool:
    # A match opens with "itemtype": searched from the first one, not by the pattern from the start
    # (JSON-LD pages name ImageObject but have no itemtype at all).
    start = data.find(b"itemtype")
    return start >= 0 and _MICRODATA_IMAGE.search(data, start) is not None


@dataclass(frozen=True)
class Hints:
    """What the page's bytes mention; all true when only the tree is known."""

    placeholders: bool = True  # script placeholders for images (data-alt on a div)
    directives: bool = True  # captioncheck suppressions
    microdata: bool = True  # microdata ImageObject
    # Image tags that give alt twice (see duplicate_alts); unknown, so none, without the bytes.
    alt_duplicates: tuple[tuple[int, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, data: bytes, encoding: str | None = None) -> Hints:
        return cls(
            placeholders=_PLACEHOLDER_ATTRIBUTE.search(data) is not None or b"js-delayed-image-load" in data,
            directives=b"captioncheck-" in data,
            microdata=b"ImageObject" in data and _microdata_image(data),
            alt_duplicates=duplicate_alts(data, encoding) if b"alt" in data else (),
        )


# For a tree whose bytes are not known: look for everything.
EVERYTHING = Hints()


@dataclass
class PageIndex:
    """The page's elements of the wanted tags, in document order, from one walk."""

    tree: etree._Element
    hints: Hints
    ordered: list[etree._Element] = field(default_factory=list)
    by_tag: dict[str, list[etree._Element]] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: etree._Element, hints: Hints = EVERYTHING) -> PageIndex:
        ordered = list(tree.iter(*_TAGS))
        by_tag: dict[str, list[etree._Element]] = {tag: [] for tag in _TAGS}
        for element in ordered:
            by_tag[element.tag].append(element)
        return cls(tree, hints, ordered, by_tag)

    def tagged(self, *tags: str) -> list[etree._Element]:
        """Elements with these tags, in document order."""
        if len(tags) == 1:
            return self.by_tag[tags[0]]
        held = [tag for tag in tags if self.by_tag[tag]]
        if len(held) <= 1:  # most pages: only <img> of the image tags, already in order
            return list(self.by_tag[held[0]]) if held else []
        wanted = frozenset(tags)
        return [element for element in self.ordered if element.tag in wanted]

    def first(self, tag: str) -> etree._Element | None:
        found = self.by_tag[tag]
        return found[0] if found else None
