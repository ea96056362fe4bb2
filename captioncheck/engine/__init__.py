"""The rule engine: the rules a run uses, and the findings they raise on a page."""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import unquote

from captioncheck.engine.checks import CHECKS, Hit
from captioncheck.engine.rules import Rule
from captioncheck.extract.urls import copy_key, is_inline, url_key
from captioncheck.findings import Finding, fingerprint
from captioncheck.model import Image, Page
from captioncheck.text import comparison_key


class SelectionError(Exception):
    """--select, --ignore or a severity names no rule: exit code 2."""

    def __init__(self, message: str, selector: str = "") -> None:
        super().__init__(message)
        self.selector = selector  # the name that matched no rule, so callers can say where it was written


@dataclass(frozen=True)
class RuleSet:
    """The rules a run applies, each with the severity it runs at."""

    rules: tuple[tuple[Rule, str], ...]

    @property
    def across(self) -> tuple[tuple[Rule, str], ...]:
        """The rules that judge the whole run, after its last page (engine/across.py)."""
        return tuple((rule, level) for rule, level in self.rules if rule.across_pages)


def matches(rule: Rule, selector: str) -> bool:
    return rule.name == selector or rule.id.startswith(selector.upper())


def select_rules(rules: tuple[Rule, ...], select=(), ignore=(), severity: dict | None = None) -> RuleSet:
    """Apply --select/--ignore (ids, id prefixes or names) and severity overrides."""
    severity = severity or {}
    for selector in (*select, *ignore, *severity):
        if not any(matches(rule, selector) for rule in rules):
            raise SelectionError(f"no rule is called {selector!r}: use a rule id ({', '.join(r.id for r in rules)}), "
                                 "an id prefix such as CC3, or a rule name (see 'captioncheck rules')", selector)
    chosen = []
    for rule in rules:
        if select and not any(matches(rule, item) for item in select):
            continue
        if any(matches(rule, item) for item in ignore):
            continue
        level = next((value for key, value in severity.items() if matches(rule, key)), rule.severity)
        if level != "off":
            chosen.append((rule, level))
    return RuleSet(tuple(chosen))


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _shorten(text: str | None, limit: int = 80) -> str:
    if not text:
        return ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_message(template: str, hit: Hit) -> str:
    image = hit.image
    return fill(template, image.src if image else None, image.alt if image else None,
                image.caption if image else None, image.credit if image else None, hit.evidence, hit.values)


def fill(template: str, src: str | None, alt: str | None, caption: str | None, credit: str | None,
         evidence: str | None, values: dict) -> str:
    """A message template with the photo's texts and the check's own values put in."""
    known = _Values(src=_shorten(src), alt=_shorten(alt), caption=_shorten(caption), credit=credit or "",
                    evidence=_shorten(evidence, 160))
    known.update({key: str(value) for key, value in values.items()})
    return string.Formatter().vformat(template, (), known)


def _image_key(hit: Hit) -> str:
    return image_key(hit.image.src, hit.image.caption, hit.image.alt) if hit.image else ""


def image_key(src: str | None, caption: str | None, alt: str | None) -> str:
    """Which image a finding is on, by URL or caption: what fingerprints and baselines count by."""
    return copy_key(src) if src else comparison_key(caption or alt)


