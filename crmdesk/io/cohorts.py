"""The cohort (retention) matrix by month of first order, as of a date
(docs/domain/06-indicators.md, « Cohorts »), and its exports.

A client's cohort is the month of its first order (its first ever, on or
before `as_of`). Row = a cohort; column k = k months after that month
(« M+0 », « M+1 »…); cell = how many clients of the cohort ordered during that
calendar month, and their share of the cohort. M+0 is 100 % by definition.
Cells after `as_of`'s month are empty; the cells of `as_of`'s month are « in
progress » when `as_of` is not its last day: they can only grow.

Rows: every month from the first cohort shown (`start`'s month, or the
month of the file's first order when later) to `as_of`'s month, months
without a new client included (0 clients, no share).

The same orders as the dashboard (clients in the trash count: they bought),
so the two agree where they define the same thing: the clients counted in
the cells of one calendar month add up to the dashboard's active clients of
that month, and when a cohort is the file's first month, its M+1 share is
the dashboard's retention of the next month.

The store reads (client, month) pairs in chunks (crmdesk/store/cohorts.py);
pandas finds each client's first month and counts the pairs per cohort and
month since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.io import frames
from crmdesk.io.export import write_output
from crmdesk.store import cohorts as store
from crmdesk.store.dashboard import month_number
from crmdesk.store.database import Database

FORMATS = ("csv", "xlsx")
# progress(done, total): total 0 while the rows are read (how many is not known)
Progress = Callable[[int, int], None]


def month_start(number: int) -> dt.date:
    """The first day of a month numbered as db/005 numbers it."""
    return dt.date(number // 12, number % 12 + 1, 1)


def month_text(number: int) -> str:
    """« 2026-03 »."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass
class Cohorts:
    as_of: dt.date
    counts: pd.DataFrame  # index: cohort month numbers; columns: months since (0, 1, …); 0 after as_of

    @property
    def last(self) -> int:
        """The month of as_of (number)."""
        return month_number(self.as_of)

    @property
    def months(self) -> list[int]:
        return list(self.counts.index)

    @property
    def sizes(self) -> pd.Series:
        """Clients per cohort (those who ordered in their first month: all of them)."""
        return self.counts[0] if len(self.counts) else pd.Series(dtype="int64")

    @property
    def in_progress(self) -> bool:
        """as_of is not the last day of its month: that month's cells can still grow."""
        return (self.as_of + dt.timedelta(days=1)).month == self.as_of.month

    def known(self) -> np.ndarray:
        """True where the cell's month is on or before as_of's month."""
        months = np.asarray(self.counts.index, dtype=np.int64)[:, None] + np.asarray(self.counts.columns)[None, :]
        return months <= self.last

    def shares(self) -> pd.DataFrame:
        """count / cohort size; NaN after as_of's month and for a cohort of nobody."""
        sizes = self.sizes.replace(0, np.nan)
        return self.counts.div(sizes, axis=0).where(self.known())

    def known_counts(self) -> pd.DataFrame:
        """The counts, NA after as_of's month (nullable whole numbers)."""
        return self.counts.astype("Int64").where(self.known())

    def current(self, row: int, column: int) -> bool:
        """The cell is in as_of's month, still in progress."""
        return self.in_progress and self.months[row] + column == self.last


def compute(
    database: Database, as_of: dt.date, start: dt.date | None = None, progress: Progress | None = None
) -> Cohorts:
    """The matrix as of `as_of`, cohorts from `start`'s month (see the module docstring)."""
    if start is not None and start > as_of:
        raise CrmError(
            N_("La période commence le {start:%d/%m/%Y}, après sa fin le {end:%d/%m/%Y}."), start=start, end=as_of
        )
    reading = None if progress is None else (lambda rows: progress(rows, 0))
    chunks = list(store.activity(database, as_of, reading))
    pairs = np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.int64)
    del chunks
    last = month_number(as_of)
    frame = pd.DataFrame(pairs, columns=["client", "month"])
    del pairs
    if frame.empty:
        return Cohorts(as_of, pd.DataFrame(dtype="int64"))
    if reading is not None:
        reading(len(frame))  # a chance to stop between the steps (each takes seconds on 1M clients)
    cohort = frame.groupby("client", sort=False)["month"].transform("min")
    if reading is not None:
        reading(len(frame))
    first = int(cohort.min()) if start is None else max(int(cohort.min()), month_number(start))
    shown = (cohort >= first).to_numpy()
    cohort, month = cohort[shown], frame["month"][shown]
    counts = month.groupby([cohort.rename("cohort"), (month - cohort).rename("since")]).size().unstack(fill_value=0)
    counts = counts.reindex(index=range(first, last + 1), columns=range(last - first + 1), fill_value=0)
    return Cohorts(as_of, counts.astype("int64"))


