"""The vocabularies in ``rules/vocab/``: restriction phrases, agencies, credit and ad labels.

They are data, so that a newsroom can read and extend them; this module loads them once and
compiles their regexes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import yaml


def read_builtin(name: str) -> str:
    """Text of a file shipped in the built-in ``rules/`` folder."""
    return resources.files("captioncheck.rules").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class RestrictionKind:
    code: str
    summary: str
    forbids: tuple[str, ...]


@dataclass(frozen=True)
class Agency:
    name: str
    mentions: re.Pattern
    forms: tuple[re.Pattern, ...]
    expected: str


@dataclass(frozen=True)
class Vocabulary:
    restriction_kinds: dict[str, RestrictionKind]
    restriction_pattern: regex.Pattern  # one alternation; group name -> code via restriction_groups
    restriction_groups: dict[str, str]
    restriction_hint: RestrictionHint  # cheap test that a text may hold an instruction at all
    not_restrictions: tuple[str, ...]
    agencies: tuple[Agency, ...]
    any_agency: re.Pattern  # every agency's `mentions` in one pattern: "does this text name an agency?"
    credit_source: re.Pattern  # names that are a credit by themselves (credit-labels.yaml sources)
    label_pattern: re.Pattern  # a credit label at the start of a text
    equals_credit: re.Pattern  # a credit after a Japanese caption's "＝": a name, or a word it ends with
    credit_suffix: re.Pattern  # a word after a name that makes it a credit ("기자", "提供"); group "strip" a label
    ad_labels: frozenset[str]  # what an ad slot prints ("Advertisement", "Anzeige"), case-folded
    reading_time: re.Pattern[str]  # a story's reading time ("5 min read", "Lesezeit")
    territories: dict[str, tuple[frozenset[str], frozenset[str]]]  # country word -> (languages, regions)

    @property
    def contexts(self) -> tuple[str, ...]:
        found = {context for kind in self.restriction_kinds.values() for context in kind.forbids}
        return tuple(sorted(found))


def _restriction_alternation(entries: list[dict]) -> tuple[regex.Pattern, dict[str, str]]:
    """One compiled regex for every phrase, each in a named group that maps back to its code.

    One pass over a caption finds every restriction; `phrases` match as written (upper case),
    `any_case` ones ignoring case, through a scoped inline flag.
    """
    parts, groups = [], {}
    for entry in entries:
        for key, flag in (("phrases", ""), ("any_case", "(?i:")):
            for phrases in (entry.get(key) or {}).values():
                for phrase in phrases or ():
                    name = f"r{len(groups)}"
                    groups[name] = entry["code"]
                    body = f"{flag}{phrase})" if flag else phrase
                    parts.append(f"(?P<{name}>{body})")
    pattern = r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])"
    # The third-party regex module runs this alternation of some 150 phrases twice as fast as re,
    # with the same matches (V0: re's semantics; checked on 13,000 texts of the corpus).
    return regex.compile(pattern, regex.V0), groups


# Upper-case phrases all hold a word of four capitals, two capital words in a row, or OUT ("Japan OUT").
_CAPITALS_HINT = r"[A-ZÀ-ÞŒ]{4}|[A-ZÀ-ÞŒ]{2,}['’]?\s+[A-ZÀ-ÞŒ]{2}|\bOUT\b"


@dataclass(frozen=True)
class RestrictionHint:
    """A quick test that lets the big alternation skip most captions, which hold no instruction.

    Upper-case phrases need capitals, which most captions lack. Any-case phrases are few, written
    in capitals, and looked for in the text upper-cased: a case-blind alternation costs three
    times the rest of the test.
    """

    capitals: re.Pattern
    any_case: re.Pattern

    def search(self, text: str) -> bool:
        return bool(self.capitals.search(text) or self.any_case.search(text.upper()))


_ESCAPE = re.compile(r"\\.")


def _restriction_hint(entries: list[dict]) -> RestrictionHint:
    any_case = [phrase for entry in entries for phrases in (entry.get("any_case") or {}).values()
                for phrase in phrases or ()]
    for phrase in any_case:
        if any(char.islower() for char in _ESCAPE.sub("", phrase)):
            raise ValueError(f"restrictions.yaml: an any_case phrase is written in capitals: {phrase!r}")
    return RestrictionHint(re.compile(_CAPITALS_HINT), re.compile("|".join(any_case)))


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    restrictions = yaml.safe_load(read_builtin("vocab/restrictions.yaml"))
    agencies = yaml.safe_load(read_builtin("vocab/agencies.yaml"))
    labels = yaml.safe_load(read_builtin("vocab/credit-labels.yaml"))
    territories = yaml.safe_load(read_builtin("vocab/territories.yaml"))["territories"]
    pattern, groups = _restriction_alternation(restrictions["restrictions"])
    hint = _restriction_hint(restrictions["restrictions"])
    kinds = {
        entry["code"]: RestrictionKind(entry["code"], entry["summary"], tuple(entry.get("forbids") or ()))
        for entry in restrictions["restrictions"]
    }
    agency_list = tuple(
        Agency(
            name=entry["name"],
            mentions=re.compile(entry["mentions"]),
            forms=tuple(re.compile(form) for form in entry["forms"]),
            expected=entry["expected"],
        )
        for entry in agencies["agencies"]
    )
    label_pattern = re.compile(r"^\s*(?:" + "|".join(labels["labels"]) + r")\s*", re.IGNORECASE)
    after_equals = labels["after_fullwidth_equals"]
    equals_credit = re.compile("^(?:" + "|".join(map(re.escape, after_equals["names"])) + ")$|(?:"
                               + "|".join(map(re.escape, after_equals["endings"])) + ")$", re.IGNORECASE)
    suffixes = labels["credit_suffixes"]
    credit_suffix = re.compile(r"\s*(?:(?P<strip>" + "|".join(map(re.escape, suffixes["strip"])) + r")|(?:"
                               + "|".join(map(re.escape, suffixes["keep"])) + r"))$", re.IGNORECASE)
    return Vocabulary(
        restriction_kinds=kinds,
        restriction_pattern=pattern,
        restriction_groups=groups,
        restriction_hint=hint,
        not_restrictions=tuple(restrictions.get("not_restrictions") or ()),
        agencies=agency_list,
        any_agency=re.compile("|".join(f"(?:{agency.mentions.pattern})" for agency in agency_list)),
        # Searched on its own: one case-blind alternation is ten times faster than the same
        # words scoped with (?i:...) inside the agencies' case-sensitive one.
        credit_source=re.compile(r"(?<!\w)(?:" + "|".join(labels.get("sources") or ()) + r")(?!\w)",
                                 re.IGNORECASE),
        label_pattern=label_pattern,
        equals_credit=equals_credit,
        credit_suffix=credit_suffix,
        ad_labels=frozenset(unicodedata.normalize("NFKC", label).casefold() for label in labels["ad_labels"]),
        reading_time=re.compile("|".join(re.escape(unicodedata.normalize("NFKC", phrase))
                                         for phrase in labels["reading_time"]), re.IGNORECASE),
        territories={
            country: (frozenset(lang.lower() for lang in value["languages"]),
                      frozenset(region.upper() for region in value["regions"]))
            for country, value in territories.items()
        },
    )


@dataclass(frozen=True)
class TimeWindows:
    """restrictions.yaml's ``time_windows``: how long a photo may be used (read by CC306 only)."""

    until: re.Pattern  # a last moment of use, the date after it
    days: re.Pattern  # a number of days of use, in group "days"


