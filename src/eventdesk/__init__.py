"""eventdesk: political event data from news articles, offline and traceable.

Public API::

    import eventdesk
    record = eventdesk.code_text("Russia and Ukraine met in Istanbul.", date="2025-05-29")
    store = eventdesk.open_store("eventdesk.db")
"""

from eventdesk.coder import CODER_VERSION, Coder, __version__, code_text
from eventdesk.errors import EventdeskError, InputError, LexiconError, StoreError
from eventdesk.store import open_store

__all__ = [
    "CODER_VERSION",
    "Coder",
    "EventdeskError",
    "InputError",
    "LexiconError",
    "StoreError",
    "__version__",
    "code_text",
    "open_store",
]
