"""ComplaintStore: logging, the append-only history, phases, queue, attachments, indicators."""

import datetime as dt
import sqlite3

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.settings import SettingsStore
from tests.helpers.backend import opened
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


@pytest.fixture
def store(database):
    return ComplaintStore(database)


@pytest.fixture
def client(contacts):
    return contacts.create({"last_name": "Martin", "first_name": "Anne", "postal_code": "57000", "city": "Metz"})


def _new(store, client, received=dt.datetime(2026, 11, 22, 10, 15), **values):
    return store.create({"contact_id": client, "subject": "Colis abîmé", **values}, received_at=received)


def test_create_sets_reference_due_date_event_and_audit(store, client, database):
    cid = _new(store, client, kind="delivery", perishable=True, channel="email")
    c = store.get(cid, today=TODAY)
    assert c["ref"] == "REC-2026-0001" and c["due_date"] == "2026-11-27"  # received on a Sunday
    assert c["phase"] == "reception" and c["priority"] == 2 and c["perishable"] is True
    assert c["client_name"] == "MARTIN Anne" or "Martin" in c["client_name"]
    assert c["state"] == "ok" and c["reason"].startswith("livraison de produits frais")
    [event] = store.events(cid)
    assert (event["phase"], event["action"]) == ("reception", "received")
    assert event["details"] == {"channel": "email", "due_date": "2026-11-27"}
    assert database.scalar("SELECT count(*) FROM audit_log WHERE entity = 'complaint' AND entity_id = ?", (cid,)) == 1
    assert store.get(_new(store, client))["ref"] == "REC-2026-0002"
    assert store.get(_new(store, client, received=dt.datetime(2027, 1, 4, 9)))["ref"] == "REC-2027-0001"
    assert store.get(99) is None


def test_due_date_follows_the_settings(store, client, database):
    settings = SettingsStore(database)
    settings.set("complaints.day_kind", "ouvres")
    assert store.get(_new(store, client, received=dt.datetime(2026, 12, 24, 9)))["due_date"] == "2027-01-04"
    settings.set("complaints.day_kind", "ouvrables")
    settings.set("business.subdivision", "57")
    assert store.get(_new(store, client, received=dt.datetime(2026, 12, 24, 9)))["due_date"] == "2027-01-02"
    settings.set("complaints.deadline_days", 2)
    assert store.get(_new(store, client, received=dt.datetime(2026, 11, 23, 9)))["due_date"] == "2026-11-25"


def test_create_refuses_bad_input_in_french(store, client, database):
    with pytest.raises(ValidationError) as caught:
        store.create({"subject": " ", "kind": "bogus", "channel": "pigeon"})
    assert set(caught.value.problems) >= {"client", "objet", "type", "canal"}
    with pytest.raises(ValidationError, match="introuvable"):
        store.create({"contact_id": 999, "subject": "x"})
    with pytest.raises(ValidationError, match="priorité"):
        store.create({"contact_id": client, "subject": "x", "priority": 0})
    assert database.scalar("SELECT count(*) FROM complaints") == 0


def test_history_cannot_be_altered(store, client, database):
    cid = _new(store, client)
    store.add_event(cid, "reception", "note", {"text": "rappel du client"})
    store.add_event(cid, "reception", "correction", {"field": "channel", "was": "phone", "now": "email"})
    before = store.events(cid)
    assert [e["action"] for e in before] == ["received", "note", "correction"]
    # the API has no way to change or remove an event
    public = {name for name in dir(store) if not name.startswith("_")}
    assert not {n for n in public if any(w in n for w in ("update", "delete", "remove", "edit"))}
    # and the database refuses it
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        database.conn.execute("UPDATE complaint_events SET action = 'x' WHERE complaint_id = ?", (cid,))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        database.conn.execute("DELETE FROM complaint_events WHERE complaint_id = ?", (cid,))
    assert store.events(cid) == before
    with pytest.raises(ValidationError):
        store.add_event(cid, "nowhere", "note")


