"""Bytes to an lxml tree, with the encoding found the way browsers find it.

Order: byte-order mark, the charset a transport header gave (WARC, MHTML), ``<meta charset>`` in
the first 4 KiB, then strict UTF-8, then detection. Invalid bytes never stop a page: they become
U+FFFD and the page gets an error entry. Parsing is safe: lxml's HTML parser fetches nothing and
expands no external entities.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from lxml import etree

from captioncheck.tags import cap_attributes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Billion-laughs and external-entity pages declare entities; lxml's HTML parser never expands them.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY\s", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard).
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-1", "iso8859-15", "cp1250", "cp1251", "iso8859-2", "mac-roman"})
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "x-user-defined": "cp1252"}


# No network, no entities: libxml2's HTML parser never fetches, and these make sure of it. The
# text is handed over as UTF-8 bytes, which libxml2 reads faster than a Python string; the
# explicit encoding wins over any <meta charset> or XML declaration in the page.
_PARSER = etree.HTMLParser(no_network=True, remove_comments=False, recover=True, huge_tree=True,
                           collect_ids=False, encoding="utf-8")


@dataclass(frozen=True)
class Parsed:
    tree: etree._Element | None
    encoding: str | None
    errors: tuple[str, ...]
    limits: tuple[str, ...] = ()  # parser limits hit (nesting depth): what lies past them was not read


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL in the label, from a damaged transport header
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """The page's text, the encoding used, and what went wrong on the way."""
    errors: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name, errors
    if _utf16_without_bom(data[:1024]):
        name = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        errors.append(f"UTF-16 text without a byte-order mark; read as {name}")
        return data.decode(name, errors="replace"), name, errors
    candidates = []
    if declared:
        candidates.append(_codec(declared))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(_codec(meta.group(1).decode("ascii", "replace")))
    candidates = list(dict.fromkeys(filter(None, candidates)))  # a transport header and <meta> often agree
    if candidates and candidates[0] in _SINGLE_BYTE and not data.isascii():
        # Single-byte charsets decode any bytes, so a wrong one garbles silently. Multi-byte UTF-8
        # sequences that all fit are no accident: a page in UTF-8 labelled Latin-1.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            errors.append(f"declared charset {candidates[0]} does not fit the bytes, which are UTF-8")
            return text, "utf-8", errors
    for name in candidates:
        try:
            return data.decode(name), name, errors
        except UnicodeDecodeError:
            # A wrong declaration is common (windows-1252 pages that say utf-8): try the others.
            errors.append(f"declared charset {name} does not fit the bytes")
    try:
        return data.decode("utf-8"), "utf-8", errors
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected:
        return data.decode(detected, errors="replace"), detected, errors
    errors.append("invalid bytes for every likely encoding; replaced with U+FFFD")
    return data.decode("utf-8", errors="replace"), "utf-8", errors


def _detect(data: bytes) -> str | None:
    # bs4's detector is slow next to lxml, so it only runs on pages that declared nothing usable.
    from bs4.dammit import UnicodeDammit

    # It logs a warning for every replaced character; the page's error entry says it once.
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)

    dammit = UnicodeDammit(data[:65536], known_definite_encodings=["utf-8", "cp1252"])
    name = _codec(dammit.original_encoding)
    if not name:
        return None
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return "cp1252" if name != "cp1252" else None
    return name


def source_text(data: bytes, declared: str | None = None) -> str:
    """The text ``parse`` hands to lxml, whose lines and columns findings point into."""
    text, _, _ = decode(data, declared)
    return _XML_DECLARATION.sub("", text, count=1).replace("\x00", "\ufffd")


def parse(data: bytes, declared: str | None = None) -> Parsed:
    """Parse page bytes; never raises. A page that is not HTML at all gets ``tree=None``."""
    if not data or data.isspace():  # what `not data.strip()` says, without copying the page
        return Parsed(None, None, ("empty file",))
    if _looks_binary(data):
        return Parsed(None, None, ("not an HTML page: the file holds binary data",))
    text, encoding, decode_errors = decode(data, declared)
    errors = list(decode_errors)
    # Most pages are valid UTF-8 already: their own bytes go to the parser, not encoded a second
    # time. Bytes that were replaced with U+FFFD go as the decoded text, so both parsers read the same.
    valid_utf8 = encoding == "utf-8" and not data.startswith(codecs.BOM_UTF8) and "\ufffd" not in text
    payload = data if valid_utf8 else None
    if _XML_DECLARATION.match(text):
        text, payload = _XML_DECLARATION.sub("", text, count=1), None
    # In UTF-8, a NUL character is a NUL byte: the bytes are quicker to search than the text.
    if (b"\x00" in data if valid_utf8 else "\x00" in text):
        errors.append("the page holds NUL bytes; they were read as U+FFFD")
        text, payload = text.replace("\x00", "\ufffd"), None
    if _looks_truncated(text):
        errors.append("the file ends in the middle of its markup; it may be truncated")
    # A start tag of thousands of attributes costs libxml2 their number squared: cut to the first ones.
    markup, cut = cap_attributes(payload or text.encode("utf-8", "replace"))
    try:
        # Plain etree elements: lxml.html's element classes cost a lookup per node touched.
        tree = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        return Parsed(None, encoding, (*errors, f"could not parse the page: {error}"))
    if tree is None:
        return Parsed(None, encoding, (*errors, "no HTML content in the file"))
    limits = [*cut, *_parser_limits()]
    close_void_elements(tree)
    if _ENTITY_DECLARATION.search(data[:65536]):
        errors.append("the page declares XML entities in its DOCTYPE; they were not expanded")
    return Parsed(tree, encoding, tuple(errors), tuple(limits))


