"""Pick the input format: from the media type a server announced, the file extension, then
the content."""

from __future__ import annotations

import json
import os
import re

from eventdesk.ingest.seed import is_seed

_BY_EXTENSION = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_TEXT_EXTENSIONS = {".txt", ".text"}
_BY_MEDIA_TYPE = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl", "application/ndjson": "jsonl",
    "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl",
}
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]")
_PROLOGUE = re.compile(r"^(\s|<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


def detect_format(name: str, text: str, *, is_url: bool = False,
                  media_type: str | None = None) -> str:
    """Return one of the FORMATS for a file called ``name`` holding ``text``."""
    by_type = from_media_type(media_type, text)
    if by_type is not None:
        return by_type
    ext = os.path.splitext(name.lower())[1]
    if not is_url and ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if not is_url and ext in _TEXT_EXTENSIONS:
        return "seed" if is_seed(text) else "text"
    return sniff(text, is_url=is_url)


def from_media_type(media_type: str | None, text: str) -> str | None:
    """The format a server's Content-Type names, or None when it names none we read."""
    if not media_type:
        return None
    kind = media_type.split(";", 1)[0].strip().lower()
    if kind in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[kind]
    if kind == "application/json" or kind.endswith("+json"):
        return json_kind(text)
    if kind == "text/plain":
        return "seed" if is_seed(text) else "text"
    if kind in ("application/xml", "text/xml"):
        return "feed" if _FEED.match(_body(text)) else "html"
    return None


def sniff(text: str, *, is_url: bool = False) -> str:
    """Guess the format from the start of the content; URLs are feeds or HTML."""
    head = text[:4096].lstrip("\ufeff")
    body = _body(head)
    if _FEED.match(body):
        return "feed"
    if is_url or _HTML.match(head.lstrip()) or _HTML.match(body):
        return "html"
    if head.lstrip().startswith(("{", "[")):
        return json_kind(text)
    return "seed" if is_seed(head) else "text"


def json_kind(text: str, probe: int = 5) -> str:
    """JSON Lines when one of the first ``probe`` lines is a JSON object of its own (a
    pretty-printed document has none), else one JSON document (an object or an array)."""
    if text.lstrip("\ufeff \t\r\n").startswith("["):
        return "json"
    lines = (line for line in text.lstrip("\ufeff").split("\n", 64) if line.strip())
    for _, line in zip(range(probe), lines):
        try:
            if isinstance(json.loads(line), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            continue
    return "json"


def _body(text: str) -> str:
    head = text[:4096].lstrip("\ufeff")
    return head[_PROLOGUE.match(head).end():]
