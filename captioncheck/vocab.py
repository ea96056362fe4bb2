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

try:
    from re import _parser as _sre  # re's pattern parser, to read the anchors of restriction phrases
except ImportError:  # Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]


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


def _phrase_bodies(entries: list[dict]):
    """(code, body) for every phrase, as the alternation holds it: `any_case` ones in a case-blind scope."""
    for entry in entries:
        for key, flag in (("phrases", ""), ("any_case", "(?i:")):
            for phrases in (entry.get(key) or {}).values():
                for phrase in phrases or ():
                    yield entry["code"], f"{flag}{phrase})" if flag else phrase


def _bounded(bodies: list[str]) -> str:
    """Phrases matched at word boundaries, as one alternation."""
    return r"(?<![\w])(?:" + "|".join(bodies) + r")(?![\w])"


def _restriction_alternation(entries: list[dict]) -> tuple[regex.Pattern, dict[str, str]]:
    """One compiled regex for every phrase, each in a named group that maps back to its code.

    One pass over a caption finds every restriction; `phrases` match as written (upper case),
    `any_case` ones ignoring case, through a scoped inline flag.
    """
    parts, groups = [], {}
    for code, body in _phrase_bodies(entries):
        name = f"r{len(groups)}"
        groups[name] = code
        parts.append(f"(?P<{name}>{body})")
    # The third-party regex module runs this alternation of some 150 phrases twice as fast as re,
    # with the same matches (V0: re's semantics; checked on 13,000 texts of the corpus).
    return regex.compile(_bounded(parts), regex.V0), groups


# Upper-case phrases all hold a word of four capitals, two capital words in a row, or OUT ("Japan OUT").
_CAPITALS_HINT = r"[A-ZÀ-ÞŒ]{4}|[A-ZÀ-ÞŒ]{2,}['’]?\s+[A-ZÀ-ÞŒ]{2}|\bOUT\b"


@dataclass(frozen=True)
class RestrictionHint:
    r"""A quick test that lets the big alternation skip most captions, which hold no instruction.

    Upper-case phrases need capitals, which most captions lack. Any-case phrases are few, written
    in capitals, and looked for in the text upper-cased: a case-blind alternation costs three
    times the rest of the test.

    Capitals alone still let through every caption with an acronym ("NASA", "REUTERS"), and the
    alternation costs some 200 µs on one. So a text that passes must also hold, verbatim, the
    anchor of some upper-case phrase: a run of literal characters that every match of that phrase
    holds (``SALE`` in ``NO\s+RE-?SALES?``). Any-case phrases, and upper-case ones with no anchor
    of three characters, are searched as the alternation writes them, in a smaller alternation
    of their own. Both are necessary conditions for a match, so the test changes no result.
    """

    capitals: re.Pattern
    any_case: re.Pattern
    anchors: re.Pattern | None = None  # None: no anchors could be read, the test stops at capitals
    unanchored: regex.Pattern | None = None  # None: every phrase has an anchor

    def search(self, text: str) -> bool:
        if not (self.capitals.search(text) or self.any_case.search(text.upper())):
            return False
        if self.anchors is None or self.anchors.search(text):
            return True
        return self.unanchored is not None and self.unanchored.search(text) is not None


_ESCAPE = re.compile(r"\\.")
# Phrases that refer to a group by number or name: in an alternation of their own their groups
# would be numbered otherwise, so no anchors are read when one is there.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _literal_runs(items, runs: list[str]) -> None:
    """Runs of literal characters that every match of a parsed phrase holds: those at its top
    level, in groups without flags, and in parts repeated at least once. Anything else (a class,
    a branch, an optional part) ends a run."""
    run = ""
    for op, value in items:
        if op is _sre.LITERAL:
            run += chr(value)
            continue
        if run:
            runs.append(run)
            run = ""
        if op is _sre.SUBPATTERN and not value[1] and not value[2]:
            _literal_runs(value[3], runs)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[0] >= 1:
            _literal_runs(value[2], runs)
    if run:
        runs.append(run)


def _anchor(phrase: str) -> str | None:
    """The longest literal run, of three characters or more, that every match of an upper-case
    phrase holds; None if it has none. Read with re's own parser: the alternation runs with re's
    semantics (regex.V0)."""
    parsed = _sre.parse(phrase)
    if parsed.state.flags & ~re.UNICODE:
        return None  # an inline flag such as (?i) makes literals match more than themselves
    runs: list[str] = []
    _literal_runs(parsed, runs)
    best = max(runs, key=len, default="")
    return best if len(best) >= 3 else None


def _anchors(entries: list[dict]) -> tuple[re.Pattern | None, regex.Pattern | None]:
    """The anchors of the upper-case phrases, and an alternation of the phrases that have none."""
    anchors: set[str] = set()
    unanchored: list[str] = []
    for _, body in _phrase_bodies(entries):
        if _GROUP_REFERENCE.search(body):
            return None, None
        try:
            anchor = _anchor(body)  # an any_case body is one case-blind group: no anchor
        except Exception:  # syntax only the regex module reads: no anchor can be trusted
            return None, None
        if anchor:
            anchors.add(anchor)
        else:
            unanchored.append(body)
    if not anchors:
        return None, None
    pattern = re.compile("|".join(map(re.escape, sorted(anchors))))
    return pattern, regex.compile(_bounded(unanchored), regex.V0) if unanchored else None


def _restriction_hint(entries: list[dict]) -> RestrictionHint:
    any_case = [phrase for entry in entries for phrases in (entry.get("any_case") or {}).values()
                for phrase in phrases or ()]
    for phrase in any_case:
        if any(char.islower() for char in _ESCAPE.sub("", phrase)):
            raise ValueError(f"restrictions.yaml: an any_case phrase is written in capitals: {phrase!r}")
    return RestrictionHint(re.compile(_CAPITALS_HINT), re.compile("|".join(any_case)), *_anchors(entries))


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
