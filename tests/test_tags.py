"""Start tags of thousands of attributes are cut to their first MAX_ATTRIBUTES names before the parse
(captioncheck/tags.py): libxml2 costs a tag's attribute count squared. No timed assertions: the tests
check what is kept, that the page gets its CC004 finding, and count the attributes libxml2 is given."""

from __future__ import annotations

from lxml import etree

from captioncheck import parse as parse_module
from captioncheck.extract import extract_page
from captioncheck.limits import MAX_ATTRIBUTES
from captioncheck.parse import parse
from captioncheck.tags import cap_attributes

CAPTION = "<figcaption>A flooded street in Valencia. REUTERS/Eva Manez</figcaption>"


def _img(attributes: str) -> bytes:
    return f'<html><body><figure><img src="/a.jpg" {attributes}>{CAPTION}</figure></body></html>'.encode()


def _attributes(n: int, start: int = 0) -> str:
    return " ".join(f'data-x{i}="/v{i}.jpg"' for i in range(start, start + n))


def test_pages_within_the_limit_are_handed_over_unchanged():
    data = _img(_attributes(MAX_ATTRIBUTES - 1))  # src and 255 more: 256 names
    assert cap_attributes(data) == (data, [])


def test_a_tag_over_the_limit_keeps_its_first_names_in_order():
    data = _img(_attributes(1000))
    cut, reached = cap_attributes(data)
    img = etree.fromstring(cut, etree.HTMLParser()).find(".//img")
    assert img.keys() == ["src", *(f"data-x{i}" for i in range(MAX_ATTRIBUTES - 1))]
    assert img.get("data-x254") == "/v254.jpg"
    assert cut.endswith(f">{CAPTION}</figure></body></html>".encode())
    (message,) = reached
    assert "<img> on line 1, 1001 names" in message and f"first {MAX_ATTRIBUTES}" in message
    assert "other 745 names were left unchecked" in message


def test_the_first_occurrence_of_a_name_wins_and_repeats_do_not_count():
    # Browsers keep the first of a repeated name; repeats are dropped by the parser cheaply.
    repeats = 'alt="first" ' + 'alt="later" ' * 5000
    data = _img(repeats + _attributes(10))
    assert cap_attributes(data) == (data, [])  # 12 distinct names: nothing to cut
    data = _img('alt="first" ' + _attributes(300) + ' alt="later" title="t"')
    cut, reached = cap_attributes(data)
    img = etree.fromstring(cut, etree.HTMLParser()).find(".//img")
    assert img.get("alt") == "first" and img.get("title") is None and len(img.attrib) == MAX_ATTRIBUTES
    assert "303 names" in reached[0]


def test_values_holding_angle_brackets_and_quotes_do_not_hide_a_tag():
    # A ">" or "<" inside a quoted value, "<" inside a name, values quoted either way, no separator
    # after a quote: the tokenizer's rules, which a plain search for a long run would miss.
    parts = []
    for i in range(600):
        parts.append(f'q{i}=">x<"' if i % 3 == 0 else f"a<{i}" if i % 3 == 1 else f"s{i}='>'")
    data = _img("".join(p + ("" if p.endswith(("'", '"')) else " ") for p in parts))
    cut, reached = cap_attributes(data)
    assert reached and "601 names" in reached[0]
    assert len(etree.fromstring(cut, etree.HTMLParser()).find(".//img").attrib) == MAX_ATTRIBUTES


def test_markup_the_tokenizer_reads_as_text_is_not_cut():
    many = " ".join(f"w{i}" for i in range(1000))
    for data in (f"<html><head><script>var s = '<img {many}>';</script></head><body></body></html>",
                 f"<html><head><SCRIPT type=module>s = '<img {many}>'</Script ></head><body></body></html>",
                 f"<html><body><!-- <img {many}> --><p>x</p></body></html>",
                 f"<html><body><textarea><img {many}></textarea></body></html>",
                 f'<html><body><p title="<img {many}>">x</p></body></html>'):
        assert cap_attributes(data.encode()) == (data.encode(), []), data[:40]


def test_the_text_of_a_raw_text_element_whose_tag_was_cut_stays_text():
    many = " ".join(f"w{i}" for i in range(300))
    data = f"<html><head><script {many}>var s = '<img {many}>';</script></head><body><p>x</p></body></html>"
    cut, reached = cap_attributes(data.encode())
    assert "a tag has" in reached[0] and "<script> on line 1" in reached[0]  # one tag: the script's own
    assert f"var s = '<img {many}>';</script>".encode() in cut


def test_every_tag_over_the_limit_is_cut_and_lines_stay_right():
    attributes = "\n".join(f"x{i}" for i in range(400))  # 399 line breaks inside the tag
    data = f"<html><body><p {attributes}>one</p>\n<div {attributes}>two</div>\n<b id=last>x</b></body></html>"
    cut, reached = cap_attributes(data.encode())
    assert "2 tags have more than" in reached[0] and "the first: <p> on line 1, 400 names" in reached[0]
    tree = etree.fromstring(cut, etree.HTMLParser())
    assert tree.find(".//b").sourceline == data.count("\n", 0, data.index("<b id")) + 1
    assert [len(tree.find(f".//{tag}").attrib) for tag in ("p", "div")] == [MAX_ATTRIBUTES] * 2


def test_the_parser_is_given_at_most_the_limit_whatever_the_tag(monkeypatch):
    # Counting, not timing: libxml2's cost is the attributes of a tag squared, so the most any tag
    # hands it bounds the parse. 200,000 attributes on one tag reach the parser as 256.
    given = []
    original = etree.fromstring
    monkeypatch.setattr(parse_module.etree, "fromstring",
                        lambda data, parser: given.append(data) or original(data, parser))
    parsed = parse(_img(_attributes(200_000)))
    (data,) = given
    assert data.count(b"data-x") == MAX_ATTRIBUTES - 1
    assert len(parsed.tree.find(".//img").attrib) == MAX_ATTRIBUTES
    assert "other 199745 names were left unchecked" in parsed.limits[0]


def test_a_tag_over_the_limit_is_a_cc004_finding():
    from captioncheck.pipeline import Settings, check
    from captioncheck.sources import Document

    result = check(Document("attributes.html", _img(_attributes(5000))), Settings())
    findings = [f for f in result.findings if f.rule_id == "CC004"]
    assert len(findings) == 1 and "attribute names" in findings[0].message
    assert "left unchecked" in findings[0].message
    page = extract_page("attributes.html", _img(_attributes(5000)))
    assert page.editorial[0].credit == "REUTERS/Eva Manez"
