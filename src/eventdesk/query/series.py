"""The conflict-cooperation series: canonical events per day, ISO week or month.

Each period counts canonical events (not mentions) by PLOVER type and QuadClass, with the sum
and mean of their Goldstein scores and the number of mentions behind them. Events dated only to
a month or a year count in monthly series only (a year-only date in none). By default only
factual events count (not negated, modality factual).
"""

from __future__ import annotations

from datetime import date

from eventdesk.model import PLOVER_TYPES
from eventdesk.query.canonical import ClusterFilter, filter_sql
from eventdesk.store.db import Store

PERIODS = {
    "day": ("c.date", "length(c.date) = 10"),
    "week": ("date(c.date, 'weekday 0', '-6 days')", "length(c.date) = 10"),
    "month": ("substr(c.date, 1, 7)", "length(c.date) >= 7"),
}
QUADS = (1, 2, 3, 4)
SERIES_COLUMNS = ["period", "events", "mentions", "goldstein_sum", "goldstein_mean",
                  *(f"quad{q}" for q in QUADS), *(t.lower() for t in PLOVER_TYPES)]


def series(store: Store, by: str, flt: ClusterFilter) -> list[dict]:
    """One row per period with events, in period order; columns ``SERIES_COLUMNS``."""
    if by not in PERIODS:
        raise ValueError(f"--by must be day, week or month, got {by!r}")
    expr, valid = PERIODS[by]
    return period_rows(store, by, expr, valid, flt)


def period_rows(store: Store, by: str, expr: str, valid: str, flt: ClusterFilter,
                extra: tuple[list[str], list] = ([], [])) -> list[dict]:
    """The rows of ``series`` for the period expression ``expr`` over clusters ``c`` that pass
    ``valid``, ``flt`` and the ``extra`` (conditions, parameters)."""
    where, params = filter_sql(flt, store.conn)
    where = (where + " AND " if where else " WHERE ") + " AND ".join([valid, *extra[0]])
    params = [*params, *extra[1]]
    sql = (f"SELECT {expr} AS period, c.plover_type, c.quad_class, COUNT(*), SUM(c.goldstein), "
           f"COUNT(c.goldstein), SUM(c.num_mentions) FROM clusters c{where} "
           "GROUP BY 1, 2, 3 ORDER BY 1")
    rows: dict[str, dict] = {}
    for period, ptype, quad, n, gsum, gcount, mentions in store.conn.execute(sql, params):
        row = rows.get(period) or rows.setdefault(period, _empty(period, by))
        row["events"] += n
        row["mentions"] += mentions or 0
        row["goldstein_sum"] += gsum or 0.0
        row["_gcount"] += gcount
        if quad in QUADS:
            row[f"quad{quad}"] += n
        if ptype.lower() in row:
            row[ptype.lower()] += n
    result = []
    for row in rows.values():
        count = row.pop("_gcount")
        row["goldstein_sum"] = round(row["goldstein_sum"], 3)
        row["goldstein_mean"] = round(row["goldstein_sum"] / count, 3) if count else None
        result.append(row)
    return result


def _empty(period: str, by: str) -> dict:
    label = period
    if by == "week":
        year, week, _ = date.fromisoformat(period).isocalendar()
        label = f"{year:04d}-W{week:02d}"
    row = dict.fromkeys(SERIES_COLUMNS, 0)
    row.update(period=label, goldstein_sum=0.0, goldstein_mean=None, _gcount=0)
    return row
