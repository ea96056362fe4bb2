"""Inline suppressions: the page tells captioncheck to leave a finding alone.

Two forms, like ESLint's comments and html-validate's attributes:

    <figure data-captioncheck-ignore="CC101, credit-agency-form"> ... </figure>
    <!-- captioncheck-disable-next-image CC203 -->

An empty attribute or a comment naming no rule silences every rule for that image.
"""

from __future__ import annotations

import re

from lxml import etree

from captioncheck.extract.page_index import IMAGE_TAGS

ATTRIBUTE = "data-captioncheck-ignore"
_DIRECTIVE = re.compile(r"^\s*captioncheck-disable-next-image\b(?P<rules>[^>]*)$")
_FIND_MARKED = etree.XPath(f"//*[@{ATTRIBUTE}]")


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name for name in re.split(r"[\s,]+", text.strip()) if name)
    return names or ("*",)


def find(tree: etree._Element, present: bool = True) -> dict:
    """Element -> rule names silenced for the image at (or inside) that element. `present`: the page
    mentions captioncheck at all (else there is nothing to look for)."""
    found: dict = {}
    if not present:
        return found
    for element in _FIND_MARKED(tree):
        found[element] = _names(element.get(ATTRIBUTE) or "")
    for comment in tree.iter(etree.Comment):
        match = _DIRECTIVE.match(comment.text or "")
        if match:
            image = _next_image(comment)
            if image is not None:
                found[image] = (*found.get(image, ()), *_names(match.group("rules")))
    return found


def _is_image(element: etree._Element) -> bool:
    return element.tag in IMAGE_TAGS or element.get("data-alt") is not None


def _next_image(node: etree._Element) -> etree._Element | None:
    """The first image after `node` in document order (its following siblings, then its parent's)."""
    while node is not None:
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if _is_image(sibling):
                return sibling
            inner = next((e for e in sibling.iter() if isinstance(e.tag, str) and _is_image(e)), None)
            if inner is not None:
                return inner
        node = node.getparent()
    return None


def for_image(element: etree._Element, marked: dict) -> tuple[str, ...]:
    """The rule names silenced for the image at `element`: its own and its ancestors' marks."""
    if not marked:
        return ()
    names = list(marked.get(element, ()))
    for ancestor in element.iterancestors():
        names.extend(marked.get(ancestor, ()))
    return tuple(dict.fromkeys(names))
