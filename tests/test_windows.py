"""Time windows in a photo's instructions: found as printed, read into a last moment or days of use."""

from __future__ import annotations

import pytest

from captioncheck.engine.windows import find, read


@pytest.mark.parametrize(("text", "window"), [
    ("Leaders pose. FOR USE UNTIL MAY 16, 2024. PRESIDENCY/Handout via REUTERS", "FOR USE UNTIL MAY 16, 2024"),
    ("HANDOUT PHOTO MAY ONLY BE USED FOR 14 DAYS FROM TIME OF TRANSMISSION. MANDATORY CREDIT",
     "MAY ONLY BE USED FOR 14 DAYS FROM TIME OF TRANSMISSION"),
    ("NOT FOR USE AFTER 2024-05-14 12:00 GMT", "NOT FOR USE AFTER 2024-05-14 12:00 GMT"),
    # Prose, and a territorial hold that ends, are no window.
    ("The students were told to self-isolate for 14 days.", None),
    ("(UK OUT FOR 28 DAYS) The duchess visits the museum.", None),
    ("The old bridge stays open for use until May 2025.", None),
])
def test_time_windows_are_found_as_printed(text, window):
    assert find([text]) == window


def test_time_windows_are_read():
    until = read("FOR USE UNTIL MAY 16, 2024")
    assert until.until.isoformat() == "2024-05-17T00:00:00+00:00"  # a day without a time counts whole
    assert read("NOT FOR USE AFTER 2024-05-14 12:00 GMT").until.isoformat() == "2024-05-14T12:00:00+00:00"
    days = read("MAY ONLY BE USED FOR 14 DAYS FROM MAY 1, 2024")
    assert (days.days, days.start.isoformat()) == (14, "2024-05-01T00:00:00+00:00")
    assert read("MAY ONLY BE USED FOR 14 DAYS").start is None  # counted from the photo's first page
    assert read("FOR USE UNTIL FURTHER NOTICE") is None
