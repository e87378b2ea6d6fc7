"""Score whole coded articles against the hand-written gold of eval/articles/ (its README).

Each coded event is matched to at most one gold event of the same sentence whose trigger it
overlaps or whose type it shares (greedy, best pairs first). A matched event is a *real*
political event; its fields are then judged one by one:
- type: equal PLOVER type;
- source, target: the same set of (country, sector) pairs, a gold sector of null accepting any
  sector; an empty gold side needs an empty coded side;
- date: equal to the gold date; where the gold has none, right only when the coder did not claim
  one from the text either (it fell back to the article date);
- place: the same country as the gold place; no gold place needs no coded place;
- modality, negated, historical: equal (reported, not part of "all fields").
Recall: a gold event is found when a coded event of its sentence has its type and the same
source and target countries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eventdesk.errors import InputError
from eventdesk.evaluation.split import half as half_of

FIELDS = ("type", "source", "target", "date", "place")
EXTRA_FIELDS = ("modality", "negated", "historical")
CodeArticles = Callable[[list[dict]], list[list[dict]]]  # corpus records -> events each


@dataclass
class ArticleReport:
    gold: str
    half: str | None
    articles: int = 0
    coded: int = 0  # coded events
    real: int = 0  # coded events matched to a gold event
    gold_events: int = 0
    found: int = 0  # gold events found (type and both actor countries)
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS + EXTRA_FIELDS, 0))
    all_right: int = 0
    gold_current: int = 0  # gold events not historical
    found_current: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def share(self, count: int, total: int) -> float:
        return count / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "half": self.half or "all", "articles": self.articles,
            "coded_events": self.coded, "gold_events": self.gold_events,
            "real_share": self.share(self.real, self.coded),
            "field_precision": {f: self.share(self.right[f], self.real)
                                for f in FIELDS + EXTRA_FIELDS},
            "all_fields_precision": self.share(self.all_right, self.coded),
            "recall": self.share(self.found, self.gold_events),
            "recall_current": self.share(self.found_current, self.gold_current),
            "errors": self.errors,
        }

    def format_table(self) -> str:
        d = self.to_dict()
        lines = [f"Article evaluation: {self.gold} (half: {d['half']}, {self.articles} articles)",
                 "", f"coded events                  {self.coded}",
                 f"gold events                   {self.gold_events}",
                 f"real political events         {d['real_share']:.3f}  (of coded events)"]
        for name in FIELDS + EXTRA_FIELDS:
            lines.append(f"  {name + ' right':<28}{d['field_precision'][name]:.3f}  "
                         "(of real events)")
        lines += [f"all fields right              {d['all_fields_precision']:.3f}  "
                  "(of coded events: type, source, target, date, place)",
                  f"recall (type + countries)     {d['recall']:.3f}  (of gold events)",
                  f"recall, not historical        {d['recall_current']:.3f}"]
        for err in self.errors:
            lines += ["", f"[{err['article']}] {err['kind']}: {err['sentence']}"]
            lines += [f"  {k}: {v}" for k, v in err.items()
                      if k not in ("article", "kind", "sentence")]
        return "\n".join(lines) + "\n"


def read_article_gold(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        raise InputError(path, (exc.strerror or str(exc)).lower()) from None
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg}", number) from None
        if not isinstance(record, dict) or not isinstance(record.get("events"), list) \
                or "article_id" not in record:
            raise InputError(path, "record needs 'article_id' and an 'events' list", number)
        records.append(record)
    return records


def read_corpus(path: str, wanted: set[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    if str(record.get("id")) in wanted:
                        found[str(record["id"])] = record
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read the corpus: {exc}") from None
    missing = wanted - set(found)
    if missing:
        raise InputError(path, f"articles not in the corpus: {', '.join(sorted(missing))}")
    return found


def evaluate_articles(gold_path: str, corpus_path: str, code: CodeArticles,
                      half: str | None = None, errors: int = 0) -> ArticleReport:
    gold = [g for g in read_article_gold(gold_path)
            if half is None or half_of(str(g["article_id"])) == half]
    corpus = read_corpus(corpus_path, {str(g["article_id"]) for g in gold})
    texts = [corpus[str(g["article_id"])] for g in gold]
    coded = code(texts)
    report = ArticleReport(gold_path, half)
    for record, text, events in zip(gold, texts, coded):
        _score_article(report, record, text, events, errors)
    return report


def _score_article(report: ArticleReport, record: dict, article: dict, events: list[dict],
                   max_errors: int) -> None:
    report.articles += 1
    body = [e for e in events if e.get("segment", "body") == "body"]
    gold = record["events"]
    pairs = _match(body, gold)
    matched_gold = {g for _, g in pairs}
    report.coded += len(body)
    report.gold_events += len(gold)
    for p_index, g_index in pairs:
        report.real += 1
        verdict = judge(body[p_index], gold[g_index])
        for name, ok in verdict.items():
            report.right[name] += ok
        if all(verdict[f] for f in FIELDS):
            report.all_right += 1
        elif len(report.errors) < max_errors:
            report.errors.append(_error(record, article, "wrong fields", body[p_index],
                                        gold[g_index], verdict))
    for index, event in enumerate(body):
        if index not in {p for p, _ in pairs} and len(report.errors) < max_errors:
            report.errors.append(_error(record, article, "not in the gold", event, None, {}))
    for g_index, g in enumerate(gold):
        hit = any(_found(e, g) for e in body if _same_sentence(e, g))
        report.found += hit
        if not g.get("historical"):
            report.gold_current += 1
            report.found_current += hit
        if not hit and g_index not in matched_gold and len(report.errors) < max_errors:
            report.errors.append(_error(record, article, "missed", None, g, {}))


def _same_sentence(event: dict, gold: dict) -> bool:
    return event["sentence_start"] <= gold["start"] < event["sentence_end"]


def _overlaps(event: dict, gold: dict) -> bool:
    trigger = event["trigger"]
    return trigger["start"] < gold["end"] and gold["start"] < trigger["end"]


def _match(events: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs, best first: trigger overlap and same type, then either."""
    candidates = []
    for p, event in enumerate(events):
        for g, item in enumerate(gold):
            if not _same_sentence(event, item):
                continue
            overlap, same = _overlaps(event, item), event["plover_type"] == item["type"]
            if overlap or same:
                score = 2 * overlap + same
                distance = abs(event["trigger"]["start"] - item["start"])
                candidates.append((-score, distance, p, g))
    pairs, used_p, used_g = [], set(), set()
    for _, _, p, g in sorted(candidates):
        if p not in used_p and g not in used_g:
            pairs.append((p, g))
            used_p.add(p)
            used_g.add(g)
    return pairs


