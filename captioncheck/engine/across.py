"""Rules across pages: they read the run's index of photo keys (engine/keys.py) after its last
page, and raise ordinary findings on each page involved, naming the other pages.

- ``caption-reused`` (CC105): one caption under different photos on different pages of a site;
- ``credit-differs`` (CC205): one photo credited differently on two pages;
- ``restricted-republished`` (CC306): a photo marked NO ARCHIVES, or with a time window, on a page
  published past it (or long after the photo first ran), or in the archive context.

Each check judges one group of keys: those of one photo, or of one caption on one site
(`group_of`). An index held in memory (`run`, for the command line and the API) and a Spark
group-by (captioncheck.spark) hand the same groups to the same `judge`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from captioncheck.engine import RuleSet, file_name, fill, first_words, image_key, matches, silenced
from captioncheck.engine.checks import agrees
from captioncheck.engine.dates import parse_published
from captioncheck.engine.keys import ImageKey
from captioncheck.engine.keystore import KeyStore
from captioncheck.engine.rules import Rule
from captioncheck.engine.windows import Window
from captioncheck.engine.windows import read as read_window
from captioncheck.findings import Finding, fingerprint
from captioncheck.text import comparison_key

NAMED = 3  # other pages a message names; it counts the rest


@dataclass
class Judged:
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    used: set[tuple[str, int, str]] = field(default_factory=set)  # (path, image index, suppression) that silenced


def group_of(rule: Rule, key: ImageKey) -> str | None:
    """Which group of the rule's index a key belongs to; None: the rule does not read it."""
    if key.confidence < float(rule.params.get("min_confidence", 0)):
        return None
    if rule.params["what"] == "caption-reused":
        caption = comparison_key(key.caption)
        if not caption or len(caption.split()) < rule.params.get("min_words", 1):
            return None
        return f"{key.site}\x1f{caption}"  # sites are compared within themselves: a wire caption travels
    return key.photo


def judge(rule: Rule, level: str, group: Iterable[ImageKey], context: str | None,
          skip_for: Callable[[str], tuple[str, ...]]) -> Judged:
    """The findings of one rule on one group, after per-file ignores and the pages' suppressions."""
    keys = sorted(group, key=lambda key: (key.path, key.index))  # arrival order differs with --jobs and Spark
    judged = Judged()
    for key, values, evidence in _CHECKS[rule.params["what"]](rule, keys, context):
        if any(matches(rule, name) for name in skip_for(key.path)):
            continue
        silencer = silenced(rule, key.suppressed)
        if silencer:
            judged.suppressed += 1
            judged.used.add((key.path, key.index, silencer))
            continue
        judged.findings.append(finding(rule, level, key, values, evidence))
    return judged


def active(ruleset: RuleSet, context: str | None) -> Iterator[tuple[Rule, str]]:
    """The run's rules across pages that apply in `context`, with their levels."""
    return ((rule, level) for rule, level in ruleset.across if not rule.contexts or context in rule.contexts)


def run(keys: KeyStore | Iterable[ImageKey], ruleset: RuleSet, context: str | None,
        skip_for: Callable[[str], tuple[str, ...]], report_unused: bool = False) -> Judged:
    """Every rule across pages on the run's keys (a KeyStore holds a long run's on disk); with
    `report_unused`, the suppressions that the pages deferred to these rules and that silenced
    nothing here are CC003 findings."""
    store = keys if isinstance(keys, KeyStore) else KeyStore(keys)
    result = Judged()
    for rule, level in active(ruleset, context):
        for _, group in store.groups(lambda key, rule=rule: group_of(rule, key)):
            judged = judge(rule, level, group, context, skip_for)
            result.findings += judged.findings
            result.suppressed += judged.suppressed
            result.used |= judged.used
    unused = next(((rule, level) for rule, level in ruleset.rules if rule.check == "unused-suppression"), None)
    if report_unused and unused:
        rule, level = unused
        for key in store:
            for name in key.deferred:
                if (key.path, key.index, name) not in result.used:
                    result.findings.append(finding(rule, level, key, {"other": name}, name))
    if store is not keys:
        store.close()  # made here for a list: nobody else reads it
    result.findings.sort(key=Finding.sort_key)
    return result


def finding(rule: Rule, level: str, key: ImageKey, values: dict, evidence: str | None) -> Finding:
    """A finding on the photo a key stands for, as lint_page makes one on the page itself."""
    message = fill(rule.message, key.src, key.alt, key.caption, key.credit, evidence,
                   {"published": key.published or "", **values})
    which = image_key(key.src, key.caption, key.alt)
    return Finding(
        rule_id=rule.id, rule_name=rule.name, severity=level, message=message, path=key.path, line=key.line,
        image_index=key.index, image_src=key.src, evidence=evidence,
        fingerprint=fingerprint(rule.id, key.path, which, evidence), image_key=which, image_number=key.number,
        image_caption=first_words(key.caption or key.alt), image_file=file_name(key.src), column=key.column,
        image_credit=key.credit)


def named(paths: Iterable[str], count: int | None = None) -> str:
    """Pages for a message: the first few, and how many more."""
    paths = list(paths)
    count = len(paths) if count is None else count
    shown = ", ".join(paths[:NAMED])
    rest = count - min(len(paths), NAMED)
    return f"{shown} and {rest} more page{'s' if rest > 1 else ''}" if rest > 0 else shown


Found = Iterator[tuple[ImageKey, dict, str | None]]


