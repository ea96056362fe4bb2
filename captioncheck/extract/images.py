"""Find the images on a page and fold the copies of one image into one.

An image is an ``<img>``, an ``<amp-img>``, or a placeholder element that scripts turn into one
(a ``div.js-delayed-image-load`` with ``data-alt``, slides with ``data-image``). Lazy loading
hides the real URL in ``data-src`` and friends and adds a ``<noscript>`` copy; responsive
layouts and lightboxes print the same picture again. Copies share a URL key (the path with its
size rendition removed, with the query parameters that name the picture where the path does not)
or sit side by side as image and ``<noscript>`` fallback. A placeholder src (a ``data:`` image,
one file the page gives different pictures) is no key: the picture's URL comes from data-*
attributes, a srcset, the ``<noscript>`` copy or the lazy wrapper.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from lxml import etree

from captioncheck.extract import markup
from captioncheck.extract.page_index import IMAGE_TAGS, PageIndex
from captioncheck.extract.urls import copy_key, loose_key, srcset_urls, url_key

# Placeholders that scripts turn into images. Looking for them means a second pass over the whole
# tree, so it only runs on pages whose text mentions one of their attributes.
_FIND_WITH_PLACEHOLDERS = etree.XPath(
    "//img | //amp-img | //amp-anim"
    " | //*[not(self::img) and not(self::iframe) and not(self::script) and not(self::source)"
    "      and (@data-src or @data-image or @data-original) and (@data-alt or @data-caption)]"
    " | //*[contains(@class, 'js-delayed-image-load')]"
)
# Attributes that hold the image's own URL, best first: lazy loaders keep the real one in data-*.
_SRC_ATTRIBUTES = (
    "data-src", "data-lazy-src", "data-original", "data-hi-res-src", "data-full-src", "data-src-large",
    "data-lazyload", "data-img", "data-image", "data-url", "data-src-medium", "data-src-mini", "src",
)
_SRCSET_ATTRIBUTES = (
    "srcset", "data-srcset", "data-lazy-srcset", "data-flickity-lazyload-srcset", "data-original-set",
)
# File names of placeholders ("blank.gif", "lazy-placeholder.png", "img/1x1.gif"): one of these
# names, right after a "/", "_" or "-", right before an image extension.
_PLACEHOLDER_NAMES = ("blank", "spacer", "pixel", "placeholder", "transparent", "lazy", "loading", "loader",
                      "missing-image", "grey", "gray", "empty", "1x1", "p", "px", "clear", "dot", "trans",
                      "default-image", "image-placeholder")
_PLACEHOLDER_EXTENSION = re.compile(r"\.(?:gif|png|svg|jpe?g|webp)")
_URLISH = re.compile(r"^(?:https?:)?//|^/|\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)", re.IGNORECASE)
# Attributes that name the image's URL on some pages and the page a click opens on others
# (data-url="/photos/list?id=5"): only an image file's URL counts.
_LINK_OR_IMAGE = frozenset({"data-url"})
# data-* attributes whose JSON value lists renditions: data-srcs='{"800": "/a-800.jpg"}',
# data-sources='["/a.jpg"]'. Only these names: a component's JSON props also hold page links.
_JSON_SOURCES = re.compile(r"src|source|image|img|photo|pic|rendition", re.IGNORECASE)


@dataclass
class Candidate:
    element: etree._Element
    src: str | None
    srcset: list[str]
    in_noscript: bool


@dataclass
class ImageGroup:
    """One picture and every copy of it on the page, in document order."""

    copies: list[Candidate] = field(default_factory=list)

    @property
    def primary(self) -> Candidate:
        for copy in self.copies:
            if not copy.in_noscript:
                return copy
        return self.copies[0]


@lru_cache(maxsize=16384)
def is_placeholder(url: str | None) -> bool:
    if not url:
        return True
    url = url.strip().lower()
    if url.startswith("data:"):
        return True
    # Test the few image extensions in the URL, not every position of it.
    for extension in _PLACEHOLDER_EXTENSION.finditer(url):
        before = url[: extension.start()]
        if not before.endswith(_PLACEHOLDER_NAMES):  # one test in C for the common case, no name
            continue
        for name in _PLACEHOLDER_NAMES:
            if before.endswith(name) and (len(before) == len(name) or before[-len(name) - 1] in "/_-"):
                return True
    return False


def _srcset_urls(value: str | None, placeholders: frozenset[str]) -> list[str]:
    return [url for url in srcset_urls(value) if not _unusable(url, placeholders)]


def _unusable(url: str, placeholders: frozenset[str]) -> bool:
    """A placeholder by its name, or one the page shares among different pictures."""
    return is_placeholder(url) or (bool(placeholders) and copy_key(url) in placeholders)


def _json_urls(value: str) -> list[str]:
    """The URL strings in a JSON attribute value, in order; none where it is no JSON."""
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):  # a hostile value nests arrays thousands deep
        return []
    urls, stack = [], [data]
    while stack:  # not recursive, for the same reason
        item = stack.pop()
        if isinstance(item, str):
            item = item.strip()
            if item and " " not in item and _URLISH.search(item):
                urls.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return urls


_URL_ATTRIBUTES = frozenset(_SRC_ATTRIBUTES + _SRCSET_ATTRIBUTES)


def _urls(element: etree._Element, placeholders: frozenset[str] = frozenset()) -> tuple[str | None, list[str]]:
    """The image's own URL and its other renditions. `placeholders`: copy keys of files the page
    shares among different pictures, which are no picture's URL."""
    attributes = dict(markup.attributes(element))  # one call into lxml instead of one per attribute name
    get = attributes.get
    src = None
    # Only the names the element has, in rank order: a plain <img src> has just the last of them.
    for name in filter(attributes.__contains__, _SRC_ATTRIBUTES):
        value = attributes[name].strip()
        if name in _LINK_OR_IMAGE and not _IMAGE_FILE.search(value):
            continue
        if value and _URLISH.search(value) and not _unusable(value, placeholders):
            src = value
            break
    srcset: list[str] = []
    for name in filter(attributes.__contains__, _SRCSET_ATTRIBUTES):
        srcset.extend(_srcset_urls(attributes[name], placeholders))
    # Other data-* URLs (data-pattern, data-original-mos ...) help match copies and labels.
    for name, value in attributes.items():
        if not name.startswith("data-"):
            continue
        value = value.strip()
        if value[:1] in ("{", "[") and _JSON_SOURCES.search(name):
            srcset.extend(url for url in _json_urls(value) if not _unusable(url, placeholders))
        elif (name not in _URL_ATTRIBUTES and value and " " not in value and _URLISH.search(value)
              and not _unusable(value, placeholders)):
            srcset.append(value)
    # The largest rendition is listed last by convention; the image's own before its <picture>'s
    # sources, which are often another format of it.
    own_last = srcset[-1] if srcset else None
    picture = element.getparent()
    if picture is not None and picture.tag == "picture":
        for source in picture.iterchildren("source"):
            for name in _SRCSET_ATTRIBUTES:
                srcset.extend(_srcset_urls(source.get(name), placeholders))
    if src is None and not srcset and element.tag == "img":
        src, srcset = _borrowed_urls(element, placeholders)
    if src is None and srcset:
        src = own_last or srcset[-1]
    if src is None and (get("src") or "").startswith("data:"):
        src = get("src")[:80]  # an inline image: its start names its type
    seen, unique = {src}, []
    for url in srcset:
        if url not in seen:
            seen.add(url)
            unique.append(url)
    return src, unique


