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
