"""InteractionStore: add/edit/delete with audit, and the client's timeline."""

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.indicators import IndicatorStore
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.orders import NewOrder, OrderStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

NOW = dt.datetime(2026, 11, 23, 18, 0)


@pytest.fixture
def store(database):
    return InteractionStore(database)


@pytest.fixture
def anne(contacts):
    return contacts.create({"last_name": "Martin", "first_name": "Anne"})


def test_add_edit_delete_are_audited_and_set_the_last_contact(store, anne, database, contacts):
    database.conn.execute("INSERT INTO reps(code, name) VALUES ('MB', 'Maryse Brun')")
    call = store.add(
        {
            "contact_id": anne,
            "at": "20/11/2026 10:15",
            "channel": "phone",
            "direction": "in",
            "subject": "Question livraison",
            "rep_id": 1,
        },
        now=NOW,
    )
    row = store.get(call)
    assert (row["at"], row["rep_name"], row["kind"]) == ("2026-11-20T10:15", "Maryse Brun", "contact")
    assert contacts.get(anne)["last_contact"] == "2026-11-20"
    store.update(call, {"notes": "Contact :\nAnne\n", "at": "2026-11-21 09:00"}, now=NOW)
    assert store.get(call)["notes"] == "Contact :\nAnne"
    assert contacts.get(anne)["last_contact"] == "2026-11-21"
    assert store.delete(call)["subject"] == "Question livraison"
    actions = [r[0] for r in database.query("SELECT action FROM audit_log WHERE entity = 'interaction' ORDER BY id")]
    assert actions == ["create", "update", "delete"]
    with pytest.raises(CrmError, match="n'existe plus"):
        store.update(call, {"subject": "x"}, now=NOW)
    with pytest.raises(ValidationError) as error:
        store.add({"contact_id": anne, "at": "2026-11-24 09:00", "channel": "email", "subject": "x"}, now=NOW)
    assert "futur" in error.value.problems["date"]
    assert database.scalar("SELECT count(*) FROM interactions") == 0


def test_timeline_merges_interactions_orders_complaints_and_answers_newest_first(store, anne, database, contacts):
    other = contacts.create({"last_name": "Autre"})
    OrderStore(database).create(NewOrder(anne, "2026-11-02", 125_400, channel="shop", ref="CMD-1"), today=NOW.date())
    OrderStore(database).create(NewOrder(other, "2026-11-03", 100), today=NOW.date())
    ComplaintStore(database).create(
        {"contact_id": anne, "subject": "Colis abîmé", "kind": "delivery"}, received_at=dt.datetime(2026, 11, 10, 9, 30)
    )
    IndicatorStore(database).add_answer(anne, "2026-11-15", "csat", 4, "Très bien")
    store.add(
        {
            "contact_id": anne,
            "at": "2026-11-20 14:00",
            "channel": "visit",
            "kind": "meeting",
            "subject": "Présentation de la gamme",
        },
        now=NOW,
    )
    store.add({"contact_id": other, "at": "2026-11-21 14:00", "channel": "email", "subject": "Pas elle"}, now=NOW)
    timeline = store.timeline(anne)
    assert [(e["source"], e["at"][:10]) for e in timeline] == [
        ("interaction", "2026-11-20"),
        ("survey", "2026-11-15"),
        ("complaint", "2026-11-10"),
        ("order", "2026-11-02"),
    ]
    order = timeline[-1]
    assert (order["amount_cents"], order["ref"], order["channel"]) == (125_400, "CMD-1", "shop")
    assert timeline[1]["score"] == 4 and timeline[1]["kind"] == "csat" and timeline[1]["notes"] == "Très bien"
    assert timeline[2]["subject"] == "Colis abîmé" and timeline[2]["ref"].startswith("REC-2026-")
    assert len(store.timeline(anne, limit=2)) == 2
