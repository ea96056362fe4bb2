"""Find the caption and the credit that belong to one image.

From the image, climb the blocks that hold it and no other picture (a figure, a WordPress
``wp-caption``, Fox's ``image-ct``), looking for caption elements (``figcaption``, classes with
"caption", "cutline", "legend") and credit elements (classes with "credit", "copyright",
"attribution", an image "source" or "byline"; ``itemprop=copyrightHolder``). Where a block holds
other pictures too, only the elements right after the image's block count: a caption printed
after the figure, WIRED's ``<p class="caption">`` after the image's paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

from lxml import etree

from captioncheck.extract import credits, markup
from captioncheck.text import clean, comparison_key

MAX_LEVELS = 6
_STOP_TAGS = frozenset({"body", "html", "article", "main"})
# Class words in English and in the languages of the pages captioncheck meets most.
_CAPTION_WORDS = frozenset({"caption", "captions", "cptn", "capt", "cutline", "cutlines", "legend", "legende",
                            "figcaption", "leyenda", "epigrafe", "legenda", "bildunterschrift", "bildtext",
                            "didascalia"})
_CREDIT_WORDS = frozenset({"credit", "credits", "copyright", "attribution", "photographer", "courtesy",
                           "credito", "creditos", "bildquelle", "bildnachweis", "fotocredit"})
_IMAGE_WORDS = frozenset({"image", "img", "photo", "picture", "media", "asset", "foto", "bild", "figure",
                          "caption", "pic"})
_DESCRIBED = frozenset({"image", "img", "photo", "picture", "media", "figure", "slide", "carousel", "gallery",
                        "asset", "foto", "bild"})
_CREDIT_PROPS = frozenset({"copyrightHolder", "creditText", "copyrightNotice"})
# Words of blocks that hold a second rendering of the same caption for another layout.
_LAYOUT_WORDS = frozenset({"mobile", "desktop", "tablet", "truncated", "truncate", "full", "expanded",
                           "collapsed", "short", "long", "lightbox", "modal", "enlarge", "overlay", "zoom",
                           "print", "hidden", "hide", "xs", "sm", "md", "lg", "xl", "amp", "fullscreen"})
_LAYOUT_TAGS = frozenset({"details", "noscript", "template", "amp-lightbox"})


@dataclass(frozen=True)
class CaptionBlock:
    """What the markup around one image prints: caption text and credit text, still raw."""

    caption: str | None = None
    credit: str | None = None
    repeated: bool = False
    caption_line: int | None = None


def role(element: etree._Element) -> str | None:
    """'caption', 'credit' or None, from the element's tag, class, id, itemprop and aria-label."""
    tag = element.tag
    if tag == "figcaption":
        # CNN prints its credit in a second <figcaption class="image__credit">.
        found = markup.words(element)
        return "credit" if found & _CREDIT_WORDS and not found & _CAPTION_WORDS else "caption"
    if tag in ("cite", "small"):
        return "credit"  # <figcaption>Caption <small>Photo: X</small></figcaption>, Vox's <cite>
    get = element.get
    classes, ident, props, label = get("class"), get("id"), get("itemprop"), get("aria-label")
    if not (classes or ident or props or label) or not isinstance(tag, str):
        return None  # most elements: nothing to read a role from
    if tag in markup.SILENT_TAGS:
        return None  # a <button class="caption-trigger"> opens a caption; it is none
    return _role_of(classes, ident, props, label)


@lru_cache(maxsize=16384)
def _role_of(classes: str | None, ident: str | None, props: str | None, label: str | None) -> str | None:
    """Role from attribute values alone; cached, since a page repeats its class names."""
    if classes and markup.chrome_classes(classes):
        return None
    prop_words = (props or "").split()
    if any(prop in _CREDIT_PROPS for prop in prop_words):
        return "credit"
    if "caption" in prop_words:
        return "caption"
    found = markup.words_of(f"{classes or ''} {ident or ''}")
    label = (label or "").lower()
    if found & _CAPTION_WORDS or "caption" in label:
        return "caption"
    if found & _CREDIT_WORDS or "credit" in label:
        return "credit"
    if found & _IMAGE_WORDS and found & {"source", "byline", "author", "rights"}:
        return "credit"
    if "description" in found and found & _DESCRIBED:
        return "caption"  # "CarouselSlide-infoDescription", "image-description"
    if "text" in found and classes and found & {"figure", "image", "photo", "media"}:
        return "caption"  # "figure__text"
    return None


def _is_image(element: etree._Element) -> bool:
    return element.tag in ("img", "amp-img", "picture")


def _holds_image(element: etree._Element) -> bool:
    for _ in element.iter("img", "amp-img", "picture", "video"):
        return True
    return False


_SILENT_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})


# A block holding more elements than this, besides the image's own, is a page column, not the
# image's block: climbing stops there (a column of text with one photo is not a caption block).
BLOCK_BUDGET = 400


