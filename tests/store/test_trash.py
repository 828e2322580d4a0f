"""Emptying the trash (store/trash.py): deleted for good in one transaction, except
the contacts whose business records must outlive them."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.server import on_server
from crmdesk.store.trash import empty_trash, held_in_trash
from tests.helpers.backend import refuse

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def people(contacts, database):
    company = contacts.create({"kind": "company", "company": "ACME"})
    ids = {
        "company": company,
        "worker": contacts.create({"last_name": "Durand", "company_id": company}),
        "buyer": contacts.create({"last_name": "Martin"}),
        "plaintiff": contacts.create({"last_name": "Petit"}),
        "prospect": contacts.create({"last_name": "Leroy"}, ["vip"]),
        "live": contacts.create({"last_name": "Bernard"}),
    }
    OrderStore(database).create(NewOrder(ids["buyer"], "2026-11-02", 12_000), today=dt.date(2026, 11, 23))
    ComplaintStore(database).create(
        {"contact_id": ids["plaintiff"], "subject": "Colis"}, received_at=dt.datetime(2026, 11, 20, 9)
    )
    InteractionStore(database).add(
        {
            "contact_id": ids["prospect"],
            "at": "20/11/2026 10:00",
            "channel": "phone",
            "direction": "out",
            "kind": "contact",
            "subject": "Appel",
        },
        now=dt.datetime(2026, 11, 23, 9),
    )
    for name in ("company", "buyer", "plaintiff", "prospect"):
        contacts.trash(ids[name])
    return ids


def count(database, sql, *params) -> int:
    return int(database.scalar(sql, params))


def test_emptying_deletes_what_may_go_and_keeps_business_records(contacts, database, people):
    assert held_in_trash(database) == {people["buyer"], people["plaintiff"]}
    result = empty_trash(database)
    assert (result.deleted, result.kept) == (2, 2)
    assert contacts.get(people["company"]) is None and contacts.get(people["prospect"]) is None
    assert contacts.count(ContactQuery(trash=True)) == 2  # the buyer and the plaintiff
    assert contacts.get(people["worker"])["company_id"] is None  # the link goes, not the person
    assert contacts.get(people["live"]) is not None
    assert count(database, "SELECT count(*) FROM interactions WHERE contact_id = ?", people["prospect"]) == 0
    assert count(database, "SELECT count(*) FROM contact_tags WHERE contact_id = ?", people["prospect"]) == 0
    assert count(database, "SELECT count(*) FROM orders") == 1
    assert contacts.count(ContactQuery(search="leroy")) == contacts.count(ContactQuery(search="leroy", trash=True)) == 0
    if not on_server(database):  # a file's search index is a table of its own (a server's is on contacts)
        assert count(database, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'leroy'") == 0
    assert count(database, "SELECT value FROM counters WHERE name = 'contacts_trash'") == 2
    assert count(database, "SELECT count(*) FROM audit_log WHERE action = 'empty_trash'") == 1
    assert empty_trash(database).deleted == 0  # what is left stays


def test_emptying_is_all_or_nothing(contacts, database, people):
    before = contacts.count(ContactQuery(trash=True))
    refuse(database, "contacts", "DELETE", "old.last_name = 'LEROY'", "disk full")
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        empty_trash(database)
    assert contacts.count(ContactQuery(trash=True)) == before
    assert contacts.get(people["company"]) is not None
