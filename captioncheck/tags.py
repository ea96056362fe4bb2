"""Start tags with too many attributes, cut to their first ones before libxml2 reads the page.

libxml2's HTML parser compares each attribute of a start tag with every earlier one of that tag (to
drop a repeated name), so one tag of n attributes costs n squared: 200,000 attributes take about a
minute, inside the parse, where the page's time budget cannot stop it. ``cap_attributes`` keeps the
first ``MAX_ATTRIBUTES`` distinct names of such a tag (the first occurrence of a name wins, as in a
browser) and drops the rest, so the parse stays linear whatever the page.

Finding those tags must cost almost nothing on real pages, where no tag has 50 attributes. One
regular expression, anchored at the start of the page and possessive throughout (no backtracking),
walks the page's markup the way the HTML tokenizer does (text, comments, raw-text elements, quoted
attribute values, end tags) and accepts every start tag of at most ``MAX_ATTRIBUTES`` attributes; it
stops only at a start tag with more. On a real page it is one pass in C that ends at the page's end;
only a tag it stops at is read attribute by attribute, in Python.
"""

from __future__ import annotations

import re

from captioncheck.limits import MAX_ATTRIBUTES

_SPACE = rb"[ \t\n\r\f]"
# One attribute, as the tokenizer reads it: separators (white space, "/"), a name (any first byte
# but those, "=" included), then an optional value, quoted or not. After a quoted value the next
# name may follow with no separator. An unclosed quote runs to the end of the page.
_ATTRIBUTE = (rb"[ \t\n\r\f/]*+[^ \t\n\r\f/>][^ \t\n\r\f/>=]*+"
              rb"(?:" + _SPACE + rb"*+=" + _SPACE + rb"*+(?:\"[^\"]*+\"?|'[^']*+'?|[^ \t\n\r\f>]*+))?")
_END = rb"[ \t\n\r\f/]*+(?:>|\Z)"
_NAME = rb"[A-Za-z][^ \t\n\r\f/>]*+"
# Elements whose content is text up to their end tag (libxml2 2.14 reads these as raw text).
_RAW = (b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes")


def _any_case(word: bytes) -> bytes:
    """`word` in any case, without IGNORECASE (which makes every literal of the pattern slower)."""
    return b"".join(b"[%c%c]" % (letter, letter ^ 32) for letter in word)


_FEW = rb"(?:" + _ATTRIBUTE + rb"){0,%d}+" % MAX_ATTRIBUTES + _END
# Most tags: values quoted right after "=", short runs between them. A tag this pattern accepts
# has at most 16 runs of at most 32 bytes outside its values, so at most 256 names (each takes two
# bytes, a separator and a letter): it needs no counting. Any other tag is read by the patterns below.
_PLAIN = rb"[^<>\"'=]{0,32}+(?:=(?:\"[^\"]*+\"|'[^']*+'|)[^<>\"'=]{0,32}+){0,15}+>"
_RAW_FIRST = b"[" + bytes(sorted({word[0] for word in (*_RAW, b"plaintext")})) \
    + bytes(sorted({word[0] ^ 32 for word in (*_RAW, b"plaintext")})) + b"]"
_NOT_RAW = rb"(?!(?:" + b"|".join(_any_case(word) for word in (*_RAW, b"plaintext")) + rb")[ \t\n\r\f/>])"
# What may follow a "<", in order: the first that matches is the token. Plain end tags are half the
# tags, so they go first (no other token starts "</" and a letter). A start tag's first letter is
# tested against the letters no raw-text element starts with (one class) before the names.
_AFTER_LT = b"|".join((
    rb"/[A-Za-z][^<>\"'=]{0,64}+>",  # a plain end tag
    rb"(?=[A-Za-z])(?>(?!" + _RAW_FIRST + rb")|" + _NOT_RAW + rb")[A-Za-z]" + _PLAIN,  # a plain start tag
    rb"!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>)?)",  # a comment, ended the ways HTML allows
    rb"(?:!|\?|/(?![A-Za-z]))[^>]*+>?",  # a doctype, processing instruction or bogus comment
    rb"/" + _NAME + rb"(?:" + _ATTRIBUTE + rb")*+" + _END,  # an end tag: its attributes are read, then dropped
    # A raw-text element: its start tag, then text up to its end tag. (One alternative per name, no
    # back-reference: Python 3.11's possessive repeats mishandle capturing groups.)
    *(_any_case(name) + rb"(?=[ \t\n\r\f/>])" + _FEW
      + rb"(?:[^<]++|<(?!/" + _any_case(name) + rb"[ \t\n\r\f/>]))*+" for name in _RAW),
    _any_case(b"plaintext") + rb"(?=[ \t\n\r\f/>]).*",  # the rest of the page is text
    _NAME + _FEW,  # a start tag of few attributes
    rb"(?![A-Za-z])",  # a "<" that opens no tag
))
# One step of the walk is text, then a "<" and what it opens: a step costs more than the bytes it
# reads, so text and tag share one. A step that fails gives its text back to the last run of text.
_WALK = re.compile(rb"(?:[^<]*+<(?:" + _AFTER_LT + rb"))*+[^<]*+", re.DOTALL)
_TAG_NAME = re.compile(rb"<" + _NAME)
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE, re.DOTALL)
_NAME_OF = re.compile(rb"[ \t\n\r\f/]*+([^ \t\n\r\f/>][^ \t\n\r\f/>=]*+)")
_TAG_END = re.compile(_END)
# The text of a raw-text element whose start tag was cut, up to its end tag: it holds no tags.
_RAW_TEXT = {name: re.compile(rb"(?:[^<]++|<(?!/" + _any_case(name) + rb"[ \t\n\r\f/>]))*+") for name in _RAW}


