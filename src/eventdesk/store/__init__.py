"""SQLite store: schema migrations, idempotent article writes, reads."""

from eventdesk.store.db import Store, open_store

__all__ = ["Store", "open_store"]
