"""Text as a reader sees it, and the comparison key rules use to call two texts the same."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible formatting characters that never show on a page.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS), None)
# str.translate looks up every character in the dict: a search of one character class finds out,
# several times faster, whether a text holds any of them at all (most non-ASCII texts do not).
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_NON_WORD = re.compile(r"[\W_]+")


def clean(text: str | None) -> str | None:
    """Collapse whitespace and drop invisible characters; ``None`` for text that is empty."""
    if text is None:
        return None
    if not text.isascii() and _ANY_INVISIBLE.search(text):  # isascii: an O(1) flag check
        text = text.translate(_INVISIBLE)
    text = " ".join(text.split())  # str.split's whitespace is the same as the regex's \s
    return text or None


@lru_cache(maxsize=4096)  # rules and caption folding compare the same texts again and again
def comparison_key(text: str | None) -> str:
    """Lower-case words only: what two texts share when they 'say the same thing'."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


# Scripts written without spaces between words. A run of Han characters or kana counts one word
# for every two characters (about the mean length of a Chinese or Japanese word), a run of Thai,
# Lao, Khmer or Myanmar one for every four; so a Japanese caption is not "one word".
_SPACELESS_RUNS = (
    (re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+"), 2),
    (re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+"), 4),
)
_SPACELESS = re.compile("|".join(pattern.pattern for pattern, _ in _SPACELESS_RUNS))


def word_count(text: str | None) -> int:
    """Words in a text, also in languages written without spaces.

    Text in other scripts counts as ``len(text.split())`` does; inside a space-separated token,
    each run of a spaceless script counts by its length, and each other part with a letter or
    digit in it ("AP" in "AP通信") as one word. Linear in the text's length.
    """
    if not text:
        return 0
    count = 0
    for token in text.split():
        if token.isascii() or not _SPACELESS.search(token):
            count += 1
            continue
        for pattern, per_word in _SPACELESS_RUNS:
            count += sum(-(-len(run) // per_word) for run in pattern.findall(token))
        count += sum(1 for piece in _SPACELESS.split(token) if any(char.isalnum() for char in piece))
    return count
