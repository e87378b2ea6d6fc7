"""Files the user names are written whole or not at all.

``replacing(path)`` hands out a temporary file in the same folder; only when everything is
written (and flushed to disk) is it renamed over ``path``, in one step. An interrupted or
failed write (kill -9, full disk, a database error half way) leaves the previous file at
``path`` as it was; the temporary file is removed, or after a kill, removed by the next write
to the same path. Paths that are not regular files (``/dev/stdout``, a named pipe) are written
directly: they hold nothing that could be lost.

``check_output_path`` refuses a path that is the database in use or one of its companion files
(``-wal``, ``-shm``, ``-journal``): writing there would destroy the store.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from eventdesk.errors import UsageError

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")
TEMP_SUFFIX = ".eventdesk-part"


def check_output_path(output: str | os.PathLike, database: str | os.PathLike | None) -> None:
    """Raise UsageError when ``output`` is a folder, or the database or one of its files."""
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"{output} is a folder; give a file name for the output")
    if database is None:
        return
    for suffix in DATABASE_COMPANIONS:
        if _same_file(target, Path(f"{database}{suffix}")):
            raise UsageError(f"refusing to write to {output}: it is the database "
                             f"{'' if not suffix else suffix + ' file '}in use ({database}); "
                             "choose another output file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: compare where they would be
        return os.path.abspath(a) == os.path.abspath(b)


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` if the block succeeds."""
    target = Path(path)
    if _is_special(target):
        yield target
        return
    folder = target.parent
    _remove_stale(folder, target.name)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        _copy_mode(target, temp)
        yield temp
        _sync(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(folder)


@contextlib.contextmanager
def replacing_text(path: str | os.PathLike) -> Iterator:
    """``replacing`` with the temporary file opened for UTF-8 text (no newline translation)."""
    with replacing(path) as temp, open(temp, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _is_special(target: Path) -> bool:
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        return False


def _copy_mode(target: Path, temp: Path) -> None:
    """The new file gets the old one's permissions, or the usual ones for a new file."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary files left beside ``name`` by a write that was killed."""
    for leftover in folder.glob(f".{glob_escape(name)}.*{TEMP_SUFFIX}"):
        pid = leftover.name[len(name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
