"""Status segments (docs/domain/03-statuses.md): Premium, Actif, Standard, Occasionnel.

Pure rules: no SQL, no Qt. The store (crmdesk/store/analytics.py) gives each
client its figures over the status year; this module says which status they
earn and how the clients and the revenue spread over the statuses.

Rule: a client gets the HIGHEST status (Premium first) whose every COUNTED
criterion it meets; if none fits, it is « hors grille » (status None).
Criteria: ``revenue`` (cents over the 365 days ending on the reference date),
``orders`` (number of orders over the same days), ``seniority`` (years since
the first contact — days / 365.25). The business chooses the counted criteria
(revenue only by default) and every bound.

Default grid (docs/domain/03-statuses.md), with the side of each shared bound chosen so that
the grid has no hole and no overlap:

=============  =========================  ============  ======================
status         revenue                    orders/year   seniority (years)
=============  =========================  ============  ======================
Premium        > 100 000 €                >= 14 (> 13)  > 3
Actif          50 000 € – 100 000 € incl  9 – 13 incl   2 – 3 incl
Standard       40 000 € incl – 50 000 €   5 – 8 incl    1 incl – 2 excl
               excl
Occasionnel    > 0 € and < 40 000 €       1 – 4 incl    0 – 1 excl
=============  =========================  ============  ======================

So 100 000,00 € exactly is Actif, 50 000,00 € Actif, 40 000,00 € Standard;
13 orders (which the seed puts in no row) is Actif; a client without revenue
in the year (0 €) is hors grille. The settings dialog shows these bounds and
lets the business change them.

Settings (JSON under the key ``status.grid``)::

    {"criteria": ["revenue"],
     "statuses": {"premium": {"revenue": {"low": 10000000, "low_inclusive": false,
                                           "high": null, "high_inclusive": false},
                              "orders": {...}, "seniority": {...}},
                  "actif": {...}, "standard": {...}, "occasionnel": {...}}}

Files written before this key existed (the demos) hold ``status.criteria``
(e.g. ["orders"]) and ``status.bands`` ({"Premium": {"orders_min": 14}, …},
bounds inclusive); `grid_from_settings` reads them too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _, ngettext

GRID_KEY = "status.grid"
LEGACY_CRITERIA_KEY = "status.criteria"
LEGACY_BANDS_KEY = "status.bands"

# Highest first: the order in which a client is tried.
STATUSES: tuple[str, ...] = ("premium", "actif", "standard", "occasionnel")
LABELS = {"premium": "Premium", "actif": N_("Actif"), "standard": "Standard", "occasionnel": N_("Occasionnel")}
OUTSIDE_LABEL = N_("Hors grille")

CRITERIA: tuple[str, ...] = ("revenue", "orders", "seniority")
CRITERION_LABELS = {
    "revenue": N_("chiffre d'affaires annuel"),
    "orders": N_("commandes par an"),
    "seniority": N_("ancienneté"),
}
DEFAULT_CRITERIA: tuple[str, ...] = ("revenue",)


# -- bounds ------------------------------------------------------------------------
@dataclass(frozen=True)
class Range:
    """An interval with explicit bounds: None = open on that side."""

    low: float | int | None = None
    low_inclusive: bool = True
    high: float | int | None = None
    high_inclusive: bool = True

    def contains(self, x: float | None) -> bool:
        if x is None:
            return False
        if self.low is not None and (x < self.low or (x == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (x > self.high or (x == self.high and not self.high_inclusive)))

    def contains_array(self, values):
        """`contains` of every value of a numpy array (NaN = unknown: never inside)."""
        import numpy as np

        inside = ~np.isnan(values) if values.dtype.kind == "f" else np.ones(values.shape, dtype=bool)
        if self.low is not None:
            inside &= (values >= self.low) if self.low_inclusive else (values > self.low)
        if self.high is not None:
            inside &= (values <= self.high) if self.high_inclusive else (values < self.high)
        return inside

    def describe(self, unit: str = "") -> str:
        """French description: « plus de 100 000 € », « de 50 000 € à 100 000 € inclus »…"""
        fmt = _FORMATS.get(unit, _plain)
        low, high = self.low, self.high
        if low is None and high is None:
            return _("toutes valeurs")
        if high is None:
            return _("au moins {low}", low=fmt(low)) if self.low_inclusive else _("plus de {low}", low=fmt(low))
        if low is None:
            return _("au plus {high}", high=fmt(high)) if self.high_inclusive else _("moins de {high}", high=fmt(high))
        if self.low_inclusive and self.high_inclusive:
            return _("de {low} à {high} inclus", low=fmt(low), high=fmt(high))
        if self.low_inclusive:
            return _("de {low} inclus à {high} exclu", low=fmt(low), high=fmt(high))
        if self.high_inclusive:
            return _("plus de {low} et jusqu'à {high} inclus", low=fmt(low), high=fmt(high))
        return _("plus de {low} et moins de {high}", low=fmt(low), high=fmt(high))

    def to_json(self) -> dict:
        return {
            "low": self.low,
            "low_inclusive": self.low_inclusive,
            "high": self.high,
            "high_inclusive": self.high_inclusive,
        }

    @classmethod
    def from_json(cls, value: Any, where: str) -> Range:
        if not isinstance(value, Mapping):
            raise CrmError(
                N_("{where} : un intervalle est attendu (low, low_inclusive, high, high_inclusive)."), where=where
            )
        unknown = set(value) - {"low", "low_inclusive", "high", "high_inclusive"}
        if unknown:
            raise CrmError(N_("{where} : clé inconnue « {key} »."), where=where, key=sorted(unknown)[0])
        low, high = value.get("low"), value.get("high")
        for name, bound in ((_("borne basse"), low), (_("borne haute"), high)):
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, (int, float)) or not math.isfinite(bound)
            ):
                raise CrmError(
                    N_("{where} : la {name} doit être un nombre ou vide (« {bound} »)."),
                    where=where,
                    name=name,
                    bound=bound,
                )
        flags = []
        for name in ("low_inclusive", "high_inclusive"):
            flag = value.get(name, True)
            if not isinstance(flag, bool):
                raise CrmError(N_("{where} : « {name} » doit valoir true ou false."), where=where, name=name)
            flags.append(flag)
        if low is not None and high is not None and (low > high or (low == high and not all(flags))):
            raise CrmError(
                N_("{where} : la borne basse ({low}) dépasse la borne haute ({high}), l'intervalle est vide."),
                where=where,
                low=low,
                high=high,
            )
        return cls(low, flags[0], high, flags[1])


def _plain(x) -> str:
    return _group(x)


def _group(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int):
        return f"{x:,}".replace(",", "\u202f")
    return f"{x}".replace(".", ",")


def _euros(cents) -> str:
    if cents % 100 == 0:
        return f"{_group(int(cents) // 100)} €"
    whole, rest = divmod(int(cents), 100)
    return f"{_group(whole)},{rest:02d} €"


def _orders(x) -> str:
    return ngettext("{number} commande", "{number} commandes", x, number=_group(x))


def _years(x) -> str:
    return ngettext("{number} an", "{number} ans", x, number=_group(x))


def _days(x) -> str:
    return ngettext("{number} jour", "{number} jours", x, number=_group(x))


_FORMATS = {"cents": _euros, "orders": _orders, "years": _years, "days": _days}
UNITS = {"revenue": "cents", "orders": "orders", "seniority": "years"}


# -- the grid ------------------------------------------------------------------------
@dataclass(frozen=True)
class StatusRule:
    code: str
    revenue: Range
    orders: Range
    seniority: Range

    @property
    def label(self) -> str:
        """In the interface language."""
        return _(LABELS[self.code])

    def range(self, criterion: str) -> Range:
        return getattr(self, criterion)

    def describe(self, criteria: Iterable[str]) -> str:
        return " ; ".join(f"{_(CRITERION_LABELS[c])} {self.range(c).describe(UNITS[c])}" for c in criteria)


@dataclass(frozen=True)
class Figures:
    """What a client's status depends on (over the status year)."""

    revenue_cents: int = 0
    orders: int = 0
    seniority_years: float | None = None


