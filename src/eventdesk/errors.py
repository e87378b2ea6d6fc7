"""The exceptions eventdesk raises on purpose.

EventdeskError            base; its message is one line a user can act on
  InputError              an input file or record cannot be read (names file and line)
  StoreError              the database cannot be opened, is busy, or has a newer schema
  LexiconError            a lexicon file is invalid (file:line: reason)
  ConfigError             a setting has a bad value
  UsageError              a command-line argument has a bad value (exit status 2)
"""

from __future__ import annotations


class EventdeskError(Exception):
    """Base class: str(error) is a one-line message for the user."""


class InputError(EventdeskError):
    def __init__(self, origin: str, reason: str, line: int | None = None):
        self.origin = origin
        self.reason = reason
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable, so that worker processes can report one
        return (type(self), (self.origin, self.reason, self.line))


class StoreError(EventdeskError):
    pass


class LexiconError(EventdeskError):
    def __init__(self, path: str, line: int | None, reason: str):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}" if reason else where)


class ConfigError(EventdeskError):
    pass


class UsageError(EventdeskError):
    pass


def describe(exc: BaseException) -> str:
    """An unexpected exception in one line: its type and message, line breaks removed."""
    message = " ".join(str(exc).split())
    name = type(exc).__name__
    return f"{name}: {message}" if message else name
