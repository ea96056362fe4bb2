"""The tree captioncheck parses: the one a browser builds, for markup libxml2 reads otherwise."""

import re

import pytest
from lxml import etree

from captioncheck.parse import UNKNOWN_VOID_TAGS, parse

# Every void element of the HTML standard's parser, the old ones included.
VOID_TAGS = ("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
             "keygen", "link", "meta", "param", "source", "track", "wbr")


def _body(html: str) -> etree._Element:
    return parse(f"<html><body>{html}</body></html>".encode()).tree.find("body")


def _markup(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


@pytest.mark.parametrize("tag", VOID_TAGS)
def test_every_void_element_is_empty(tag):
    """Checks the list of tags libxml2 does not know, for the libxml2 installed."""
    body = _body(f"<div><{tag} data-x=1>after<b>bold</b> text</div>")
    element = next(body.iter(tag), None)
    if element is None:  # <frame> outside a frameset is dropped, as browsers do
        return
    assert len(element) == 0 and element.text is None
    assert element.tail == "after"


def test_unknown_void_tags_are_the_ones_libxml2_nests():
    nesting = set()
    for tag in VOID_TAGS:
        tree = etree.fromstring(f"<html><body><div><{tag}>x<b>y</b></div></body></html>".encode(),
                                etree.HTMLParser(recover=True))
        element = next(tree.iter(tag), None)
        if element is not None and (len(element) or element.text):
            nesting.add(tag)
    assert nesting == set(UNKNOWN_VOID_TAGS)


def test_picture_sources_are_siblings_of_the_image():
    body = _body('<picture><source srcset="a.avif"><source srcset="a.webp"><source srcset="b.webp">'
                 '<img src="a.jpg"></picture><p>next</p>')
    picture = body.find("picture")
    assert [child.tag for child in picture] == ["source", "source", "source", "img"]
    assert body.find("p").text == "next"


@pytest.mark.parametrize(("html", "tree"), [
    ("<p>Phila<wbr>delphia, <b>1890</b>s</p><p>next</p>",
     "<body><p>Phila<wbr/>delphia, <b>1890</b>s</p><p>next</p></body>"),
    ("<p>a<wbr></p>", "<body><p>a<wbr/></p></body>"),
    ("<figure><embed src=x.swf><figcaption>Cap</figcaption></figure>",
     '<body><figure><embed src="x.swf"/><figcaption>Cap</figcaption></figure></body>'),
    ('<video><source src=a.mp4><track src=a.vtt><p>fallback</video><p>after</p>',
     '<body><video><source src="a.mp4"/><track src="a.vtt"/><p>fallback</p></video><p>after</p></body>'),
    # Start tags that end an element whose end tag was left out still end it after a void element.
    ("<p>a<wbr>b<p>c</p>d", "<body><p>a<wbr/>b</p><p>c</p>d</body>"),
    ("<ul><li>a<wbr>b<li>c<li>d</ul>t", "<body><ul><li>a<wbr/>b</li><li>c</li><li>d</li></ul>t</body>"),
    ("<table><tr><td>a<wbr>b<td>c<tr><td>e</table>",
     "<body><table><tr><td>a<wbr/>b</td><td>c</td></tr><tr><td>e</td></tr></table></body>"),
    ("<p>a<!-- note --><wbr>b<!-- end --></p>", "<body><p>a<!-- note --><wbr/>b<!-- end --></p></body>"),
])
def test_void_elements_hold_nothing(html, tree):
    assert _markup(_body(html)) == tree


@pytest.mark.parametrize("html", [
    '<picture><source srcset="a.webp"><source srcset="b.webp"><img src="a.jpg"></picture>',
    "<p>x<wbr>y <i>z</i><wbr>w</p><p>n<wbr>m<p>o<div>p</div>",
    "<ul><li>a<wbr>b<li>c<wbr><li>d</ul>",
    "<p>a<span>x<wbr>y<p>z",
])
def test_tree_is_the_one_libxml2_builds_for_self_closed_void_elements(html):
    closed = re.sub(r"<(source|wbr)([^>]*)>", r"<\1\2/>", html)  # attribute values are quoted here
    assert _markup(_body(html)) == _markup(_body(closed))


def test_control_characters_in_swallowed_text_survive_the_repair():
    paragraph = _body("<p>a<wbr>b\x01c<b>d</b>e</p>").find("p")
    assert [child.tag for child in paragraph] == ["wbr", "b"]
    assert "".join(paragraph.itertext()) == "ab\ufffdcde"  # lxml sets no control character


def test_source_lines_stay_right():
    tree = parse(b"<html><body>\n<picture>\n<source srcset='a.webp'>\n<source srcset='b.webp'>\n"
                 b"<img src='a.jpg'>\n</picture>\n<p>x<wbr>\ny</p>\n<p>z</p>\n</body></html>").tree
    assert [(element.tag, element.sourceline) for element in tree.iter("source", "img", "wbr", "p")] == [
        ("source", 3), ("source", 4), ("img", 5), ("p", 7), ("wbr", 7), ("p", 9)]


@pytest.mark.parametrize("html", [
    "<p>" + "ab<wbr>" * 100_000 + "</p>",
    "<picture>" + "<source srcset=a.jpg>" * 100_000 + "<img src=x.jpg></picture>",
    "<p>" + "<span>a<wbr>" * 100_000,
    "<p>a<wbr>" * 100_000,
    "<p>a<wbr>b</p>" * 50_000,
])
def test_hostile_nesting_is_repaired_without_recursion(html):
    tree = parse(f"<html><body>{html}</body></html>".encode()).tree
    assert not any(len(element) or element.text for element in tree.iter(UNKNOWN_VOID_TAGS))
