"""Image bytes -> the credit data written into the file: IPTC IIM and XMP.

Pillow finds the blocks (a JPEG's APP13 Photoshop resources and APP1 XMP packet, a TIFF's IPTC
tag, a PNG's or WebP's XMP chunk) without decoding a pixel; Pillow parses the IIM datasets and
defusedxml the XMP, so a hostile file cannot expand entities or fetch anything. A damaged block is
an error entry, never an exception: the other block is still read.
"""

from __future__ import annotations

import io
import struct
import warnings

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from PIL import Image as PillowImage
from PIL import IptcImagePlugin, UnidentifiedImageError

from captioncheck.model import Embedded
from captioncheck.text import clean

# IIM record 2 datasets (IPTC IIM 4.2) for each Embedded field.
_IIM_DATASETS = {
    "instructions": (2, 40),
    "creator": (2, 80),
    "credit_line": (2, 110),
    "source": (2, 115),
    "copyright_notice": (2, 116),
}
_IIM_CHARSET = (1, 90)  # coded character set: ESC % G means UTF-8
_IIM_UTF8 = b"\x1b%G"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"
_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
_XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# XMP properties (IPTC Core mapping) for each Embedded field.
_XMP_PROPERTIES = {
    "credit_line": f"{{{_PHOTOSHOP}}}Credit",
    "creator": f"{{{_DC}}}creator",
    "copyright_notice": f"{{{_DC}}}rights",
    "source": f"{{{_PHOTOSHOP}}}Source",
    "instructions": f"{{{_PHOTOSHOP}}}Instructions",
    "usage_terms": f"{{{_XMP_RIGHTS}}}UsageTerms",
    "web_statement": f"{{{_XMP_RIGHTS}}}WebStatement",
}

# Formats that can carry IPTC or XMP. Other files (SVG, AVIF, ICO) are not read: no metadata, no error.
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF8")


def is_readable_image(data: bytes) -> bool:
    """Does the file start like an image format that carries IPTC or XMP?"""
    return data.startswith(_IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def read(data: bytes, file: str) -> Embedded | None:
    """The credit data inside one image file; None when the file is not an image format we read.

    `file` is the URL the page uses for the image, kept so a reader of the model knows which file
    was read.
    """
    if not is_readable_image(data):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on huge dimensions; no pixel is decoded
            with PillowImage.open(io.BytesIO(data)) as image:
                return _from_image(image, file)
    except PillowImage.DecompressionBombError as error:
        return Embedded(file=file, errors=(f"the image is too large to open: {_short(error)}",))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as error:
        return Embedded(file=file, errors=(f"the image file is damaged: {_short(error)}",))


def _from_image(image: PillowImage.Image, file: str) -> Embedded:
    errors: list[str] = []
    values: dict[str, str | None] = {}
    xmp = image.info.get("xmp")
    if xmp:
        try:
            values.update(_read_xmp(xmp))
        except (SafeElementTree.ParseError, DefusedXmlException, ValueError) as error:
            errors.append(f"the XMP block is not readable XML ({_short(error)})")
    try:
        iim = IptcImagePlugin.getiptcinfo(image)
    except (SyntaxError, OSError, ValueError, IndexError, struct.error) as error:  # struct: a dataset cut short
        iim = None
        errors.append(f"the IPTC block is damaged ({_short(error)})")
    for name, text in _read_iim(iim or {}).items():
        values.setdefault(name, text)  # XMP first: IIM is the legacy copy
    return Embedded(file=file, errors=tuple(errors), **{key: value for key, value in values.items() if value})


def _short(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:120]


def _read_iim(datasets: dict) -> dict[str, str]:
    utf8 = _as_list(datasets.get(_IIM_CHARSET))[:1] == [_IIM_UTF8]
    found = {}
    for name, key in _IIM_DATASETS.items():
        texts = [_decode_iim(value, utf8) for value in _as_list(datasets.get(key)) if value]
        text = clean(", ".join(texts))  # By-line may repeat, one photographer each
        if text:
            found[name] = text
    return found


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _decode_iim(value: bytes, utf8: bool) -> str:
    """IIM text is UTF-8 when dataset 1:90 says so; otherwise UTF-8 if it fits, else windows-1252
    (what Photoshop on Windows writes without declaring it)."""
    if utf8:
        return value.decode("utf-8", errors="replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("cp1252", errors="replace")


def _read_xmp(packet: bytes | str) -> dict[str, str]:
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    # The packet wrapper (<?xpacket ...?>) and trailing padding are fine for an XML parser; NULs are not.
    root = SafeElementTree.fromstring(packet.strip(b"\x00 \t\r\n"), forbid_dtd=True)
    found: dict[str, str] = {}
    for description in root.iter(f"{{{_RDF}}}Description"):
        for name, prop in _XMP_PROPERTIES.items():
            if name in found:
                continue
            text = description.get(prop)  # simple properties may be attributes
            if text is None:
                element = description.find(prop)
                text = _xmp_value(element) if element is not None else None
            text = clean(text)
            if text:
                found[name] = text
    return found


def _xmp_value(element) -> str | None:
    """A property's text: plain, a language alternative (x-default first), or a list joined."""
    resource = element.get(f"{{{_RDF}}}resource")  # xmpRights:WebStatement is often a resource
    if resource:
        return resource
    for container in ("Alt", "Seq", "Bag"):
        items = element.findall(f"{{{_RDF}}}{container}/{{{_RDF}}}li")
        if items:
            if container == "Alt":
                default = [item for item in items if item.get(_XML_LANG) == "x-default"]
                return "".join((default or items)[0].itertext())
            return ", ".join("".join(item.itertext()) for item in items)
    return "".join(element.itertext())
