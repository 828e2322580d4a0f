"""Importing clients: validation per row, one transaction, codes, tags, reps."""

import datetime as dt
import random

import phonenumbers
import pytest

from crmdesk.domain import contact as rules
from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import fast_phone, import_clients, split_tags
from crmdesk.store.contacts import ContactStore
from crmdesk.store.server import on_server
from tests.helpers.backend import address
from tests.io.helpers import contacts_by_code, write_csv

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

HEADER = [
    "code",
    "last_name",
    "first_name",
    "email",
    "phone",
    "postal_code",
    "city",
    "tags",
    "rep",
    "consent_email",
    "birth_date",
]
GOOD = [
    [
        "K1",
        "Dupont",
        "Hélène",
        "helene@exemple.fr",
        "06 12 34 56 78",
        "27000",
        "Évreux",
        "bio, VIP",
        "Maryse Brun",
        "oui",
        "12/03/1980",
    ],
    ["K2", "Martin", "Jean", "", "01 45 67 89 10", "75011", "Paris", "bio", "maryse brun", "non", ""],
]


def run(database, path, **options):
    rejects = []
    result = import_clients(database, path, on_reject=rejects.append, **options)
    return result, rejects


def test_rows_are_validated_and_normalised(database, tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, GOOD)
    result, rejects = run(database, path)
    assert (result.inserted, result.rejected, rejects) == (len(GOOD), 0, [])
    database.close()
    stored = contacts_by_code(address(database))
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
    if not on_server(database):  # a file's search index is a table of its own, kept by a trigger
        trigger = database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'")
        assert trigger == 1  # put back after the import
        assert database.query("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')") == []


def test_a_bad_row_is_rejected_with_its_line_and_the_rest_imported(database, tmp_path):
    # a consent that is neither yes nor no is not optional: the row goes, with every reason
    rows = [GOOD[0], ["K3", "Durand", "Zoé", "zoe.exemple.fr", "", "", "", "", "", "peut-être", ""], GOOD[1]]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    result, rejects = run(database, path)
    assert result.inserted == 2
    assert [(r.line, "email" in r.reason, "@" in r.reason, "ni oui ni non" in r.reason) for r in rejects] == [
        (3, True, True, True)
    ]
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
    if not on_server(database):  # the file's search-index trigger, put back
        assert database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'") == 1


def test_french_header_and_values_are_understood(database, tmp_path):
    header = ["N° client", "Civilité", "Nom", "Prénom", "Type", "Origine", "Code postal", "Ville"]
    rows = [["F1", "Madame", "Lefèvre", "Anaïs", "particulier", "Salon", "67000", "Strasbourg"]]
    _result, rejects = run(database, write_csv(tmp_path / "fr.csv", header, rows, delimiter=";"))
    assert rejects == []
    store = ContactStore(database)
    contact = store.get(store.id_of_code("F1"))
    assert (contact["civility"], contact["kind"], contact["source"]) == ("Mme", "person", "fair")


def test_unknown_columns_are_ignored_with_a_warning(database, tmp_path):
    result, rejects = run(database, write_csv(tmp_path / "a.csv", ["last_name", "shoe_size"], [["A", "42"]]))
    assert (result.inserted, rejects) == (1, [])
    assert result.notes == ["colonne « shoe_size » ignorée : elle ne correspond à aucun champ des clients"]


def test_missing_or_doubled_columns_refuse_the_file(database, tmp_path):
    with pytest.raises(CrmError, match="last_name"):
        run(database, write_csv(tmp_path / "b.csv", ["email"], [["a@exemple.fr"]]))
    with pytest.raises(CrmError, match="« nom » et « last_name » désignent toutes deux « last_name »"):
        run(database, write_csv(tmp_path / "c.csv", ["nom", "last_name"], [["A", "B"]]))
    with pytest.raises(CrmError, match="même champ"):
        run(database, write_csv(tmp_path / "d.csv", ["nom", "commercial", "ambassadrice"], [["A", "B", "C"]]))
    assert database.scalar("SELECT count(*) FROM contacts") == 0


