"""Hypothesis strategies: pages built and broken from the fixture pages' own fragments.

Real markup is the best seed: fragments cut from the fixture pages (figures, captions, credits,
scripts, comments) are recombined, truncated, nested and sprinkled with hostile bytes.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from tests.helpers import FIXTURES

_TAG = re.compile(rb"<(figure|figcaption|picture|p|span|div|img|amp-img|noscript|script|cite|small)\b[^>]*>")


def _fragments() -> list[bytes]:
    found = []
    for page in sorted(FIXTURES.glob("*/*.html")):
        data = page.read_bytes()
        for match in _TAG.finditer(data):
            found.append(data[match.start(): match.start() + 400])
    return found


FRAGMENTS = _fragments()
HOSTILE = [b"\x00", b"\xff\xfe", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&", b"&#0;", b"&#xD800;", b"<",
           b">", b"\"", b"'", b"</figure>", b"<figcaption>", b"<!DOCTYPE x [<!ENTITY a \"&a;\">]>",
           b"\xc3\x28", b"\xe2\x82", b"\r\n", "\u2028".encode(),
           b"ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO RESALES.",
           b"EMBARGOED UNTIL 2099-01-01 00:00 GMT", b"(REUTERS/Jane Doe)", b"JAPAN OUT",
           b'<meta charset="utf-16">', b'<html lang="ja">', b'data-captioncheck-ignore=""',
           b"<!-- captioncheck-disable-next-image -->"]


@st.composite
def pages(draw) -> bytes:
    pieces = draw(st.lists(st.sampled_from(FRAGMENTS + HOSTILE), min_size=0, max_size=25))
    data = b"".join(pieces)
    if data and draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut]  # truncated anywhere, even inside a tag or a UTF-8 sequence
    if draw(st.booleans()):
        data = b"<html><body>" + data
    noise = draw(st.binary(max_size=20))
    position = draw(st.integers(min_value=0, max_value=len(data)))
    return data[:position] + noise + data[position:]


# --- Structure-aware mutations of the markup: attributes, nesting, encodings, entities ---------

_ATTRIBUTES = [b"alt", b"src", b"srcset", b"data-src", b"width", b"height", b"class", b"title", b"data-credit",
               b"data-caption", b"itemprop", b"lang", b"loading", b"style", b"id", b"role", b"aria-describedby"]
_VALUES = [b"", b"x", b"\"", b"'", b"/a.jpg", b"a.jpg 1x, b.jpg 2x,,, 3w", b"\xef\xbc\x91\xef\xbc\x90", b"\xc2\xb2",
           b"-1", b"99999999999999999999", b"1e9", b"NaN", b"&quot;", b"&#x110000;", b"REUTERS/Eva Manez",
           b"Photo: AP", b"\x00", b"\xe2\x80\xae", b"javascript:x", b"data:image/jpeg;base64,/9j/", b"cid:x@y",
           b"http://[::1", b"//", b"%zz", b"caption credit figure", b"\xf0\x9f\x93\xb7" * 50]
_WRAPPERS = [b"figure", b"figcaption", b"div", b"span", b"p", b"picture", b"a", b"noscript", b"table", b"td",
             b"article", b"aside", b"template", b"svg", b"math", b"object", b"button", b"select", b"li"]
_ENTITIES = [b"&amp;", b"&lt;", b"&gt;", b"&nbsp;", b"&copy;", b"&#169;", b"&#xA9;", b"&#0;", b"&#xD800;",
             b"&#99999999;", b"&#x;", b"&bogus;", b"&amp", b"&#", b"&copy", b"&NotANamedEntity;", b"&#65"]
_ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
              "euc-kr", "gb18030", "koi8-r", "iso-2022-jp", "utf-7"]
_DECLARED = [None, "utf-8", "utf-16", "latin-1", "shift_jis", "x-unknown", "", "utf8mb4", "cp65001", "ascii"]


def _add_attribute(draw, data: bytes) -> bytes:
    tags = [match.end() - 1 for match in re.finditer(rb"<[a-zA-Z][^<>]*>", data)]
    if not tags:
        return data
    where = draw(st.sampled_from(tags))
    name = draw(st.sampled_from(_ATTRIBUTES))
    value = draw(st.sampled_from(_VALUES))
    quote = draw(st.sampled_from([b'"', b"'", b""]))
    return data[:where] + b" " + name + b"=" + quote + value + quote + data[where:]


def _nest(draw, data: bytes) -> bytes:
    tag = draw(st.sampled_from(_WRAPPERS))
    depth = draw(st.integers(min_value=1, max_value=draw(st.sampled_from([3, 40, 600]))))
    closed = draw(st.booleans())
    where = draw(st.integers(min_value=0, max_value=len(data)))
    opening, closing = b"<" + tag + b">", (b"</" + tag + b">") if closed else b""
    return data[:where] + opening * depth + data[where:] + closing * depth


def _entities(draw, data: bytes) -> bytes:
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        where = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:where] + draw(st.sampled_from(_ENTITIES)) + data[where:]
    return data


def _encode(draw, data: bytes) -> bytes:
    encoding = draw(st.sampled_from(_ENCODINGS))
    text = data.decode("utf-8", "replace")
    declared = draw(st.sampled_from([None, encoding, "utf-8", "shift_jis", "nonsense"]))
    if declared and draw(st.booleans()):
        text = f'<meta charset="{declared}">' + text
    elif declared:
        text = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' + text
    encoded = text.encode(encoding, "replace")
    if draw(st.booleans()):
        encoded = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + encoded
    return encoded


_MUTATIONS = (_add_attribute, _nest, _entities, _encode)


@st.composite
def html_pages(draw) -> bytes:
    """pages(), then a few structure-aware mutations: the HTML form of the long run."""
    data = draw(pages())
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        data = draw(st.sampled_from(_MUTATIONS))(draw, data)
    return data


def _damage(draw, data: bytes) -> bytes:
    """Container damage: cut short, a byte flipped, bytes dropped or inserted."""
    choice = draw(st.sampled_from(["none", "none", "truncate", "flip", "drop", "insert"]))
    if not data or choice == "none":
        return data
    where = draw(st.integers(min_value=0, max_value=len(data) - 1))
    if choice == "truncate":
        return data[:where]
    if choice == "flip":
        return data[:where] + bytes([data[where] ^ (1 << draw(st.integers(0, 7)))]) + data[where + 1:]
    if choice == "drop":
        return data[:where] + data[where + draw(st.integers(1, 64)):]
    return data[:where] + draw(st.binary(min_size=1, max_size=16)) + data[where:]


# --- Image files with IPTC IIM and XMP --------------------------------------------------------

_FIELD_TEXT = st.one_of(st.sampled_from(["REUTERS/Eva Manez", "AP Photo/Jane Doe", "NO RESALES. NO ARCHIVES.",
                                         "EDITORIAL USE ONLY", "JAPAN OUT", "", " ", "©", "Getty Images"]),
                        st.text(max_size=40))
_XMP_HOSTILE = [b'<!DOCTYPE x [<!ENTITY a "&a;">]>', b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                b"&e;", b"<rdf:li>", b"</rdf:Alt>", b"\x00", b"\xff", b"<?xpacket", b"xml:lang=", b"<![CDATA["]


@st.composite
def image_files(draw) -> bytes:
    """JPEGs built as agencies write them (IIM in APP13, XMP in APP1), then broken."""
    from captioncheck import jpeg_metadata as jm

    fields = st.dictionaries(st.sampled_from(sorted(jm.IIM_DATASETS)), _FIELD_TEXT, max_size=5)
    xmp_fields = st.dictionaries(st.sampled_from(jm.XMP_FIELDS), _FIELD_TEXT, max_size=7)
    data = jm.jpeg(draw(fields), draw(xmp_fields), damaged_iptc=draw(st.booleans()))
    if draw(st.booleans()):  # a hand-made XMP packet: entity declarations, unclosed elements
        packet = jm.xmp_packet(draw(xmp_fields))
        for _ in range(draw(st.integers(1, 3))):
            where = draw(st.integers(0, len(packet)))
            packet = packet[:where] + draw(st.sampled_from(_XMP_HOSTILE)) + packet[where:]
        app0_end = 4 + int.from_bytes(jm.BASE_JPEG[4:6], "big")
        data = data[:app0_end] + jm.app1_xmp(packet) + data[app0_end:]
    if draw(st.booleans()):  # raw IIM datasets with lengths that lie
        raw = b"".join(bytes((0x1C, draw(st.integers(0, 9)), draw(st.integers(0, 255)))) + draw(st.binary(max_size=6))
                       for _ in range(draw(st.integers(1, 5))))
        app0_end = 4 + int.from_bytes(jm.BASE_JPEG[4:6], "big")
        data = data[:app0_end] + jm.app13(raw) + data[app0_end:]
    return _damage(draw, data)


# --- Containers: .html.gz, MHTML, WARC ---------------------------------------------------------

_IMAGE_PAGE = (b'<html><body><figure><img src="/photo.jpg" alt="A flooded street"><figcaption>A flooded street. '
               b"(REUTERS/Eva Manez)</figcaption></figure>")


@st.composite
def _page_with_image(draw) -> bytes:
    return draw(st.sampled_from([_IMAGE_PAGE, b""])) + draw(html_pages())


@st.composite
def gzipped_pages(draw) -> bytes:
    import gzip

    data = gzip.compress(draw(_page_with_image()), mtime=0)
    if draw(st.booleans()):  # a second member, as concatenated gzip files have
        data += gzip.compress(draw(pages()), mtime=0)
    return _damage(draw, data)


def _qp(data: bytes) -> bytes:
    import quopri

    return quopri.encodestring(data)


@st.composite
def mhtml_files(draw) -> bytes:
    import base64

    boundary = draw(st.sampled_from([b"----MultipartBoundary--abc", b"x", b"", b"--", b"a b"]))
    page = draw(_page_with_image())
    encoding = draw(st.sampled_from([b"quoted-printable", b"base64", b"8bit", b"7bit", b"binary", b"bogus"]))
    body = {b"quoted-printable": _qp, b"base64": base64.encodebytes}.get(encoding, lambda data: data)(page)
    charset = draw(st.sampled_from([b"utf-8", b"shift_jis", b"utf-16", b"nonsense", b""]))
    location = draw(st.sampled_from([b"https://example.org/story", b"", b"not a url", b"http://[::1"]))
    start = draw(st.sampled_from([b"", b'; start="<page@x>"', b'; start="<missing>"']))
    parts = [b"Content-Type: text/html; charset=" + charset + b"\r\nContent-ID: <page@x>\r\nContent-Location: "
             + location + b"\r\nContent-Transfer-Encoding: " + encoding + b"\r\n\r\n" + body]
    for _ in range(draw(st.integers(0, 2))):
        image = draw(image_files())
        where = draw(st.sampled_from([b"https://example.org/photo.jpg", b"/photo.jpg", b"photo.jpg", b"cid:img"]))
        parts.append(b"Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\nContent-Location: " + where
                     + b"\r\nContent-ID: <img>\r\n\r\n" + base64.encodebytes(image))
    head = (b"From: <Saved by a browser>\r\nSnapshot-Content-Location: " + location + b"\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"; boundary="' + boundary + b'"' + start + b"\r\n\r\n")
    data = head + b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts) + b"--" + boundary + b"--\r\n"
    return _damage(draw, data)


def _warc_record(kind: bytes, uri: bytes, block: bytes, content_type: bytes, length_error: int, digest: bytes) -> bytes:
    headers = (b"WARC/1.0\r\nWARC-Type: " + kind
               + b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>"
               + b"\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: " + uri
               + b"\r\nContent-Type: " + content_type
               + digest + b"\r\nContent-Length: " + str(max(0, len(block) + length_error)).encode() + b"\r\n\r\n")
    return headers + block + b"\r\n\r\n"


@st.composite
def warc_files(draw) -> bytes:
    import base64
    import gzip
    import hashlib

    records = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["response", "response", "resource", "image", "request", "revisit"]))
        uri = draw(st.sampled_from([b"https://example.org/story", b"https://example.org/photo.jpg", b"", b"x y"]))
        if kind == "image":
            payload, mime = draw(image_files()), b"image/jpeg"
            uri = b"https://example.org/photo.jpg"
        else:
            payload = draw(_page_with_image())
            mime = draw(st.sampled_from([b"text/html", b"text/html; charset=shift_jis", b"application/xhtml+xml",
                                         b"text/html; charset=\"utf-16\"", b"text/plain"]))
        if kind == "resource":
            block, content_type = payload, mime
        else:
            status = draw(st.sampled_from([b"200 OK", b"200 OK", b"301 Moved", b"404 Not Found", b"", b"2xx"]))
            extra = b""
            if draw(st.integers(0, 3)) == 0:
                extra, payload = b"Content-Encoding: gzip\r\n", gzip.compress(payload, mtime=0)
            if draw(st.integers(0, 3)) == 0:
                extra += b"Transfer-Encoding: chunked\r\n"
                payload = b"%x\r\n" % len(payload) + payload + b"\r\n0\r\n\r\n"
            block = (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + mime + b"\r\n" + extra
                     + b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload)
            content_type = b"application/http; msgtype=response" if kind != "request" else b"application/http"
        digest = b""
        if draw(st.booleans()):
            digest = b"\r\nWARC-Block-Digest: sha1:" + base64.b32encode(hashlib.sha1(block).digest())
            if draw(st.booleans()):
                digest = digest[:-4] + b"AAAA"  # a digest that does not match
        length_error = draw(st.sampled_from([0, 0, 0, -1, 1, -10, 100]))
        record = _warc_record(b"response" if kind == "image" else kind.encode(), uri, block, content_type,
                              length_error, digest)
        records.append(gzip.compress(record, mtime=0) if draw(st.booleans()) else record)
    return _damage(draw, b"".join(records))


# --- Configuration files and user rule files ---------------------------------------------------

_SCALARS = st.one_of(st.sampled_from(["archive", "error", "off", "CC101", "CC1", "caption-reused", "**", "[", "*.html",
                                      "house-rules/", ".", "..", "0.5", "1.5", "-1", "nan", "", "\x00", "é"]),
                     st.integers(-2, 2), st.floats(allow_nan=True), st.booleans(), st.none(), st.text(max_size=8))
_VALUE = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(_SCALARS.map(str), inner, max_size=3)),
                      max_leaves=8)
CONFIG_KEYS = ["context", "fail_on", "select", "ignore", "severity", "rules", "per_file_ignores", "min_confidence",
               "unknown"]


@st.composite
def config_files(draw) -> tuple[str, bytes]:
    """(suffix, bytes): a configuration in YAML, TOML or INI, from random keys and values, then broken."""
    import json

    raw = draw(st.dictionaries(st.sampled_from(CONFIG_KEYS), _VALUE, max_size=6))
    suffix = draw(st.sampled_from([".yaml", ".toml", ".cfg"]))
    if suffix == ".yaml":
        text = json.dumps(raw, default=str) if draw(st.booleans()) else _yaml_dump(raw)
    elif suffix == ".toml":
        lines = ["[tool.captioncheck]"] + [f"{key} = {json.dumps(value, default=str)}" for key, value in raw.items()]
        text = "\n".join(lines)
    else:
        lines = ["[captioncheck]"] + [f"{key} = {_ini_value(value)}" for key, value in raw.items()]
        text = "\n".join(lines)
    return suffix, _damage(draw, text.encode("utf-8", "surrogatepass"))


def _yaml_dump(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True)


def _ini_value(value) -> str:
    if isinstance(value, dict):
        return "\n  ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _rule_seeds() -> list[dict]:
    import yaml

    from tests.helpers import ROOT

    return [yaml.safe_load(path.read_text("utf-8")) for path in sorted((ROOT / "rules").glob("CC*.yaml"))]


RULE_SEEDS = _rule_seeds()
_PATTERNS = ["(a|aa)+$", "[", "(?i)reuters", "\\bAP\\b", "(?P<x>a)(?P=x)", "a{1000000}", "(?<=a+)b", "\\", "\\p{L}+",
             "(a*)*b", ".*", "", "(?R)", "\\N{BOGUS}", "[[:alpha:]]", "x" * 300]


@st.composite
def rule_files(draw) -> bytes:
    """A built-in rule file with its id and name changed, keys dropped or replaced, then broken."""
    import copy

    import yaml

    rule = copy.deepcopy(draw(st.sampled_from(RULE_SEEDS)))
    rule["id"], rule["name"] = "HS" + str(draw(st.integers(100, 999))), "fuzzed-rule"
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(sorted(rule) + ["params", "contexts", "url", "unknown"]))
        action = draw(st.sampled_from(["drop", "value", "pattern", "message"]))
        if action == "drop":
            rule.pop(key, None)
        elif action == "value":
            rule[key] = draw(_VALUE)
        elif action == "pattern":
            rule["check"], rule["params"] = "pattern", {"fields": draw(st.sampled_from(
                [["caption"], ["credit", "alt"], ["nothing"], []])), "pattern": draw(st.sampled_from(_PATTERNS))}
        else:
            rule["message"] = draw(st.sampled_from(["{field}", "{", "}", "{nope}", "{field!r}", "{0}", "{field:>9999}",
                                                    "%s", "{printed}{codes}{credit}"]))
    text = yaml.safe_dump(rule, allow_unicode=True)
    return _damage(draw, text.encode("utf-8", "surrogatepass"))


FORMS = {
    "html": html_pages,
    "gz": gzipped_pages,
    "mhtml": mhtml_files,
    "warc": warc_files,
    "image": image_files,
    "config": config_files,
    "rules": rule_files,
}
