"""User text for ReportLab: printed literally, whatever it holds; French dates.

ReportLab's Paragraph reads a small XML markup, so a client called
``<b>Dupont</b> & Fils`` would print « Dupont » in bold and lose the tags, and
``<img src="...">`` would try to load a file. Every text from the file goes
through :func:`para` (or :func:`clean` for canvas strings) before it reaches
ReportLab; our own markup is written around the escaped text only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from xml.sax.saxutils import escape as _xml_escape

from crmdesk.domain.periods import MONTHS

REPLACEMENT = "\ufffd"

# Invisible bidi embeddings, overrides and isolates (and the marks): ReportLab
# draws text in logical order and does not interpret them; left in, they only
# scramble copy-paste. Right-to-left letters themselves are kept.
_BIDI_CONTROLS = dict.fromkeys(
    (0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)
)
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[ \t]+")


def clean(value: object, *, multiline: bool = False, charset: frozenset[int] | None = None) -> str:
    """Text as typed, made safe to draw (not yet escaped for Paragraph markup).

    - None -> "", anything else through str();
    - control characters removed, except newlines when ``multiline`` (else a
      newline becomes a space); tabs become spaces;
    - bidi controls removed, lone surrogates and code points beyond U+FFFF
      (emoji) replaced by U+FFFD: ReportLab 5.1 writes an invalid ToUnicode
      entry for those, which breaks text extraction;
    - with ``charset`` (the font's code points), characters the font cannot
      draw are replaced by U+FFFD too, so a missing glyph shows as « � ».
    """
    if value is None:
        return ""
    text = _NEWLINES.sub("\n", str(value)).translate(_BIDI_CONTROLS)
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\n" if multiline else " ")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        elif code > 0xFFFF or 0xD800 <= code <= 0xDFFF or (charset is not None and code not in charset and code > 0x20):
            out.append(REPLACEMENT)
        else:
            out.append(ch)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def escape(text: str) -> str:
    """Escape cleaned text for Paragraph markup; newlines become line breaks."""
    return "<br/>".join(_xml_escape(line, {'"': "&quot;"}) for line in text.split("\n"))


def para(value: object, *, multiline: bool = False, charset: frozenset[int] | None = None) -> str:
    """clean() then escape(): the only way user text enters a Paragraph."""
    return escape(clean(value, multiline=multiline, charset=charset))


# --- dates ------------------------------------------------------------------


def to_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or ISO text (« 2026-11-20T10:32:00+01:00 »)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def to_datetime(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date) or value is None or value == "":
        return None
    raw = str(value).strip()
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def fr_date(value: object) -> str:
    """« 23/11/2026 »; text that is not a date comes back cleaned, as typed."""
    day = to_date(value)
    return day.strftime("%d/%m/%Y") if day else clean(value)


def fr_long_date(value: object) -> str:
    """« 23 novembre 2026 », « 1er mai 2026 »."""
    day = to_date(value)
    if day is None:
        return clean(value)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def fr_time(value: object) -> str:
    """« 10 h 32 » from an ISO date-time; "" when there is no time of day."""
    moment = to_datetime(value)
    if moment is None or len(str(value).strip()) <= 10:
        return ""
    return f"{moment.hour} h {moment.minute:02d}"
