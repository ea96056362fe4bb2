"""The image files a page's editorial photos point to -> the credit data inside them, on the model.

A document may carry its images: a complete page's folder, MHTML parts, WARC records (see
``captioncheck.sources``). For each editorial image the first of its URLs (src, then srcset)
whose file is at hand is read; the next is tried when a rendition carries no credit data
(resizers strip it). What the file's Special Instructions and Usage Terms say becomes
restrictions with field ``embedded``: rules about what readers see leave them alone, rules about
the file's own terms read them (``rules/CC5*.yaml``). Decorative images are not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from captioncheck.extract import embedded, restrictions
from captioncheck.model import Embedded, Image, Page

Loader = Callable[[], bytes]


class Assets(Protocol):
    """What a document offers for finding its image files (see ``captioncheck.sources``)."""

    def loader(self, reference: str) -> Loader | None:
        """How to get the bytes of the file the page references as `reference`, if it is at hand."""


def attach(page: Page, assets: Assets | None) -> Page:
    """The page with ``embedded`` (and embedded restrictions) on each editorial image whose file is at hand."""
    if assets is None or not page.images:
        return page
    images = tuple(_with_embedded(image, assets) if image.kind == "editorial" else image for image in page.images)
    return replace(page, images=images)


def _with_embedded(image: Image, assets: Assets) -> Image:
    found = None
    for reference in dict.fromkeys(filter(None, (image.src, *image.srcset))):
        candidate = _read(reference, assets)
        if candidate is None:
            continue
        found = found or candidate
        if _says_anything(candidate):
            found = candidate
            break
    if found is None:
        return image
    embedded_restrictions = (restrictions.scan(found.instructions, "embedded")
                             + restrictions.scan(found.usage_terms, "embedded"))
    return replace(image, embedded=found,
                   restrictions=tuple(dict.fromkeys((*image.restrictions, *embedded_restrictions))))


def _says_anything(found: Embedded) -> bool:
    return bool(found.errors) or any(
        (found.credit_line, found.creator, found.copyright_notice, found.source, found.instructions,
         found.usage_terms, found.web_statement))


def _read(reference: str, assets: Assets) -> Embedded | None:
    load = assets.loader(reference)
    if load is None:
        return None
    try:
        data = load()
    except (OSError, ValueError) as error:
        return Embedded(file=reference, errors=(f"the image file could not be read: {error}",))
    return embedded.read(data, reference)
