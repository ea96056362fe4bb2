"""Check kinds: the small functions that rule files name in ``check:``.

Each takes the rule, the page and the publishing context and yields ``Hit``s: the image (or
None for the page), the values its message template may use, and the evidence text. Checks know
the page model and no markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from captioncheck.engine.dates import parse_published, parse_when
from captioncheck.engine.rules import MATCH_SECONDS, Rule, RuleTimeout
from captioncheck.extract import credits, restrictions
from captioncheck.model import Image, Page
from captioncheck.text import comparison_key
from captioncheck.vocab import load


@dataclass(frozen=True)
class Hit:
    image: Image | None
    values: dict = field(default_factory=dict)
    evidence: str | None = None


Check = Callable[[Rule, Page, "str | None"], Iterator[Hit]]
CHECKS: dict[str, Check] = {}


def check(name: str):
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def _text_without_credit(text: str | None) -> str:
    """Comparison key of a text with its instructions and trailing credit removed."""
    if not text:
        return ""
    stripped, _ = restrictions.strip(text, "alt")
    caption, _ = credits.split_caption(stripped)
    return comparison_key(caption)


@check("duplicate")
def duplicate(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    what = rule.params["what"]
    min_words = rule.params.get("min_words", 1)
    editorial = page.editorial
    if what == "alt-caption":
        for image in editorial:
            caption = comparison_key(image.caption)
            if caption and len(caption.split()) >= min_words and caption in (
                comparison_key(image.alt), _text_without_credit(image.alt)
            ):
                yield Hit(image, {}, image.alt)
    elif what == "caption-repeated":
        for image in editorial:
            if image.caption_repeated:
                yield Hit(image, {}, image.caption)
    elif what == "caption-reused":
        first_use: dict[str, Image] = {}
        for image in editorial:
            key = comparison_key(image.caption)
            if not key or len(key.split()) < min_words:
                continue
            first = first_use.get(key)
            # Same line and alt: two renditions of one picture, not two photos.
            if first and first.src != image.src and (first.line, first.alt) != (image.line, image.alt):
                yield Hit(image, {"other": f"image {first.index} (line {first.line})"}, image.caption)
            first_use.setdefault(key, image)
    elif what == "alt-attribute":
        for image in editorial:
            if image.alt_ignored:
                ignored = "; ".join(f"'{value}'" for value in image.alt_ignored)
                yield Hit(image, {"other": ignored}, "; ".join(image.alt_ignored))


# Where a hidden credit sits, in the words a photo editor uses: messages quote these whole.
HIDDEN_PLACES = {
    "alt": "the alt text",
    "title": "the title tooltip",
    "structured": "the page's structured data",
}


@check("required")
def required(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    name = rule.params["field"]
    elsewhere = rule.params.get("elsewhere", "any")
    only_captioned = rule.params.get("only_captioned", False)
    for image in page.editorial:
        if getattr(image, name) or (only_captioned and not image.caption):
            continue
        hidden = image.credit_hidden if name == "credit" else None
        if elsewhere == "absent" and hidden:
            continue
        if elsewhere == "present" and not hidden:
            continue
        values = {"field": hidden.field if hidden else name,
                  "where": HIDDEN_PLACES.get(hidden.field, hidden.field) if hidden else "",
                  "what": "captioned photo" if image.caption else "uncaptioned photo"}
        yield Hit(image, values, hidden.text if hidden else None)


@check("pattern")
def pattern(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    compiled = rule.compiled["pattern"]
    forbid = rule.params.get("mode", "forbid") == "forbid"
    for image in page.editorial:
        for name in rule.params["fields"]:
            text = getattr(image, name)
            if not text:
                continue
            try:
                matched = compiled.search(text, timeout=MATCH_SECONDS)
            except TimeoutError:
                raise RuleTimeout(f"{rule.source}: rule {rule.id} {rule.name}: its pattern ran over "
                                  f"{MATCH_SECONDS} s on the {name} of image {image.index} in {page.path}; "
                                  "rewrite it without nested repetition") from None
            if bool(matched) == forbid:
                yield Hit(image, {"field": name}, text)


def _selected(rule: Rule, image: Image):
    codes = set(rule.params.get("codes") or ())
    exclude = set(rule.params.get("exclude") or ())
    fields = set(rule.params.get("fields") or ("caption", "credit", "alt", "title", "structured"))
    for found in image.restrictions:
        if (not codes or found.code in codes) and found.code not in exclude and found.field in fields:
            yield found


@check("restriction")
def restriction(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    mode = rule.params["mode"]
    kinds = load().restriction_kinds
    for image in page.images:
        if not image.restrictions:
            continue  # most images: nothing to select from
        found = list(_selected(rule, image))
        if image.kind != "editorial":
            # A picture that is no story photo still publishes its title tooltip (a video's
            # poster): instructions there are published; its restrictions govern no story photo.
            found = [item for item in found if item.field == "title"] if mode == "published" else []
        if not found:
            continue
        if mode == "published":
            codes = ", ".join(dict.fromkeys(item.code for item in found))
            fields = ", ".join(dict.fromkeys(item.field for item in found))
            printed = printed_words(item.text for item in found)
            # The evidence keeps its form: baselines fingerprint it.
            yield Hit(image, {"codes": codes, "field": fields, "printed": printed},
                      "; ".join(dict.fromkeys(i.text for i in found)))
        elif mode == "context" and context:
            for item in found:
                if context in kinds[item.code].forbids:
                    yield Hit(image, {"codes": item.code, "context": context, "field": item.field}, item.text)
        elif mode == "territory":
            yield from _territory(image, found, page.lang)


def printed_words(texts) -> str:
    """The instructions' words as the page prints them, in order and each once, each closed with
    a full stop as wires send them: "MANDATORY CREDIT. NO RESALES." An editor searches the page
    for these words, not for codes."""
    sentences = []
    for text in dict.fromkeys(texts):
        text = text.strip()
        sentences.append(text if text[-1:] in ".!?:" else text + ".")
    return " ".join(sentences)


def _territory(image: Image, found, lang: str | None) -> Iterator[Hit]:
    if not lang:
        return
    parts = lang.replace("_", "-").split("-")
    language, region = parts[0].lower(), (parts[1].upper() if len(parts) > 1 else None)
    for item in found:
        if item.code != "TERRITORY":
            continue
        for country, (languages, regions) in load().territories.items():
            if not re.search(rf"\b{country}\s+OUT\b", item.text):
                continue
            if language in languages or (region and region in regions):
                yield Hit(image, {"codes": item.text, "context": f"a page in {lang}"}, item.text)


@check("embargo")
def embargo(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    published = parse_published(page.published)
    if published is None:
        return
    for image in page.editorial:
        for item in image.restrictions:
            if item.code != "EMBARGOED":
                continue
            until = parse_when(item.text)
            if until and until > published:
                yield Hit(image, {"other": page.published}, item.text)


_COPYRIGHT_NOISE = re.compile(r"©|\(c\)|copyright|all rights reserved|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "via", "by", "photo", "images", "image", "de", "la", "le", "da", "van", "von"}
)


def _words(text: str | None) -> set[str]:
    words = set(comparison_key(_COPYRIGHT_NOISE.sub(" ", text or "")).split())
    return {word for word in words if len(word) > 2 and word not in _SMALL_WORDS}


def agrees(visible: str, declared: str, holder: bool = False) -> bool:
    """Do a visible credit and a structured one name the same source?

    A credit (creditText) must name the same agency and photographer where both name one; a
    copyright holder (copyrightNotice) only has to share a name with the credit.
    """
    seen, said = _words(visible), _words(declared)
    if not seen or not said:
        return True
    if holder:
        return bool(seen & said)
    if seen <= said or said <= seen:
        return True
    ours, theirs = credits.parse(visible), credits.parse(declared)
    if ours is None or theirs is None:  # a credit of digits or signs alone ("2024", "-") names no one
        return bool(seen & said)
    if ours.agency and theirs.agency and ours.agency != theirs.agency:
        return False
    if ours.photographer and theirs.photographer:
        return comparison_key(ours.photographer) == comparison_key(theirs.photographer)
    return bool(seen & said)


@check("consistency")
def consistency(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    for image in page.editorial:
        if not image.credit or not image.structured:
            continue
        for name in rule.params["against"]:
            declared = getattr(image.structured, name)
            if declared and not agrees(image.credit, declared, holder=name == "copyrightNotice"):
                yield Hit(image, {"field": name, "other": declared}, image.credit)
                break


# How agencies' `expected` forms (rules/vocab/agencies.yaml) write the photographer.
_PLACEHOLDERS = (("Jane Doe", str), ("JANE DOE", str.upper))


def _photographer(image: Image, agencies) -> str | None:
    """The photographer's name where the credit, the image file or the structured data gives one."""
    names = (image.credit_parts.photographer if image.credit_parts else None,
             image.embedded.creator if image.embedded else None,
             image.structured.creator if image.structured else None)
    for name in names:
        name = " ".join((name or "").split())
        # A creator field often holds the agency itself ("Reuters"), which is no photographer.
        if name and "/" not in name and not any(agency.mentions.search(name) for agency in agencies):
            return name
    return None


