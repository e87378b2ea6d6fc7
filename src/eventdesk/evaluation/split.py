"""The tuning / checking halves of every gold file, fixed by a hash of each record's id.

Rules and models are written and trained looking only at the tuning half; figures are reported
for both halves. The split depends on nothing but the record id, so anyone gets the same halves.
"""

from __future__ import annotations

import hashlib

TUNE, CHECK = "tune", "check"
HALVES = (TUNE, CHECK)
_SALT = "eventdesk-split-v1:"


def half(record_id: str) -> str:
    """TUNE or CHECK for a record id (``id`` or ``doc_id`` of a gold record)."""
    digest = hashlib.sha256((_SALT + str(record_id)).encode("utf-8")).digest()
    return TUNE if digest[0] % 2 == 0 else CHECK


def record_id(record: dict) -> str:
    """The id a gold record is split by: ``id``, else ``doc_id``, else ``article_id``."""
    for key in ("id", "doc_id", "article_id"):
        if record.get(key) is not None:
            return str(record[key])
    raise KeyError("gold record has no id, doc_id or article_id")


def in_half(record: dict, wanted: str | None) -> bool:
    """True when ``wanted`` is None (all records) or the record lies in that half."""
    return wanted is None or half(record_id(record)) == wanted