def _actor_pairs(actors: list[dict]) -> list[tuple[str | None, str | None]]:
    return [(a.get("country"), a.get("sector")) for a in actors or []]


def side_right(coded: list[dict], gold: list[dict]) -> bool:
    """The same actors: every gold actor matched by a distinct coded one and nothing more."""
    want, remaining = _actor_pairs(gold), list(dict.fromkeys(_actor_pairs(coded)))
    for country, sector in want:
        match = next((h for h in remaining if h[0] == country
                      and (sector is None or h[1] == sector)), None)
        if match is None:
            return False
        remaining.remove(match)
    return not remaining


def _countries(actors: list[dict]) -> set:
    return {a.get("country") for a in actors or []}


def _found(event: dict, gold: dict) -> bool:
    return event["plover_type"] == gold["type"] \
        and _countries(event.get("source")) == _countries(gold.get("source")) \
        and _countries(event.get("target")) == _countries(gold.get("target"))


def judge(event: dict, gold: dict) -> dict[str, bool]:
    place, where = gold.get("place"), event.get("location")
    if gold.get("date"):
        date_ok = event.get("date") == gold["date"]
    else:
        date_ok = event.get("date_basis") in (None, "article_date")
    return {
        "type": event["plover_type"] == gold["type"],
        "source": side_right(event.get("source"), gold.get("source")),
        "target": side_right(event.get("target"), gold.get("target")),
        "date": date_ok,
        "place": (where is None) if not place else (where or {}).get("country")
        == place.get("country"),
        "modality": event.get("modality", "factual") == gold.get("modality", "factual"),
        "negated": bool(event.get("negated")) == bool(gold.get("negated")),
        "historical": bool(event.get("historical")) == bool(gold.get("historical")),
    }


def _codes(actors) -> str:
    return " ".join(f"{a.get('country') or '-'}{a.get('sector') or ''}" for a in actors or []) \
        or "-"


def _describe(event: dict | None, gold: bool) -> str | None:
    if event is None:
        return None
    if gold:
        place = (event.get("place") or {}).get("country")
        past = " historical" if event.get("historical") else ""
        return (f"{event['type']} {_codes(event.get('source'))} -> {_codes(event.get('target'))}"
                f" '{event['trigger']}' date={event.get('date')} place={place} "
                f"{event.get('modality', 'factual')}{past}")
    place = (event.get("location") or {}).get("country")
    return (f"{event['plover_type']} {_codes(event.get('source'))} -> "
            f"{_codes(event.get('target'))} '{event['trigger']['text']}' date={event.get('date')}"
            f" ({event.get('date_basis')}) place={place} {event.get('modality')}"
            f"{' negated' if event.get('negated') else ''} [{event.get('rule')}]")


def _error(record: dict, article: dict, kind: str, event: dict | None, gold: dict | None,
           verdict: dict[str, bool]) -> dict[str, Any]:
    text = article["text"]
    if event is not None:
        sentence = event["sentence_text"]
    else:
        start = text.rfind(". ", 0, gold["start"]) + 2 if gold else 0
        end = text.find(". ", gold["end"]) if gold else 0
        sentence = text[max(start, 0):end + 1 if end > 0 else None]
    sentence = " ".join(sentence.split())
    out: dict[str, Any] = {"article": record["article_id"], "kind": kind,
                           "sentence": sentence[:300]}
    if event is not None:
        out["coded"] = _describe(event, gold=False)
    if gold is not None:
        out["gold"] = _describe(gold, gold=True)
    if verdict:
        out["wrong"] = ", ".join(k for k, ok in verdict.items() if not ok)
    return out
