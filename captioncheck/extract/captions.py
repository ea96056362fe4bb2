"""The texts near one image that could be its caption or its credit: the candidates.

Nothing here decides. Each candidate records where it was found (a named stage), what its markup
says it is (a caption or credit word on it, its tag) and its text; ``signals`` turns that into
numbers and ``decide`` weighs them. The stages, from nearest to farthest:

- ``inside``: text blocks in the image's own region, the blocks that hold this picture and no
  other (a figure, a WordPress ``wp-caption``, a slide), however deep the region goes;
- ``after``: the few blocks right after that region, up to the next picture or a paragraph of prose;
- ``row``: a caption printed once under a row of pictures;
- ``aria``: the element that the image's ``aria-describedby`` or ``aria-labelledby`` names;
- ``attribute``: ``data-caption`` / ``data-credit`` attributes that scripts print.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

from lxml import etree

from captioncheck.extract import credits, markup
from captioncheck.text import clean, comparison_key
from captioncheck.vocab import markup_words

WORDS = markup_words()
_STOP_TAGS = frozenset({"body", "html", "article", "main"})
_CREDIT_PROPS = frozenset({"copyrightHolder", "creditText", "copyrightNotice", "author", "creator"})
_LAYOUT_TAGS = frozenset({"details", "noscript", "template", "amp-lightbox"})
_IMAGE_TAGS = frozenset({"img", "amp-img", "picture", "video", "amp-anim"})
# Elements whose text is never a caption: the page's code, forms, embedded frames.
_SILENT = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option", "iframe",
                     "object", "input", "textarea", "form"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "header"})

# A region larger than this many elements, besides the image's own, is a page column, not the
# image's block: its text is body copy. So is one holding this much text.
BLOCK_BUDGET = 400
TEXT_BUDGET = 1500
MAX_UNITS = 24  # candidates per image: a caption block holds a few texts, not a page of them
_SIBLINGS = 3  # blocks after the region read: a caption sits right after its picture or not at all
_SIBLING_UNITS = 4  # texts read inside one such block

# Screen-reader prefixes that templates hide with hashed CSS classes ("Image caption, ").
_HIDDEN_PREFIX = re.compile(r"^\s*(?:image|media|photo|video)\s+caption\s*[,:]\s*", re.IGNORECASE)
# An element whose text opens with such a label is a credit, whatever its class:
# <span role="text"><span>Image source, </span>Getty Images</span>.
_CREDIT_OPENING = re.compile(r"^\s*(?:image|photo|picture|media)\s+(?:source|copyright|credit)s?\b", re.IGNORECASE)
_NOT_TEXT = frozenset({None, "true", "false", "0", "1", "yes", "no", "null", "undefined", "none"})
_DATA_CAPTION = re.compile(r"^data-(?:[a-z]+-)?(?:caption|description)$")
_DATA_CREDIT = re.compile(r"^data-(?:[a-z]+-)?(?:credit|attrib|attribution|copyright|photographer)$")
# How every name the two patterns match ends: a cheap test before them.
_DATA_ENDINGS = ("caption", "description", "credit", "attrib", "attribution", "copyright", "photographer")


@dataclass
class Unit:
    """One candidate text for an image's caption or credit, with what its markup says."""

    stage: str  # inside | after | row | aria | attribute
    text: str
    marked: str | None = None  # the role its tag, class, id, itemprop or aria-label gives: caption | credit
    tag: str = ""
    line: int | None = None
    level: int = 0  # how many blocks above the image it was found (siblings: the block they follow)
    step: int = 0  # for after: which sibling, 1 = the nearest
    hidden: bool = False  # visually hidden (a screen-reader copy)
    layout_copy: bool = False  # inside a block for another layout (mobile, lightbox, noscript)
    inner: bool = False  # a credit element inside a caption element
    in_link: bool = False
    link_chars: int = 0  # characters of its text inside links
    headline: bool = False  # set as a heading, or with a headline word
    labelled_credit: bool = False  # opens with "Image source" and the like
    element: etree._Element | None = None
    joined: bool = False  # two neighbouring credit texts read as one


