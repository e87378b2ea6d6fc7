"""Turn the PATH arguments into raw inputs: files, folders, stdin and URLs."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from eventdesk.errors import InputError
from eventdesk.ingest import fetch
from eventdesk.ingest.common import too_big

STDIN_ORIGIN = "<stdin>"
# Inside folders only files with these extensions (or none) are read; README.md, images and
# the like are passed over. A file named on the command line is always read.
ARTICLE_EXTENSIONS = frozenset({"", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".html",
                                ".htm", ".xhtml", ".rss", ".atom", ".xml"})


@dataclass(frozen=True)
class Source:
    """The bytes of one input and where they came from."""

    origin: str  # printable: a file name's undecodable bytes are shown as \xNN
    data: bytes
    encoding: str | None = None  # charset announced by a web server
    is_url: bool = False
    media_type: str | None = None  # Content-Type announced by a web server


def iter_sources(paths: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None,
                 fetch_timeout: float = fetch.DEADLINE) -> Iterator[Source | InputError]:
    """Yield each input in order; folders expand to their files sorted by path."""
    for path in paths:
        if path == "-":
            yield _read_stream(stdin or sys.stdin.buffer, max_bytes)
        elif fetch.is_url(path):
            yield _fetch(path, max_bytes, fetch_timeout)
        else:
            yield from _expand(path, max_bytes)


def shown_path(path: str) -> str:
    """A file name as text that can be printed and stored (bytes that are not UTF-8 as \\xNN)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def _read_stream(stream: BinaryIO, max_bytes: int) -> Source | InputError:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return too_big(STDIN_ORIGIN, None, max_bytes, "input")
    return Source(STDIN_ORIGIN, data)


def _fetch(url: str, max_bytes: int, timeout: float) -> Source | InputError:
    try:
        page = fetch.fetch_url(url, max_bytes, deadline=timeout)
    except InputError as exc:
        return exc
    return Source(url, page.data, page.charset, is_url=True, media_type=page.media_type)


def _expand(path: str, max_bytes: int) -> Iterator[Source | InputError]:
    try:
        info = os.stat(path)
    except OSError as exc:
        yield InputError(shown_path(path), _reason(exc))
        return
    if not stat.S_ISDIR(info.st_mode):
        yield _read_regular(path, info, max_bytes)
        return
    found: list[tuple[str, InputError | None]] = []
    _walk(path, {(info.st_dev, info.st_ino)}, found)
    for name, error in sorted(found, key=lambda item: item[0]):
        yield error if error is not None else _read_path(name, max_bytes)


def _read_regular(path: str, info: os.stat_result, max_bytes: int) -> Source | InputError:
    """Read a file named on the command line: regular files only, as inside folders (a named
    pipe or a device would block or never end; give its data on standard input with -)."""
    if not stat.S_ISREG(info.st_mode):
        return InputError(shown_path(path), f"not a regular file ({_kind(info.st_mode)}); "
                                            "skipped (pipe its data to standard input: -)")
    return _read_file(path, info, max_bytes)


def _walk(folder: str, seen: set[tuple[int, int]],
          found: list[tuple[str, InputError | None]]) -> None:
    """Collect the files under ``folder``, skipping hidden names and symlink loops."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        found.append((folder, InputError(shown_path(folder),
                                         f"cannot list folder: {_reason(exc)}")))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:  # e.g. a loop of symlinks to files: ELOOP
            found.append((entry.path, InputError(shown_path(entry.path), _reason(exc))))
            continue
        if not is_dir:
            if os.path.splitext(entry.name)[1].lower() in ARTICLE_EXTENSIONS:
                found.append((entry.path, None))
            continue
        key = _dir_key(entry.path)
        if key is not None and key not in seen:
            seen.add(key)
            _walk(entry.path, seen, found)


def _dir_key(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _read_path(path: str, max_bytes: int) -> Source | InputError:
    """Read a file found in a folder: regular files only (a named pipe would block)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return InputError(shown_path(path), _reason(exc))
    if not stat.S_ISREG(info.st_mode):
        return InputError(shown_path(path), f"not a regular file ({_kind(info.st_mode)}); skipped")
    return _read_file(path, info, max_bytes)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def _read_file(path: str, info: os.stat_result, max_bytes: int) -> Source | InputError:
    """Read a file, checking its size before reading anything."""
    origin = shown_path(path)
    if info.st_size > max_bytes:
        return too_big(origin, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return InputError(origin, _reason(exc))
    if len(data) > max_bytes:
        return too_big(origin, None, max_bytes)
    return Source(origin, data)


def _reason(exc: OSError) -> str:
    """'no such file or directory', 'permission denied', ... from an OSError."""
    return (exc.strerror or str(exc)).lower()
