"""Periods of the dashboards: a month, a quarter, a year or custom dates.

    period = bounds("quarter", dt.date(2026, 11, 23))   # 01/10/2026 – 31/12/2026
    previous(period)                                     # the quarter before
    series("month", dt.date(2026, 11, 23), 12)           # the twelve months ending in November 2026
    period.label                                         # « T4 2026 », « novembre 2026 », « 2026 »

Every period is closed: `start` and `end` are both inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crmdesk.domain.dates import add_months
from crmdesk.i18n import N_, NP_, _, pgettext

KINDS = ("month", "quarter", "year", "custom")
# French (typed periods are read with them); shown through month_name and short_month_name.
MONTHS = (
    N_("janvier"),
    N_("février"),
    N_("mars"),
    N_("avril"),
    N_("mai"),
    N_("juin"),
    N_("juillet"),
    N_("août"),
    N_("septembre"),
    N_("octobre"),
    N_("novembre"),
    N_("décembre"),
)
# « mars » the abbreviation is « Mar » in English, « mars » the month « March »: a context tells them apart.
SHORT_MONTHS = (
    NP_("mois abrégé", "janv."),
    NP_("mois abrégé", "févr."),
    NP_("mois abrégé", "mars"),
    NP_("mois abrégé", "avr."),
    NP_("mois abrégé", "mai"),
    NP_("mois abrégé", "juin"),
    NP_("mois abrégé", "juil."),
    NP_("mois abrégé", "août"),
    NP_("mois abrégé", "sept."),
    NP_("mois abrégé", "oct."),
    NP_("mois abrégé", "nov."),
    NP_("mois abrégé", "déc."),
)


def month_name(month: int) -> str:
    """« novembre » / « November » for 11, in the interface language."""
    return _(MONTHS[month - 1])


def short_month_name(month: int) -> str:
    """« nov. » / « Nov » for 11, in the interface language."""
    return pgettext("mois abrégé", SHORT_MONTHS[month - 1])


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "quarter":
            return _("T{quarter} {year}", quarter=(self.start.month - 1) // 3 + 1, year=self.start.year)
        if self.kind == "month":
            return f"{month_name(self.start.month)} {self.start.year}"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def short_label(self) -> str:
        """For chart axes: « nov. 2026 », « T4 2026 », « 2026 »."""
        if self.kind == "month":
            return f"{short_month_name(self.start.month)} {self.start.year}"
        return self.label

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def iso(self) -> tuple[str, str]:
        """(start, end) as ISO text, for SQL ranges « date BETWEEN ? AND ? »."""
        return self.start.isoformat(), self.end.isoformat()


def bounds(kind: str, day: dt.date) -> Period:
    """The month, quarter or year holding `day`."""
    if kind == "year":
        return Period(kind, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    if kind not in ("month", "quarter"):
        raise ValueError(f"bounds() needs month, quarter or year, not {kind!r}")
    months = 1 if kind == "month" else 3
    first = day.month if kind == "month" else 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first, 1)
    return Period(kind, start, add_months(start, months) - dt.timedelta(days=1))


def custom(start: dt.date, end: dt.date) -> Period:
    return Period("custom", start, end)


def previous(period: Period) -> Period:
    """The period just before, of the same kind (custom: the same number of days)."""
    if period.kind == "custom":
        end = period.start - dt.timedelta(days=1)
        return Period("custom", end - dt.timedelta(days=period.days - 1), end)
    return bounds(period.kind, period.start - dt.timedelta(days=1))


def same_period_last_year(period: Period) -> Period:
    """For year-on-year evolutions (29 February falls back to the 28th)."""

    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    if period.kind == "custom":
        return Period("custom", back(period.start), back(period.end))
    return bounds(period.kind, back(period.start))


def series(kind: str, last_day: dt.date, count: int) -> list[Period]:
    """`count` consecutive periods of `kind`, the last one holding `last_day`, oldest first."""
    current = bounds(kind, last_day)
    out = [current]
    for _step in range(count - 1):
        current = previous(current)
        out.append(current)
    return out[::-1]
