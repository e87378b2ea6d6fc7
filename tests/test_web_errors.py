"""Every error path of the API returns the one error shape (pinned here), never a traceback."""

from __future__ import annotations

import jsonschema
import pytest

from eventdesk.web.errors import ERROR_SCHEMA
from web_support import make_client

# (url, status, parameter at fault or None)
BAD_REQUESTS = [
    ("/api/v1/events?since=yesterday", 400, "since"),
    ("/api/v1/events?until=2025-13", 400, "until"),
    ("/api/v1/events?type=HUG", 400, "type"),
    ("/api/v1/events?actor=%20", 400, "actor"),
    ("/api/v1/events?cursor=not-a-cursor", 400, "cursor"),
    ("/api/v1/events?fields=id,nonsense", 400, "fields"),
    ("/api/v1/canonical?dyad=RUS", 400, "dyad"),
    ("/api/v1/canonical?dyad=RUS-UKR-USA", 400, "dyad"),
    ("/api/v1/canonical?since=2025-99-99", 400, "since"),
    ("/api/v1/series?by=day&since=1900-01-01&until=2025-01-01", 400, "by"),
    ("/api/v1/export/csv?country=Narnia", 422, "country"),
    ("/api/v1/export/csv?min_confidence=1.5", 422, "min_confidence"),
    ("/api/v1/events?limit=0", 422, "limit"),
    ("/api/v1/events?limit=501", 422, "limit"),
    ("/api/v1/events?limit=ten", 422, "limit"),
    ("/api/v1/events?sort=confidence", 422, "sort"),
    ("/api/v1/events?min_confidence=2", 422, "min_confidence"),
    ("/api/v1/events?historical=maybe", 422, "historical"),
    ("/api/v1/events?country=U1", 422, "country"),
    ("/api/v1/series?by=decade", 422, "by"),
    ("/api/v1/dyads?level=planet", 422, "level"),
    ("/api/v1/search", 422, "q"),
    ("/api/v1/search?q=", 422, "q"),
    ("/api/v1/export/xlsx", 422, "fmt"),
    ("/api/v1/actors?limit=100000", 422, "limit"),
    ("/api/v1/nothing-here", 404, None),
    ("/api/v1/events/ev_doesnotexist", 404, None),
    ("/api/v1/articles/no-such-article", 404, None),
    ("/api/v1/canonical/ce_doesnotexist", 404, None),
]


@pytest.fixture(scope="module")
def api(web_db):
    return make_client(web_db)


def check_shape(response, status: int) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    jsonschema.validate(body, ERROR_SCHEMA)
    assert body["error"]["status"] == status
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]


@pytest.mark.parametrize(("url", "status", "parameter"), BAD_REQUESTS)
def test_bad_requests_get_the_error_shape(api, url, status, parameter) -> None:
    error = check_shape(api.get(url), status)
    if parameter:
        assert error["details"][0]["parameter"] == parameter
        assert error["message"]
    else:
        assert error["code"] == "not_found"


def test_cursor_of_the_other_sort_is_refused(api) -> None:
    cursor = api.get("/api/v1/events?limit=2").json()["next"]
    error = check_shape(api.get(f"/api/v1/events?limit=2&sort=-date&cursor={cursor}"), 400)
    assert "sort" in error["message"]
    cursor = api.get("/api/v1/canonical?limit=2").json()["next"]  # a 2-column key
    check_shape(api.get(f"/api/v1/events?limit=2&cursor={cursor}"), 400)


def test_wrong_method(api) -> None:
    error = check_shape(api.post("/api/v1/events"), 405)
    assert error["code"] == "method_not_allowed"


def test_unexpected_failure_is_a_500_without_details(web_db, monkeypatch) -> None:
    import eventdesk.query.pages as pages

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(pages, "mention_page", broken)
    response = make_client(web_db).get("/api/v1/events")
    error = check_shape(response, 500)
    assert "secret" not in response.text and error["code"] == "internal_error"


def test_a_query_past_its_time_bound_is_stopped_with_503(web_db, monkeypatch) -> None:
    import eventdesk.query.network as network

    def endless(store, *args):  # a recursive query that never ends by itself
        store.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                           "SELECT COUNT(*) FROM n").fetchone()

    monkeypatch.setattr(network, "actor_counts", endless)
    client = make_client(web_db, query_seconds=0.3, aggregate_seconds=0.3)
    error = check_shape(client.get("/api/v1/actors"), 503)
    assert error["code"] == "query_timeout"
    assert client.get("/api/v1/stats").status_code == 200  # the connection is usable again


def test_unauthorised_is_the_error_shape_too(web_db) -> None:
    client = make_client(web_db, token="a-long-enough-test-token")
    error = check_shape(client.get("/api/v1/stats"), 401)
    assert error["code"] == "unauthorized"


def test_pages_answer_errors_in_html(api) -> None:
    response = api.get("/evidence/ev_doesnotexist")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no event" in response.text
    response = api.get("/events?since=yesterday")
    assert response.status_code == 400 and "dates look like" in response.text
    assert api.get("/no-such-page").status_code == 404
