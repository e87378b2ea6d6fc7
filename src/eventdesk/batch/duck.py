"""Query a batch dataset (canonical events in Parquet) with DuckDB, with the CLI's filters.

For archives too large for SQLite: DuckDB reads only the month folders and columns a query
needs. The rows are the flat export rows (``FLAT_COLUMNS``); ``as_event`` gives one the shape
the terminal table renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eventdesk.errors import EventdeskError, UsageError
from eventdesk.export.tabular import FLAT_COLUMNS
from eventdesk.query.events import EventFilter


def where_sql(flt: EventFilter) -> tuple[str, list]:
    """The WHERE clause (or '') and its parameters for ``flt`` over the flat columns."""
    where, params = [], []
    if flt.since:
        where.append("date >= CAST(? AS DATE)")
        params.append(flt.since)
    if flt.until:  # as in the store: "2025-03" takes in all of March
        where.append("substr(strftime(date, '%Y-%m-%d'), 1, length(?)) <= ?")
        params += [flt.until, flt.until]
    if flt.plover_type:
        where.append("plover_type = ?")
        params.append(flt.plover_type.upper())
    if flt.actor:
        where.append("len(list_filter(list_concat(source_codes, target_codes), "
                     "lambda x: starts_with(x, ?))) > 0")
        params.append(flt.actor.upper().replace(" ", ""))
    if flt.country:
        where.append("(location_country = ? OR "
                     "list_contains(list_concat(source_countries, target_countries), ?))")
        params += [flt.country.upper()] * 2
    if flt.min_confidence is not None:
        where.append("confidence >= ?")
        params.append(flt.min_confidence)
    if flt.historical is not None:
        where.append("historical" if flt.historical else "NOT historical")
    for word in (flt.text or "").split():
        where.append("contains(lower(coalesce(sentence_text, '') || ' ' || "
                     "coalesce(article_title, '')), ?)")
        params.append(word.lower())
    return (" WHERE " + " AND ".join(where) if where else ""), params


def query_parquet(folder: str | Path, flt: EventFilter) -> Iterator[dict]:
    """Canonical events of the dataset at ``folder`` that ``flt`` selects, in date order
    (undated last), as flat export rows."""
    try:
        import duckdb
    except ImportError:
        raise UsageError("--parquet needs duckdb: pip install 'eventdesk[batch]'") from None
    root = Path(folder)
    if not root.is_dir() or not any(root.glob("month=*/*.parquet")):
        raise EventdeskError(f"{folder}: no Parquet dataset here (month=*/*.parquet); write one "
                             "with `eventdesk batch --out`")
    where, params = where_sql(flt)
    columns = ", ".join(FLAT_COLUMNS)
    limit = f" LIMIT {int(flt.limit)}" if flt.limit is not None else ""
    sql = (f"SELECT {columns} FROM read_parquet(?, hive_partitioning = true, "
           f"hive_types = {{'month': VARCHAR}}){where} "
           f"ORDER BY date IS NULL, date{' DESC' if flt.descending else ''}, "
           f"cluster_id{' DESC' if flt.descending else ''}{limit}")
    conn = duckdb.connect()
    try:
        cursor = conn.execute(sql, [str(root / "month=*" / "*.parquet"), *params])
        while True:
            rows = cursor.fetchmany(1000)
            if not rows:
                return
            for row in rows:
                yield dict(zip(FLAT_COLUMNS, row, strict=True))
    finally:
        conn.close()


def as_event(row: dict) -> dict:
    """A flat row in the shape ``cli.render.event_line`` reads."""
    def actors(side: str) -> list[dict]:
        codes, names = row.get(f"{side}_codes") or [], row.get(f"{side}_names") or []
        return [{"code": code or None, "name": name or None, "text": name or code}
                for code, name in zip(codes, names)]

    event = dict(row)
    event.update(id=row["event_id"], source=actors("source"), target=actors("target"),
                 date=row["date"].isoformat() if row.get("date") else None,
                 trigger={"text": row.get("trigger") or ""},
                 location={"name": row["location_name"]} if row.get("location_name") else None)
    return event
