"""Render one stored article with its annotations marked inline."""

from __future__ import annotations


def render_article(view: dict) -> str:
    article = view["article"]
    lines = [f"{article['id']}  {article['date'] or 'no date'}  {article['source'] or ''}",
             f"title: {article['title'] or ''}", ""]
    marks = _marks(view)
    lines.append(_mark_text(article["text"], marks))
    lines.append("")
    lines.append("Legend: [[trigger]]  {actor}  <time>")
    lines.append("")
    lines.append("Events:")
    for event in view["events"]:
        src = "+".join(a["code"] or a["text"] for a in event["source"]) or "-"
        tgt = "+".join(a["code"] or a["text"] for a in event["target"]) or "-"
        flags = []
        if event["negated"]:
            flags.append("negated")
        if event["modality"] != "factual":
            flags.append(event["modality"])
        lines.append(
            f"  {event['date'] or '?'} {event['plover_type']} ({event['cameo_code']}) "
            f"{src} -> {tgt} \"{event['trigger']['text']}\" {' '.join(flags)}  [{event['rule']}]")
        if event.get("content"):
            lines.append(f"      content: {event['content']}")
    if view["times"]:
        lines.append("Times:")
        lines.extend(f"  {t['text']!r} -> {t['type']} {t['value']}" for t in view["times"])
    return "\n".join(lines)


def _marks(view: dict) -> list[tuple[int, int, str, str]]:
    marks = []
    for event in view["events"]:
        if event["segment"] == "body":
            marks.append((event["trigger"]["start"], event["trigger"]["end"], "[[", "]]"))
            for actor in event["source"] + event["target"]:
                if actor["segment"] == "body":
                    marks.append((actor["start"], actor["end"], "{", "}"))
    marks += [(t["start"], t["end"], "<", ">") for t in view["times"] if t["segment"] == "body"]
    return _non_overlapping(marks)


def _non_overlapping(marks):
    chosen, taken = [], set()
    for mark in sorted(set(marks), key=lambda m: (m[0], -(m[1] - m[0]))):
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
