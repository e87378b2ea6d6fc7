"""The result of an event evaluation: scores, per-type table, confusion, error examples.

``EventReport.to_dict()`` is the JSON shape other tools read; ``format_table()`` is the plain-text
report for a 100-column terminal.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from eventdesk.model import PLOVER_TYPES

WIDTH = 100
NONE_LABEL = "none"


@dataclass
class Score:
    """Micro-averaged counts; a ratio with a zero denominator is 0.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class EventReport:
    file: str
    records: int = 0
    half: str | None = None
    type: Score = field(default_factory=Score)
    triple: Score = field(default_factory=Score)
    cameo_root: Score | None = None  # None when no gold record carries CAMEO codes
    cameo_records: int = 0
    per_type: dict[str, Score] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold -> predicted -> n
    errors: list[dict[str, Any]] = field(default_factory=list)

    def type_labels(self) -> list[str]:
        """Types seen in gold or predictions: PLOVER order first, then any others sorted."""
        seen = set(self.per_type)
        known = [t for t in PLOVER_TYPES if t in seen]
        return known + sorted(seen - set(PLOVER_TYPES))

    def to_dict(self) -> dict[str, Any]:
        cameo = None
        if self.cameo_root is not None:
            cameo = {**self.cameo_root.to_dict(), "records": self.cameo_records}
        return {
            "file": self.file,
            "half": self.half or "all",
            "records": self.records,
            "type": self.type.to_dict(),
            "triple": self.triple.to_dict(),
            "cameo_root": cameo,
            "per_type": {t: self.per_type[t].to_dict() for t in self.type_labels()},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "errors": list(self.errors),
        }

    def format_table(self) -> str:
        parts = [
            f"Event evaluation: {self.file} ({self.records} records, half: {self.half or 'all'})",
            "",
            _headline(self),
            "",
            _per_type(self),
        ]
        if self.confusion:
            parts += ["", _confusion(self)]
        if self.errors:
            parts += ["", _errors(self.errors)]
        return "\n".join(parts) + "\n"


def _score_row(label: str, score: Score, width: int) -> str:
    return (
        f"{label:<{width}}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
        f"{score.tp:>7}{score.fp:>7}{score.fn:>7}"
    )


def _header(label: str, width: int) -> str:
    return f"{label:<{width}}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"


def _headline(report: EventReport) -> str:
    lines = [
        _header("metric", 30),
        _score_row("event type (per sentence)", report.type, 30),
        _score_row("type + source + target", report.triple, 30),
    ]
    if report.cameo_root is None:
        lines.append(f"{'CAMEO root (per sentence)':<30}    n/a (no CAMEO codes in gold)")
    else:
        row = _score_row("CAMEO root (per sentence)", report.cameo_root, 30)
        lines.append(f"{row}   ({report.cameo_records} records)")
    return "\n".join(lines)


def _per_type(report: EventReport) -> str:
    lines = ["Per type (from event type)", _header("type", 14)]
    lines += [_score_row(t, report.per_type[t], 14) for t in report.type_labels()]
    return "\n".join(lines)


def _confusion_labels(report: EventReport) -> list[str]:
    occurring = {g for g in report.confusion} | {
        p for row in report.confusion.values() for p in row
    }
    labels = [t for t in report.type_labels() if t in occurring]
    return labels + sorted(occurring - set(labels) - {NONE_LABEL}) + [NONE_LABEL]


def _confusion(report: EventReport) -> str:
    labels = _confusion_labels(report)
    row_width = max(len(label) for label in labels) + 2
    heads = labels
    if row_width + sum(len(h) + 1 for h in heads) > WIDTH:
        short = [h[:4] for h in heads]
        heads = short if len(set(short)) == len(short) else heads
    cells = [max(len(h), 3) + 1 for h in heads]
    lines = [
        "Confusion (rows gold, columns predicted; records with one gold and one predicted type,",
        "  'none' = every gold type missed / every predicted type extra)",
        "gold\\pred".ljust(row_width) + "".join(h.rjust(w) for h, w in zip(heads, cells)),
    ]
    for gold in labels:
        row = report.confusion.get(gold, {})
        counts = "".join(
            (str(row[p]) if row.get(p) else ".").rjust(w) for p, w in zip(labels, cells)
        )
        lines.append(gold.ljust(row_width) + counts)
    return "\n".join(lines)


def _fmt_triples(triples: list[list]) -> str:
    return ", ".join("(" + " ".join(str(x) for x in t) + ")" for t in triples) or "-"


def _errors(errors: list[dict[str, Any]]) -> str:
    lines = [f"Errors ({len(errors)} records where the type sets differ)"]
    for err in errors:
        lines += textwrap.wrap(f"[{err['id']}] {err['text']}", WIDTH, subsequent_indent="    ")
        for side in ("gold", "predicted"):
            types = " ".join(err[f"{side}_types"]) or "-"
            body = f"{side + ':':<11}{types} | {_fmt_triples(err[f'{side}_triples'])}"
            lines += textwrap.wrap(body, WIDTH, initial_indent="  ", subsequent_indent="    ")
        for event in err["predicted_events"]:
            flag = "" if event["counted"] else " (ignored: negated/conditional/hypothetical)"
            body = f"rule:      {event['plover_type']} <- {event['rule']}{flag}"
            lines += textwrap.wrap(body, WIDTH, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines)