# Lazy wrappers keep an image's renditions in data-src* attributes of the wrapper itself or of an
# empty placeholder beside the <img>: <div class="img-wrap" data-src=...><img alt=...></div>.
_HOLDER_ATTRIBUTES = frozenset(_URL_ATTRIBUTES - {"src", "srcset"})
_NOT_HOLDERS = frozenset({"noscript", "script", "source", "template"})


def _borrowed_urls(element: etree._Element, placeholders: frozenset[str]) -> tuple[str | None, list[str]]:
    """For an <img> with no URL of its own: the renditions its wrapper, or a placeholder element
    beside it, holds in data-src* attributes, and the best of them (the first src attribute in
    the order of _SRC_ATTRIBUTES, else a srcset's last). Up to two wrappers up, and only while
    the wrapper holds no other image, whose URLs they could be."""
    child, wrapper = element, element.getparent()
    for _ in range(2):
        if wrapper is None or any(other is not child and other.tag in IMAGE_TAGS for other in wrapper):
            break
        urls: list[str] = []
        ranked: list[tuple[int, str]] = []
        holders = [wrapper, *(sibling for sibling in wrapper if sibling is not child
                              and isinstance(sibling.tag, str) and sibling.tag not in _NOT_HOLDERS)]
        for holder in holders:
            for name, value in markup.attributes(holder):
                if name in _HOLDER_ATTRIBUTES or name.startswith("data-src"):
                    found = [url for url in _attribute_urls(name, value) if not _unusable(url, placeholders)]
                    urls.extend(found)
                    if len(found) == 1 and "srcset" not in name:
                        ranked.append((_SRC_RANK.get(name, len(_SRC_RANK)), found[0]))
        if urls:
            return (min(ranked)[1] if ranked else urls[-1]), urls
        child, wrapper = wrapper, wrapper.getparent()
    return None, []


