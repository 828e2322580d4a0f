"""Duplicates in the file: candidates, « not duplicates », merge with the whole history, undo."""

import datetime as dt
import json

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.database import references
from crmdesk.store.duplicates import HANDLED_REFERENCES, DuplicateStore
from crmdesk.store.orders import NewOrder, OrderStore
from tests.helpers.backend import table_names
from tests.store.test_dashboard import assert_consistent

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

TODAY = dt.date.today()


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def dups(database):
    return DuplicateStore(database)


@pytest.fixture
def file(contacts):
    """Hand-built contacts: who is who by code."""
    people = {
        "EMAIL1": {
            "last_name": "Dupont",
            "first_name": "Hélène",
            "email": "Helene.Dupont@Example.fr",
            "postal_code": "27000",
        },
        "EMAIL2": {
            "last_name": "Lemoine",
            "first_name": "Hélène",
            "email": "helene.dupont@example.fr",
            "postal_code": "69003",
        },
        "TEL1": {"last_name": "Durand", "first_name": "Paul", "phone": "06 12 34 56 78"},
        "TEL2": {"last_name": "DURAND", "first_name": "Paul", "phone2": "+33 6 12 34 56 78", "postal_code": "21000"},
        "MP1": {"last_name": "REVEL", "first_name": "Marie-Paule", "postal_code": "87000"},
        "MP2": {"last_name": "Revel Marie Paule", "postal_code": "87000"},
        "MP3": {"last_name": "Revel", "first_name": "Marie-Paule", "postal_code": "75011"},
        "ALONE": {"last_name": "Martin", "first_name": "Léa", "postal_code": "87000", "email": "lea@exemple.fr"},
    }
    return {code: contacts.create({"code": code, **values}) for code, values in people.items()}


def codes(pairs):
    return [(p.code_a, p.code_b) for p in pairs]


def test_candidates_by_email_case_phone_format_and_close_names_at_the_same_postal_code(dups, file):
    pairs = dups.candidates()
    assert codes(pairs) == [("MP1", "MP2"), ("TEL1", "TEL2"), ("EMAIL1", "EMAIL2")]
    reasons = {(p.code_a, p.code_b): (p.score, p.reason) for p in pairs}
    assert reasons[("MP1", "MP2")] == (100, "noms proches (100) et même code postal")
    assert reasons[("EMAIL1", "EMAIL2")][1] == "même e-mail"
    assert reasons[("TEL1", "TEL2")] == (95, "même téléphone")
    assert pairs[0].name_a == "REVEL Marie-Paule" and pairs[0].name_b == "REVEL MARIE PAULE"
    assert ("MP1", "MP3") not in reasons and ("MP2", "MP3") not in reasons  # another postal code


def test_trashed_contacts_are_ignored(dups, contacts, file):
    contacts.trash(file["TEL2"])
    assert ("TEL1", "TEL2") not in codes(dups.candidates())


def test_keep_both_is_remembered(dups, database, file):
    dups.dismiss(file["MP2"], file["MP1"])
    assert ("MP1", "MP2") not in codes(dups.candidates())
    assert ("MP1", "MP2") not in codes(DuplicateStore(database).candidates())
    entry = database.query("SELECT entity_id, changes FROM audit_log WHERE action = 'not_duplicate'")[0]
    assert entry["entity_id"] == file["MP1"] and json.loads(entry["changes"]) == {"other_id": file["MP2"]}


def test_suspects_of_typed_values(dups, file):
    typed = {"last_name": "revel", "first_name": "Marie Paule", "postal_code": "87000", "phone": "0612345678"}
    found = [(s.code, s.reason) for s in dups.suspects(typed)]
    assert found == [
        ("MP1", "noms proches (100) et même code postal"),
        ("MP2", "noms proches (100) et même code postal"),
        ("TEL1", "même téléphone"),
        ("TEL2", "même téléphone"),
    ]
    assert [s.code for s in dups.suspects({"last_name": "X", "email": "LEA@EXEMPLE.FR"})] == ["ALONE"]
    assert dups.suspects({"last_name": "Personne", "postal_code": "87000"}) == []
    assert [s.code for s in dups.suspects(typed, exclude_id=file["MP1"])][:1] == ["MP2"]


# -- merge --------------------------------------------------------------------------------------
def test_every_foreign_key_to_contacts_is_handled_by_merge(database):
    assert set(references(database.conn, "contacts")) == HANDLED_REFERENCES  # read from the schema, either kind


