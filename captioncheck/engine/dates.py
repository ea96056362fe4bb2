"""Read the date and time in an embargo line and in a page's publication time.

Embargo lines come in agency styles: ``EMBARGOED UNTIL 2024-05-01 00:01 GMT``,
``EMBARGOED UNTIL 0001 GMT MAY 1, 2024``, ``HOLD FOR RELEASE 10 A.M. ET MAY 1 2024``. Times
without a zone are read as UTC; a line without a date gives ``None`` (nothing to compare).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january", "enero", "janvier", "januar", "janeiro", "gennaio"),
         ("feb", "february", "febrero", "février", "fevrier", "februar", "fevereiro", "febbraio"),
         ("mar", "march", "marzo", "mars", "märz", "marz", "março", "marco"),
         ("apr", "april", "abril", "avril", "aprile"),
         ("may", "mayo", "mai", "maio", "maggio"),
         ("jun", "june", "junio", "juin", "juni", "junho", "giugno"),
         ("jul", "july", "julio", "juillet", "juli", "julho", "luglio"),
         ("aug", "august", "agosto", "août", "aout"),
         ("sep", "sept", "september", "septiembre", "septembre", "setembro", "settembre"),
         ("oct", "october", "octubre", "octobre", "oktober", "outubro", "ottobre"),
         ("nov", "november", "noviembre", "novembre", "novembro"),
         ("dec", "december", "diciembre", "décembre", "decembre", "dezember", "dezembro", "dicembre")],
        start=1,
    )
    for name in names
}
_ZONES = {"gmt": 0, "utc": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "et": -5, "est": -5, "edt": -4,
          "ct": -6, "cst": -6, "cdt": -5, "pt": -8, "pst": -8, "pdt": -7, "jst": 9}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([a-zäéû]+)\.?,?\s+(?:de\s+)?(\d{4})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"\b([a-zäéû]+)\.?\s+(\d{1,2}),?\s+(\d{4})", re.IGNORECASE)
_TIME = re.compile(
    r"(?<![\d-])(\d{1,2})(?::?(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(gmt|utc|z|bst|cest|cet|edt|est|et|cdt|cst|ct|"
    r"pdt|pst|pt|jst)?\b(?!-)",
    re.IGNORECASE,
)


def parse_when(text: str) -> datetime | None:
    """The moment a text names, in UTC, or None when it names no date."""
    found = _date(text)
    if found is None:
        return None
    (year, month, day), rest = found
    hour, minute, offset = _time(rest)
    try:
        local = datetime(year, month, day, hour, minute, tzinfo=timezone(timedelta(hours=offset)))
    except ValueError:
        return None
    return local.astimezone(timezone.utc)


def _date(text: str) -> tuple[tuple[int, int, int], str] | None:
    match = _ISO_DATE.search(text)
    if match:
        return (int(match[1]), int(match[2]), int(match[3])), text[: match.start()] + " " + text[match.end():]
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        for match in pattern.finditer(text):
            day, month_name = (match[1], match[2]) if order == "dmy" else (match[2], match[1])
            month = _MONTHS.get(month_name.lower())
            if month:
                rest = text[: match.start()] + " " + text[match.end():]
                return (int(match[3]), month, int(day)), rest
    return None


def _time(text: str) -> tuple[int, int, int]:
    for match in _TIME.finditer(text):
        hour, minute, meridiem, zone = match[1], match[2], match[3], match[4]
        if not (minute or meridiem or zone):
            continue  # a bare number is not a time
        if minute is None and len(hour) <= 2 and not meridiem and not zone:
            continue
        value = int(hour)
        if minute is None and len(match[1]) > 2:  # "0001 GMT"
            value, minute = int(match[1][:-2]), match[1][-2:]
        if meridiem and meridiem.lower().startswith("p") and value < 12:
            value += 12
        if meridiem and meridiem.lower().startswith("a") and value == 12:
            value = 0
        if value > 23:
            continue
        return value, int(minute or 0), _ZONES.get((zone or "utc").lower(), 0)
    return 0, 0, 0


def parse_published(value: str | None) -> datetime | None:
    """A page's publication time: ISO 8601 as meta tags and JSON-LD give it."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return parse_when(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
