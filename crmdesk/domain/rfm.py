"""RFM scoring (docs/domain/04-rfm.md): points grid and quantiles, named segments.

Pure rules: no SQL, no Qt. The figures of each client come from
crmdesk/store/analytics.py (one GROUP BY over the orders).

Definitions / Définitions
-------------------------
* Recency / Récence : days from the client's last order on or before the
  reference date to the reference date (an order ON the reference date
  gives 0). Nombre de jours entre la dernière commande (au plus tard à la
  date de référence) et la date de référence ; commande le jour même = 0.
* Frequency / Fréquence : number of orders dated in the window ending on
  the reference date, i.e. dates d with as_of − window_days < d ≤ as_of
  (365 days: as_of − 364 … as_of); window 0/None = all history.
  Nombre de commandes dans la fenêtre (as_of − N jours exclu, as_of inclus).
* Monetary / Montant : sum of the amounts of those same orders (cents).
* Orders after the reference date are ignored; a client without any order
  is listed apart, never scored; a client whose orders are all older than
  the window has frequency 0 and monetary 0 (and is still scored).

Points grid / Grille de points (default, docs/domain/04-rfm.md; a month = 30 days)
----------------------------------------------------------------------
========  ===============  ==============  ==========================
points    R (days)         F (orders)      M (revenue)
========  ===============  ==============  ==========================
4         0 – 14 (< 15)    >= 14 (> 13)    > 100 000 €
3         15 – 30 incl     9 – 13 incl     50 000 – 100 000 € incl
2         31 – 60 incl     5 – 8 incl      40 000 € incl – 50 000 € excl
1         61 – 90 incl     1 – 4 incl      > 0 and < 40 000 €
0         outside (> 90)   outside (0)     outside (0 €)
========  ===============  ==============  ==========================

A value in no range gets the grid's `outside` points (0 by default).
Score = R + F + M (3–12 inside the grid), code « R-F-M » e.g. « 4-3-2 ».

Quantile rule / Règle des quantiles
-----------------------------------
EN: on each axis, with n clients scored and w the number of clients strictly
WORSE on that axis (older last order; fewer orders; lower amount),
score = 1 + floor(5 × w / n), which is always in 1..5. Equal values have
the same w, hence the same score; a better value never scores lower. The
best fifth scores 5 (5 = most recent / most frequent / highest).
FR : sur chaque axe, avec n clients notés et w le nombre de clients
strictement MOINS BONS sur cet axe (dernière commande plus ancienne, moins
de commandes, montant plus faible), note = 1 + partie entière de 5 × w / n,
toujours entre 1 et 5. Deux valeurs égales ont toujours la même note ; une
meilleure valeur n'a jamais une note plus basse.

Named segments / Segments nommés
--------------------------------
From the R and F scores on 1..5 (M does not change the segment):

=====  ============  ============  ========  =========  =========
R \\ F  1             2             3         4          5
=====  ============  ============  ========  =========  =========
5, 4   nouveaux      prometteurs   fidèles   champions  champions
3      à surveiller  à surveiller  fidèles   fidèles    fidèles
2      hibernation   hibernation   à risque  à risque   à risque
1      perdus        perdus        à risque  à risque   à risque
=====  ============  ============  ========  =========  =========

The points grid gives 0–4 points: a grid point p maps to the 1..5 scale as
p + 1 (clipped to 1..5), so grid 4 → 5, grid 0 (outside the grid) → 1.
E.g. docs/domain/04-rfm.md: Bio Corner 4-4-4 → champions; Bio Vie 1-2-2 → R 2, F 3
→ à risque.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from crmdesk.domain.errors import CrmError
from crmdesk.domain.segments import Range
from crmdesk.i18n import N_, _

if TYPE_CHECKING:
    import numpy as np
# numpy is imported inside the scoring functions: importing it costs ~60 ms,
# and the main window needs only the segment names at start-up.

AXES = ("recency", "frequency", "monetary")
METHODS = ("grid", "quantile")
GRID_KEY = "rfm.grid"
DEFAULT_WINDOW_DAYS = 365


# -- points grid ------------------------------------------------------------------
@dataclass(frozen=True)
class AxisGrid:
    """(points, range) pairs tried highest points first; `outside` otherwise."""

    bands: tuple[tuple[int, Range], ...]
    outside: int = 0

    def points(self, value: float) -> int:
        for points, band in self.bands:
            if band.contains(value):
                return points
        return self.outside

    def _steps(self) -> tuple[list, list[int], list[int]]:
        """(sorted bounds, points AT each bound, points strictly BETWEEN bounds i-1 and i)."""
        bounds = sorted({b for _, r in self.bands for b in (r.low, r.high) if b is not None})
        at = [self.points(b) for b in bounds]
        # between bounds[i-1] and bounds[i] (open): probe the midpoint (or beyond the ends)
        probes = (
            ([bounds[0] - 1] if bounds else [0])
            + [(a + b) / 2 for a, b in pairwise(bounds)]
            + ([bounds[-1] + 1] if bounds else [])
        )
        between = [self.points(p) for p in probes]
        return bounds, at, between

    def points_array(self, values) -> np.ndarray:
        """`points` of every value of a numpy array (vectorised, same rule)."""
        import numpy as np

        values = np.asarray(values)
        bounds, at, between = self._steps()
        if not bounds:
            return np.full(values.shape, between[0], dtype=np.int64)
        exact = all(isinstance(b, int) for b in bounds) and values.dtype.kind in "iu"
        edges = np.array(bounds, dtype=np.int64 if exact else np.float64)
        i = np.searchsorted(edges, values, side="left")
        on = np.zeros(values.shape, dtype=bool)
        inside = i < len(edges)
        on[inside] = edges[i[inside]] == values[inside]
        result = np.asarray(between, dtype=np.int64)[i]
        result[on] = np.asarray(at, dtype=np.int64)[i[on]]
        return result

    def scorer(self):
        """A fast equivalent of `points` (bisect over the bounds) for many values."""
        bounds, at, between = self._steps()

        def score(x, bounds=bounds, at=at, between=between, left=bisect_left):
            i = left(bounds, x)
            if i < len(bounds) and bounds[i] == x:
                return at[i]
            return between[i]

        return score

    def to_json(self) -> dict:
        return {"outside": self.outside, "bands": [{"points": p, **r.to_json()} for p, r in self.bands]}

    @classmethod
    def from_json(cls, value: Any, where: str) -> AxisGrid:
        if not isinstance(value, Mapping) or not isinstance(value.get("bands"), list):
            raise CrmError(N_("Grille RFM, {where} : une liste de tranches (« bands ») est attendue."), where=where)
        outside = value.get("outside", 0)
        if not isinstance(outside, int) or isinstance(outside, bool) or outside < 0:
            raise CrmError(
                N_("Grille RFM, {where} : les points hors grille doivent être un entier positif ou nul."), where=where
            )
        bands = []
        for band in value["bands"]:
            if not isinstance(band, Mapping):
                raise CrmError(N_("Grille RFM, {where} : tranche illisible."), where=where)
            points = band.get("points")
            if not isinstance(points, int) or isinstance(points, bool) or points < 0:
                raise CrmError(
                    N_("Grille RFM, {where} : les points d'une tranche doivent être un entier positif."), where=where
                )
            bands.append(
                (
                    points,
                    Range.from_json(
                        {k: v for k, v in band.items() if k != "points"},
                        _("Grille RFM, {where}, {points} points", where=where, points=points),
                    ),
                )
            )
        bands.sort(key=lambda pr: -pr[0])
        return cls(tuple(bands), outside)


@dataclass(frozen=True)
class RfmGrid:
    recency: AxisGrid
    frequency: AxisGrid
    monetary: AxisGrid

    def axis(self, name: str) -> AxisGrid:
        return getattr(self, name)

    def to_json(self) -> dict:
        return {a: self.axis(a).to_json() for a in AXES}

    @classmethod
    def from_json(cls, value: Any) -> RfmGrid:
        if not isinstance(value, Mapping):
            raise CrmError(N_("Grille RFM illisible : un objet JSON est attendu."))
        names = {"recency": _("récence"), "frequency": _("fréquence"), "monetary": _("montant")}
        for a in AXES:
            if a not in value:
                raise CrmError(N_("Grille RFM : l'axe {axis} manque."), axis=names[a])
        return cls(*(AxisGrid.from_json(value[a], names[a]) for a in AXES))


EURO = 100
DEFAULT_GRID = RfmGrid(
    recency=AxisGrid(
        (
            (4, Range(0, True, 15, False)),
            (3, Range(15, True, 30, True)),
            (2, Range(30, False, 60, True)),
            (1, Range(60, False, 90, True)),
        )
    ),
    frequency=AxisGrid(
        (
            (4, Range(13, False, None, False)),
            (3, Range(9, True, 13, True)),
            (2, Range(5, True, 8, True)),
            (1, Range(1, True, 4, True)),
        )
    ),
    monetary=AxisGrid(
        (
            (4, Range(100_000 * EURO, False, None, False)),
            (3, Range(50_000 * EURO, True, 100_000 * EURO, True)),
            (2, Range(40_000 * EURO, True, 50_000 * EURO, False)),
            (1, Range(0, False, 40_000 * EURO, False)),
        )
    ),
)


def grid_from_settings(settings: Mapping[str, Any]) -> RfmGrid:
    raw = settings.get(GRID_KEY)
    return DEFAULT_GRID if raw is None else RfmGrid.from_json(raw)


# -- quantiles ----------------------------------------------------------------------
def quantile_scores(values: Sequence[float | int], *, higher_is_better: bool = True) -> list[int]:
    """Score 1..5 of each value: 1 + floor(5 × w / n), w = number strictly worse."""
    import numpy as np

    if not len(values):
        return []
    return quantile_array(np.asarray(values), higher_is_better=higher_is_better).tolist()


def quantile_array(values: np.ndarray, *, higher_is_better: bool = True) -> np.ndarray:
    """`quantile_scores` of a numpy array: w counted by binary search in the sorted values,
    or, for integers over a short range (days, orders), by counting each value."""
    import numpy as np

    n = len(values)
    if n and values.dtype.kind == "i":
        low, high = int(values.min()), int(values.max())
        if high - low <= 4 * n + 1024:
            shifted = values - low
            below = np.cumsum(np.bincount(shifted, minlength=high - low + 1))  # values <= each
            if higher_is_better:
                worse = (below - np.bincount(shifted, minlength=high - low + 1))[shifted]  # strictly lower
            else:
                worse = n - below[shifted]  # strictly higher
            return 1 + (5 * worse.astype(np.int64)) // n
    ordered = np.sort(values)
    if higher_is_better:
        # worse = strictly lower
        worse = np.searchsorted(ordered, values, side="left")
    else:
        # worse = strictly higher (e.g. more days since the last order)
        worse = n - np.searchsorted(ordered, values, side="right")
    return 1 + (5 * worse.astype(np.int64)) // n


# -- segments ----------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    code: str
    label: str  # French (N_): shown through crmdesk.i18n._
    action: str


SEGMENTS: dict[str, Segment] = {
    s.code: s
    for s in (
        Segment(
            "champions",
            N_("Champions"),
            N_(
                "Programme de fidélité : avantages exclusifs, ventes privées en avant-première ; "
                "leur demander avis et parrainages."
            ),
        ),
        Segment(
            "fideles",
            N_("Fidèles"),
            N_("Ventes additionnelles : bundles et produits complémentaires de leurs achats habituels."),
        ),
        Segment(
            "prometteurs",
            N_("Prometteurs"),
            N_("Seuil de livraison gratuite et bundles pour augmenter le panier et la fréquence."),
        ),
        Segment(
            "nouveaux",
            N_("Nouveaux"),
            N_("Accueil et rappel de réachat au bon moment ; présenter le programme de fidélité."),
        ),
        Segment(
            "a_surveiller",
            N_("À surveiller"),
            N_("Rappels de réachat (produits habituels) avant qu'ils ne décrochent."),
        ),
        Segment(
            "a_risque",
            N_("À risque"),
            N_("Offre limitée dans le temps ou vente privée pour les faire revenir ; appel du commercial."),
        ),
        Segment(
            "hibernation",
            N_("En hibernation"),
            N_("Offre limitée dans le temps, seuil de livraison gratuite ; relance légère."),
        ),
        Segment(
            "perdus", N_("Perdus"), N_("Une dernière offre de reconquête (vente privée), puis ne plus les solliciter.")
        ),
    )
}


def segment_of(r: int, f: int) -> str:
    """Segment code from the R and F scores on 1..5 (see the module's table)."""
    if r >= 4:
        return "champions" if f >= 4 else "fideles" if f == 3 else "prometteurs" if f == 2 else "nouveaux"
    if r == 3:
        return "fideles" if f >= 3 else "a_surveiller"
    if f >= 3:
        return "a_risque"
    return "hibernation" if r == 2 else "perdus"


def grid_to_scale(points: int) -> int:
    """Grid points (0..4) on the 1..5 scale of the segments: p + 1, clipped."""
    return min(5, max(1, points + 1))


# -- scoring ----------------------------------------------------------------------
class RfmRow(NamedTuple):
    contact_id: int
    client_code: str
    recency_days: int
    frequency: int
    monetary_cents: int
    r: int
    f: int
    m: int
    segment: str

    @property
    def score(self) -> int:
        return self.r + self.f + self.m

    @property
    def code(self) -> str:
        return f"{self.r}-{self.f}-{self.m}"

    @property
    def segment_label(self) -> str:
        """In the interface language."""
        return _(SEGMENTS[self.segment].label)


def score(facts: Iterable, method: str = "grid", grid: RfmGrid = DEFAULT_GRID) -> list[RfmRow]:
    """Score clients. `facts`: objects with contact_id, client_code, recency_days,
    frequency, monetary_cents (crmdesk.store.analytics.ClientFact); a tuple is read
    positionally in that order."""
    facts = [
        x[:5] if isinstance(x, tuple) else (x.contact_id, x.client_code, x.recency_days, x.frequency, x.monetary_cents)
        for x in facts
    ]
    if method not in METHODS:
        raise CrmError(N_("Méthode RFM inconnue « {method} » (grid ou quantile)."), method=method)
    if not facts:
        return []
    ids, codes, recency, frequency, monetary = (list(c) for c in zip(*facts))
    return score_columns(ids, codes, recency, frequency, monetary, method, grid)


SEGMENT_CODES: tuple[str, ...] = tuple(SEGMENTS)  # a segment's number in score_arrays


def score_arrays(
    recency, frequency, monetary, method: str = "grid", grid: RfmGrid = DEFAULT_GRID
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(R, F, M scores, segment number in SEGMENT_CODES) of every client, as numpy
    arrays: the rules of `score` on numpy columns (vectorised)."""
    import numpy as np

    if method not in METHODS:
        raise CrmError(f"Méthode RFM inconnue « {method} » (grid ou quantile).")
    columns = [np.asarray(v) for v in (recency, frequency, monetary)]
    if not len(columns[0]):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    if method == "grid":
        rs, fs, ms = (grid.axis(a).points_array(v) for a, v in zip(AXES, columns))
        # segments from the points mapped on 1..5 (grid_to_scale)
        r_scale, f_scale = np.clip(rs + 1, 1, 5), np.clip(fs + 1, 1, 5)
    else:
        rs = quantile_array(columns[0], higher_is_better=False)
        fs = quantile_array(columns[1])
        ms = quantile_array(columns[2])
        r_scale, f_scale = rs, fs
    table = np.zeros(36, dtype=np.int64)
    for r in range(1, 6):
        for f in range(1, 6):
            table[r * 6 + f] = SEGMENT_CODES.index(segment_of(r, f))
    return rs, fs, ms, table[r_scale * 6 + f_scale]


def score_columns(
    ids: Sequence[int],
    codes: Sequence[str],
    recency,
    frequency,
    monetary,
    method: str = "grid",
    grid: RfmGrid = DEFAULT_GRID,
) -> list[RfmRow]:
    """`score` on columns: ids and codes as lists, the three figures as lists or
    numpy arrays (read as numbers, returned as Python ints). Vectorised (numpy)."""
    import numpy as np

    if method not in METHODS:
        raise CrmError(N_("Méthode RFM inconnue « {method} » (grid ou quantile)."), method=method)
    if not len(ids):
        return []
    rs, fs, ms, numbers = score_arrays(recency, frequency, monetary, method, grid)
    segments = np.array(SEGMENT_CODES, dtype=object)[numbers].tolist()
    out = [v.tolist() if isinstance(v, np.ndarray) else v for v in (recency, frequency, monetary)]
    with no_gc():
        # tuple.__new__(RfmRow, values) = RfmRow._make without its Python-level call
        return list(
            map(
                tuple.__new__,
                repeat(RfmRow),
                zip(ids, codes, out[0], out[1], out[2], rs.tolist(), fs.tolist(), ms.tolist(), segments),
            )
        )


@contextmanager
def no_gc():
    """The cyclic garbage collector paused while a million tuples (no cycles) are made:
    otherwise it walks the growing list again and again (≈ half of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def counts_by_segment(rows: Iterable[RfmRow]) -> dict[str, int]:
    counts = dict.fromkeys(SEGMENTS, 0)
    for row in rows:
        counts[row.segment] += 1
    return counts


def rf_matrix(rows: Iterable[RfmRow]) -> dict[tuple[int, int], int]:
    """Clients per (R, F) score pair, for the heat map."""
    cells: dict[tuple[int, int], int] = {}
    for row in rows:
        cells[(row.r, row.f)] = cells.get((row.r, row.f), 0) + 1
    return cells
