"""Write transactions that never hide their own error, and one line for any database error.

SQLite may roll a transaction back by itself when a write fails (a full disk during COMMIT,
say); a ROLLBACK issued after that fails with "cannot rollback - no transaction is active",
which would replace the real error. ``write_transaction`` rolls back only what is still open
and lets the first error through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; on any error, roll back what is left and re-raise it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back an open transaction; say nothing if there is none or it cannot be done."""
    if not conn.in_transaction:
        return
    with suppress(sqlite3.Error):  # the error that brought us here says more than this one
        conn.execute("ROLLBACK")


# (words in SQLite's message, what it means and what to do)
_PROBLEMS = (
    (("locked", "busy"), "database is busy: another process held its write lock longer than "
                         "the busy timeout; try again when that process is done"),
    (("full",), "the disk (or the database's size limit) is full; free some disk space and run "
                "the command again (nothing of the failed write was kept)"),
    (("readonly", "read-only"), "the database is read-only; check the permissions of the file "
                                "and its folder, or choose another file with --db"),
    (("malformed", "not a database", "corrupt"),
     "the database is damaged; run `eventdesk doctor`, then restore a backup or ingest again "
     "into a new file (--db)"),
    (("disk i/o error",), "the disk could not be read or written; check the device and its "
                          "free space, then run `eventdesk doctor`"),
    (("unable to open",), "the database file cannot be opened; check that its folder exists "
                          "and is writable"),
)


def database_problem(exc: sqlite3.Error) -> str:
    """One line for a database error: SQLite's words, what they mean and what to do."""
    text = str(exc).strip() or type(exc).__name__
    lowered = text.lower()
    for words, advice in _PROBLEMS:
        if any(word in lowered for word in words):
            return f"database error ({text}): {advice}"
    return f"database error: {text}"
