"""Text as a reader sees it, and the comparison key rules use to call two texts the same."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and invisible formatting characters that never show on a page.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"), None)
_NON_WORD = re.compile(r"[\W_]+")


def clean(text: str | None) -> str | None:
    """Collapse whitespace and drop invisible characters; ``None`` for text that is empty."""
    if text is None:
        return None
    if not text.isascii():  # an O(1) flag check: most texts hold no invisible characters to drop
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
