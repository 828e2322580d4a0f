"""Contacts in the store: validation, search, paging by key, trash, audit."""

import json

import pytest

from crmdesk.domain.contact import validate
from crmdesk.domain.errors import ValidationError
from crmdesk.store.contacts import SORTS, ContactQuery, ContactStore, prepare_bulk

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

PEOPLE = [
    {
        "last_name": "Dupont",
        "first_name": "Hélène",
        "city": "Metz",
        "postal_code": "57000",
        "email": "helene.dupont@exemple.fr",
        "phone": "06 12 34 56 78",
    },
    {"last_name": "Martin", "first_name": "Helene", "city": "Évreux", "postal_code": "27000"},
    {"last_name": "Durand", "first_name": "Paul", "city": "Dijon", "postal_code": "21000", "stage": "client"},
    {
        "company": "Bio Corner",
        "kind": "company",
        "city": "Lyon",
        "postal_code": "69001",
        "siret": "73282932000074",
        "stage": "client",
    },
    {"last_name": "Œuvray", "first_name": "Zoé", "city": "Amiens", "postal_code": "80000"},
]


@pytest.fixture
def filled(contacts):
    ids = [contacts.create(p) for p in PEOPLE]
    contacts.set_tags(ids[0], ["VIP", "salon 2026"])
    return ids


def names(rows):
    return [r["last_name"] or r["company"] for r in rows]


@pytest.mark.parametrize("typed", ["hele", "HÉLÈ", "Hélène", "helene"])
def test_search_ignores_accents_and_case(contacts, filled, typed):
    rows = contacts.page(ContactQuery(search=typed), 10).rows
    assert sorted(names(rows)) == ["DUPONT", "MARTIN"]


def test_search_finds_email_phone_company_and_city(contacts, filled):
    assert names(contacts.page(ContactQuery(search="exemple.fr"), 10).rows) == ["DUPONT"]
    assert names(contacts.page(ContactQuery(search="06 12 34"), 10).rows) == ["DUPONT"]
    assert names(contacts.page(ContactQuery(search="corner"), 10).rows) == ["Bio Corner"]
    assert names(contacts.page(ContactQuery(search="evreux"), 10).rows) == ["MARTIN"]
    assert names(contacts.page(ContactQuery(search="oeuv"), 10).rows) == ["ŒUVRAY"]


def test_several_words_must_all_match(contacts, filled):
    assert names(contacts.page(ContactQuery(search="helene metz"), 10).rows) == ["DUPONT"]
    assert names(contacts.page(ContactQuery(search="hel du"), 10).rows) == ["DUPONT"]


def test_short_terms_match_the_start_of_the_name(contacts, filled):
    assert names(contacts.page(ContactQuery(search="du"), 10).rows) == ["DUPONT", "DURAND"]
    assert names(contacts.page(ContactQuery(search="bi"), 10).rows) == ["Bio Corner"]
    assert names(contacts.page(ContactQuery(search="ly"), 10).rows) == []  # a city is found from 3 letters


def test_filters_by_stage_city_and_tag(contacts, filled):
    assert contacts.count(ContactQuery(stage="client")) == 2
    assert names(contacts.page(ContactQuery(city="EVREUX"), 10).rows) == ["MARTIN"]
    assert names(contacts.page(ContactQuery(tag="VIP"), 10).rows) == ["DUPONT"]


def test_sorting_by_city_is_accent_blind(contacts, filled):
    rows = contacts.page(ContactQuery(sort="city"), 10).rows
    assert [r["city"] for r in rows] == ["Amiens", "Dijon", "Évreux", "Lyon", "Metz"]


def _bulk(database, count):
    rows = (
        validate(
            {
                "last_name": f"Nom{i % 97:02d}",
                "first_name": f"P{i}",
                "city": f"Ville{i % 13}",
                "postal_code": f"{10000 + i % 900:05d}",
                "code": f"X{i:05d}",
                "stage": ("prospect", "client", "former")[i % 3],
            }
        )
        for i in range(count)
    )
    with database.atomic():
        for columns, values in prepare_bulk(rows):
            database.insert_many("contacts", columns, [values])


