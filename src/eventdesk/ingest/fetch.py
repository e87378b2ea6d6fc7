"""Fetch an http(s) URL given on the command line (the only network access).

A download is whole or refused: a body shorter than its Content-Length (a connection closed
half way) is an error, not an article. It has an overall deadline (``--fetch-timeout``), however
slowly the server sends, and follows redirects to http(s) addresses only.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from eventdesk.errors import InputError, describe
from eventdesk.ingest.common import too_big

DEADLINE = 60.0  # seconds for one URL, all in (the default of --fetch-timeout)
READ_TIMEOUT = 30.0  # seconds one connect or read may wait
CHUNK = 64 * 1024
USER_AGENT = "eventdesk (political event coder; python urllib)"


@dataclass(frozen=True)
class Page:
    data: bytes
    charset: str | None  # announced in Content-Type
    media_type: str | None  # the Content-Type header as sent, None without one
    etag: str | None = None  # validators for a conditional GET of the same URL later
    last_modified: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional GET: no body


def is_url(path: str) -> bool:
    """True for http:// and https:// addresses."""
    return path[:8].lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, deadline: float = DEADLINE,
              headers: dict[str, str] | None = None) -> Page:
    """Download ``url`` whole within ``deadline`` seconds; raise InputError on failure.

    ``headers`` are sent too (``If-None-Match``, ``If-Modified-Since`` for a conditional
    GET); a 304 answer is a Page with ``not_modified`` set and no data.
    """
    outcome: list[Page | BaseException] = []
    worker = threading.Thread(target=_download_into,
                              args=(outcome, url, max_bytes, deadline, headers or {}),
                              name="eventdesk-fetch", daemon=True)
    worker.start()
    worker.join(deadline + 1.0)  # the download stops itself at the deadline; this is a backstop
    if not outcome:
        raise _too_slow(url, deadline)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _download_into(outcome: list, url: str, max_bytes: int, deadline: float,
                   headers: dict[str, str]) -> None:
    try:
        outcome.append(_download(url, max_bytes, time.monotonic() + deadline, deadline,
                                 headers))
    except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
        outcome.append(exc)


def _download(url: str, max_bytes: int, stop_at: float, deadline: float,
              headers: dict[str, str]) -> Page:
    request = urllib.request.Request(url, headers={**headers, "User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    wait = min(READ_TIMEOUT, deadline)
    try:
        with opener.open(request, timeout=wait) as response:
            length = response.headers.get("Content-Length", "").strip()
            expected = int(length) if length.isdigit() and len(length) < 19 else None
            if expected is not None and expected > max_bytes:
                raise too_big(url, expected, max_bytes, "response")
            data = _read(response, url, max_bytes, stop_at, deadline)
            answer = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and headers:
            return Page(b"", None, None, exc.headers.get("ETag"),
                        exc.headers.get("Last-Modified"), not_modified=True)
        reason = " ".join(str(exc.reason).split())  # a redirect loop's has line breaks
        raise InputError(url, f"could not fetch: HTTP {exc.code} {reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _no_answer(url, wait) from None
        raise InputError(url, f"could not fetch: {exc.reason}") from None
    except TimeoutError:
        raise _no_answer(url, wait) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise InputError(url, f"could not fetch: {describe(exc)}") from None
    if expected is not None and len(data) < expected:
        raise _cut_short(url, len(data), expected)
    return Page(data, answer.get_content_charset(), answer.get("Content-Type"),
                answer.get("ETag"), answer.get("Last-Modified"))


def _read(response, url: str, max_bytes: int, stop_at: float, deadline: float) -> bytes:
    """The body, a chunk at a time, checking the size limit and the deadline between reads."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > stop_at:
            raise _too_slow(url, deadline)
        try:
            chunk = response.read1(CHUNK)
        except http.client.IncompleteRead as exc:  # a chunked body ended early
            raise _cut_short(url, size + len(exc.partial), None) from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise too_big(url, None, max_bytes, "response")
        chunks.append(chunk)


def _too_slow(url: str, deadline: float) -> InputError:
    return InputError(url, f"could not fetch: not complete after {deadline:g} s; raise the "
                           "limit with --fetch-timeout (or EVENTDESK_FETCH_TIMEOUT)")


def _no_answer(url: str, wait: float) -> InputError:
    return InputError(url, f"could not fetch: no answer from the server for {wait:g} s")


def _cut_short(url: str, got: int, announced: int | None) -> InputError:
    of = f" of the {announced} announced" if announced is not None else ""
    return InputError(url, f"download cut short: the connection closed after {got} bytes{of}; "
                           "nothing stored, try again")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib would follow ftp:// too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise InputError(req.full_url, f"could not fetch: redirected to {newurl[:100]}; "
                                           "only http and https addresses are followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
