"""Importing clients: validation per row, one transaction, codes, tags, reps."""

import random

import phonenumbers
import pytest

from crmdesk.domain import contact as rules
from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import fast_phone, import_clients, split_tags
from crmdesk.store.contacts import ContactStore
from tests.io.helpers import contacts_by_code, write_csv

HEADER = ["code", "last_name", "first_name", "email", "phone", "postal_code", "city", "tags", "rep",
          "consent_email", "birth_date"]
GOOD = [
    ["K1", "Dupont", "Hélène", "helene@exemple.fr", "06 12 34 56 78", "27000", "Évreux", "bio, VIP",
     "Maryse Brun", "oui", "12/03/1980"],
    ["K2", "Martin", "Jean", "", "01 45 67 89 10", "75011", "Paris", "bio", "maryse brun", "non", ""],
]


def run(database, path, **options):
    rejects = []
    result = import_clients(database, path, on_reject=rejects.append, **options)
    return result, rejects


def test_rows_are_validated_and_normalised(database, db_path, tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, GOOD)
    result, rejects = run(database, path)
    assert (result.inserted, result.rejected, rejects) == (len(GOOD), 0, [])
    database.close()
    stored = contacts_by_code(db_path)
    for row in GOOD:
        values = dict(zip(HEADER, row))
        contact = stored[values["code"]]
        assert contact["last_name"] == values["last_name"].upper()
        assert contact["phone"] == rules.normalize_phone(values["phone"])
        assert contact["tags"] == sorted(split_tags(values["tags"]))
        assert contact["consent_email"] == int(rules.parse_bool(values["consent_email"]))
        assert contact["department"] == values["postal_code"][:2]
    # « maryse brun » is the same rep as « Maryse Brun »: created once
    assert stored["K1"]["rep_id"] == stored["K2"]["rep_id"]
    assert stored["K1"]["rep_name"] == GOOD[0][HEADER.index("rep")]
    assert stored["K1"]["consent_email_date"] is not None
    assert "c.csv" in stored["K1"]["consent_email_source"]


def test_contacts_imported_in_bulk_are_searchable(database, tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, GOOD)
    run(database, path)
    store = ContactStore(database)
    from crmdesk.store.contacts import ContactQuery
    found = store.page(ContactQuery(search="helene evreux"), 10).rows
    assert [r["code"] for r in found] == ["K1"]
    trigger = database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'")
    assert trigger == 1  # put back after the import
    assert database.query("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')") == []


def test_a_bad_row_is_rejected_with_its_line_and_the_rest_imported(database, tmp_path):
    rows = [GOOD[0], ["K3", "Durand", "Zoé", "zoe.exemple.fr", "", "", "", "", "", "", ""], GOOD[1]]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    result, rejects = run(database, path)
    assert result.inserted == 2
    assert [(r.line, "email" in r.reason, "@" in r.reason) for r in rejects] == [(3, True, True)]
    assert ContactStore(database).id_of_code("K3") is None


def test_existing_codes_and_duplicates_in_the_file_are_rejected(database, tmp_path):
    write_csv(tmp_path / "first.csv", HEADER, [GOOD[0]])
    run(database, tmp_path / "first.csv")
    path = write_csv(tmp_path / "again.csv", HEADER, [GOOD[0], GOOD[1], GOOD[1]])
    result, rejects = run(database, path, chunk_size=1)  # duplicates across chunks too
    assert result.inserted == 1
    assert [r.line for r in rejects] == [2, 4]
    assert "déjà présent" in rejects[0].reason
    assert "en double" in rejects[1].reason and "ligne 3" in rejects[1].reason


