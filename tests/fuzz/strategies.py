"""Hypothesis strategies: pages built and broken from the fixture pages' own fragments.

Real markup is the best seed: fragments cut from the fixture pages (figures, captions, credits,
scripts, comments) are recombined, truncated, nested and sprinkled with hostile bytes.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from tests.helpers import FIXTURES

_TAG = re.compile(rb"<(figure|figcaption|picture|p|span|div|img|amp-img|noscript|script|cite|small)\b[^>]*>")


def _fragments() -> list[bytes]:
    found = []
    for page in sorted(FIXTURES.glob("*/*.html")):
        data = page.read_bytes()
        for match in _TAG.finditer(data):
            found.append(data[match.start(): match.start() + 400])
    return found


FRAGMENTS = _fragments()
HOSTILE = [b"\x00", b"\xff\xfe", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"&", b"&#0;", b"&#xD800;", b"<",
           b">", b"\"", b"'", b"</figure>", b"<figcaption>", b"<!DOCTYPE x [<!ENTITY a \"&a;\">]>",
           b"\xc3\x28", b"\xe2\x82", b"\r\n", "\u2028".encode(),
           b"ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO RESALES.",
           b"EMBARGOED UNTIL 2099-01-01 00:00 GMT", b"(REUTERS/Jane Doe)", b"JAPAN OUT",
           b'<meta charset="utf-16">', b'<html lang="ja">', b'data-captioncheck-ignore=""',
           b"<!-- captioncheck-disable-next-image -->"]


@st.composite
def pages(draw) -> bytes:
    pieces = draw(st.lists(st.sampled_from(FRAGMENTS + HOSTILE), min_size=0, max_size=25))
    data = b"".join(pieces)
    if data and draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut]  # truncated anywhere, even inside a tag or a UTF-8 sequence
    if draw(st.booleans()):
        data = b"<html><body>" + data
    noise = draw(st.binary(max_size=20))
    position = draw(st.integers(min_value=0, max_value=len(data)))
    return data[:position] + noise + data[position:]
