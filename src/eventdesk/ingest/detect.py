"""Pick the input format from the file extension, then from the content."""

from __future__ import annotations

import os
import re

from eventdesk.ingest.seed import is_seed

_BY_EXTENSION = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_TEXT_EXTENSIONS = {".txt", ".text"}
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_FEED = re.compile(r"<(rss|feed|rdf:RDF)[\s>]")
_PROLOGUE = re.compile(r"^(\s|<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


def detect_format(name: str, text: str, *, is_url: bool = False) -> str:
    """Return one of the FORMATS for a file called ``name`` holding ``text``."""
    ext = os.path.splitext(name.lower())[1]
    if not is_url and ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if not is_url and ext in _TEXT_EXTENSIONS:
        return "seed" if is_seed(text) else "text"
    return sniff(text, is_url=is_url)


def sniff(text: str, *, is_url: bool = False) -> str:
    """Guess the format from the start of the content; URLs are feeds or HTML."""
    head = text[:4096].lstrip("\ufeff")
    body = head[_PROLOGUE.match(head).end():]
    if _FEED.match(body):
        return "feed"
    if is_url or _HTML.match(head.lstrip()) or _HTML.match(body):
        return "html"
    if head.lstrip().startswith("{"):
        return "jsonl"
    return "seed" if is_seed(head) else "text"
