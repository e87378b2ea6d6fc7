"""Run time of the event classifier: load the shipped model file and score texts.

The model is two logistic regressions over one TF-IDF vocabulary (trained by
``tools/train_classifier.py``, format in docs/classifier.md): an event head (is this a political
event?) and a type head (which of the 16 PLOVER types, given that it is one). Scoring needs
numpy and ``text_features`` only: no scikit-learn, no pickle.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventdesk.classify.features import (
    FeatureSpec,
    feature_fingerprint,
    spec_from_dict,
    text_features,
)
from eventdesk.errors import EventdeskError

MODEL_FORMAT = "eventdesk-event-classifier/1"
MODEL_FILE = "event_classifier.json.gz"


class ModelError(EventdeskError):
    """The classifier's model file is missing, unreadable or made for other features."""


@dataclass(frozen=True)
class TypeScores:
    """``p_event``: probability that the text reports a political event; ``types``: probability
    of each of the 16 PLOVER types given that it does (they sum to 1)."""

    p_event: float
    types: dict[str, float] = field(default_factory=dict)

    def top(self, n: int = 1) -> list[tuple[str, float]]:
        """The ``n`` most probable types, most probable first (ties by name)."""
        return sorted(self.types.items(), key=lambda item: (-item[1], item[0]))[:n]

    def plausible(self, threshold: float) -> list[str]:
        """Types with probability at least ``threshold``, most probable first."""
        return [name for name, prob in self.top(len(self.types)) if prob >= threshold]


def encode_array(values: np.ndarray, dtype: str) -> dict:
    """An array as JSON: dtype, shape and little-endian bytes in base64."""
    array = np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<"))
    return {"dtype": dtype, "shape": list(array.shape),
            "data": base64.b64encode(array.tobytes()).decode("ascii")}


def decode_array(blob: dict) -> np.ndarray:
    raw = base64.b64decode(blob["data"])
    values = np.frombuffer(raw, dtype=np.dtype(blob["dtype"]).newbyteorder("<"))
    return values.reshape(blob["shape"])


class EventClassifier:
    """Scores texts with a loaded model (see ``load_classifier``)."""

    def __init__(self, model: dict, origin: str = "model"):
        if model.get("format") != MODEL_FORMAT:
            raise ModelError(f"{origin}: not an event classifier model ({MODEL_FORMAT})")
        self.spec: FeatureSpec = spec_from_dict(model["features"])
        if feature_fingerprint(self.spec) != model["feature_fingerprint"]:
            raise ModelError(
                f"{origin}: trained with other text features; rerun `make train-classifier`"
            )
        self.types: tuple[str, ...] = tuple(model["types"])
        self.index = {term: i for i, term in enumerate(model["vocabulary"])}
        self.idf = decode_array(model["idf"]).astype(np.float64)
        quantised = decode_array(model["weights"]).astype(np.float64)
        self.weights = quantised * np.asarray(model["weight_scales"], dtype=np.float64)
        self.intercepts = np.asarray(model["intercepts"], dtype=np.float64)
        self.event_threshold = float(model["thresholds"]["p_event"])
        self.type_threshold = float(model["thresholds"]["type"])
        self.info: dict = model.get("training", {})

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Vocabulary indices and L2-normalised sublinear TF-IDF values of ``text``."""
        counts = Counter(
            self.index[feature] for feature in text_features(text, self.spec)
            if feature in self.index
        )
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[indices]
        return indices, values / math.sqrt(float(values @ values))

    def logits(self, text: str) -> np.ndarray:
        """Raw scores: column 0 the event head, then one per type."""
        indices, values = self.vector(text)
        return values @ self.weights[indices] + self.intercepts

    def score(self, text: str) -> TypeScores:
        logits = self.logits(text)
        p_event = 1.0 / (1.0 + math.exp(-float(logits[0])))
        type_logits = logits[1:] - logits[1:].max()
        probs = np.exp(type_logits)
        probs /= probs.sum()
        return TypeScores(p_event, {name: float(p) for name, p in zip(self.types, probs)})

    def score_many(self, texts: Iterable[str]) -> list[TypeScores]:
        return [self.score(text) for text in texts]

    def is_event(self, scores: TypeScores) -> bool:
        """True when ``scores.p_event`` reaches the model's event threshold."""
        return scores.p_event >= self.event_threshold


def read_model(path: Path | str) -> dict:
    """The model file's JSON; a ModelError naming the file when it cannot be read."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, EOFError, ValueError) as error:
        raise ModelError(f"{path}: cannot read the classifier model ({error})") from None


def shipped_model_path() -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "model" / MODEL_FILE))


@lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> EventClassifier:
    """The classifier from ``path`` (default: the model shipped in the package), loaded once."""
    where = Path(path) if path else shipped_model_path()
    return EventClassifier(read_model(where), origin=str(where))
