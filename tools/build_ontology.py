"""Build eventdesk's ontology tables from the shared reference material.

Reads two reference tables (the CAMEO-to-PLOVER conversion table and the
Goldstein score table) plus the PLOVER codebook, and writes two
tab-separated files holding only codes, numbers and type/mode names:

* ``src/eventdesk/data/ontology/cameo.tsv`` with columns
  ``cameo_code goldstein quad_class plover_type plover_mode``, one row per
  CAMEO event code;
* ``src/eventdesk/data/ontology/plover.tsv`` with columns
  ``plover_type modes`` (modes ``|``-separated).

Mapping rules:

* older PLOVER names are converted to the 2023 ones
  (DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
* CAMEO root 02 (appeals) maps to REQUEST; root 01 (statements) to no type;
* a mode is kept only when it is a mode of that type in the codebook
  (hyphens become underscores); otherwise it is left empty;
* a code with no Goldstein score takes the score of its nearest ancestor.

Usage::

    python tools/build_ontology.py [--reference DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUT = REPO_ROOT / "src" / "eventdesk" / "data" / "ontology"

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

RENAMED_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Root-level overrides: 01 statements carry no PLOVER type, 02 appeals are requests.
ROOT_TYPES = {"01": "", "02": "REQUEST"}

# Mode names of the 2021 table that the 2023 codebook spells differently.
MODE_ALIASES = {"martial_law": "curfew"}

LINE_RE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*)")


def norm_mode(mode: str) -> str:
    """Return a mode name in lower case with underscores."""
    return re.sub(r"[\s-]+", "_", mode.strip().lower())


def quad_class(code: str) -> int:
    """Return the CAMEO QuadClass (1-4) of a code from its two-digit root."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def read_plover_modes(path: Path) -> dict[str, list[str]]:
    """Read the codebook and return each PLOVER type's modes, in file order."""
    modes: dict[str, list[str]] = {t: [] for t in PLOVER_TYPES}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ptype = RENAMED_TYPES.get(row["event"].strip().upper(), row["event"].strip().upper())
            if ptype not in modes:
                raise ValueError(f"unknown PLOVER type in codebook: {ptype!r}")
            mode = norm_mode(row.get("mode") or "")
            if mode and mode not in modes[ptype]:
                modes[ptype].append(mode)
    return modes


def read_goldstein(path: Path) -> dict[str, float]:
    """Read the Goldstein table (code -> score)."""
    scores: dict[str, float] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            scores[row["cameo_code"].strip()] = float(row["goldstein"])
    return scores


def read_conversion(path: Path) -> dict[str, tuple[str, str]]:
    """Read the CAMEO-to-PLOVER table (code -> (type, raw mode)).

    The first mapping listed for a code wins.
    """
    mapping: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE_RE.match(line)
        if not match:
            continue
        code = match.group(1)
        fields = [f.strip() for f in match.group(2).split(",")]
        ptype = fields[0].upper() if fields else ""
        ptype = RENAMED_TYPES.get(ptype, ptype)
        mode = fields[1] if len(fields) > 1 else ""
        mapping.setdefault(code, (ptype, mode))
    return mapping


def code_key(code: str) -> tuple[str, ...]:
    """Sort key placing each code after its parent (01, 010, 011, 0211...)."""
    return (code[:2], code[2:3], code[3:])


def build_rows(
    goldstein: dict[str, float],
    conversion: dict[str, tuple[str, str]],
    modes: dict[str, list[str]],
) -> list[tuple[str, float, int, str, str]]:
    """Combine the reference tables into cameo.tsv rows."""
    rows = []
    for code in sorted(set(goldstein) | set(conversion), key=code_key):
        root = code[:2]
        score = None
        for cut in range(len(code), 1, -1):
            if code[:cut] in goldstein:
                score = goldstein[code[:cut]]
                break
        if score is None:
            raise ValueError(f"no Goldstein score for {code} or its ancestors")
        if root in ROOT_TYPES:
            ptype, raw_mode = ROOT_TYPES[root], ""
        else:
            ptype, raw_mode = "", ""
            for cut in range(len(code), 1, -1):
                if code[:cut] in conversion:
                    ptype, raw_mode = conversion[code[:cut]]
                    if cut != len(code):
                        raw_mode = ""
                    break
        if ptype and ptype not in PLOVER_TYPES:
            raise ValueError(f"CAMEO {code} maps to unknown PLOVER type {ptype!r}")
        mode = norm_mode(raw_mode)
        mode = MODE_ALIASES.get(mode, mode)
        if not ptype or mode not in modes[ptype]:
            mode = ""
        rows.append((code, score, quad_class(code), ptype, mode))
    return rows


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a tab-separated file with a header and Unix line ends."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the tables and write them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="reference directory (default: ../shared/reference from the repo root)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output directory for the .tsv files"
    )
    args = parser.parse_args(argv)

    ref: Path = args.reference
    modes = read_plover_modes(ref / "plover_codebook.csv")
    goldstein = read_goldstein(ref / "cameo_goldstein.tsv")
    conversion = read_conversion(ref / "cameo_to_plover_2021.txt")
    rows = build_rows(goldstein, conversion, modes)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(
        out / "cameo.tsv",
        ["cameo_code", "goldstein", "quad_class", "plover_type", "plover_mode"],
        [[c, f"{g:.1f}", str(q), t, m] for c, g, q, t, m in rows],
    )
    write_tsv(
        out / "plover.tsv",
        ["plover_type", "modes"],
        [[t, "|".join(modes[t])] for t in PLOVER_TYPES],
    )
    print(f"wrote {len(rows)} CAMEO codes and {len(PLOVER_TYPES)} PLOVER types to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
