"""`eventdesk batch` and `eventdesk load`: code an archive into a Parquet dataset, load one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventdesk.cli.common import (
    DateOption,
    DbOption,
    FetchTimeoutOption,
    InputFormatOption,
    InputsArgument,
    LexiconOption,
    MaxBytesOption,
    MaxCharsOption,
    PipelineOption,
    check_choice,
    check_inputs,
    err,
    handle_errors,
    report_summary,
    settings_from,
)
from eventdesk.errors import UsageError


@handle_errors
def batch(
    paths: InputsArgument,
    out: Annotated[Path, typer.Option(
        "--out", help="Output folder: month=YYYY-MM/*.parquet, with the columns of "
                      "`export --format parquet`; rerun the same command to resume.")],
    engine: Annotated[str, typer.Option(
        "--engine", help="local (this process, or --workers processes) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a Dask scheduler (tcp://HOST:8786); without it "
                            "--engine dask starts a local cluster of --workers processes.")]
    = None,
    workers: Annotated[int, typer.Option(
        "--workers", help="Coding processes (1 to 64); for dask without --scheduler, "
                          "the local cluster's worker processes.")] = 1,
    partition_size: Annotated[int, typer.Option(
        "--partition-size", help="Articles per partition (the unit of work and of "
                                 "resuming; 1 to 100000).")] = 200,
    shards: Annotated[int, typer.Option(
        "--shards", help="Clustering shards (1 to 4096): more shards, less memory when "
                         "clustering.")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    date: DateOption = None,
    input_format: InputFormatOption = None,
    pipeline: PipelineOption = None,
    lexicon: LexiconOption = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    fetch_timeout: FetchTimeoutOption = None,
) -> None:
    """Code an archive into a Parquet dataset partitioned by event month (resumable)."""
    from eventdesk.batch.engines import ENGINES

    check_inputs(date, input_format)
    check_choice("--engine", engine, ENGINES)
    for label, value, low, high in (("--workers", workers, 1, 64),
                                    ("--partition-size", partition_size, 1, 100_000),
                                    ("--shards", shards, 1, 4096)):
        if not low <= value <= high:
            raise UsageError(f"{label} must be between {low} and {high}, got {value}")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file; give a folder")
    if engine == "dask":
        _need("dask.distributed", "dask[distributed]")
    from eventdesk.batch.run import run_batch

    settings = settings_from(pipeline=pipeline, lexicon=lexicon, max_bytes=max_bytes,
                             max_chars=max_chars, fetch_timeout=fetch_timeout)
    summary = run_batch(paths, out, settings, engine=engine, workers=workers,
                        scheduler=scheduler, partition_size=partition_size, shards=shards,
                        input_format=input_format, date=date, on_error=lambda e: err(str(e)))
    report_summary(summary, quiet)


@handle_errors
def load(
    folder: Annotated[Path, typer.Argument(help="A folder written by `eventdesk batch`.")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Load a batch dataset into the store (clusters included); loading twice adds nothing."""
    from eventdesk.batch.load import load_dataset, read_manifest
    from eventdesk.store import open_store

    read_manifest(folder)  # refuse a folder that is not a dataset before creating a store
    with open_store(settings_from(db=db).db) as store:
        summary = load_dataset(folder, store)
    if not quiet:
        print(summary.line(), file=sys.stderr)


def _need(module: str, package: str) -> None:
    from importlib.util import find_spec

    if find_spec(module.split(".")[0]) is None or find_spec(module) is None:
        raise UsageError(f"this needs {package}: pip install 'eventdesk[batch]'")
