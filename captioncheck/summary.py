"""A checked page, summed up for a report that shows its photos (the HTML report).

The page model is dropped once a page is checked, so that memory stays flat over a large run;
this is the little of it a photo editor's report needs: the page's title and time, and for each
editorial photo what it printed (caption, credit, alt text, restrictions), how sure extraction
was, and a small thumbnail when the photo's file was saved with the page. It is made only when
such a report is asked for (``Settings.summaries``), is plain data (picklable, and JSON for the
cache), and long texts are cut, so that a hostile page cannot make it large.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Protocol
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

from captioncheck.model import Image, Page
from captioncheck.thumbnails import thumbnail

MAX_TEXT = 1_000  # characters of one caption, credit or alt kept; more is cut with "…"
MAX_SIGNALS = 4  # the evidence signals that weighed most
MAX_DECORATIVE = 200  # decorative images listed on one page; the rest are counted
MAX_RESTRICTIONS = 50  # restrictions kept for one photo (real ones carry a handful)
MAX_DATA_URL = 4_000_000  # characters of an inline data: image decoded for its thumbnail


class Assets(Protocol):
    """What a document offers for finding its image files (``captioncheck.sources``)."""

    def loader(self, reference: str) -> Callable[[], bytes] | None: ...


@dataclass(frozen=True)
class ImageSummary:
    """One editorial photo as the page printed it."""

    index: int  # Image.index: what findings name it by
    number: int  # 1-based among the page's editorial photos, as findings describe it
    src: str | None  # the URL as the page gives it
    link: str | None  # where a browser finds it from the report: absolute, or relative to the page's folder
    caption: str | None
    credit: str | None
    alt: str | None
    restrictions: tuple[tuple[str, str, str], ...]  # (code, words as printed, field)
    confidence: float
    signals: tuple[tuple[str, float], ...]  # the evidence that weighed most, name and share
    caption_source: str | None
    credit_source: str | None
    thumbnail: str | None = None  # a data: URI, when the file was at hand
    thumbnail_size: tuple[int, int] | None = None


@dataclass(frozen=True)
class DecorativeSummary:
    index: int
    src: str | None
    alt: str | None
    reason: str | None


@dataclass(frozen=True)
class PageSummary:
    path: str
    url: str | None
    title: str | None
    published: str | None
    images: tuple[ImageSummary, ...] = ()
    decorative: tuple[DecorativeSummary, ...] = ()
    decorative_left_out: int = 0  # decorative images past MAX_DECORATIVE

    def keep_thumbnails(self, count: int) -> PageSummary:
        """The summary with only the first `count` of its thumbnails (the others' photos are linked)."""
        images, seen = [], 0
        for image in self.images:
            if image.thumbnail is not None:
                seen += 1
                if seen > count:
                    image = replace(image, thumbnail=None, thumbnail_size=None)
            images.append(image)
        return replace(self, images=tuple(images)) if seen > count else self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PageSummary:
        images = []
        for item in data["images"]:
            item = dict(item)
            item["restrictions"] = tuple(tuple(entry) for entry in item["restrictions"])
            item["signals"] = tuple((name, share) for name, share in item["signals"])
            if item.get("thumbnail_size") is not None:
                item["thumbnail_size"] = tuple(item["thumbnail_size"])
            images.append(ImageSummary(**item))
        decorative = tuple(DecorativeSummary(**item) for item in data["decorative"])
        return cls(data["path"], data["url"], data["title"], data["published"], tuple(images), decorative,
                   data.get("decorative_left_out", 0))


def summarize(page: Page, assets: Assets | None = None) -> PageSummary:
    """The summary of a checked page, with thumbnails of the photo files `assets` holds."""
    images, decorative = [], []
    for image in page.images:
        if image.kind == "editorial":
            images.append(_with_thumbnail(_editorial(page, image, len(images) + 1), image, assets))
        else:
            decorative.append(DecorativeSummary(image.index, _cut(image.src), _cut(image.alt), image.reason))
    return PageSummary(page.path, page.url, _cut(page.title), page.published, tuple(images),
                       tuple(decorative[:MAX_DECORATIVE]), max(0, len(decorative) - MAX_DECORATIVE))


def _editorial(page: Page, image: Image, number: int) -> ImageSummary:
    evidence = image.evidence
    signals = tuple(sorted(evidence.signals, key=lambda pair: -abs(pair[1]))[:MAX_SIGNALS]) if evidence else ()
    return ImageSummary(
        index=image.index, number=number, src=_cut(image.src),
        link=link(page, image.src or next(iter(image.srcset), None)), caption=_cut(image.caption),
        credit=_cut(image.credit), alt=_cut(image.alt),
        restrictions=tuple((r.code, _cut(r.text) or "", r.field) for r in image.restrictions[:MAX_RESTRICTIONS]),
        confidence=image.confidence, signals=signals,
        caption_source=evidence.caption_source if evidence else None,
        credit_source=evidence.credit_source if evidence else None)


def _with_thumbnail(summary: ImageSummary, image: Image, assets: Assets | None) -> ImageSummary:
    for reference in dict.fromkeys(filter(None, (image.src, *image.srcset))):
        data = _inline(reference) if reference.startswith("data:") else _load(assets, reference)
        made = thumbnail(data) if data else None
        if made is not None:
            return replace(summary, thumbnail=made.data_uri, thumbnail_size=(made.width, made.height))
    return summary


def _load(assets: Assets | None, reference: str) -> bytes | None:
    load = assets.loader(reference) if assets is not None else None
    if load is None:
        return None
    try:
        return load()
    except (OSError, ValueError):
        return None


def _inline(url: str) -> bytes | None:
    """The bytes of a data: URL (base64 or percent-encoded), if it is not too long."""
    if len(url) > MAX_DATA_URL:
        return None
    header, comma, body = url.partition(",")
    if not comma:
        return None
    try:
        return base64.b64decode(body) if header.endswith(";base64") else unquote_to_bytes(body)
    except (binascii.Error, ValueError):
        return None


def link(page: Page, src: str | None) -> str | None:
    """The photo's address for a browser opening the report: an archived or fetched page's photos
    by their absolute URL; a saved file's relative ones beside the file, as the report names it
    (relative to where the run was started). Only http(s) and file paths: never a script URL."""
    if not src or len(src) > MAX_TEXT or src.startswith("data:"):
        return None
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if parts.scheme:
        return src.strip()
    if archived(page.path) and page.url:
        try:
            return urljoin(page.url, src.strip())
        except ValueError:
            return None
    if parts.netloc:  # //host/a.jpg
        return "https:" + src.strip()
    if src.startswith("/"):
        return None  # root-relative on a saved file: the site's root is not known here
    return posixpath.join(posixpath.dirname(page.path), src.strip())


def archived(path: str) -> bool:
    """A page from a container (archive.warc.gz#URI, an MHTML file) or fetched from a URL: its
    photos live at its URL, not in a folder beside it."""
    return "#" in path or path.startswith(("http://", "https://")) or path.lower().endswith((".mhtml", ".mht"))


def _cut(text: str | None) -> str | None:
    if text is None or len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT - 1] + "…"
