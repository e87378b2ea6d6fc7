"""Score one-event reports (case2021_dev: ACLED-style snippets) and labelled stories
(ngec_synthetic_dev) against the coder's events. Schemas: eval/dev/README.md.

Snippets: hit rate = share of scored snippets where some non-negated event has an accepted type;
top accuracy = share where the most confident non-negated event has one; false alarms = share of
disaster snippets (``none_expected``) that get any event at all.
Stories: label recall = share of stories whose label is among the types of the coded factual,
non-negated events, macro-averaged over the labels; beside it the number of distinct such types
per story (median and mean).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventdesk.errors import InputError
from eventdesk.evaluation.split import in_half
from eventdesk.model import PLOVER_TYPES

# (title, text) -> events (contract dicts), one list per input, in order
CodeTexts = Callable[[list[tuple[str | None, str]]], list[list[dict]]]
ERROR_TEXT_CHARS = 160


def read_records(path: str, required: tuple[str, ...], half: str | None) -> Iterator[dict]:
    """Gold records of ``path`` in ``half`` (None: all); InputError names file and line."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg}", number) from None
        if not isinstance(record, dict) or any(k not in record for k in required):
            raise InputError(path, f"record lacks one of {', '.join(required)}", number)
        if in_half(record, half):
            yield record


def factual(event: dict) -> bool:
    return not event.get("negated") and event.get("modality", "factual") == "factual"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ERROR_TEXT_CHARS else text[:ERROR_TEXT_CHARS - 3] + "..."


@dataclass
class SnippetReport:
    file: str
    half: str | None
    scored: int = 0
    hits: int = 0
    top_hits: int = 0
    disasters: int = 0
    false_alarms: int = 0
    unscored: int = 0
    per_subtype: dict[str, list[int]] = field(default_factory=dict)  # subtype -> [n, hit, top]
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.scored if self.scored else 0.0

    @property
    def top_accuracy(self) -> float:
        return self.top_hits / self.scored if self.scored else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.disasters if self.disasters else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "half": self.half or "all", "scored": self.scored,
                "hit_rate": self.hit_rate, "top_accuracy": self.top_accuracy,
                "disasters": self.disasters, "false_alarm_rate": self.false_alarm_rate,
                "unscored": self.unscored,
                "per_subtype": {k: dict(zip(("n", "hits", "top"), v))
                                for k, v in sorted(self.per_subtype.items())},
                "errors": self.errors}

    def format_table(self) -> str:
        lines = [f"Snippet evaluation: {self.file} (half: {self.half or 'all'})", "",
                 f"scored snippets     {self.scored}",
                 f"hit rate            {self.hit_rate:.3f}",
                 f"top accuracy        {self.top_accuracy:.3f}",
                 f"disaster snippets   {self.disasters}",
                 f"false-alarm rate    {self.false_alarm_rate:.3f}",
                 f"unscored snippets   {self.unscored}", "",
                 f"{'subtype':<34}{'n':>5}{'hit':>7}{'top':>7}"]
        for name, (n, hit, top) in sorted(self.per_subtype.items()):
            lines.append(f"{name:<34}{n:>5}{hit / n:>7.2f}{top / n:>7.2f}")
        for err in self.errors:
            lines += ["", f"[{err['id']}] {err['subtype']} accept={','.join(err['accept'])}",
                      f"  {err['text']}"]
            lines += [f"  -> {e}" for e in err["predicted"]] or ["  -> (no event)"]
        return "\n".join(lines) + "\n"


def evaluate_snippets(path: str, code_texts: CodeTexts, half: str | None = None,
                      errors: int = 0) -> SnippetReport:
    records = list(read_records(path, ("id", "text", "accept"), half))
    predictions = code_texts([(None, r["text"]) for r in records])
    report = SnippetReport(path, half)
    for record, events in zip(records, predictions):
        _score_snippet(report, record, events, errors)
    return report


def _score_snippet(report: SnippetReport, record: dict, events: list[dict],
                   max_errors: int) -> None:
    asserted = [e for e in events if not e.get("negated")]
    if record.get("none_expected"):
        report.disasters += 1
        report.false_alarms += bool(events)
        wrong = bool(events)
    elif not record.get("scored", True):
        report.unscored += 1
        return
    else:
        accept = set(record["accept"])
        hit = any(e["plover_type"] in accept for e in asserted)
        top = max(asserted, key=lambda e: e.get("confidence", 0), default=None)
        top_hit = top is not None and top["plover_type"] in accept
        report.scored += 1
        report.hits += hit
        report.top_hits += top_hit
        row = report.per_subtype.setdefault(record.get("subtype", "?"), [0, 0, 0])
        row[0] += 1
        row[1] += hit
        row[2] += top_hit
        wrong = not top_hit
    if wrong and len(report.errors) < max_errors:
        report.errors.append({
            "id": record["id"], "subtype": record.get("subtype"),
            "accept": record.get("accept") or [], "text": _short(record["text"]),
            "predicted": [f"{e['plover_type']} {e.get('confidence', 0):.2f} "
                          f"{'negated ' if e.get('negated') else ''}{e.get('rule')}"
                          for e in events]})


@dataclass
class StoryReport:
    file: str
    half: str | None
    stories: int = 0
    per_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [n, found]
    types_per_story: list[int] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def macro_recall(self) -> float:
        rows = [found / n for n, found in self.per_label.values() if n]
        return sum(rows) / len(rows) if rows else 0.0

    @property
    def median_types(self) -> float:
        return statistics.median(self.types_per_story) if self.types_per_story else 0.0

    @property
    def mean_types(self) -> float:
        return statistics.fmean(self.types_per_story) if self.types_per_story else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "half": self.half or "all", "stories": self.stories,
                "macro_label_recall": self.macro_recall,
                "median_types_per_story": self.median_types,
                "mean_types_per_story": self.mean_types,
                "per_label": {k: {"n": n, "recall": f / n if n else 0.0}
                              for k, (n, f) in sorted(self.per_label.items())},
                "errors": self.errors}

    def format_table(self) -> str:
        lines = [f"Story evaluation: {self.file} (half: {self.half or 'all'})", "",
                 f"stories                 {self.stories}",
                 f"macro label recall      {self.macro_recall:.3f}",
                 f"types per story         median {self.median_types:g}, "
                 f"mean {self.mean_types:.2f}", "", f"{'label':<12}{'n':>5}{'recall':>8}"]
        for label in PLOVER_TYPES:
            if label in self.per_label:
                n, found = self.per_label[label]
                lines.append(f"{label:<12}{n:>5}{found / n if n else 0:>8.2f}")
        for err in self.errors:
            lines += ["", f"[{err['id']}] label {err['label']}: {err['title']}",
                      f"  coded: {' '.join(err['predicted']) or '-'}"]
        return "\n".join(lines) + "\n"


def evaluate_stories(path: str, code_texts: CodeTexts, half: str | None = None,
                     errors: int = 0) -> StoryReport:
    records = list(read_records(path, ("id", "text", "label"), half))
    predictions = code_texts([(r.get("title"), r["text"]) for r in records])
    report = StoryReport(path, half)
    for record, events in zip(records, predictions):
        types = {e["plover_type"] for e in events if factual(e)}
        label = record["label"]
        row = report.per_label.setdefault(label, [0, 0])
        row[0] += 1
        row[1] += label in types
        report.stories += 1
        report.types_per_story.append(len(types))
        if label not in types and len(report.errors) < errors:
            report.errors.append({"id": record["id"], "label": label,
                                  "title": _short(record.get("title") or ""),
                                  "predicted": sorted(types)})
    return report
