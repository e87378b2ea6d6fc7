"""Plain-text rendering of events for terminals (100 columns)."""

from __future__ import annotations


def actors_text(actors: list[dict]) -> str:
    return "+".join(a.get("code") or a.get("text") or "?" for a in actors) or "-"


def flags(event: dict) -> str:
    marks = []
    if event.get("negated"):
        marks.append("NEG")
    if event.get("modality", "factual") != "factual":
        marks.append(event["modality"][:4].upper())
    return ",".join(marks)


def event_line(event: dict, width: int = 100) -> str:
    """One event on one line: date, type, CAMEO, source -> target, flags, article id (its
    first 16 characters: `show` takes a unique prefix), trigger."""
    head = (f"{(event.get('date') or '?'):<10} {event['plover_type']:<9} "
            f"{(event.get('cameo_code') or ''):<4} "
            f"{actors_text(event['source'])[:14]:>14} -> {actors_text(event['target'])[:14]:<14}"
            f" {flags(event):<8} {(event.get('article_id') or '')[:ARTICLE_WIDTH]:<16}")
    rest = width - len(head) - 1
    trigger = event["trigger"]["text"] if isinstance(event.get("trigger"), dict) else ""
    return f"{head} {trigger[:rest]}"


ARTICLE_WIDTH = 16
TABLE_HEADER = (f"{'date':<10} {'type':<9} {'cameo':<4} {'source':>14} -> {'target':<14} "
                f"{'flags':<8} {'article':<16} trigger")
