"""The JSON API in-process (ASGI transport): every endpoint against the fixture store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventdesk.query import EventFilter, query_events
from eventdesk.query.canonical import ClusterFilter, canonical_events
from eventdesk.query.series import series
from eventdesk.store import open_store
from web_support import make_client


@pytest.fixture(scope="module")
def api(web_db):
    return make_client(web_db)


def all_pages(api, url: str) -> list[dict]:
    rows, next_url = [], url
    while next_url:
        body = api.get(next_url).json()
        rows += body["data"]
        next_url = body["next_url"]
    return rows


def test_event_pages_cover_every_mention_once_in_the_cli_order(api, web_db) -> None:
    with open_store(web_db, readonly=True) as store:
        expected = [e["id"] for e in query_events(store, EventFilter())]
    rows = all_pages(api, "/api/v1/events?limit=7")
    assert [r["id"] for r in rows] == expected
    newest_first = all_pages(api, "/api/v1/events?limit=5&sort=-date")
    dated = [r["date"] for r in newest_first if r["date"]]
    assert dated == sorted(dated, reverse=True)
    assert sorted(r["id"] for r in newest_first) == sorted(expected)


def test_event_filters_mean_what_the_cli_options_mean(api, web_db) -> None:
    with open_store(web_db, readonly=True) as store:
        for flt, query in ((EventFilter(actor="RUS"), "actor=RUS"),
                           (EventFilter(plover_type="CONSULT"), "type=consult"),
                           (EventFilter(country="TUR"), "country=TUR"),
                           (EventFilter(text="ceasefire"), "text=ceasefire"),
                           (EventFilter(since="2025-06", until="2025-06"),
                            "since=2025-06&until=2025-06")):
            expected = [e["id"] for e in query_events(store, flt)]
            assert expected, query
            assert [r["id"] for r in all_pages(api, f"/api/v1/events?limit=4&{query}")] == \
                expected, query


def test_min_confidence_and_fields(api) -> None:
    everything = all_pages(api, "/api/v1/events?limit=500&fields=confidence")
    # a threshold inside the data, whatever confidences the coder gives today
    floor = sorted({r["confidence"] for r in everything})[-2]
    rows = all_pages(api, f"/api/v1/events?limit=500&min_confidence={floor}&fields=id,confidence")
    assert rows and all(set(r) == {"id", "confidence"} for r in rows)
    assert all(r["confidence"] >= floor for r in rows)
    assert len(rows) == sum(r["confidence"] >= floor for r in everything) < len(everything)


def test_historical_filter_treats_events_without_the_flag_as_current(api) -> None:
    total = len(all_pages(api, "/api/v1/events?limit=500"))
    assert len(all_pages(api, "/api/v1/events?limit=500&historical=false")) == total
    assert all_pages(api, "/api/v1/events?limit=500&historical=true") == []


def test_canonical_pages_match_the_timeline(api, web_db) -> None:
    with open_store(web_db, readonly=True) as store:
        expected = [e["cluster_id"] for e in canonical_events(
            store, ClusterFilter(actors=("RUS",)))]
    rows = all_pages(api, "/api/v1/canonical?actor=RUS&limit=3")
    assert [r["cluster_id"] for r in rows] == expected
    assert all(r["num_articles"] >= 1 for r in rows)
    dyad = all_pages(api, "/api/v1/canonical?dyad=RUSGOV-USAGOV&limit=50")
    assert dyad and all(any(a["code"].startswith("RUSGOV") for a in r["source"]) and
                        any(a["code"].startswith("USAGOV") for a in r["target"]) for r in dyad)
    turkey = all_pages(api, "/api/v1/canonical?country=TUR&limit=50")
    assert turkey and all((r.get("location") or {}).get("country") == "TUR" or
                          any(a.get("country") == "TUR" for a in r["source"] + r["target"])
                          for r in turkey)


def test_one_event_with_its_evidence_and_every_report(api) -> None:
    met = [r for r in all_pages(api, "/api/v1/canonical?type=CONSULT&limit=50")
           if r["num_articles"] == 2]
    assert met, "the Geneva meeting is reported by two articles"
    body = api.get(f"/api/v1/events/{met[0]['id']}").json()
    assert body["event"]["sentence_text"] and body["event"]["trigger"]["text"]
    assert body["cluster"]["num_articles"] == 2
    assert {m["article_id"] for m in body["mentions"]} == {"story-02", "story-03"}
    cluster = api.get(f"/api/v1/canonical/{met[0]['cluster_id']}").json()
    assert cluster["mentions"] == body["mentions"] and cluster["id"] == met[0]["id"]


def test_article_with_its_annotations(api) -> None:
    body = api.get("/api/v1/articles/story-06").json()
    assert body["article"]["title"] == "Shelling in Kharkiv"
    types = {e["plover_type"] for e in body["events"]}
    assert {"ASSAULT", "ACCUSE"} <= types
    assert any(t["text"] == "Tuesday" for t in body["times"])


def test_series_is_zero_filled_and_counts_like_stats_by(api, web_db) -> None:
    body = api.get("/api/v1/series?by=month").json()
    rows = body["data"]
    periods = [r["period"] for r in rows]
    assert periods[0] == "2023-09" and periods[-1] == "2025-07" and len(periods) == 23
    assert len(set(periods)) == len(periods)
    with open_store(web_db, readonly=True) as store:
        cli = {r["period"]: r for r in series(store, "month", ClusterFilter(factual_only=True))}
    for row in rows:
        if row["period"] in cli:
            assert row["events"] == cli[row["period"]]["events"]
            assert row["quad4"] == cli[row["period"]]["quad4"]
        else:
            assert row["events"] == 0
    assert any(r["events"] == 0 for r in rows)
    june = next(r for r in rows if r["period"] == "2025-06")
    assert (june["start"], june["end"]) == ("2025-06-01", "2025-06-30")


def test_series_by_year_week_and_between_given_dates(api) -> None:
    years = api.get("/api/v1/series?by=year&all=true").json()["data"]
    assert [r["period"] for r in years] == ["2023", "2024", "2025"]
    weeks = api.get("/api/v1/series?by=week&since=2025-06-01&until=2025-06-30").json()["data"]
    assert [r["period"] for r in weeks] == ["2025-W22", "2025-W23", "2025-W24", "2025-W25",
                                            "2025-W26", "2025-W27"]
    assert weeks[0]["start"] == "2025-05-26" and weeks[-1]["end"] == "2025-07-06"
    days = api.get("/api/v1/series?by=day&since=2030-01-01&until=2030-01-03").json()["data"]
    assert [r["events"] for r in days] == [0, 0, 0]


def test_actors_by_name_or_code_with_counts(api) -> None:
    by_name = api.get("/api/v1/actors?name=lavrov").json()["data"]
    assert by_name[0]["code"] == "RUSGOV" and by_name[0]["name"] == "Sergey Lavrov"
    assert by_name[0]["events"] >= 4
    by_code = api.get("/api/v1/actors?code=ukr").json()["data"]
    assert by_code and all(a["code"].startswith("UKR") for a in by_code)
    assert by_code[0]["country"] == "UKR" and by_code[0]["name"]
    counts = [a["events"] for a in api.get("/api/v1/actors").json()["data"]]
    assert counts == sorted(counts, reverse=True)
    assert api.get("/api/v1/actors?name=%25").json()["data"] == []  # %: a letter, no wildcard


def test_dyads_are_weighted_coloured_edges(api) -> None:
    body = api.get("/api/v1/dyads").json()
    edges = {(e["source"], e["target"], e["directed"]): e for e in body["edges"]}
    shelling = edges[("RUS", "UKR", True)]
    assert shelling["conflict"] >= 1 and shelling["events"] == \
        shelling["cooperation"] + shelling["conflict"]
    assert ("RUS", "USA", False) in edges  # "Lavrov and Rubio met": a meeting of two sources
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    actors = api.get("/api/v1/dyads?level=actor&limit=5").json()
    assert len(actors["edges"]) == 5 and any(len(n["id"]) > 3 for n in actors["nodes"])


def test_places_are_geojson(api) -> None:
    response = api.get("/api/v1/places")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    geneva = next(f for f in body["features"] if f["properties"]["name"] == "Geneva")
    lon, lat = geneva["geometry"]["coordinates"]
    assert 5 < lon < 7 and 45 < lat < 47
    assert body["countries"]["CHE"] >= geneva["properties"]["events"]
    assert body["unlocated"] > 0


def test_full_text_search_marks_the_words(api) -> None:
    rows = api.get("/api/v1/search?q=ceasefire").json()["data"]
    assert {r["id"] for r in rows} >= {"story-02", "story-03", "story-06"}
    for row in rows:
        assert any(p["match"] and p["text"].lower() == "ceasefire" for p in row["snippet"])
    assert api.get("/api/v1/search?q=zzzzqqq").json()["data"] == []


def test_timeline_links_plans_to_what_became_of_them(api) -> None:
    rows = api.get("/api/v1/timeline?actor=RUS&actor=USA").json()["data"]
    geneva = [r for r in rows if r["modality"] == "planned" and r["date"] == "2025-06-02"]
    assert geneva[0]["outcome"]["status"] == "happened"
    assert geneva[0]["outcome"]["article_id"] == "story-02"
    rows = api.get("/api/v1/timeline?actor=RUS&actor=UKR").json()["data"]
    istanbul = [r for r in rows if r["modality"] == "planned" and r["date"] == "2025-06-16"]
    assert istanbul[0]["outcome"]["status"] == "did_not_happen"
    assert istanbul[0]["outcome"]["cameo_code"] == "164"  # halt negotiations
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("fmt", ["gdelt", "polecat", "jsonl", "csv", "parquet"])
def test_exports_download(api, fmt) -> None:
    response = api.get(f"/api/v1/export/{fmt}?actor=RUS")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    total = len(all_pages(api, "/api/v1/canonical?actor=RUS&limit=500"))
    if fmt == "parquet":
        assert response.content[:4] == b"PAR1"
        return
    text = response.text
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == total
    elif fmt == "jsonl":
        assert [json.loads(line)["cluster_id"] for line in text.splitlines()] == \
            [r["cluster_id"] for r in all_pages(api, "/api/v1/canonical?actor=RUS&limit=500")]
    elif fmt == "polecat":
        lines = text.splitlines()
        assert len(lines) == total + 1 and len(lines[-1].split("\t")) == 40
    else:  # GDELT: one row per actor pair, GDELT's 61 columns and our DatePrecision
        rows = [line.split("\t") for line in text.splitlines()]
        assert len(rows) >= total and {len(r) for r in rows} == {62}
        assert len({r[0] for r in rows}) == len(rows)


def test_export_limit_and_mentions(api) -> None:
    assert len(api.get("/api/v1/export/jsonl?limit=3").text.splitlines()) == 3
    mentions = api.get("/api/v1/export/jsonl?mentions=true").text.splitlines()
    events = api.get("/api/v1/export/jsonl").text.splitlines()
    assert len(mentions) > len(events)


def test_openapi_schema_documents_every_endpoint(api) -> None:
    schema = api.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/articles/{article_id}",
            "/api/v1/canonical", "/api/v1/canonical/{cluster_id}", "/api/v1/timeline",
            "/api/v1/series", "/api/v1/actors", "/api/v1/dyads", "/api/v1/places",
            "/api/v1/search", "/api/v1/export/{fmt}", "/api/v1/stats"} == paths
    by = {p["name"]: p for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert by["limit"]["schema"]["maximum"] == 500
    assert "400" in schema["paths"]["/api/v1/events"]["get"]["responses"]


def test_docs_page_lists_every_endpoint_and_loads_nothing_from_elsewhere(api) -> None:
    page = api.get("/api/docs").text
    schema = api.get("/api/v1/openapi.json").json()
    for path in schema["paths"]:
        assert path in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert 'src="http' not in page and 'href="http' not in page
