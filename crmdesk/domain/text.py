"""Text folding for accent- and case-insensitive search and sorting."""

from __future__ import annotations

import re
import unicodedata

from crmdesk.i18n import _

# Letters that NFKD does not split into base + accent.
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_SPACES = re.compile(r"\s+")
# Control characters nobody types and no export keeps: a CSV holding a NUL
# byte is refused by every reader (crmdesk's import too), Excel files drop
# them (openpyxl's illegal characters). Tabs and line ends are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def fold(text: str | None) -> str:
    """« Hélène  ŒUVRE » -> « helene oeuvre »: lower case, no accents, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_SPECIAL)).strip()


def control_character(text: str | None) -> str | None:
    """French reason when `text` holds an invisible control character (a NUL byte…), else None."""
    found = _CONTROL.search(text or "")
    if found is None:
        return None
    return _("caractère invisible interdit (U+{code:04X}) : retirez-le du texte", code=ord(found.group()))


def digits(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def search_terms(query: str) -> list[str]:
    """Split a typed query into folded terms; a query made only of digits and
    phone punctuation is one term (« 06 12 34 » -> « 061234 »). Control
    characters separate words: the full-text index's query language stops
    at a NUL byte (« unterminated string »), and no contact holds one."""
    folded = fold(_CONTROL.sub(" ", query or ""))
    if folded and re.fullmatch(r"[\d\s.+()-]+", folded):
        number = digits(folded)
        return [number] if number else []
    return [t for t in folded.replace('"', " ").split(" ") if t]
