"""A page file on disk, plain or gzipped, with the folder of images saved beside it."""

from __future__ import annotations

import gzip
import zlib

from captioncheck.limits import MEGABYTE
from captioncheck.sources.assets import FolderAssets
from captioncheck.sources.document import Document


def read_page(path: str, site_root: str | None = None) -> Document:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return Document(path, None, f"cannot read the file: {error.strerror or error}")
    return Document(path, data, assets=FolderAssets(path, site_root))


def read_gzipped_page(path: str, max_bytes: int, site_root: str | None = None) -> Document:
    """A ``.html.gz`` page. Decompression stops past `max_bytes`: a small file may hold a gzip bomb."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        return Document(path, None, f"the gzip file is damaged: {gunzip_problem(error)}")
    except OSError as error:
        return Document(path, None, f"cannot read the file: {error.strerror or error}")
    if len(data) > max_bytes:
        return Document(path, None, too_large(max_bytes))
    return Document(path, data, assets=FolderAssets(path, site_root))


def gunzip_problem(error: Exception) -> str:
    if isinstance(error, EOFError):
        return "it ends before its end-of-stream marker (a truncated file)"
    return str(error) or type(error).__name__


def too_large(max_bytes: int) -> str:
    return f"the page is over the limit of {max_bytes / MEGABYTE:g} MB uncompressed (--max-bytes); it was not read"
