"""Small readers of markup shared by the extractors: class tokens and text as a reader sees it."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from captioncheck import limits
from captioncheck.text import clean
from captioncheck.vocab import markup_words

_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Elements whose text a reader never sees in a caption.
# Headings inside a caption block are a gallery's or a slide's title, not the caption.
SILENT_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "button", "select", "option", "iframe", "object",
     "header", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_HEADING_TAGS = frozenset({"header", "h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "figcaption", "figure", "section", "h1", "h2", "h3", "h4", "h5",
     "h6", "blockquote", "table", "tr", "td", "th", "dd", "dt", "header", "footer", "aside", "hr"}
)
# Class words of visually hidden text (screen-reader labels such as "Image copyright").
_HIDDEN_CLASS_WORDS = frozenset(
    {"offscreen", "off screen", "visually hidden", "visuallyhidden", "sr only", "screen reader text",
     "screenreader", "a11y", "assistive text", "hidden", "hide", "u vh", "vh", "is hidden", "d none",
     "hidden visually", "invisible", "element invisible", "hidden accessible", "only screenreader"}
)
_HIDDEN_WORD_PAIRS = (frozenset({"visually", "hidden"}), frozenset({"sr", "only"}), frozenset({"screen", "reader"}),
                      frozenset({"off", "screen"}), frozenset({"visuallyhidden"}), frozenset({"offscreen"}))
# Interface text inside captions: toggles, counters, licensing links.
_CHROME_WORDS = frozenset(
    {"toggle", "trigger", "expand", "collapse", "pagination", "counter", "share", "enlarge",
     "zoom", "close", "icon", "button", "btn", "count", "index", "number"}
)
_CHROME_CLASSES = frozenset({"hide caption", "show caption", "caption toggle", "toggle caption"})
_LICENSE_WORDS = markup_words().license


@lru_cache(maxsize=8192)
def _words_of(value: str) -> frozenset[str]:
    if ":" in value:
        # Utility classes name their condition before a colon ("tablet:overflow-x-auto", "dark:border"):
        # the condition says when a style applies, not what the element is.
        value = " ".join(name.rpartition(":")[2] for name in value.split())
    return frozenset(map(str.lower, _TOKEN.findall(value)))


@lru_cache(maxsize=8192)
def _classes_of(value: str) -> tuple[frozenset[str], frozenset[str]]:
    """Class words ('photo-credit' -> photo, credit) and whole classes with separators as spaces."""
    whole = frozenset(" ".join(_TOKEN.findall(name)).lower() for name in value.split())
    return _words_of(value), whole


def words_of(value: str) -> frozenset[str]:
    return _words_of(value) if value.strip() else frozenset()


def words(element: etree._Element) -> frozenset[str]:
    """Lower-case words of an element's class and id: 'ArticleImage_root photo-credit' -> ..."""
    get = element.get
    named, ident = get("class"), get("id")
    # Read apart: a page repeats its class names (cached) but hardly ever an id.
    if not ident:
        return words_of(named) if named else _NO_WORDS
    return words_of(named) | words_of(ident) if named else words_of(ident)


_NO_WORDS: frozenset[str] = frozenset()


_MODIFIER_CLASS = re.compile(r"^(?:has|with|is|no|js|u)[-_]", re.IGNORECASE)


def without_modifiers(classes: str) -> str:
    """Class names without the modifiers that say what a block has, not what it is ("has-caption")."""
    return " ".join(name for name in classes.split() if not _MODIFIER_CLASS.match(name))


# Component names React and CMS templates put in data attributes (data-area="related_articles").
_NAMING_ATTRIBUTES = ("id", "data-area", "data-component", "data-component-name", "data-testid", "data-qa",
                      "data-module", "data-type")


NAMING = frozenset({"class", *_NAMING_ATTRIBUTES})


