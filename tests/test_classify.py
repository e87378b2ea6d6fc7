"""The event classifier's run time: the shipped model, its scores on invented sentences, the
TF-IDF arithmetic against an independent computation, and bad model files."""

from __future__ import annotations

import copy
import gzip
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from eventdesk.classify import EventClassifier, ModelError, TypeScores, load_classifier
from eventdesk.classify.features import (
    FeatureSpec,
    feature_fingerprint,
    stem,
    text_features,
    words,
)
from eventdesk.classify.model import encode_array, read_model, shipped_model_path

ONTOLOGY = Path(__file__).parent.parent / "src" / "eventdesk" / "data" / "ontology" / "plover.tsv"

# Invented for these tests; none of them is in training/negatives.jsonl or any gold file.
DISASTERS = (
    "A strong earthquake shook the mountain province before dawn on Tuesday, and at least "
    "nine villagers died when their mud-brick homes collapsed.",
    "Floodwater rose to the rooftops in three riverside towns after a week of monsoon rain, "
    "and rescuers in boats searched for the missing.",
    "An explosion at a paint factory on the edge of the city started a fire that killed six "
    "workers, the fire brigade said.",
)
AIRSTRIKE = ("Government warplanes bombed a rebel-held village near the northern border on "
             "Sunday, killing 14 fighters and wounding dozens of civilians.")
CEASEFIRE = ("The army and the rebel alliance signed a ceasefire agreement in the capital on "
             "Monday and promised to pull their forces back from the front line.")


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return load_classifier()


def plover_types() -> set[str]:
    lines = ONTOLOGY.read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t")[0] for line in lines if line.strip()}


def test_shipped_model_loads_once_and_covers_the_16_types(classifier):
    assert load_classifier() is classifier
    assert set(classifier.types) == plover_types() and len(classifier.types) == 16
    scores = classifier.score(AIRSTRIKE)
    assert set(scores.types) == plover_types()
    assert math.isclose(sum(scores.types.values()), 1.0, abs_tol=1e-9)
    assert 0.0 <= scores.p_event <= 1.0


def test_invented_disasters_are_not_political_events(classifier):
    for text in DISASTERS:
        scores = classifier.score(text)
        assert not classifier.is_event(scores), (text, scores.p_event)


def test_invented_airstrike_is_an_assault_event(classifier):
    scores = classifier.score(AIRSTRIKE)
    assert classifier.is_event(scores)
    assert scores.top(1)[0][0] == "ASSAULT"


def test_invented_ceasefire_agreement_is_agree_or_retreat(classifier):
    scores = classifier.score(CEASEFIRE)
    assert classifier.is_event(scores)
    assert scores.top(1)[0][0] in {"AGREE", "RETREAT"}
    assert {"AGREE", "RETREAT"} <= {name for name, _ in scores.top(3)}


def test_scoring_is_deterministic_and_score_many_matches_score(classifier):
    texts = [AIRSTRIKE, CEASEFIRE, *DISASTERS, ""]
    first = classifier.score_many(texts)
    assert first == [classifier.score(text) for text in texts]
    assert first == load_classifier().score_many(texts)


def test_empty_and_unknown_text_give_scores_from_the_intercepts_alone(classifier):
    empty = classifier.score("")
    assert empty == classifier.score("zzqx qqzv")
    assert set(empty.types) == plover_types()


def test_model_records_the_fingerprint_of_the_feature_function(classifier):
    model = read_model(shipped_model_path())
    assert model["feature_fingerprint"] == feature_fingerprint(classifier.spec)
    changed = FeatureSpec(stems=not classifier.spec.stems, bigrams=classifier.spec.bigrams)
    assert feature_fingerprint(changed) != model["feature_fingerprint"]