def role(element: etree._Element) -> str | None:
    """'caption', 'credit' or None, from the element's tag, class, id, itemprop and aria-label."""
    tag = element.tag
    if tag == "figcaption":
        found = markup.words(element)
        return "credit" if found & WORDS.credit and not found & WORDS.caption else "caption"
    if tag in ("cite", "small"):
        return "credit"
    get = element.get
    classes, ident, props, label = get("class"), get("id"), get("itemprop"), get("aria-label")
    if not (classes or ident or props or label) or not isinstance(tag, str) or tag in _SILENT:
        return None
    # The id's words narrowed to those a role is read from: a unique id then costs its own words,
    # and the cache, keyed by the rest, still hits ("a b"'s words are a's and b's).
    id_words = markup.words_of(ident) & _ROLE_WORDS if ident else _NO_WORDS
    found = _role_of(classes, id_words, props, label)
    return None if found == "credit" and markup.offers_license(element) else found


def is_byline(element: etree._Element) -> bool:
    """The story's byline, which sits beside a lead photo in a story's header: an author element
    of the story ("article__author", "post-author"), or microdata's author of an item that is not a
    picture. Neither a caption nor a credit, nor is anything inside it."""
    found = markup.words(element)
    # isdisjoint, not &: most elements name no author, and no set is built to say so.
    if not WORDS.byline_author.isdisjoint(found) and (found & WORDS.byline_story or _beside_headline(element)):
        return True
    props = element.get("itemprop")
    return bool(props) and not _PERSON_PROPS.isdisjoint(props.split()) and not _of_a_picture(element)


def _beside_headline(element: etree._Element) -> bool:
    """An element printed beside the story's own headline (an <h1> in the same block): the
    story's header, where an author element names who wrote the story ("meta-author-list")."""
    parent = element.getparent()
    return parent is not None and any(sibling.tag == "h1" for sibling in parent.iterchildren())


_PERSON_PROPS = frozenset({"author", "creator"})
_PICTURE_TYPES = ("ImageObject", "Photograph", "MediaObject", "VideoObject")


def _of_a_picture(element: etree._Element) -> bool:
    """Does the item the element's properties belong to (its nearest itemscope) describe a picture?
    With no itemscope around it, the element's own class tells: "article__author" is the story's."""
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is not None:
            return (ancestor.get("itemtype") or "").endswith(_PICTURE_TYPES) or not ancestor.get("itemtype")
    return not markup.words(element) & WORDS.byline_story


_DESCRIPTION_WORDS = frozenset({"description", "desc", "text", "info"})
# Every word _role_of tests its class and id words for.
_ROLE_WORDS = (WORDS.license | WORDS.caption | WORDS.credit | WORDS.image | WORDS.credit_companion
               | _DESCRIPTION_WORDS | WORDS.described)
_NO_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=16384)
def _role_of(classes: str | None, id_words: frozenset[str], props: str | None, label: str | None) -> str | None:
    """Role from attribute values alone (`id_words`: the id's words among _ROLE_WORDS); cached,
    since a page repeats its class names."""
    if classes and markup.chrome_classes(classes):
        return None
    prop_words = (props or "").split()
    if any(prop in _CREDIT_PROPS for prop in prop_words):
        return "credit"
    if "caption" in prop_words or "description" in prop_words:
        return "caption"
    # A BEM element name says what the element is, its block name only where it sits:
    # "media-caption__source" is a credit inside a caption block.
    if classes and "__" in classes:
        named = markup.words_of(" ".join(name.rpartition("__")[2] for name in classes.split() if "__" in name))
        if named & WORDS.credit and not named & WORDS.caption:
            return "credit"
    found = _class_words(classes) | id_words
    if found & WORDS.license:
        return "credit"  # a license line names the picture's rights holder ("media-license-caption")
    label = (label or "").lower()
    if found & WORDS.caption or "caption" in label:
        return "caption"
    if found & WORDS.credit or "credit" in label:
        return "credit"
    if found & WORDS.image and found & WORDS.credit_companion:
        return "credit"
    if found & _DESCRIPTION_WORDS and found & WORDS.described:
        return "caption"
    return None


def _class_words(classes: str | None) -> frozenset[str]:
    """The words of the class names that are not modifiers ("has-caption"). With none to leave out,
    the words of the value as it stands: the same words, and the cache chrome_classes filled."""
    if not classes:
        return _NO_WORDS
    kept = markup.without_modifiers(classes)
    return markup.words_of(classes if len(kept) == len(" ".join(classes.split())) else kept)