def first_words(text: str | None, limit: int = 40) -> str | None:
    """The opening words of a caption, enough to find it on the page."""
    words = (text or "").split()
    if not words:
        return None
    if len(words[0]) > limit:  # a language written without spaces
        return words[0][: limit // 2] + "…"
    kept = [words[0]]
    for word in words[1:]:
        if len(" ".join(kept)) + 1 + len(word) > limit:
            return " ".join(kept).rstrip(",;:.-–—") + "…"
        kept.append(word)
    return " ".join(kept)


def file_name(src: str | None) -> str | None:
    """The image's file name as the page spells it (url_key, which says which picture a URL
    names, lower-cases it). None for an inline data: image."""
    if not src or is_inline(src):
        return None
    tail = url_key(src).rstrip("/").rsplit("/", 1)[-1]
    name, mark, query = tail.partition("?")
    for spelled in (src, unquote(src)):
        folded = spelled.lower()
        at = folded.rfind(name) if name and len(folded) == len(spelled) else -1
        if at >= 0:
            name = spelled[at : at + len(name)]
            break
    return unquote(name) + mark + query or None


def photo_numbers(page: Page) -> dict[int, int]:
    """Editorial photos numbered from 1 in page order, as an editor counts them."""
    return {image.index: number for number, image in enumerate(page.editorial, 1)}


@dataclass
class PageResult:
    findings: list[Finding]
    suppressed: int = 0
    # Suppressions on photos of `across` that silenced no rule of the page but may silence a rule
    # across pages, which alone can tell later: (image index, name).
    deferred: tuple[tuple[int, str], ...] = ()


def silenced(rule: Rule, names: tuple[str, ...]) -> str | None:
    """The suppression entry that silences `rule`, if any."""
    return next((name for name in names if name == "*" or matches(rule, name)), None)


# Rules skip images that extraction is less sure than this are editorial photos (configurable:
# --min-confidence, min_confidence in the configuration). A rule may ask for more: CC201.
DEFAULT_MIN_CONFIDENCE = 0.5


def lint_page(page: Page, ruleset: RuleSet, context: str | None = None, skip: tuple[str, ...] = (),
              report_unused: bool = False, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
              across: frozenset[int] = frozenset()) -> PageResult:
    """Run the rules over one page. `skip`: rules off for this file (per-file ignores in config).
    Findings on images whose editorial confidence is below `min_confidence` (or the rule's own
    ``min_confidence`` parameter, if higher) are not reported. Rules across pages are left out:
    they run on the whole run's index (engine/across.py).

    Findings on an image that the page silences (data-captioncheck-ignore, a disable comment) are
    dropped and counted; with `report_unused`, a suppression that silenced nothing is a finding,
    unless it is on a photo of `across` (the images the run's index holds) and may silence a rule
    across pages: it is then deferred to that index.
    """
    findings, suppressed = [], 0
    numbers = photo_numbers(page)
    used: set[tuple[int, str]] = set()
    unused_rule = None
    later = tuple(rule for rule, _ in ruleset.across)
    deferred = []
    for rule, level in ruleset.rules:
        if rule.check == "unused-suppression":
            unused_rule = (rule, level)
            continue
        if rule.across_pages:
            continue
        if (rule.contexts and context not in rule.contexts) or any(matches(rule, name) for name in skip):
            continue
        floor = max(min_confidence, float(rule.params.get("min_confidence", 0)))
        for hit in CHECKS[rule.check](rule, page, context):
            image = hit.image
            silencer = silenced(rule, image.suppressed) if image else None
            if silencer:  # silenced first: a suppression on a doubtful image is not "unused"
                used.add((image.index, silencer))
                suppressed += 1
                continue
            if image is not None and image.kind == "editorial" and image.confidence < floor:
                continue
            findings.append(_finding(rule, level, page, hit, numbers))
    if report_unused and unused_rule:
        rule, level = unused_rule
        for image in page.images:
            for name in image.suppressed:
                if (image.index, name) in used:
                    continue
                if image.index in across and any(silenced(other, (name,)) for other in later):
                    deferred.append((image.index, name))
                    continue
                hit = Hit(image, {"other": name}, name)
                findings.append(_finding(rule, level, page, hit, numbers))
    return PageResult(sorted(findings, key=Finding.sort_key), suppressed, tuple(deferred))


def _finding(rule: Rule, level: str, page: Page, hit: Hit, numbers: dict[int, int]) -> Finding:
    image: Image | None = hit.image
    image_key = _image_key(hit)
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=level,
        message=render_message(rule.message, hit),
        path=page.path,
        line=image.line if image else None,
        image_index=image.index if image else None,
        image_src=image.src if image else None,
        evidence=hit.evidence,
        fingerprint=fingerprint(rule.id, page.path, image_key, hit.evidence),
        image_key=image_key,
        image_number=numbers.get(image.index) if image else None,
        image_caption=first_words(image.caption or image.alt) if image else None,
        image_file=file_name(image.src) if image else None,
        image_credit=image.credit if image else None,
    )
