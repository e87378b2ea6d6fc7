"""The event classifier's text features: one function, used by training and at run time.

``text_features(text, spec)`` turns a sentence or short text into a list of feature strings
(repeats count). ``tools/train_classifier.py`` hands this very function to scikit-learn's
``TfidfVectorizer`` as its analyzer; ``eventdesk.classify.model`` calls it again at run time
with the spec stored in the model file. ``feature_fingerprint`` hashes the features of a few
fixed texts, so a model file trained with another version of this function is refused at load.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

# (suffix, replacement, shortest word it applies to): a light stemmer, first match wins
_SUFFIXES = (
    ("'s", "", 3),
    ("ies", "y", 5),
    ("ied", "y", 5),
    ("ing", "", 6),
    ("ed", "", 5),
    ("es", "", 5),
    ("s", "", 4),
)

# Texts whose features fix the function's behaviour (invented, not from any gold file).
PROBE_TEXTS = (
    "Rebels shelled the town's market on 3 March, killing 12 people.",
    "The two ministers agreed to a ceasefire and will meet again in Geneva.",
    "Thousands of workers marched to parliament, demanding higher wages.",
    "A storm flooded 200 homes; the company's shares fell 5%.",
    "\u201cWe won\u2019t negotiate,\u201d the spokesman said.",
)


@dataclass(frozen=True)
class FeatureSpec:
    """Which features ``text_features`` emits."""

    stems: bool = True  # the stem of every word as well ("attacked" and "attacks" share one)
    bigrams: bool = True  # pairs of adjacent (unstemmed) words


def words(text: str) -> list[str]:
    """Lower-cased words; every number becomes "0"."""
    found = _WORD.findall(text.lower().translate(_APOSTROPHES))
    return ["0" if word[0].isdigit() else word for word in found]


def stem(word: str) -> str:
    """Strip one common English ending ("attacked" -> "attack", "talks" -> "talk")."""
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) >= shortest:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + replacement
    return word


def text_features(text: str, spec: FeatureSpec = FeatureSpec()) -> list[str]:
    """Feature strings of one text: ``w:`` words, ``s:`` stems, ``b:`` word pairs."""
    tokens = words(text)
    features = ["w:" + word for word in tokens]
    if spec.stems:
        features += ["s:" + stem(word) for word in tokens]
    if spec.bigrams:
        features += [f"b:{left} {right}" for left, right in zip(tokens, tokens[1:])]
    return features


def spec_to_dict(spec: FeatureSpec) -> dict:
    return asdict(spec)


def spec_from_dict(data: dict) -> FeatureSpec:
    return FeatureSpec(**data)


def feature_fingerprint(spec: FeatureSpec) -> str:
    """SHA-256 of the features of ``PROBE_TEXTS``: changes whenever the function's output does."""
    payload = json.dumps([text_features(text, spec) for text in PROBE_TEXTS])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