_SRC_RANK = {name: rank for rank, name in enumerate(_SRC_ATTRIBUTES)}


def _attribute_urls(name: str, value: str) -> list[str]:
    value = value.strip()
    if name in _LINK_OR_IMAGE and not _IMAGE_FILE.search(value):
        return []
    if value[:1] in ("{", "["):
        return _json_urls(value)
    if "srcset" in name:
        return srcset_urls(value)
    return [value] if value and " " not in value and _URLISH.search(value) else []


def elements(index: PageIndex) -> list[etree._Element]:
    """The page's image elements in document order, before copies are folded: what --max-images counts."""
    # AMP's sizer and fallback <img> are part of their <amp-img>.
    in_amp = {image for amp in index.tagged("amp-img", "amp-anim") for image in amp.iter("img")}
    found = _FIND_WITH_PLACEHOLDERS(index.tree) if index.hints.placeholders else index.tagged(*IMAGE_TAGS)
    return [element for element in found if element not in in_amp] if in_amp else list(found)


def find(index: PageIndex, found: list[etree._Element] | None = None) -> list[ImageGroup]:
    """Images in document order, copies folded; script placeholders too where the page has any.
    `found`: the image elements to fold (default: all of the page's, see `elements`)."""
    in_noscript = {image for noscript in index.tagged("noscript") for image in noscript.iter()}
    candidates = [Candidate(element, *_urls(element), element in in_noscript)
                  for element in (elements(index) if found is None else found)]
    shared = _paths_of_several_pictures(candidates)
    keyed = [_keys(candidate, shared) for candidate in candidates]
    placeholders = _shared_placeholders(keyed)
    if placeholders:
        for position, candidate in enumerate(candidates):
            if not placeholders.isdisjoint(keyed[position]):
                candidate.src, candidate.srcset = _urls(candidate.element, placeholders)
                keyed[position] = _keys(candidate, shared)
    groups: list[ImageGroup] = []
    by_key: dict[str, ImageGroup] = {}
    for candidate, keys in zip(candidates, keyed, strict=True):
        group = next((by_key[key] for key in keys if key in by_key), None)
        if group is None and candidate.in_noscript:
            group = _fallback_of(candidate.element, groups)
            if group is not None and _adopt_urls(group.primary, candidate):
                group = _preview_of(groups, keys) or group
        if group is None:
            group = ImageGroup()
            groups.append(group)
        group.copies.append(candidate)
        for key in keys:
            by_key.setdefault(key, group)
    return groups


def _adopt_urls(image: Candidate, fallback: Candidate) -> bool:
    """A lazy image whose only source is a placeholder is the picture its <noscript> copy shows."""
    if not image.srcset and (image.src is None or image.src.startswith("data:")) and fallback.src:
        image.src, image.srcset = fallback.src, list(fallback.srcset)
        return True
    return False


