"""WARC and WARC.gz archives, read with ``warcio`` as a stream.

Every successful HTML response (or resource) record is a page named ``archive.warc.gz#URI``, its
target URI the page URL and its HTTP Content-Type charset the declared charset. Image records in
the same archive are the pages' assets, wherever they sit in the file: a first pass notes where
each image record starts, a second yields the pages one at a time, and an image is read only
when a page asks for it. Memory stays flat however large the archive is.

A damaged record (a wrong Content-Length, a truncated file, bytes that are no record at all) is
a document with an error; reading goes on at the next record that parses.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from captioncheck.sources.assets import MAX_IMAGE_BYTES, ArchivedAssets, Loader, asset_key
from captioncheck.sources.document import Document, media_type
from captioncheck.sources.local import too_large

Opener = Callable[[], BinaryIO]
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_CHUNK = 1 << 16


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(_WARC_MAGIC)


@dataclass(frozen=True)
class _Record:
    offset: int
    uri: str | None = None
    charset: str | None = None
    payload: bytes | None = None  # the page's bytes, for page records only
    problem: str | None = None  # what is wrong with the record, when it is damaged


def read(name: str, opener: Opener, max_bytes: int) -> Iterator[Document]:
    """The pages of one archive, in file order. `opener` opens the archive afresh (a path or bytes)."""
    if not looks_like_warc(_first_bytes(opener)):
        yield Document(name, None, "not a WARC file: it does not start with a WARC/1.x record header")
        return
    images = {}
    for record in _records(opener, max_bytes, pages_wanted=False):
        if record.uri and record.problem is None:
            images.setdefault(asset_key(record.uri), _image_loader(opener, record.offset))
    yielded = False
    for record in _records(opener, max_bytes, pages_wanted=True):
        where = record.uri or f"offset={record.offset}"
        yielded = True
        if record.problem:
            yield Document(f"{name}#{where}", None, record.problem)
        elif record.payload is not None and len(record.payload) > max_bytes:
            yield Document(f"{name}#{where}", None, too_large(max_bytes))
        else:
            yield Document(f"{name}#{where}", record.payload, declared_charset=record.charset, url=record.uri,
                           assets=ArchivedAssets(images, record.uri))
    if not yielded:
        # An archive with no page at all is still a finding: the user named it to be checked.
        yield Document(name, None, "the archive holds no HTML page (no successful text/html response record)")


def _first_bytes(opener: Opener) -> bytes:
    """The archive's first bytes, gunzipped when it is a .warc.gz."""
    with opener() as handle:
        head = handle.read(len(_WARC_MAGIC))
        if not head.startswith(_GZIP_MAGIC):
            return head
        handle.seek(0)
        try:
            return gzip.GzipFile(fileobj=handle).read(len(_WARC_MAGIC))
        except (EOFError, OSError, zlib.error):
            return b""


def _records(opener: Opener, max_bytes: int, pages_wanted: bool) -> Iterator[_Record]:
    """Page records (pages_wanted) or image records, and damaged records either way, in file order."""
    with opener() as handle:
        compressed = handle.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
        size = handle.seek(0, io.SEEK_END)
        start: int | None = 0
        while start is not None:
            handle.seek(start)
            # Digests (checked quietly) catch a record cut short at a line end, which lengths alone do not.
            iterator = ArchiveIterator(handle, check_digests=True)
            # warcio's offsets in a damaged gzip stream can point before this pass's start, even below 0;
            # none is taken below the last record start known, so reading always moves on (each record
            # is read about once, and the loop ends).
            floor = start
            damaged_at = None
            try:
                for record in _quietly(iterator):
                    found = _record(iterator, record, pages_wanted, max_bytes, floor)
                    floor = found.offset
                    if found.problem:
                        damaged_at = found.offset
                    if found.problem or found.payload is not None or (not pages_wanted and found.uri):
                        yield found
                    if damaged_at is not None:
                        break
                else:
                    if not _only_padding(handle, max(iterator.offset, floor), size):
                        damaged_at = max(iterator.offset, floor)
                        yield _Record(damaged_at, problem=f"the archive is cut short: the record at byte "
                                                          f"{damaged_at} is incomplete (a truncated file)")
            except Exception as error:  # noqa: BLE001 - warcio raises assorted errors on damaged bytes
                damaged_at = max(iterator.offset, floor)
                yield _Record(damaged_at, problem=f"no valid WARC record at byte {damaged_at}: {_first_line(error)}")
            start = None if damaged_at is None else _next_record_start(handle, damaged_at + 1, compressed)


