"""The Datasette metadata shipped with the package opens a store with facets and queries
(Datasette run in-process on the fixture store)."""

from __future__ import annotations

import asyncio
import json

import pytest
from datasette import app as datasette_app

from eventdesk.web.datasette import metadata_for, metadata_path


def get(ds, path: str) -> dict:
    async def go():
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def ds(web_db):
    return datasette_app.Datasette([str(web_db)], metadata=metadata_for(web_db.stem))


def test_the_shipped_file_is_package_data_for_eventdesk_db() -> None:
    data = json.loads(metadata_path().read_text(encoding="utf-8"))
    assert set(data["databases"]) == {"eventdesk"}
    assert metadata_for("other")["databases"]["other"] == data["databases"]["eventdesk"]


def test_tables_open_with_their_facets(ds, web_db) -> None:
    body = get(ds, f"/{web_db.stem}/events.json?_shape=objects")
    facets = body["facet_results"]
    facets = facets.get("results", facets)  # Datasette 0.6x and 1.x nest them differently
    assert {"plover_type", "quad_class", "modality"} <= set(facets)
    counts = {f["value"]: f["count"] for f in facets["plover_type"]["results"]}
    assert counts["CONSULT"] >= 5
    clusters = get(ds, f"/{web_db.stem}/clusters.json?_shape=objects")
    assert clusters["rows"]


def test_canned_queries_run(ds, web_db) -> None:
    name = web_db.stem
    rows = get(ds, f"/{name}/dyad_events.json?source=RUS&target=UKR&_shape=array")
    assert rows and all(r["source"].startswith("RUS") and r["target"].startswith("UKR")
                        for r in rows)
    months = get(ds, f"/{name}/events_per_month.json?_shape=array")
    assert months[0]["month"] <= months[-1]["month"] and sum(m["events"] for m in months) > 0
    actors = get(ds, f"/{name}/top_actors.json?_shape=array")
    assert actors[0]["mentions"] >= actors[-1]["mentions"]
    evidence = get(ds, f"/{name}/evidence.json?event_id={rows[0]['event_id']}&_shape=array")
    assert evidence[0]["sentence"] and evidence[0]["rule"]
    found = get(ds, f"/{name}/search_articles.json?words=ceasefire&_shape=array")
    assert {"story-02", "story-03"} <= {r["id"] for r in found}
    cluster = get(ds, f"/{name}/clusters.json?_shape=array&_size=1&_sort_desc=num_articles")
    reports = get(ds, f"/{name}/reports_of_event.json?cluster_id={cluster[0]['id']}"
                      "&_shape=array")
    assert len(reports) == cluster[0]["num_mentions"]


def test_serve_prints_the_metadata_for_a_store(cli, web_db) -> None:
    from eventdesk.cli.main import app

    result = cli.invoke(app, ["serve", "--db", str(web_db), "--datasette-metadata"])
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)["databases"]) == {web_db.stem}
