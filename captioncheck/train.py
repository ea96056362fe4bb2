"""Fit the weights in rules/weights.json from hand-labelled pages.

    python -m captioncheck.train [--labels DIR]... [--corpus DIR] [--output FILE]

Needs scikit-learn (``pip install -e '.[train]'``); captioncheck itself never imports it. The
defaults read the labels in ../shared/labels and benchmarks/labels, the pages in ../shared/corpus,
and rewrite rules/weights.json: the same command reproduces the shipped weights.

Each page is read once into observations (extract.observe); the examples are:
- editorial: every image, positive when a label names it (its src_key is in the image's URLs);
- caption: every candidate text of a labelled image, positive when its caption text matches the
  label's caption by the scorer's rule (captioncheck.evaluate);
- credit: every credit form of those texts (the whole text, or the credit clause at its end),
  positive when it matches the label's credit.
Three logistic regressions, one per decision, over the named signals of extract.signals.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from captioncheck.engine.rules import builtin_rules
from captioncheck.evaluate import Label, caption_matches, credit_matches, fixture_labels, labels_in, match
from captioncheck.extract import ObservedPage, credits, decide_page, observe
from captioncheck.extract.page_index import Hints
from captioncheck.extract.signals import CREDIT_SIGNALS, IMAGE_SIGNALS, UNIT_SIGNALS, credit_signals
from captioncheck.extract.weights import Model, Weights
from captioncheck.model import Page
from captioncheck.parse import parse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = (ROOT.parent / "shared" / "labels", ROOT / "benchmarks" / "labels")
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUTPUT = ROOT / "rules" / "weights.json"
# The fixture pages' hand expectations train too: more markup families than the corpus labels.
DEFAULT_FIXTURES = ROOT / "fixtures" / "extract"
# Regularisation: smaller is smoother. Chosen once by leave-one-publisher-out (benchmarks/extract_cv.py).
STRENGTH = {"editorial": 1.0, "caption": 0.5, "credit": 0.5}


def _per_decision() -> dict[str, list]:
    return {"editorial": [], "caption": [], "credit": []}


@dataclass
class Examples:
    """Signals and answers for each decision, with the publisher of each example."""

    rows: dict[str, list[dict[str, float]]] = field(default_factory=lambda: _per_decision())
    answers: dict[str, list[int]] = field(default_factory=lambda: _per_decision())
    weights: dict[str, list[float]] = field(default_factory=lambda: _per_decision())
    # For the caption and credit decisions: which image each example is a candidate of, and
    # whether that image's label has a caption (credit) at all; the threshold is tuned on them.
    images: dict[str, list[str]] = field(default_factory=lambda: {"caption": [], "credit": []})
    labelled: dict[str, dict[str, bool]] = field(default_factory=lambda: {"caption": {}, "credit": {}})

    def add(self, decision: str, signals: dict[str, float], answer: bool, weight: float = 1.0,
            image: str | None = None) -> None:
        self.rows[decision].append(signals)
        self.answers[decision].append(int(answer))
        self.weights[decision].append(weight)
        if image is not None:
            self.images[decision].append(image)

    def extend(self, other: Examples) -> None:
        for decision in self.rows:
            self.rows[decision] += other.rows[decision]
            self.answers[decision] += other.answers[decision]
            self.weights[decision] += other.weights[decision]
        for decision in self.images:
            self.images[decision] += other.images[decision]
            self.labelled[decision].update(other.labelled[decision])


def read_page(label: Label) -> ObservedPage:
    data = label.data if label.data is not None else label.page.read_bytes()
    parsed = parse(data)
    if parsed.tree is None:
        return ObservedPage(str(label.page), None, None, None, None, parsed.errors, [])
    return observe(str(label.page), parsed.tree, parsed.errors, Hints.of(data))


def examples_of(label: Label, page: ObservedPage) -> Examples:
    """The training examples one labelled page gives."""
    found = Examples()
    candidates = [image for image in page.images if not image.gate]
    # Matching is by src_key over every image, as the scorer matches over editorial ones.
    hits = match(label.images, candidates)  # type: ignore[arg-type]  # Observed has src and srcset too
    named = {hit: want for want, hit in zip(label.images, hits, strict=True) if hit is not None}
    # A big gallery should not outweigh a page: each page's images weigh about as much as a few.
    weight = 1.0 / max(1.0, len(candidates) / 8) ** 0.5
    if label.publisher == EXAMPLES:
        weight *= 3  # a rule's own examples define the behaviour on a bare page: they must hold
    # Fixture pages are small hand-made pages with few of a real page's other pictures: they teach
    # captions and credits, not which pictures are the story's (measured: benchmarks/README.md).
    teaches_editorial = not label.publisher.startswith("fixture:")
    for n, image in enumerate(candidates):
        if teaches_editorial:
            found.add("editorial", image.signals, n in named, weight)
        want = named.get(n)
        if want is None:
            continue
        key = f"{label.path.stem}#{n}"
        # A fixture's expectation may leave a field out: then it says nothing about it.
        knows_caption, knows_credit = "caption" in want, "credit" in want
        if knows_caption:
            found.labelled["caption"][key] = bool(want.get("caption"))
        if knows_credit:
            found.labelled["credit"][key] = bool(want.get("credit"))
        for text in image.texts:
            if text.caption and knows_caption:
                right = bool(want.get("caption")) and caption_matches(want["caption"], text.caption)
                found.add("caption", text.signals, right, image=key)
            for credit, inline in ((text.credit, False), (text.inline, True)):
                if credit and knows_credit:
                    right = bool(want.get("credit")) and credit_matches(want["credit"], credits.tidy(credit))
                    found.add("credit", credit_signals(text.signals, credit, inline), right, image=key)
    return found


def fit(examples: Examples, about: str = "") -> Model:
    """Fit the three decisions' weights."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # pragma: no cover - the message is the point
        sys.exit("captioncheck.train needs scikit-learn: pip install -e '.[train]'")
    names = {"editorial": IMAGE_SIGNALS, "caption": UNIT_SIGNALS, "credit": CREDIT_SIGNALS}
    fitted = {}
    for decision, signal_names in names.items():
        rows = examples.rows[decision]
        answers = examples.answers[decision]
        if len(set(answers)) < 2:
            fitted[decision] = Weights(0.0, {})
            continue
        matrix = [[row.get(name, 0.0) for name in signal_names] for row in rows]
        regression = LogisticRegression(C=STRENGTH[decision], max_iter=5000)
        regression.fit(matrix, answers, sample_weight=examples.weights[decision])
        weights = {name: float(value) for name, value in zip(signal_names, regression.coef_[0], strict=True)
                   if abs(value) >= 1e-4}
        fitted[decision] = Weights(float(regression.intercept_[0]), weights)
    return Model(fitted["editorial"], fitted["caption"], fitted["credit"], about=about,
                 caption_threshold=_threshold(examples, "caption", fitted["caption"]),
                 credit_threshold=_threshold(examples, "credit", fitted["credit"]))


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def _threshold(examples: Examples, decision: str, weights: Weights) -> float:
    """The score the best candidate needs, chosen to get the most images right on the training
    pages: right is the matching text when the label has one, no text when it has none."""
    best: dict[str, tuple[float, int]] = {}
    for signals, answer, image in zip(examples.rows[decision], examples.answers[decision], examples.images[decision],
                                      strict=True):
        score = weights.score(signals)
        if image not in best or score > best[image][0]:
            best[image] = (score, answer)
    labelled = examples.labelled[decision]

    def right(threshold: float) -> int:
        count = 0
        for image, has_text in labelled.items():
            score, answer = best.get(image, (0.0, 0))
            chosen = score >= threshold
            count += (chosen and answer == 1) if has_text else not chosen
        return count

    return max(THRESHOLDS, key=lambda threshold: (right(threshold), -abs(threshold - 0.5)))


def collect(labels: list[Label]) -> list[tuple[Label, ObservedPage]]:
    return [(label, read_page(label)) for label in labels]


EXAMPLES = "rule examples"  # the publisher of the rules' example pages
_SRC = re.compile(r"""<(?:img|amp-img)\b[^>]*?\ssrc=["']([^"']+)["']""", re.IGNORECASE)


def example_labels() -> list[Label]:
    """The built-in rules' failing examples as labelled pages: every picture in them is an
    editorial photo (each rule says "this photo is wrong"), on a bare page with no story around
    it. They teach that a captioned figure on its own is a photo, whatever the page lacks."""
    found = []
    for rule in builtin_rules():
        if rule.check in ("input", "unused-suppression") or rule.across_pages:  # several pages, not one
            continue
        for number, example in enumerate(rule.fail_examples, 1):
            sources = [src for src in _SRC.findall(example.html) if not src.startswith("data:")]
            if sources:
                found.append(Label(Path(f"{rule.source}#fail-{number}"), Path(rule.source), EXAMPLES,
                                   tuple({"src_key": src} for src in dict.fromkeys(sources)), example.data))
    return found


def label_folders(given: list[Path] | None = None) -> list[Path]:
    """The label folders named, or else the default ones that exist."""
    return list(given) if given else [folder for folder in DEFAULT_LABELS if folder.is_dir()]