def test_fast_phone_path_agrees_with_the_domain_rules():
    rnd = random.Random(7)
    taken = 0
    for _ in range(3000):
        digits = "0" + str(rnd.randrange(1, 10)) + "".join(str(rnd.randrange(10)) for _ in range(8))
        sep = rnd.choice(["", " ", ".", "-"])
        raw = digits[:2] + sep + sep.join(digits[i : i + 2] for i in range(2, 10, 2))
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


def test_spreadsheet_rejects_keep_their_row_numbers_and_cells(tmp_path, capsys):
    from crmdesk.cli.main import main
    from crmdesk.io.csvfile import CsvSource
    from tests.io.workbooks import write_xlsx

    path = write_xlsx(
        tmp_path / "c.xlsx",
        ["Nom", "E-mail", "Code postal"],
        [["Durand", "zoe@exemple.fr", 27000], [None, None, None], [None, "pas-un-mail", 6000]],
        formats={"C4": "00000"},
    )
    db, rejects = tmp_path / "c.sqlite", tmp_path / "refus.csv"
    assert main(["import", "clients", str(path), "--db", str(db), "--rejects", str(rejects)]) == 1
    assert "ligne 4 : E-mail :" in capsys.readouterr().err
    with CsvSource(rejects) as listed:
        assert listed.header == ["ligne", "motif", "Nom", "E-mail", "Code postal"]
        (only,) = list(listed.rows())
    assert only.cells[0] == "4" and only.cells[2:] == ["", "pas-un-mail", "06000"]


def test_french_numbers_and_amounts_in_the_ca_annuel(database, tmp_path):
    header = ["N° client", "Nom", "CA annuel"]
    rows = [
        ["A", "Un", "1 254,50"],
        ["B", "Deux", "1\u00a0254"],
        ["C", "Trois", "12\u202f000,00 €"],
        ["D", "Quatre", ""],
        ["E", "Cinq", "0"],
        ["F", "Six", "-5"],
        ["G", "Sept", "beaucoup"],
    ]
    result, rejects = run(database, write_csv(tmp_path / "c.csv", header, rows, delimiter=";"))
    assert [(r.line, r.reason) for r in rejects] == [
        (7, "CA annuel : montant négatif « -5 »"),
        (8, "CA annuel : montant illisible « beaucoup »"),
    ]
    assert result.opening_orders == 3
    amounts = dict(database.query("SELECT c.code, o.amount_cents FROM orders o JOIN contacts c ON c.id = o.contact_id"))
    assert amounts == {"A": 125450, "B": 125400, "C": 1200000}
    stages = dict(database.query("SELECT code, stage FROM contacts"))
    assert stages == {"A": "client", "B": "client", "C": "client", "D": "prospect", "E": "prospect"}


def test_update_with_a_ca_annuel_adds_the_opening_order_once(database, tmp_path):
    run(database, write_csv(tmp_path / "a.csv", ["code", "last_name"], [["P1", "Prospect"], ["P2", "Autre"]]))
    rows = [["P1", "Prospect", "100"], ["P1", "Prospect", "120"], ["P2", "Autre", ""]]
    result, rejects = run(
        database,
        write_csv(tmp_path / "b.csv", ["code", "last_name", "CA annuel"], rows),
        update=True,
        opening_date=dt.date(2026, 1, 1),
    )
    assert rejects == [] and result.opening_orders == 1 and result.promoted == 1
    assert [w.message() for w in result.warnings] == [
        "ligne 3 : la commande d'ouverture « OUV-P1-20260101 » existe déjà : CA annuel non repris"
    ]
    assert [tuple(r) for r in database.query("SELECT amount_cents, channel, date FROM orders")] == [
        (10000, "opening", "2026-01-01")
    ]
    assert dict(database.query("SELECT code, stage FROM contacts")) == {"P1": "client", "P2": "prospect"}
