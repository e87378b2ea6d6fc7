"""Time expressions: find them, normalise them against the article date, date events.

This first resolver handles the common news forms (weekdays, month + day, month,
year, today/yesterday/tomorrow, last/next week/month/year); anything else keeps
its text with value null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventdesk.model import TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
MONTH_DAY = re.compile(r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(st|nd|rd|th)?"
                       r"(,?\s+(?P<year>\d{4}))?$")
DAY_MONTH = re.compile(r"^(?P<day>\d{1,2})(st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?"
                       r"(,?\s+(?P<year>\d{4}))?$")
MONTH_YEAR = re.compile(r"^(?P<part>early|mid|late|mid-)?\s*(?P<month>[a-z]+)\.?"
                        r"(,?\s+(?P<year>\d{4}))?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YEAR = re.compile(r"^(in\s+)?(?P<year>1[89]\d\d|20\d\d)$")
FUTURE_WORDS = frozenset({"will", "shall", "next", "plan", "schedule", "due", "expect"})


@dataclass(frozen=True)
class EventDate:
    value: str | None
    precision: str | None
    text: str | None
    basis: str | None


class TimeFinder:
    def __init__(self, article_date: str | None):
        self.anchor = _parse_iso(article_date)

    def find(self, doc: Doc, segment: str, offset: int) -> list[tuple[TimeExpr, Span]]:
        found = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            kind, value = self.normalise(ent)
            found.append((TimeExpr(segment, offset + ent.start_char, offset + ent.end_char,
                                   ent.text, kind, value), ent))
        return found

    def normalise(self, span: Span) -> tuple[str, str | None]:
        text = span.text.lower().strip()
        text = re.sub(r"^(the|this|on|last|past)\s+(?=(monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday)$)", "", text)
        if span.label_ == "TIME":
            return "TIME", None
        future = _future(span)
        value = self._value(text, future)
        if value is None and re.search(r"\b(day|week|month|year)s?\b", text) and \
                re.match(r"^(\d+|a|an|one|two|three|four|five|six|seven|ten)[- ]", text):
            return "DURATION", None
        return "DATE", value

    def _value(self, text: str, future: bool) -> str | None:
        anchor = self.anchor
        if text in RELATIVE_DAYS:
            return (anchor + timedelta(days=RELATIVE_DAYS[text])).isoformat() if anchor else None
        if text in WEEKDAYS:
            return _weekday(anchor, WEEKDAYS.index(text), future) if anchor else None
        if m := ISO_DATE.match(text):
            return text
        for pattern in (MONTH_DAY, DAY_MONTH):
            if (m := pattern.match(text)) and _month(m["month"]):
                return _month_day(anchor, _month(m["month"]), int(m["day"]), m["year"], future)
        if (m := MONTH_YEAR.match(text)) and _month(m["month"]):
            month = _month(m["month"])
            year = int(m["year"]) if m["year"] else _year_for(anchor, month, 1, future)
            return f"{year:04d}-{month:02d}" if year else None
        if m := YEAR.match(text):
            return m["year"]
        return self._relative_period(text)

    def _relative_period(self, text: str) -> str | None:
        anchor = self.anchor
        if anchor is None:
            return None
        step = {"last": -1, "past": -1, "next": 1, "this": 0, "coming": 1}
        m = re.match(r"^(last|next|this|past|coming)\s+(week|month|year)$", text)
        if not m:
            return None
        delta, unit = step[m[1]], m[2]
        if unit == "week":
            day = anchor + timedelta(weeks=delta)
            iso = day.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}"
        if unit == "month":
            month = anchor.month - 1 + delta
            return f"{anchor.year + month // 12:04d}-{month % 12 + 1:02d}"
        return f"{anchor.year + delta:04d}"

    def event_date(self, trigger: Token, doc_times: list[tuple[TimeExpr, Span]],
                   modality: str) -> EventDate:
        """The date of the time expression that governs the trigger, else the article date."""
        best = None
        for expr, span in doc_times:
            if expr.value is None or expr.type != "DATE" or span.sent != trigger.sent:
                continue
            distance = _tree_distance(trigger, span.root)
            if best is None or distance < best[0]:
                best = (distance, expr)
        if best is not None:
            expr = best[1]
            basis = "explicit" if re.search(r"\d", expr.text) else "relative"
            return EventDate(expr.value, _precision(expr.value), expr.text, basis)
        if self.anchor is not None:
            return EventDate(self.anchor.isoformat(), "day", None, "article_date")
        return EventDate(None, None, None, None)


def _tree_distance(a: Token, b: Token) -> int:
    ancestors = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors:
            return n + ancestors[t.i]
    return 99


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "week" if "W" in value else "day")


def _future(span: Span) -> bool:
    head = span.root.head
    words = {c.lower_ for c in head.children} | {head.lemma_.lower()}
    words |= {t.lemma_.lower() for t in head.ancestors}
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("next", "coming"):
        return True
    return bool(words & FUTURE_WORDS)


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(word: str) -> int | None:
    word = word.lower()
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBR.get(word[:4] if word.startswith("sept") else word[:3]) if len(word) <= 4 \
        else None


def _weekday(anchor: date, weekday: int, future: bool) -> str:
    delta = (anchor.weekday() - weekday) % 7
    if future:
        return (anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)).isoformat()
    return (anchor - timedelta(days=delta)).isoformat()


def _year_for(anchor: date | None, month: int, day: int, future: bool) -> int | None:
    if anchor is None:
        return None
    candidate = date(anchor.year, month, min(day, 28))
    if future and candidate < anchor.replace(day=min(anchor.day, 28)) - timedelta(days=31):
        return anchor.year + 1
    if not future and candidate > anchor + timedelta(days=31):
        return anchor.year - 1
    return anchor.year


def _month_day(anchor: date | None, month: int, day: int, year: str | None,
               future: bool) -> str | None:
    resolved = int(year) if year else _year_for(anchor, month, day, future)
    if resolved is None:
        return f"XXXX-{month:02d}-{day:02d}"
    try:
        return date(resolved, month, day).isoformat()
    except ValueError:
        return None
