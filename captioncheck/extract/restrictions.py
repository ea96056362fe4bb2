"""Find agency handling instructions in a text and cut them out of it.

Instructions come before the credit is split off: Reuters prints them straight after the credit
with no punctuation (``.../via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED ...``),
so a credit can only be read once they are gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from captioncheck.model import Restriction
from captioncheck.text import clean
from captioncheck.vocab import load

_TAIL_END = re.compile(r"[()\[\]]|$")  # a bracket opens the credit: "EMBARGOED TO 0001 MARCH 12 (BHPS/PA)"
_COLON = re.compile(r"\s*:")  # "Mandatory Credit: Photo by ..." leaves the credit, not its colon
_LEADING = re.compile(r"^[\s.,;:\-–—|+]+")
_LEFTOVER = re.compile(r"\(\s*[-–—.,;:|]*\s*\)|\[\s*\]")
_DOUBLE_STOP = re.compile(r"(?<=[.!?])(?:\s*\.)+")  # "Nov. 18. ." once the run between the stops is gone
_INNER_SPACE = re.compile(r"(?<=[(\[])\s+|\s+(?=[)\]])")
_DANGLING = re.compile(r"\s*[-–—|:;,/+]+\s*$")


@dataclass(frozen=True)
class Found:
    code: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[Found, ...]:
    """Every instruction in the text. Cached: alt text and caption are often the same words."""
    vocab = load()
    if not vocab.restriction_hint.search(text):
        return ()
    found = []
    for match in vocab.restriction_pattern.finditer(text):
        code = vocab.restriction_groups[match.lastgroup]
        found.append(Found(code, clean(match.group()) or "", match.start(), match.end()))
    return tuple(found)


def _capitals_only(gap: str, max_words: int) -> bool:
    """Punctuation or upper-case words only: what stands between instructions of one run."""
    return not any(char.islower() for char in gap) and len(gap.split()) <= max_words


def _runs(text: str, found: tuple[Found, ...]) -> list[tuple[int, int]]:
    """Spans of text that are instructions, joining neighbours into one run.

    "NO RESALES. NO ARCHIVES. DO NOT CROP" is one run; capitals after the last instruction, up
    to the end of the text or a closing bracket, belong to it too.
    """
    runs: list[list[int]] = []
    for item in found:
        if runs and _capitals_only(text[runs[-1][1] : item.start], 8):
            runs[-1][1] = item.end
        else:
            runs.append([item.start, item.end])
    if runs:
        end = _TAIL_END.search(text, runs[-1][1]).start()
        if _capitals_only(text[runs[-1][1] : end], 12):
            runs[-1][1] = end
    for run in runs:
        colon = _COLON.match(text, run[1])
        if colon:
            run[1] = colon.end()
    return [(start, end) for start, end in runs]


def strip(text: str | None, field: str) -> tuple[str | None, list[Restriction]]:
    """The text without its instructions, and the instructions it held."""
    if not text:
        return text, []
    found = find(text)
    if not found:
        return text, []
    restrictions = [Restriction(item.code, item.text, field) for item in found]
    kept, position = [], 0
    for start, end in _runs(text, found):
        kept.append(_DANGLING.sub("", text[position:start]))  # the "+++" or " - " that led into the run
        position = end
    kept.append(text[position:])
    rest = _LEFTOVER.sub("", " ".join(part.strip() for part in kept if part.strip()))
    rest = _DOUBLE_STOP.sub("", _INNER_SPACE.sub("", rest))
    rest = _LEADING.sub("", _DANGLING.sub("", rest))
    return clean(rest), restrictions


def scan(text: str | None, field: str) -> list[Restriction]:
    """The instructions a text holds, leaving the text alone (alt and title are kept as printed)."""
    if not text:
        return []
    return [Restriction(item.code, item.text, field) for item in find(text)]
