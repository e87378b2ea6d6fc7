"""Shared fixtures: the output-contract schema, a warm coder, CLI runner, article factories.

Nothing here is autouse: tests of other modules are not affected. Store, CLI and API
tests ask for ``clean_env`` so that EVENTDESK_* variables of the developer's shell
do not leak in.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
E2E = TESTS / "fixtures" / "e2e"
SAMPLES = REPO / "samples"

# Country pairs and sentences for generated articles: enough variety for several
# event types per article, short enough that 30 articles code in about a second.
_PAIRS = [("Russia", "Ukraine"), ("France", "Germany"), ("China", "Japan"),
          ("India", "Pakistan"), ("Brazil", "Argentina"), ("Egypt", "Israel")]
_VERBS = ["met with", "accused", "threatened", "signed an agreement with", "criticized"]


@pytest.fixture(scope="session")
def contract_schema() -> dict:
    """The JSON Schema of one output line, loaded as package data (as users get it)."""
    text = (resources.files("eventdesk") / "schema" / "coded_article.schema.json").read_text(
        encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="session")
def validator(contract_schema: dict):
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(contract_schema)
    return jsonschema.Draft202012Validator(
        contract_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def event_validator(contract_schema: dict):
    """Validates one contract Event (the ``$defs/event`` of the schema)."""
    import jsonschema

    schema = dict(contract_schema)
    schema["$ref"] = "#/$defs/event"
    for key in ("type", "required", "properties"):
        schema.pop(key, None)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def warm_coder():
    """Load the spaCy pipeline and lexicon once per session (default settings)."""
    from eventdesk.coder import get_coder
    from eventdesk.config import Settings

    return get_coder(Settings())


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("EVENTDESK_"):
            monkeypatch.delenv(name)


@pytest.fixture
def cli(warm_coder, clean_env):
    """A typer CliRunner; stdout and stderr are kept apart (result.stdout, result.stderr)."""
    from typer.testing import CliRunner

    return CliRunner()


def _seed_article(i: int) -> str:
    a, b = _PAIRS[i % len(_PAIRS)]
    verb = _VERBS[i % len(_VERBS)]
    body = (f"(WIRE) Officials from {a} {verb} {b} on Monday, report {i} said. "
            f"The foreign ministry of {b} said talks would resume next week. "
            f"Protesters marched in the capital of {a} against the government, police said.\n")
    return f"date 2025-03-{i % 28 + 1:02d} {i}\nHeadline {i}: {a} and {b} hold talks\n{body}"


@pytest.fixture
def make_articles() -> Callable[[Path, int], list[Path]]:
    """Write ``n`` distinct seed-layout articles into ``folder``; return their paths."""

    def make(folder: Path, n: int, start: int = 0) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(start, start + n):
            path = folder / f"article_{i:03d}.txt"
            path.write_text(_seed_article(i), encoding="utf-8")
            paths.append(path)
        return paths

    return make


def stored_articles(db: Path) -> int:
    """Articles committed so far, read without writing anything (0 while the database does
    not exist or cannot be read yet): lets a test watch an ingest running in another process."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def store_snapshot(db: Path) -> dict:
    """What a database holds, for comparing two runs: per article its row, sentence spans,
    events (id -> stored JSON) and counts of actors, times and places; and table totals."""
    conn = sqlite3.connect(db)
    try:
        snap = {}
        for aid, chash, title, date, text, version in conn.execute(
                "SELECT id, content_hash, title, date, text, coder_version FROM articles"):
            snap[aid] = {
                "row": (chash, title, date, text, version),
                "sentences": conn.execute(
                    "SELECT segment, idx, start, end FROM sentences WHERE article_id = ? "
                    "ORDER BY segment, idx", (aid,)).fetchall(),
                "events": dict(conn.execute(
                    "SELECT id, data FROM events WHERE article_id = ?", (aid,)).fetchall()),
                "actors": conn.execute(
                    "SELECT COUNT(*) FROM event_actors a JOIN events e ON e.id = a.event_id "
                    "WHERE e.article_id = ?", (aid,)).fetchone()[0],
                "times": conn.execute("SELECT COUNT(*) FROM times WHERE article_id = ?",
                                      (aid,)).fetchone()[0],
                "places": conn.execute("SELECT COUNT(*) FROM places WHERE article_id = ?",
                                       (aid,)).fetchone()[0],
            }
        totals = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "events", "sentences", "event_actors", "articles_fts")}
        return {"articles": snap, "totals": totals}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, warm_coder) -> Path:
    """A store of the samples and tests/fixtures/web/story.jsonl, for the web tests (read
    only: the server never writes)."""
    from web_support import build_web_db

    return build_web_db(tmp_path_factory.mktemp("web") / "web.db")
class LocalWeb:
    """A web server on 127.0.0.1 in a thread, for the download cases (never the network).

    ``route(path, handler)``: ``handler(request)`` answers one request; ``request`` is the
    http.server handler (send_response, send_header, end_headers, wfile). ``page(path, body,
    content_type)`` serves fixed bytes. ``url(path)`` is the address to fetch.
    """

    def __init__(self) -> None:
        import http.server
        import threading

        routes: dict[str, Callable] = {}
        self.routes = routes

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                handler = routes.get(self.path.split("?", 1)[0])
                if handler is None:
                    self.send_error(404)
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handler(self)  # (the client may give up: a deadline test)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def route(self, path: str, handler: Callable) -> str:
        self.routes[path] = handler
        return self.url(path)

    def page(self, path: str, body: bytes, content_type: str | None = "text/html",
             status: int = 200, headers: dict[str, str] | None = None) -> str:
        def answer(request) -> None:
            request.send_response(status)
            if content_type is not None:
                request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(body)

        return self.route(path, answer)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web():
    server = LocalWeb()
    try:
        yield server
    finally:
        server.close()
