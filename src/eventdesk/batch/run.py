"""`eventdesk batch`: code an archive partition by partition, then cluster and write the dataset.

1. The inputs are read and cut into partitions (``plan``); partitions whose done marker exists
   (an earlier, interrupted run of the same command) are skipped, the others are coded by an
   engine (``engines``) and written whole (``parts``).
2. When every partition is done, the mentions are clustered shard by shard and the canonical
   events written to ``OUT/month=YYYY-MM/`` (``reduce``), each file whole; files of an earlier
   run that this one did not write are removed; ``OUT/_manifest.json`` is written last.

A run interrupted in step 1 resumes where it stopped; one interrupted in step 2 writes step 2
again (it is cheap next to the coding, and gives the same files).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from eventdesk.batch import plan as planning
from eventdesk.batch.engines import code_dask, code_local
from eventdesk.batch.parts import WorkDir
from eventdesk.batch.reduce import cluster_rows, remove_stale, shard_rows, write_shard
from eventdesk.coder import CODER_VERSION, coder_version
from eventdesk.config import Settings
from eventdesk.errors import InputError
from eventdesk.ingest import iter_articles
from eventdesk.outfile import replacing

DEFAULT_SHARDS = 16
MANIFEST = "_manifest.json"


@dataclass
class BatchSummary:
    read: int = 0
    repeated: int = 0
    failed: int = 0
    partitions: int = 0
    resumed: int = 0  # partitions found done by an earlier run
    coded: int = 0  # articles coded by this run
    mentions: int = 0
    events: int = 0  # canonical events written
    files: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"articles: {self.read} read, {self.repeated} repeated, {self.failed} failed, "
                f"{self.coded} coded now; partitions: {self.partitions} "
                f"({self.resumed} done before); {self.mentions} mentions in {self.events} "
                f"canonical events, {self.files} files; {self.seconds:.1f} s")


def run_batch(paths: Iterable[str], out: str | Path, settings: Settings, *,
              engine: str = "local", workers: int = 1, scheduler: str | None = None,
              partition_size: int = planning.DEFAULT_PARTITION_SIZE,
              shards: int = DEFAULT_SHARDS, input_format: str | None = None,
              date: str | None = None,
              on_error: Callable[[InputError], None] = lambda e: None) -> BatchSummary:
    """Code everything under ``paths`` into the dataset at ``out``; see the module doc."""
    started = time.perf_counter()
    out = Path(out)
    work = WorkDir(out)
    version = coder_version(settings)
    summary = BatchSummary()
    plan = planning.Plan()
    items = iter_articles(paths, input_format, date, settings.max_bytes,
                          max_chars=settings.max_chars, fetch_timeout=settings.fetch_timeout)

    def todo():
        for part in planning.partitions(items, version, partition_size, plan, on_error):
            if work.is_done(part.id):
                summary.resumed += 1
                continue
            yield part

    if engine == "dask":
        coded = code_dask(todo(), settings, workers, scheduler, on_error=on_error)
    else:
        coded = code_local(todo(), settings, workers)
    for part, results in coded:
        marker = work.write(part.id, part.first_seq, results, shards)
        summary.coded += len(part.articles)
        for origin, reason, line in marker["errors"]:
            on_error(InputError(origin, reason, line))
    summary.read, summary.repeated = plan.read, plan.repeated
    summary.partitions = len(plan.partition_ids)
    incomplete = sum(not work.is_done(pid) for pid in plan.partition_ids)
    summary.failed = plan.failed + sum(work.marker(pid)["failed"] for pid in plan.partition_ids
                                       if work.is_done(pid))
    if incomplete:
        on_error(InputError(str(out), f"{incomplete} partitions were not coded; the dataset "
                                      "is not written: run the same command again"))
        summary.seconds = time.perf_counter() - started
        return summary
    mention_files = [work.mentions_path(pid) for pid in plan.partition_ids]
    written: set[Path] = set()
    for shard in range(shards):
        rows = shard_rows(mention_files, shard, plan.superseded)
        events = cluster_rows(rows)
        summary.mentions += len(rows)
        summary.events += len(events)
        written.update(write_shard(out, shard, events, CODER_VERSION))
    remove_stale(out, written)
    summary.files = len(written)
    summary.seconds = time.perf_counter() - started
    manifest = {"coder_version": version, "shards": shards, "partition_size": partition_size,
                "partitions": plan.partition_ids, "superseded": sorted(plan.superseded),
                "articles": summary.read - summary.repeated, "mentions": summary.mentions,
                "events": summary.events}
    with replacing(out / MANIFEST) as temp:
        temp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return summary
