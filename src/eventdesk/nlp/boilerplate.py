"""Before parsing: the words of a page that are no part of the story (photo credits and captions,
"Read more" links, bylines and agency lines, share and sign-up prompts) are blanked before
parsing, so that no event, actor or place comes from them ("(Muhammad Hamed/Reuters) Gunmen
attacked ..." does not make Reuters the attacker). Blanking keeps every offset: the text is
replaced by spaces of the same length, newlines kept.
"""

from __future__ import annotations

import re

# Whole lines that are furniture, not story.
_LINES = re.compile(
    r"(?im)^[ \t]*(?:read more|related|see also|more on this story|photograph|photo|picture|"
    r"image|video|watch|listen|follow us|follow the latest|sign up|subscribe|click here|"
    r"share (?:on|this)|email|advertisement|reporting by|editing by|writing by|"
    r"additional reporting|compiled by|copyright|\u00a9|all rights reserved)\b[^\n]*$")
# Inline credits: "(Muhammad Hamed/Reuters)", "(Photo: AFP)", "Photograph: Name/Agency".
_CREDITS = re.compile(
    r"\((?:photo|photograph|picture|image|credit)s?\s*:[^()\n]{1,80}\)"
    r"|\([A-Z][\w.'\- ]{1,40}/[A-Z][\w.&'\- ]{1,40}\)"
    r"|\b(?:Photograph|Photo|Picture)\s*:\s*[^\n.]{1,60}?/[A-Z][\w.&'\- ]{1,40}(?=[\s.]|$)",
    re.IGNORECASE)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every boilerplate line or credit in ``text``, in order, not overlapping."""
    spans = sorted([m.span() for m in _LINES.finditer(text)]
                   + [m.span() for m in _CREDITS.finditer(text)])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def mask(text: str) -> str:
    """``text`` with its boilerplate replaced by spaces (same length, newlines kept)."""
    spans = boilerplate_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
