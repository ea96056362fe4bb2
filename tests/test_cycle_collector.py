"""extract_page pauses Python's cycle collector while it reads a page, and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from captioncheck.extract import extract_page

PAGE = (b"<html><body><figure><img src='/a.jpg' alt='A harbour'>"
        b"<figcaption>The harbour. Photo: Jane Doe</figcaption></figure></body></html>")


def test_the_collector_is_paused_while_a_page_is_read_and_back_on_after(monkeypatch):
    seen = []
    from captioncheck.extract import page_index

    original = page_index.PageIndex.of.__func__

    def spying(cls, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(page_index.PageIndex, "of", classmethod(spying))
    assert gc.isenabled()
    page = extract_page("page.html", PAGE)
    assert seen == [False]
    assert gc.isenabled()
    assert page.images[0].caption == "The harbour."


def test_a_caller_that_disabled_the_collector_finds_it_still_disabled():
    gc.disable()
    try:
        extract_page("page.html", PAGE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_when_reading_fails(monkeypatch):
    from captioncheck.extract import page_index

    def failing(cls, *args, **kwargs):
        raise RuntimeError("a bug while reading")

    monkeypatch.setattr(page_index.PageIndex, "of", classmethod(failing))
    with pytest.raises(RuntimeError):
        extract_page("page.html", PAGE)
    assert gc.isenabled()
