"""Do lint's findings agree with the hand labels? CC201 (credit missing) and CC101 (alt repeats
the caption), precision and recall, on publishers left out of the fit and with the shipped fit.

    python benchmarks/rules_cv.py [CORPUS_DIR] [--labels DIR]... [--verbose] [--floor X]...

A finding counts for the labelled image whose src_key is in its image's URLs; a finding on an
image no label calls editorial is a false alarm (the shared rules_eval.py's rule). Truth: CC201
for a labelled image with no credit, visible or hidden; CC101 for one labelled alt_equals_caption.
Leave-one-publisher-out fits the weights without the page's publisher (benchmarks/extract_cv.py);
"shipped" uses rules/weights.json. ``--floor 0.6`` (repeatable) scores CC201 again with that
editorial confidence floor in place of its rule's ``min_confidence``, on the same fits: the trade
between false alarms and misses; with two floors or more, also each publisher scored at the floor
that does best on the other publishers (a floor chosen on the figures it is judged by flatters
it). Skips cleanly when the corpus or the labels are absent.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.extract_cv import labelled, labels_parser  # noqa: E402
from captioncheck import train  # noqa: E402
from captioncheck.engine import RuleSet, lint_page  # noqa: E402
from captioncheck.engine.rules import builtin_rules  # noqa: E402
from captioncheck.evaluate import image_urls  # noqa: E402
from captioncheck.extract import decide_page  # noqa: E402

RULES = {
    "CC201": lambda want: not want.get("credit") and not want.get("credit_anywhere"),
    "CC101": lambda want: want.get("duplicate") == "alt_equals_caption",
}


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Count) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def line(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return f"P={precision:.2f} R={recall:.2f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def score(label, page, ruleset: RuleSet, counts: dict[str, Count], verbose: bool, at: str = "") -> None:
    findings = lint_page(page, ruleset).findings
    for rule_id, truth in RULES.items():
        flagged = set()
        for finding in findings:
            if finding.rule_id != rule_id or finding.image_index is None:
                continue
            urls = image_urls(page.images[finding.image_index])
            hit = next((n for n, want in enumerate(label.images) if want["src_key"] in urls), None)
            if hit is None:
                counts[rule_id].fp += 1
                if verbose:
                    print(f"  {at}{label.path.stem[:50]} {rule_id} on an image no label calls editorial: {urls[:80]}")
                continue
            flagged.add(hit)
        wanted = {n for n, want in enumerate(label.images) if truth(want)}
        counts[rule_id].tp += len(flagged & wanted)
        counts[rule_id].fp += len(flagged - wanted)
        counts[rule_id].fn += len(wanted - flagged)
        if verbose:
            for n in sorted(flagged - wanted):
                print(f"  {at}{label.path.stem[:50]} {rule_id} false alarm on {label.images[n]['src_key']}")
            for n in sorted(wanted - flagged):
                print(f"  {at}{label.path.stem[:50]} {rule_id} missed on {label.images[n]['src_key']}")


def main() -> int:
    parser = labels_parser(__doc__)
    parser.add_argument("--floor", type=float, action="append", default=[],
                        help="also score CC201 at this confidence floor, 0.5 (lint's own) or more (repeatable)")
    args = parser.parse_args()
    labels = labelled(args)
    if labels is None:
        return 0
    ruleset = RuleSet(tuple((rule, rule.severity) for rule in builtin_rules() if rule.id in RULES))
    floors = {floor: _with_floor(ruleset, floor) for floor in args.floor}
    pages = train.collect(labels)
    held_out = {rule_id: Count() for rule_id in RULES}
    at_floor = {floor: {rule_id: Count() for rule_id in RULES} for floor in floors}
    by_publisher: dict[float, dict[str, Count]] = {floor: {} for floor in floors}  # CC201's counts
    for publisher, label, page in train.held_out(pages, train.extra_pages()):
        score(label, page, ruleset, held_out, args.verbose)
        for floor, floored in floors.items():
            mine = {rule_id: Count() for rule_id in RULES}
            score(label, page, floored, mine, args.verbose, at=f"[floor {floor:g}] ")
            for rule_id, count in mine.items():
                at_floor[floor][rule_id].add(count)
            by_publisher[floor].setdefault(publisher, Count()).add(mine["CC201"])
    shipped = {rule_id: Count() for rule_id in RULES}
    for label, page in pages:
        score(label, decide_page(page), ruleset, shipped, verbose=False)
    print(f"labelled pages: {len(pages)}")
    for rule_id in RULES:
        print(f"{rule_id} leave-one-publisher-out: {held_out[rule_id].line()}   shipped weights: "
              f"{shipped[rule_id].line()}")
    for floor in floors:
        print(f"CC201 leave-one-publisher-out at floor {floor:g}: {at_floor[floor]['CC201'].line()}")
    if len(floors) > 1:
        nested, chosen = _nested(by_publisher)
        print(f"CC201 with the floor chosen without the publisher scored (best F1 on the others): {nested.line()}; "
              f"floors chosen: {', '.join(f'{floor:g} x{n}' for floor, n in sorted(chosen.items()))}")
    return 0


def _nested(by_publisher: dict[float, dict[str, Count]]) -> tuple[Count, dict[float, int]]:
    """Each publisher scored at the floor that does best (F1, then the higher floor) on all the
    other publishers' held-out pages: a floor chosen on the figures it is judged by flatters it."""
    total, chosen = Count(), {}
    publishers = sorted(next(iter(by_publisher.values())))
    for publisher in publishers:
        floor = max(by_publisher, key=lambda floor: (_f1_without(by_publisher[floor], publisher), floor))
        chosen[floor] = chosen.get(floor, 0) + 1
        total.add(by_publisher[floor][publisher])
    return total, chosen


def _f1_without(counts: dict[str, Count], publisher: str) -> float:
    others = Count()
    for name, count in counts.items():
        if name != publisher:
            others.add(count)
    return others.f1()


def _with_floor(ruleset: RuleSet, floor: float) -> RuleSet:
    """The rule set with CC201 asking for `floor` editorial confidence (lint's own floor stays lower)."""
    return RuleSet(tuple((dataclasses.replace(rule, params={**rule.params, "min_confidence": floor})
                          if rule.id == "CC201" else rule, level) for rule, level in ruleset.rules))


if __name__ == "__main__":
    sys.exit(main())
