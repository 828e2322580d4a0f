"""A client file holding every hostile value, shared read-only by the
package's tests, and the GUI fixtures (message boxes never block)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.settings import SettingsStore
from crmdesk.store.tasks import TaskStore
from tests.helpers.gui import OFFSCREEN_LIMITS, boxes  # noqa: F401  (a fixture: message boxes never block)
from tests.helpers.today import TODAY
from tests.hostile.values import MAY_BE_REFUSED, TEXT, code_of

BUSINESS = {"name": "Sweety Bio", "address": "18 rue de la Charité", "postal_code": "69002", "city": "Lyon"}


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


def hostile_fields(value: str) -> dict:
    """A person with `value` in every free-text field a user types."""
    code = code_of(value)
    return {
        "code": code,
        "last_name": "Hostile",
        "first_name": value,
        "company": value,
        "address": value,
        "postal_code": "69002",
        "city": value,
        "notes": value,
        "email": f"{code.lower()}@exemple.fr",
        "stage": "client",
        "consent_email": True,
        "consent_email_date": "2026-01-05",
        "consent_email_source": value,
    }


def typed_tags(value: str) -> list[str]:
    """The tags of `value` typed in the client dialog or an import: separated by commas."""
    return [t.strip() for t in value.split(",") if t.strip()]


@pytest.fixture(scope="session")
def hostile_path(tmp_path_factory) -> Path:
    """One client per hostile value (the values refused at entry are left
    out), each with a 20 000 € order of 2026 whose reference is the value, a
    task titled with it, a complaint about it and the value as its tags."""
    path = tmp_path_factory.mktemp("hostile") / "clients.sqlite"
    with Database(path, create=True) as database:
        SettingsStore(database).set("business", BUSINESS)
        contacts, orders = ContactStore(database), OrderStore(database)
        tasks, complaints = TaskStore(database), ComplaintStore(database)
        contacts.create(
            {"code": "P01", "last_name": "Paisible", "first_name": "Paul", "city": "Lyon", "stage": "client"}
        )
        for value in TEXT.values():
            try:
                contact_id = contacts.create(hostile_fields(value), tags=typed_tags(value))
            except CrmError:
                assert value in MAY_BE_REFUSED
                continue
            orders.create(NewOrder(contact_id, "2026-03-02", 2_000_000, "shop", ref=value), today=TODAY)
            try:
                tasks.create({"contact_id": contact_id, "title": value, "due_at": "2026-12-01"})
            except CrmError:
                assert value in MAY_BE_REFUSED
            complaints.create(
                {"contact_id": contact_id, "subject": value, "description": value},
                received_at=dt.datetime(2026, 11, 20, 10, 0),
            )
    return path


@pytest.fixture(scope="module")
def hostile_db(hostile_path):
    """The hostile file opened read-only (nothing a test does may change it)."""
    database = Database(hostile_path, writer=False)
    yield database
    database.close()


@pytest.fixture(scope="session")
def stored(hostile_path) -> dict[str, dict]:
    """The hostile contacts as stored, by the value they were made with."""
    with Database(hostile_path, writer=False) as database:
        store = ContactStore(database)
        found = {}
        for value in TEXT.values():
            contact_id = store.id_of_code(code_of(value))
            if contact_id is not None:
                found[value] = store.get(contact_id)
        return found
