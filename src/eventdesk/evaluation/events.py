"""Score event coding against a gold JSON Lines file (schema: eval/dev/README.md).

All metrics compare sets per record and are micro-averaged over records:
- event type: gold ``plover_type_2023`` values vs predicted ``plover_type`` values;
- triples: (type, source country, target country) for every source x target actor;
- CAMEO root: first two digits of ``cameo_code``, on records whose gold carries CAMEO codes;
- per type (from the event-type sets) and a confusion table of single-type records.
Predictions that are negated or conditional/hypothetical do not count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import product
from typing import Any

from eventdesk.errors import InputError
from eventdesk.evaluation.gold import gold_records
from eventdesk.evaluation.report import NONE_LABEL, EventReport, Score
from eventdesk.evaluation.split import in_half

CodeBatch = Callable[[list[tuple[str, str | None]]], list[list[dict]]]
Triple = tuple[str, str | None, str | None]

IGNORED_MODALITIES = ("conditional", "hypothetical")
ERROR_TEXT_CHARS = 160

# Upstream actor codes that are not ISO 3166-1 alpha-3, mapped to the ISO code eventdesk emits.
# JAP, ITL, VTN: old CAMEO spellings kept in the PLOVER gold standard (JAP occurs in dev data).
# ROM, ZAR, TMP: withdrawn ISO codes (Romania until 2002, Zaire until 1997, East Timor until
# 2002) still found in older CAMEO-coded data. Non-country codes (IGO, NGO, IMG, ---, ***) and
# everything else are compared as they are.
CODE_FIXES = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
}


def normalise_code(code: str | None) -> str | None:
    """First three characters, upper case, known upstream spellings fixed; None stays None."""
    if not code:
        return None
    short = code[:3].upper()
    return CODE_FIXES.get(short, short)


def evaluate_events(gold_path: str, code_batch: CodeBatch, errors: int = 0,
                    half: str | None = None) -> EventReport:
    """Code every gold sentence (of ``half``, None: all) in one call and score the result."""
    records = [(n, rec) for n, rec in read_gold(gold_path) if in_half(rec, half)]
    inputs = [
        (rec["text"], None if rec.get("date_is_placeholder") else rec.get("date"))
        for _, rec in records
    ]
    predictions = code_batch(inputs)
    if len(predictions) != len(records):
        raise ValueError(
            f"code_batch returned {len(predictions)} results for {len(records)} records"
        )
    report = EventReport(file=gold_path, records=len(records), half=half)
    if any(_has_cameo(rec) for _, rec in records):
        report.cameo_root = Score()
    for (_, rec), predicted in zip(records, predictions):
        _score_record(report, rec, [_as_dict(p) for p in predicted], errors)
    return report


# --- reading the gold file ------------------------------------------------------------------


def read_gold(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record); raise InputError naming the file and line on bad input."""
    for number, record in gold_records(path):
        yield number, _check_record(path, number, record)


