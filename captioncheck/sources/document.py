"""The document (one page's bytes with everything its source knew about it) and the input it is read from."""

from __future__ import annotations

from dataclasses import dataclass

from captioncheck.sources.assets import ArchivedAssets, FolderAssets


@dataclass(frozen=True)
class Document:
    """One page as a source read it. Nothing after this knows where it came from.

    `data` is None when no page could be read (`error` says why: the input is unreadable). With
    both `data` and `error`, the container was damaged but the page itself was read (a warning).
    """

    name: str  # how reports name it: the path as given, "-" for stdin, "archive.warc.gz#URI"
    data: bytes | None
    error: str | None = None
    declared_charset: str | None = None  # from a transport header: WARC HTTP Content-Type, MHTML part
    url: str | None = None  # where the page was fetched from: WARC target URI, MHTML Content-Location
    assets: ArchivedAssets | FolderAssets | None = None  # finds the image files the page references


@dataclass(frozen=True)
class Input:
    """One thing to read, found but not yet read: a file, standard input, or a problem to report.

    Listing inputs apart from reading them lets `--jobs` hand whole files to worker processes.
    """

    path: str
    site_root: str | None = None  # the folder named by the user, for "/..." image paths
    problem: str | None = None  # a folder that could not be walked
    stdin: bool = False
    remote: bool = False  # a URL, fetched over HTTP(S)
    document: Document | None = None  # the page, already fetched (sources.http.fetched)



def media_type(value: str | None) -> tuple[str, str | None]:
    """A Content-Type header's media type (lower case) and charset: 'text/html; charset="utf-8"'."""
    mime, _, params = (value or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset
