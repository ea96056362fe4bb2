"""What the user names -> the files to read, and each file -> its documents by its form.

Paths are read in the order given; folders are walked recursively in sorted order, globs expand
in sorted order, ``-`` is standard input. ``--exclude`` drops walked and globbed files, never a
file named explicitly. A folder that links back to one of its parents and a file that cannot be
read are documents with an error: reported, never fatal. A folder or glob with no page in it, and a
missing path that names no page file, is a usage error (NoPages). An http(s) URL is a page to
fetch (``captioncheck.sources.http``).
"""

from __future__ import annotations

import functools
import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from captioncheck.globs import matches
from captioncheck.limits import DEFAULT
from captioncheck.sources import http, mhtml, warc
from captioncheck.sources.document import Document, Input
from captioncheck.sources.local import gunzip_problem, read_gzipped_page, read_page, too_large

WARC_SUFFIXES = (".warc", ".warc.gz")
MHTML_SUFFIXES = (".mhtml", ".mht")
GZIPPED_PAGE_SUFFIXES = (".html.gz", ".htm.gz")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", *MHTML_SUFFIXES, *WARC_SUFFIXES, *GZIPPED_PAGE_SUFFIXES)
# A browser's "Webpage, Complete" keeps images (and the frames' own HTML) in NAME_files/ beside
# NAME.html: assets of that page, not pages to check.
SAVED_PAGE_FOLDER = "_files"
_GLOB_MAGIC = re.compile(r"[*?\[]")
_URL = re.compile(r"https?://", re.IGNORECASE)
_OTHER_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)  # ftp://, file://: not fetched


class NoPages(Exception):
    """A path that names no page to check: a folder or glob without pages. A usage error (exit 2),
    so a CI job pointed at the wrong place fails instead of passing on nothing."""


def inputs(paths: list[str], exclude: tuple[str, ...] | list[str] = ()) -> Iterator[Input]:
    """What the user named, as inputs, in the order given.

    Raises NoPages at the call, before any page is read, when a path names no page: each folder and
    glob is looked into as far as its first page (a glob expands whole anyway).
    """
    named = []
    for path in paths:
        items = _inputs_of(path, exclude)
        first = next(items, None)
        if first is None:
            raise NoPages(f"no pages found in {path}")
        named.append(chain([first], items))
    return chain.from_iterable(named)


def _inputs_of(path: str, exclude) -> Iterator[Input]:
    if path == "-":
        yield Input("-", stdin=True)
    elif os.path.isdir(path):
        yield from _walk_folder(path, exclude)
    elif os.path.lexists(path):
        yield Input(path)  # named explicitly: read whatever its name, never excluded
    elif _URL.match(path):
        yield Input(path, remote=True)
    elif _OTHER_URL.match(path):
        raise NoPages(f"{path}: only http:// and https:// URLs are fetched; save the page and name the file")
    elif path.endswith(("/", os.sep)):
        raise NoPages(f"no such folder: {path}")
    elif _GLOB_MAGIC.search(path):
        yield from _glob_inputs(path, exclude)
    elif _names_a_page(path):
        yield Input(path)  # a missing page is a finding on it (CC001), as for one that vanishes mid-run
    else:
        # No page's name: most likely a folder that is not there (a CI job pointed at the wrong place),
        # which must fail as a folder without pages does, --exit-zero or not.
        raise NoPages(f"no such file or folder: {path}")


def _names_a_page(path: str) -> bool:
    return os.path.basename(path).lower().endswith((*PAGE_SUFFIXES, ".gz"))


def read_input(item: Input, max_bytes: int = DEFAULT.max_bytes) -> Iterator[Document]:
    if item.document is not None:
        yield item.document
    elif item.problem:
        yield Document(item.path, None, item.problem)
    elif item.remote:
        yield http.fetch_page(item.path, http.FetchOptions(max_bytes=max_bytes))
    elif item.stdin:
        yield from read_stdin(max_bytes)
    else:
        yield from read_file(item.path, max_bytes, site_root=item.site_root)


def expand(paths: list[str], exclude: tuple[str, ...] | list[str] = (), max_bytes: int = DEFAULT.max_bytes
           ) -> Iterator[Document]:
    """Documents for the paths given, in the order given; raises NoPages at the call, as `inputs` does."""
    items = inputs(paths, exclude)
    return (document for item in items for document in read_input(item, max_bytes))


def read_file(path: str, max_bytes: int = DEFAULT.max_bytes, site_root: str | None = None) -> Iterator[Document]:
    """The documents in one file, by its form: a WARC holds many pages, other forms one."""
    lower = path.lower()
    if lower.endswith(WARC_SUFFIXES):
        try:
            open(path, "rb").close()  # say so now: warc.read opens the archive lazily, once per pass and image
        except OSError as error:
            yield Document(path, None, f"cannot read the file: {error.strerror or error}")
            return
        yield from warc.read(path, functools.partial(open, path, "rb"), max_bytes)
    elif lower.endswith(MHTML_SUFFIXES):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            yield Document(path, None, f"cannot read the file: {error.strerror or error}")
            return
        yield mhtml.read(path, data)
    elif lower.endswith(".gz"):
        yield read_gzipped_page(path, max_bytes, site_root)
    else:
        yield read_page(path, site_root)