def cap_attributes(data: bytes) -> tuple[bytes, list[str]]:
    """`data` with every start tag of more than MAX_ATTRIBUTES attribute names cut to its first
    ones, and what was left out (one line for the page, empty when nothing was). Bytes of a page
    in an ASCII-compatible encoding (the parser's UTF-8)."""
    end = _WALK.match(data).end()
    if end == len(data):
        return data, []
    parts: list[bytes] = []
    start = 0
    tags = dropped_names = 0
    first = ""
    while end < len(data):
        tag = _TAG_NAME.match(data, end).group()[1:].lower()
        tag_end, kept_end, names = _read_tag(data, end)
        closing = _TAG_END.match(data, tag_end)
        if names > MAX_ATTRIBUTES:
            if not tags:
                line = data.count(b"\n", 0, end) + 1
                first = f"<{tag.decode('ascii', 'replace')}> on line {line}, {names} names"
            tags += 1
            dropped_names += names - MAX_ATTRIBUTES
            # The attributes left out go, but their line breaks stay: findings' lines stay right.
            parts += [data[start:kept_end], b"\n" * data.count(b"\n", kept_end, tag_end), closing.group()]
            start = closing.end()
        # else: only repeated names past the limit, which the parser drops cheaply: nothing to cut.
        after = closing.end()
        if tag == b"plaintext":
            break  # the rest of the page is text
        if tag in _RAW_TEXT:  # its text holds no tags, as the walk would have read it
            after = _RAW_TEXT[tag].match(data, after).end()
        end = _WALK.match(data, after).end()
    if not tags:
        return data, []
    parts.append(data[start:])
    what = "a tag has" if tags == 1 else f"{tags} tags have"
    which = first if tags == 1 else f"the first: {first}"
    return b"".join(parts), [
        f"{what} more than {MAX_ATTRIBUTES} attribute names ({which}); only the first {MAX_ATTRIBUTES} "
        f"of each were read, the other {dropped_names} names were left unchecked"]


def _read_tag(data: bytes, at: int) -> tuple[int, int, int]:
    """Read the start tag at `at` attribute by attribute: where its attributes end, where those
    holding its first MAX_ATTRIBUTES distinct names end, and how many distinct names it has.
    The first occurrence of a name is the one that counts, as in a browser."""
    position = kept_end = _TAG_NAME.match(data, at).end()
    seen: set[bytes] = set()
    while True:
        attribute = _ONE_ATTRIBUTE.match(data, position)
        if attribute is None:
            return position, kept_end, len(seen)
        name = _NAME_OF.match(attribute.group()).group(1).lower()
        if name not in seen:
            seen.add(name)
            if len(seen) <= MAX_ATTRIBUTES:
                kept_end = attribute.end()
        position = attribute.end()