def _labelled_credit(element: etree._Element) -> bool:
    first = element.text
    if not (first and first.strip()) and len(element) and isinstance(element[0].tag, str):
        first = element[0].text
    return bool(first and _CREDIT_OPENING.match(first))


def holds_image(element: etree._Element) -> bool:
    if not len(element):
        return element.tag in _IMAGE_TAGS  # a leaf: no matcher for its subtree, the tag says
    for _ in element.iter(*_IMAGE_TAGS):
        return True
    return False


def _own_text(element: etree._Element) -> bool:
    """Text directly in the element, not only in its children."""
    if element.text and element.text.strip():
        return True
    for child in element:  # a loop, not any() over a generator: it runs for most elements walked
        tail = child.tail
        if tail and tail.strip():
            return True
    return False


def region(element: etree._Element, owners: dict, mine: int, stop: etree._Element | None
           ) -> list[etree._Element]:
    """The image and the blocks above it that hold this picture and no other, innermost first.

    No fixed number of levels: the climb ends at a block holding another picture, at the story's
    own container or the page body, or at a block as big as a page column.
    """
    chain_ = [element]
    node = element
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in _STOP_TAGS or parent is stop:
            return chain_
        if owners.get(parent, mine) > mine:
            return chain_
        if _too_big(parent, node):
            return chain_
        chain_.append(parent)
        node = parent


def _too_big(parent: etree._Element, inner: etree._Element) -> bool:
    """More elements or text outside `inner` than a caption block holds."""
    seen = 0
    text = 0
    stack = [child for child in parent if child is not inner]
    while stack:
        element = stack.pop()
        seen += 1
        if seen > BLOCK_BUDGET:
            return True
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _SILENT:
            text += len(element.text or "") + len(element.tail or "")
            if text > TEXT_BUDGET:
                return True
            stack.extend(element)
    return False


def find(element: etree._Element, owners: dict, mine: int, stop: etree._Element | None) -> list[Unit]:
    """Every candidate text for the image at `element`, nearest first. `owners` counts the
    pictures in each block; `mine` is 1 when this image is one of them (0 for a placeholder)."""
    climbed = region(element, owners, mine, stop)
    units: list[Unit] = []
    top = climbed[-1]
    inside = _Scope(top)
    for level in range(1, len(climbed)):
        _walk(climbed[level], climbed[level - 1], "inside", level, units, inside)
    _siblings(top, len(climbed) - 1, units, owners)
    # A row's caption is its pictures': an image that takes no block as a picture (a zoom button
    # drawn over the photo) is none of them.
    if mine and not any(unit.stage == "inside" for unit in units):
        _row(top, owners, units)
    _from_attributes(climbed, units)
    units = units[:MAX_UNITS]
    return units + _joined_credits(units)


def _joined_credits(units: list[Unit]) -> list[Unit]:
    """A credit printed in two elements, name then agency ("Photo by Name" + "/AFP via Getty
    Images"): the two texts joined, as one more candidate."""
    joined = []
    for first, second in zip(units, units[1:], strict=False):
        if first.stage != second.stage or first.level != second.level or first.stage == "attribute":
            continue
        if len(first.text) > 80 or len(second.text) > 80:
            continue
        between = (first.element.tail or "").strip() if first.element is not None else ""
        slash = second.text.startswith("/") or first.text.endswith("/") or between in ("/", "|")
        if slash or (first.marked == "credit" and second.marked == "credit"):
            text = f"{first.text} {between}{second.text}" if between in ("/", "|") else f"{first.text} {second.text}"
            unit = dataclasses.replace(first, text=text, marked="credit", headline=False, joined=True,
                                       link_chars=first.link_chars + second.link_chars)
            joined.append(unit)
    return joined


