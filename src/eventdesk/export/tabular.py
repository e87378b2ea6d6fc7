"""Flat exports: JSON Lines (contract fields + cluster fields), CSV and Parquet (one schema).

The flat schema (``FLAT_SCHEMA``) is the same for CSV, Parquet, ``eventdesk events --format
csv`` and the pandas API (``eventdesk.frames``). Types:
- ``date``, ``date_start``, ``date_end``: dates. ``date`` is the first day of the period the
  event is dated to, read with ``date_precision`` (day, month, year): 1956 at year precision is
  1956-01-01 and ``date_end`` 1956-12-31 (``eventdesk.dates``).
- ``source_*``/``target_*``: lists, one item per actor in the event's order (an actor without
  a code has an empty item, so the lists of one side line up). CSV joins them with ";".
- Parquet is written with pyarrow's ParquetWriter in row groups of ``ROW_GROUP`` rows (memory
  stays flat); its schema metadata names the eventdesk and coder versions and the date model,
  and every field carries a description.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO

from eventdesk.dates import first_day, with_period

ROW_GROUP = 50_000

LIST_COLUMNS = tuple(f"{side}_{key}" for side in ("source", "target")
                     for key in ("codes", "names", "countries"))
DATE_COLUMNS = ("date", "date_start", "date_end")

# (column, pyarrow type name, description)
FLAT_FIELDS: list[tuple[str, str, str]] = [
    ("cluster_id", "string", "canonical event (cluster of mentions)"),
    ("event_id", "string", "this mention's event id"),
    ("article_id", "string", "article the mention comes from (eventdesk show ARTICLE_ID)"),
    ("date", "date32", "first day of the period the event is dated to; see date_precision"),
    ("date_precision", "string", "day, month or year"),
    ("date_start", "date32", "first day of the period the event falls in"),
    ("date_end", "date32", "last day of that period"),
    ("plover_type", "string", "PLOVER event type"),
    ("plover_mode", "string", "PLOVER mode"),
    ("cameo_code", "string", "CAMEO event code"),
    ("goldstein", "float64", "Goldstein score of the CAMEO code"),
    ("quad_class", "int8", "QuadClass 1-4"),
    ("source_codes", "list", "CAMEO-style actor codes of the source side"),
    ("source_names", "list", "canonical names of the source actors"),
    ("source_countries", "list", "ISO3 countries of the source actors"),
    ("target_codes", "list", "CAMEO-style actor codes of the target side"),
    ("target_names", "list", "canonical names of the target actors"),
    ("target_countries", "list", "ISO3 countries of the target actors"),
    ("location_name", "string", "where it happened"),
    ("location_country", "string", "ISO3 of the location"),
    ("location_admin1", "string", "first-level division of the location"),
    ("location_lat", "float64", "latitude"),
    ("location_lon", "float64", "longitude"),
    ("location_geonameid", "int64", "GeoNames id"),
    ("negated", "bool", "the event is negated"),
    ("modality", "string", "factual, planned, conditional or hypothetical"),
    ("historical", "bool", "background placed well before the article"),
    ("content", "string", "what was demanded, proposed, agreed or denied"),
    ("trigger", "string", "the words that carry the event"),
    ("sentence_text", "string", "the sentence it was said in"),
    ("confidence", "float64", "0..1"),
    ("rule", "string", "lexicon entry or rule that produced it"),
    ("num_mentions", "int32", "mentions of the canonical event"),
    ("num_sources", "int32", "outlets reporting it"),
    ("num_articles", "int32", "articles reporting it"),
    ("first_report", "string", "date of the first report"),
    ("last_report", "string", "date of the last report"),
    ("article_title", "string", "title of the article"),
    ("article_url", "string", "URL of the article"),
    ("article_source", "string", "outlet of the article"),
    ("article_date", "string", "date of the article"),
]
FLAT_SCHEMA: list[tuple[str, str]] = [(name, kind) for name, kind, _ in FLAT_FIELDS]
FLAT_COLUMNS = [name for name, _ in FLAT_SCHEMA]


def flat_row(event: dict) -> dict:
    """One event as a typed flat dict of ``FLAT_COLUMNS`` (dates as ``date``, lists)."""
    event = with_period(dict(event))
    location = event.get("location") or {}
    row = {name: event.get(name) for name in FLAT_COLUMNS}
    row["event_id"] = event["id"]
    row["date"] = first_day(event.get("date"))  # 1956 -> 1956-01-01 (date_precision: year)
    row["date_start"], row["date_end"] = _day(event.get("date_start")), _day(event.get("date_end"))
    for side in ("source", "target"):
        actors = event.get(side) or []
        for key, field in (("codes", "code"), ("names", "name"), ("countries", "country")):
            row[f"{side}_{key}"] = [a.get(field) or "" for a in actors]
    row.update(location_name=location.get("name"), location_country=location.get("country"),
               location_admin1=location.get("admin1"),
               location_lat=location.get("lat"), location_lon=location.get("lon"),
               location_geonameid=location.get("geonameid"),
               trigger=(event.get("trigger") or {}).get("text"),
               negated=bool(event.get("negated")), historical=bool(event.get("historical")))
    return row


def csv_cells(row: dict) -> list[str]:
    """A flat row as CSV cells: dates ISO, lists joined with ";", None empty."""
    cells = []
    for name in FLAT_COLUMNS:
        value = row[name]
        if value is None:
            cells.append("")
        elif isinstance(value, list):
            cells.append(";".join(value))
        elif isinstance(value, date):
            cells.append(value.isoformat())
        else:
            cells.append(str(value))
    return cells


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def write_jsonl(events: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(events: Iterable[dict], out: IO[str]) -> int:
    rows = -1  # the first chunk is the header
    for chunk in csv_chunks(events):
        out.write(chunk)
        rows += 1
    return rows


def csv_chunks(events: Iterable[dict]) -> Iterator[str]:
    """The CSV text: the header, then one chunk per event (for streaming to stdout)."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    yield buffer.getvalue()
    for event in events:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_cells(flat_row(event)))
        yield buffer.getvalue()


def arrow_schema(metadata: dict[str, str] | None = None):
    """The pyarrow schema of ``FLAT_FIELDS`` (field descriptions as field metadata)."""
    import pyarrow as pa

    types = {"string": pa.string(), "float64": pa.float64(), "int8": pa.int8(),
             "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_(),
             "date32": pa.date32(), "list": pa.list_(pa.string())}
    fields = [pa.field(name, types[kind], metadata={"description": text})
              for name, kind, text in FLAT_FIELDS]
    return pa.schema(fields, metadata=metadata)


def file_metadata(version: str = "") -> dict[str, str]:
    """Schema-level metadata of a Parquet export."""
    from eventdesk.coder import __version__

    return {"eventdesk": json.dumps({
        "eventdesk_version": __version__, "coder_version": version,
        "date_model": "date is the first day of the period named by date_precision; "
                      "date_start/date_end bound the period",
        "lists": "source_*/target_* hold one item per actor, in the event's order"})}


def arrow_table(rows: list[dict], schema):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)


def write_parquet(events: Iterable[dict], path: str, version: str = "") -> int:
    import pyarrow.parquet as pq

    schema = arrow_schema(file_metadata(version))
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in _batches((flat_row(e) for e in events), ROW_GROUP):
            writer.write_table(arrow_table(batch, schema), row_group_size=ROW_GROUP)
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
