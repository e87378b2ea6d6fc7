"""A learned sentence-level event classifier: is this a political event, and of which type?

    from eventdesk.classify import load_classifier
    scores = load_classifier().score("Rebels shelled the town overnight.")
    scores.p_event, scores.top(3)

See docs/classifier.md for the training data, the model file and the figures.
"""

from eventdesk.classify.features import FeatureSpec, text_features
from eventdesk.classify.model import (
    EventClassifier,
    ModelError,
    TypeScores,
    load_classifier,
)

__all__ = [
    "EventClassifier",
    "FeatureSpec",
    "ModelError",
    "TypeScores",
    "load_classifier",
    "text_features",
]
