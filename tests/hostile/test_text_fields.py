"""NUL bytes, right-to-left marks, markup, SQL… typed into every kind of
record: stored and read back as typed (up to the documented white-space
clean-up), or refused with a French message — never a traceback, never
something else stored in silence."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.clients.client_dialog import ClientDialog
from crmdesk.gui.session import Session
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.parties import PartyStore
from crmdesk.store.tasks import TaskStore
from tests.hostile.values import HOSTILE_TEXT, MAY_BE_REFUSED, TEXT, assert_french, multi_line, one_line

NOW = dt.datetime(2026, 11, 23, 15, 0)


def stored_or_refused(value: str, write, read, expected: str) -> None:
    """write() stores `value`; read() gives back what was stored. Either it
    comes back as `expected`, or write() refused it in French (only the
    values of MAY_BE_REFUSED may be refused) and nothing was written."""
    try:
        written = write()
    except CrmError as exc:
        assert value in MAY_BE_REFUSED, f"an ordinary value was refused: {exc}"
        message = "; ".join(exc.problems.values()) if isinstance(exc, ValidationError) else str(exc)
        assert_french(message)
        return
    assert read(written) == expected


@pytest.fixture
def client(contacts):
    return contacts.create({"code": "C1", "last_name": "Durand", "first_name": "Zoé"})


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_contact_fields(contacts, value):
    fields = {
        "first_name": one_line(value),
        "company": one_line(value),
        "address": one_line(value),
        "city": one_line(value),
        "notes": multi_line(value),
        "job_title": one_line(value),
        "consent_email_source": one_line(value),
    }

    def write():
        return contacts.create({"last_name": "Durand", **{name: value for name in fields}})

    def read(contact_id):
        contact = contacts.get(contact_id)
        return {name: contact[name] for name in fields}

    stored_or_refused(value, write, read, fields)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_contact_edit_keeps_the_first_value_when_refused(contacts, client, value):
    before = contacts.get(client)
    try:
        contacts.update(client, {"first_name": value, "notes": value})
    except CrmError:
        assert value in MAY_BE_REFUSED
        assert contacts.get(client) == before
        return
    after = contacts.get(client)
    assert (after["first_name"], after["notes"]) == (one_line(value), multi_line(value))


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_tag(contacts, client, value):
    try:
        contacts.update(client, {"tags": [value]})
    except CrmError:
        assert value in MAY_BE_REFUSED
        assert contacts.tags_of(client) == []
        return
    assert contacts.tags_of(client) == [one_line(value)]


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_interaction(database, client, value):
    store = InteractionStore(database)
    stored_or_refused(
        value,
        lambda: store.add(
            {"contact_id": client, "at": "2026-11-20 10:00", "channel": "phone", "subject": value, "notes": value},
            now=NOW,
        ),
        lambda i: (store.get(i)["subject"], store.get(i)["notes"]),
        (multi_line(value), multi_line(value)),
    )


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_task(database, client, value):
    store = TaskStore(database)
    stored_or_refused(
        value,
        lambda: store.create({"contact_id": client, "title": value, "notes": value, "due_at": "2026-12-01"}),
        lambda i: (store.get(i)["title"], store.get(i)["notes"]),
        (multi_line(value), multi_line(value)),
    )


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_complaint(database, client, value):
    store = ComplaintStore(database)
    fields = ("subject", "description", "lot", "owner")
    stored_or_refused(
        value,
        lambda: store.create(
            {"contact_id": client, **dict.fromkeys(fields, value)}, received_at=dt.datetime(2026, 11, 20, 10, 0)
        ),
        lambda i: tuple(store.get(i)[f] for f in fields),
        tuple(multi_line(value) for _ in fields),
    )


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_complaint_event_details(database, client, value):
    store = ComplaintStore(database)
    complaint = store.create(
        {"contact_id": client, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 20, 10, 0)
    )
    stored_or_refused(
        value,
        lambda: store.add_event(complaint, "reception", "note", {"text": value}),
        lambda _i: store.events(complaint)[-1]["details"],
        {"text": value},
    )


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_party_notes_and_new_guest(database, client, value):
    store = PartyStore(database)
    guest = {"last_name": "Invitée", "first_name": value}

    def write():
        return store.save({"host_id": client, "date": "2026-11-14", "notes": value, "new_guests": [guest]})

    def read(party_id):
        party = store.get(party_id)
        (guest_id,) = store.guest_ids(party_id)
        return party["notes"], ContactStore(database).get(guest_id)["first_name"]

    stored_or_refused(value, write, read, (value, one_line(value)))


def test_a_refused_party_writes_nothing(database, client):
    store = PartyStore(database)
    with pytest.raises(CrmError):
        store.save(
            {
                "host_id": client,
                "date": "2026-11-14",
                "notes": "ok",
                "new_guests": [{"last_name": "Invitée", "first_name": TEXT["nul-byte"]}],
            }
        )
    assert store.list() == []
    assert database.scalar("SELECT count(*) FROM contacts") == 1


def test_a_nul_byte_in_a_contact_is_refused_with_its_field(contacts):
    """Stored, it would make the CSV export a file no reader (crmdesk's
    import included) opens, and the Excel export would drop it."""
    with pytest.raises(ValidationError) as refused:
        contacts.create({"last_name": "Durand", "first_name": TEXT["nul-byte"], "notes": "a\x07b"})
    assert set(refused.value.problems) == {"first_name", "notes"}
    assert refused.value.problems["first_name"] == "caractère invisible interdit (U+0000) : retirez-le du texte"
    assert_french(refused.value.problems["notes"])
    assert contacts.count(ContactQuery()) == 0


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_dialog(qtbot, contacts, value):
    """Typed in the client sheet: saved as typed, or the field says why in French."""
    dialog = ClientDialog(Session(contacts.database))
    qtbot.addWidget(dialog)
    dialog.editors["last_name"].setText("Durand")
    for field in ("first_name", "company", "city"):
        dialog.editors[field].setText(value)
    dialog.editors["notes"].setPlainText(value)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    if dialog.contact_id is None:
        assert value in MAY_BE_REFUSED
        reasons = [dialog.errors[f].text() for f in ("first_name", "company", "city", "notes")]
        assert all(reasons), reasons
        for reason in reasons:
            assert_french(reason)
        assert contacts.count(ContactQuery()) == 0
        return
    contact = contacts.get(dialog.contact_id)
    # a line edit holds one line: Qt itself turns a typed line break into a space
    assert {f: contact[f] for f in ("first_name", "company", "city")} == dict.fromkeys(
        ("first_name", "company", "city"), one_line(value)
    )
    assert contact["notes"] == multi_line(value.replace("\r\n", "\n").replace("\r", "\n"))