@dataclass(frozen=True)
class StatusGrid:
    rules: tuple[StatusRule, ...]
    criteria: tuple[str, ...] = DEFAULT_CRITERIA

    def rule(self, code: str) -> StatusRule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def status_of(self, figures: Figures) -> str | None:
        """The highest status whose every counted criterion the figures meet, else None."""
        values = {"revenue": figures.revenue_cents, "orders": figures.orders, "seniority": figures.seniority_years}
        for rule in self.rules:
            if all(rule.range(c).contains(values[c]) for c in self.criteria):
                return rule.code
        return None

    def status_array(self, revenue_cents, orders, seniority_years=None):
        """`status_of` of every client at once (numpy arrays of the same length):
        the index of its status in `self.rules`, -1 when none fits (hors grille).
        `seniority_years` is read only when seniority counts (NaN = unknown)."""
        import numpy as np

        values = {"revenue": revenue_cents, "orders": orders, "seniority": seniority_years}
        result = np.full(len(revenue_cents), -1, dtype=np.int8)
        for index in range(len(self.rules) - 1, -1, -1):  # the highest status tried last wins
            rule = self.rules[index]
            fits = np.ones(len(revenue_cents), dtype=bool)
            for criterion in self.criteria:
                fits &= rule.range(criterion).contains_array(values[criterion])
            result[fits] = index
        return result

    def with_criteria(self, criteria: Iterable[str]) -> StatusGrid:
        return replace(self, criteria=_check_criteria(list(criteria)))

    def to_json(self) -> dict:
        return {
            "criteria": list(self.criteria),
            "statuses": {r.code: {c: r.range(c).to_json() for c in CRITERIA} for r in self.rules},
        }

    @classmethod
    def from_json(cls, value: Any) -> StatusGrid:
        if not isinstance(value, Mapping):
            raise CrmError(N_("Grille des statuts illisible : un objet JSON est attendu."))
        criteria = _check_criteria(value.get("criteria", list(DEFAULT_CRITERIA)))
        statuses = value.get("statuses")
        if not isinstance(statuses, Mapping):
            raise CrmError(N_("Grille des statuts : la liste des statuts (« statuses ») manque."))
        unknown = set(statuses) - set(STATUSES)
        if unknown:
            raise CrmError(
                N_("Grille des statuts : statut inconnu « {status} » (attendus : {expected})."),
                status=sorted(unknown)[0],
                expected=", ".join(STATUSES),
            )
        rules = []
        for code in STATUSES:
            if code not in statuses:
                raise CrmError(N_("Grille des statuts : le statut « {status} » manque."), status=_(LABELS[code]))
            spec = statuses[code]
            if not isinstance(spec, Mapping):
                raise CrmError(N_("Grille des statuts, {status} : un objet est attendu."), status=_(LABELS[code]))
            default = DEFAULT_GRID.rule(code)
            ranges = {
                c: Range.from_json(spec[c], f"{_(LABELS[code])}, {_(CRITERION_LABELS[c])}")
                if c in spec
                else default.range(c)
                for c in CRITERIA
            }
            rules.append(StatusRule(code, **ranges))
        return cls(tuple(rules), criteria)


