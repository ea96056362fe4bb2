"""Image URLs reduced to what copies of one picture share."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# The HTML standard's "parse a srcset attribute": candidates are separated by whitespace and
# commas; a URL is a run of non-whitespace (image CDNs put commas in it: /w_560,f_auto/photo.jpg),
# and a comma ends it only as its last character; otherwise its descriptors ("560w", "2x") run
# to the next comma outside parentheses.
# One match per candidate: separators, the URL, then its descriptors unless a comma ended the URL
# (the lookbehind); the separators are possessive, so a URL never opens with a comma. findall
# runs the loop in C; the comma is stripped after.
_SRCSET_CANDIDATE = re.compile(r"[ \t\n\r\f,]*+([^ \t\n\r\f]+)(?:(?<=,)|(?:[^,(]+|\([^)]*\)?)*)")


def srcset_urls(value: str | None) -> list[str]:
    """The URLs of a srcset value, in order, as a browser reads them."""
    if not value:
        return []
    return [url.rstrip(",") if url[-1] == "," else url for url in _SRCSET_CANDIDATE.findall(value)]


# A resizing service that carries the original in a query parameter: "?url=https%3A...",
# "/thumb?src=/photos/a.jpg".
_WRAPPED_URL = re.compile(r"[?&](?:url|src|image|img)=((?:https?)?(?:%3A|:)[^&#]+|(?:/|%2F)[^&#]+)", re.IGNORECASE)
# A last path segment that names no picture: an endpoint such as "/r/", "/thumb" or "image.php"
# (empty, a plain word, or a script), where the query string says which picture it serves. A
# file name ("river.jpg", "BBX0QLY.img") or a name with a digit (a hash, an id) names one.
_ENDPOINT = re.compile(r"/(?:[^/.\d]*|[^/]*\.(?:php\d?|aspx?|ashx|axd|jsp|cgi|pl|py|dll|do))$")
# Query parameters that choose a rendition of a picture (size, crop, format, quality) or bust a
# cache or sign the request: copies of one picture differ in these, never in which picture it is.
_RENDITION_PARAMETERS = frozenset({
    "w", "h", "width", "height", "maxwidth", "maxheight", "max-w", "max-h", "imwidth", "size", "sz", "s",
    "resize", "scale", "dpr", "q", "quality", "fit", "mode", "crop", "c", "rect", "ar", "gravity", "fp-x",
    "fp-y", "fp-z", "pad", "trim", "bg", "blur", "sharp", "strip", "format", "fm", "f", "auto", "output",
    "compress", "optimize", "enable", "disable", "ssl", "v", "ver", "version", "rev", "cb", "cache", "t", "ts",
    "itok", "token", "sig", "signature", "hash", "_",
})
# Parameters that name the picture itself. Where different pictures on one page share a file
# path ("/media/show.jpg?id=1", "?id=2"), these stay in the key even after a picture name.
_IDENTITY_PARAMETERS = frozenset({
    "id", "i", "img", "image", "imageid", "image_id", "imgid", "img_id", "photo", "photoid", "photo_id", "pic",
    "picid", "media", "mediaid", "media_id", "asset", "assetid", "asset_id", "file", "filename", "fileid",
    "uuid", "guid", "pid", "item", "itemid",
})


_HOST = re.compile(r"^(?:https?:)?//[^/]+")


def is_inline(url: str | None) -> bool:
    """An inline ``data:`` image, whatever the case of its scheme or the space before it."""
    return bool(url) and url.lstrip()[:5].lower() == "data:"  # the scheme only: not the whole long URL


@lru_cache(maxsize=65536)  # srcsets repeat one URL's renditions, and copies repeat whole srcsets
def url_key(url: str | None, keep_query: bool = False) -> str:
    """An image URL without scheme, host, fragment or rendition parameters: what copies share.

    Where the path names the picture, the query is left out; where it does not (``/r/?i=123``,
    ``image.php?id=55``), the parameters that name the picture stay, sorted, or where none does,
    all that do not choose a rendition. `keep_query` keeps the parameters that name a picture
    after a picture name too, for a page that uses one file path for several pictures. Resizing
    services that carry the original in a query parameter (``/resize/980x653/?url=...``) are
    keyed by that original.
    """
    if not url:
        return ""
    wrapped = _WRAPPED_URL.search(url) if "=" in url else None  # most URLs have no parameter at all
    if wrapped:
        url = unquote(wrapped.group(1))
    path, _, query = url.partition("#")[0].partition("?")
    path = path.strip()
    host = _HOST.match(path)
    path = (path[host.end():] if host else path).lower()
    if not query:
        return path
    generic = not path or _ENDPOINT.search(path) is not None
    # A parameter that names the picture says it all; without one, every parameter that does not
    # choose a rendition may (crop offsets and focal points of one picture differ, so this is last).
    identity = _query_pairs(query, _IDENTITY_PARAMETERS.__contains__) if keep_query or generic else ""
    if generic and not identity:
        identity = _query_pairs(query, lambda name: name not in _RENDITION_PARAMETERS and not name.startswith("utm_"))
    return f"{path}?{identity}" if identity else path


def _query_pairs(query: str, wanted) -> str:
    """The query's name=value pairs whose name is wanted, lower-cased and sorted."""
    pairs = set()
    for pair in query.lower().split("&"):
        name, _, value = pair.partition("=")
        if value and wanted(name):
            pairs.add(f"{name}={value}")
    return "&".join(sorted(pairs))


# Size renditions in file names: foo-300x200.jpg, foo_s800-c85.jpg, foo-1024w.jpg.
_RENDITION = re.compile(
    r"[-_.](?:\d{2,5}x\d{2,5}|s\d{2,5}(?:-c\d+)?|w\d{2,5}|\d{2,5}w|scaled|large|medium|small|thumb(?:nail)?)"
    r"(?=[-_.]|$)",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def copy_key(url: str, keep_query: bool = False) -> str:
    """The folder and file name without size rendition or extension, and the query parameters
    that name the picture (see url_key): what copies share. An inline ``data:`` image has none:
    lazy loaders give one such placeholder to every image they have not loaded."""
    if is_inline(url):
        return ""
    path, mark, query = url_key(url, keep_query).partition("?")
    folder, _, name = path.rpartition("/")
    stem = _RENDITION.sub("", _EXTENSION.sub("", name))
    return (f"{folder}/{stem}" if len(stem) >= 4 else path) + mark + query


_TRAILING_WIDTH = re.compile(r"[-_]\d{2,4}$")


def loose_key(url: str) -> str:
    """copy_key without a trailing width ("port-1600" and "port-1200" alike). Too loose to fold
    images together, it only pairs an image with its structured data when nothing else does."""
    return _TRAILING_WIDTH.sub("", copy_key(url))


# Second-level names under which sites register (example.co.uk): the site is the name below them.
_SHARED_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"})


@lru_cache(maxsize=4096)
def site_of(url: str | None) -> str:
    """The site a URL belongs to: its host without www. or a subdomain (cdn.example.com and
    example.com are one site; news.example.co.uk is example.co.uk). Empty for a URL with no host."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # "http://[::1": no host to read
        return ""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SHARED_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])
