"""The key each editorial photo of a page leaves for the rules across pages (engine/across.py).

A page's tree and model are dropped once it is checked, so that memory stays flat; what the
rules across pages need of it is this: which photo it is, where it sits (for the finding), and
what the page says with it (caption, credit, NO ARCHIVES, a time window). A key is a few short
strings, picklable and JSON-able, so it travels from worker processes and through the cache.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from captioncheck.engine import photo_numbers
from captioncheck.engine.windows import find as find_window
from captioncheck.extract.urls import copy_key, is_inline, loose_key, site_of
from captioncheck.model import Image, Page


@dataclass(frozen=True, slots=True)  # slots: a run holds one for every photo it checks
class ImageKey:
    # Which photo: "file:" and a hash of its bytes where the document carries the file, else
    # "url:" and its site and copy key (the identity extraction folds a page's copies by).
    photo: str
    # Its file's name without rendition, width or extension ("port-strike"), where it is long enough
    # to name one picture: a site's CDN may serve one photo under paths that differ in more than that.
    stem: str
    site: str  # the page's site (host of its URL), "" for a saved page that names none
    path: str
    published: str | None  # the page's publication time, as the page gives it
    index: int
    number: int | None  # where the finding shows it (see Finding)
    line: int | None
    src: str | None
    caption: str | None
    alt: str | None
    credit: str | None
    confidence: float
    no_archives: str | None = None  # NO ARCHIVES (or ONE TIME USE ONLY) as printed, on the page or in the file
    window: str | None = None  # a time window as printed ("FOR USE UNTIL ..."), see engine/windows.py
    suppressed: tuple[str, ...] = ()  # rules the page silences for this photo
    deferred: tuple[str, ...] = ()  # of those, the ones no page rule used (for --report-unused-suppressions)
    # Where its tag starts on its line; not the tag itself, which would double what a key weighs.
    column: int | None = None


def photo_of(image: Image, page: Page, digest: str | None) -> str | None:
    """The photo's identity across pages, or None for one with no file and no URL to tell it by."""
    if digest:
        return f"file:{digest}"
    src = _file_url(image)
    if src is None:
        return None
    try:
        absolute = urljoin(page.url, src) if page.url else src
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.netloc:
        return f"url:{site_of(absolute)}{copy_key(absolute)}"
    if not parts.scheme and not absolute.startswith("/"):  # relative to a saved page: its own folder
        absolute = posixpath.normpath(posixpath.join(posixpath.dirname(page.path.replace("\\", "/")), absolute))
    return f"url:{copy_key(absolute)}"


def stem_of(image: Image) -> str:
    """The picture's file name as copies of it share it; empty where it is too short to tell one."""
    src = _file_url(image)
    stem = loose_key(src).partition("?")[0].rsplit("/", 1)[-1] if src else ""
    return stem if len(stem) >= 8 else ""


def _file_url(image: Image) -> str | None:
    """The first of the image's URLs that names a file (no inline data: image)."""
    return next((url for url in (image.src, *image.srcset) if url and not is_inline(url)), None)


def page_keys(page: Page, digests: dict[int, str], min_confidence: float) -> tuple[ImageKey, ...]:
    """A key for each editorial photo that rules are sure enough of; `digests` are the hashes of
    the files the document carries, by image index."""
    numbers = photo_numbers(page)
    site = site_of(page.url)
    keys = []
    for image in page.editorial:
        photo = photo_of(image, page, digests.get(image.index))
        if photo is None or image.confidence < min_confidence:
            continue
        barred = next((item.text for item in image.restrictions if item.code == "NO_ARCHIVES"), None)
        embedded = image.embedded
        window = find_window((image.caption, image.credit, image.alt, image.title,
                              embedded.instructions if embedded else None, embedded.usage_terms if embedded else None))
        keys.append(ImageKey(
            photo=photo, stem=stem_of(image), site=site, path=page.path, published=page.published, index=image.index,
            number=numbers.get(image.index), line=image.line, src=None if is_inline(image.src) else image.src,
            caption=image.caption, alt=image.alt, credit=image.credit, confidence=image.confidence,
            no_archives=barred, window=window, suppressed=image.suppressed))
    return tuple(keys)
