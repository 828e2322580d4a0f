"""The register of rights requests."""

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store.rights import RightsStore
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


@pytest.fixture
def register(database, contacts):
    store = RightsStore(database)
    revel = contacts.create({"code": "BA0042", "last_name": "REVEL", "first_name": "Marie-Paule"})
    store.add({"kind": "access", "contact_id": revel, "received_on": "2026-10-20"})  # due 20/11: overdue
    store.add({"kind": "opposition", "requester": "M. Inconnu", "received_on": "2026-10-30"})  # due 30/11: soon
    store.add({"kind": "erasure", "contact_id": revel, "received_on": "2026-11-20"})  # due 20/12
    answered = store.add({"kind": "rectification", "contact_id": revel, "received_on": "2026-09-01"})
    store.answer(answered, dt.date(2026, 9, 15))
    return store


def test_listing_open_first_by_due_date(register):
    rows = register.listing(TODAY)
    assert [(r["kind"], r["due_on"], r["state"]) for r in rows] == [
        ("access", "2026-11-20", "overdue"),
        ("opposition", "2026-11-30", "due_soon"),
        ("erasure", "2026-12-20", "open"),
        ("rectification", "2026-10-01", "answered"),
    ]
    assert rows[0]["client_code"] == "BA0042" and rows[0]["client_name"] == "REVEL Marie-Paule"
    assert rows[1]["client_name"] == "" and rows[1]["requester"] == "M. Inconnu"
    assert rows[0]["days_left"] == -3
    assert len(register.listing(TODAY, open_only=True)) == 3


def test_alerts(register):
    assert register.alerts(TODAY) == {"overdue": 1, "due_soon": 1}
    register.answer(register.listing(TODAY)[0]["id"], TODAY)
    assert register.alerts(TODAY) == {"overdue": 0, "due_soon": 1}


def test_update_recomputes_the_due_date_and_is_audited(register, database):
    request_id = register.listing(TODAY)[2]["id"]
    register.update(request_id, {"received_on": "2026-01-31"})
    assert register.get(request_id, TODAY)["due_on"] == "2026-02-28"
    changes = database.scalar(
        "SELECT changes FROM audit_log WHERE entity = 'rights_request' AND action = 'update' ORDER BY id DESC LIMIT 1"
    )
    assert '"due_on": ["2026-12-20", "2026-02-28"]' in changes


def test_refusals(register):
    with pytest.raises(ValidationError):
        register.add({"kind": "access", "received_on": "2026-11-01"})  # nobody
    with pytest.raises(CrmError, match="n'existe plus"):
        register.add({"kind": "access", "contact_id": 999, "received_on": "2026-11-01"})
    with pytest.raises(CrmError, match="n'existe plus"):
        register.update(999, {"notes": "x"})