# Screen-reader prefixes that some templates hide with hashed CSS classes (BBC: "Image caption, ").
_HIDDEN_PREFIX = re.compile(r"^\s*(?:image|media|photo|video)\s+caption\s*[,:]\s*", re.IGNORECASE)
# An element whose text opens with such a label is a credit, whatever its class: BBC's
# <span role="text"><span>Image source, </span>Getty Images</span>.
_CREDIT_OPENING = re.compile(r"^\s*(?:image|photo|picture|media)\s+(?:source|copyright|credit)s?\b", re.IGNORECASE)


def _labelled_credit(element: etree._Element) -> bool:
    first = element.text
    if not (first and first.strip()) and len(element) and isinstance(element[0].tag, str):
        first = element[0].text
    return bool(first and _CREDIT_OPENING.match(first))


def _collect(root: etree._Element, exclude: etree._Element | None, found: list[tuple[str, etree._Element]]) -> bool:
    """Top-level caption and credit elements under root, outside `exclude`'s subtree.

    False, with nothing added, when root is larger than a caption block can be.
    """
    stack = [root]
    added: list[tuple[str, etree._Element]] = []
    visited = 0
    while stack:
        visited += 1
        if visited > BLOCK_BUDGET:
            return False
        element = stack.pop()
        if element is exclude or not isinstance(element.tag, str):
            continue
        if element is not root:
            kind = role(element) or ("credit" if _labelled_credit(element) else None)
            if kind and not _holds_image(element) and not markup.is_hidden(element):
                added.append((kind, element))
                continue
            if element.tag in _SILENT_TAGS:
                continue
        stack.extend(reversed(element))
    found.extend(added)
    return True


def _siblings_after(node: etree._Element, found: list[tuple[str, etree._Element]]) -> None:
    """Captions printed right after the image's block: up to three siblings, none with a picture.

    A short unmarked paragraph counts as the caption when a credit element follows it
    (``<p class="titulo">caption</p><div class="credito">Foto: X</div>`` after a figure).
    """
    pending = None
    for sibling in islice(node.itersiblings(), 3):
        if not isinstance(sibling.tag, str) or sibling.tag == "br":
            continue
        if _holds_image(sibling):
            return
        kind = role(sibling) or ("credit" if _labelled_credit(sibling) else None)
        if kind == "credit" and pending is not None:
            found.append(("caption", pending))
        pending = None
        if kind:
            found.append((kind, sibling))
            continue
        before = len(found)
        _collect(sibling, None, found)
        if len(found) > before:
            continue
        text = markup.visible_text(sibling)
        if not text or len(text) > 300 or found:
            return  # body text, not a caption: stop looking
        pending = sibling


def _group_caption(parent: etree._Element, owners: dict, found: list[tuple[str, etree._Element]]) -> None:
    """One caption for a row of pictures: a caption element after the last of them."""
    children = [child for child in parent if isinstance(child.tag, str)]
    last_image = max((n for n, child in enumerate(children) if child in owners or _is_image(child)), default=-1)
    for child in children[last_image + 1 :]:
        kind = role(child)
        if kind:
            found.append((kind, child))


def find(element: etree._Element, owners: dict, group_id: int, article: etree._Element | None) -> CaptionBlock:
    """The caption block of the image at `element`; `owners` maps blocks to the images they hold."""
    found: list[tuple[str, etree._Element]] = []
    node = element
    climbed = [element]
    for _ in range(MAX_LEVELS):
        parent = node.getparent()
        if parent is None or parent.tag in _STOP_TAGS or parent is article:
            _siblings_after(node, found)
            break
        row = owners.get(parent, {group_id})
        if row != {group_id}:
            _siblings_after(node, found)
            while not found and parent is not None and owners.get(parent) == row and parent.tag not in _STOP_TAGS:
                _group_caption(parent, owners, found)  # a caption shared by a row of pictures
                parent = parent.getparent()
            break
        if not _collect(parent, node, found):
            _siblings_after(node, found)
            break
        climbed.append(parent)
        if any(kind == "caption" for kind, _ in found):
            break
        node = parent
    if not found:
        return _from_attributes(climbed)
    if all(kind == "credit" for kind, _ in found):
        _caption_before_credit(climbed, found)
    return _texts(found, climbed[-1])


def _caption_before_credit(climbed: list[etree._Element], found: list[tuple[str, etree._Element]]) -> None:
    """A credit line was found but no caption: an unmarked short paragraph right after the
    image's block is the caption (``<figure>...</figure><p class="titulo">caption</p>``)."""
    for node in climbed[:-1]:
        sibling = node.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is None or sibling.tag not in ("p", "div", "span") or any(e is sibling for _, e in found):
            continue
        if markup.is_hidden(sibling) or markup.is_chrome(sibling) or _holds_image(sibling):
            continue
        text = markup.visible_text(sibling)
        if text and len(text) <= 300:
            found.insert(0, ("caption", sibling))
            return


_DATA_CAPTION = re.compile(r"^data-(?:[a-z]+-)?caption$")
_DATA_CREDIT = re.compile(r"^data-(?:[a-z]+-)?(?:credit|attrib)$")


