"""Country codes for filters and checks: the ISO3 codes of the bundled country table, and a
country name or alias resolved to its code."""

from __future__ import annotations

import csv
import difflib
from functools import cache
from importlib import resources


@cache
def country_names() -> dict[str, str]:
    """ISO3 -> English name, from ``data/actors/countries.tsv``."""
    return {code: names[0] for code, names in _table().items()}


def is_country_code(code: str) -> bool:
    return code.upper() in _table()


def resolve_country(text: str) -> tuple[str | None, str | None]:
    """(ISO3, None) for a code or a name/alias of a country; (None, suggestion) otherwise,
    the suggestion being the closest code or name (or None)."""
    key = text.strip()
    if key.upper() in _table():
        return key.upper(), None
    by_name = _by_name()
    if key.casefold() in by_name:
        return by_name[key.casefold()], None
    close = difflib.get_close_matches(key.casefold(), list(by_name), n=1, cutoff=0.75)
    if close:
        return None, by_name[close[0]]
    close = difflib.get_close_matches(key.upper(), list(_table()), n=1, cutoff=0.6)
    return None, close[0] if close else None


@cache
def _by_name() -> dict[str, str]:
    return {name.casefold(): code for code, names in _table().items() for name in names}


@cache
def _table() -> dict[str, list[str]]:
    """ISO3 -> [name, aliases...]."""
    text = (resources.files("eventdesk") / "data" / "actors" / "countries.tsv").read_text(
        encoding="utf-8")
    table: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        table[row["iso3"]] = [row["name"], *aliases]
    return table