def _check_criteria(criteria: Any) -> tuple[str, ...]:
    if not isinstance(criteria, (list, tuple)) or not criteria:
        raise CrmError(
            N_(
                "Grille des statuts : choisissez au moins un critère (chiffre d'affaires, commandes par "
                "an, ancienneté)."
            )
        )
    for c in criteria:
        if c not in CRITERIA:
            raise CrmError(
                N_("Grille des statuts : critère inconnu « {criterion} » (attendus : {expected})."),
                criterion=c,
                expected=", ".join(CRITERIA),
            )
    if len(set(criteria)) != len(criteria):
        raise CrmError(N_("Grille des statuts : un critère est cité deux fois."))
    return tuple(c for c in CRITERIA if c in criteria)


EURO = 100  # cents

DEFAULT_GRID = StatusGrid(
    (
        StatusRule(
            "premium",
            revenue=Range(100_000 * EURO, False, None, False),
            orders=Range(13, False, None, False),
            seniority=Range(3, False, None, False),
        ),
        StatusRule(
            "actif",
            revenue=Range(50_000 * EURO, True, 100_000 * EURO, True),
            orders=Range(9, True, 13, True),
            seniority=Range(2, True, 3, True),
        ),
        StatusRule(
            "standard",
            revenue=Range(40_000 * EURO, True, 50_000 * EURO, False),
            orders=Range(5, True, 8, True),
            seniority=Range(1, True, 2, False),
        ),
        StatusRule(
            "occasionnel",
            revenue=Range(0, False, 40_000 * EURO, False),
            orders=Range(1, True, 4, True),
            seniority=Range(0, True, 1, False),
        ),
    )
)


