"""The coder version stored with every coded article: the release, plus a hash of everything
that decides the coding: every lexicon file in use (user folders included), the gazetteer, the
classifier model, and the spaCy pipeline's name and version. A changed lexicon file re-codes
the stored articles on the next ingest; the same files give the same version on any machine.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from eventdesk.config import Settings

try:
    __version__ = version("eventdesk")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

# Bumped whenever the coding code changes what it outputs (the data files are hashed).
CODER_VERSION = f"{__version__}/coder-4"
DATA_DIR = Path(__file__).resolve().parent / "data"
# The files under a lexicon folder (the built-in data folder or a user's) that decide coding.
CODING_PATTERNS = ("actors/*.tsv", "events/*.yaml", "nlp/*.tsv", "ontology/*.tsv",
                   "gazetteer/*.tsv", "gazetteer/*.tsv.gz")


def coding_files(settings: Settings) -> list[Path]:
    """Every data file the coder reads for ``settings``, in a fixed order."""
    files: list[Path] = []
    for folder in (DATA_DIR, *(Path(d) for d in settings.lexicon_dirs)):
        for pattern in CODING_PATTERNS:
            files += sorted(folder.glob(pattern))
    if settings.classifier != "none":
        from eventdesk.classify.model import shipped_model_path

        model = shipped_model_path() if settings.classifier == "builtin" \
            else Path(settings.classifier)
        files.append(model)
    return files


def pipeline_version(name: str) -> str:
    """"name version" of a spaCy pipeline package, or the hash of a pipeline folder's
    meta.json; the name alone when neither can be read (loading it will say why)."""
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return f"{name} {hashlib.sha256(meta.read_bytes()).hexdigest()[:12]}"
    for package in (name, name.replace("_", "-")):
        try:
            return f"{name} {version(package)}"
        except PackageNotFoundError:
            continue
    return name


@lru_cache(maxsize=16)
def coder_version(settings: Settings) -> str:
    """CODER_VERSION plus 12 hex digits of the hash of what decides the coding."""
    digest = hashlib.sha256(CODER_VERSION.encode())
    digest.update(pipeline_version(settings.pipeline).encode())
    for path in coding_files(settings):
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")  # loading the coder will report it
    return f"{CODER_VERSION}+{digest.hexdigest()[:12]}"
