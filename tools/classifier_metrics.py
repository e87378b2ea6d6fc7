"""Figures of the event classifier on labelled examples (shared by training CV and evaluation).

All take ``pairs``: (Example, TypeScores) for the examples of one half or of the out-of-fold
predictions. "Predicted types" of a text are none when ``p_event`` is under the event threshold,
else the top type plus every type whose probability reaches the type threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from classifier_data import Example

from eventdesk.classify import TypeScores

Pairs = Sequence[tuple[Example, TypeScores]]


def predicted_types(scores: TypeScores, event_threshold: float, type_threshold: float) -> set:
    if scores.p_event < event_threshold:
        return set()
    return {scores.top(1)[0][0], *scores.plausible(type_threshold)}


def _share(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def case2021_figures(pairs: Pairs, event_threshold: float) -> dict:
    """Top type accepted (all scored event snippets; and with p_event over the threshold too),
    and the false-alarm rate on disaster snippets."""
    events = [(ex, sc) for ex, sc in pairs if ex.source == "case2021" and ex.event]
    disasters = [sc for ex, sc in pairs if ex.source == "case2021" and not ex.event]
    return {
        "snippets": len(events),
        "event_recall": _share([sc.p_event >= event_threshold for _, sc in events]),
        "top_accepted": _share([sc.top(1)[0][0] in ex.types for ex, sc in events]),
        "top_accepted_and_event": _share([
            sc.top(1)[0][0] in ex.types and sc.p_event >= event_threshold for ex, sc in events
        ]),
        "disasters": len(disasters),
        "disaster_false_alarms": _share([sc.p_event >= event_threshold for sc in disasters]),
    }


def ngec_figures(pairs: Pairs, event_threshold: float) -> dict:
    """Label recall at top-1 and top-3, macro-averaged over the labels, on whole stories."""
    by_label: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    is_event = []
    for ex, sc in pairs:
        if ex.source.startswith("ngec") and ex.view == "full":
            ranked = [name for name, _ in sc.top(3)]
            by_label[ex.types[0]].append((ranked[0] == ex.types[0], ex.types[0] in ranked))
            is_event.append(sc.p_event >= event_threshold)
    if not by_label:
        return {"stories": 0}
    top1 = [sum(a for a, _ in hits) / len(hits) for hits in by_label.values()]
    top3 = [sum(b for _, b in hits) / len(hits) for hits in by_label.values()]
    return {
        "stories": len(is_event),
        "labels": len(by_label),
        "macro_recall_top1": round(sum(top1) / len(top1), 3),
        "macro_recall_top3": round(sum(top3) / len(top3), 3),
        "event_rate": _share(is_event),
    }


def sentence_figures(pairs: Pairs, source: str, event_threshold: float,
                     type_threshold: float) -> dict:
    """Type P/R/F1 per sentence (sets compared, micro-averaged), as `eventdesk eval` counts."""
    true_pos = n_pred = n_gold = 0
    chosen = [(ex, sc) for ex, sc in pairs if ex.source == source]
    for ex, sc in chosen:
        predicted = predicted_types(sc, event_threshold, type_threshold)
        gold = set(ex.types)
        true_pos += len(predicted & gold)
        n_pred += len(predicted)
        n_gold += len(gold)
    precision = true_pos / n_pred if n_pred else 0.0
    recall = true_pos / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    called = _share([sc.p_event >= event_threshold for _, sc in chosen])
    return {"sentences": len(chosen), "event_recall": called, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3)}


def negative_figures(pairs: Pairs, event_threshold: float) -> dict:
    """Share of the invented negatives called events (only meaningful out of fold)."""
    chosen = [sc.p_event >= event_threshold for ex, sc in pairs if ex.source == "negatives"]
    return {"negatives": len(chosen), "false_alarms": _share(chosen)}


def all_figures(pairs: Pairs, event_threshold: float, type_threshold: float) -> dict:
    return {
        "case2021": case2021_figures(pairs, event_threshold),
        "ngec": ngec_figures(pairs, event_threshold),
        "plover_gsr": sentence_figures(pairs, "plover_gsr", event_threshold, type_threshold),
        "petr2_gsr": sentence_figures(pairs, "petr2_gsr", event_threshold, type_threshold),
        "negatives": negative_figures(pairs, event_threshold),
    }