def _walk(root: etree._Element, exclude: etree._Element | None, stage: str, level: int, units: list[Unit],
          scope: _Scope, step: int = 0, limit: int = MAX_UNITS) -> None:
    """The text units under root, outside `exclude`'s subtree: marked elements whole, else the
    innermost blocks that hold text of their own; at most `limit` of them."""
    stack = [child for child in reversed(root) if child is not exclude]
    stop = min(MAX_UNITS, len(units) + limit)
    while stack and len(units) < stop:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _SILENT or tag in _IMAGE_TAGS or is_byline(element):
            continue
        kind = role(element) or ("credit" if _labelled_credit(element) else None)
        if kind == "caption" and not _own_words(element) and _holds_marked_caption(element):
            # A figcaption around <span class="caption"> and its credit: its parts are the texts. One
            # with words of its own ('Caption <span class="caption">(Image: Getty)</span>') is one.
            stack.extend(reversed(element))
            continue
        if kind and not holds_image(element):
            _add(element, kind, stage, level, units, scope, step)
            continue
        if _own_text(element) and not holds_image(element):
            _add(element, None, stage, level, units, scope, step)
            continue
        stack.extend(reversed(element))


def _own_words(element: etree._Element) -> bool:
    """Letters directly in the element, not only separators like the "/" between two spans."""
    direct = (element.text or "") + "".join(child.tail or "" for child in element)
    return sum(char.isalpha() for char in direct) >= 2


_SENTENCES = re.compile(r"[.!?…。]['\"”’)]?(?:\s|$)")


def _prose(unit: Unit) -> bool:
    """A paragraph of the story: unmarked, sentences, longer than a caption line usually runs."""
    return (unit.marked is None and unit.tag == "p" and len(unit.text) >= 100
            and _SENTENCES.search(unit.text) is not None)


def _holds_marked_caption(element: etree._Element) -> bool:
    return any(isinstance(inner.tag, str) and role(inner) == "caption" for inner in element.iterdescendants())


def _add(element: etree._Element, kind: str | None, stage: str, level: int, units: list[Unit],
         scope: _Scope, step: int) -> None:
    """A unit for the element, and for a caption element the credit elements inside it."""
    inner: list[etree._Element] = []
    skip: frozenset = frozenset()
    if len(element):  # a leaf, as most units are, holds no credit element and no layout twin
        # The role of each element inside, read once for both the credits and the layout twins.
        roles = [(child, role(child)) for child in element.iterdescendants(etree.Element)]
        if kind != "credit":
            marked = [child for child, found in roles if found == "credit"]
            taken = set(marked)
            inner = [child for child in marked if not any(a in taken for a in child.iterancestors())]
            inner = inner or _credit_line_of(element) or _trailing_credit(element)
        skip = frozenset(inner) | _layout_twins(element, roles)
    text = markup.visible_text(element, skip) or markup.visible_text(element, skip, headings=True)
    text = _HIDDEN_PREFIX.sub("", text or "")
    if text:
        units.append(_unit(element, text, kind, stage, level, scope, step))
    for credit in inner:
        credit_text = markup.visible_text(credit)
        if credit_text:
            unit = _unit(credit, credit_text, "credit", stage, level, scope, step)
            unit.inner = True
            units.append(unit)


def _unit(element: etree._Element, text: str, kind: str | None, stage: str, level: int,
          scope: _Scope, step: int) -> Unit:
    links = _link_chars(element)
    in_link = _in_link(element)
    words = markup.words(element)
    hidden, layout_copy = scope.hidden_or_layout(element)
    return Unit(
        stage=stage,
        text=text,
        marked=kind,
        tag=element.tag,
        line=element.sourceline,
        level=level,
        step=step,
        hidden=hidden,
        layout_copy=layout_copy,
        in_link=in_link,
        link_chars=links,
        headline=element.tag in _HEADINGS or not WORDS.headline.isdisjoint(words),
        labelled_credit=_labelled_credit(element),
        element=element,
    )


def _link_chars(element: etree._Element) -> int:
    """Characters of the element's text inside links, the element itself among them."""
    if not len(element):  # a leaf, as most units are: no iterator for a subtree of one
        return len(markup.visible_text(element) or "") if element.tag == "a" else 0
    return sum(len(markup.visible_text(a) or "") for a in element.iter("a"))


def _in_link(element: etree._Element) -> bool:
    """Inside a link, among its eight nearest ancestors. A loop of getparent, not a generator over
    iterancestors: it runs for every unit."""
    node = element
    for _ in range(8):
        node = node.getparent()
        if node is None:
            return False
        if node.tag == "a" and node.get("href"):
            return True
    return False


