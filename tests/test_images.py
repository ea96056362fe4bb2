"""Image discovery details: placeholder URLs that are no picture."""

import pytest

from captioncheck.extract.images import is_placeholder


@pytest.mark.parametrize("url", [
    "", "data:image/gif;base64,R0lGOD", " DATA:image/png;base64,x", "/img/blank.gif", "/assets/BLANK.GIF",
    "https://cdn.example.com/1x1.gif?v=2", "/static/lazy-placeholder.png", "/theme/missing-image.jpg",
    "/i/grey_p.png", "/a/dot.svg/b",
])
def test_placeholders(url):
    assert is_placeholder(url)


@pytest.mark.parametrize("url", [
    "/photos/2024/flood-valencia.jpg", "/photos/ap.png", "/photos/blanket.gif", "/p.htm", "/photos/empty-streets.jpg",
    "https://example.com/lazy/photo-800x600.webp",
])
def test_real_pictures(url):
    assert not is_placeholder(url)


def _groups(body: str):
    from captioncheck.extract import images
    from captioncheck.extract.page_index import PageIndex
    from captioncheck.parse import parse

    tree = parse(f"<html><body>{body}</body></html>".encode()).tree
    return [[copy.src for copy in group.copies] for group in images.find(PageIndex.of(tree))]


def test_a_file_path_the_page_uses_for_several_pictures_folds_none_of_them():
    groups = _groups('<img src="/media/original.jpg?id=1&w=800"><img src="/media/original.jpg?id=2&w=800">'
                     '<img src="/media/original.jpg?id=1&w=1600">')
    assert groups == [["/media/original.jpg?id=1&w=800", "/media/original.jpg?id=1&w=1600"],
                      ["/media/original.jpg?id=2&w=800"]]


def test_one_picture_in_several_sizes_folds():
    assert len(_groups('<img src="/p/river.jpg?w=300"><img src="/p/river.jpg?w=1200&id=7">')) == 1


GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def test_a_shared_data_placeholder_folds_no_images():
    groups = _groups(f'<img src="{GIF}" data-srcs=\'{{"800": "/p/a-800.jpg", "1600": "/p/a-1600.jpg"}}\'>'
                     f'<img src="{GIF}" data-sources=\'["/p/b.jpg"]\'>'
                     f'<img src="{GIF}"><noscript><img src="/p/c.jpg"></noscript>'
                     f'<img src="{GIF}">')
    assert groups == [["/p/a-1600.jpg"], ["/p/b.jpg"], ["/p/c.jpg", "/p/c.jpg"], [GIF[:80]]]


def test_a_file_shared_by_different_pictures_is_a_placeholder():
    groups = _groups('<img src="/static/grey-4x3.png" data-hires="/p/cider-press.jpg">'
                     '<img src="/static/grey-4x3.png" data-hires="/p/farm-stand.jpg">'
                     '<img src="/static/grey-4x3.png">')
    assert groups == [["/p/cider-press.jpg"], ["/p/farm-stand.jpg"], [None]]


def test_one_picture_printed_twice_in_two_sizes_still_folds():
    """The shared file is a rendition of the pictures beside it: a copy, not a placeholder."""
    groups = _groups('<img src="/p/harbour.jpg" srcset="/p/harbour-800.jpg 800w">'
                     '<img src="/p/harbour.jpg" data-full="/p/harbour-2000.jpg">')
    assert len(groups) == 1


def test_a_progressive_preview_and_its_lazy_image_are_one_picture():
    groups = _groups('<figure><div><div><img src="/max/60/a91f-crew.jpg?q=20"></div><img alt="">'
                     '<noscript><img src="/max/2400/a91f-crew.jpg"></noscript></div></figure>'
                     '<figure><div><div><img src="/max/60/b22e-dock.jpg?q=20"></div><img alt="">'
                     '<noscript><img src="/max/2400/b22e-dock.jpg"></noscript></div></figure>')
    assert [len(group) for group in groups] == [3, 3]


@pytest.mark.parametrize("value", ["[" * 100_000, '{"a": ' * 50_000, "{not json", '["/p/a.jpg", {"x": ["/p/b.jpg"]}]'])
def test_json_attributes_never_break_discovery(value):
    groups = _groups(f"<img src='{GIF}' data-sources='{value}'>")
    assert len(groups) == 1


@pytest.mark.parametrize(("body", "src"), [
    ('<div class="img-wrap" data-src="/p/photo-800.jpg"><img alt="A"></div>', "/p/photo-800.jpg"),
    (f'<div data-src="/p/photo-800.jpg"><img src="{GIF}" alt="A"></div>', "/p/photo-800.jpg"),
    ('<div><span data-srcset="/p/b-400.jpg 400w, /p/b-1200.jpg 1200w"></span><img alt="B"></div>', "/p/b-1200.jpg"),
    ('<div data-src-small="/p/c-600.jpg" data-src-large="/p/c-1600.jpg"><picture><img alt="C"></picture></div>',
     "/p/c-1600.jpg"),
    ("<div data-srcs='[\"/p/d-400.jpg\", \"/p/d-800.jpg\"]'><img alt=\"D\"></div>", "/p/d-800.jpg"),
])
def test_an_image_without_a_url_takes_the_one_its_wrapper_holds(body, src):
    assert _groups(body) == [[src]]


def test_a_wrapper_of_two_images_lends_neither_its_url():
    assert _groups('<div data-src="/p/photo-800.jpg"><img alt="A"><img alt="B"></div>') == [[None], [None]]


def test_a_data_url_that_names_a_page_is_no_image_url():
    groups = _groups('<img src="/p/harbour-1.jpg" data-url="/photos/list?article=7&pid=1">'
                     '<img src="/p/harbour-2.jpg" data-url="/photos/list?article=7&pid=2">'
                     '<img src="/static/grey.gif" data-url="/p/harbour-3.jpg">')
    assert groups == [["/p/harbour-1.jpg"], ["/p/harbour-2.jpg"], ["/p/harbour-3.jpg"]]