def block_words_of(named: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Class, id and component-name words that say what a block is, from its (name, value)
    attribute pairs, leaving out modifiers like 'has-video'. Not cached here: its one caller,
    signals' block groups, caches the whole answer by the same pairs."""
    parts = []
    for name, value in named:
        if name == "class":
            parts.extend(word for word in value.split() if not _MODIFIER_CLASS.match(word))
        elif name in NAMING:
            parts.append(value)
    value = " ".join(parts)
    return _words_of(value) if value.strip() else frozenset()


def is_hidden(element: etree._Element) -> bool:
    """Not shown to a sighted reader: hidden attribute, display:none, or a visually-hidden class."""
    get = element.get
    if get("hidden") is not None:
        return True
    style = get("style")
    if style and _HIDING_STYLE.search(style):
        return True
    value = get("class")
    return bool(value) and _hiding_classes(value)


_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


@lru_cache(maxsize=8192)
def _hiding_classes(value: str) -> bool:
    word_set, whole = _classes_of(value)
    if not whole.isdisjoint(_HIDDEN_CLASS_WORDS):
        return True
    # BEM and utility names: "sdc-article-image__visually-hidden", "c-caption__sr-only".
    return any(pair <= word_set for pair in _HIDDEN_WORD_PAIRS)


def is_chrome(element: etree._Element) -> bool:
    """Interface text (caption toggles, 'Purchase Licensing Rights', slide counters)."""
    if element.tag in SILENT_TAGS:
        return True
    value = element.get("class")
    return bool(value) and (chrome_classes(value) or offers_license(element))


# What a licensing link says ("Purchase Licensing Rights", "License this photo", "Content Licensing"),
# not what a license line says ("Jane Doe, CC-BY 4.0", "Name/Unsplash-Lizenz").
_LICENSE_OFFER = re.compile(r"\blicensing\b|\b(?:purchase|buy|get|request)\b.{0,20}\blicen[cs]|\blicen[cs]e\s+this\b",
                            re.IGNORECASE)


def offers_license(element: etree._Element) -> bool:
    """An element named for a license whose text offers one: a link, no credit."""
    value = element.get("class")
    if not value or _words_of(value).isdisjoint(_LICENSE_WORDS):
        return False
    return _LICENSE_OFFER.search("".join(element.itertext())[:200]) is not None


def chrome_classes(value: str) -> bool:
    word_set, whole = _classes_of(value)
    return not word_set.isdisjoint(_CHROME_WORDS) or not whole.isdisjoint(_CHROME_CLASSES)


# Attributes read on one element. No real tag has this many; the parse already cut a hostile tag
# to this many names (captioncheck/tags.py), but a tree built by the caller may hold more.
MAX_ATTRIBUTES = limits.MAX_ATTRIBUTES


def attributes(element: etree._Element) -> list[tuple[str, str]]:
    """``element.items()``, its first MAX_ATTRIBUTES only: lxml finds each value by searching the
    element's attribute list, so reading all of a tag's values costs their number squared."""
    if len(element.attrib) <= MAX_ATTRIBUTES:
        return element.items()
    return [(name, element.get(name)) for name in element.keys()[:MAX_ATTRIBUTES]]


def visible_text(element: etree._Element, skip: frozenset | set = frozenset(), headings: bool = False
                 ) -> str | None:
    """The element's text as a reader sees it, leaving out hidden parts and elements in `skip`.

    Headings are left out too unless `headings`: inside a caption block they are a gallery's title.
    Iterative, not recursive: hostile pages nest thousands of elements deep.
    """
    if not len(element):  # most caption elements hold text alone: nothing inside to leave out
        return clean(element.text)
    parts: list[str] = []
    # Work items: an element to open, or a string to emit once its children are done.
    stack: list = [(element, True)]
    while stack:
        item, top = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if not top and item.tail:
            stack.append((item.tail, False))
        if not top and (item in skip or not tag or is_hidden(item)
                        or (is_chrome(item) and not (headings and tag in _HEADING_TAGS))):
            continue
        block = " " if tag in _BLOCK_TAGS else ""
        stack.append((block, False))
        stack.extend((child, False) for child in reversed(item))
        parts.append(block + (item.text or ""))
    return clean("".join(parts))
