"""The one-walk page index and the byte hints that skip searches by attribute."""

from captioncheck.extract.page_index import Hints, PageIndex
from captioncheck.parse import parse


def test_hints_name_what_the_bytes_mention():
    assert Hints.of(b"<p>plain</p>") == Hints(False, False, False)
    assert Hints.of(b'<figure itemscope itemtype="https://schema.org/ImageObject">').microdata
    assert not Hints.of(b'<script type="application/ld+json">{"@type": "ImageObject"}</script>').microdata
    assert Hints.of(b'<div class="js-delayed-image-load" data-alt="x">').placeholders
    assert Hints.of(b"<!-- captioncheck-disable-next-image -->").directives


def test_index_keeps_document_order_across_tags():
    tree = parse(b'<html><head><title>T</title></head><body><main><img src="/a.jpg"><amp-img src="/b.jpg">'
                 b'</amp-img><img src="/c.jpg"></main></body></html>').tree
    index = PageIndex.of(tree)
    assert [element.get("src") for element in index.tagged("img", "amp-img")] == ["/a.jpg", "/b.jpg", "/c.jpg"]
    assert index.first("title").text == "T" and index.first("time") is None