def _record(iterator: ArchiveIterator, record, pages_wanted: bool, max_bytes: int, floor: int) -> _Record:
    """The record as read, its offset no lower than `floor` (where this record cannot start before)."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    mime, charset = _content_type(record)
    is_page = mime in _PAGE_TYPES and _successful(record)
    is_image = mime.startswith("image/") and _successful(record)
    payload, unreadable_body = None, None
    if pages_wanted and is_page:
        try:
            payload = record.content_stream().read(max_bytes + 1)
        except Exception as error:  # noqa: BLE001 - a damaged chunked or gzip-encoded HTTP body
            unreadable_body = f"the page's HTTP body cannot be decoded: {_first_line(error)}"
    errors_before = iterator.err_count
    with _no_stderr():
        offset = max(iterator.get_record_offset(), floor)  # reads to the record's end: where a bad length shows
    if iterator.err_count > errors_before:
        return _Record(offset, uri, problem=f"the WARC record at byte {offset} is damaged: its Content-Length "
                                            "does not match its content")
    if _block_digest_failed(record):
        return _Record(offset, uri, problem=f"the WARC record at byte {offset} is damaged: its content does not "
                                            "match its WARC-Block-Digest (a wrong Content-Length or altered bytes)")
    if record.raw_stream.limit > 0:
        return _Record(offset, uri, problem=f"the WARC record at byte {offset} is cut short: "
                                            f"{record.raw_stream.limit} bytes of its content are missing "
                                            "(a truncated file or a wrong Content-Length)")
    if unreadable_body:
        return _Record(offset, uri, problem=unreadable_body)
    if payload is not None:
        return _Record(offset, uri, charset, payload)
    return _Record(offset, uri if (is_image and not pages_wanted) else None)


def _block_digest_failed(record) -> bool:
    """Do the record's bytes differ from its WARC-Block-Digest? Payload digests are not trusted:
    crawlers disagree on whether they cover a chunked body before or after de-chunking."""
    checker = record.digest_checker
    return checker is not None and any(problem.startswith("block digest failed") for problem in checker.problems)


def _content_type(record) -> tuple[str, str | None]:
    """The payload's media type and charset: the HTTP header for responses, the WARC one for resources."""
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        value = record.rec_headers.get_header("Content-Type")
    else:
        return "", None
    return media_type(value)


def _successful(record) -> bool:
    """A resource record, or a 2xx response: redirects and error pages are not the saved page."""
    if record.rec_type == "resource":
        return True
    status = record.http_headers.get_statuscode() if record.http_headers is not None else None
    return bool(status) and str(status).startswith("2")


def _quietly(iterator: ArchiveIterator):
    """The iterator's records, with warcio's own warnings (printed to stderr) kept out of our output."""
    while True:
        with _no_stderr():
            record = next(iterator, None)
        if record is None:
            return
        yield record


@contextlib.contextmanager
def _no_stderr():
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def _only_padding(handle: BinaryIO, offset: int, size: int) -> bool:
    """Is everything after `offset` blank (the end of a well-formed archive)?"""
    if offset >= size:
        return True
    handle.seek(offset)
    return not handle.read(_CHUNK).strip()


def _next_record_start(handle: BinaryIO, position: int, compressed: bool) -> int | None:
    """The first offset at or after `position` where a record parses: where reading resumes."""
    magic = _GZIP_MAGIC if compressed else _WARC_MAGIC
    while True:
        found = _find(handle, magic, position)
        if found is None:
            return None
        handle.seek(found)
        try:
            with _no_stderr():
                next(ArchiveIterator(handle))
            return found
        except Exception:  # noqa: BLE001 - a false start inside compressed data or content: look further
            position = found + 1


def _find(handle: BinaryIO, magic: bytes, position: int) -> int | None:
    """The offset of the next `magic` at or after `position`, reading in chunks (constant memory)."""
    handle.seek(position)
    carry = b""
    base = position
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        index = window.find(magic)
        if index >= 0:
            return base - len(carry) + index
        carry = window[-(len(magic) - 1):]
        base += len(chunk)


def _image_loader(opener: Opener, offset: int) -> Loader:
    def load() -> bytes:
        with opener() as handle:
            handle.seek(offset)
            try:
                with _no_stderr():
                    record = next(ArchiveIterator(handle))
                return record.content_stream().read(MAX_IMAGE_BYTES)
            except Exception as error:  # noqa: BLE001 - warcio raises assorted errors on damaged bytes
                raise OSError(f"the WARC record at byte {offset} cannot be read: {_first_line(error)}") from None

    return load


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
