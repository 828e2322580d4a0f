"""The answer deadline of a complaint, in French business days (docs/domain/05-complaints.md).

Two ways of counting, as French law and usage name them:

* « jours ouvrables » (``"ouvrables"``, the default): Monday to Saturday;
* « jours ouvrés » (``"ouvres"``; « ouvrés » is accepted too): Monday to Friday.

Both skip the French public holidays given by the ``holidays`` package for
the business's subdivision (``holidays.France.subdivisions``: ``"57"``
Moselle, ``"6AE"`` Alsace, ``"971"`` Guadeloupe, …; the department numbers
``"67"`` and ``"68"`` are read as ``"6AE"``); no subdivision = mainland
France. Alsace-Moselle adds Good Friday and 26 December.

The day of reception never counts: counting starts the day after, and only
working days count. A complaint received on a Sunday or a public holiday
therefore starts counting on the next day, and the deadline always falls on
a working day.

Examples (5 jours ouvrables, mainland):

>>> import datetime as dt
>>> due_date(dt.date(2026, 11, 23))            # Monday -> the next Saturday
datetime.date(2026, 11, 28)
>>> due_date(dt.datetime(2026, 11, 22, 9, 30))  # Sunday -> Mon 23 is day 1
datetime.date(2026, 11, 27)
>>> due_date(dt.date(2026, 11, 23), day_kind="ouvres")  # Mon -> next Mon
datetime.date(2026, 11, 30)
>>> due_date(dt.date(2026, 12, 24))            # Christmas (Fri) skipped
datetime.date(2026, 12, 31)
>>> due_date(dt.date(2026, 12, 24), subdivision="57")   # and 26 Dec, 1 Jan
datetime.date(2027, 1, 2)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from crmdesk.i18n import N_, _

DAY_KINDS = {"ouvrables": N_("jours ouvrables (lundi–samedi)"), "ouvres": N_("jours ouvrés (lundi–vendredi)")}
DEFAULT_DAYS = 5
DEFAULT_DAY_KIND = "ouvrables"

# Department numbers people type, mapped to the holidays package's codes.
_ALIASES = {"67": "6AE", "68": "6AE", "alsace": "6AE", "moselle": "57"}

_NAMED = {
    "57": "Moselle (57)",
    "6AE": "Alsace (67, 68)",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": N_("Guyane"),
    "974": N_("La Réunion"),
    "976": "Mayotte",
}


def _holidays():
    """The holidays package, imported on first use (~150 ms: not at start-up)."""
    import holidays

    return holidays


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    names = {"": N_("France métropolitaine")}
    names.update({code: code for code in _holidays().France.subdivisions})
    names.update(_NAMED)
    return names


def __getattr__(name: str):
    if name == "SUBDIVISIONS":  # code -> label (marked N_: shown through _), for a combo box
        return _subdivisions()
    raise AttributeError(name)


def normalize_day_kind(day_kind: str | None) -> str:
    """« ouvrables » or « ouvres »; ValueError (French) otherwise."""
    text = (day_kind or DEFAULT_DAY_KIND).strip().lower().replace("é", "e")
    if text not in DAY_KINDS:
        raise ValueError(_("type de jours inconnu « {day_kind} » : ouvrables ou ouvres", day_kind=day_kind))
    return text


def normalize_subdivision(subdivision: str | None) -> str | None:
    """The holidays package's code, or None for mainland France.

    ValueError (French) for a subdivision the package does not know.
    """
    text = (subdivision or "").strip()
    if not text:
        return None
    text = _ALIASES.get(text.lower(), text)
    france = _holidays().France
    if text in france.subdivisions:
        return text
    aliases = getattr(france, "subdivisions_aliases", {}) or {}
    if text in aliases:
        return aliases[text]
    raise ValueError(
        _(
            "subdivision inconnue « {subdivision} » : par exemple 57 (Moselle), 6AE ou 67/68 (Alsace), "
            "971… ; vide pour la métropole",
            subdivision=subdivision,
        )
    )


@lru_cache(maxsize=64)
def _public_holidays(subdivision: str | None, year: int) -> frozenset[dt.date]:
    return frozenset(_holidays().France(subdiv=subdivision, years=year).keys())


def is_holiday(day: dt.date, subdivision: str | None = None) -> bool:
    return day in _public_holidays(normalize_subdivision(subdivision), day.year)


def is_working_day(day: dt.date, day_kind: str = DEFAULT_DAY_KIND, subdivision: str | None = None) -> bool:
    kind = normalize_day_kind(day_kind)
    last = 5 if kind == "ouvrables" else 4  # weekday(): Saturday = 5
    return day.weekday() <= last and day not in _public_holidays(normalize_subdivision(subdivision), day.year)


def due_date(
    received: dt.datetime | dt.date,
    days: int = DEFAULT_DAYS,
    day_kind: str = DEFAULT_DAY_KIND,
    subdivision: str | None = None,
) -> dt.date:
    """The date by which a complaint received at `received` must be answered:
    the `days`-th working day after the day of reception (see the module
    docstring for the rule and examples). `days` = 0 gives the reception day.
    """
    if isinstance(received, dt.datetime):
        received = received.date()
    if days < 0:
        raise ValueError(_("le délai doit être un nombre de jours positif"))
    kind = normalize_day_kind(day_kind)
    subdiv = normalize_subdivision(subdivision)
    day, left = received, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, kind, subdiv):
            left -= 1
    return day


def working_days_between(
    start: dt.date, end: dt.date, day_kind: str = DEFAULT_DAY_KIND, subdivision: str | None = None
) -> int:
    """Working days d with start < d <= end (so due_date(start, n) gives n);
    negative when end is before start; 0 when equal."""
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if end < start:
        return -working_days_between(end, start, day_kind, subdivision)
    kind = normalize_day_kind(day_kind)
    subdiv = normalize_subdivision(subdivision)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, kind, subdiv):
            count += 1
    return count
