"""Rules as data for programs (`captioncheck rules --format json`) and a rule folder's own examples
run as tests (`captioncheck rules test DIR`), the same way the test suite runs the built-in rules'."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from captioncheck.engine import DEFAULT_MIN_CONFIDENCE, RuleSet, lint_page
from captioncheck.engine.across import run as run_across
from captioncheck.engine.keys import page_keys
from captioncheck.engine.rules import Example, Rule, RuleFileError, builtin_folder, builtin_rules, load_rules
from captioncheck.extract import extract_page
from captioncheck.jpeg_metadata import jpeg_from_example
from captioncheck.limits import DEFAULT as DEFAULT_LIMITS
from captioncheck.limits import Limits
from captioncheck.report import Finding
from captioncheck.sources import ArchivedAssets
from captioncheck.sources.assets import asset_key


def rule_entry(rule: Rule, severity: str) -> dict:
    """One rule for `rules --format json`; `contexts` only for rules that apply in some contexts only."""
    entry = {"id": rule.id, "name": rule.name, "severity": severity, "summary": rule.summary, "check": rule.check,
             "params": rule.params}
    if rule.contexts:
        entry["contexts"] = list(rule.contexts)
    return entry


def example_assets(example: Example) -> ArchivedAssets | None:
    """The image files an example page carries (its ``files:``), as small JPEGs with that IPTC data."""
    if not example.files:
        return None
    made = {asset_key(url): jpeg_from_example(spec) for url, spec in example.files.items()}
    return ArchivedAssets({key: (lambda data=data: data) for key, data in made.items()}, None)


def example_findings(rule: Rule, example: Example, all_rules: tuple[Rule, ...]) -> tuple[list[Finding], int]:
    """The findings `rule` raises on its example page, and how many findings all the rules run raised."""
    if rule.across_pages:
        return _across_findings(rule, example)
    limits = Limits(max_images=example.max_images) if example.max_images else DEFAULT_LIMITS
    page = extract_page("example.html", example.data, assets=example_assets(example), limits=limits)
    # An unused suppression shows only against the rules it names, so that rule runs with all others.
    rules = all_rules if rule.check == "unused-suppression" else (rule,)
    result = lint_page(page, RuleSet(tuple((r, r.severity) for r in rules)), example.context,
                       report_unused=example.unused)
    return [finding for finding in result.findings if finding.rule_id == rule.id], len(result.findings)


def _across_findings(rule: Rule, example: Example) -> tuple[list[Finding], int]:
    """A rule across pages on its example's pages (example-1.html, ...), checked as one run."""
    keys = []
    for number, html in enumerate(example.pages or (example.html,), 1):
        page = extract_page(f"example-{number}.html", html.encode(example.encoding))
        keys += page_keys(page, {}, DEFAULT_MIN_CONFIDENCE)
    found = run_across(keys, RuleSet(((rule, rule.severity),)), example.context, lambda path: ()).findings
    return found, len(found)


@dataclass(frozen=True)
class Misbehaving:
    rule: Rule
    outcome: str  # "fail" or "pass": what the example should do
    number: int  # 1-based, in the rule file's order
    example: Example
    findings: tuple[Finding, ...]

    def describe(self) -> str:
        html = " ".join(self.example.html.split())
        html = html if len(html) <= 100 else html[:99] + "…"
        context = f" [context: {self.example.context}]" if self.example.context else ""
        if self.outcome == "fail":
            what = "should fail but raised nothing"
        else:
            what = "should pass but raised: " + "; ".join(finding.message for finding in self.findings)
        return f"{self.rule.source}: {self.rule.id} {self.outcome} example {self.number} {what}: {html}{context}"


def rule_folder_examples(folder: str) -> tuple[int, list[Misbehaving]]:
    """Run every example of the rule files in `folder`: how many ran, and those that do not behave.
    Raises RuleFileError for a folder with no rule files or a rule file that cannot be used."""
    path = Path(folder)
    if not path.is_dir():
        raise RuleFileError(f"{folder}: no such rules folder")
    if not any(path.glob("*.y*ml")):
        raise RuleFileError(f"{folder}: no rule files (*.yaml) in this folder")
    all_rules = load_rules((folder,))
    if path.resolve() == builtin_folder().resolve():
        own = list(builtin_rules())  # the built-in folder itself: its rules are the built-in ones
    else:
        own = [rule for rule in all_rules if Path(rule.source).parent == path]
    ran, bad = 0, []
    for rule in sorted(own, key=lambda rule: (rule.source, rule.id)):
        for outcome, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
            for number, example in enumerate(examples, 1):
                ran += 1
                findings, _ = example_findings(rule, example, all_rules)
                if bool(findings) != (outcome == "fail"):
                    bad.append(Misbehaving(rule, outcome, number, example, tuple(findings)))
    return ran, bad
