"""Datasette metadata for an eventdesk store: facets, labels and canned queries.

The file ``datasette.json`` beside this module is written for a database file named
``eventdesk.db`` (Datasette names a database after its file); ``metadata_for`` gives the same
metadata for another name. ``eventdesk serve --datasette-metadata --db FILE`` prints it.
"""

from __future__ import annotations

import json
from importlib import resources

SHIPPED_NAME = "eventdesk"


def metadata_path():
    return resources.files("eventdesk.web") / "datasette.json"


def metadata_for(database: str = SHIPPED_NAME) -> dict:
    data = json.loads(metadata_path().read_text(encoding="utf-8"))
    data["databases"] = {database: data["databases"][SHIPPED_NAME]}
    return data
