"""Ready-made demo client files (docs/domain/11-demo-data.md).

    from crmdesk import demo
    demo.build("sweetybio", Path("Sweety Bio.sqlite"))             # dated today
    demo.build("boldair", path, today=date(2026, 11, 23))          # as of a given day

`build` writes a NEW file (CrmError if the path exists), in one transaction,
deterministically: the same name and `today` give the same content, table by
table. Dates are relative to `today` so that a demo always looks current.
See sweetybio.py and boldair.py for what each file holds and the rules used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store import analytics
from crmdesk.store.dashboard import bulk_orders
from crmdesk.store.database import Database
from crmdesk.store.lock import lock_path

NAMES = ("sweetybio", "boldair")

TITLES = {
    "sweetybio": "Sweety Bio — distributeur de produits bio (B2C et B2B)",
    "boldair": "Le Bol d'Air — vaisselle vendue en réunion à domicile",
}


def build(name: str, path: str | Path, *, today: dt.date | None = None) -> None:
    """Write the demo `name` (one of NAMES) into a new client file at `path`."""
    if name not in NAMES:
        raise CrmError(
            N_("Démo inconnue « {name} » : choisissez parmi {choices}."), name=name, choices=", ".join(NAMES)
        )
    path = Path(path)
    if path.exists():
        raise CrmError(
            N_(
                "« {name} » existe déjà : une démo s'écrit toujours dans un nouveau fichier. Choisissez un "
                "autre nom ; le fichier existant n'a pas été modifié."
            ),
            name=path.name,
        )
    today = today or dt.date.today()
    if name == "sweetybio":
        from crmdesk.demo import sweetybio as module
    else:
        from crmdesk.demo import boldair as module
    data = module.generate(today)  # everything is computed before the file exists
    leftovers = (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), lock_path(path))
    fresh = [p for p in leftovers if not p.exists()]
    try:
        with Database(path, create=True) as database, database.atomic():
            with bulk_orders(database):  # the dashboard's aggregates in one pass, not per row
                data.write(database)
            # the client table shows status, revenue and RFM from the start
            analytics.save_figures(database, today)
    except BaseException:
        for leftover in fresh:  # never leave a half-made demo behind
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
