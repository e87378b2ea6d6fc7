"""The JSON Schema of one `code --format jsonl` line: valid, strict, and true to the contract."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from eventdesk.model import MODALITIES, PLOVER_TYPES, SCHEMA_VERSION

SCHEMA_FILE = (Path(__file__).parent.parent / "src" / "eventdesk" / "schema"
               / "coded_article.schema.json")

ACTOR = {"text": "Russia", "segment": "body", "start": 0, "end": 6, "name": "Russia",
         "country": "RUS", "sector": None, "code": "RUS", "kind": "state", "wikidata": "Q159"}
PLACE = {"segment": "body", "start": 26, "end": 34, "text": "Istanbul", "name": "Istanbul",
         "country": "TUR", "admin1": "Istanbul", "lat": 41.01, "lon": 28.97,
         "geonameid": 745044, "feature": "city"}
EVENT = {
    "id": "ev_0123456789abcdef0123", "segment": "body", "sentence": 0,
    "sentence_text": "Russia and Ukraine met in Istanbul on Friday.", "sentence_start": 0,
    "sentence_end": 45, "trigger": {"text": "met", "start": 19, "end": 22},
    "plover_type": "CONSULT", "plover_mode": None, "cameo_code": "040", "goldstein": 1.0,
    "quad_class": 1, "source": [ACTOR, dict(ACTOR, text="Ukraine", start=11, end=18,
                                            name="Ukraine", country="UKR", code="UKR",
                                            wikidata="Q212")],
    "target": [], "date": "2025-05-23", "date_precision": "day", "date_text": "Friday",
    "date_basis": "relative", "location": PLACE, "negated": False, "modality": "factual",
    "reported_by": None, "content": None, "confidence": 0.72, "rule": "consult.meet",
}
RECORD = {
    "article": {"id": "a1", "title": "Talks", "date": "2025-05-29", "source": "Wire",
                "url": "https://example.org/a1", "content_hash": "0" * 64,
                "schema_version": "1.0", "meta": {"format": "jsonl"}},
    "events": [EVENT],
    "times": [{"segment": "body", "start": 38, "end": 44, "text": "Friday", "type": "DATE",
               "value": "2025-05-23"}],
    "places": [PLACE],
}


def errors(validator, record) -> list[str]:
    return [e.message for e in validator.iter_errors(record)]


def test_schema_file_is_valid_draft_2020_12(contract_schema) -> None:
    import jsonschema

    assert contract_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(contract_schema)
    # the package-data copy is the file in the source tree
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == contract_schema


def test_schema_enums_match_the_model(contract_schema) -> None:
    props = contract_schema["$defs"]["event"]["properties"]
    assert tuple(props["plover_type"]["enum"]) == PLOVER_TYPES
    assert tuple(props["modality"]["enum"]) == MODALITIES
    assert len(PLOVER_TYPES) == 16


def test_hand_written_record_is_valid(validator) -> None:
    assert errors(validator, RECORD) == []


def test_extension_fields_are_allowed(validator) -> None:
    record = copy.deepcopy(RECORD)
    record["sentences"] = [["body", 0, 45]]
    record["article"]["language"] = "en"
    record["events"][0]["article_id"] = "a1"
    record["events"][0]["source"][0]["aliases"] = ["RF"]
    assert errors(validator, record) == []


def test_nullable_fields_accept_null(validator) -> None:
    record = copy.deepcopy(RECORD)
    record["article"].update(title=None, date=None, source=None, url=None)
    record["events"][0].update(location=None, date=None, date_precision=None,
                               date_basis=None, cameo_code=None, goldstein=None,
                               quad_class=None)
    record["times"][0]["value"] = None
    record["places"] = []
    assert errors(validator, record) == []


def _drop(path):
    def mutate(r):
        *parents, last = path
        node = r
        for key in parents:
            node = node[key]
        del node[last]
    return mutate


def _set(path, value):
    def mutate(r):
        *parents, last = path
        node = r
        for key in parents:
            node = node[key]
        node[last] = value
    return mutate


BROKEN = {
    "no events key": _drop(["events"]),
    "no article key": _drop(["article"]),
    "no times key": _drop(["times"]),
    "no places key": _drop(["places"]),
    "article without content_hash": _drop(["article", "content_hash"]),
    "article without schema_version": _drop(["article", "schema_version"]),
    "article date not a day": _set(["article", "date"], "29 May 2025"),
    "meta not an object": _set(["article", "meta"], "format=jsonl"),
    "events not a list": _set(["events"], {}),
    "event without id": _drop(["events", 0, "id"]),
    "event without trigger": _drop(["events", 0, "trigger"]),
    "event without rule": _drop(["events", 0, "rule"]),
    "unknown plover_type": _set(["events", 0, "plover_type"], "MEET"),
    "lower-case plover_type": _set(["events", 0, "plover_type"], "consult"),
    "unknown modality": _set(["events", 0, "modality"], "likely"),
    "unknown segment": _set(["events", 0, "segment"], "lede"),
    "unknown date_basis": _set(["events", 0, "date_basis"], "guessed"),
    "unknown date_precision": _set(["events", 0, "date_precision"], "week"),
    "event date in words": _set(["events", 0, "date"], "May 2025"),
    "cameo_code as a number": _set(["events", 0, "cameo_code"], 40),
    "quad_class out of range": _set(["events", 0, "quad_class"], 5),
    "confidence above 1": _set(["events", 0, "confidence"], 1.5),
    "negated as a string": _set(["events", 0, "negated"], "false"),
    "source not a list": _set(["events", 0, "source"], ACTOR),
    "trigger start as a string": _set(["events", 0, "trigger", "start"], "19"),
    "negative offset": _set(["events", 0, "sentence_start"], -1),
    "actor without code": _drop(["events", 0, "source", 0, "code"]),
    "actor kind unknown": _set(["events", 0, "source", 0, "kind"], "country"),
    "actor country not ISO3": _set(["events", 0, "source", 0, "country"], "RU"),
    "time type unknown": _set(["times", 0, "type"], "DATETIME"),
    "time without value": _drop(["times", 0, "value"]),
    "time segment unknown": _set(["times", 0, "segment"], "headline"),
    "place feature unknown": _set(["places", 0, "feature"], "town"),
    "place without geonameid": _drop(["places", 0, "geonameid"]),
    "event location feature unknown": _set(["events", 0, "location", "feature"], "village"),
    "reported_by not an actor": _set(["events", 0, "reported_by"], "the ministry"),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_schema_rejects_a_broken_record(validator, mutate) -> None:
    record = copy.deepcopy(RECORD)
    mutate(record)
    assert errors(validator, record), "the schema accepted a broken record"


def test_code_text_output_is_valid(validator, warm_coder) -> None:
    import eventdesk

    record = eventdesk.code_text(
        "Russia and Ukraine met in Istanbul on Friday. The United States accused Iran of "
        "violating the deal. NATO threatened sanctions against Russia. Thousands of farmers "
        "protested in Paris. Talks will resume in June.",
        date="2025-05-29", title="Russia and Ukraine meet")
    assert errors(validator, record) == []
    assert record["article"]["schema_version"] == SCHEMA_VERSION
    assert {e["plover_type"] for e in record["events"]} >= {"CONSULT", "ACCUSE"}
    # a record round-trips through JSON unchanged (what `code --format jsonl` prints)
    assert errors(validator, json.loads(json.dumps(record))) == []
