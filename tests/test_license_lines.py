"""An element named for a license is the picture's credit unless its text offers a license."""

from __future__ import annotations

import pytest
from lxml import html

from captioncheck.extract import markup
from captioncheck.extract.captions import role


def _element(markup_text: str):
    return html.fragment_fromstring(markup_text)


@pytest.mark.parametrize("text", ["Purchase Licensing Rights", "License this photo", "Content Licensing",
                                  "Buy a licence"])
def test_a_license_element_that_offers_a_license_is_interface_text(text):
    element = _element(f'<a class="collapsible-caption__license" href="/licensing">{text}</a>')
    assert markup.offers_license(element) and markup.is_chrome(element)
    assert role(element) is None


@pytest.mark.parametrize("text", ["Jane Doe, CC-BY 4.0", "– Midjourney", "Name/Unsplash-Lizenz", "CC-BY-SA 2.0"])
def test_a_license_line_is_a_credit(text):
    element = _element(f'<span class="media-license-caption">{text}</span>')
    assert not markup.offers_license(element) and not markup.is_chrome(element)
    assert role(element) == "credit"


def test_other_elements_are_not_read_for_licenses():
    element = _element('<span class="caption">Purchase Licensing Rights</span>')
    assert not markup.offers_license(element)
    assert role(element) == "caption"
