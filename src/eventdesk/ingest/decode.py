"""Bytes to text: refuse binary files, honour BOMs and declared charsets, else require UTF-8.

The charset comes from, in order: a byte-order mark; the charset a web server announced; the
one the document declares (HTML ``<meta charset>`` or ``http-equiv``, an XML declaration's
``encoding``); else UTF-8. As in browsers, a declared ISO-8859-1 or ASCII is read as
windows-1252, and a declared UTF-16 without a BOM as UTF-8. Text with a NUL anywhere is
binary: no article contains one.
"""

from __future__ import annotations

import codecs
import re

from eventdesk.errors import InputError

SNIFF_BYTES = 8192
PRESCAN_BYTES = 4096
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
_META = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML = re.compile(rb"""^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_WINDOWS_1252 = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})  # lookup() names


def decode(data: bytes, origin: str, encoding: str | None = None) -> str | InputError:
    """Return the text of ``data``, or an InputError saying why it is not text."""
    if not data:
        return InputError(origin, "empty file")
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    if bom is None:
        kind = binary_kind(data)
        if kind:
            return InputError(origin, f"binary file ({kind}), not text")
    name = (bom or _charset(encoding) or _charset(declared_charset(data), declared=True)
            or "utf-8")
    try:
        text = _decode(data, name)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if name == "utf-8" else name
        return InputError(origin, f"not {label} text (invalid byte 0x{data[exc.start]:02x} "
                                  f"at offset {exc.start}); convert it to UTF-8")
    if not text.strip():
        return InputError(origin, "empty file (only whitespace)")
    nul = text.find("\x00")
    if nul >= 0:
        return InputError(origin, f"binary file (a NUL character at offset {nul}), not text")
    return text


def _decode(data: bytes, name: str) -> str:
    if name != "cp1252":
        return data.decode(name)
    try:
        return data.decode(name)
    except UnicodeDecodeError:  # the five bytes windows-1252 leaves out: as ISO-8859-1
        return data.decode("latin-1")


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` from magic numbers or NUL bytes, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return "contains NUL bytes" if b"\x00" in data[:SNIFF_BYTES] else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares near its start, if any."""
    head = data[:PRESCAN_BYTES]
    found = _XML.match(head) or _META.search(head)
    return found.group(1).decode("ascii") if found else None


def _charset(label: str | None, declared: bool = False) -> str | None:
    """Python's codec for a charset label, browser style; None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _WINDOWS_1252:
        return "cp1252"
    if declared and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a document that can declare it in ASCII is not UTF-16
    return name
