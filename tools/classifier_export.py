"""Write a fitted event classifier as the plain model file the package reads (no pickle).

The file is gzipped JSON (format in docs/classifier.md): the vocabulary in column order, idf as
float32, the weights of both heads as int16 with one scale per column, the intercepts, the
thresholds and a summary of the training. Written with sorted keys and a zero gzip time stamp,
so the same fit gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np

from eventdesk.classify.features import FeatureSpec, feature_fingerprint, spec_to_dict
from eventdesk.classify.model import MODEL_FORMAT, EventClassifier, encode_array, read_model

INT16_MAX = 32767


def quantise(weights: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """int16 weights and one float scale per column (weight = int16 * scale)."""
    peaks = np.abs(weights).max(axis=0)
    scales = np.where(peaks > 0, peaks / INT16_MAX, 1.0)
    return np.rint(weights / scales).astype(np.int16), [float(s) for s in scales]


def model_dict(vectorizer, event_lr, type_lr, spec: FeatureSpec, thresholds: dict,
               training: dict) -> dict:
    """The JSON of the model file; weights column 0 is the event head, then one per type."""
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    weights = np.column_stack([event_lr.coef_[0], type_lr.coef_.T])
    quantised, scales = quantise(weights)
    intercepts = [float(event_lr.intercept_[0]), *map(float, type_lr.intercept_)]
    return {
        "format": MODEL_FORMAT,
        "features": spec_to_dict(spec),
        "feature_fingerprint": feature_fingerprint(spec),
        "types": [str(name) for name in type_lr.classes_],
        "vocabulary": vocabulary,
        "idf": encode_array(vectorizer.idf_, "float32"),
        "weights": encode_array(quantised, "int16"),
        "weight_scales": scales,
        "intercepts": intercepts,
        "thresholds": thresholds,
        "training": training,
    }


def write_model(path: Path, model: dict) -> None:
    payload = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as handle:
        handle.write(payload)


def verify_runtime(path: Path, texts: list[str], event_lr, type_lr, matrix,
                   tolerance: float = 2e-3) -> float:
    """Largest difference between the run-time scores of the written file and scikit-learn's
    on ``texts`` (rows of ``matrix``); SystemExit when above ``tolerance``."""
    runtime = EventClassifier(read_model(path), origin=str(path))
    p_event = event_lr.predict_proba(matrix)[:, 1]
    p_types = type_lr.predict_proba(matrix)
    worst = 0.0
    for text, expected_event, expected_types in zip(texts, p_event, p_types):
        scores = runtime.score(text)
        got = np.array([scores.types[str(name)] for name in type_lr.classes_])
        worst = max(worst, abs(scores.p_event - expected_event),
                    float(np.abs(got - expected_types).max()))
    if worst > tolerance:
        raise SystemExit(f"{path}: run-time scores differ from training by {worst:.4f}")
    return worst
