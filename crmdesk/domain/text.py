"""Text folding for accent- and case-insensitive search and sorting."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into base + accent.
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """« Hélène  ŒUVRE » -> « helene oeuvre »: lower case, no accents, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_SPECIAL)).strip()


def digits(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def search_terms(query: str) -> list[str]:
    """Split a typed query into folded terms; a query made only of digits and
    phone punctuation is one term (« 06 12 34 » -> « 061234 »)."""
    folded = fold(query)
    if folded and re.fullmatch(r"[\d\s.+()-]+", folded):
        number = digits(folded)
        return [number] if number else []
    return [t for t in folded.replace('"', " ").split(" ") if t]