def suggested_form(expected: str, photographer: str | None) -> str:
    """The agency's form, with the photographer's name where it is known: `REUTERS/Florion Goga`."""
    if not photographer:
        return expected
    forms = [form for form in expected.split(", or ") if any(mark in form for mark, _ in _PLACEHOLDERS)]
    if not forms:
        return expected
    filled = []
    for form in forms:
        for mark, case in _PLACEHOLDERS:
            form = form.replace(mark, case(photographer))
        filled.append(form)
    return ", or ".join(filled)


@check("agency-form")
def agency_form(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    only = set(rule.params.get("agencies") or ())
    for image in page.editorial:
        if not image.credit:
            continue
        for agency in load().agencies:
            if only and agency.name not in only:
                continue
            if not agency.mentions.search(image.credit):
                continue
            if not any(form.fullmatch(image.credit) for form in agency.forms):
                expected = suggested_form(agency.expected, _photographer(image, load().agencies))
                yield Hit(image, {"agency": agency.name, "expected": expected}, image.credit)
            break


@check("input")
def input_error(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    if rule.params.get("limits"):
        for limit in page.limits:
            yield Hit(None, {"evidence": limit}, limit)
        return
    if bool(rule.params.get("unreadable")) != page.unreadable:
        return
    for error in page.errors:
        yield Hit(None, {"evidence": error}, error)


@check("unused-suppression")
def unused_suppression(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    """Reported by the engine itself, which alone knows which suppressions silenced a finding."""
    return iter(())


# The image file's fields a visible credit is compared with, as messages name them (IPTC's names).
_EMBEDDED_CREDITS = {"credit_line": "Credit Line", "creator": "Creator", "copyright_notice": "Copyright Notice"}


@check("embedded")
def embedded(rule: Rule, page: Page, context: str | None) -> Iterator[Hit]:
    """The credit data inside the image file (IMAGE.embedded) against what the page shows."""
    mode = rule.params["mode"]
    kinds = load().restriction_kinds
    for image in page.editorial:
        if image.embedded is None:
            continue
        from_file = [item for item in image.restrictions if item.field == "embedded"]
        if mode == "disagrees" and image.credit:
            for name in rule.params.get("against") or _EMBEDDED_CREDITS:
                declared = getattr(image.embedded, name)
                # A creator or copyright holder only has to be named in the credit; a Credit Line must agree.
                if declared and not agrees(image.credit, declared, holder=name != "credit_line"):
                    yield Hit(image, {"field": _EMBEDDED_CREDITS[name], "other": declared}, image.credit)
                    break
        elif mode == "mandatory-credit" and not image.credit:
            demand = next((item for item in from_file if item.code == "MANDATORY_CREDIT"), None)
            if demand:
                yield Hit(image, {"field": "Special Instructions"}, demand.text)
        elif mode == "context" and context:
            on_page = {item.code for item in image.restrictions if item.field != "embedded"}  # CC302's
            for item in from_file:
                if item.code not in on_page and context in kinds[item.code].forbids:
                    yield Hit(image, {"codes": item.code, "context": context}, item.text)
        elif mode == "unreadable":
            for error in image.embedded.errors:
                yield Hit(image, {"other": image.embedded.file}, error)
