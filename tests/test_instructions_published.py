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
