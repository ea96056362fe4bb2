"""One saved page in the forms people save pages in, written deterministically for the tests.

- "Webpage, Complete": NAME.html and its NAME_files/ folder of images;
- MHTML as Chrome writes it: multipart/related, the page quoted-printable, images base64;
- WARC.gz as crawlers write it: a warcinfo record, then one gzip member per response record;
- a gzipped page (NAME.html.gz).

Dates, record ids and gzip timestamps are fixed, so the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import io
import quopri
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_DATE = "2024-05-14T09:12:00Z"
BOUNDARY = "----MultipartBoundary--captioncheck0001----"


@dataclass
class SavedPage:
    """A page as the server sent it, with the image files it references (by the URL in the page)."""

    url: str
    html: bytes
    images: dict[str, bytes] = field(default_factory=dict)  # reference in the page -> file bytes
    charset: str | None = "utf-8"  # the HTTP / MIME charset the page was served with

    def image_urls(self) -> dict[str, bytes]:
        return {urljoin(self.url, reference): data for reference, data in self.images.items()}


def write_complete(page: SavedPage, path: Path) -> Path:
    """NAME.html with the images at the relative paths the page uses (NAME_files/...)."""
    path.write_bytes(page.html)
    for reference, data in page.images.items():
        target = path.parent / reference
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return path


def mhtml_bytes(page: SavedPage, include_page: bool = True, title: str = "Saved page") -> bytes:
    charset = f'; charset="{page.charset}"' if page.charset else ""
    lines = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {page.url}",
        f"Subject: {title}",
        "Date: Tue, 14 May 2024 09:12:00 -0000",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{BOUNDARY}"',
        "",
        "",
    ]
    body = "\r\n".join(lines).encode()
    if include_page:
        body += _part([f"Content-Type: text/html{charset}", "Content-ID: <frame-0001@mhtml.blink>",
                       "Content-Transfer-Encoding: quoted-printable", f"Content-Location: {page.url}"],
                      quopri.encodestring(page.html))
    for url, data in page.image_urls().items():
        body += _part(["Content-Type: image/jpeg", "Content-Transfer-Encoding: base64", f"Content-Location: {url}"],
                      base64.encodebytes(data))
    return body + f"--{BOUNDARY}--\r\n".encode()


def _part(headers: list[str], payload: bytes) -> bytes:
    head = "\r\n".join([f"--{BOUNDARY}", *headers, "", ""]).encode()
    return head + payload.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n"


def warc_bytes(pages: list[SavedPage], gzipped: bool = True, extra: list[tuple[str, str, bytes, str]] = ()) -> bytes:
    """A WARC with each page's response record followed by its images' records; `extra` adds
    (uri, status line, body, content type) responses after them (redirects, error pages)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    number = 0

    def headers() -> dict:
        nonlocal number
        number += 1
        return {"WARC-Date": WARC_DATE, "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"}

    info = b"software: captioncheck tests\r\nformat: WARC File Format 1.0\r\n"
    writer.write_record(writer.create_warc_record("", "warcinfo", payload=io.BytesIO(info), length=len(info),
                                                  warc_content_type="application/warc-fields",
                                                  warc_headers_dict=headers()))
    for page in pages:
        content_type = "text/html" + (f"; charset={page.charset}" if page.charset else "")
        _response(writer, page.url, "200 OK", page.html, content_type, headers())
        for url, data in page.image_urls().items():
            _response(writer, url, "200 OK", data, "image/jpeg", headers())
    for uri, status, body, content_type in extra:
        _response(writer, uri, status, body, content_type, headers())
    return buffer.getvalue()


def _response(writer: WARCWriter, uri: str, status: str, body: bytes, content_type: str, warc_headers: dict) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
