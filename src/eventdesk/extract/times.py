"""Time expressions: find them, normalise them TIMEX3-style against the article date, and
date events by the expression that governs them.

Spans come from spaCy DATE/TIME entities plus compiled regexes (``timex.spans``); values
from a rule table (``timex.rules``). A weekday or a month-day without a year looks back in a
past-tense clause and ahead in a future or planned one. Without an article date, relative
expressions get no value while absolute ones ("May 16, 2025") still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from eventdesk.extract.syntax import clause_head
from eventdesk.extract.timex.rules import normalise
from eventdesk.extract.timex.spans import candidate_spans, direction, keep
from eventdesk.model import TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventDate", "TimeFinder", "normalise", "precision_of"]

ABSOLUTE = re.compile(r"^\d{4}")
# subordinating words whose clause has its own time ("if they pull out" is not dated by the
# main clause's "in 1991"; "after the rebels attacked" not by "the army responded on Monday")
APART_MARKS = frozenset({"if", "unless", "after", "before", "because", "since", "although",
                         "though", "once", "until", "till"})
ANAPHORIC = re.compile(r"\b(?:earlier|later|before|after|ago|previous|same|latest)\b", re.I)


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
        """Every time expression of a parsed segment, with its TIMEX3 type and value."""
        found = []
        ref: str | None = None
        doc_text = doc.text  # Doc.text joins every token on each access: read it once
        for start, end in candidate_spans(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            text = doc_text[start:end]
            kind, value = normalise(text, self.anchor, direction(span), ref)
            if value is None and len(span) > 1:
                start, end, span, kind, value = self._narrow(doc, span, ref, (kind, value))
                text = doc_text[start:end]
            if not keep(text, value):
                continue
            if kind == "DATE" and value and ABSOLUTE.match(value) and not ANAPHORIC.search(text):
                ref = value
            found.append((TimeExpr(segment, offset + start, offset + end, text, kind, value),
                          span))
        return found

    def _narrow(self, doc: Doc, span: Span, ref: str | None, result: tuple[str, str | None]):
        """Entity spans with stray words ("d'etat last year", "April month"): the largest
        sub-span, dropping up to three words on the left or two on the right, with a value."""
        n = len(span)
        for size in range(n - 1, max(n - 4, 0), -1):
            for left in range(0, n - size + 1):
                if n - size - left > 2:
                    continue
                sub = doc[span.start + left:span.start + left + size]
                if not sub.text.strip() or sub[0].is_punct:
                    continue
                kind, value = normalise(sub.text, self.anchor, direction(sub), ref)
                if value is not None:
                    return sub.start_char, sub.end_char, sub, kind, value
        return span.start_char, span.end_char, span, *result

    def normalise(self, span: Span) -> tuple[str, str | None]:
        """Type and value of one span of a parsed doc (no anaphoric reference time)."""
        return normalise(span.text, self.anchor, direction(span))

    def event_date(self, trigger: Token, doc_times: list[tuple[TimeExpr, Span]],
                   modality: str) -> EventDate:
        """The date of the time expression that governs the trigger (same clause, else the
        nearest clause above it in the same sentence), else the article date. A time in a
        clause beside or below the trigger's ("in 1991" of "our fate will be like theirs in
        1991" after "if they pull out") or one that modifies another noun ("since the 2016
        coup") dates something else."""
        best = None
        sent = trigger.sent
        for expr, span in doc_times:
            if not sent.start <= span.start < sent.end:
                continue
            if expr.type not in ("DATE", "TIME") or precision_of(expr.value) is None:
                continue
            if _in_other_relative_clause(span.root, trigger):
                continue  # "Erdogan, who met Rouhani on Thursday, praised ...": not the praise's
            if modality != "factual" and _date_of_saying(span.root, trigger):
                continue  # "said last month that it would strike": when it was said
            if _dates_other_noun(span.root, trigger):
                continue
            same_clause = clause_head(span.root) == clause_head(trigger)
            if not same_clause and not _governs(span.root, trigger):
                continue
            key = (0 if same_clause else 1, _tree_distance(trigger, span.root),
                   abs(span.start - trigger.i))
            if best is None or key < best[0]:
                best = (key, expr)
        if best is not None:
            expr = best[1]
            absolute = precision_of(normalise(expr.text, None)[1]) is not None
            basis = "explicit" if absolute else "relative"
            return EventDate(_event_value(expr.value), precision_of(expr.value), expr.text, basis)
        if self.anchor is not None:
            return EventDate(self.anchor.isoformat(), "day", None, "article_date")
        return EventDate(None, None, None, None)


def precision_of(value: str | None) -> str | None:
    """day, week, month or year for the calendar values an event date can take, else None."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def _event_value(value: str) -> str:
    """A calendar date string for the event: weeks become their Monday (Saturday for -WE)."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        return date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1).isoformat()
    return value[:10]


def _in_other_relative_clause(time_root: Token, trigger: Token) -> bool:
    """The time lies in a relative clause that modifies another noun than the trigger and
    does not hold the trigger ("the talks, which are planned for June 2" is the talks')."""
    head = clause_head(time_root)
    if head.dep_ not in ("relcl", "acl") or head.head.i == trigger.i:
        return False
    return not any(t.i == trigger.i for t in head.subtree)


def _governs(time_root: Token, trigger: Token) -> bool:
    """The time's clause is above the trigger's, and no subordinating word that sets the
    trigger's clause apart in time ("if", "after", "because") lies between them."""
    head = clause_head(time_root)
    if head.dep_ in ("relcl", "acl") and head.head.i == trigger.i:
        return True  # "talks, which are planned for June 2": the talks' own clause
    clause = clause_head(trigger)
    for _ in range(8):
        if clause.head.i == clause.i:
            return False
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in APART_MARKS
                                          for c in clause.children):
            return False
        clause = clause_head(clause.head)
        if clause.i == head.i:
            return True
    return False


def _dates_other_noun(time_root: Token, trigger: Token) -> bool:
    """"since the 2016 coup", "last year's elections": the time modifies a noun that is
    neither the trigger nor its subject or object."""
    noun = time_root.head
    return time_root.dep_ in ("compound", "nmod", "amod", "nummod", "poss") \
        and noun.pos_ in ("NOUN", "PROPN") and noun.i != trigger.i \
        and not (noun.head.i == trigger.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj"))


def _date_of_saying(time_root: Token, trigger: Token) -> bool:
    """The time belongs to a clause that reports the trigger's clause ("said in March that
    Russia would respond"): it dates the saying, not a possible act."""
    saying = clause_head(time_root)
    clause = clause_head(trigger)
    for _ in range(6):
        if clause.i == saying.i or clause.head.i == clause.i:
            return False
        if clause.dep_ in ("ccomp", "xcomp") and clause_head(clause.head).i == saying.i:
            return True
        clause = clause_head(clause.head)
    return False


def _tree_distance(a: Token, b: Token) -> int:
    ancestors = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors:
            return n + ancestors[t.i]
    return 99


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
