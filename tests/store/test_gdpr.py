"""Personal data (docs/domain/08-personal-data.md): access, erasure down to the file's bytes, retention, purge."""

import sqlite3

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.store import gdpr, mailing
from crmdesk.store.audit import AuditLog, AuditQuery
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.server import on_server
from crmdesk.store.settings import SettingsStore
from tests.helpers.gdpr_person import CODE, EMAIL, OLD_EMAIL, PHONE, SECRETS, dumps, leaked, make_person
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)
PERSON_ON_A_FILE = (
    "the person (tests/helpers/gdpr_person.py) is written by raw SQL a server's JSON columns refuse, with an "
    "attachment in the file's folder; a server's erasure of attachments: tests/server/test_attachments_server.py"
)


@pytest.fixture
def person(database, tmp_path):
    return make_person(database, tmp_path)


# -- access ----------------------------------------------------------------------------------
@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_access_data_holds_everything_about_the_person(database, person):
    data = gdpr.access_data(database, person.contact_id)
    assert data["contact"]["code"] == CODE and data["contact"]["email"] == EMAIL
    assert "search_text" not in data["contact"]
    assert [(o["date"], o["amount_cents"]) for o in data["orders"]] == [("2023-01-10", 12_540), ("2023-06-02", 8_900)]
    assert data["orders"][0]["notes"].startswith("Livrer chez Mme REVEL")
    assert data["tags"] == ["Amie de Mme Revel"]
    (complaint,) = data["complaints"]
    assert complaint["description"] == "Marie-Paule Revel a reçu un plat fêlé"
    assert [e["action"] for e in complaint["events"]] == ["received", "closed", "attachment"]
    assert complaint["events"][1]["details"]["answer"] == "Plat remplacé, excuses à Mme REVEL"
    assert data["attachments"][0]["original_name"] == "lettre-revel.txt"
    assert data["interactions"][0]["subject"] == "Appel de Mme Revel"
    assert data["tasks"][0]["title"] == "Rappeler Marie-Paule REVEL"
    assert data["survey_answers"] == [
        {"date": "2023-06-10", "indicator": "csat", "score": 4, "comment": "Merci ! M.-P. Revel"}
    ]
    assert data["loyalty"]["card"]["number"] == "CARTE-7788" and data["loyalty"]["ledger"][0]["points"] == 125
    assert data["parties_hosted"][0]["notes"].startswith("Chez REVEL")
    assert data["rights_requests"][0]["due_on"] == "2026-12-02"
    # the history shows the old e-mail, and what the import replaced
    assert ["email", OLD_EMAIL, EMAIL] in [
        [k, *v] for e in data["history"] if e["action"] == "update" for k, v in e["changes"].items()
    ]
    assert data["import_old_values"] == [
        {"batch_id": 1, "field": "last_name", "old_value": "REVELL", "new_value": "REVEL"}
    ]
    assert data["on_suppression_list"] is False