def _check_record(path: str, number: int, record: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(record.get("text"), str):
        raise InputError(origin=path, reason="record has no 'text' string", line=number)
    if not isinstance(record.get("events"), list):
        raise InputError(origin=path, reason="record has no 'events' list", line=number)
    for key in ("events", "events_outside_plover"):
        events = record.get(key) or []
        if not isinstance(events, list) or not all(_valid_event(e) for e in events):
            raise InputError(origin=path, reason=f"malformed '{key}'", line=number)
    return record


def _valid_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    actors = [event.get("source") or [], event.get("target") or []]
    return all(isinstance(side, list) and all(isinstance(a, dict) for a in side) for side in actors)


def _has_cameo(record: dict[str, Any]) -> bool:
    return any(e.get("cameo_code") for e in _all_gold_events(record))


def _all_gold_events(record: dict[str, Any]) -> list[dict[str, Any]]:
    return list(record["events"]) + list(record.get("events_outside_plover") or [])


# --- sets per record -------------------------------------------------------------------------


def _as_dict(prediction: Any) -> dict[str, Any]:
    return prediction.to_dict() if hasattr(prediction, "to_dict") else prediction


def counts(prediction: dict[str, Any]) -> bool:
    """False for negated, conditional and hypothetical predictions."""
    return not prediction.get("negated") and prediction.get("modality") not in IGNORED_MODALITIES


def gold_actor(actor: dict[str, Any]) -> str | None:
    """Gold ``code``; a null code falls back to ``raw_code`` so that ``---GOV`` stays ``---``."""
    return normalise_code(actor.get("code") or actor.get("raw_code"))


def predicted_actor(actor: dict[str, Any]) -> str | None:
    """Predicted ``country``, or for non-state actors the first three characters of ``code``."""
    return normalise_code(actor.get("country") or actor.get("code"))


def event_triples(event_type: str | None, event: dict[str, Any], actor_key) -> set[Triple]:
    if not event_type:
        return set()
    sources = [actor_key(a) for a in event.get("source") or []] or [None]
    targets = [actor_key(a) for a in event.get("target") or []] or [None]
    return {(event_type, s, t) for s, t in product(sources, targets)}


def gold_sets(record: dict[str, Any]) -> tuple[set[str], set[Triple], set[str]]:
    """(types, triples, CAMEO roots) of one gold record."""
    types = {e["plover_type_2023"] for e in record["events"] if e.get("plover_type_2023")}
    triples: set[Triple] = set()
    for event in record["events"]:
        triples |= event_triples(event.get("plover_type_2023"), event, gold_actor)
    roots = {e["cameo_code"][:2] for e in _all_gold_events(record) if e.get("cameo_code")}
    return types, triples, roots


def predicted_sets(events: list[dict[str, Any]]) -> tuple[set[str], set[Triple], set[str]]:
    """(types, triples, CAMEO roots) of the predictions that count."""
    kept = [e for e in events if counts(e)]
    types = {e["plover_type"] for e in kept if e.get("plover_type")}
    triples: set[Triple] = set()
    for event in kept:
        triples |= event_triples(event.get("plover_type"), event, predicted_actor)
    roots = {str(e["cameo_code"])[:2] for e in kept if e.get("cameo_code")}
    return types, triples, roots


# --- scoring -------------------------------------------------------------------------------


def _cameo_eligible(record: dict[str, Any]) -> bool:
    """Every gold event carries a CAMEO code; records without events (no_event) count too."""
    events = _all_gold_events(record)
    return all(e.get("cameo_code") for e in events)


def _score_record(
    report: EventReport, record: dict[str, Any], predicted: list[dict[str, Any]], max_errors: int
) -> None:
    gold_types, gold_triples, gold_roots = gold_sets(record)
    pred_types, pred_triples, pred_roots = predicted_sets(predicted)
    report.type.add(gold_types, pred_types)
    report.triple.add(gold_triples, pred_triples)
    if report.cameo_root is not None and _cameo_eligible(record):
        report.cameo_root.add(gold_roots, pred_roots)
        report.cameo_records += 1
    for label in gold_types | pred_types:
        report.per_type.setdefault(label, Score()).add(gold_types & {label}, pred_types & {label})
    _add_confusion(report.confusion, gold_types, pred_types)
    if gold_types != pred_types and len(report.errors) < max_errors:
        report.errors.append(
            _error_example(
                record, predicted, (gold_types, gold_triples), (pred_types, pred_triples)
            )
        )


def _add_confusion(confusion: dict[str, dict[str, int]], gold: set[str], pred: set[str]) -> None:
    """One gold and one predicted type: (gold, pred); nothing predicted: (gold, none) for each
    gold type; nothing in gold: (none, pred) for each predicted type. Other records are left out."""
    if len(gold) == 1 and len(pred) == 1:
        pairs = [(next(iter(gold)), next(iter(pred)))]
    elif not pred:
        pairs = [(g, NONE_LABEL) for g in gold]
    elif not gold:
        pairs = [(NONE_LABEL, p) for p in pred]
    else:
        pairs = []
    for g, p in pairs:
        row = confusion.setdefault(g, {})
        row[p] = row.get(p, 0) + 1


def _sorted_triples(triples: set[Triple]) -> list[list[str | None]]:
    return [list(t) for t in sorted(triples, key=lambda t: tuple(x or "" for x in t))]


def _error_example(
    record: dict[str, Any],
    predicted: list[dict[str, Any]],
    gold: tuple[set[str], set[Triple]],
    pred: tuple[set[str], set[Triple]],
) -> dict[str, Any]:
    text = " ".join(record["text"].split())
    if len(text) > ERROR_TEXT_CHARS:
        text = text[: ERROR_TEXT_CHARS - 3] + "..."
    return {
        "id": record.get("id"),
        "text": text,
        "gold_types": sorted(gold[0]),
        "gold_triples": _sorted_triples(gold[1]),
        "predicted_types": sorted(pred[0]),
        "predicted_triples": _sorted_triples(pred[1]),
        "predicted_events": [
            {"plover_type": e.get("plover_type"), "rule": e.get("rule"), "counted": counts(e)}
            for e in predicted
        ],
    }
