"""Filters the web API offers beyond the CLI's filter dataclasses, as SQL conditions.

``Extra`` holds a filter the dataclass in use does not have yet (the country of a canonical
event, a minimum confidence, the ``historical`` flag). ``split_filter`` hands every value whose
name is a field of the dataclass to the dataclass, and only the rest to ``Extra``: when
EventFilter or ClusterFilter gain ``min_confidence`` or ``historical``, the API uses theirs.
Events without a ``historical`` field count as not historical.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Extra:
    country: str | None = None  # ISO3 of an actor or of the location
    min_confidence: float | None = None
    historical: bool | None = None  # None: both; False: current events only; True: background


def split_filter(cls, values: dict):
    """(``cls`` built from the values it has fields for, ``Extra`` of the others set)."""
    names = {f.name for f in fields(cls)}
    extra_names = {f.name for f in fields(Extra)}
    unknown = set(values) - names - extra_names
    if unknown:
        raise ValueError(f"unknown filter {sorted(unknown)[0]!r}")
    own = {k: v for k, v in values.items() if k in names}
    rest = {k: v for k, v in values.items() if k not in names and v is not None}
    return cls(**own), Extra(**rest)


def mention_conditions(extra: Extra, alias: str = "e") -> tuple[list[str], list]:
    """Conditions over the events row ``alias`` and their parameters."""
    where: list[str] = []
    params: list = []
    if extra.country:
        where.append(f"({alias}.location_country = ? OR EXISTS (SELECT 1 FROM event_actors ea "
                     f"WHERE ea.event_id = {alias}.id AND ea.role != 'reported_by' "
                     "AND ea.country = ?))")
        params += [extra.country.upper()] * 2
    if extra.min_confidence is not None:
        where.append(f"{alias}.confidence >= ?")
        params.append(extra.min_confidence)
    if extra.historical is not None:
        where.append(f"COALESCE(json_extract({alias}.data, '$.historical'), 0) = ?")
        params.append(int(extra.historical))
    return where, params


def cluster_conditions(extra: Extra) -> tuple[list[str], list]:
    """Conditions over the clusters row ``c``, tested on its anchor mention."""
    where, params = mention_conditions(extra, "x")
    if not where:
        return [], []
    return [f"EXISTS (SELECT 1 FROM events x WHERE x.id = c.anchor_event_id AND "
            f"{' AND '.join(where)})"], params
