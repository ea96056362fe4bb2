"""How long a photo may be used, from the instructions that travel with it.

A window is a last moment (``FOR USE UNTIL MAY 14, 2024``) or a number of days (handouts that
``MAY ONLY BE USED FOR 14 DAYS``). The phrases are data (``time_windows`` in
rules/vocab/restrictions.yaml); their dates are read as embargo times are (engine/dates.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from captioncheck.engine.dates import parse_when
from captioncheck.text import clean
from captioncheck.vocab import time_windows


@dataclass(frozen=True)
class Window:
    text: str  # the words as printed
    until: datetime | None = None  # the last moment of use, in UTC
    days: int | None = None  # or: days of use, counted from `start`
    start: datetime | None = None  # the day the text counts from; None: from the photo's first use


def find(texts: Iterable[str | None]) -> str | None:
    """The first window phrase in these texts, as printed, or None."""
    patterns = time_windows()
    for text in texts:
        if not text:
            continue
        for pattern in (patterns.until, patterns.days):
            match = pattern.search(text)
            if match:
                return clean(match.group())
    return None


def read(text: str) -> Window | None:
    """The window a phrase found by `find` gives; None when its date cannot be read."""
    patterns = time_windows()
    days = patterns.days.match(text)
    if days:
        count = int(next(value for name, value in days.groupdict().items() if name.startswith("days") and value))
        return Window(text, days=count, start=parse_when(text))
    until = parse_when(text)
    if until is None:
        return None
    if (until.hour, until.minute) == (0, 0):  # a day without a time: the whole of that day
        until += timedelta(days=1)
    return Window(text, until=until)
