"""Cluster the coded mentions into canonical events and write the month-partitioned dataset.

Mentions match only within one blocking key (``eventdesk.cluster.match``), and each blocking key
lives in one shard (``records.shard_of``), so every shard is clustered on its own, with the
memory of its mentions only. Within a block, a mention is compared with the mentions of its own
date and of the next day: the pairs ``match.dates_close`` allows, no others. Clusters are the
connected components of ``match.matches``, as in the store, so the canonical events, their ids
and their counts are those `eventdesk ingest` followed by `eventdesk export` gives.

The dataset is ``OUT/month=YYYY-MM/part-sNNN.parquet`` (by the first day of the event's
period; ``month=undated`` for events without a date), with the columns and schema metadata
of ``eventdesk export --format parquet`` (``FLAT_SCHEMA``), each file sorted by date and
cluster id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from eventdesk.cluster.match import anchor_key, cluster_id, matches, mention_from_event
from eventdesk.dates import with_period
from eventdesk.export.tabular import arrow_schema, file_metadata, flat_row
from eventdesk.outfile import replacing

UNDATED = "undated"


def month_of(day: date | None) -> str:
    """The partition value of a flat row's ``date`` (the first day of the event's period, so
    an event dated to a year is in its January): YYYY-MM, or 'undated'."""
    if day is None:
        return UNDATED
    return f"{day.year:04d}-{day.month:02d}"


def shard_rows(mention_files: list[Path], shard: int, superseded: set[int]) -> list[dict]:
    """The mention rows of one shard from the partitions' mention files."""
    import pyarrow.dataset as ds

    if not mention_files:
        return []
    dataset = ds.dataset([str(p) for p in mention_files], format="parquet")
    table = dataset.to_table(filter=ds.field("shard") == shard)
    return [row for row in table.to_pylist() if row["seq"] not in superseded]


def cluster_rows(rows: list[dict]) -> list[dict]:
    """Canonical events (export dicts) of a shard's mention rows, in (date, id) order."""
    events = [_canonical([rows[i] for i in members]) for members in cluster_groups(rows)]
    events.sort(key=lambda e: (e.get("date") is None, e.get("date") or "", e["cluster_id"]))
    return events


def cluster_groups(rows: list[dict]) -> list[list[int]]:
    """The clusters of a shard's mention rows, as lists of row indexes."""
    mentions = [mention_from_event(json.loads(row["event"])) for row in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(mentions):
        if find(i) != find(j) and matches(mentions[i], mentions[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _candidate_pairs(mentions) -> Iterable[tuple[int, int]]:
    """Index pairs in one block whose dates may match: the same date, or consecutive days."""
    by_block: dict[str, dict[str | None, list[int]]] = {}
    for i, m in enumerate(mentions):
        if m.block is not None:
            by_block.setdefault(m.block, {}).setdefault(m.date, []).append(i)
    for by_date in by_block.values():
        for day, members in by_date.items():
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    yield i, j
            following = _next_day(day)
            for i in members:
                for j in by_date.get(following, ()) if following else ():
                    yield i, j


def _next_day(day: str | None) -> str | None:
    if day is None or len(day) != 10:
        return None
    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        return None


def _canonical(members: list[dict]) -> dict:
    """One cluster as ``query.canonical`` shows it: the anchor mention and the counts."""
    events = [with_period(json.loads(row["event"])) for row in members]
    anchor_at = min(range(len(members)),
                    key=lambda k: anchor_key(events[k].get("date"), events[k]["id"]))
    anchor, row = events[anchor_at], members[anchor_at]
    reports = [r["report_day"] for r in members]
    anchor.update(
        cluster_id=cluster_id(anchor["id"]), num_mentions=len(members),
        num_sources=len({r["outlet"] for r in members}),
        num_articles=len({r["article_id"] for r in members}),
        first_report=min(reports), last_report=max(reports),
        article_id=row["article_id"], article_title=row["article_title"],
        article_url=row["article_url"], article_source=row["article_source"],
        article_date=row["article_date"])
    return anchor


def write_shard(out: Path, shard: int, events: list[dict],
                version: str = "") -> list[Path]:
    """Write a shard's canonical events into its file in each month folder; the paths."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    by_month: dict[str, list[dict]] = {}
    for event in events:
        row = flat_row(event)
        by_month.setdefault(month_of(row["date"]), []).append(row)
    written = []
    schema = arrow_schema(file_metadata(version))
    for month, rows in sorted(by_month.items()):
        folder = out / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-s{shard:03d}.parquet"
        table = pa.Table.from_pylist(rows, schema=schema)
        with replacing(path) as temp:
            pq.write_table(table, str(temp), compression="zstd")
        written.append(path)
    return written


def remove_stale(out: Path, keep: set[Path]) -> int:
    """Delete month files a previous run wrote that this run did not; how many."""
    removed = 0
    for path in out.glob("month=*/part-*.parquet"):
        if path not in keep:
            path.unlink()
            removed += 1
    for folder in out.glob("month=*"):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed
