"""CC202: a credit readers cannot see is an error, and its message says where it is hidden."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from captioncheck.cli import main
from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page

CC202 = next(rule for rule in builtin_rules() if rule.id == "CC202")
LD = ('<script type="application/ld+json">{"@type":"ImageObject","url":"https://example.com/a.jpg",'
      '"creditText":"REUTERS/Eva Manez"}</script>')


def messages(html: str) -> list[str]:
    page = extract_page("page.html", html.encode())
    return [(f.severity, f.message) for f in lint_page(page, RuleSet(((CC202, CC202.severity),))).findings]


def test_a_hidden_credit_is_an_error_by_default():
    assert CC202.severity == "error"


@pytest.mark.parametrize(("html", "where"), [
    ('<figure><img src="https://example.com/a.jpg" alt="Flooded streets. (Photo by Eva Manez/Getty Images)">'
     "</figure>", "only in the alt text,"),
    ('<figure><img src="https://example.com/a.jpg" alt="A flooded street" title="Photo: Eva Manez/AFP">'
     "<figcaption>Flooded streets in Valencia.</figcaption></figure>", "only in the title tooltip,"),
    (LD + '<figure><img src="https://example.com/a.jpg" alt="A flooded street"><figcaption>Flooded streets '
     "in Valencia on Wednesday.</figcaption></figure>", "only in the page's structured data,"),
])
def test_message_says_where_the_credit_is_hidden_in_plain_words(html, where):
    [(severity, message)] = messages(html)
    assert severity == "error"
    assert f"the credit is {where} readers do not see it" in message
    assert "only in the structured," not in message and "only in the alt," not in message


def test_a_visible_credit_is_no_finding():
    assert messages(LD + '<figure><img src="https://example.com/a.jpg" alt=""><figcaption>Flooded streets in '
                         "Valencia on Wednesday. REUTERS/Eva Manez</figcaption></figure>") == []


def test_explain_says_why_it_is_an_error():
    result = CliRunner().invoke(main, ["explain", "CC202"])
    assert result.exit_code == 0
    assert "CC202 credit-not-visible (error" in result.stdout
    assert "visible credit beside the photo" in " ".join(result.stdout.split())
