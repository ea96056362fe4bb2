"""The page model: what extraction finds on a page and what rules read.

It is the contract between the two halves of the pipeline (see DESIGN.md): extraction fills it
from markup, rules read it and know no markup. ``to_dict`` gives the JSON shape that
``captioncheck extract`` prints and ``schemas/page.schema.json`` describes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Restriction:
    """An agency handling instruction found in one of an image's texts."""

    code: str  # MANDATORY_CREDIT, NO_ARCHIVES, ... (rules/vocab/restrictions.yaml)
    text: str  # the words as printed
    # caption | credit | alt | title | structured, or embedded: the image file's own Special
    # Instructions or Usage Terms (see Embedded), which readers never see.
    field: str


@dataclass(frozen=True)
class CreditParts:
    """A credit line split into what agencies ask for: ``AP Photo/Jane Doe`` and the like."""

    raw: str  # the credit as printed, label included
    label: str | None = None  # "Photo:", "Credit:", "©" ...
    agency: str | None = None  # canonical agency name from rules/vocab/agencies.yaml
    photographer: str | None = None
    via: str | None = None  # the distributor after "via" (Getty Images, REUTERS, AP)


@dataclass(frozen=True)
class Structured:
    """Credit data for an image from the page's JSON-LD or microdata ``ImageObject``."""

    creditText: str | None = None  # noqa: N815 - schema.org property names
    copyrightNotice: str | None = None  # noqa: N815
    creator: str | None = None
    license: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Embedded:
    """Credit data written into the image file itself (IPTC IIM and XMP), read when the document
    carries the file: a complete page's folder, an MHTML part, a WARC record, a data: URL.

    Each field is the IPTC Photo Metadata property; XMP wins over IIM where both are set.
    """

    file: str  # the image URL as the page gives it (src or a srcset entry) that was read
    credit_line: str | None = None  # IIM 2:110 Credit, XMP photoshop:Credit
    creator: str | None = None  # IIM 2:80 By-line, XMP dc:creator
    copyright_notice: str | None = None  # IIM 2:116, XMP dc:rights
    source: str | None = None  # IIM 2:115, XMP photoshop:Source
    instructions: str | None = None  # IIM 2:40 Special Instructions, XMP photoshop:Instructions
    usage_terms: str | None = None  # XMP xmpRights:UsageTerms
    web_statement: str | None = None  # XMP xmpRights:WebStatement (a URL)
    errors: tuple[str, ...] = ()  # what could not be read: a damaged IPTC block, malformed XMP


@dataclass(frozen=True)
class HiddenCredit:
    """A credit that readers do not see: found only in alt, title or structured data."""

    field: str
    text: str


@dataclass(frozen=True)
class Evidence:
    """Why extraction decided as it did: the signals that weighed most on "editorial" (name and
    share of the score; negative ones weigh against) and where the caption and credit came from."""

    signals: tuple[tuple[str, float], ...] = ()
    caption_source: str | None = None  # "figcaption.caption, line 40 (in the picture's block)"
    credit_source: str | None = None


@dataclass(frozen=True)
class Image:
    index: int
    kind: str  # editorial | decorative
    reason: str | None  # why decorative
    src: str | None
    srcset: tuple[str, ...]
    line: int | None
    alt: str | None
    title: str | None
    caption: str | None
    credit: str | None
    credit_parts: CreditParts | None
    restrictions: tuple[Restriction, ...]
    structured: Structured | None
    caption_repeated: bool = False  # the caption is printed twice for this image
    credit_hidden: HiddenCredit | None = None
    # Values of further alt attributes on the image's tag: browsers read the first (alt) only.
    alt_ignored: tuple[str, ...] = ()
    copies: int = 1  # layout copies merged into this image (noscript, lightbox, mobile)
    # Rules the page itself silences for this image: data-captioncheck-ignore="CC101" on the image
    # or its figure, or <!-- captioncheck-disable-next-image CC101 --> before it. "*" is every rule.
    suppressed: tuple[str, ...] = ()
    embedded: Embedded | None = None  # None when the document does not carry the image file
    confidence: float = 1.0  # 0..1: how sure extraction is that this is an editorial photo
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Page:
    path: str
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    images: tuple[Image, ...] = ()
    errors: tuple[str, ...] = ()
    unreadable: bool = False  # nothing could be read: not a page, or the file could not be opened
    # Limits the page reached (bytes, images, depth, time), each saying what was left unchecked.
    limits: tuple[str, ...] = ()

    @property
    def editorial(self) -> tuple[Image, ...]:
        return tuple(image for image in self.images if image.kind == "editorial")

    def to_dict(self) -> dict:
        data = asdict(self)
        for image in data["images"]:
            image["srcset"] = list(image["srcset"])
            image["restrictions"] = list(image["restrictions"])
            image["alt_ignored"] = list(image["alt_ignored"])
            if image["evidence"]:
                image["evidence"]["signals"] = [list(pair) for pair in image["evidence"]["signals"]]
            if image["embedded"]:
                image["embedded"]["errors"] = list(image["embedded"]["errors"])
        data["images"] = list(data["images"])
        data["errors"] = list(data["errors"])
        if data["limits"]:
            data["limits"] = list(data["limits"])
        else:
            del data["limits"]  # present only where a limit was reached: most pages' models stay as they were
        return data