def dump(database) -> dict:
    """Every row of every table a merge may touch (the audit log, the log of
    changed contacts, the figures' bookkeeping of db/013 and the FTS internals aside; dashboard rows
    left at zero are nothing)."""
    out = {}
    for table in table_names(database):
        if table in ("audit_log", "contact_changes", "figures_touched"):
            continue
        rows = [tuple(r) for r in database.query(f"SELECT * FROM {table}")]
        if table == "dash_facts":
            rows = [r for r in rows if r[3] or r[4]]
        if table == "dash_retention":
            rows = [r for r in rows if r[2] or r[3]]
        out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture
def history(database, contacts):
    """Two records of one client, each with a history, and a third contact
    that refers to the other one."""
    keep = contacts.create(
        {
            "code": "K",
            "last_name": "Revel",
            "first_name": "Marie-Paule",
            "postal_code": "87000",
            "email": "",
            "phone": "05 55 00 00 01",
            "region": "Nouvelle-Aquitaine",
            "stage": "prospect",
            "first_contact": "2019-03-01",
        },
        ["vip"],
    )
    other = contacts.create(
        {
            "code": "O",
            "last_name": "REVEL MARIE PAULE",
            "postal_code": "87000",
            "email": "mp.revel@exemple.fr",
            "phone": "06 12 34 56 78",
            "region": "Limousin",
            "stage": "client",
            "consent_email": True,
            "consent_email_date": "2024-05-02",
            "consent_email_source": "salon",
        },
        ["bio", "VIP"],
    )
    firm = contacts.create({"code": "F", "kind": "company", "company": "Revel SARL"})
    godchild = contacts.create({"code": "G", "last_name": "Filleule", "referred_by": other, "company_id": other})
    orders = OrderStore(database)
    for n, (ago, cents) in enumerate(((10, 150_000), (40, 250_000), (400, 90_000))):
        orders.create(NewOrder(other, day(ago), cents, ref=f"O-{n}"))
    orders.create(NewOrder(keep, day(5), 10_000, ref="K-0"))
    conn = database.conn
    with database.atomic():
        conn.execute(
            "INSERT INTO complaints(ref, contact_id, received_at, channel, kind) "
            "VALUES ('R-1', ?, ?, 'phone', 'delivery')",
            (other, day(3)),
        )
        conn.execute(
            "INSERT INTO survey_answers(contact_id, date, indicator, score) VALUES (?, ?, 'nps', 9)", (other, day(2))
        )
        conn.executemany(
            "INSERT INTO loyalty_ledger(contact_id, at, points, reason) VALUES (?, ?, ?, 'achat')",
            [(other, day(10), 150), (other, day(40), 250), (keep, day(5), 10)],
        )
        conn.execute(
            "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) "
            "VALUES (?, 'CARTE-1', '2025-01-01', '2027-01-01')",
            (other,),
        )
        conn.execute("INSERT INTO interactions(contact_id, at, channel) VALUES (?, ?, 'phone')", (other, day(1)))
        conn.execute("INSERT INTO tasks(contact_id, title) VALUES (?, 'Rappeler')", (other,))
        conn.execute(
            "INSERT INTO attachments(contact_id, stored_name, added_at) VALUES (?, 'a.pdf', ?)", (other, day(1))
        )
        hosted = conn.execute("INSERT INTO parties(host_id, date) VALUES (?, ?)", (other, day(20))).lastrowid
        both = conn.execute("INSERT INTO parties(host_id, date) VALUES (?, ?)", (firm, day(30))).lastrowid
        conn.executemany(
            "INSERT INTO party_guests(party_id, contact_id) VALUES (?, ?)",
            [(hosted, godchild), (both, other), (both, keep)],
        )
        other_party = conn.execute("INSERT INTO parties(host_id, date) VALUES (?, ?)", (firm, day(60))).lastrowid
        conn.execute("INSERT INTO party_guests(party_id, contact_id) VALUES (?, ?)", (other_party, other))
    return {"keep": keep, "other": other, "godchild": godchild, "firm": firm}


def counts(database, contact_id):
    return {
        table: database.scalar(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (contact_id,))
        for table in (
            "orders",
            "complaints",
            "survey_answers",
            "loyalty_ledger",
            "loyalty_cards",
            "interactions",
            "tasks",
            "attachments",
            "party_guests",
        )
    }


