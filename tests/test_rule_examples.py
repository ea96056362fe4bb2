"""Every rule's examples are tests: each `fail` page raises that rule, each `pass` page does not."""

from __future__ import annotations

import pytest

from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page
from captioncheck.rule_tools import example_findings

CASES = [
    pytest.param(rule, example, outcome, number, id=f"{rule.id}-{outcome}-{number}")
    for rule in builtin_rules()
    for outcome, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for number, example in enumerate(examples, 1)
]


@pytest.mark.parametrize(("rule", "example", "outcome", "number"), CASES)
def test_rule_example(rule, example, outcome, number):
    # The runner `captioncheck rules test DIR` uses for a newsroom's own rule folders.
    findings, raised = example_findings(rule, example, builtin_rules())
    if outcome == "fail":
        assert findings, f"{rule.id} should fail on: {example.html}"
        assert rule.check == "unused-suppression" or len(findings) == raised
    else:
        assert not findings, f"{rule.id} should pass: {[f.message for f in findings]}"


def test_every_rule_has_both_kinds_of_example():
    for rule in builtin_rules():
        assert rule.fail_examples and rule.pass_examples, rule.id


def _agency_form_messages(html: str) -> list[str]:
    [rule] = [rule for rule in builtin_rules() if rule.check == "agency-form"]
    page = extract_page("example.html", html.encode("utf-8"))
    return [finding.message for finding in lint_page(page, RuleSet(((rule, rule.severity),))).findings]


def test_agency_form_suggestion_uses_the_photographer_when_known():
    story = "<p>" + "Crews worked through the night to clear the road after the storm. " * 6 + "</p>"
    figure = '<figure><img src="/a.jpg" alt=""><figcaption>Troops on parade in Tirana. {}</figcaption></figure>'
    named = _agency_form_messages(f"<article>{story}{figure.format('(Florion Goga - Reuters/File)')}</article>")
    assert named == ["credit 'Florion Goga - Reuters/File' is not in the form Reuters asks for: REUTERS/Florion Goga"]
    # the structured data's creator, when the credit gives no name; an agency there is no photographer
    ld = ('<script type="application/ld+json">{{"@type": "ImageObject", "contentUrl": "/a.jpg", '
          '"creator": {{"@type": "Person", "name": "{}"}}}}</script>')
    for creator, expected in (("Florion Goga", "REUTERS/Florion Goga"),
                              ("Reuters", "REUTERS/Jane Doe, or Source/Handout via REUTERS")):
        html = f"<head>{ld.format(creator)}</head><article>{story}{figure.format('(Reuters)')}</article>"
        assert _agency_form_messages(html) == [f"credit 'Reuters' is not in the form Reuters asks for: {expected}"]
    upper = _agency_form_messages(f"<article>{story}{figure.format('Photo: Ana Lima - EPA/File')}</article>")
    assert upper == ["credit 'Ana Lima - EPA/File' is not in the form EPA-EFE asks for: EPA-EFE/ANA LIMA"]
