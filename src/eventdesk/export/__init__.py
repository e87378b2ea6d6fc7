"""Exporters by name: each streams events (dicts from eventdesk.query.canonical) to a file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager

from eventdesk.errors import EventdeskError
from eventdesk.export.gdelt import GDELT_COLUMNS, MENTION_COLUMNS, write_gdelt, write_mentions
from eventdesk.export.polecat import POLECAT_COLUMNS, write_polecat
from eventdesk.export.tabular import FLAT_COLUMNS, FLAT_SCHEMA, write_csv, write_jsonl
from eventdesk.outfile import check_output_path, replacing, replacing_text

FORMATS = ("gdelt", "polecat", "jsonl", "csv", "parquet")
# The formats a file name's extension stands for (other extensions: any format).
EXTENSIONS = {".parquet": ("parquet",), ".pq": ("parquet",), ".csv": ("csv",),
              ".jsonl": ("jsonl",), ".ndjson": ("jsonl",), ".json": ("jsonl",),
              ".tsv": ("gdelt", "polecat"), ".tab": ("gdelt", "polecat")}


def format_problem(fmt: str | None, output: str) -> str | None:
    """Why ``fmt`` cannot be written to ``output`` (its extension says another format)."""
    import os

    suffix = os.path.splitext(output)[1].lower()
    expected = EXTENSIONS.get(suffix)
    if output == "-" or expected is None or fmt in expected:
        return None
    return (f"--format {fmt} does not match the file name {output} (a {suffix} file holds "
            f"{' or '.join(expected)}); change one of them")


def format_from_name(output: str) -> str | None:
    """The one format a file name's extension stands for, or None."""
    import os

    expected = EXTENSIONS.get(os.path.splitext(output)[1].lower())
    return expected[0] if expected and len(expected) == 1 else None

__all__ = ["FLAT_COLUMNS", "FLAT_SCHEMA", "FORMATS", "GDELT_COLUMNS", "MENTION_COLUMNS",
           "POLECAT_COLUMNS", "export", "format_from_name", "format_problem"]


def export(events: Iterable[dict], fmt: str, output: str, version: str = "",
           database: str | None = None, mentions: bool = False) -> int:
    """Write ``events`` to ``output`` ("-" is standard output, not for parquet); return count.

    With ``mentions`` (``events`` are then mentions), ``gdelt`` writes GDELT's Mentions table
    instead of the event table; the other formats write one row per mention either way.

    A file is written whole or not at all (``eventdesk.outfile``); ``output`` may not be
    ``database`` or one of its files.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if output != "-":
        check_output_path(output, database)
    if fmt == "parquet":
        if output == "-":
            raise ValueError("parquet needs a file: give -o FILE")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise EventdeskError("parquet export needs pyarrow: pip install pyarrow") from None
        from eventdesk.export.tabular import write_parquet

        with replacing(output) as temp:
            return write_parquet(events, str(temp), version)
    with _open(output) as out:
        if fmt == "gdelt":
            return write_mentions(events, out) if mentions else write_gdelt(events, out)
        if fmt == "polecat":
            return write_polecat(events, out, version)
        if fmt == "csv":
            return write_csv(events, out)
        return write_jsonl(events, out)


@contextmanager
def _open(output: str):
    if output == "-":
        yield sys.stdout
        return
    with replacing_text(output) as out:
        yield out
