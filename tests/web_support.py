"""Helpers of the web tests: the fixture store, an in-process client, a free port.

The fixture store holds the bundled samples plus tests/fixtures/web/story.jsonl: short
articles the developers wrote (invented events) with a planned meeting that happened, planned
talks that were called off, a shelling, aid and a protest.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx

TESTS = Path(__file__).parent
STORY = TESTS / "fixtures" / "web" / "story.jsonl"
SAMPLES = TESTS.parent / "samples"


def build_web_db(db: Path) -> Path:
    from typer.testing import CliRunner

    from eventdesk.cli.main import app

    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), str(STORY), "--db", str(db),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    return db


class Client:
    """Calls an ASGI app in-process through httpx's ASGI transport (no socket)."""

    def __init__(self, app, host: str = "127.0.0.1"):
        self.app = app
        self.base = f"http://{host}"

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def go():
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url=self.base) as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def make_client(db: Path, **settings) -> Client:
    from eventdesk.web import WebSettings, create_app

    return Client(create_app(WebSettings(db=str(db), **settings)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
