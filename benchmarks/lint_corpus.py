"""Lint over the shared corpus of real saved pages: speed against the parse floor, findings per rule.

    python benchmarks/lint_corpus.py [CORPUS_DIR] [--repeat N] [--context C] [--samples RULE]

Times plain ``lxml.html.document_fromstring`` over the same bytes (the floor) and a full lint
(extraction plus every built-in rule), prints pages/s, their ratio (the budget: at most 5, aim 3) and the
number of findings per rule, so that noisy rules show up. ``--samples CC101`` prints up to 15
findings of that rule with their evidence, to read them by eye. Skips cleanly when the corpus is
absent.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from captioncheck.engine import lint_page, select_rules
from captioncheck.engine.rules import load_rules
from captioncheck.extract import extract_page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_corpus import absent, best_of, corpus_parser, load, parse_floor  # noqa: E402


def main() -> int:
    parser = corpus_parser(__doc__)
    parser.add_argument("--context")
    parser.add_argument("--samples", metavar="RULE", help="print findings of this rule id")
    args = parser.parse_args()
    if absent(args.corpus):
        return 0
    pages = load(args.corpus)
    rules = load_rules()
    ruleset = select_rules(rules)
    findings = []

    def lint_all():
        findings[:] = [finding for name, data in pages
                       for finding in lint_page(extract_page(name, data), ruleset, args.context).findings]

    floor = best_of(args.repeat, lambda: parse_floor(pages))
    full = best_of(args.repeat, lint_all)
    print(f"pages: {len(pages)}")
    print(f"lxml parse floor: {floor:.2f} s, {len(pages) / floor:.0f} pages/s")
    print(f"captioncheck lint: {full:.2f} s, {len(pages) / full:.0f} pages/s")
    print(f"ratio to the parse floor: {full / floor:.2f} (budget <= 5, aim 3)")
    per_rule = Counter(finding.rule_id for finding in findings)
    pages_per_rule = Counter(rule for rule, _ in {(f.rule_id, f.path) for f in findings})
    print(f"\n{'rule':6s} {'name':30s} {'severity':8s} {'findings':>8s} {'pages':>6s}")
    for rule in rules:
        print(f"{rule.id:6s} {rule.name:30s} {rule.severity:8s} {per_rule[rule.id]:8d} {pages_per_rule[rule.id]:6d}")
    if args.samples:
        print(f"\nsamples of {args.samples}:")
        for finding in [f for f in findings if f.rule_id == args.samples][:15]:
            print(f"  {finding.path}:{finding.line}: {finding.message}\n      evidence: {finding.evidence!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
