"""Bytes to text: refuse binary files, honour BOMs, require UTF-8 otherwise."""

from __future__ import annotations

import codecs

from eventdesk.errors import InputError

SNIFF_BYTES = 8192
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"%PDF-", "PDF document"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)


def decode(data: bytes, origin: str, encoding: str | None = None) -> str | InputError:
    """Return the text of ``data``, or an InputError saying why it is not text."""
    if not data:
        return InputError(origin, "empty file")
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    if bom is None:
        kind = binary_kind(data)
        if kind:
            return InputError(origin, f"binary file ({kind}), not text")
    name = bom or _charset(encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if name == "utf-8" else name
        return InputError(origin, f"not {label} text (invalid byte 0x{data[exc.start]:02x} "
                                  f"at offset {exc.start}); convert it to UTF-8")
    if not text.strip():
        return InputError(origin, "empty file (only whitespace)")
    return text


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` from magic numbers or NUL bytes, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return "contains NUL bytes" if b"\x00" in data[:SNIFF_BYTES] else None


def _charset(encoding: str | None) -> str:
    """A charset announced by a server, if Python knows it; UTF-8 otherwise."""
    if encoding:
        try:
            return codecs.lookup(encoding).name
        except LookupError:
            pass
    return "utf-8"