def _preview_of(groups: list[ImageGroup], keys: list[str]) -> ImageGroup | None:
    """The blurred preview a progressive loader shows in the lazy image's wrapper: the same file
    in a smaller size folder ("/max/60/1*Ab3.png" for "/max/3788/1*Ab3.png"). It and the lazy
    image are one picture; the lazy image's group, the last, joins the preview's."""
    if len(groups) < 2:
        return None
    lazy, before = groups[-1], groups[-2]
    preview = before.copies[-1].element
    wrapper = next(islice(lazy.primary.element.iterancestors(), 2, None), None)
    files = {key.rpartition("/")[2] for key in keys}
    before_keys = (copy_key(url) for copy in before.copies for url in (copy.src, *copy.srcset) if url)
    if wrapper is None or not any(ancestor is wrapper for ancestor in preview.iterancestors()):
        return None
    if not any(key.rpartition("/")[2] in files for key in before_keys):
        return None
    groups.pop()
    before.copies.extend(lazy.copies)
    return before


def _shared_placeholders(keyed: list[list[str]]) -> frozenset[str]:
    """Keys of a file that different pictures share: a lazy loader's placeholder ("grey-16x9.png")
    is the src of every image it has not loaded yet, each of which names its own picture elsewhere.

    A key counts when two or more of the images that hold it hold other keys too, none of them a
    rendition of this file ("photo.jpg" beside "photo-800.jpg" is a copy), and one's other keys
    share nothing with the first one's (another picture).
    """
    holders: dict[str, list[int]] = {}
    for position, keys in enumerate(keyed):
        for key in keys:
            holders.setdefault(key, []).append(position)
    found = set()
    loose: dict[str, str] = {}
    for key, held in holders.items():
        if len(held) < 2:
            continue
        others = [keys for keys in ([other for other in keyed[position] if other != key] for position in held) if keys]
        if len(others) < 2:
            continue
        first = set(others[0])
        if all(not first.isdisjoint(keys) for keys in others[1:]):
            continue  # copies of one picture, the common case: decided before the costlier test
        file = loose.setdefault(key, loose_key(key))
        if not any(loose.setdefault(other, loose_key(other)) == file for keys in others for other in keys):
            found.add(key)
    return frozenset(found)


def _keys(candidate: Candidate, shared: set[str]) -> list[str]:
    # In URL order, src first: a set's order changes from run to run, and so would the grouping.
    urls = [url for url in (candidate.src, *candidate.srcset) if url]
    if shared:
        return [key for key in dict.fromkeys(copy_key(url, url_key(url) in shared) for url in urls) if key]
    return [key for key in dict.fromkeys(map(copy_key, urls)) if key]


def _paths_of_several_pictures(candidates: list[Candidate]) -> set[str]:
    """File paths that the page uses for different pictures, told apart by a query parameter that
    names the picture ("/media/original.jpg?id=4411", "?id=4412"): keyed with it."""
    named: dict[str, set[str]] = {}
    for candidate in candidates:
        for url in (candidate.src, *candidate.srcset):
            if url and "?" in url:  # most image URLs have no query: nothing to tell apart
                path = url_key(url)
                if "?" not in path:  # an endpoint's key holds its query already
                    named.setdefault(path, {path}).add(url_key(url, keep_query=True))
    return {path for path, keys in named.items() if len(keys) > 2}


def _fallback_of(element: etree._Element, groups: list[ImageGroup]) -> ImageGroup | None:
    """A <noscript> image is the fallback of the image right before its <noscript>."""
    if not groups:
        return None
    noscript = next(a for a in element.iterancestors() if a.tag == "noscript")
    before = noscript.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    last = groups[-1].copies[-1].element
    # The image itself, or a small wrapper of it: <picture>, <a>, a lazy-load <span>.
    wrappers = [last, *list(last.iterancestors())[:2]]
    if before is not None and any(before is wrapper for wrapper in wrappers):
        return groups[-1]
    return None
