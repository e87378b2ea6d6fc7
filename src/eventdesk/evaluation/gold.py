"""Read a gold JSON Lines file: every problem is one InputError naming the file and line.

The three scorers (events, times, places) read their gold files here; each then checks the
fields it needs with ``require``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventdesk.errors import InputError
from eventdesk.ingest.records import BadRecord, parse


def gold_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line; InputError on the first bad one."""
    origin = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse(line)
        except BadRecord as exc:
            reason = str(exc).removeprefix("malformed JSON: ")
            raise InputError(origin, f"invalid JSON: {reason}", number) from None
        if not isinstance(record, dict):
            raise InputError(origin, "record is not a JSON object", number)
        yield number, record


def require(path: str | Path, number: int, record: dict[str, Any],
            fields: dict[str, type | tuple[type, ...]]) -> None:
    """InputError unless every field in ``fields`` is present with one of its types."""
    for name, kind in fields.items():
        if not isinstance(record.get(name), kind):
            raise InputError(str(path), f"record has no '{name}' of the right type", number)
