"""Image URLs reduced to what copies of one picture share."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

# The HTML standard's "parse a srcset attribute": candidates are separated by whitespace and
# commas; a URL is a run of non-whitespace (image CDNs put commas in it: /w_560,f_auto/photo.jpg),
# and a comma ends it only as its last character; otherwise its descriptors ("560w", "2x") run
# to the next comma outside parentheses.
_SRCSET_SEPARATORS = re.compile(r"[ \t\n\r\f,]*")
_SRCSET_URL = re.compile(r"[^ \t\n\r\f]+")
_SRCSET_DESCRIPTORS = re.compile(r"(?:[^,(]+|\([^)]*\)?)*")


def srcset_urls(value: str | None) -> list[str]:
    """The URLs of a srcset value, in order, as a browser reads them."""
    urls: list[str] = []
    if not value:
        return urls
    pos, end = 0, len(value)
    while True:
        pos = _SRCSET_SEPARATORS.match(value, pos).end()
        if pos >= end:
            return urls
        url = _SRCSET_URL.match(value, pos).group()
        pos += len(url)
        if url.endswith(","):
            url = url.rstrip(",")  # no descriptors: the comma ended the candidate
        else:
            pos = _SRCSET_DESCRIPTORS.match(value, pos).end()
        if url:
            urls.append(url)


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
