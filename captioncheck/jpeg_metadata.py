"""Small JPEGs with IPTC IIM and XMP credit data, written byte by byte (for rule examples and tests).

Pillow reads IPTC but cannot write it, so the blocks are built by hand, as Photoshop and photo
agencies write them:

- IPTC IIM: datasets ``0x1C record dataset length value`` (IIM 4.2), record 1:90 ``ESC % G``
  saying the text is UTF-8, inside Photoshop image resource ``8BIM 0x0404``, inside an APP13
  segment that starts ``Photoshop 3.0\\0``;
- XMP: an RDF packet inside an APP1 segment that starts ``http://ns.adobe.com/xap/1.0/\\0``.

Both go right after the JFIF APP0 segment of a fixed 16x12 grey JPEG (made once with Pillow and
kept here as bytes, so the files are the same on every machine and Pillow version).
"""

from __future__ import annotations

import base64
import struct
from xml.sax.saxutils import escape, quoteattr

BASE_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5a"
    "YVpQYEpRUk//wAALCAAMABABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQR"
    "BRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4"
    "eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEB"
    "AAA/ACiiiv/Z"
)

# Embedded field -> IIM record 2 dataset (the fields IIM has).
IIM_DATASETS = {"instructions": 40, "creator": 80, "credit_line": 110, "source": 115, "copyright_notice": 116}
XMP_FIELDS = ("credit_line", "creator", "copyright_notice", "source", "instructions", "usage_terms", "web_statement")


def jpeg(iptc: dict[str, str] | None = None, xmp: dict[str, str] | None = None, damaged_iptc: bool = False) -> bytes:
    """A JPEG carrying `iptc` as IIM and `xmp` as an XMP packet (keys: the Embedded field names).

    `damaged_iptc` breaks the IIM block after its first dataset the way a bad editor does: a
    dataset marker that is not 0x1C. Pillow then refuses the block.
    """
    segments = b""
    if iptc or damaged_iptc:
        segments += app13(iim(iptc or {}, damaged=damaged_iptc))
    if xmp:
        segments += app1_xmp(xmp_packet(xmp))
    app0_end = 2 + 2 + struct.unpack(">H", BASE_JPEG[4:6])[0]  # SOI, then APP0 with its length
    return BASE_JPEG[:app0_end] + segments + BASE_JPEG[app0_end:]


def jpeg_from_example(spec: dict) -> bytes:
    """A JPEG from a rule example's ``files:`` entry: IIM fields in IIM, the XMP-only ones in XMP."""
    fields = {key: value for key, value in spec.items() if key != "damaged_iptc"}
    iptc = {key: value for key, value in fields.items() if key in IIM_DATASETS}
    xmp = {key: value for key, value in fields.items() if key not in IIM_DATASETS}
    return jpeg(iptc, xmp, damaged_iptc=bool(spec.get("damaged_iptc")))


def iim(fields: dict[str, str], damaged: bool = False) -> bytes:
    data = _dataset(1, 90, b"\x1b%G") + _dataset(2, 0, b"\x00\x04")  # UTF-8; record version 4
    if damaged:
        data += b"\x1a\x02\x78\x00\x05oops!"  # 0x1A where a dataset marker (0x1C) must be
    for name, value in fields.items():
        data += _dataset(2, IIM_DATASETS[name], value.encode("utf-8"))
    return data


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return bytes((0x1C, record, number)) + struct.pack(">H", len(value)) + value


def app13(iim_data: bytes) -> bytes:
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim_data)) + iim_data
    if len(iim_data) % 2:
        resource += b"\x00"  # resource data is padded to an even length
    return _segment(0xED, b"Photoshop 3.0\x00" + resource)


def xmp_packet(fields: dict[str, str]) -> bytes:
    attributes, elements = [], []
    for name in XMP_FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        if name == "creator":
            elements.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(value)}</rdf:li></rdf:Seq></dc:creator>")
        elif name == "copyright_notice":
            elements.append(f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li>'
                            "</rdf:Alt></dc:rights>")
        elif name == "usage_terms":
            elements.append(f'<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}'
                            "</rdf:li></rdf:Alt></xmpRights:UsageTerms>")
        else:
            prefix = "xmpRights" if name == "web_statement" else "photoshop"
            local = {"credit_line": "Credit", "source": "Source", "instructions": "Instructions",
                     "web_statement": "WebStatement"}[name]
            attributes.append(f"{prefix}:{local}={quoteattr(value)}")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
        f'{" ".join(attributes)}>{"".join(elements)}</rdf:Description></rdf:RDF></x:xmpmeta>'
        '<?xpacket end="w"?>'
    ).encode()


def app1_xmp(packet: bytes) -> bytes:
    return _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload
