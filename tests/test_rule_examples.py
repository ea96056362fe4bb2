"""Every rule's examples are tests: each `fail` page raises that rule, each `pass` page does not."""

from __future__ import annotations

import pytest

from captioncheck.engine import RuleSet, lint_page
from captioncheck.engine.rules import builtin_rules
from captioncheck.extract import extract_page

CASES = [
    pytest.param(rule, example, outcome, id=f"{rule.id}-{outcome}-{number}")
    for rule in builtin_rules()
    for outcome, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for number, example in enumerate(examples, 1)
]


@pytest.mark.parametrize(("rule", "example", "outcome"), CASES)
def test_rule_example(rule, example, outcome):
    page = extract_page("example.html", example.data)
    findings = lint_page(page, RuleSet(((rule, rule.severity),)), example.context)
    if outcome == "fail":
        assert findings, f"{rule.id} should fail on: {example.html}"
        assert {finding.rule_id for finding in findings} == {rule.id}
    else:
        assert not findings, f"{rule.id} should pass: {[f.message for f in findings]}"


def test_every_rule_has_both_kinds_of_example():
    for rule in builtin_rules():
        assert rule.fail_examples and rule.pass_examples, rule.id
