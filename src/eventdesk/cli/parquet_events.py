"""`eventdesk events --parquet DIR`: print a batch dataset's canonical events."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer

from eventdesk.cli.render import TABLE_HEADER, event_line
from eventdesk.query.events import EventFilter


def print_events(folder: Path, flt: EventFilter, output_format: str) -> None:
    """Table, JSON Lines (the flat export rows, dates ISO) or CSV (as `export --format csv`)."""
    from eventdesk.batch.duck import as_event, query_parquet
    from eventdesk.export.tabular import FLAT_COLUMNS, csv_cells

    rows = query_parquet(folder, flt)
    if output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(FLAT_COLUMNS)
        for row in rows:
            writer.writerow(csv_cells(row))
    else:
        typer.echo(TABLE_HEADER)
        for row in rows:
            typer.echo(event_line(as_event(row)))
