"""Image URLs: srcset read as the HTML standard reads it, and the keys that fold copies of one picture."""

import pytest

from captioncheck.extract.urls import copy_key, srcset_urls, url_key

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


@pytest.mark.parametrize(("first", "second"), [
    ("//media.example/resources/r/?m=02&i=1402938847&r=HARBOUR1A&w=640",
     "//media.example/resources/r/?m=02&i=1402938912&r=HARBOUR2B&w=640"),
    ("/image.php?id=55&width=800", "/image.php?id=56&width=800"),
    ("/thumb?src=/photos/a-river.jpg&w=300", "/thumb?src=/photos/b-bridge.jpg&w=300"),
    ("/thumb?src=%2Fphotos%2Fa-river.jpg", "/thumb?src=%2Fphotos%2Fb-bridge.jpg"),
    ("/api/photo?uuid=1f3a&format=webp", "/api/photo?uuid=9c2b&format=webp"),
])
def test_two_photos_never_share_a_key(first, second):
    assert url_key(first) != url_key(second)
    assert copy_key(first) != copy_key(second)


@pytest.mark.parametrize(("first", "second"), [
    ("//media.example/resources/r/?m=02&i=1402938847&r=HARBOUR1A&w=640",
     "https://media.example/resources/r/?i=1402938847&r=HARBOUR1A&m=02&w=2048&h=1365&q=90"),  # any order
    ("/image.php?id=55&width=300&height=200&fit=crop", "/image.php?id=55&width=1200&format=webp&q=80"),
    ("/thumb?src=/photos/a-river.jpg&w=300", "https://cdn.example/photos/a-river.jpg"),
    ("/api/photo?uuid=1f3a&format=webp&utm_source=feed", "/api/photo?uuid=1f3a&format=jpg"),
    # A parameter that names the picture outweighs crop offsets the list of renditions lacks.
    ("/images/?imageId=8174&panox=0.9&panoy=16.2&width=485", "/images/?imageId=8174&panox=0&panoy=0&width=980"),
    # A path that names the picture (an image file, a hash or an id) is the key on its own.
    ("/p/river.jpg?w=300&crop=1", "/p/river.jpg?id=9&v=2"),
    ("/6d1f0e8a2b9c47d3?impolicy=crop&cropH=1200&xPos=0", "/6d1f0e8a2b9c47d3?impolicy=crop&cropH=2813&xPos=10"),
])
def test_copies_of_one_photo_share_a_key(first, second):
    assert copy_key(first) == copy_key(second)


def test_a_shared_file_path_is_told_apart_by_the_parameter_that_names_the_picture():
    first, second = "/media/original.jpg?id=4411&width=800", "/media/original.jpg?id=4412&width=1600"
    assert url_key(first) == url_key(second) == "/media/original.jpg"
    assert url_key(first, keep_query=True) == "/media/original.jpg?id=4411"
    assert copy_key(first, keep_query=True) != copy_key(second, keep_query=True)
    assert copy_key(first, keep_query=True) == copy_key("/media/original.jpg?width=300&id=4411", keep_query=True)


def test_an_inline_data_image_has_no_copy_key():
    assert copy_key("data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP") == ""
    assert copy_key(" DATA:image/svg+xml,%3Csvg%3E") == ""
