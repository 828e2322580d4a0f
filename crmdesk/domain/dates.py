"""Strict date parsing: French dd/mm/yyyy or ISO yyyy-mm-dd, never guessed."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_

_FR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SHORT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")


def parse_date(text: str) -> dt.date:
    """Parse « 23/12/2026 », « 2026-12-23 » (optionally followed by a time).

    Raises CrmError with a French reason for an impossible date (31/02/2026)
    or an ambiguous one (01/02/03): a wrong date is worse than no date.
    """
    raw = (text or "").strip()
    if _SHORT_YEAR.fullmatch(raw):
        raise CrmError(N_("date ambiguë « {text} » : écrivez l'année sur quatre chiffres (jj/mm/aaaa)"), text=raw)
    iso = _ISO.match(raw)
    fr = _FR.fullmatch(raw.split(" ")[0]) if not iso else None
    if iso and raw[10:11] in ("", " ", "T"):
        year, month, day = (int(g) for g in iso.groups())
    elif fr:
        day, month, year = (int(g) for g in fr.groups())
    else:
        raise CrmError(N_("date illisible « {text} » : attendu jj/mm/aaaa"), text=raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CrmError(N_("date impossible « {text} »"), text=raw) from None


def format_date(value: str | dt.date | None) -> str:
    """ISO text or date -> « 23/12/2026 » (empty for None)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the end of a shorter
    month: 31/01 + 1 → 28 or 29/02."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
