"""What one running server is told: the store, the limits, who may ask."""

from __future__ import annotations

from dataclasses import dataclass

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class WebSettings:
    db: str
    token: str | None = None  # when set, every request needs it (bearer header or login cookie)
    cors_origins: tuple[str, ...] = ()  # no CORS headers unless origins are given
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host headers accepted ("*": any)
    page_max: int = 500  # largest page of events an API call returns
    export_max: int = 100_000  # most rows one export download holds
    query_seconds: float = 10.0  # a query running longer is stopped (503)
    export_seconds: float = 120.0
    aggregate_seconds: float = 60.0  # series, actors, dyads, places, timeline (then cached)
    connections: int = 8  # read-only SQLite connections shared by the request threads
    cache_entries: int = 256  # aggregate responses (series, actors, ...) kept per store state
    aggregate_makers: int = 2  # aggregates computed at the same time, at most
