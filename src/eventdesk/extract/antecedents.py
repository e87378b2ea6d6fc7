"""Dates and places carried along an article: a later mention of an event already dated or
placed ("the talks", "after Trump's call with Erdogan") takes the earlier mention's date and
place when it has none of its own; background placed well before the article is historical."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from eventdesk.extract.draft import Draft
from eventdesk.extract.times import EventDate
from eventdesk.model import Place

# Events more than this long before the article date are background, not the news.
HISTORICAL_DAYS = 30


@dataclass
class Antecedents:
    """The dated or placed events of an article so far, latest last."""

    seen: list[tuple[str, frozenset, frozenset, EventDate, Place | None]] = field(
        default_factory=list)

    def carry(self, draft: Draft, when: EventDate,
              where: Place | None) -> tuple[EventDate, Place | None]:
        """The date and place of the latest earlier mention of the same event (same type,
        the same parties) for what this mention does not say itself."""
        sources = frozenset(a.code for a in draft.source if a.code)
        targets = frozenset(a.code for a in draft.target if a.code)
        if when.basis != "article_date" and where is not None or not sources | targets:
            self._note(draft.plover_type, sources, targets, when, where)
            return when, where
        for kind, old_sources, old_targets, old_when, old_where in reversed(self.seen):
            if kind == draft.plover_type and _same_parties(sources, old_sources) and \
                    _same_parties(targets, old_targets):
                if when.basis == "article_date" and old_when.basis in ("explicit", "relative"):
                    when = old_when
                where = where or old_where
                break
        self._note(draft.plover_type, sources, targets, when, where)
        return when, where

    def _note(self, kind: str, sources: frozenset, targets: frozenset, when: EventDate,
              where: Place | None) -> None:
        if when.basis in ("explicit", "relative") or where is not None:
            self.seen.append((kind, sources, targets, when, where))


def _same_parties(these: frozenset, those: frozenset) -> bool:
    """The same side: equal, or one names nobody where the other names someone."""
    return these == those or not these


def historical(when: EventDate, article_date: str | None) -> bool:
    """The event ended more than HISTORICAL_DAYS before the article date."""
    if not article_date or when.basis not in ("explicit", "relative") or not when.value:
        return False
    try:
        anchor = date.fromisoformat(article_date[:10])
    except ValueError:
        return False
    return _period_end(when.value, when.precision) < anchor - timedelta(days=HISTORICAL_DAYS)


def _period_end(value: str, precision: str | None) -> date:
    year = int(value[:4])
    if precision == "year":
        return date(year, 12, 31)
    if precision == "month":
        month = int(value[5:7])
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    start = date.fromisoformat(value[:10])
    return start + timedelta(days=6) if precision == "week" else start