# -- erasure ---------------------------------------------------------------------------------
@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_erasure_leaves_no_identifying_byte_in_the_file(database, db_path, person):
    assert leaked(db_path) == list(SECRETS)  # everything is there before
    result = gdpr.erase(database, person.contact_id)
    assert result.erased == [person.contact_id, person.duplicate_id]  # the merged duplicate is her too
    assert result.cleaned and result.orders_kept == 2 and result.files_removed == 1
    assert leaked(db_path) == []
    assert db_path.with_name(db_path.name + "-wal").stat().st_size == 0
    database.close()
    assert leaked(db_path) == []


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_without_the_cleaning_the_bytes_stay(database, db_path, person):
    """Why clean_file exists: the anonymised rows alone leave the old pages in the WAL."""
    gdpr.erase(database, person.contact_id, clean=False)
    assert "revel" in leaked(db_path)
    assert gdpr.clean_file(database) is True
    assert leaked(db_path) == []


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_erasure_keeps_the_statistics(database, person):
    before = database.query("SELECT id, date, amount_cents, channel FROM orders ORDER BY id")
    revenue = database.scalar("SELECT sum(revenue_cents) FROM dash_facts WHERE dimension = 'all'")
    events = database.scalar("SELECT count(*) FROM complaint_events")
    gdpr.erase(database, person.contact_id)
    assert [tuple(r) for r in database.query("SELECT id, date, amount_cents, channel FROM orders ORDER BY id")] == [
        tuple(r) for r in before
    ]
    assert database.scalar("SELECT sum(revenue_cents) FROM dash_facts WHERE dimension = 'all'") == revenue == 21_440
    assert database.scalar("SELECT count(*) FROM complaint_events") == events == 3
    assert database.scalar("SELECT score FROM survey_answers") == 4
    row = ContactStore(database).get(person.contact_id)
    assert (row["code"], row["last_name"], row["first_name"], row["email"], row["stage"]) == (
        "ANON-000001",
        "Anonyme",
        None,
        "",
        "client",
    )
    assert row["erased_at"] and row["tags"] == [] and not row["consent_email"]
    assert database.scalar("SELECT compensation_cost_cents FROM complaints") == 1500
    assert ContactStore(database).count(ContactQuery(search="revel")) == 0
    assert ContactStore(database).count(ContactQuery(search="anonyme")) == 1
    assert not person.attachment.exists()


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_the_opposition_outlives_the_erasure(database, person):
    gdpr.erase(database, person.contact_id)
    assert mailing.is_suppressed(database, "email", EMAIL)
    assert mailing.is_suppressed(database, "phone", PHONE)
    assert not mailing.is_suppressed(database, "email", OLD_EMAIL)  # her address at the time only


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_no_opposition_no_suppression(database, tmp_path):
    person = make_person(database, tmp_path, opposition=False)
    result = gdpr.erase(database, person.contact_id)
    assert result.suppressed == 0 and not mailing.is_suppressed(database, "email", EMAIL)


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_the_history_of_an_erased_person_keeps_its_shape_only(database, person):
    gdpr.erase(database, person.contact_id)
    entries = AuditLog(database).entries(AuditQuery(code="ANON-000001"))
    text = dumps(entries).lower()
    assert "revel" not in text and "marie" not in text and "merlan" not in text
    fields = {c[0] for e in entries for c in e["changes"]}
    assert {"email", "last_name", "amount_cents", "erased_at"} <= fields
    assert next(e["origin"] for e in entries) == "erasure"
    # amounts and dates of the order history survive
    created = [e for e in entries if e["entity"] == "order" and e["action"] == "create"]
    assert {c[2] for e in created for c in e["changes"] if c[0] == "amount_cents"} == {12_540, 8_900}
    assert database.scalar("SELECT count(*) FROM import_changes") == 0


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_complaint_history_stays_append_only(database, person):
    conn = database.conn
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE complaint_events SET details = NULL")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM complaint_events")
    with database.atomic():  # even while erasing, only `details` may change
        conn.execute("INSERT INTO gdpr_erasing(contact_id) VALUES (?)", (person.contact_id,))
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE complaint_events SET phase = 'closure'")
        conn.execute("UPDATE complaint_events SET details = NULL")
        conn.execute("DELETE FROM gdpr_erasing")
    assert database.scalar("SELECT count(*) FROM gdpr_erasing") == 0


@pytest.mark.file_only(PERSON_ON_A_FILE)
def test_erasure_refusals(database, person):
    gdpr.erase(database, person.contact_id)
    with pytest.raises(CrmError, match="déjà anonymisé"):
        gdpr.erase(database, person.contact_id)
    with pytest.raises(CrmError, match="anonymisé le"):
        gdpr.access_data(database, person.contact_id)
    with pytest.raises(CrmError, match="introuvable"):
        gdpr.contact_id_of_code(database, "NOPE")


