"""Flat exports: JSON Lines (contract fields + cluster fields), CSV and Parquet (one schema).

The flat schema (``FLAT_SCHEMA``) is the same for CSV and Parquet; lists of actors are joined
with ";" in the order the event gives them. Parquet is written with pyarrow's ParquetWriter in
row groups of ``ROW_GROUP`` rows, so memory stays flat however many events are exported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

ROW_GROUP = 50_000

# (column, pyarrow type name)
FLAT_SCHEMA: list[tuple[str, str]] = [
    ("cluster_id", "string"), ("event_id", "string"), ("date", "string"),
    ("date_precision", "string"), ("plover_type", "string"), ("plover_mode", "string"),
    ("cameo_code", "string"), ("goldstein", "float64"), ("quad_class", "int8"),
    ("source_codes", "string"), ("source_names", "string"), ("source_countries", "string"),
    ("target_codes", "string"), ("target_names", "string"), ("target_countries", "string"),
    ("location_name", "string"), ("location_country", "string"), ("location_lat", "float64"),
    ("location_lon", "float64"), ("location_geonameid", "int64"), ("negated", "bool"),
    ("modality", "string"), ("content", "string"), ("trigger", "string"),
    ("sentence_text", "string"), ("confidence", "float64"), ("rule", "string"),
    ("num_mentions", "int32"), ("num_sources", "int32"), ("num_articles", "int32"),
    ("first_report", "string"), ("last_report", "string"), ("article_id", "string"),
    ("article_title", "string"), ("article_url", "string"), ("article_source", "string"),
    ("article_date", "string"),
]
FLAT_COLUMNS = [name for name, _ in FLAT_SCHEMA]


def flat_row(event: dict) -> dict:
    """One exported event as a flat dict of ``FLAT_COLUMNS``."""
    location = event.get("location") or {}
    row = {name: event.get(name) for name in FLAT_COLUMNS}
    row["event_id"] = event["id"]
    for side in ("source", "target"):
        actors = event.get(side) or []
        for key, field in (("codes", "code"), ("names", "name"), ("countries", "country")):
            row[f"{side}_{key}"] = ";".join(a.get(field) or "" for a in actors) or None
    row.update(location_name=location.get("name"), location_country=location.get("country"),
               location_lat=location.get("lat"), location_lon=location.get("lon"),
               location_geonameid=location.get("geonameid"),
               trigger=(event.get("trigger") or {}).get("text"),
               negated=bool(event.get("negated")))
    return row


def write_jsonl(events: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(events: Iterable[dict], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    count = 0
    for event in events:
        row = flat_row(event)
        writer.writerow(["" if row[c] is None else row[c] for c in FLAT_COLUMNS])
        count += 1
    return count


def arrow_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int8": pa.int8(),
             "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in FLAT_SCHEMA])


def write_parquet(events: Iterable[dict], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _batches((flat_row(e) for e in events), ROW_GROUP):
            table = pa.Table.from_pylist(batch, schema=schema)
            writer.write_table(table, row_group_size=ROW_GROUP)
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def _batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