def extra_pages(fixtures: bool = True) -> list[tuple[Label, ObservedPage]]:
    """What is fitted on beside the corpus labels: the fixture pages (unless left out) and the
    rules' failing examples."""
    return collect((fixture_labels(DEFAULT_FIXTURES) if fixtures else []) + example_labels())


def held_out(pages: list[tuple[Label, ObservedPage]], extra: list[tuple[Label, ObservedPage]]
             ) -> Iterator[tuple[str, Label, Page]]:
    """Each labelled page decided with the weights fitted without its publisher (see `folds`),
    publisher by publisher."""
    for publisher, model in folds(pages, extra):
        for label, page in pages:
            if label.publisher == publisher:
                yield publisher, label, decide_page(page, model)


def folds(pages: list[tuple[Label, ObservedPage]], extra: list[tuple[Label, ObservedPage]]):
    """Leave one publisher out, in turn: yield each publisher of `pages` with the weights fitted on
    every other publisher's pages and on `extra` (fixture pages and rule examples), less the
    fixtures modelled on that publisher. Each page's examples are gathered once."""
    examples = {id(label): examples_of(label, page) for label, page in pages + extra}
    for publisher in sorted({label.publisher for label, _ in pages}):
        training = Examples()
        for label, _ in pages:
            if label.publisher != publisher:
                training.extend(examples[id(label)])
        for label, _ in extra:
            if not modelled_on(label, publisher):
                training.extend(examples[id(label)])
        yield publisher, fit(training)


def modelled_on(fixture: Label, publisher: str) -> bool:
    """Is this fixture page modelled on that publisher's markup? Its name says so
    ("dailyexample-2024" for dailyexample.co.uk): such a fixture stays out of a fit that leaves the
    publisher out, so that the figure measures markup the weights never saw. A name found inside a
    longer site name leaves that site's fit without it too: the test errs towards leaving out. A
    fixture drawn from several sites names them in its expectation's `modelled_on`."""
    if publisher in fixture.modelled_on:
        return True
    family = fixture.page.stem.split("-")[0]
    letters = "".join(char for char in publisher if char.isalpha())
    return len(family) >= 3 and family in letters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m captioncheck.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, action="append", help="a folder of label files (repeatable)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the folder of saved pages")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the weights")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES,
                        help="fixture pages with NAME.expect.yaml beside them, also fitted on")
    parser.add_argument("--no-fixtures", action="store_true",
                        help="leave the fixture pages out (the rules' examples are always fitted on)")
    args = parser.parse_args(argv)
    folders = label_folders(args.labels)
    labels = labels_in(folders, args.corpus)
    fixtures = [] if args.no_fixtures else fixture_labels(args.fixtures)
    examples_pages = example_labels()
    if not labels:
        print(f"no labelled pages found (labels: {', '.join(map(str, folders))}; corpus: {args.corpus})",
              file=sys.stderr)
        return 2
    examples = Examples()
    for label, page in collect(labels + fixtures + examples_pages):
        examples.extend(examples_of(label, page))
    publishers = len({label.publisher for label in labels})
    about = (f"fitted by python -m captioncheck.train on {len(labels)} labelled corpus pages of {publishers} "
             f"publishers, {len(fixtures)} fixture pages and {len(examples_pages)} rule examples")
    model = fit(examples, about)
    args.output.write_text(json.dumps(model.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    counts = ", ".join(f"{decision} {len(rows)} examples" for decision, rows in examples.rows.items())
    print(f"{about}: {counts}; wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
