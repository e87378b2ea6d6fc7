"""eventdesk: political event data from news articles, offline and traceable.

Public API::

    import eventdesk
    record = eventdesk.code_text("Russia and Ukraine met in Istanbul.", date="2025-05-29")
    with eventdesk.open_store("eventdesk.db") as store:
        store.ingest("samples/")
    frame = eventdesk.events("eventdesk.db", type="CONSULT")   # a typed pandas DataFrame
    monthly = eventdesk.series("eventdesk.db", by="month")     # zero-filled counts

``events``, ``events_arrow`` and ``series`` live in ``eventdesk.frames`` (pandas and pyarrow
are imported only when they are called).
"""

from eventdesk.coder import CODER_VERSION, Coder, __version__, code_text
from eventdesk.errors import EventdeskError, InputError, LexiconError, StoreError, UsageError
from eventdesk.frames import events, events_arrow, series
from eventdesk.store import Store, open_store

__all__ = [
    "CODER_VERSION",
    "Coder",
    "EventdeskError",
    "InputError",
    "LexiconError",
    "Store",
    "StoreError",
    "UsageError",
    "__version__",
    "code_text",
    "events",
    "events_arrow",
    "open_store",
    "series",
]
