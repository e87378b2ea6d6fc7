"""Options shared by the corpus commands (timeline, export, stats --by): canonical-event filters."""

from __future__ import annotations

from typing import Annotated

import typer

SinceOption = Annotated[str | None, typer.Option(help="Events on or after this date.")]
UntilOption = Annotated[str | None, typer.Option(
    help="Events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
ActorsOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="Actor code or prefix taking part (repeatable: all must take part).")]
DyadsOption = Annotated[list[str] | None, typer.Option(
    "--dyad", help="SOURCE-TARGET code prefixes, e.g. RUS-UKR (repeatable: any matches).")]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type.")]
LimitOption = Annotated[int | None, typer.Option(help="At most this many events.")]
CountryOption = Annotated[str | None, typer.Option(
    help="Country of an actor or of the location: ISO3 (SYR) or a country name (Syria).")]
MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", help="Only events coded with at least this confidence (0..1).")]
HistoricalOption = Annotated[bool, typer.Option(
    "--include-historical", help="Count background events too (placed well before the "
                                 "article, e.g. 'the 1956 treaty'); left out by default.")]


def check_country(value: str | None) -> str | None:
    """The ISO3 code of --country: a known code, or a country name resolved (and said so on
    stderr); anything else exits 2 with the closest match as a hint."""
    from eventdesk.countries import country_names, resolve_country
    from eventdesk.errors import UsageError

    if value is None:
        return None
    code, hint = resolve_country(value)
    if code is None:
        tip = f"; did you mean {hint} ({country_names()[hint]})?" if hint else ""
        raise UsageError(f"--country must be an ISO3 code or a country name, got {value!r}"
                         f"{tip}")
    if code != value.upper():
        typer.echo(f"--country {value}: taken as {code}", err=True)
    return code


def check_confidence(value: float | None) -> None:
    from eventdesk.errors import UsageError

    if value is not None and not 0 <= value <= 1:
        raise UsageError(f"--min-confidence must be between 0 and 1, got {value}")


def check_dates(*days: str | None) -> None:
    """--since/--until must be YYYY, YYYY-MM or YYYY-MM-DD (exit 2 otherwise)."""
    for day in days:
        _check_date(day)


def check_type(event_type: str | None) -> None:
    """--type must name a PLOVER type (any case)."""
    from eventdesk.errors import UsageError
    from eventdesk.model import PLOVER_TYPES

    if event_type is not None and event_type.upper() not in PLOVER_TYPES:
        raise UsageError(f"--type must be a PLOVER type ({', '.join(PLOVER_TYPES)}), "
                         f"got {event_type!r}")


def cluster_filter(since=None, until=None, actors=None, dyads=None, event_type=None,
                   limit=None, factual_only=False, *, country=None, min_confidence=None,
                   include_historical=True):
    """The ClusterFilter of the options, each checked (exit 2 on a bad one). Without
    ``include_historical`` background events are left out."""
    from eventdesk.errors import UsageError
    from eventdesk.query.canonical import ClusterFilter, parse_dyad

    check_dates(since, until)
    check_type(event_type)
    check_confidence(min_confidence)
    country = check_country(country)
    try:
        dyad_pairs = tuple(parse_dyad(d) for d in dyads or ())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if any(not a.strip() for a in actors or ()):
        raise UsageError("--actor must not be empty")
    return ClusterFilter(since=since, until=until, actors=tuple(actors or ()), dyads=dyad_pairs,
                         plover_type=event_type, factual_only=factual_only, limit=limit,
                         country=country, min_confidence=min_confidence,
                         historical=None if include_historical else False)


def _check_date(value: str | None) -> None:
    """A year, a month or a day that exists (2025, 2025-02, 2025-02-28; not 2025-02-30)."""
    import re
    from datetime import date

    from eventdesk.errors import UsageError

    if value is None:
        return
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value, re.ASCII):
        raise UsageError(f"dates look like YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = (value + "-01-01")[:10].split("-")
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        raise UsageError(f"no such date: {value!r}") from None
