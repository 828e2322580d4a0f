"""What the figures modules share (analytics, figures, figures_update, dashboard,
orders, cohorts): the settings key of the saved figures, the status year, the
file's grids, the window of days, the label of orders without a category —
below them all, so that none of them imports another in a circle."""

from __future__ import annotations

import datetime as dt

from crmdesk.domain import rfm
from crmdesk.domain import segments as status_rules
from crmdesk.domain.segments import StatusGrid
from crmdesk.i18n import N_
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore

STATUS_DAYS = 365  # the status year: the 365 days ending on as_of
SAVED_KEY = "figures.saved"  # how the figures on the contacts were computed (JSON)
NO_CATEGORY = N_("Sans catégorie")


def window_bounds(as_of: dt.date, window_days: int | None) -> tuple[str, str]:
    """(first day of the window, day after as_of) as ISO text; '' = no lower bound."""
    if window_days is not None and window_days < 0:
        raise ValueError("window_days must be >= 0")
    after = (as_of + dt.timedelta(days=1)).isoformat()
    start = (as_of - dt.timedelta(days=window_days - 1)).isoformat() if window_days else ""
    return start, after


def plain_cursor(db: Database):
    cur = db.conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row costs a Python object per row
    return cur


def day_of(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def file_grid(db: Database) -> StatusGrid:
    return status_rules.grid_from_settings(SettingsStore(db).all())


def file_rfm_grid(db: Database) -> rfm.RfmGrid:
    return rfm.grid_from_settings(SettingsStore(db).all())