# HTML5 void elements libxml2's HTML parser does not know (it knows area, base, br, col, hr, img,
# input, link, meta, param and the old basefont, frame, isindex). Written as <source>, not
# <source/>, each one swallows what follows it as its children until an ancestor closes.
UNKNOWN_VOID_TAGS = ("source", "track", "wbr", "embed", "keygen", "bgsound")
# Start tags that end an open element whose end tag the page left out (the HTML standard's
# "optional end tags"). libxml2 applies these itself, but not while an unclosed void element was
# the open element: `<p>a<wbr>b<p>c` nests the second paragraph in the first.
_ENDS_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
    "nav", "ol", "p", "pre", "section", "table", "ul",
})
_ENDED_BY = {
    "p": _ENDS_P, "li": frozenset({"li"}), "dt": frozenset({"dt", "dd"}), "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}), "th": frozenset({"td", "th", "tr"}), "tr": frozenset({"tr"}),
    "option": frozenset({"option", "optgroup"}),
}


def close_void_elements(tree: etree._Element) -> None:
    """Give void elements written without ``/>`` the tree a browser builds: what libxml2 put
    inside one follows it instead, in the same document order (so source lines stay right).

    One C-speed walk finds them; each element then moves at most once per level it climbs, with
    no recursion, so a hostile page nested thousands deep costs no more than its size.
    """
    swallowing = [element for element in tree.iter(UNKNOWN_VOID_TAGS) if len(element) or element.text]
    for element in swallowing:  # in document order: an outer void element first, then those it held
        moved = _move_after(element, list(element), element.text)
        element.text = None
        for child in moved:
            _end_omitted(child)


def _move_after(anchor: etree._Element, elements: list, text: str | None) -> list:
    """Put `text` then `elements` (with their tails) right after `anchor`, before its old tail."""
    tail = anchor.tail
    _set_tail(anchor, text)
    for element in elements:
        anchor.addnext(element)  # lxml puts it after the anchor's tail and takes the element's own along
        anchor = element
    if tail:
        _set_tail(anchor, (anchor.tail or "") + tail)
    return elements


# Characters libxml2 keeps in a page's text but lxml refuses to set again.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _set_tail(element: etree._Element, text: str | None) -> None:
    try:
        element.tail = text
    except ValueError:
        element.tail = _NOT_XML_TEXT.sub("\ufffd", text)


def _end_omitted(element: etree._Element) -> None:
    """An element moved out of a void element ends the open parents its start tag ends."""
    if not isinstance(element.tag, str):
        return
    parent = element.getparent()
    while parent is not None and element.tag in _ENDED_BY.get(parent.tag, ()):
        _move_after(parent, [element, *element.itersiblings()], None)
        parent = element.getparent()


def _looks_truncated(text: str) -> bool:
    """A page that opened <html> or <body> and stops mid-text or mid-tag, with no </html>."""
    # The last character that is not white space, found without copying the whole page to strip it.
    end = (text[-256:].rstrip() or text.rstrip())[-1:]
    if end in (">", ""):
        return False
    head, tail = text[:4096].lower(), text[-4096:].lower()
    return ("<html" in head or "<body" in head) and "</html" not in tail


def _parser_limits() -> list[str]:
    """Limits libxml2 hit while parsing: content past them was not read."""
    found = []
    for entry in _PARSER.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            found.append(f"the page is nested too deep to read in full ({entry.message.split(',')[0].strip()}); "
                         "what lies deeper was left out")
    return list(dict.fromkeys(found))


def _looks_binary(data: bytes) -> bool:
    head = data[:1024]
    if head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")):
        return True
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False  # UTF-16 with a BOM
    # NUL bytes without a UTF-16 pattern: a binary file, not text.
    return head.count(b"\x00") > len(head) // 4 and not _utf16_without_bom(head)


def _utf16_without_bom(head: bytes) -> bool:
    """ASCII markup in UTF-16: every other byte is NUL."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return False
    return even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4
