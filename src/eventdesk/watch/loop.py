"""Rounds of polls: every feed once per round, then a wait of ``every`` seconds."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from eventdesk.config import Settings
from eventdesk.errors import InputError, UsageError
from eventdesk.ingest.fetch import is_url
from eventdesk.model import Article
from eventdesk.store.db import Store
from eventdesk.watch.poll import HostGate, WatchOptions, poll_feed

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smh]?)$")


def parse_every(text: str) -> float:
    """'15m', '30s', '1h' or a number of seconds; UsageError when it is none of these or
    under 1 second."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise UsageError(f"--every must look like 30s, 15m or 1h, got {text!r}")
    seconds = float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]
    if not 1 <= seconds <= 7 * 86400:
        raise UsageError(f"--every must be between 1 second and 7 days, got {text!r}")
    return seconds


def feed_urls(arguments: Iterable[str]) -> list[str]:
    """The feed URLs of the arguments: URLs as given, files as lists of URLs (one per line,
    '#' starts a comment). UsageError for a file that cannot be read or a line that is not a
    URL."""
    urls: list[str] = []
    for argument in arguments:
        if is_url(argument):
            urls.append(argument)
            continue
        try:
            lines = Path(argument).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{argument}: not a feed URL, nor a readable list of feed URLs "
                             f"({exc.__class__.__name__})") from None
        for number, line in enumerate(lines, start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not is_url(line):
                raise UsageError(f"{argument}:{number}: not an http(s) URL: {line[:80]!r}")
            urls.append(line)
    return list(dict.fromkeys(urls))


def store_coder(store: Store, settings: Settings) -> Callable[[Article], int]:
    """Code one article and store it; its number of events. InputError when the coder or
    the store refuses this article (the coder loads on the first article)."""

    def code(article: Article) -> int:
        from eventdesk.coder import get_coder
        from eventdesk.runner import write

        coder = get_coder(settings)
        result = next(coder.code_each([article]))
        if isinstance(result, InputError):
            raise result
        problem = write(store, result, coder.version)
        if problem is not None:
            raise problem
        return len(result.events)

    return code


def watch(store: Store, urls: list[str], settings: Settings, log: TextIO, *,
          every: float = 900.0, once: bool = False, options: WatchOptions | None = None,
          rounds: int | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll ``urls`` once (``once``), ``rounds`` times, or until interrupted; the number of
    rounds done."""
    options = options or WatchOptions()
    gate = HostGate(options.host_gap)
    code = store_coder(store, settings)
    done = 0
    while True:
        started = time.monotonic()
        for url in urls:
            poll_feed(store, url, settings, options, gate, code, log)
        done += 1
        if once or (rounds is not None and done >= rounds):
            return done
        sleep(max(0.0, every - (time.monotonic() - started)))
