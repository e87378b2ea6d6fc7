"""Plain-text rendering of events for terminals (100 columns)."""

from __future__ import annotations

import csv
import io

CSV_COLUMNS = ["id", "date", "plover_type", "plover_mode", "cameo_code", "goldstein",
               "quad_class", "source", "target", "negated", "modality", "confidence",
               "trigger", "location", "article_id", "article_title", "sentence_text", "rule"]


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
    """One event on one line: date, type, CAMEO, source -> target, flags, trigger."""
    head = (f"{(event.get('date') or '?'):<10} {event['plover_type']:<9} "
            f"{(event.get('cameo_code') or ''):<4} "
            f"{actors_text(event['source'])[:18]:>18} -> {actors_text(event['target'])[:18]:<18}"
            f" {flags(event):<9}")
    rest = width - len(head) - 1
    trigger = event["trigger"]["text"] if isinstance(event.get("trigger"), dict) else ""
    return f"{head} {trigger[:rest]}"


TABLE_HEADER = (f"{'date':<10} {'type':<9} {'cameo':<4} {'source':>18} -> {'target':<18} "
                f"{'flags':<9} trigger")


def csv_rows(events) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    for event in events:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(event, c) for c in CSV_COLUMNS])
        yield buffer.getvalue()


def _cell(event: dict, column: str):
    value = event.get(column)
    if column in ("source", "target"):
        return actors_text(value or [])
    if column == "trigger":
        return (value or {}).get("text", "")
    if column == "location":
        return (value or {}).get("name", "") if value else ""
    return "" if value is None else value
