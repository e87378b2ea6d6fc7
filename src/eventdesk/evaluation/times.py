"""Score time-expression tagging against TimeML gold (TempEval-3 style).

Each gold line is ``{"doc_id", "dct", "text", "timexes": [{"start", "end", "text", "type",
"value"}, ...]}``. The tagger ``tag_fn(text, dct)`` returns the same kind of dicts for one
document. System and gold expressions are paired one to one, largest overlap first:

- relaxed extraction: a pair counts when the spans overlap;
- strict extraction: a pair counts when the spans are identical;
- value: a relaxed pair whose normalised values are equal (TempEval-3 "value F1");
- type accuracy: share of relaxed pairs with the same TIMEX3 type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import InputError
from eventdesk.evaluation.gold import gold_records, require

TagFn = Callable[[str, str | None], list[dict[str, Any]]]


@dataclass(frozen=True)
class PRF:
    correct: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "system": self.system, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class TimeReport:
    documents: int = 0
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def extraction(self) -> PRF:
        return PRF(self.relaxed, self.system, self.gold)

    @property
    def strict_extraction(self) -> PRF:
        return PRF(self.strict, self.system, self.gold)

    @property
    def value_score(self) -> PRF:
        return PRF(self.value, self.system, self.gold)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "extraction_relaxed": self.extraction.to_dict(),
            "extraction_strict": self.strict_extraction.to_dict(),
            "value": self.value_score.to_dict(),
            "type_accuracy": round(self.type_accuracy, 4),
            "errors": self.errors,
            "missed": self.missed,
            "spurious": self.spurious,
        }

    def format_table(self) -> str:
        rows = [("extraction (relaxed)", self.extraction),
                ("extraction (strict)", self.strict_extraction),
                ("value", self.value_score)]
        lines = [f"{self.documents} documents, {self.gold} gold, {self.system} system timexes",
                 f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'correct':>8}"]
        for name, s in rows:
            lines.append(f"{name:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                         f"{s.correct:8d}")
        lines.append(f"{'type accuracy':22} {self.type_accuracy:6.3f}")
        if self.errors:
            lines.append("")
            lines.append("wrong values (doc, dct, text: system -> gold):")
            for e in self.errors:
                lines.append(f"  {e['doc_id']} {e['dct']} {e['system_text']!r}: "
                             f"{e['system_type']} {e['system_value']} -> "
                             f"{e['gold_type']} {e['gold_value']} ({e['gold_text']!r})")
        if self.missed:
            lines.append("missed:")
            lines.extend(f"  {m['doc_id']} {m['text']!r} {m['type']} {m['value']}"
                         for m in self.missed)
        if self.spurious:
            lines.append("spurious:")
            lines.extend(f"  {m['doc_id']} {m['text']!r} {m['type']} {m['value']}"
                         for m in self.spurious)
        return "\n".join(lines)


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    records = []
    for n, record in gold_records(path):
        if "text" not in record or "timexes" not in record:
            raise InputError(str(path), "record without text/timexes", n)
        require(path, n, record, {"text": str, "timexes": list})
        records.append(record)
    return records


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans: a maximum matching
    (augmenting paths), each gold expression trying its largest overlaps first."""
    options = [sorted((s for s, sx in enumerate(system) if _overlap(gx, sx) > 0),
                      key=lambda s, gx=gx: -_overlap(gx, system[s])) for gx in gold]
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for s in options[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return sorted((g, s) for s, g in owner.items())


def score_document(report: TimeReport, record: dict[str, Any], system: list[dict[str, Any]],
                   errors: int = 0) -> None:
    gold = record["timexes"]
    report.documents += 1
    report.gold += len(gold)
    report.system += len(system)
    pairs = match(gold, system)
    doc_id = record.get("doc_id", str(report.documents))
    for g, s in pairs:
        gx, sx = gold[g], system[s]
        report.relaxed += 1
        report.strict += gx["start"] == sx["start"] and gx["end"] == sx["end"]
        report.type_ok += gx.get("type") == sx.get("type")
        if sx.get("value") is not None and sx.get("value") == gx.get("value"):
            report.value += 1
        elif len(report.errors) < errors:
            report.errors.append({
                "doc_id": doc_id, "dct": record.get("dct"),
                "system_text": sx.get("text"), "system_type": sx.get("type"),
                "system_value": sx.get("value"), "gold_text": gx.get("text"),
                "gold_type": gx.get("type"), "gold_value": gx.get("value")})
    if errors:
        matched_g = {g for g, _ in pairs}
        matched_s = {s for _, s in pairs}
        for n, gx in enumerate(gold):
            if n not in matched_g and len(report.missed) < errors:
                report.missed.append({"doc_id": doc_id, "text": gx.get("text"),
                                      "type": gx.get("type"), "value": gx.get("value")})
        for n, sx in enumerate(system):
            if n not in matched_s and len(report.spurious) < errors:
                report.spurious.append({"doc_id": doc_id, "text": sx.get("text"),
                                        "type": sx.get("type"), "value": sx.get("value")})


def evaluate_records(records: Iterable[dict[str, Any]], tag_fn: TagFn,
                     errors: int = 0) -> TimeReport:
    report = TimeReport()
    for record in records:
        system = tag_fn(record["text"], record.get("dct"))
        score_document(report, record, list(system), errors)
    return report


def evaluate_times(gold_path: str | Path, tag_fn: TagFn, errors: int = 0) -> TimeReport:
    """Score ``tag_fn`` on every document of a TimeML-derived gold JSON Lines file."""
    return evaluate_records(read_gold(gold_path), tag_fn, errors)


def spacy_tagger(nlp: Any) -> TagFn:
    """A tag_fn running eventdesk's TimeFinder on a parsed document."""
    from eventdesk.extract.times import TimeFinder

    def tag(text: str, dct: str | None) -> list[dict[str, Any]]:
        doc = nlp(text)
        return [expr.to_dict() for expr, _ in TimeFinder(dct).find(doc, "body", 0)]

    return tag
