"""Query parameters of the API, validated and mapped to the CLI's filter dataclasses.

The API takes the CLI's filters under the same names (``since``, ``until``, ``actor``,
``dyad``, ``type``, ``country``, ``text``) and validates them with the CLI's own checks, so an
API filter means exactly what the option means. Filters the dataclasses lack yet go to
``eventdesk.query.extra.Extra`` (see ``apply_extra``).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Annotated

from fastapi import Query

from eventdesk.errors import UsageError
from eventdesk.model import PLOVER_TYPES
from eventdesk.query.canonical import ClusterFilter
from eventdesk.query.events import EventFilter
from eventdesk.query.extra import Extra
from eventdesk.web.errors import ApiError

DATE = "YYYY, YYYY-MM or YYYY-MM-DD"
Since = Annotated[str | None, Query(description=f"Events on or after this date ({DATE}).",
                                    max_length=10)]
Until = Annotated[str | None, Query(description=f"Events on or before this date ({DATE}); "
                                    "2025-03 takes in all of March.", max_length=10)]
EventType = Annotated[str | None, Query(alias="type", description="PLOVER event type, "
                                        "e.g. CONSULT.", max_length=20)]
Country = Annotated[str | None, Query(description="ISO3 country of an actor or of the location.",
                                      pattern="^[A-Za-z]{3}$")]
MinConfidence = Annotated[float | None, Query(ge=0, le=1, description="Only events coded with "
                                              "at least this confidence.")]
Historical = Annotated[bool | None, Query(description="true: only background (historical) "
                                          "events; false: none of them; absent: all.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page (at most 500).")]
Cursor = Annotated[str | None, Query(description="The `next` cursor of the previous page.",
                                     max_length=2000)]
Sort = Annotated[str, Query(pattern="^-?date$", description="`date` (oldest first) or `-date` "
                            "(newest first); undated events come last.")]
Fields = Annotated[str | None, Query(description="Comma-separated top-level fields to return, "
                                     "e.g. `id,date,plover_type,source,target`.",
                                     max_length=1000)]
Actors = Annotated[list[str], Query(alias="actor", description="Actor code or prefix taking "
                                    "part (repeatable: all must take part).")]
Dyads = Annotated[list[str], Query(alias="dyad", description="SOURCE-TARGET code prefixes, "
                                   "e.g. RUS-UKR (repeatable: any matches).")]


def event_filter(since, until, actor, event_type, country, text, min_confidence,
                 historical) -> tuple[EventFilter, Extra]:
    """The filter of ``eventdesk events`` (mentions) and the extras."""
    _check_dates(since, until)
    _check_type(event_type)
    if actor is not None and not actor.strip():
        raise ApiError(400, "actor must not be empty", "actor")
    flt = EventFilter(since=since, until=until, actor=actor, plover_type=event_type,
                      country=country, text=text or None)
    return apply_extra(flt, {"min_confidence": min_confidence, "historical": historical})


def cluster_filter(since, until, actors, dyads, event_type, country, min_confidence,
                   historical, factual_only: bool = False) -> tuple[ClusterFilter, Extra]:
    """The filter of ``timeline``/``stats --by``/``export`` (canonical events) and extras."""
    from eventdesk.cli import corpus_options

    _check_dates(since, until)
    _check_type(event_type)
    flt = _check(corpus_options.cluster_filter, since, until, actors, dyads, event_type,
                 factual_only=factual_only)
    return apply_extra(flt, {"country": country, "min_confidence": min_confidence,
                             "historical": historical})


def apply_extra(flt, values: dict):
    """Values the dataclass has a field for go into it; the others into ``Extra``."""
    names = {f.name for f in fields(flt)}
    own = {k: v for k, v in values.items() if k in names and v is not None}
    rest = {k: v for k, v in values.items() if k not in names and v is not None}
    return replace(flt, **own), Extra(**rest)


def pick_fields(rows: list[dict], spec: str | None, allowed: frozenset[str]) -> list[dict]:
    """Keep only the comma-separated top-level ``spec`` fields (all when None)."""
    if spec is None:
        return rows
    wanted = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in allowed]
    if unknown or not wanted:
        raise ApiError(400, f"fields: unknown field {unknown[0]!r}; known: "
                       f"{', '.join(sorted(allowed))}" if unknown else "fields: name some",
                       "fields")
    return [{name: row.get(name) for name in wanted} for row in rows]


def _check(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except UsageError as exc:
        message = str(exc)
        raise ApiError(400, message.replace("--", ""), _culprit(message)) from None


def _check_dates(since: str | None, until: str | None) -> None:
    from eventdesk.cli.corpus_options import check_dates

    for name, value in (("since", since), ("until", until)):
        try:
            check_dates(value)
            _calendar_date(value)
        except UsageError as exc:
            raise ApiError(400, f"{name}: {exc}", name) from None


def _calendar_date(value: str | None) -> None:
    """A month 1-12 and a day that month has (the pattern alone lets 2025-13 through)."""
    from datetime import date

    if value is None:
        return
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        raise UsageError(f"{value!r} is not a calendar date") from None


def _check_type(event_type: str | None) -> None:
    if event_type and event_type.upper() not in PLOVER_TYPES:
        raise ApiError(400, f"type must be a PLOVER type ({', '.join(PLOVER_TYPES)}), got "
                       f"{event_type!r}", "type")


def _culprit(message: str) -> str | None:
    for name in ("dyad", "actor", "type"):
        if f"--{name}" in message:
            return name
    return None
