"""`eventdesk serve`: a read-only JSON API (/api/v1) and a dashboard over one store.

``create_app`` builds the ASGI application (FastAPI); ``eventdesk.cli.serve_cmd`` runs it on
uvicorn. Reads go through ``eventdesk.query``; nothing here writes to the store.
"""

from eventdesk.web.app import create_app
from eventdesk.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
