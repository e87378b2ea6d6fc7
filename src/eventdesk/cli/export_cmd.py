"""`eventdesk export`: canonical events (or mentions) to GDELT, POLECAT, JSONL, CSV, Parquet."""

from __future__ import annotations

from typing import Annotated

import typer

from eventdesk.cli.common import DbOption, check_choice, err, handle_errors, settings_from
from eventdesk.cli.corpus_options import (
    ActorsOption,
    CountryOption,
    DyadsOption,
    HistoricalOption,
    LimitOption,
    MinConfidenceOption,
    SinceOption,
    TypeOption,
    UntilOption,
    cluster_filter,
)
from eventdesk.cli.query_cmd import _store
from eventdesk.errors import EventdeskError, UsageError
from eventdesk.outfile import check_output_path


@handle_errors
def export(
    output: Annotated[str, typer.Option(
        "-o", "--output", help="File to write, whole or not at all (written beside it, then "
                               "renamed into place); - for stdout. Never the database.")],
    output_format: Annotated[str | None, typer.Option(
        "--format", help="gdelt, polecat, jsonl, csv or parquet; by default from the file "
                         "name (.parquet, .csv, .jsonl). It must not contradict the name.")]
    = None,
    db: DbOption = None,
    actor: ActorsOption = None,
    dyad: DyadsOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    country: CountryOption = None,
    min_confidence: MinConfidenceOption = None,
    include_historical: HistoricalOption = False,
    mentions: Annotated[bool, typer.Option(
        "--mentions", help="One row per mention (with its cluster's counts), not per event; "
                           "with --format gdelt, GDELT's Mentions table.")]
    = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No summary line on stderr.")] = False,
) -> None:
    """Export canonical events; rows stream, so memory stays flat for millions of events."""
    from eventdesk.coder import CODER_VERSION
    from eventdesk.export import FORMATS, format_from_name, format_problem
    from eventdesk.export import export as write
    from eventdesk.query.canonical import all_mentions, canonical_events

    output_format = output_format or format_from_name(output)
    if output_format is None:
        raise UsageError(f"give --format ({', '.join(FORMATS)}): the name {output} does not "
                         "say which")
    check_choice("--format", output_format, FORMATS)
    problem = format_problem(output_format, output)
    if problem:
        raise UsageError(problem)
    if output_format == "parquet" and output == "-":
        raise UsageError("parquet needs a file: give -o FILE")

    flt = cluster_filter(since, until, actor, dyad, event_type, limit, country=country,
                         min_confidence=min_confidence, include_historical=include_historical)
    database = settings_from(db=db).db
    if output != "-":
        check_output_path(output, database)
    with _store(db) as store:
        rows = all_mentions(store, flt) if mentions else canonical_events(store, flt)
        try:
            count = write(rows, output_format, output, version=CODER_VERSION,
                          database=database, mentions=mentions)
        except OSError as exc:
            if output == "-":
                raise
            raise EventdeskError(f"cannot write {output}: {(exc.strerror or str(exc)).lower()}; "
                                 "the previous file, if any, is unchanged") from None
    if not quiet and output != "-":
        err(f"{count} {'mentions' if mentions else 'events'} written to {output}")
