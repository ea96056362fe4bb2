"""MHTML (``.mhtml``, ``.mht``): a browser's single-file save, read with the standard ``email`` package.

A ``multipart/related`` message: the HTML part (the one the ``start`` parameter names, else the
first ``text/html`` part) is the page; image parts are its assets, found by Content-Location or
``cid:`` Content-ID. Quoted-printable and base64 bodies are decoded by ``email``.
"""

from __future__ import annotations

import email
import email.policy
from email import errors as mime_errors
from email.message import Message

from captioncheck.sources.assets import ArchivedAssets, Loader, asset_key
from captioncheck.sources.document import Document

_PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Defects that mean the file was cut short or mangled, in words; others (no MIME-Version) are harmless.
_DAMAGE = {
    mime_errors.StartBoundaryNotFoundDefect: "a part boundary is missing",
    mime_errors.CloseBoundaryNotFoundDefect: "the closing boundary is missing (a truncated file?)",
    mime_errors.MultipartInvariantViolationDefect: "the multipart structure is broken",
    mime_errors.InvalidBase64PaddingDefect: "a base64 part is damaged",
    mime_errors.InvalidBase64CharactersDefect: "a base64 part is damaged",
    mime_errors.InvalidBase64LengthDefect: "a base64 part is damaged",
}


def looks_like_mhtml(head: bytes) -> bool:
    """MIME headers at the start of the data: what stdin holds when it is an MHTML file."""
    start = head[:2048].lower()
    return b"mime-version:" in start and b"multipart/related" in start


def read(name: str, data: bytes) -> Document:
    if not looks_like_mhtml(data) and data.lstrip()[:1] == b"<":
        return Document(name, data)  # plain HTML saved under an .mhtml name: read it as the page it is
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        if message.get_content_type() in _PAGE_TYPES and message.get("Content-Type"):
            return _page_document(name, message, message, {})
        return Document(name, None, "not an MHTML file: it has no multipart/related body with the page's parts")
    parts = [part for part in message.walk() if not part.is_multipart()]
    page_part = _page_part(message, parts)
    if page_part is None:
        return Document(name, None, "the MHTML file has no HTML part: there is no page to check")
    loaders: dict[str, Loader] = {}
    for part in parts:
        if part is not page_part and part.get_content_maintype() == "image":
            loader = _payload_loader(part)
            for key in _part_keys(part):
                loaders.setdefault(key, loader)
    return _page_document(name, message, page_part, loaders)


def _page_part(message: Message, parts: list[Message]) -> Message | None:
    start = message.get_param("start")
    if isinstance(start, str) and start:
        wanted = start.strip().strip("<>")
        for part in parts:
            if _header(part, "Content-ID").strip().strip("<>") == wanted:
                return part
    return next((part for part in parts if part.get_content_type() in _PAGE_TYPES), None)


def _page_document(name: str, message: Message, part: Message, loaders: dict[str, Loader]) -> Document:
    data = part.get_payload(decode=True) or b""
    url = _header(part, "Content-Location") or _header(message, "Snapshot-Content-Location")
    url = url.strip() or None
    damage = [_DAMAGE[type(defect)] for defect in _defects(message) if type(defect) in _DAMAGE]
    error = None
    if damage:
        error = f"the MHTML file is damaged: {'; '.join(dict.fromkeys(damage))}; the page was read from what is there"
    return Document(name, data, error, declared_charset=part.get_content_charset(), url=url,
                    assets=ArchivedAssets(loaders, url))


def _header(part: Message, name: str) -> str:
    """A header as text: `email` gives a Header object, not a str, for one with non-ASCII bytes."""
    value = part.get(name)
    return str(value) if value is not None else ""


def _defects(message: Message):
    for part in message.walk():
        yield from part.defects


def _payload_loader(part: Message) -> Loader:
    return lambda: part.get_payload(decode=True) or b""


def _part_keys(part: Message) -> list[str]:
    keys = []
    location = _header(part, "Content-Location")
    if location:
        keys.append(asset_key(location))
    content_id = _header(part, "Content-ID")
    if content_id:
        keys.append(asset_key("cid:" + content_id.strip()))
    return keys
