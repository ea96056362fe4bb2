"""Image URLs: srcset read as the HTML standard reads it, and the keys that fold copies of one picture."""

import pytest

from captioncheck.extract.urls import copy_key, srcset_urls

CDN = "https://res.cdn.example/image/upload"


@pytest.mark.parametrize(("value", "urls"), [
    ("", []),
    (",,,", []),
    ("a.jpg", ["a.jpg"]),
    ("a.jpg 1x, b.jpg 2x", ["a.jpg", "b.jpg"]),
    ("a.jpg 1x,b.jpg 2x", ["a.jpg", "b.jpg"]),  # a comma after descriptors needs no space
    ("\ta.jpg\n560w,\n  b.jpg  1200w  ", ["a.jpg", "b.jpg"]),
    (f"{CDN}/w_560,f_auto,q_auto/photo.jpg 560w, {CDN}/w_1200,f_auto/photo.jpg 1200w",
     [f"{CDN}/w_560,f_auto,q_auto/photo.jpg", f"{CDN}/w_1200,f_auto/photo.jpg"]),
    ("/p.jpg?crop=5999,3375,x0,y312&width=1320 2x", ["/p.jpg?crop=5999,3375,x0,y312&width=1320"]),
    ("a.jpg,b.jpg", ["a.jpg,b.jpg"]),  # no whitespace: one URL, as a browser reads it
    ("a.jpg,, b.jpg", ["a.jpg", "b.jpg"]),  # a trailing comma ends a URL with no descriptors
    ("a.jpg 2x (future, descriptor), b.jpg", ["a.jpg", "b.jpg"]),  # commas in parentheses
    ("a.jpg 100w (unclosed, b.jpg", ["a.jpg"]),
    (" data:,a 1x ", ["data:,a"]),
])
def test_srcset_urls(value, urls):
    assert srcset_urls(value) == urls


def test_srcset_is_linear_on_hostile_values():
    assert len(srcset_urls("a.jpg 1x, " * 20000)) == 20000
    assert srcset_urls("a.jpg " + "(" * 50000) == ["a.jpg"]


def test_shared_cdn_segments_keep_two_photos_apart():
    first = srcset_urls(f"{CDN}/w_560,f_auto,q_auto/v1/river.jpg 560w, {CDN}/w_1200,f_auto/v1/river.jpg 1200w")
    second = srcset_urls(f"{CDN}/w_560,f_auto,q_auto/v1/sandbags.jpg 560w, {CDN}/w_1200,f_auto/v1/sandbags.jpg 1200w")
    assert not {copy_key(url) for url in first} & {copy_key(url) for url in second}