def test_the_six_phases(store, client):
    cid = _new(store, client, kind="product_defect")
    received = dt.datetime(2026, 11, 22, 10, 15)
    store.advance(cid, "reception", at=received + dt.timedelta(hours=3))
    store.advance(
        cid,
        "registration",
        {"nature": "seller_fault", "justified": True, "service": "Qualité"},
        at=received + dt.timedelta(days=1),
    )
    store.advance(cid, "resolution", {"handling": "échange proposé"}, at=received + dt.timedelta(days=2))
    with pytest.raises(ValidationError) as caught:
        store.advance(cid, "closure", {"answer": ""})
    assert set(caught.value.problems) == {"réponse", "compensation", "coût", "client satisfait"}
    store.advance(
        cid,
        "closure",
        {"answer": "Produit échangé", "compensation_kind": "exchange", "cost_cents": 1250, "resatisfied": True},
        at=received + dt.timedelta(days=3),
    )
    with pytest.raises(CrmError, match="ne revient pas"):
        store.advance(cid, "resolution")
    store.advance(cid, "follow_up", at=received + dt.timedelta(days=10))
    with pytest.raises(ValidationError):
        store.advance(cid, "exploitation", {"root_cause": "emballage"})
    store.advance(
        cid,
        "exploitation",
        {"root_cause": "emballage", "preventive_action": "carton renforcé"},
        at=received + dt.timedelta(days=11),
    )
    c = store.get(cid, today=TODAY)
    assert c["phase"] == "exploitation" and c["closed_at"] == "2026-11-25T10:15:00"
    assert c["nature"] == "seller_fault" and c["justified"] is True and c["service"] == "Qualité"
    assert c["compensation_cost_cents"] == 1250 and c["resatisfied"] is True and c["state"] == "closed"
    assert c["acknowledged_at"] == "2026-11-22T13:15:00"
    assert [e["phase"] for e in store.events(cid)] == [
        "reception",
        "reception",
        "registration",
        "resolution",
        "closure",
        "follow_up",
        "exploitation",
    ]


def test_queue_and_counts(store, client):
    late = _new(store, client, kind="information", received=dt.datetime(2026, 11, 10, 9))
    soon = _new(store, client, kind="invoice", received=dt.datetime(2026, 11, 17, 9))  # due 23/11
    first = _new(store, client, kind="safety", received=dt.datetime(2026, 11, 22, 9))
    closed = _new(store, client, kind="safety", received=dt.datetime(2026, 11, 1, 9))
    store.advance(
        closed, "closure", {"answer": "ok", "compensation_kind": "none", "cost_cents": 0, "resatisfied": False}
    )
    queue = store.queue(TODAY)
    assert [c["id"] for c in queue] == [first, soon, late]
    assert [c["state"] for c in queue] == ["ok", "due_soon", "overdue"]
    assert all(c["reason"] for c in queue)
    assert [c["id"] for c in store.queue(TODAY, open_only=False)][-1] == closed
    assert store.counts_by_state(TODAY) == {"open": 3, "overdue": 1, "due_soon": 1}
    assert {c["id"] for c in store.of_contact(client)} == {late, soon, first, closed}


@pytest.mark.file_only("the attachments' folder beside the file; a server's: tests/server/test_attachments_server.py")
def test_attachments_stay_in_their_folder(store, client, tmp_path, db_path):
    cid = _new(store, client)
    source = tmp_path / "photo du pot.JPG"
    source.write_bytes(b"\xff\xd8 jpeg")
    stored = store.attach(cid, source)
    folder = db_path.parent / f"{db_path.stem}-pieces"
    assert store.attachment_path(stored).parent == folder.resolve()
    assert store.attachment_path(stored).read_bytes() == b"\xff\xd8 jpeg"
    assert stored.startswith("REC-2026-0001-") and stored.endswith(".jpg") and " " not in stored
    assert store.attachments(cid)[0]["original_name"] == "photo du pot.JPG"
    for bad in ("../clients.sqlite", "..", "/etc/passwd", "a/b.txt", "..\\x", "", ".hidden", "x/../../y", "C:\\x"):
        with pytest.raises(CrmError, match="refusé"):
            store.attachment_path(bad)
    evil = tmp_path / "a.sh;rm -rf"
    evil.write_text("x")
    assert "/" not in store.attach(cid, evil) and ";" not in store.attach(cid, evil)
    with pytest.raises(CrmError):
        store.attach(cid, tmp_path / "missing.pdf")