# -- retention -------------------------------------------------------------------------------
def _contact(contacts, code, **values):
    return contacts.create({"code": code, "last_name": f"Nom {code}", **values})


@pytest.fixture
def file_of_2026(database):
    contacts = ContactStore(database)
    orders = OrderStore(database)
    ids = {
        "P-OLD": _contact(contacts, "P-OLD", last_contact="2023-11-22"),  # 3 years + 1 day: out
        "P-EDGE": _contact(contacts, "P-EDGE", last_contact="2023-11-23"),  # exactly 3 years: kept
        "P-NEW": _contact(contacts, "P-NEW", last_contact="2026-01-05"),
        "C-OLD": _contact(contacts, "C-OLD", last_contact="2026-10-01"),  # recent call, old purchase
        "C-NEW": _contact(contacts, "C-NEW"),
        "KEEP": _contact(contacts, "KEEP", last_contact="2020-01-01", retention_end="2027-01-01"),
        "UNTIL": _contact(contacts, "UNTIL", last_contact="2026-11-01", retention_end="2026-11-22"),
        "TRASH": _contact(contacts, "TRASH", last_contact="2021-03-03"),
    }
    orders.create(NewOrder(ids["C-OLD"], "2023-06-02", 5_000))
    orders.create(NewOrder(ids["C-NEW"], "2024-01-15", 5_000))
    orders.create(NewOrder(ids["C-NEW"], "2025-12-01", 5_000))
    contacts.trash(ids["TRASH"])
    # created long ago (an import of old records): creation counts as activity only as a last resort
    database.conn.execute("UPDATE contacts SET created_at = '2020-01-01T00:00:00'")
    return ids


def test_retention_candidates(database, file_of_2026):
    found = gdpr.retention_candidates(database, TODAY)
    assert [(c.code, c.reason) for c in found] == [
        ("C-OLD", "no_purchase"),
        ("P-OLD", "no_contact"),
        ("TRASH", "no_contact"),
        ("UNTIL", "keep_until"),
    ]
    by_code = {c.code: c for c in found}
    assert by_code["C-OLD"].reason_text() == "Client sans achat depuis le 02/06/2023"
    assert by_code["P-OLD"].reason_text() == "Prospect sans contact depuis le 22/11/2023"
    assert by_code["UNTIL"].reason_text() == "Conservation prévue jusqu'au 22/11/2026"
    assert by_code["TRASH"].in_trash


def test_retention_durations_are_settings(database, file_of_2026):
    SettingsStore(database).set("gdpr.prospect_years", 5)
    SettingsStore(database).set("gdpr.client_years", 2)
    assert [c.code for c in gdpr.retention_candidates(database, TODAY)] == ["C-OLD", "TRASH", "UNTIL"]
    SettingsStore(database).set("gdpr.client_years", 0)
    with pytest.raises(CrmError, match="gdpr.client_years"):
        gdpr.retention_candidates(database, TODAY)


def test_purge_is_one_transaction_then_one_cleaning(database, db_path, file_of_2026):
    ids = [c.contact_id for c in gdpr.retention_candidates(database, TODAY)]
    seen = []

    def stop_at_third(done, total):
        seen.append((done, total))
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        gdpr.purge(database, ids, progress=stop_at_third)
    assert seen == [(1, 4), (2, 4), (3, 4)]
    assert database.scalar("SELECT count(*) FROM contacts WHERE erased_at IS NOT NULL") == 0  # all or nothing
    result = gdpr.purge(database, ids)
    assert sorted(result.erased) == sorted(ids) and result.cleaned
    assert gdpr.retention_candidates(database, TODAY) == []
    if not on_server(database):  # a server's pages are its own (VACUUM FULL there)
        assert b"nom p-old" not in db_path.read_bytes().lower()
    # the paying client is anonymised, her order kept
    assert database.scalar("SELECT amount_cents FROM orders WHERE contact_id = ?", (file_of_2026["C-OLD"],)) == 5_000
