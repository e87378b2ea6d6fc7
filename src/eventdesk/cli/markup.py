"""Render one stored article, or one event in its article, with the evidence marked inline.

Marks, in title and body: ``[[trigger]]``, ``{actor=CODE}`` (the code the words became),
``<time=VALUE>`` (the normalised value) and ``@(place=ISO3)``. Where two overlap, a trigger
wins over an actor, an actor over a time, a time over a place.
"""

from __future__ import annotations

LEGEND = "Legend: [[trigger]]  {actor=CODE}  <time=VALUE>  @(place=ISO3)"


def render_article(view: dict, event_id: str | None = None) -> str:
    """The article with every event's marks; with ``event_id``, only that event's marks
    and its details first."""
    article = view["article"]
    events = view["events"]
    focus = None
    if event_id is not None:
        focus = next(e for e in events if e["id"] == event_id)
        events = [focus]
    times = view["times"] if focus is None else _times_of(focus, view["times"])
    places = view["places"] if focus is None else [p for p in [focus.get("location")] if p]
    lines = [f"{article['id']}  {article['date'] or 'no date'}  {article['source'] or ''}"]
    if focus is not None:
        lines = _event_details(focus, article) + [""] + lines
    title = article["title"] or ""
    lines.append("title: " + _mark_text(title, _marks("title", events, times, places)))
    lines.append("")
    lines.append(_mark_text(article["text"], _marks("body", events, times, places)))
    lines += ["", LEGEND]
    if focus is None:
        lines += ["", "Events:"]
        for event in events:
            lines.append("  " + _event_summary(event))
            if event.get("content"):
                lines.append(f"      content: {event['content']}")
        if view["times"]:
            lines.append("Times:")
            lines.extend(f"  {t['text']!r} -> {t['type']} {t['value']}" for t in view["times"])
        if view["places"]:
            lines.append("Places:")
            lines.extend(f"  {p['text']!r} -> {p.get('name') or '?'} ({p.get('country') or '?'})"
                         for p in view["places"])
    return "\n".join(lines)


def _event_summary(event: dict) -> str:
    src = "+".join(a.get("code") or a["text"] for a in event["source"]) or "-"
    tgt = "+".join(a.get("code") or a["text"] for a in event["target"]) or "-"
    flags = []
    if event.get("negated"):
        flags.append("negated")
    if event.get("modality", "factual") != "factual":
        flags.append(event["modality"])
    if event.get("historical"):
        flags.append("historical")
    return (f"{event.get('date') or '?'} {event['plover_type']} ({event.get('cameo_code')}) "
            f"{src} -> {tgt} \"{event['trigger']['text']}\" {' '.join(flags)}  "
            f"[{event['rule']}]  {event['id']}")


def _event_details(event: dict, article: dict) -> list[str]:
    def actors(side: list[dict]) -> str:
        return ", ".join(f"{a['text']!r} = {a.get('code') or '?'} ({a.get('name') or '?'})"
                         for a in side) or "-"

    place = event.get("location")
    when = event.get("date") or "no date"
    if event.get("date_precision"):
        when += f" ({event['date_precision']}"
        if event.get("date_start") and event.get("date_end") and \
                event["date_start"] != event["date_end"]:
            when += f", {event['date_start']} to {event['date_end']}"
        when += f"; {(event.get('date_basis') or '').replace('_', ' ')})"
    if event.get("date_text"):
        when += f" from {event['date_text']!r}"
    flags = [name for name in ("negated", "historical") if event.get(name)]
    return [
        f"event {event['id']} in article {article['id']}"
        + (f", canonical event {event['cluster_id']}" if event.get("cluster_id") else ""),
        f"  type      {event['plover_type']} {event.get('plover_mode') or ''} CAMEO "
        f"{event.get('cameo_code')} Goldstein {event.get('goldstein')} "
        f"QuadClass {event.get('quad_class')}",
        f"  trigger   {event['trigger']['text']!r} ({event['segment']})",
        f"  source    {actors(event['source'])}",
        f"  target    {actors(event['target'])}",
        f"  when      {when}",
        "  where     " + (f"{place.get('text')!r} = {place.get('name')} "
                           f"({place.get('country')})" if place else "-"),
        f"  modality  {event.get('modality')} {' '.join(flags)}".rstrip(),
        f"  rule      {event['rule']}  confidence {event.get('confidence')}",
        f"  sentence  {event['sentence_text']}",
    ]


def _times_of(event: dict, times: list[dict]) -> list[dict]:
    """The time expression the event's date came from, if it is marked in the article."""
    if not event.get("date_text"):
        return []
    return [t for t in times if t["text"] == event["date_text"]
            and t["segment"] == event["segment"]
            and event["sentence_start"] <= t["start"] < event["sentence_end"]]


def _marks(segment: str, events: list[dict], times: list[dict], places: list[dict]):
    triggers, actors = [], []
    for event in events:
        if event["segment"] == segment:
            triggers.append((event["trigger"]["start"], event["trigger"]["end"], "[[", "]]"))
        for actor in [*event["source"], *event["target"]]:
            if actor["segment"] == segment:
                actors.append((actor["start"], actor["end"], "{",
                               f"={actor.get('code') or '?'}}}"))
    timed = [(t["start"], t["end"], "<", f"={t.get('value') or '?'}>") for t in times
             if t["segment"] == segment]
    placed = [(p["start"], p["end"], "@(", f"={p.get('country') or '?'})") for p in places
              if p.get("segment") == segment]
    return _non_overlapping([triggers, actors, timed, placed])


def _non_overlapping(groups: list[list[tuple]]) -> list[tuple]:
    """Marks of the earlier groups first; a later mark overlapping a chosen one is dropped."""
    chosen, taken = [], set()
    for group in groups:
        for mark in sorted(set(group), key=lambda m: (m[0], -(m[1] - m[0]))):
            span = set(range(mark[0], mark[1]))
            if span & taken:
                continue
            taken |= span
            chosen.append(mark)
    return chosen


def _mark_text(text: str, marks) -> str:
    out, last = [], 0
    for start, end, left, right in sorted(marks):
        out += [text[last:start], left, text[start:end], right]
        last = end
    out.append(text[last:])
    return "".join(out)
