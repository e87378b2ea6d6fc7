"""Every command-line argument checked at the edge, before a command runs.

- Text must be valid Unicode: on POSIX, bytes that are not UTF-8 reach Python as lone
  surrogates, which SQLite and the output cannot encode. File names are exempt (they may be
  any bytes and are only handed back to the operating system).
- Whole numbers must lie in their range (SQLite integers are 64-bit; a limit beyond that, or a
  byte count larger than memory, is refused with one line rather than a traceback).
"""

from __future__ import annotations

import functools
import inspect
import typing

from eventdesk.config import RANGES, shown_number
from eventdesk.errors import UsageError

SQL_INT_MAX = 2**63 - 1
# parameter name -> (lowest, highest) for the options that are not settings
INT_RANGES: dict[str, tuple[int, int]] = {
    "limit": (1, SQL_INT_MAX),
    "workers": (1, 64),
    "errors": (0, 1_000_000),
    **RANGES,
}
# str parameters that name files: any bytes the file system allows
FILE_NAMES = frozenset({"paths", "output"})


def check_arguments(func, values: dict[str, object]) -> None:
    """Raise UsageError naming the first argument of ``func`` whose value is not acceptable."""
    labels = _labels(func)
    for name, value in values.items():
        label = labels.get(name, name)
        if name not in FILE_NAMES:
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and not is_unicode(text):
                    raise UsageError(f"{label}: not valid UTF-8 text: {shown(text)}")
        if name in INT_RANGES and isinstance(value, int) and not isinstance(value, bool):
            low, high = INT_RANGES[name]
            if not low <= value <= high:
                raise UsageError(f"{label} must be between {low} and {high}, "
                                 f"got {shown_number(value)}")


def is_unicode(text: str) -> bool:
    """False when ``text`` holds lone surrogates (undecodable bytes, or broken escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str, width: int = 60) -> str:
    """``text`` printable on any terminal: undecodable bytes as \\xNN, cut to ``width``."""
    try:
        safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte explains
        safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "'" + (safe if len(safe) <= width else safe[:width] + "...") + "'"


@functools.cache
def _labels(func) -> dict[str, str]:
    """Parameter name -> how the user wrote it (--type, ARTICLE_ID)."""
    try:
        hints = typing.get_type_hints(func, include_extras=True)
    except Exception:  # noqa: BLE001 - labels are a nicety; names still work
        hints = {}
    labels = {}
    for name in inspect.signature(func).parameters:
        labels[name] = _label(name, hints.get(name))
    return labels


def _label(name: str, hint) -> str:
    from typer.models import ArgumentInfo, OptionInfo

    for info in getattr(hint, "__metadata__", ()):
        if isinstance(info, ArgumentInfo):
            return name.upper()
        if isinstance(info, OptionInfo):
            decls = [info.default] + list(info.param_decls or ())
            flags = [d for d in decls if isinstance(d, str) and d.startswith("--")]
            if flags:
                return flags[0]
    return "--" + name.replace("_", "-")