class _Scope:
    """The block units are read in (the image's region, one block after it), with what is known of
    the elements up to it: whether each is hidden or a rendering for another layout. A block's
    units share their ancestors, so each ancestor is read once, not once for every unit under it."""

    __slots__ = ("container", "_known")

    def __init__(self, container: etree._Element) -> None:
        self.container = container
        self._known: dict[etree._Element, tuple[bool, bool]] = {}

    def hidden_or_layout(self, element: etree._Element) -> tuple[bool, bool]:
        """Is the element visually hidden, and is it a rendering for another layout, from it up to
        the container? (A hidden copy is a layout copy too.)"""
        known = self._known
        path = []  # the elements from this one up to the container, or to the first one known
        node = element
        above = (False, False)
        while node is not None:
            if node in known:
                above = known[node]
                break
            path.append(node)
            if node is self.container:
                break
            node = node.getparent()
        hidden, layout = above
        for node in reversed(path):  # from the top down: each element's answer covers those above it
            if not hidden:
                if markup.is_hidden(node):
                    hidden = layout = True
                else:
                    layout = (layout or node.tag in _LAYOUT_TAGS
                              or not WORDS.layout_copy.isdisjoint(markup.words(node)))
            known[node] = (hidden, layout)
        return hidden, layout


def _hidden_or_layout(element: etree._Element, container: etree._Element) -> tuple[bool, bool]:
    """Is the element visually hidden, and is it a rendering for another layout, from it up to
    its container? (A hidden copy is a layout copy too.)"""
    return _Scope(container).hidden_or_layout(element)


def _siblings(top: etree._Element, level: int, units: list[Unit], owners: dict) -> None:
    """The blocks right after the region, up to the next picture or the first block of body text."""
    stage = "after"
    step = 0
    for sibling in top.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag in ("br", "hr"):
            continue
        if sibling.tag in _SILENT:
            continue
        step += 1
        if step > _SIBLINGS or sibling in owners or holds_image(sibling):
            return  # the next picture's block: its texts are its own
        before = len(units)
        kind = role(sibling) or ("credit" if _labelled_credit(sibling) else None)
        scope = _Scope(sibling)
        if kind:
            _add(sibling, kind, stage, level, units, scope, step)
        elif _own_text(sibling):
            _add(sibling, None, stage, level, units, scope, step)
        else:  # a block after the picture: its first few texts (a caption and a credit)
            _walk(sibling, None, stage, level, units, scope, step, limit=_SIBLING_UNITS)
        added = units[before:]
        if not added:
            continue
        if sum(len(unit.text) for unit in added) > 400 or any(_prose(unit) for unit in added):
            return  # body text: nothing past it belongs to the picture


def _row(top: etree._Element, owners: dict, units: list[Unit]) -> None:
    """One caption for a row of pictures: marked elements after the last picture of the row."""
    parent = top.getparent()
    if parent is None or parent.tag in _STOP_TAGS:
        return
    row = owners.get(parent)
    for _ in range(3):  # a row sits in a wrapper or two: <div class="gallery"><div class="row">
        if parent is None or parent.tag in _STOP_TAGS or owners.get(parent) != row:
            return
        # The children after the last picture, read from the end: the same few for every picture of
        # a long row, so a row of n pictures costs n times its tail, not n times n.
        tail = []
        for child in reversed(parent):
            if not isinstance(child.tag, str):
                continue
            if child in owners or child.tag in _IMAGE_TAGS:
                break
            tail.append(child)
        before = len(units)
        for child in reversed(tail):
            kind = role(child)
            if kind:
                _add(child, kind, "row", 0, units, _Scope(child), 0)
        if len(units) > before:
            return
        parent = parent.getparent()


def _from_attributes(climbed: list[etree._Element], units: list[Unit]) -> None:
    """Captions that scripts print from data attributes: on the image's blocks or inside them."""
    caption = credit = None
    for node in islice(chain(climbed, climbed[-1].iterdescendants()), 200):
        if not isinstance(node.tag, str):
            continue
        # Names first, values only for a name either pattern can match (markup.attributes'
        # first MAX_ATTRIBUTES, in order): most nodes hold no such attribute.
        for name in node.keys()[:markup.MAX_ATTRIBUTES]:
            if not (name.startswith("data-") and name.endswith(_DATA_ENDINGS)):
                continue
            value = node.get(name)
            if clean(value) in _NOT_TEXT or value.lstrip()[:1] in ("{", "["):
                continue  # data-hide-caption="false": a switch; data-caption='{...}': a script's data
            if caption is None and _DATA_CAPTION.match(name) and clean(value):
                caption = Unit("attribute", clean(value) or "", "caption", tag=name, line=node.sourceline)
            elif credit is None and _DATA_CREDIT.match(name) and clean(value):
                credit = Unit("attribute", clean(value) or "", "credit", tag=name, line=node.sourceline)
    units.extend(unit for unit in (caption, credit) if unit is not None)