def test_indicators(store, client, database):
    database.conn.execute(
        "INSERT INTO orders(contact_id, date, amount_cents, created_at) "
        "VALUES (?, '2026-11-05', 20000000, '2026-11-05')",
        (client,),
    )
    received = dt.datetime(2026, 11, 2, 9)
    a = _new(store, client, kind="safety", product_id=None, lot="L1", received=received)
    b = _new(store, client, kind="invoice", received=received + dt.timedelta(days=1))
    store.acknowledge(a, at=received + dt.timedelta(hours=2))
    store.advance(
        a,
        "closure",
        {"answer": "remboursé", "compensation_kind": "refund", "cost_cents": 500_000, "resatisfied": True},
        at=received + dt.timedelta(days=3),
    )
    figures = store.indicators(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert figures["complaints"] == 2 and figures["transactions"] == 1 and figures["clients"] == 1
    assert figures["loss_rate"] == pytest.approx(2.5)
    assert figures["complaint_rate_transactions"] == pytest.approx(200.0)
    assert figures["ack_mean_hours"] == pytest.approx(2.0) and figures["close_p90_days"] == pytest.approx(3.0)
    assert figures["closed_in_time"] == 100.0 and figures["resatisfied"] == 100.0
    assert figures["by_kind"] == {"invoice": 1, "safety": 1}
    assert figures["by_region"] == {"57": 2} and figures["by_month"] == {"2026-11": 2}
    assert figures["by_product_lot"] == [{"product": "", "lot": "L1", "count": 1}]
    assert b and store.indicators(dt.date(2026, 12, 1), dt.date(2026, 12, 31))["complaints"] == 0


def test_sweetybio_queue_follows_the_worked_triage(sweetybio_db):
    with opened(sweetybio_db) as database:
        queue = ComplaintStore(database).queue(TODAY)
        assert [(c["kind"], c["product_name"]) for c in queue] == [
            ("safety", "Miel Acacia 500 g"),
            ("delivery", "Kombucha nature 33 cl"),
            ("stockout", "Huile essentielle Lavande 10 ml"),
            ("special_order", "Savon de Marseille Olive 100 g"),
            ("information", "Crème Aloe Vera 50 ml"),
        ]
        assert queue[0]["lot"] == "L240615" and "50 unités" in queue[2]["subject"]
        assert [c["priority"] for c in queue] == [1, 2, 4, 5, 9]
        assert queue[3]["state"] == "overdue"
        # the next complaint continues the year's sequence
        store = ComplaintStore(database)
        cid = store.create(
            {"contact_id": queue[0]["contact_id"], "subject": "x"}, received_at=dt.datetime(2026, 11, 23, 9)
        )
        assert store.get(cid)["ref"] == "REC-2026-0006"


def test_one_reference_format_and_older_references_still_found(store, client, database):
    """New complaints are « REC-2026-0006 » after a file's older « R-2026-0005 » (the numbering of
    the year goes on); the older reference stays as it was printed and is found, even retyped."""
    old = _new(store, client)
    database.conn.execute("UPDATE complaints SET ref = 'R-2026-0005' WHERE id = ?", (old,))
    new = _new(store, client)
    assert store.get(new)["ref"] == "REC-2026-0006"
    assert store.id_of_ref("R-2026-0005") == old
    assert store.id_of_ref("REC-2026-0005") == old and store.id_of_ref("rec-2026-5") == old
    assert store.id_of_ref("R-2026-6") == new
    assert store.id_of_ref("REC-2025-0006") is None and store.id_of_ref("nimporte") is None


def test_the_demo_numbers_its_complaints_as_new_ones_are(sweetybio_db):
    with opened(sweetybio_db) as database:
        store = ComplaintStore(database)
        refs = [r[0] for r in database.conn.execute("SELECT ref FROM complaints ORDER BY id")]
        client = database.scalar("SELECT contact_id FROM complaints LIMIT 1")
        new = _new(store, client, received=dt.datetime(2026, 11, 23, 9))
        assert refs == [f"REC-2026-{n:04d}" for n in range(1, 6)]
        assert store.get(new)["ref"] == "REC-2026-0006"
