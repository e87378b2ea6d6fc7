"""Text with marked spans, as pieces a template can print safely (each piece escaped).

Spans may nest or overlap (an actor inside the highlighted sentence, a place inside an actor):
the text is cut at every span boundary and each piece carries the classes of all spans over it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # CSS class suffix: sentence, trigger, source, target, time, place, event
    label: str = ""  # shown on hover: the code an actor became, a time's value


def pieces(text: str, spans: list[Span]) -> list[dict]:
    """[{"text", "classes", "labels"}] covering ``text`` in order."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    result = []
    for left, right in zip(cuts, cuts[1:]):
        over = [s for s in valid if s.start <= left and right <= s.end]
        result.append({"text": text[left:right],
                       "classes": " ".join(sorted({f"hl-{s.kind}" for s in over})),
                       "labels": "; ".join(dict.fromkeys(s.label for s in over if s.label))})
    return result


def event_spans(event: dict, times: list[dict], segment: str) -> list[Span]:
    """The spans of one event in ``segment``: its sentence, trigger, actors (labelled with
    the code each became), its place, and the time expressions inside its sentence."""
    if event.get("segment") != segment:
        return []
    start, end = event.get("sentence_start"), event.get("sentence_end")
    spans = []
    if isinstance(start, int) and isinstance(end, int):
        spans.append(Span(start, end, "sentence"))
    trigger = event.get("trigger") or {}
    if "start" in trigger:
        spans.append(Span(trigger["start"], trigger["end"], "trigger",
                          f"{event['plover_type']} {event.get('cameo_code') or ''}".strip()))
    for side in ("source", "target"):
        for actor in event.get(side) or ():
            if actor.get("segment", segment) == segment and "start" in actor:
                spans.append(Span(actor["start"], actor["end"], side, actor_label(actor, side)))
    place = event.get("location") or {}
    if place.get("segment") == segment and "start" in place:
        spans.append(Span(place["start"], place["end"], "place", place_label(place)))
    for time in times:
        if time.get("segment") == segment and isinstance(start, int) and \
                start <= time["start"] and time["end"] <= end:
            spans.append(Span(time["start"], time["end"], "time",
                              f"{time['type']} {time.get('value') or ''}".strip()))
    return spans


def actor_label(actor: dict, side: str) -> str:
    code = actor.get("code") or "no code"
    name = actor.get("name")
    return f"{side}: {code}" + (f" ({name})" if name else "")


def place_label(place: dict) -> str:
    where = ", ".join(p for p in (place.get("name"), place.get("country")) if p)
    return f"place: {where}" if where else "place"
