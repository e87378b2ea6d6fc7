"""Score a geoparser against gold toponyms (geo_*.jsonl of eval/dev).

Recognition: a predicted place matches a gold toponym when their character spans overlap;
matching is one-to-one, in text order. Precision = matched predictions / predictions, recall =
matched gold toponyms / gold toponyms. Resolution: over the matched gold toponyms that have
coordinates, Acc@161 is the share whose predicted point lies within 161 km (100 miles); a
matched prediction without coordinates counts as a miss. The mean error (km) is taken over the
pairs where both have coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import InputError, describe
from eventdesk.evaluation.gold import gold_records, require

ACC_KM = 161.0
EARTH_KM = 6371.0088

# tag_fn(text, date) -> predicted places: Place objects or dicts with start, end, lat, lon
TagFn = Callable[[str, str | None], Iterable[Any]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _as_dict(p: Any) -> dict[str, Any]:
    return p if isinstance(p, dict) else p.to_dict()


@dataclass
class PlaceReport:
    gold_path: str = ""
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    resolvable: int = 0  # matched gold toponyms with coordinates
    within: int = 0  # of those, predicted within ACC_KM
    errors_km: list[float] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        return self.within / self.resolvable if self.resolvable else 0.0

    @property
    def mean_error_km(self) -> float | None:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else None

    def to_dict(self) -> dict[str, Any]:
        mean = self.mean_error_km
        return {
            "gold": self.gold_path,
            "documents": self.documents,
            "recognition": {
                "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4),
            },
            "resolution": {
                "resolvable": self.resolvable, "within_161km": self.within,
                "acc161": round(self.acc161, 4),
                "mean_error_km": None if mean is None else round(mean, 1),
            },
            "errors": self.errors,
        }

    def format_table(self) -> str:
        mean = self.mean_error_km
        lines = [
            f"gold: {self.gold_path} ({self.documents} documents)",
            f"{'':<14}{'gold':>7}{'pred':>7}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}",
            f"{'recognition':<14}{self.gold:>7}{self.predicted:>7}{self.matched:>7}"
            f"{self.precision:>8.3f}{self.recall:>8.3f}{self.f1:>8.3f}",
            f"resolution: Acc@161 {self.acc161:.3f} ({self.within}/{self.resolvable})"
            f", mean error {'-' if mean is None else f'{mean:.0f}'} km",
        ]
        if self.errors:
            lines.append("errors:")
            for e in self.errors:
                lines.append(f"  [{e['doc_id']}] {e['kind']}: {e['text']!r}"
                             + (f" -> {e.get('predicted')}" if e.get("predicted") else "")
                             + (f" ({e['km']:.0f} km)" if e.get("km") is not None else ""))
        return "\n".join(lines)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_document(report: PlaceReport, doc_id: str, gold: list[dict[str, Any]],
                   predicted: list[dict[str, Any]], max_errors: int = 0) -> None:
    """Add one document's gold toponyms and predicted places to the report."""
    report.documents += 1
    report.gold += len(gold)
    report.predicted += len(predicted)
    used = [False] * len(predicted)
    preds = sorted(range(len(predicted)), key=lambda i: predicted[i]["start"])

    def note(kind: str, g: dict[str, Any], p: dict[str, Any] | None = None, km=None) -> None:
        if len(report.errors) < max_errors:
            report.errors.append({
                "doc_id": doc_id, "kind": kind, "text": g.get("text"),
                "predicted": None if p is None else f"{p.get('name')} ({p.get('country')}, "
                                                    f"{p.get('feature')})",
                "km": km,
            })

    for g in sorted(gold, key=lambda t: t["start"]):
        match = next((i for i in preds if not used[i] and _overlap(g, predicted[i])), None)
        if match is None:
            note("missed", g)
            continue
        used[match] = True
        report.matched += 1
        p = predicted[match]
        if g.get("lat") is None or g.get("lon") is None:
            continue
        report.resolvable += 1
        if p.get("lat") is None or p.get("lon") is None:
            note("unresolved", g, p)
            continue
        km = haversine_km(float(g["lat"]), float(g["lon"]), float(p["lat"]), float(p["lon"]))
        report.errors_km.append(km)
        if km <= ACC_KM:
            report.within += 1
        else:
            note("far", g, p, km)
    for i in preds:
        if not used[i]:
            p = predicted[i]
            note("spurious", {"text": p.get("text")}, p)


def evaluate_places(gold_path: str | Path, tag_fn: TagFn, errors: int = 0,
                    keep=lambda record: True) -> PlaceReport:
    """Run ``tag_fn`` on every gold document's text (those ``keep`` accepts: a half) and score
    its places.

    A malformed gold record raises InputError naming the file and line."""
    report = PlaceReport(gold_path=str(gold_path))
    for n, rec in gold_records(gold_path):
        require(gold_path, n, rec, {"text": str, "toponyms": (list, type(None))})
        if not keep(rec):
            continue
        predicted = [_as_dict(p) for p in tag_fn(rec["text"], rec.get("date"))]
        predicted = [p for p in predicted if p.get("segment", "body") == "body"]
        try:
            score_document(report, str(rec.get("doc_id", n)), rec.get("toponyms") or [],
                           predicted, errors)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(str(gold_path), f"malformed toponym: {describe(exc)}", n) from None
    return report
