"""Image URLs reduced to what copies of one picture share."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

_WRAPPED_URL = re.compile(r"[?&](?:url|src|image|img)=((?:https?)?(?:%3A|:)[^&#]+)", re.IGNORECASE)


@lru_cache(maxsize=65536)  # srcsets repeat one URL's renditions, and copies repeat whole srcsets
def url_key(url: str | None) -> str:
    """An image URL without scheme, host, query or fragment: what copies of one image share.

    Resizing services that carry the original in a query parameter (``/resize/980x653/?url=...``)
    are keyed by that original.
    """
    if not url:
        return ""
    wrapped = _WRAPPED_URL.search(url)
    if wrapped:
        url = unquote(wrapped.group(1))
    url = url.split("#", 1)[0].split("?", 1)[0]
    url = re.sub(r"^(?:https?:)?//[^/]+", "", url.strip())
    return url.lower()


# Size renditions in file names: foo-300x200.jpg, foo_s800-c85.jpg, foo-1024w.jpg.
_RENDITION = re.compile(
    r"[-_.](?:\d{2,5}x\d{2,5}|s\d{2,5}(?:-c\d+)?|w\d{2,5}|\d{2,5}w|scaled|large|medium|small|thumb(?:nail)?)"
    r"(?=[-_.]|$)",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def copy_key(url: str) -> str:
    """The folder and file name without size rendition or extension: what copies share."""
    path = url_key(url)
    folder, _, name = path.rpartition("/")
    stem = _RENDITION.sub("", _EXTENSION.sub("", name))
    return f"{folder}/{stem}" if len(stem) >= 4 else path


_TRAILING_WIDTH = re.compile(r"[-_]\d{2,4}$")


def loose_key(url: str) -> str:
    """copy_key without a trailing width ("port-1600" and "port-1200" alike). Too loose to fold
    images together, it only pairs an image with its structured data when nothing else does."""
    return _TRAILING_WIDTH.sub("", copy_key(url))