@lru_cache(maxsize=1)
def time_windows() -> TimeWindows:
    data = yaml.safe_load(read_builtin("vocab/restrictions.yaml"))["time_windows"]

    def one(phrases: list[str]) -> re.Pattern:
        # Each phrase's own "days" group, renamed so that one alternation can hold several.
        named = [phrase.replace("(?P<days>", f"(?P<days{n}>") for n, phrase in enumerate(phrases)]
        return re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{phrase})" for phrase in named) + ")")

    return TimeWindows(until=one(data["until"]), days=one(data["days"]))


@dataclass(frozen=True)
class MarkupWords:
    """rules/vocab/markup.yaml: what class, id and component-name words say about an element."""

    flat: dict[str, frozenset[str]]  # group -> words (caption, credit, layout_copy ...)
    own: dict[str, frozenset[str]]  # what the image's own class or id says: logo, icon ...
    file_words: dict[str, frozenset[str]]  # what words of the image's file name say
    context: dict[str, frozenset[str]]  # what a block around the image is: ad, related, nav ...
    paired: dict[str, frozenset[str]]  # words that count only beside one of their partners

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.flat[name]
        except KeyError:
            raise AttributeError(name) from None


def _word_groups(groups: dict) -> dict[str, frozenset[str]]:
    return {name: frozenset(str(word).lower() for word in words) for name, words in groups.items()}


@lru_cache(maxsize=1)
def markup_words() -> MarkupWords:
    data = yaml.safe_load(read_builtin("vocab/markup.yaml"))
    nested = {"own", "file_words", "context"}
    return MarkupWords(
        flat={name: frozenset(str(word).lower() for word in entry["words"]) for name, entry in data.items()
              if name not in nested and name != "paired"},
        own=_word_groups(data["own"]["groups"]),
        file_words=_word_groups(data["file_words"]["groups"]),
        context=_word_groups(data["context"]["groups"]),
        paired=_word_groups(data["paired"]["words"]),
    )