def read_stdin(max_bytes: int) -> Iterator[Document]:
    """Standard input, recognised by its content: a page, MHTML, a WARC, any of them gzipped."""
    yield from read_bytes("-", sys.stdin.buffer.read(), max_bytes)


def read_bytes(name: str, data: bytes, max_bytes: int = DEFAULT.max_bytes) -> Iterator[Document]:
    """Documents in bytes with no file name to go by (standard input, the Python API), recognised
    by their content: a page, MHTML, a WARC, any of them gzipped. `name` is how reports name them."""
    if warc.looks_like_warc(_head(data)):
        yield from warc.read(name, lambda: io.BytesIO(data), max_bytes)  # warcio reads .warc.gz as is
        return
    if data.startswith(b"\x1f\x8b"):
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(max_bytes + 1)
        except (EOFError, gzip.BadGzipFile, OSError, zlib.error) as error:
            yield Document(name, None, f"the gzip data is damaged: {gunzip_problem(error)}")
            return
        if len(data) > max_bytes:
            yield Document(name, None, too_large(max_bytes))
            return
    if mhtml.looks_like_mhtml(data):
        yield mhtml.read(name, data)
    else:
        yield Document(name, data)


def _head(data: bytes) -> bytes:
    """The first bytes of the data, gunzipped if it is gzip: enough to tell a WARC."""
    if not data.startswith(b"\x1f\x8b"):
        return data[:16]
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(data)).read(16)
    except (EOFError, gzip.BadGzipFile, OSError, zlib.error):
        return b""


def _glob_inputs(pattern: str, exclude) -> Iterator[Input]:
    matches = sorted(glob.glob(pattern, recursive=True))
    # Excludes match paths relative to the pattern's fixed part too, as for a folder named.
    root = os.path.dirname(_GLOB_MAGIC.split(pattern, 1)[0]) or "."
    for match in matches:
        if _in_saved_page_folder(match):
            continue
        if os.path.isdir(match):
            yield from _walk_folder(match, exclude)
        elif match.lower().endswith(PAGE_SUFFIXES) and not excluded(match, os.path.relpath(match, root), exclude):
            yield Input(match)


def _in_saved_page_folder(path: str) -> bool:
    """Is the path a saved page's NAME_files/ folder, or inside one (a frame the browser saved)?"""
    for folder in (Path(path), *Path(path).parents):
        if folder.name.endswith(SAVED_PAGE_FOLDER):
            stem = folder.name[: -len(SAVED_PAGE_FOLDER)]
            if any((folder.parent / f"{stem}{suffix}").is_file() for suffix in PAGE_SUFFIXES):
                return True
    return False


def _walk_folder(folder: str, exclude) -> Iterator[Input]:
    for path, problem in _walk(folder, exclude):
        yield Input(path, problem=problem) if problem else Input(path, site_root=folder)


def _walk(folder: str, exclude) -> Iterator[tuple[str, str | None]]:
    """Page files under `folder` in sorted order, and the folders that could not be walked."""
    first_path_of: dict[str, str] = {}  # real folder -> the path it was first walked under
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=problems.append):
        while problems:
            error = problems.pop(0)
            yield error.filename or root, f"cannot read the folder: {error.strerror or error}"
        real = os.path.realpath(root)
        if real in first_path_of:
            dirs[:] = []
            earlier = first_path_of[real]
            if root.startswith(earlier.rstrip(os.sep) + os.sep):
                yield root, f"symlink loop: this folder leads back to {earlier}; it was not walked again"
            continue  # another link to a folder already walked: its pages are reported once
        first_path_of[real] = root
        pages = [name for name in files if name.lower().endswith(PAGE_SUFFIXES)]
        stems = {_stem(name) for name in pages}
        dirs[:] = sorted(name for name in dirs
                         if not (name.endswith(SAVED_PAGE_FOLDER) and name[: -len(SAVED_PAGE_FOLDER)] in stems)
                         and not excluded(os.path.join(root, name), _relative(root, name, folder), exclude))
        for name in sorted(pages):
            path = os.path.join(root, name)
            if not excluded(path, _relative(root, name, folder), exclude):
                yield path, None
    while problems:
        error = problems.pop(0)
        yield error.filename or folder, f"cannot read the folder: {error.strerror or error}"


def _stem(name: str) -> str:
    """The file name without its page suffix: "story.v2.html" -> "story.v2", as browsers name NAME_files."""
    suffix = max((suffix for suffix in PAGE_SUFFIXES if name.lower().endswith(suffix)), key=len)
    return name[: -len(suffix)]


def _relative(root: str, name: str, folder: str) -> str:
    return os.path.relpath(os.path.join(root, name), folder)


def excluded(path: str, relative: str, patterns) -> bool:
    """Does an --exclude pattern match the path as reported or relative to the folder named?

    The rules of ``per_file_ignores``: a pattern without a slash matches the file or folder name
    (``*.amp.html``, ``drafts``); one with a slash matches the whole path, ``**`` any number of
    folders (``archive/**``, ``site/*/print.html``).
    """
    return any(matches(candidate, pattern) for pattern in patterns for candidate in (path, relative))