def test_merge_moves_the_whole_history_then_undo_restores_exactly(database, contacts, dups, history):
    keep, other = history["keep"], history["other"]
    assert dups.history(other, into=keep) == {
        "orders": 3,
        "complaints": 1,
        "interactions": 1,
        "tasks": 1,
        "survey_answers": 1,
        "loyalty_ledger": 2,
        "attachments": 1,
        "parties_hosted": 1,
        "parties_attended": 2,
        "members": 1,
        "referrals": 1,
        "loyalty_card": 1,
        "tags": 1,
    }
    before = dump(database)

    record = dups.merge(keep, other, {"phone": "other"})

    assert counts(database, other) == dict.fromkeys(counts(database, other), 0)
    assert counts(database, keep) == {
        "orders": 4,
        "complaints": 1,
        "survey_answers": 1,
        "loyalty_ledger": 3,
        "loyalty_cards": 1,
        "interactions": 1,
        "tasks": 1,
        "attachments": 1,
        "party_guests": 2,
    }
    assert database.scalar("SELECT host_id FROM parties WHERE id = ?", (record.hosted[0],)) == keep
    assert contacts.get(history["godchild"])["referred_by"] == keep
    assert contacts.get(history["godchild"])["company_id"] == keep
    kept = contacts.get(keep)
    assert kept["tags"] == ["bio", "vip"]  # union, case-blind
    assert (kept["email"], kept["phone"], kept["stage"]) == ("mp.revel@exemple.fr", "+33612345678", "client")
    assert (kept["consent_email"], kept["consent_email_date"]) == (1, "2024-05-02")
    assert kept["code"] == "K" and kept["last_name"] == "REVEL" and kept["region"] == "Nouvelle-Aquitaine"
    # figures follow the orders now on the kept client: 3 orders in the last 365 days
    assert (kept["revenue_year_cents"], kept["orders_year"], kept["last_order"]) == (410_000, 3, day(5))
    assert kept["status"] is not None
    assert contacts.get(other)["deleted_at"] is not None
    assert contacts.count(ContactQuery(search="mp.revel")) == 1
    assert_consistent(database)  # the dashboard's region of the moved orders is the kept client's
    entry = database.query("SELECT entity_id, changes FROM audit_log WHERE action = 'merge'")[0]
    audit = json.loads(entry["changes"])
    assert entry["entity_id"] == keep and (audit["kept_id"], audit["merged_id"]) == (keep, other)
    assert audit["fields"]["phone"] == ["+33555000001", "+33612345678"]
    assert audit["fields"]["email"] == ["", "mp.revel@exemple.fr"]
    assert audit["moved"]["orders"] == 3 and audit["tags_added"] == ["bio"]

    dups.unmerge(record)

    assert dump(database) == before
    assert (
        json.loads(database.query("SELECT changes FROM audit_log WHERE action = 'unmerge'")[0]["changes"])["merged_id"]
        == other
    )
    assert contacts.count(ContactQuery(search="revel")) == 3  # both again, and the firm


def test_the_kept_card_stays_and_links_to_itself_are_dropped(database, contacts, dups):
    keep = contacts.create({"code": "K", "last_name": "Revel"})
    other = contacts.create({"code": "O", "last_name": "Revel", "company_id": None})
    contacts.update(keep, {"company_id": other, "referred_by": other})
    with database.atomic():
        database.conn.executemany(
            "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) "
            "VALUES (?, ?, '2025-01-01', '2027-01-01')",
            [(keep, "K-1"), (other, "O-1")],
        )
    before = dump(database)
    record = dups.merge(keep, other)
    assert not record.card_moved
    assert database.scalar("SELECT number FROM loyalty_cards WHERE contact_id = ?", (keep,)) == "K-1"
    assert database.scalar("SELECT number FROM loyalty_cards WHERE contact_id = ?", (other,)) == "O-1"
    kept = contacts.get(keep)
    assert kept["company_id"] is None and kept["referred_by"] is None
    dups.unmerge(record)
    assert dump(database) == before


def test_merge_refusals_write_nothing(database, contacts, dups):
    a = contacts.create({"last_name": "A"})
    b = contacts.create({"last_name": "B"})
    before = dump(database)
    with pytest.raises(CrmError, match="lui-même"):
        dups.merge(a, a)
    with pytest.raises(CrmError, match="n'existe plus"):
        dups.merge(a, 999)
    with pytest.raises(CrmError, match="Champ impossible"):
        dups.merge(a, b, {"code": "other"})
    contacts.trash(b)
    with pytest.raises(CrmError, match="corbeille"):
        dups.merge(a, b)
    contacts.restore(b)
    assert dump(database) == before


def test_a_chosen_value_of_ones_own_is_validated(contacts, dups):
    from crmdesk.domain.errors import ValidationError

    a = contacts.create({"last_name": "A", "postal_code": "87000"})
    b = contacts.create({"last_name": "A"})
    with pytest.raises(ValidationError):
        dups.merge(a, b, {"postal_code": "8700"})
    assert contacts.get(b)["deleted_at"] is None
    dups.merge(a, b, {"city": "Limoges"})
    assert contacts.get(a)["city"] == "Limoges"
