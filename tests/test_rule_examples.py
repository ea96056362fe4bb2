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