# -- exports ------------------------------------------------------------------------------------
def _since(k: int) -> str:
    return f"M+{k}"


def tables(cohorts: Cohorts, fmt: str) -> list[frames.Table]:
    """What a CSV holds (one table: each month since with its clients and their %)
    or a workbook (a sheet of shares, coloured, and a sheet of clients)."""
    labels = pd.Series([month_text(m) for m in cohorts.months], index=cohorts.counts.index)
    base = {"cohort": labels, "clients": cohorts.sizes}
    head = (frames.Column("cohort", _("Cohorte"), width=10), frames.Column("clients", _("Clients"), "count"))
    steps = list(cohorts.counts.columns)
    counts, shares = cohorts.known_counts(), cohorts.shares()
    if fmt == "csv":
        data = dict(base)
        columns = list(head)
        for k in steps:
            data[f"n{k}"], data[f"s{k}"] = counts[k], shares[k]
            columns += [
                frames.Column(f"n{k}", _("{since} clients", since=_since(k)), "count"),
                frames.Column(f"s{k}", _("{since} %", since=_since(k)), "share"),
            ]
        return [frames.Table(_("Cohortes"), pd.DataFrame(data), tuple(columns))]
    notes = [
        _(
            "Au {day:%d/%m/%Y}. Cohorte : le mois de la première commande des clients ; M+k : la part de la "
            "cohorte qui a commandé k mois plus tard.",
            day=cohorts.as_of,
        )
    ]
    if cohorts.in_progress:
        notes.append(
            _("Le mois du {day:%d/%m/%Y} n'est pas fini : sa diagonale peut encore augmenter.", day=cohorts.as_of)
        )
    sheets = []
    # the shares after M+0 (100 % by definition) coloured, from 0 to the best retention
    for title, values, kind, heat in (
        (_("Rétention"), shares, "share", tuple(f"m{k}" for k in steps[1:])),
        (_("Clients"), counts, "count", ()),
    ):
        data = dict(base)
        data.update({f"m{k}": values[k] for k in steps})
        columns = head + tuple(frames.Column(f"m{k}", _since(k), kind, width=8) for k in steps)
        sheets.append(frames.Table(title, pd.DataFrame(data), columns, heat=heat, notes=tuple(notes)))
    return sheets


def export(
    database: Database, out: str | Path | BinaryIO, cohorts: Cohorts, fmt: str = "csv", progress: Progress | None = None
) -> int:
    """Write the matrix to a path (atomically) or a binary stream; returns the cohorts written."""
    if fmt not in FORMATS:
        raise CrmError(N_("format inconnu « {fmt} » (csv ou xlsx)"), fmt=fmt)
    return write_output(database, out, lambda handle: frames.write(tables(cohorts, fmt), fmt, handle, progress))


def as_json(cohorts: Cohorts) -> dict:
    """{as_of, in_progress, cohorts: [{cohort, clients, months: [{months_since, month, clients, share}]}]}:
    shares in percent (2 decimals, None for a cohort of nobody), known months only."""
    shares = cohorts.shares()
    rows = []
    for i, month in enumerate(cohorts.months):
        cells = []
        for k in cohorts.counts.columns:
            if month + k > cohorts.last:
                break
            share = shares.iat[i, k]
            cells.append(
                {
                    "months_since": int(k),
                    "month": month_text(month + k),
                    "clients": int(cohorts.counts.iat[i, k]),
                    "share": None if pd.isna(share) else round(float(share) * 100, 2),
                }
            )
        rows.append({"cohort": month_text(month), "clients": int(cohorts.counts.iat[i, 0]), "months": cells})
    return {"as_of": cohorts.as_of.isoformat(), "in_progress": cohorts.in_progress, "cohorts": rows}