def described_by(element: etree._Element, ids: dict) -> list[Unit]:
    """The elements the image (or its figure) names with aria-describedby / aria-labelledby."""
    found = []
    for node in islice(chain([element], element.iterancestors()), 4):
        for name in ("aria-describedby", "aria-labelledby"):
            for ident in (node.get(name) or "").split():
                target = ids.get(ident)
                if target is not None and not holds_image(target):
                    text = markup.visible_text(target)
                    if text:
                        found.append(_unit(target, text, role(target), "aria", 0, _Scope(target), 0))
        if found:
            return found
    return found


def _layout_twins(element: etree._Element, roles: list[tuple[etree._Element, str | None]]) -> frozenset:
    """Inner renderings of the caption for another layout: <span class="caption-mobile"> beside
    <span class="caption-desktop"> with the same words. The later twins are left out. `roles`:
    each element inside and its role, in document order."""
    seen: dict[str, etree._Element] = {}
    twins = set()
    for inner, found in roles:
        if found != "caption":
            continue
        key = comparison_key(markup.visible_text(inner))
        if key in seen and (_layout_copy(inner, element) or _layout_copy(seen[key], element)):
            twins.add(inner)
        seen.setdefault(key, inner)
    return frozenset(twins)


def _credit_line_of(element: etree._Element) -> list[etree._Element]:
    """A caption block whose last paragraph is a bare credit: <p>caption</p><p>PA</p>, also inside
    a lone wrapper (<p class="figcap-text"><span>caption</span><span>credit</span>)."""
    while len(element) == 1 and isinstance(element[0].tag, str) and not (element.text or "").strip():
        element = element[0]
    blocks = [child for child in element if isinstance(child.tag, str) and child.tag in ("p", "div", "span")
              and not markup.is_chrome(child)]
    if len(blocks) < 2:
        return []
    last = markup.visible_text(blocks[-1])
    first = markup.visible_text(blocks[0])
    if not first or credits.is_label(first):
        return []  # "Credit..." then the name: one labelled credit, no caption
    if last and len(last) <= 60 and credits.looks_like_credit(last):
        return [blocks[-1]]
    return []


_INLINE_TAGS = frozenset({"span", "em", "i", "b", "strong", "small", "cite", "font"})
_CLAUSE_END = re.compile(r"[.!?。」”):;|/\-–—]\s*$")


def _trailing_credit(element: etree._Element) -> list[etree._Element]:
    """An inline element that closes a text and reads as a credit: <p>Caption. <span>IMAGO/Name</span></p>,
    <p>Caption. Photo: <em>Name</em></p>. The element is the credit; the text before it the caption."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return []
    last = children[-1]
    if last.tag not in _INLINE_TAGS or (last.tail or "").strip() or len(last):
        return []
    text = clean(last.text)
    before = (element.text or "") + "".join(
        "".join(child.itertext()) + (child.tail or "") for child in children[:-1])
    if not text or len(text) > 100 or not before.strip():
        return []
    if credits.says_credit(text) or (credits.looks_like_credit(text) and _CLAUSE_END.search(before)):
        return [last]
    if credits.strip_label(before.split(".")[-1].strip() + " x")[0] is not None:
        return [last]  # "... Photo: <em>Name</em>": the label ends the text before it
    return []


def _layout_copy(element: etree._Element, container: etree._Element) -> bool:
    return _hidden_or_layout(element, container)[1]


def doubled(text: str | None) -> str | None:
    """'A caption. A caption.' -> 'A caption.': one caption printed twice in one element."""
    if not text or len(text) < 20:
        return None
    middle = len(text) // 2
    for cut in range(middle - 2, middle + 3):
        first, second = text[:cut].strip(), text[cut:].strip()
        if first and comparison_key(first) == comparison_key(second):
            return first
    return None
