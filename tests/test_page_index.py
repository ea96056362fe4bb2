"""The one-walk page index and the byte hints that skip searches by attribute."""

from captioncheck.extract import extract_page
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


def test_role_main_marks_the_article_when_the_page_has_no_article_element():
    page = extract_page("role-main.html", b"""<html><body>
        <div class="top"><img src="/banner-photo.jpg" width="900" height="300"></div>
        <div role="main"><p>One.</p><p>Two.</p><p>Three.</p>
        <img src="/story-photo.jpg" width="900" height="600"></div></body></html>""")
    reasons = {image.src: image.reason for image in page.images}
    assert reasons == {"/banner-photo.jpg": "outside the article body", "/story-photo.jpg": None}


def test_article_root_is_the_innermost_block_with_nearly_all_paragraphs():
    page = extract_page("nested.html", b"""<html><body><main>
        <article><p>Another story.</p><img src="/teaser-photo.jpg" width="600" height="400"></article>
        <div itemprop="articleBody"><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><p>Six.</p>
        <p>Seven.</p><p>Eight.</p><p>Nine.</p><img src="/story-photo.jpg" width="900" height="600"></div>
        </main></body></html>""")
    reasons = {image.src: image.reason for image in page.images}
    # <main> holds ten paragraphs, the articleBody nine (90%): the body is the root, the teaser is outside it.
    assert reasons == {"/teaser-photo.jpg": "outside the article body", "/story-photo.jpg": None}
