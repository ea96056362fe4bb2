"""The fitted weights of the three decisions, read from ``rules/weights.json``.

Each decision (is this image editorial; is this text its caption; is it its credit) is a
logistic score: a bias plus the sum of weight x signal, squashed to 0..1. The weights are fitted
on hand-labelled pages by ``python -m captioncheck.train`` (scikit-learn, an optional extra);
reading and applying them needs nothing but the standard library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from captioncheck.vocab import read_builtin

DECISIONS = ("editorial", "caption", "credit")


@dataclass(frozen=True)
class Weights:
    """One decision's bias and signal weights."""

    bias: float
    weights: dict[str, float] = field(default_factory=dict)

    def logit(self, signals: dict[str, float]) -> float:
        get = self.weights.get
        total = 0.0  # summed before the bias is added, in the signals' order: the same float every time
        for name, value in signals.items():
            weight = get(name)
            if weight is not None:
                total += weight * value
        return self.bias + total

    def score(self, signals: dict[str, float]) -> float:
        return _sigmoid(self.logit(signals))

    def contributions(self, signals: dict[str, float]) -> list[tuple[str, float]]:
        """Each present signal's share of the logit, largest first (by size)."""
        return _largest_first(self._parts(signals))

    def weigh(self, signals: dict[str, float]) -> tuple[float, list[tuple[str, float]]]:
        """``score`` and ``contributions`` in one pass over the signals."""
        parts = self._parts(signals)
        total = 0.0  # in the signals' order, as ``logit`` sums: the same float (a zero part adds nothing)
        for _, part in parts:
            total += part
        return _sigmoid(self.bias + total), _largest_first(parts)

    def _parts(self, signals: dict[str, float]) -> list[tuple[str, float]]:
        get = self.weights.get
        return [(name, part) for name, value in signals.items()
                if (weight := get(name)) is not None and (part := weight * value)]


def _largest_first(parts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    # Sorted as plain tuples (largest size first, then by name): no key function called per part.
    ranked = sorted([(-abs(part), name, part) for name, part in parts])
    return [(name, part) for _, name, part in ranked]


@dataclass(frozen=True)
class Model:
    """The weights of every decision, and the score an image needs to count as editorial."""

    editorial: Weights
    caption: Weights
    credit: Weights
    threshold: float = 0.5
    # The score the best candidate text needs to be taken as the caption, as the credit.
    caption_threshold: float = 0.5
    credit_threshold: float = 0.5
    about: str = ""  # how the weights were fitted: labels, pages, command

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        def weights(name: str) -> Weights:
            part = data[name]
            return Weights(float(part["bias"]), {key: float(value) for key, value in part["weights"].items()})

        return cls(*(weights(name) for name in DECISIONS), threshold=float(data.get("threshold", 0.5)),
                   caption_threshold=float(data.get("caption_threshold", 0.5)),
                   credit_threshold=float(data.get("credit_threshold", 0.5)), about=str(data.get("about", "")))

    def to_dict(self) -> dict:
        out: dict = {"about": self.about, "threshold": self.threshold, "caption_threshold": self.caption_threshold,
                     "credit_threshold": self.credit_threshold}
        for name in DECISIONS:
            part: Weights = getattr(self, name)
            out[name] = {"bias": round(part.bias, 6),
                         "weights": {key: round(value, 6) for key, value in sorted(part.weights.items())}}
        return out


def logit_of(probability: float) -> float:
    """The logit a score needs to reach `probability`."""
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log(probability / (1 - probability))


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@lru_cache(maxsize=1)
def builtin() -> Model:
    """The weights that ship with captioncheck."""
    return Model.from_dict(json.loads(read_builtin("weights.json")))


def read(path: str | Path) -> Model:
    return Model.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
