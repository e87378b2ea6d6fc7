"""Who may ask, and what every response says about itself (an ASGI middleware).

With a token set, every request must carry it, as ``Authorization: Bearer <token>`` or as the
cookie the login page sets (it holds a hash of the token, not the token); only the login page
itself is open. Every response gets a Content-Security-Policy that lets a page load and
connect to this server only, so a page cannot fetch anything from elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import parse_qs

from eventdesk.web.errors import error_body

COOKIE = "eventdesk_token"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
LOGIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>eventdesk: sign in</title></head><body><h1>eventdesk</h1>
<p>This server needs its access token.</p>{error}
<form method="post" action="/login"><label>Token <input type="password" name="token"
autocomplete="current-password" autofocus></label> <button>Sign in</button></form></body></html>"""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Guard:
    def __init__(self, app, token: str | None):
        self.app = app
        self.token = token
        self.hashed = token_hash(token) if token else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if self.token is not None:
            if scope["path"] == "/login":
                return await self._login(scope, receive, send_with_headers)
            if not self._allowed(scope):
                return await self._refuse(scope, send_with_headers)
        await self.app(scope, receive, send_with_headers)

    def _allowed(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
            return hmac.compare_digest(token_hash(given), self.hashed)
        for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return hmac.compare_digest(value, self.hashed)
        return False

    async def _refuse(self, scope, send):
        if scope["path"].startswith("/api/"):
            body = json.dumps(error_body(401, "this server needs a bearer token: send "
                                         "'Authorization: Bearer <token>'")).encode()
            kind = b"application/json"
        else:
            body = LOGIN_PAGE.format(error="").encode()
            kind = b"text/html; charset=utf-8"
        await _send(send, 401, body, kind, [(b"www-authenticate", b"Bearer")])

    async def _login(self, scope, receive, send):
        if scope["method"] != "POST":
            return await _send(send, 200, LOGIN_PAGE.format(error="").encode(),
                               b"text/html; charset=utf-8")
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > 4096 or not message.get("more_body"):
                break
        given = parse_qs(body[:4096].decode("utf-8", "replace")).get("token", [""])[0]
        if not hmac.compare_digest(token_hash(given), self.hashed):
            page = LOGIN_PAGE.format(error="<p>That token is not right.</p>").encode()
            return await _send(send, 401, page, b"text/html; charset=utf-8")
        cookie = f"{COOKIE}={self.hashed}; Path=/; HttpOnly; SameSite=Strict".encode()
        await _send(send, 303, b"", b"text/plain", [(b"location", b"/"),
                                                    (b"set-cookie", cookie)])


async def _send(send, status: int, body: bytes, kind: bytes, extra=()) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode()), *extra]})
    await send({"type": "http.response.body", "body": body})
