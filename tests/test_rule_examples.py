"""Every rule's examples are tests: each `fail` page raises that rule, each `pass` page does not."""

from __future__ import annotations

import pytest
import yaml

from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page
from captioncheck.sources import ArchivedAssets
from captioncheck.sources.assets import asset_key
from tests.helpers import ROOT
from tests.jpeg_metadata import jpeg_from_example

CASES = [
    pytest.param(rule, example, outcome, number, id=f"{rule.id}-{outcome}-{number}")
    for rule in builtin_rules()
    for outcome, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for number, example in enumerate(examples, 1)
]


def example_assets(rule, outcome: str, number: int) -> ArchivedAssets | None:
    """The image files an example page carries (its ``files:``, for rules on embedded metadata),
    as small JPEGs with that IPTC data. The loaded Rule keeps only the HTML, so read the rule file."""
    item = yaml.safe_load((ROOT / rule.source).read_text(encoding="utf-8"))["examples"][outcome][number - 1]
    files = item.get("files") if isinstance(item, dict) else None
    if not files:
        return None
    made = {asset_key(url): jpeg_from_example(spec) for url, spec in files.items()}
    return ArchivedAssets({key: (lambda data=data: data) for key, data in made.items()}, None)


@pytest.mark.parametrize(("rule", "example", "outcome", "number"), CASES)
def test_rule_example(rule, example, outcome, number):
    page = extract_page("example.html", example.data, assets=example_assets(rule, outcome, number))
    # An unused suppression shows only against the rules it names, so that rule runs with all others.
    rules = builtin_rules() if rule.check == "unused-suppression" else (rule,)
    result = lint_page(page, RuleSet(tuple((r, r.severity) for r in rules)), example.context,
                       report_unused=example.unused)
    findings = [finding for finding in result.findings if finding.rule_id == rule.id]
    if outcome == "fail":
        assert findings, f"{rule.id} should fail on: {example.html}"
        assert len(rules) > 1 or len(findings) == len(result.findings)
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
