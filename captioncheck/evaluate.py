"""Score extraction against hand labels of real pages (the labelling guide: ../shared/labels/README.md).

A label file names a page and its editorial images, each by ``src_key``, a substring of its URLs,
with the caption and credit a reader sees. Scoring follows the shared scorer's rules: a labelled
image is matched to the first unmatched extracted editorial image whose URLs hold its key; a
caption counts when it is near-equal after normalising, a credit when it is equal after its label
is dropped, or one holds nearly all of the other. Training (``captioncheck.train``) aligns its
examples by the same rules, so the weights learn what the figures measure.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from captioncheck.model import Image, Page

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_EDGES = " ()[]|.,;:-–—"
_CREDIT_LABEL = re.compile(r"^(photo|photos|credit|image|images|foto|fotos|bild|picture|pictured|image copyright|"
                           r"copyright)\s*[:|]\s*")


def norm(text: str | None) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(_ZERO_WIDTH).lower()
    return re.sub(r"\s+", " ", text).strip().strip(_EDGES)


def norm_credit(text: str | None) -> str:
    return _CREDIT_LABEL.sub("", norm(text)).strip(_EDGES + "©")


def caption_matches(label: str | None, got: str | None, cutoff: float = 0.9) -> bool:
    a, b = norm(label), norm(got)
    if a == b:
        return True
    if not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def credit_matches(label: str | None, got: str | None) -> bool:
    a, b = norm_credit(label), norm_credit(got)
    if a == b:
        return True
    if not a or not b:
        return False
    return (a in b and len(a) >= 0.8 * len(b)) or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


@dataclass(frozen=True)
class Label:
    """One labelled page."""

    path: Path  # the label file
    page: Path  # the saved page it describes
    publisher: str
    images: tuple[dict, ...]
    data: bytes | None = None  # the page itself, when it is not a file (a rule's example)
    # For a fixture page: the sites whose markup it was modelled on (its expectation's `modelled_on`),
    # kept out of a fit that leaves one of them out.
    modelled_on: tuple[str, ...] = ()


def labels_in(label_dirs: list[Path], corpus: Path) -> list[Label]:
    """Every label of these folders whose page is in the corpus, sorted by file name.

    A label ``SOURCE__NAME.json`` is the page ``corpus/SOURCE/NAME.html``.
    """
    found = []
    for folder in label_dirs:
        for path in sorted(Path(folder).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            source, _, name = path.stem.partition("__")
            page = corpus / source / f"{name}.html"
            if not page.exists():
                continue
            found.append(Label(path, page, publisher_of(data, path.stem), tuple(data.get("images") or ())))
    return sorted(found, key=lambda label: label.path.name)


def publisher_of(data: dict, stem: str) -> str:
    """The publisher a label belongs to, for leaving whole publishers out of a fit."""
    name = str(data.get("publisher") or "").lower().removeprefix("www.")
    if name:
        return name
    if stem.startswith("fundus__"):  # fundus__CC__Publisher_YYYY_MM_DD
        return re.sub(r"_\d{4}_\d{2}_\d{2}$", "", stem.removeprefix("fundus__")).lower()
    return stem


def image_urls(image: Image) -> str:
    return " ".join(filter(None, (image.src, *image.srcset)))


def match(wanted: tuple[dict, ...], images: list[Image]) -> list[int | None]:
    """For each labelled image, the index in `images` of the image it matches, or None."""
    used: set[int] = set()
    matched: list[int | None] = []
    for want in wanted:
        hit = next((n for n, image in enumerate(images) if n not in used and want["src_key"] in image_urls(image)),
                   None)
        if hit is not None:
            used.add(hit)
        matched.append(hit)
    return matched


@dataclass
class Score:
    """Counts over a set of pages; the figures are computed from them."""

    labels: int = 0
    extracted: int = 0
    matched: int = 0
    captions: int = 0
    captions_right: int = 0
    credits: int = 0
    credits_right: int = 0
    restrictions: int = 0
    restrictions_right: int = 0
    misses: list[str] = field(default_factory=list)  # what went wrong, one line each, for --verbose

    def add(self, other: Score) -> None:
        for name in ("labels", "extracted", "matched", "captions", "captions_right", "credits", "credits_right",
                     "restrictions", "restrictions_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def image_precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def image_recall(self) -> float:
        return self.matched / self.labels if self.labels else 1.0

    @property
    def image_f1(self) -> float:
        p, r = self.image_precision, self.image_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def caption_share(self) -> float:
        return self.captions_right / self.captions if self.captions else 1.0

    @property
    def credit_share(self) -> float:
        return self.credits_right / self.credits if self.credits else 1.0

    def line(self) -> str:
        return (f"image_f1={self.image_f1:.3f} (precision {self.image_precision:.3f}, recall {self.image_recall:.3f}) "
                f"captions={self.captions_right}/{self.captions} ({self.caption_share:.1%}) "
                f"credits={self.credits_right}/{self.credits} ({self.credit_share:.1%}) "
                f"restrictions={self.restrictions_right}/{self.restrictions}")


def score_page(label: Label, page: Page) -> Score:
    """How one page's extraction agrees with its label."""
    editorial = list(page.editorial)
    score = Score(labels=len(label.images), extracted=len(editorial))
    name = label.path.stem
    hits = match(label.images, editorial)
    for want, hit in zip(label.images, hits, strict=True):
        key = want["src_key"]
        if want.get("caption"):
            score.captions += 1
        if want.get("credit"):
            score.credits += 1
        if want.get("restrictions"):
            score.restrictions += 1
        if hit is None:
            score.misses.append(f"{name}: missed image {key}")
            continue
        score.matched += 1
        got = editorial[hit]
        if want.get("caption"):
            if caption_matches(want["caption"], got.caption):
                score.captions_right += 1
            else:
                score.misses.append(f"{name}: caption of {key}: want {want['caption']!r} got {got.caption!r}")
        if want.get("credit"):
            if credit_matches(want["credit"], got.credit):
                score.credits_right += 1
            else:
                score.misses.append(f"{name}: credit of {key}: want {want['credit']!r} got {got.credit!r}")
        if want.get("restrictions"):
            codes = {restriction.code for restriction in got.restrictions}
            named = set(want["restrictions"]) - {"OTHER"}
            other_ok = "OTHER" not in want["restrictions"] or bool(codes - named)
            score.restrictions_right += named <= codes and other_ok
    used = set(hits)
    for n, image in enumerate(editorial):
        if n not in used:
            score.misses.append(f"{name}: extra image {str(image.src)[:100]}")
    return score


def fixture_labels(folder: Path) -> list[Label]:
    """The hand expectations of the fixture pages (``NAME.expect.yaml`` beside ``NAME.html``) as
    labels, each page a publisher of its own. Images whose caption or credit the expectation
    leaves out are only labelled for what it states."""
    import yaml

    found = []
    for page in sorted(Path(folder).glob("*.html")):
        expect = page.with_suffix(".expect.yaml")
        if not expect.exists():
            continue
        data = yaml.safe_load(expect.read_text(encoding="utf-8")) or {}
        images = []
        for image in data.get("editorial") or ():
            label = {"src_key": image["src"]}
            for name in ("alt", "caption", "credit", "restrictions"):
                if name in image:
                    label[name] = image[name]
            images.append(label)
        found.append(Label(expect, page, f"fixture:{page.stem}", tuple(images),
                           modelled_on=tuple(str(site).lower() for site in data.get("modelled_on") or ())))
    return found
