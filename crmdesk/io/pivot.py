"""Revenue pivot tables: clients, categories or reps × the months of a period,
written as CSV or XLSX (File › Export a pivot table…, `crmdesk pivot`;
docs/domain/09-dashboards.md, « Pivot tables »).

One row per client (N° client, name), category or rep with revenue in the
period; one column per month the period touches (« 2026-03 »; a month cut by
the period counts its days inside it only), then « Total »; a last row
« Total » adds each column. Amounts in euros, exact to the cent.

What counts is what the dashboard counts (crmdesk/store/cohorts.py): an
order's amount under its client; under a category, the value of each of its
lines (an order without lines: its amount, « Sans catégorie »); under its
rep, else its client's (« Sans commercial »). So a category or rep row's
total is that category's or rep's revenue on the dashboard for the same
period, and the client pivot's grand total is the period's revenue.

Rows: clients by N° client; categories and reps biggest first, as on the
dashboard. The store groups the orders per key and month in SQL; pandas
spreads the months into columns, adds the totals and the names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import Period
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.io import frames
from crmdesk.io.export import write_output
from crmdesk.store import cohorts as store
from crmdesk.store.dashboard import month_number, months_of
from crmdesk.store.database import Database

ROWS = store.ROWS
FORMATS = ("csv", "xlsx")
# progress(done, total): total 0 while the rows are read (how many is not known)
Progress = Callable[[int, int], None]
_TITLES = {
    "client": N_("CA par client et par mois"),
    "category": N_("CA par catégorie et par mois"),
    "rep": N_("CA par commercial et par mois"),
}


@dataclass
class Pivot:
    rows: str
    period: Period
    months: list[str]  # « 2026-03 », the month columns in order
    frame: pd.DataFrame  # label column(s), the months (cents), « total »; the total row last

    @property
    def count(self) -> int:
        """Rows with revenue (the total row apart)."""
        return len(self.frame) - 1


def compute(database: Database, rows: str, period: Period, progress: Progress | None = None) -> Pivot:
    """The pivot of `rows` (client, category, rep) over `period` (see the module docstring)."""
    if rows not in ROWS:
        raise CrmError(N_("lignes inconnues « {rows} » (client, category ou rep)"), rows=rows)
    reading = None if progress is None else (lambda done: progress(done, 0))
    chunks = list(store.revenue(database, rows, period, reading))
    data = pd.DataFrame(
        np.concatenate(chunks) if chunks else np.zeros((0, 3), dtype=np.int64), columns=["key", "month", "cents"]
    )
    del chunks
    first = month_number(period.start)
    months = months_of(period)
    wide = data.groupby(["key", "month"])["cents"].sum().unstack(fill_value=0)
    wide = wide.reindex(columns=range(first, first + len(months)), fill_value=0).astype("int64")
    wide.columns = months
    wide["total"] = wide.sum(axis=1)
    if rows == "client":
        names = pd.DataFrame(
            list(store.client_names(database, wide.index.tolist())), columns=["key", "code", "name"]
        ).set_index("key")
        wide = names.join(wide, how="right").sort_values("code", kind="stable")
        total = {"code": _("Total"), "name": ""}
    else:
        names = store.key_names(database, rows)
        wide.insert(0, "name", [names.get(int(k), _("n° {number}", number=k)) for k in wide.index])
        wide["_order"] = wide["name"].map(fold)
        wide = wide.sort_values(["total", "_order"], ascending=[False, True], kind="stable").drop(columns="_order")
        total = {"name": _("Total")}
    sums = wide[[*months, "total"]].sum()
    wide = pd.concat([wide, pd.DataFrame([{**total, **sums.to_dict()}], index=[-1])])
    wide[[*months, "total"]] = wide[[*months, "total"]].astype("int64")
    return Pivot(rows, period, months, wide.reset_index(drop=True))


def table(pivot: Pivot) -> frames.Table:
    """The pivot as a table to write."""
    if pivot.rows == "client":
        labels = (frames.Column("code", _("N° client"), width=12), frames.Column("name", _("Client"), width=30))
    else:
        title = _("Catégorie") if pivot.rows == "category" else _("Commercial")
        labels = (frames.Column("name", title, width=28),)
    columns = labels + tuple(frames.Column(m, m, "euros", width=13) for m in pivot.months)
    columns += (frames.Column("total", _("Total"), "euros", width=15),)
    notes = (_("Du {start:%d/%m/%Y} au {end:%d/%m/%Y}, en euros.", start=pivot.period.start, end=pivot.period.end),)
    return frames.Table(_(_TITLES[pivot.rows])[:31], pivot.frame, columns, notes=notes)


def export(
    database: Database,
    out: str | Path | BinaryIO,
    rows: str,
    period: Period,
    fmt: str = "csv",
    progress: Progress | None = None,
) -> Pivot:
    """Compute the pivot and write it to a path (atomically) or a binary stream,
    in one read transaction; returns it."""
    if fmt not in FORMATS:
        raise CrmError(N_("format inconnu « {fmt} » (csv ou xlsx)"), fmt=fmt)

    def write(handle: BinaryIO) -> Pivot:
        pivot = compute(database, rows, period, progress)
        frames.write([table(pivot)], fmt, handle, progress)
        return pivot

    return write_output(database, out, write)
