"""The story's byline is no candidate for a photo's caption or credit (captions.is_byline)."""

from __future__ import annotations

from lxml import html

from captioncheck.extract import captions


def _texts(page: str) -> list[str]:
    tree = html.fromstring(page)
    image = next(tree.iter("img"))
    owners = {ancestor: 1 for ancestor in image.iterancestors()}
    return [unit.text for unit in captions.find(image, owners, 1, None)]


def test_an_author_list_beside_the_headline_is_the_storys_byline():
    texts = _texts("""<html><body><div class="storyHeader-content">
        <h1 class="storyHeadline">The ferry is back</h1>
        <ul class="metaAuthorList"><li><a href="/author/jana-petersen/">Jana Petersen</a></li></ul>
        <div><figure><img src="/uploads/ferry-1200.jpg" alt="">
        <figcaption>The ferry at the pier on Monday.</figcaption></figure></div>
        </div></body></html>""")
    assert "Jana Petersen" not in texts
    assert "The ferry at the pier on Monday." in texts


def test_an_author_element_in_the_pictures_own_block_stays_a_credit_candidate():
    # A photo's credit marked with an author word ("image-box__author") sits beside no headline.
    texts = _texts("""<html><body><h1>The ferry is back</h1><div class="image-box">
        <img src="/uploads/ferry-1200.jpg" alt="">
        <div class="image-box__caption">The ferry at the pier on Monday.</div>
        <div class="image-box__author">Jana Petersen</div></div></body></html>""")
    assert "Jana Petersen" in texts