def test_update_mode_changes_existing_contacts(database, tmp_path):
    run(database, write_csv(tmp_path / "a.csv", HEADER, GOOD))
    changed = list(GOOD[0])
    changed[HEADER.index("city")] = "Vernon"
    changed[HEADER.index("postal_code")] = "27200"
    changed[HEADER.index("email")] = ""
    changed[HEADER.index("tags")] = "salon"
    result, rejects = run(database, write_csv(tmp_path / "b.csv", HEADER, [changed, GOOD[1]]), update=True)
    assert rejects == []
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
    store = ContactStore(database)
    contact = store.get(store.id_of_code("K1"))
    assert (contact["city"], contact["postal_code"], contact["email"]) == ("Vernon", "27200", "")
    assert contact["tags"] == ["salon"]


def test_update_file_with_only_code_and_email(database, tmp_path):
    run(database, write_csv(tmp_path / "a.csv", HEADER, GOOD))
    path = write_csv(tmp_path / "b.csv", ["code", "email"], [["K2", "jean@exemple.fr"], ["K9", "x@exemple.fr"]])
    result, rejects = run(database, path, update=True)
    assert result.updated == 1
    assert [r.line for r in rejects] == [3]  # a new contact still needs a name
    store = ContactStore(database)
    assert store.get(store.id_of_code("K2"))["email"] == "jean@exemple.fr"


def test_rows_without_code_get_the_next_free_codes(database, tmp_path):
    path = write_csv(tmp_path / "c.csv", ["last_name"], [["Alpha"], ["Beta"]])
    run(database, path)
    store = ContactStore(database)
    codes = [r[0] for r in database.query("SELECT code FROM contacts ORDER BY id")]
    assert len(set(codes)) == 2 and all(code.startswith("C") for code in codes)
    assert store.next_code() not in codes


def test_strict_writes_nothing_when_a_row_is_rejected(database, tmp_path):
    rows = [GOOD[0], ["K3", "", "", "", "", "", "", "", "", "", ""]]
    result, rejects = run(database, write_csv(tmp_path / "c.csv", HEADER, rows), strict=True)
    assert result.rolled_back and len(rejects) == 1
    assert database.scalar("SELECT count(*) FROM contacts") == 0
    assert database.scalar("SELECT count(*) FROM import_batches") == 0
    assert database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'") == 1


def test_french_header_and_values_are_understood(database, tmp_path):
    header = ["N° client", "Civilité", "Nom", "Prénom", "Type", "Origine", "Code postal", "Ville"]
    rows = [["F1", "Madame", "Lefèvre", "Anaïs", "particulier", "Salon", "67000", "Strasbourg"]]
    result, rejects = run(database, write_csv(tmp_path / "fr.csv", header, rows, delimiter=";"))
    assert rejects == []
    store = ContactStore(database)
    contact = store.get(store.id_of_code("F1"))
    assert (contact["civility"], contact["kind"], contact["source"]) == ("Mme", "person", "fair")


def test_unknown_or_missing_columns_refuse_the_file(database, tmp_path):
    with pytest.raises(CrmError, match="inconnue"):
        run(database, write_csv(tmp_path / "a.csv", ["last_name", "shoe_size"], [["A", "42"]]))
    with pytest.raises(CrmError, match="last_name"):
        run(database, write_csv(tmp_path / "b.csv", ["email"], [["a@exemple.fr"]]))
    assert database.scalar("SELECT count(*) FROM contacts") == 0


def test_fast_phone_path_agrees_with_the_domain_rules():
    rnd = random.Random(7)
    taken = 0
    for _ in range(3000):
        digits = "0" + str(rnd.randrange(1, 10)) + "".join(str(rnd.randrange(10)) for _ in range(8))
        sep = rnd.choice(["", " ", ".", "-"])
        raw = digits[:2] + sep + sep.join(digits[i:i + 2] for i in range(2, 10, 2))
        fast = fast_phone(raw, "FR")
        try:
            expected = rules.normalize_phone(raw, "FR")
        except CrmError:
            expected = None
        if fast is not None:
            taken += 1
            assert fast == expected, raw
        else:
            assert expected is None or not phonenumbers.is_valid_number(phonenumbers.parse(raw, "FR")), raw
    assert taken > 1000  # the fast path is really used
    assert fast_phone("06 12 34 56 78", "BE") is None
