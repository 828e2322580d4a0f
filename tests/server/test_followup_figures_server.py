"""What the window runs on opening and after an edit, on a server as on the file:
the reminders generated and the Today lists, a client's timeline, the figures
brought to a new day — the same results on both kinds (ids aside: a server's
identities skip the numbers an ignored insert took)."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk.store import figures, figures_update
from crmdesk.store.database import Database
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from crmdesk.store.tasks import TaskStore
from tests.helpers.demo import copy_demo
from tests.helpers.today import TODAY

_FIGURES = "code, status, revenue_year_cents, orders_year, last_order, figures_as_of, rfm_code, rfm_segment, rfm_as_of"


@pytest.fixture
def both(pg_url, sweetybio_template, tmp_path):
    """The Sweety Bio demo as a file and as a server database."""
    transfer.to_server(sweetybio_template, pg_url)
    file = Database(copy_demo(sweetybio_template, tmp_path))
    server = ServerDatabase(pg_url)
    yield file, server
    file.close()
    server.close()


def _without_ids(view: dict) -> dict:
    return {
        name: [{k: v for k, v in row.items() if k not in ("id", "created_at")} for row in rows]
        if isinstance(rows, list)
        else rows
        for name, rows in view.items()
    }


def test_reminders_and_the_today_lists_are_the_same_on_a_server(both):
    for day in (TODAY, TODAY + dt.timedelta(days=3)):
        created = [TaskStore(db).generate_reminders(day) for db in both]
        assert created[0] == created[1] > 0
        views = [_without_ids(TaskStore(db).today_view(day, 50)) for db in both]
        assert views[0] == views[1]
        assert views[1]["counts"]["overdue"] + views[1]["counts"]["today"] > 0
    # a second run the same day creates nothing more, on both
    assert [TaskStore(db).generate_reminders(TODAY + dt.timedelta(days=3)) for db in both] == [0, 0]


def test_a_clients_timeline_is_the_same_on_a_server(both):
    file = both[0]
    client = file.scalar("SELECT contact_id FROM orders GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 1")
    rows = [[dict(r) for r in InteractionStore(db).timeline(client)] for db in both]
    assert rows[0] == rows[1] and {r["source"] for r in rows[1]} >= {"order"}


def test_the_figures_brought_to_a_new_day_are_the_same_on_a_server(both):
    file, server = both
    day = TODAY + dt.timedelta(days=40)
    written = [figures_update.update(db, day, chunk=5_000) for db in both]
    assert written[0] == written[1] > 0
    tables = [db.query(f"SELECT {_FIGURES} FROM contacts ORDER BY id") for db in both]
    assert [tuple(r) for r in tables[0]] == [tuple(r) for r in tables[1]]
    assert figures.saved_state(server).day == day
    # its own writes are not « touched »: the next day is incremental on both, and the same again
    assert server.scalar("SELECT count(*) FROM figures_touched") == file.scalar("SELECT count(*) FROM figures_touched")
    later = day + dt.timedelta(days=1)
    again = [figures_update.update(db, later, chunk=5_000) for db in both]
    assert again[0] == again[1]
    tables = [db.query(f"SELECT {_FIGURES} FROM contacts ORDER BY id") for db in both]
    assert [tuple(r) for r in tables[0]] == [tuple(r) for r in tables[1]]
