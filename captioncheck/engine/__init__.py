"""The rule engine: the rules a run uses, and the findings they raise on a page."""

from __future__ import annotations

import string
from dataclasses import dataclass

from captioncheck.engine.checks import CHECKS, Hit
from captioncheck.engine.rules import Rule
from captioncheck.extract.urls import copy_key
from captioncheck.model import Page
from captioncheck.report import Finding, fingerprint
from captioncheck.text import comparison_key


class SelectionError(Exception):
    """--select, --ignore or a severity names no rule: exit code 2."""


@dataclass(frozen=True)
class RuleSet:
    """The rules a run applies, each with the severity it runs at."""

    rules: tuple[tuple[Rule, str], ...]


def _matches(rule: Rule, selector: str) -> bool:
    return rule.name == selector or rule.id.startswith(selector.upper())


def select_rules(rules: tuple[Rule, ...], select=(), ignore=(), severity: dict | None = None) -> RuleSet:
    """Apply --select/--ignore (ids, id prefixes or names) and severity overrides."""
    severity = severity or {}
    for selector in (*select, *ignore, *severity):
        if not any(_matches(rule, selector) for rule in rules):
            raise SelectionError(f"no rule is called {selector!r} (see 'captioncheck rules')")
    chosen = []
    for rule in rules:
        if select and not any(_matches(rule, item) for item in select):
            continue
        if any(_matches(rule, item) for item in ignore):
            continue
        level = next((value for key, value in severity.items() if _matches(rule, key)), rule.severity)
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
    values = _Values(
        src=_shorten(image.src if image else None),
        alt=_shorten(image.alt if image else None),
        caption=_shorten(image.caption if image else None),
        credit=image.credit if image and image.credit else "",
        evidence=_shorten(hit.evidence, 160),
    )
    values.update({key: str(value) for key, value in hit.values.items()})
    return string.Formatter().vformat(template, (), values)


def _image_key(hit: Hit) -> str:
    image = hit.image
    if image is None:
        return ""
    return copy_key(image.src) if image.src else comparison_key(image.caption or image.alt)


def lint_page(page: Page, ruleset: RuleSet, context: str | None = None) -> list[Finding]:
    findings = []
    for rule, level in ruleset.rules:
        if rule.contexts and context not in rule.contexts:
            continue
        for hit in CHECKS[rule.check](rule, page, context):
            image = hit.image
            findings.append(Finding(
                rule_id=rule.id,
                rule_name=rule.name,
                severity=level,
                message=render_message(rule.message, hit),
                path=page.path,
                line=image.line if image else None,
                image_index=image.index if image else None,
                image_src=image.src if image else None,
                evidence=hit.evidence,
                fingerprint=fingerprint(rule.id, page.path, _image_key(hit), hit.evidence),
            ))
    return sorted(findings, key=Finding.sort_key)
