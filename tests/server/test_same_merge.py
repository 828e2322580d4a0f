"""Duplicates on a file and on a server: the same pairs found, the same merge
(the whole history moved to the kept card), the same undo."""

from __future__ import annotations

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.duplicates import DuplicateStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from tests.helpers.demo import copy_demo
from tests.helpers.today import TODAY

_ASIDE = ("created_at", "updated_at", "deleted_at")  # the moments of now, a second apart


@pytest.fixture
def both(sweetybio_template, pg_url, tmp_path):
    path = copy_demo(sweetybio_template, tmp_path)
    transfer.to_server(path, pg_url)
    kinds = (Database(path), ServerDatabase(pg_url))
    yield kinds
    for database in kinds:
        database.close()


def _card(database, contact_id: int) -> dict:
    got = ContactStore(database).get(contact_id)
    return {k: v for k, v in got.items() if k not in _ASIDE} if got else {}


def test_the_same_duplicates_are_found_merged_and_unmerged(both):
    seen = []
    for database in both:
        contacts, orders = ContactStore(database), OrderStore(database)
        keep = contacts.create(
            {"last_name": "Dupond", "first_name": "Hélène", "phone": "06 12 34 56 78", "city": "Lyon"}, tags=["VIP"]
        )
        other = contacts.create(
            {"last_name": "DUPOND", "first_name": "Helene", "phone": "0612345678", "email": "h.dupond@example.fr"}
        )
        orders.create(
            NewOrder(contact_id=other, date="2026-11-20", amount_cents=4200, channel="shop", lines=[]), today=TODAY
        )
        store = DuplicateStore(database)
        pairs = store.candidates()
        assert (keep, other) in {(p.a, p.b) for p in pairs} | {(p.b, p.a) for p in pairs}
        before = (_card(database, keep), _card(database, other), store.history(other, keep))
        record = store.merge(keep, other)
        merged = (_card(database, keep), _card(database, other), store.history(keep))
        store.unmerge(record)
        after = (_card(database, keep), _card(database, other))
        seen.append(
            {
                "pairs": [(p.a, p.b, p.score) for p in pairs],
                "before": before,
                "merged": merged,
                "counts": record.counts(),
                "after": after,
            }
        )
    on_file, on_server = seen
    assert on_file["counts"]["orders"] == 1 and on_file["merged"][0]["email"] == "h.dupond@example.fr"
    assert on_file["after"] == on_file["before"][:2]  # the undo gives both cards back
    for key in on_file:
        assert on_server[key] == on_file[key], key
