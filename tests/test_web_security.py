"""Safety of `eventdesk serve`: read-only, parameterised, bounded, token, no CORS, no escape."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from eventdesk.web.storage import ReadOnlyStore
from web_support import make_client


@pytest.fixture(scope="module")
def api(web_db):
    return make_client(web_db)


def test_the_store_is_opened_read_only(web_db) -> None:
    store = ReadOnlyStore(web_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        store.conn.execute("DELETE FROM articles")
    store.close()


def test_serving_never_changes_the_database(web_db, api) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    for url in ("/", "/events", "/api/v1/events", "/api/v1/series", "/api/v1/dyads",
                "/api/v1/export/csv", "/story?a=RUS&b=UKR"):
        assert api.get(url).status_code == 200
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("value", ["RUS' OR '1'='1", "x\"; DROP TABLE events; --",
                                   "%", "_", "RUS) OR (1=1"])
def test_parameters_are_data_not_sql(api, value) -> None:
    from urllib.parse import quote

    response = api.get(f"/api/v1/events?actor={quote(value)}&text={quote(value)}")
    assert response.status_code == 200
    assert response.json()["data"] == []
    assert api.get(f"/api/v1/actors?name={quote(value)}").json()["data"] == []
    assert api.get(f"/api/v1/actors?code={quote(value)}").json()["data"] == []
    assert api.get("/api/v1/stats").json()["events"] > 0


def test_page_sizes_are_bounded(api) -> None:
    assert api.get("/api/v1/events?limit=500").status_code == 200
    assert api.get("/api/v1/events?limit=501").status_code == 422
    assert api.get("/api/v1/timeline?limit=501").status_code == 422


def test_exports_are_capped(web_db) -> None:
    client = make_client(web_db, export_max=2)
    assert len(client.get("/api/v1/export/jsonl").text.splitlines()) == 2
    assert len(client.get("/api/v1/export/jsonl?limit=50").text.splitlines()) == 2


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py",
                                  "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fcli/main.py",
                                  "/static//etc/passwd", "/static/templates/../../app.py"])
def test_static_files_cannot_escape_their_folder(api, path) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "root:" not in response.text


def test_static_files_are_served(api) -> None:
    response = api.get("/static/svg.js")
    assert response.status_code == 200 and "createElementNS" in response.text


def test_no_cors_unless_asked(web_db, api) -> None:
    headers = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in api.get("/api/v1/stats", headers=headers).headers
    client = make_client(web_db, cors_origins=("http://notebook.example",))
    allowed = client.get("/api/v1/stats", headers={"Origin": "http://notebook.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://notebook.example"
    other = client.get("/api/v1/stats", headers=headers)
    assert "access-control-allow-origin" not in other.headers


def test_every_response_limits_the_page_to_this_server(api) -> None:
    for url in ("/", "/api/v1/stats", "/static/app.css", "/nowhere"):
        policy = api.get(url).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy


def test_other_host_names_are_refused_on_localhost(api) -> None:
    assert api.get("/api/v1/stats", headers={"Host": "evil.example"}).status_code == 400
    assert api.get("/api/v1/stats", headers={"Host": "localhost:8000"}).status_code == 200


TOKEN = "correct-horse-battery-staple"


def test_token_is_required_for_every_request(web_db) -> None:
    client = make_client(web_db, token=TOKEN)
    for url in ("/", "/api/v1/stats", "/static/app.css", "/api/v1/openapi.json", "/api/docs"):
        assert client.get(url).status_code == 401, url
    assert client.get("/api/v1/stats", headers={"Authorization": "Bearer wrong"}).status_code \
        == 401
    good = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/v1/stats", headers=good).status_code == 200
    assert client.get("/", headers=good).status_code == 200


def test_login_page_sets_a_cookie_that_is_not_the_token(web_db) -> None:
    client = make_client(web_db, token=TOKEN)
    assert client.post("/login", data={"token": "wrong"}).status_code == 401
    response = client.post("/login", data={"token": TOKEN})
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert TOKEN not in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    value = cookie.split(";")[0]
    assert client.get("/api/v1/stats", headers={"Cookie": value}).status_code == 200


def test_serve_refuses_other_hosts_without_a_token(cli, web_db) -> None:
    from eventdesk.cli.main import app

    result = cli.invoke(app, ["serve", "--db", str(web_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.stderr
    result = cli.invoke(app, ["serve", "--db", str(web_db), "--host", "0.0.0.0",
                              "--token", "short"])
    assert result.exit_code == 2 and "16 characters" in result.stderr
    result = cli.invoke(app, ["serve", "--db", str(web_db.parent / "missing.db")])
    assert result.exit_code == 1 and "no such database" in result.stderr


def test_token_from_the_environment_opens_other_hosts(web_db, monkeypatch) -> None:
    from eventdesk.cli.serve_cmd import web_settings

    settings = web_settings(str(web_db), "0.0.0.0", TOKEN, (), 5.0)
    assert settings.token == TOKEN and settings.allowed_hosts == ("*",)
    local = web_settings(str(web_db), "127.0.0.1", None, (), 5.0)
    assert local.token is None and "localhost" in local.allowed_hosts