@pytest.mark.parametrize("sort", sorted(SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_paging_by_key_walks_the_same_rows_as_one_query(database, contacts, sort, descending):
    _bulk(database, 450)
    query = ContactQuery(sort=sort, descending=descending)
    everything = contacts.page(query, 10_000)
    expected = [r["id"] for r in everything.rows]
    walked, after = [], None
    while True:
        page = contacts.page(query, 100, after=after)
        if not page.rows:
            break
        walked += [r["id"] for r in page.rows]
        after = page.keys[-1]
    assert walked == expected
    # reading backwards from the end, as the table does for a jump to the last row
    last = contacts.page(query, 100, backwards=True)
    assert [r["id"] for r in last.rows] == expected[-100:]
    before = contacts.page(query, 100, after=last.keys[0], backwards=True)
    assert [r["id"] for r in before.rows] == expected[-200:-100]
    middle = contacts.page(query, 50, offset=200)
    assert [r["id"] for r in middle.rows] == expected[200:250]


def test_invalid_values_are_refused_with_the_reason_and_nothing_is_saved(contacts):
    with pytest.raises(ValidationError) as caught:
        contacts.create({"last_name": "Dupont", "email": "dupont.fr", "postal_code": "5700", "siret": "12345678901234"})
    problems = caught.value.problems
    assert "@" in problems["email"]
    assert "5 chiffres" in problems["postal_code"]
    assert "SIRET" in problems["siret"]
    assert contacts.count(ContactQuery()) == 0


def test_a_contact_needs_a_name_or_a_company(contacts):
    with pytest.raises(ValidationError, match="nom ou une raison sociale"):
        contacts.create({"first_name": "Paul"})


def test_codes_are_generated_and_unique(contacts):
    first = contacts.create({"last_name": "A"})
    contacts.create({"last_name": "B", "code": "C000010"})
    third = contacts.create({"last_name": "C"})
    assert contacts.get(first)["code"] == "C000001"
    assert contacts.get(third)["code"] == "C000011"
    with pytest.raises(ValidationError, match="déjà pris"):
        contacts.create({"last_name": "D", "code": "C000010"})


def test_update_returns_previous_values_and_is_audited(database, contacts, filled):
    before = contacts.update(filled[0], {"email": "h.dupont@exemple.fr", "city": "Metz"})
    assert before == {"email": "helene.dupont@exemple.fr"}
    assert contacts.page(ContactQuery(search="h.dupont"), 5).rows[0]["id"] == filled[0]
    audit = database.query("SELECT action, changes FROM audit_log WHERE entity_id = ? ORDER BY id", (filled[0],))
    assert audit[-1]["action"] == "update"
    assert json.loads(audit[-1]["changes"]) == {"email": ["helene.dupont@exemple.fr", "h.dupont@exemple.fr"]}


def test_trash_and_restore(contacts, filled):
    contacts.trash(filled[1])
    assert "MARTIN" not in names(contacts.page(ContactQuery(), 10).rows)
    assert names(contacts.page(ContactQuery(trash=True), 10).rows) == ["MARTIN"]
    contacts.restore(filled[1])
    assert "MARTIN" in names(contacts.page(ContactQuery(), 10).rows)


def test_remove_and_reinsert_restore_the_same_contact(contacts, filled):
    snap = contacts.snapshot(filled[0])
    contacts.remove(filled[0])
    assert contacts.get(filled[0]) is None
    assert contacts.count(ContactQuery(search="hele")) == 1
    contacts.reinsert(snap)
    again = contacts.get(filled[0])
    assert again["code"] == snap["code"] and again["tags"] == ["salon 2026", "VIP"]
    assert contacts.count(ContactQuery(search="hele")) == 2


def test_company_members(contacts):
    company = contacts.create({"kind": "company", "company": "Bio Vie"})
    contacts.create({"last_name": "Roux", "first_name": "Anne", "company_id": company, "job_title": "Acheteuse"})
    assert [m["last_name"] for m in contacts.members(company)] == ["ROUX"]


def test_search_count_leaves_out_the_trash_and_matches_the_rows(contacts, filled):
    contacts.trash(filled[1])  # Helene MARTIN
    for query in (
        ContactQuery(search="helene"),
        ContactQuery(search="hele", sort="city", descending=True),
        ContactQuery(search="hele", stage="client"),
        ContactQuery(search="hele du"),
        ContactQuery(search="helene", trash=True),
    ):
        assert contacts.count(query) == len(contacts.page(query, 100).rows), query
    assert contacts.count(ContactQuery(search="helene")) == 1
    assert contacts.count(ContactQuery(search="helene", trash=True)) == 1


def test_kept_counts_follow_every_change(database, contacts, filled):
    def both():
        return contacts.count(ContactQuery()), contacts.count(ContactQuery(trash=True))

    def counted():
        return (
            database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NULL"),
            database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL"),
        )

    assert both() == counted() == (5, 0)
    contacts.trash(filled[0])
    contacts.trash(filled[0])  # twice: counted once
    assert both() == counted() == (4, 1)
    contacts.restore(filled[0])
    snap = contacts.snapshot(filled[2])
    contacts.remove(filled[2])
    assert both() == counted() == (4, 0)
    contacts.reinsert(snap)
    _bulk(database, 30)
    assert both() == counted() == (35, 0)


@pytest.mark.parametrize("budget", [0.0, 60.0], ids=["matches-plan", "walk-plan"])
@pytest.mark.parametrize("sort", ["name", "city", "code"])
def test_both_search_plans_give_the_same_pages(database, sort, budget):
    _bulk(database, 600)
    reference = ContactStore(database)
    store = ContactStore(database, walk_budget=budget)
    query = ContactQuery(search="nom1", sort=sort, descending=sort == "city")
    expected = [
        r["id"] for r in reference.page(query.with_(search=""), 10_000).rows if "nom1" in r["last_name"].lower()
    ]
    assert reference.count(query) == len(expected) > 50
    walked, after = [], None
    while page := store.page(query, 20, after=after):
        if not page.rows:
            break
        walked += [r["id"] for r in page.rows]
        after = page.keys[-1]
    assert walked == expected
    assert [r["id"] for r in store.page(query, 20, backwards=True).rows] == expected[-20:]
    assert [r["id"] for r in store.page(query, 10, offset=30).rows] == expected[30:40]
