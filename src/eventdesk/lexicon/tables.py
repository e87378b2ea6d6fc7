"""Reading lexicon files: TSV tables and YAML lists, with file:line positions.

Every row read keeps where it came from, so that ``lexicon check`` can say
``file:line: reason`` and an event's ``rule`` can be traced to one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import LexiconError


@dataclass(frozen=True)
class Row:
    path: str
    line: int
    values: dict[str, str]

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def split(self, column: str) -> list[str]:
        """The ``|``-separated values of a cell, stripped, without empties."""
        return [v.strip() for v in self.values.get(column, "").split("|") if v.strip()]


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    """Yield the rows of a TSV file whose first non-comment line is the header."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(str(path), None, f"cannot read: {exc}") from None
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\r").split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(str(path), number,
                                   f"header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(str(path), number,
                               f"{len(cells)} fields, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield Row(str(path), number, dict(zip(header, (c.strip() for c in cells))))


def _loader():
    """libyaml's C loader when PyYAML was built with it (several times faster)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_list(path: Path) -> list[tuple[int, dict]]:
    """Read a YAML file holding a list of mappings; return (line, mapping) pairs."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(str(path), None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = f"invalid YAML: {getattr(exc, 'problem', exc)}"
        raise LexiconError(str(path), line, reason) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise LexiconError(str(path), 1, "expected a list of entries")
    lines = [item.start_mark.line + 1 for item in node.value] if node is not None else []
    out = []
    for line, item in zip(lines, data):
        if not isinstance(item, dict):
            raise LexiconError(str(path), line, "entry is not a mapping")
        out.append((line, item))
    return out


def read_yaml_mapping(path: Path) -> dict:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(str(path), None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LexiconError(str(path), mark.line + 1 if mark else None,
                           f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise LexiconError(str(path), 1, "expected a mapping")
    return data


def read_yaml_document(path: Path, kinds: dict[str, str]) -> tuple[str, list[tuple[int, dict]]]:
    """Read a YAML file that starts with ``kind:``; return the kind and its entries with lines.

    ``kinds`` maps each kind to the key holding its entries: a list of mappings (each entry is
    one mapping) or a mapping of names (each entry is ``{"name": key, "spec": value}``).
    """
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(str(path), None, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise LexiconError(str(path), line,
                           f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or data.get("kind") not in kinds:
        raise LexiconError(str(path), 1, "a lexicon YAML file starts with 'kind:' (one of "
                                         f"{', '.join(kinds)})")
    kind, key = data["kind"], kinds[data["kind"]]
    extra = sorted(set(data) - {"kind", key})
    if extra:
        raise LexiconError(str(path), 1, f"unknown top-level key(s) {', '.join(extra)}; "
                                         f"a {kind} file holds 'kind' and '{key}'")
    body = data.get(key)
    value_node = next((v for k, v in node.value if k.value == key), None)
    if body is None:
        return kind, []
    if isinstance(body, list):
        out = []
        for item_node, item in zip(value_node.value, body):
            line = item_node.start_mark.line + 1
            if not isinstance(item, dict):
                raise LexiconError(str(path), line, "entry is not a mapping")
            out.append((line, item))
        return kind, out
    if isinstance(body, dict):
        lines = {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
        return kind, [(lines.get(str(name), 1), {"name": name, "spec": spec})
                      for name, spec in body.items()]
    raise LexiconError(str(path), value_node.start_mark.line + 1,
                       f"'{key}' must be a list or a mapping")
