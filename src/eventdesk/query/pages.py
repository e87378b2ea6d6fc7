"""Pages of mentions and of canonical events in date order, with keyset cursors (web API).

A cursor is the sort key of the last row of a page (URL-safe base64 of JSON); the next page
starts right after that key, so pages stay cheap and consistent however deep one goes (no
OFFSET) and rows added meanwhile do not shift them. As in ``query_events``, dated rows come first
in date order (ascending or descending), then the undated ones. The filters are the CLI's
dataclasses (``EventFilter``, ``ClusterFilter``) plus ``Extra``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace

from eventdesk.query.canonical import CLUSTER_SELECT, ClusterFilter, _canonical, filter_sql
from eventdesk.query.events import EventFilter, _sql, event_from_row
from eventdesk.query.extra import Extra, cluster_conditions, mention_conditions
from eventdesk.store.db import Store

MENTION_KEY = ("e.date", "e.article_id", "e.segment", "e.trigger_start", "e.id")
CLUSTER_KEY = ("c.date", "c.id")


class CursorError(ValueError):
    """A cursor that this server did not make (or made for another sort)."""


def mention_page(store: Store, flt: EventFilter, extra: Extra, size: int,
                 cursor: str | None = None, descending: bool = False
                 ) -> tuple[list[dict], str | None]:
    """One page of event mentions (contract fields + article fields) and the next cursor."""
    select, where, params = _sql(replace(flt, limit=size), store.conn)
    more, more_params = mention_conditions(extra)
    rows, after = _page(store, select, [*where, *more], [*params, *more_params], MENTION_KEY,
                        size, cursor, descending)
    return [event_from_row(row) for row in rows], after


def canonical_page(store: Store, flt: ClusterFilter, extra: Extra, size: int,
                   cursor: str | None = None, descending: bool = False
                   ) -> tuple[list[dict], str | None]:
    """One page of canonical events (anchor fields + cluster fields) and the next cursor."""
    where, params = filter_sql(replace(flt, limit=size), store.conn)
    more, more_params = cluster_conditions(extra)
    conditions = [where[len(" WHERE "):]] if where else []
    select = CLUSTER_SELECT.format(join="e.id = c.anchor_event_id")
    rows, after = _page(store, select, [*conditions, *more], [*params, *more_params],
                        CLUSTER_KEY, size, cursor, descending)
    return [_canonical(row) for row in rows], after


def _page(store: Store, select: str, where: list[str], params: list, key: tuple[str, ...],
          size: int, cursor: str | None, descending: bool):
    """Rows of the page after ``cursor`` (dated phase, then undated) and the next cursor."""
    phase, after = decode_cursor(cursor, len(key), descending) if cursor else (0, None)
    op, direction = ("<", " DESC") if descending else (">", "")
    keys = ", ".join(f"{column} AS key{i}" for i, column in enumerate(key))
    select = select.replace("SELECT ", f"SELECT {keys}, ", 1)
    rows: list = []
    for number, columns in ((0, key), (1, key[1:])):
        if number < phase or len(rows) > size:
            continue
        conditions = [*where, f"{key[0]} IS {'NOT ' if number == 0 else ''}NULL"]
        values = list(params)
        if after is not None and number == phase:
            conditions.append(f"({', '.join(columns)}) {op} ({', '.join('?' * len(columns))})")
            values += after
        order = ", ".join(column + direction for column in columns)
        sql = (f"{select} WHERE {' AND '.join(conditions)} ORDER BY {order} "
               f"LIMIT {int(size) + 1 - len(rows)}")
        rows += store.conn.execute(sql, values).fetchall()
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    return rows, _cursor_after(rows[-1], key, descending)


def _cursor_after(row, key: tuple[str, ...], descending: bool) -> str:
    values = [row[f"key{i}"] for i in range(len(key))]
    phase = 0 if values[0] is not None else 1
    return encode_cursor(phase, values[phase:], descending)


def encode_cursor(phase: int, values: list, descending: bool) -> str:
    text = json.dumps([phase, int(descending), values], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int, descending: bool) -> tuple[int, list]:
    """(phase, key values) of a cursor; CursorError if it is not one of ours for this sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        phase, desc, values = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise CursorError("cursor is not one this server made; start again without it") from None
    if phase not in (0, 1) or not isinstance(values, list) or len(values) != width - phase \
            or not all(isinstance(v, str | int) for v in values):
        raise CursorError("cursor is not one this server made; start again without it")
    if bool(desc) != descending:
        raise CursorError("cursor was made for the other sort order; keep the sort of the "
                          "first page")
    return phase, values
