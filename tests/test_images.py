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