def grid_from_settings(settings: Mapping[str, Any]) -> StatusGrid:
    """The file's grid: ``status.grid``, else the legacy keys, else DEFAULT_GRID."""
    if settings.get(GRID_KEY) is not None:
        return StatusGrid.from_json(settings[GRID_KEY])
    criteria = settings.get(LEGACY_CRITERIA_KEY)
    bands = settings.get(LEGACY_BANDS_KEY)
    if criteria is None and bands is None:
        return DEFAULT_GRID
    grid = DEFAULT_GRID
    if isinstance(bands, Mapping):
        by_label = {label.casefold(): code for code, label in LABELS.items()}
        rules = []
        for rule in grid.rules:
            band = next(
                (v for k, v in bands.items() if isinstance(k, str) and by_label.get(k.casefold()) == rule.code), None
            )
            if isinstance(band, Mapping):
                changes = {}
                for c in CRITERIA:
                    low, high = band.get(f"{c}_min"), band.get(f"{c}_max")
                    if low is not None or high is not None:
                        changes[c] = Range.from_json(
                            {"low": low, "low_inclusive": True, "high": high, "high_inclusive": True},
                            f"{rule.label}, {_(CRITERION_LABELS[c])}",
                        )
                rule = replace(rule, **changes)
            rules.append(rule)
        grid = replace(grid, rules=tuple(rules))
    if criteria is not None:
        grid = grid.with_criteria(criteria)
    return grid


def grid_to_settings(grid: StatusGrid) -> dict[str, Any]:
    """The settings to write (key -> JSON value)."""
    return {GRID_KEY: grid.to_json()}


# -- distribution ------------------------------------------------------------------
@dataclass(frozen=True)
class StatusShare:
    status: str | None  # None = hors grille
    clients: int
    revenue_cents: int
    volume_share: Fraction  # in % of the clients with a status (0 for hors grille)
    value_share: Fraction  # in % of their revenue

    @property
    def label(self) -> str:
        """In the interface language."""
        return _(LABELS[self.status]) if self.status else _(OUTSIDE_LABEL)


@dataclass(frozen=True)
class Distribution:
    rows: tuple[StatusShare, ...]  # the four statuses, highest first
    outside: StatusShare  # hors grille (not in the shares)
    clients: int  # total of the four statuses
    revenue_cents: int

    def row(self, status: str) -> StatusShare:
        return next(r for r in self.rows if r.status == status)


def distribution(statuses_and_revenue: Iterable[tuple[str | None, int]]) -> Distribution:
    """Clients and revenue per status; shares are exact fractions, in percent,
    of the clients that HAVE a status (« hors grille » is counted apart)."""
    clients = dict.fromkeys((*STATUSES, None), 0)
    revenue = dict.fromkeys((*STATUSES, None), 0)
    for status, cents in statuses_and_revenue:
        if status not in clients:
            raise ValueError(f"unknown status {status!r}")
        clients[status] += 1
        revenue[status] += int(cents or 0)
    total = sum(clients[s] for s in STATUSES)
    money = sum(revenue[s] for s in STATUSES)

    def share(part: int, whole: int) -> Fraction:
        return Fraction(100 * part, whole) if whole else Fraction(0)

    rows = tuple(
        StatusShare(s, clients[s], revenue[s], share(clients[s], total), share(revenue[s], money)) for s in STATUSES
    )
    outside = StatusShare(None, clients[None], revenue[None], Fraction(0), Fraction(0))
    return Distribution(rows, outside, total, money)