def _from_attributes(climbed: list[etree._Element]) -> CaptionBlock:
    """Captions that scripts or stylesheets print from data attributes: on the image's blocks (WaPo
    slides, MSN, The Sun) or on an element inside them (Gannett's data-c-caption / data-c-credit)."""
    caption = credit = None
    for node in islice(chain(climbed, climbed[-1].iterdescendants()), 200):
        if not isinstance(node.tag, str):
            continue
        for name, value in node.items():
            if not name.startswith("data-"):
                continue
            if caption is None and _DATA_CAPTION.match(name):
                caption = clean(value)
            elif credit is None and _DATA_CREDIT.match(name):
                credit = clean(value)
    return CaptionBlock(caption=caption, credit=credit)


def _texts(found: list[tuple[str, etree._Element]], container: etree._Element) -> CaptionBlock:
    captions: list[tuple[str, etree._Element]] = []
    credit_texts: list[str] = []
    for kind, element in found:
        if kind == "credit":
            text = markup.visible_text(element)
            if text:
                credit_texts.append(text)
            continue
        inner = [child for child in element.iterdescendants() if role(child) == "credit"]
        inner = [child for child in inner if not any(a in inner for a in child.iterancestors())]
        inner = inner or _credit_line_of(element)
        credit_texts.extend(text for text in map(markup.visible_text, inner) if text)
        skip = frozenset(inner) | _layout_twins(element)
        # A caption set as a heading (Politico's gallery <h2>) when nothing else in the block is text.
        text = markup.visible_text(element, skip) or markup.visible_text(element, skip, headings=True)
        text = _HIDDEN_PREFIX.sub("", text or "") or None
        if text:
            captions.append((text, element))
    caption, repeated, line = _one_caption(captions, container)
    credit = next(iter(dict.fromkeys(credit_texts)), None)
    return CaptionBlock(caption=caption, credit=credit, repeated=repeated, caption_line=line)


def _layout_twins(element: etree._Element) -> frozenset:
    """Inner renderings of the caption for another layout: <span class="caption-mobile"> beside
    <span class="caption-desktop"> with the same words. The later twins are left out."""
    seen: dict[str, etree._Element] = {}
    twins = set()
    for inner in element.iterdescendants():
        if not isinstance(inner.tag, str) or role(inner) != "caption":
            continue
        key = comparison_key(markup.visible_text(inner))
        if key in seen and (_layout_copy(inner, element) or _layout_copy(seen[key], element)):
            twins.add(inner)
        seen.setdefault(key, inner)
    return frozenset(twins)


def _credit_line_of(element: etree._Element) -> list[etree._Element]:
    """A caption block whose last paragraph is a bare credit: <p>caption</p><p>PA</p>, also inside a
    lone wrapper (the Globe and Mail's <p class="figcap-text"><span>caption</span><span>credit</span>)."""
    while len(element) == 1 and isinstance(element[0].tag, str) and not (element.text or "").strip():
        element = element[0]
    blocks = [child for child in element if isinstance(child.tag, str) and child.tag in ("p", "div", "span")
              and not markup.is_chrome(child)]
    if len(blocks) < 2:
        return []
    last = markup.visible_text(blocks[-1])
    first = markup.visible_text(blocks[0])
    if not first or credits.is_label(first):
        return []  # "Credit..." then the name: one labelled credit, no caption (NYT)
    if last and len(last) <= 60 and credits.looks_like_credit(last):
        return [blocks[-1]]
    return []


def _one_caption(captions: list[tuple[str, etree._Element]], container) -> tuple[str | None, bool, int | None]:
    """Fold layout copies of a caption; report a caption a reader sees twice."""
    kept: list[tuple[str, etree._Element]] = []
    repeated = False
    for text, element in captions:
        key = comparison_key(text).removesuffix(" ")
        twin = next((k for k in kept if _same_or_prefix(comparison_key(k[0]), key)), None)
        if twin is None:
            kept.append((text, element))
            continue
        if not (_layout_copy(element, container) or _layout_copy(twin[1], container)):
            repeated = True
        if len(text) > len(twin[0]):  # keep the full one of 'truncated' and 'full'
            kept[kept.index(twin)] = (text, twin[1])
    if not kept:
        return None, repeated, None
    text = clean(" ".join(text for text, _ in kept))
    half = _doubled(text)
    if half:
        text, repeated = half, True
    return text, repeated, kept[0][1].sourceline


def _same_or_prefix(a: str, b: str) -> bool:
    return a == b or (len(a) > 20 and len(b) > 20 and (a.startswith(b) or b.startswith(a)))


def _layout_copy(element: etree._Element, container: etree._Element) -> bool:
    node = element
    while node is not None and node is not container:
        if node.tag in _LAYOUT_TAGS or markup.is_hidden(node) or markup.words(node) & _LAYOUT_WORDS:
            return True
        node = node.getparent()
    return False


def _doubled(text: str | None) -> str | None:
    """'A caption. A caption.' -> 'A caption.': one caption printed twice in one element."""
    if not text or len(text) < 20:
        return None
    middle = len(text) // 2
    for cut in range(middle - 2, middle + 3):
        first, second = text[:cut].strip(), text[cut:].strip()
        if first and comparison_key(first) == comparison_key(second):
            return first
    return None
