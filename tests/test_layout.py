"""Where things sit on a page: the article element, the story's text region, which blocks hold
which pictures (captioncheck.extract.layout)."""

from __future__ import annotations

from lxml import etree

from captioncheck.extract import images, layout
from captioncheck.extract.page_index import PageIndex
from captioncheck.parse import parse

STORY = "<p>" + "The council met on Tuesday to discuss the flood defences along the river. " * 2 + "</p>"


def _layout(html: str) -> layout.Layout:
    tree = parse(html.encode()).tree
    index = PageIndex.of(tree)
    return layout.of(index, images.find(index), frozenset())


def _attribute(element: etree._Element | None, name: str) -> str | None:
    return element.get(name) if element is not None else None


def test_role_main_marks_the_article_when_the_page_has_no_article_element():
    found = _layout("""<html><body><div class="top"><img src="/banner.jpg"></div>
        <div role="main" id="story"><p>One.</p><p>Two.</p><p>Three.</p><img src="/photo.jpg"></div></body></html>""")
    assert _attribute(found.article, "id") == "story"


def test_article_root_is_the_innermost_block_with_nearly_all_paragraphs():
    found = _layout("""<html><body><main>
        <article><p>Another story.</p><img src="/teaser-photo.jpg"></article>
        <div itemprop="articleBody" id="body"><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p>
        <p>Six.</p><p>Seven.</p><p>Eight.</p><p>Nine.</p><img src="/story-photo.jpg"></div>
        </main></body></html>""")
    # <main> holds ten paragraphs, the articleBody nine (90%): the body is the root.
    assert _attribute(found.article, "id") == "body"


def test_text_region_is_where_the_story_text_is_not_the_first_article_element():
    found = _layout(f"""<html><body>
        <article class="teaser"><p>A short teaser.</p></article>
        <div id="column"><div id="text">{STORY}{STORY}{STORY}</div><aside><p>Related</p></aside></div>
        </body></html>""")
    assert _attribute(found.region, "id") == "text"
    assert found.first_text is not None and found.last_text is not None and found.first_text < found.last_text


def test_owners_go_all_the_way_up_whatever_the_depth():
    deep = "<div>" * 40 + '<img src="/a.jpg">' + "</div>" * 40
    found = _layout(f'<html><body><div id="row">{deep}<img src="/b.jpg"></div></body></html>')
    row = next(block for block in found.owners if block.get("id") == "row")
    assert found.owners[row] == 2
    assert max(held for block, held in found.owners.items() if block.tag == "div" and block is not row) == 1


def test_a_vector_icon_over_the_photo_is_no_second_picture_in_its_figure():
    found = _layout(f"""<html><body><article><h1>Heat prices rise</h1>{STORY}
        <figure id="figure"><div><img src="/photo-1200.jpg" width="1200" height="800">
        <img src="/static/zoom-in.svg" alt="Enlarge"></div><figcaption>The plant.</figcaption></figure>
        {STORY}</article></body></html>""")
    figure = next(block for block in found.owners if block.get("id") == "figure")
    assert found.owners[figure] == 1


def test_a_vector_graphic_with_a_picture_width_is_a_picture():
    found = _layout(f"""<html><body><article>{STORY}
        <figure id="figure"><img src="/photo-1200.jpg" width="1200" height="800">
        <img src="/charts/turnout.svg" width="640" height="400"></figure>{STORY}</article></body></html>""")
    figure = next(block for block in found.owners if block.get("id") == "figure")
    assert found.owners[figure] == 2


def test_the_story_text_region_stays_inside_the_story_when_whole_stories_follow_it():
    other = '<article><h2>Another story</h2><figure><img src="/other.jpg"></figure>' + STORY * 3 + "</article>"
    tree = parse(f"""<html><head><title>Harbour bridge reopens</title></head><body><div id="list">
        <article id="mine"><h1>Harbour bridge reopens</h1>{STORY * 2}</article>{other}{other}
        </div></body></html>""".encode()).tree
    index = PageIndex.of(tree)
    found = layout.of(index, images.find(index), frozenset({"harbour bridge reopens"}))
    assert _attribute(found.story, "id") == "mine"
    assert _attribute(found.region, "id") == "mine"


def test_a_story_number_in_the_page_url():
    from captioncheck.extract.signals import own_id

    assert own_id("https://www.example.jp/article/1011185") == "1011185"
    assert own_id("https://www.example.de/wirtschaft/deal_id_92942238.html") == "92942238"
    assert own_id("https://www.example.com/2024/09/14/harbour-bridge.html") is None
    assert own_id(None) is None


def test_a_link_to_the_pictures_own_page():
    from captioncheck.extract.signals import _page_of_picture

    assert _page_of_picture("/region/harbour-bridge-112.html", "/img/harbour-bridge-112_v-big16x9.jpg")
    assert not _page_of_picture("/region/harbour-bridge-100.html", "/img/harbour-bridge-112_v-big16x9.jpg")
    assert not _page_of_picture("/news/", "/img/news-photo.jpg")