def test_features_words_stems_and_pairs():
    assert words("Rebels shelled the town\u2019s market on 3 March.") == [
        "rebels", "shelled", "the", "town's", "market", "on", "0", "march"]
    assert [stem(w) for w in ("attacked", "talks", "parties", "crisis", "town's", "bus")] == [
        "attack", "talk", "party", "crisis", "town", "bus"]
    features = text_features("Troops attacked", FeatureSpec(stems=True, bigrams=True))
    assert Counter(features) == Counter(
        ["w:troops", "w:attacked", "s:troop", "s:attack", "b:troops attacked"])
    assert text_features("Troops attacked", FeatureSpec(stems=False, bigrams=False)) == [
        "w:troops", "w:attacked"]


def tiny_model() -> dict:
    """A hand-made two-type model in the shipped format (types padded with zero weights)."""
    model = copy.deepcopy(read_model(shipped_model_path()))
    spec = FeatureSpec(stems=False, bigrams=False)
    vocabulary = ["w:agreed", "w:bombed", "w:the", "w:troops"]
    idf = np.array([2.0, 1.5, 1.0, 1.25], dtype="<f4")
    weights = np.zeros((4, 17), dtype="<i2")
    weights[:, 0] = [100, 200, -50, 300]  # event head
    weights[:, 1 + model["types"].index("AGREE")] = [400, -100, 0, 0]
    weights[:, 1 + model["types"].index("ASSAULT")] = [-100, 400, 0, 100]
    model.update(features={"stems": False, "bigrams": False},
                 feature_fingerprint=feature_fingerprint(spec), vocabulary=vocabulary,
                 idf=encode_array(idf, "float32"), weights=encode_array(weights, "int16"),
                 weight_scales=[0.01] * 17, intercepts=[-0.5] + [0.0] * 16)
    return model


def test_runtime_arithmetic_matches_sublinear_tfidf_computed_by_hand():
    runtime = EventClassifier(tiny_model())
    text = "The troops bombed the troops' camp"  # "the" twice, "troops" twice, camp unknown
    tfidf = {"w:the": (1 + math.log(2)) * 1.0, "w:troops": (1 + math.log(2)) * 1.25,
             "w:bombed": 1.0 * 1.5}
    norm = math.sqrt(sum(v * v for v in tfidf.values()))
    event_logit = (-0.5 * tfidf["w:the"] + 3.0 * tfidf["w:troops"] + 2.0 * tfidf["w:bombed"])
    p_event = 1 / (1 + math.exp(-(event_logit / norm - 0.5)))
    assault = (1.0 * tfidf["w:troops"] + 4.0 * tfidf["w:bombed"]) / norm
    agree = -1.0 * tfidf["w:bombed"] / norm
    denominator = math.exp(assault) + math.exp(agree) + 14
    scores = runtime.score(text)
    assert scores.p_event == pytest.approx(p_event, abs=1e-6)
    assert scores.types["ASSAULT"] == pytest.approx(math.exp(assault) / denominator, abs=1e-6)
    assert scores.types["AGREE"] == pytest.approx(math.exp(agree) / denominator, abs=1e-6)
    assert scores.top(1)[0][0] == "ASSAULT"


def test_model_made_for_other_features_is_refused():
    model = tiny_model()
    model["feature_fingerprint"] = "0" * 64
    with pytest.raises(ModelError, match="other text features"):
        EventClassifier(model, origin="tiny")


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"{\"format\": 1"),
                                     gzip.compress(json.dumps({"format": "x"}).encode())])
def test_bad_model_files_give_one_line_errors_naming_the_file(tmp_path, content):
    path = tmp_path / "broken.json.gz"
    path.write_bytes(content)
    with pytest.raises(ModelError) as caught:
        load_classifier(str(path))
    message = str(caught.value)
    assert str(path) in message and "\n" not in message


def test_type_scores_helpers():
    scores = TypeScores(0.9, {"AGREE": 0.5, "RETREAT": 0.3, "ASSAULT": 0.2})
    assert scores.top(2) == [("AGREE", 0.5), ("RETREAT", 0.3)]
    assert scores.plausible(0.25) == ["AGREE", "RETREAT"]
