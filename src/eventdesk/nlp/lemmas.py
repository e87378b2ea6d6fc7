"""Verb lemmas the pipeline gets wrong, set right from a data file (data/nlp/lemmas.tsv).

The coder matches trigger verbs and cue lists by lemma, so a wrong lemma hides a trigger
("waged war": "wag"). A small component at the end of the pipeline replaces the lemma of
words tagged as verbs (or past participles) whose lower-case form the file lists.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LEMMAS_FILE = Path(__file__).resolve().parent.parent / "data" / "nlp" / "lemmas.tsv"
COMPONENT = "eventdesk_lemmas"


@lru_cache(maxsize=1)
def lemma_fixes() -> dict[int, str]:
    """The hash of each lower-case form the file lists (a token's ``lower``) -> its lemma."""
    from spacy.strings import hash_string

    from eventdesk.lexicon.tables import read_tsv

    return {hash_string(row.values["form"].lower()): row.values["lemma"].lower()
            for row in read_tsv(LEMMAS_FILE, ("form", "lemma"))}


def fix_lemmas(doc: Doc) -> Doc:
    fixes = lemma_fixes()
    for token in doc:
        lemma = fixes.get(token.lower)  # the hash of the lower-case form: no string made
        if lemma is not None and (token.pos_ in ("VERB", "AUX") or token.tag_ == "VBN"):
            token.lemma_ = lemma
    return doc


def add_lemma_fixes(nlp: Language) -> None:
    """Append the component to a loaded pipeline (once)."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=fix_lemmas)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
