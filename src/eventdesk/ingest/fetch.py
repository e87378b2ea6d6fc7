"""Fetch an http(s) URL given on the command line (the only network access)."""

from __future__ import annotations

import urllib.error
import urllib.request

from eventdesk.errors import InputError
from eventdesk.ingest.common import too_big

TIMEOUT = 30.0
USER_AGENT = "eventdesk (political event coder; python urllib)"


def is_url(path: str) -> bool:
    """True for http:// and https:// addresses."""
    return path[:8].lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, timeout: float = TIMEOUT) -> tuple[bytes, str | None]:
    """Return the body and announced charset of ``url``; raise InputError on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise too_big(url, int(length), max_bytes, "response")
            data = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"could not fetch: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"could not fetch: {exc.reason}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(url, f"could not fetch: {exc}") from exc
    if len(data) > max_bytes:
        raise too_big(url, None, max_bytes, "response")
    return data, charset