def _caption_reused(rule: Rule, keys: list[ImageKey], context: str | None) -> Found:
    """A page's photo whose caption other pages of its site print under another photo only."""
    picture = _pictures(keys)
    pictures = sorted(set(picture.values()))
    if len(pictures) > rule.params.get("max_photos", 2):
        return  # a template's text under every photo of a kind, not a caption pasted by mistake
    pages = sorted({key.path for key in keys})
    holding: dict[str, set[str]] = defaultdict(set)  # picture -> the pages that print the caption under it
    for key in keys:
        holding[picture[key]].add(key.path)
    # A page that prints the caption under this picture too is no page that gives it to another
    # (a gallery saved twice is CC103's on each page, not CC105's).
    elsewhere = {mine: [path for path in pages if path not in holding[mine]] for mine in pictures}
    for key in keys:
        others = elsewhere[picture[key]]
        if others:
            yield key, {"pages": named(others)}, key.caption


def _pictures(keys: list[ImageKey]) -> dict[ImageKey, str]:
    """Which keys show one picture: the same photo, or files of one name (a CDN's sizes and layouts
    of one picture: /picture/62/624/name.jpeg, /picture/62/1900/name.jpeg). Generous on purpose:
    "a different photo" is what CC105 claims."""
    parent: dict[str, str] = {}

    def root(token: str) -> str:
        while parent.setdefault(token, token) != token:
            token = parent[token]
        return token

    for key in keys:
        if key.stem:
            parent[root("stem:" + key.stem)] = root(key.photo)
    return {key: root(key.photo) for key in keys}


def _credit_differs(rule: Rule, keys: list[ImageKey], context: str | None) -> Found:
    """A page's photo that other pages credit to someone else."""
    credits: dict[str, tuple[str, list[str]]] = {}  # normalised credit -> (as first printed, pages)
    for key in keys:
        if key.credit and comparison_key(key.credit):
            printed, pages = credits.setdefault(comparison_key(key.credit), (key.credit, []))
            if key.path not in pages:
                pages.append(key.path)
    if len(credits) < 2:
        return
    disagreeing = {name: [other for other in sorted(credits) if other != name
                          and not agrees(credits[name][0], credits[other][0])] for name in credits}
    for key in keys:
        if not key.credit or not comparison_key(key.credit):
            continue
        parts, everywhere = [], []
        for other in disagreeing[comparison_key(key.credit)]:
            printed, pages = credits[other]
            pages = [path for path in pages if path != key.path]
            if pages:
                parts.append(f"'{printed}' on {named(pages)}")
                everywhere += pages
        if parts:
            more = f"; and {len(parts) - NAMED} other credits" if len(parts) > NAMED else ""
            shown = "; ".join(parts[:NAMED]) + more
            yield key, {"other": shown, "pages": named(sorted(set(everywhere)))}, key.credit


def _restricted_republished(rule: Rule, keys: list[ImageKey], context: str | None) -> Found:
    """A page that runs a photo past what its instructions allow, wherever the instructions are printed."""
    barred = [key for key in keys if key.no_archives]
    windows = [(key, window) for key in keys if key.window for window in [read_window(key.window)] if window]
    if not barred and not windows:
        return
    published = {key.path: parse_published(key.published) for key in keys}
    dated = sorted((moment, path) for path, moment in published.items() if moment)
    first = dated[0] if dated else None  # when and where the photo first ran in this run
    grace = timedelta(hours=float(rule.params.get("grace_hours", 24)))
    for key in keys:
        moment = published[key.path]
        reason = None
        for source, window in sorted(windows, key=lambda pair: pair[0].path != key.path):  # its own first
            end = _end(window, first[0] if first else None)
            if moment and end and moment > end:
                if window.until:
                    why = f"this page was published {key.published}, after the window closed"
                else:
                    start = "the day they name" if window.start else f"the photo first ran, on {_first(first)}"
                    why = f"this page was published {key.published}, more than {window.days} days after {start}"
                reason = (source, window.text, why)
                break
        if reason is None and barred and moment and first and moment >= first[0] + grace:
            source = next((item for item in barred if item.path == key.path), barred[0])
            reason = (source, source.no_archives, f"this page, published {key.published}, runs it again after it "
                                                  f"first ran on {_first(first)}")
        if reason is None and context == "archive" and not key.no_archives:
            # A page that carries NO ARCHIVES itself has CC302 (or CC502, from the file) for this.
            if barred:
                source, text = barred[0], barred[0].no_archives
            else:
                source = next((item for item, _ in windows if item.path == key.path), windows[0][0])
                text = source.window
            reason = (source, text, "this page is in the archive context")
        if reason:
            source, printed, why = reason
            where = "this page" if source.path == key.path else source.path
            yield key, {"printed": printed, "pages": where, "other": why}, printed


def _end(window: Window, first: datetime | None) -> datetime | None:
    """When a window closes: its last moment, or its days from the day it names (else the photo's first run)."""
    if window.until:
        return window.until
    start = window.start or first
    return start + timedelta(days=window.days) if start and window.days is not None else None


def _first(first: tuple[datetime, str]) -> str:
    return f"{first[1]} ({first[0].strftime('%Y-%m-%dT%H:%M:%SZ')})"


_CHECKS: dict[str, Callable[[Rule, list[ImageKey], str | None], Found]] = {
    "caption-reused": _caption_reused,
    "credit-differs": _credit_differs,
    "restricted-republished": _restricted_republished,
}
