"""CC301 quotes the instructions as the page prints them, not only their codes."""

from __future__ import annotations

from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.checks import printed_words
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page

CC301 = next(rule for rule in builtin_rules() if rule.id == "CC301")


def findings(html: str):
    page = extract_page("page.html", html.encode())
    return lint_page(page, RuleSet(((CC301, CC301.severity),))).findings


def test_message_quotes_the_printed_words_and_names_the_codes():
    [finding] = findings('<figure><img src="/a.jpg" alt=""><figcaption>Smoke rises above the steelworks. '
                         "(CITY COUNCIL/via REUTERS MANDATORY CREDIT. NO RESALES.)</figcaption></figure>")
    assert finding.message == ('agency handling instructions are published in the caption: '
                               '"MANDATORY CREDIT. NO RESALES." (MANDATORY_CREDIT, NO_RESALES)')
    assert finding.evidence == "MANDATORY CREDIT; NO RESALES"  # unchanged: baselines fingerprint it


def test_words_from_two_fields_are_quoted_once_in_order():
    [finding] = findings('<figure><img src="/a.jpg" alt="Ministers at the summit. EDITORIAL USE ONLY" '
                         'title="EDITORIAL USE ONLY. NO SALES"><figcaption>Ministers at the summit.'
                         "</figcaption></figure>")
    assert '"EDITORIAL USE ONLY. NO SALES."' in finding.message
    assert "in the alt, title:" in finding.message


def test_printed_words_keep_their_own_stop():
    assert printed_words(["EMBARGOED UNTIL 0001 GMT", "NO ARCHIVES", "NO ARCHIVES", "Mandatory Credit:"]) == (
        "EMBARGOED UNTIL 0001 GMT. NO ARCHIVES. Mandatory Credit:")


PLAYER = ('<article><h1>Glacier retreat</h1><p>{story}</p><div class="video-player">'
          '<img src="/video/flyover-poster.jpg" alt="" title="{title}" width="1280" height="720"></div>'
          "<p>{story}</p></article>").replace("{story}", "The glacier lost more ice this summer than in any year "
                                                        "since measurements began, the survey office said. " * 2)


def test_a_video_posters_title_tooltip_is_published_text():
    [finding] = findings(PLAYER.replace("{title}", "Drone flight. EDITORIAL USE ONLY - NO SALES"))
    page = extract_page("page.html", PLAYER.replace("{title}", "x").encode())
    assert page.images[0].kind == "decorative"  # a poster: no story photo, yet its tooltip is printed
    assert finding.image_number is None and '"EDITORIAL USE ONLY. NO SALES."' in finding.message


def test_a_decorative_images_alt_is_not_searched():
    assert findings(PLAYER.replace('alt=""', 'alt="EDITORIAL USE ONLY"').replace("{title}", "Drone flight")) == []
