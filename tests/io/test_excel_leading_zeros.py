"""A client file saved by French Excel: zeros lost, one bad optional field — rows kept, with warnings."""

import datetime as dt

import pytest

from crmdesk.cli.main import main
from crmdesk.io.clients import import_clients
from crmdesk.store.contacts import ContactStore
from tests.io.helpers import write_csv
from tests.io.workbooks import write_xlsx

pytestmark = pytest.mark.both_kinds

HEADER = ["N° client", "Nom", "Prénom", "E-mail", "Téléphone", "Code postal", "Ville", "Pays", "Date de naissance"]
# What Excel writes once it has read « 01000 » and « 06 12 34 56 78 » as numbers.
ROWS = [
    ["A1", "Dupont", "Hélène", "helene@exemple.fr", "612345678", "1000", "Bourg-en-Bresse", "", "12/03/1980"],
    ["A2", "Martin", "Jean", "jean@@exemple.fr", "0145678910", "75011", "Paris", "FR", ""],
    ["A3", "Durand", "Zoé", "", "", "27000", "Évreux", "", "31/02/1980"],
    ["A4", "Peeters", "Jan", "", "", "1000", "Bruxelles", "BE", ""],  # a Belgian code has 4 digits
]


def imported(database, path, **options):
    rejects = []
    result = import_clients(database, path, on_reject=rejects.append, **options)
    store = ContactStore(database)
    contacts = {
        code: store.get(store.id_of_code(code))
        for code in ("A1", "A2", "A3", "A4")
        if store.id_of_code(code) is not None
    }
    return result, rejects, contacts


def french_excel_csv(tmp_path, rows=ROWS):
    return write_csv(tmp_path / "clients.csv", HEADER, rows, encoding="cp1252", delimiter=";")


def test_lost_zeros_come_back_and_bad_optional_fields_are_left_empty(database, tmp_path):
    result, rejects, contacts = imported(database, french_excel_csv(tmp_path))
    assert (result.inserted, rejects) == (4, [])
    assert (contacts["A1"]["postal_code"], contacts["A1"]["department"]) == ("01000", "01")
    assert contacts["A1"]["phone"] == "+33612345678"
    assert contacts["A4"]["postal_code"] == "1000"
    assert (contacts["A2"]["email"], contacts["A2"]["phone"]) == ("", "+33145678910")
    assert (contacts["A3"]["birth_date"], contacts["A3"]["city"]) == (None, "Évreux")
    messages = [w.message() for w in result.warnings]
    assert messages[:2] == [
        "ligne 2 : Code postal « 1000 » complété en « 01000 »",
        "ligne 2 : Téléphone « 612345678 » complété en « 0612345678 »",
    ]
    assert messages[2].startswith("ligne 3 : E-mail : « jean@@exemple.fr » n'a pas été repris (adresse e-mail invalide")
    assert messages[3] == (
        "ligne 4 : Date de naissance : « 31/02/1980 » n'a pas été repris (date impossible « 31/02/1980 »)"
    )
    assert result.warning_summary() == [
        "1 ligne : code postal à 4 chiffres complété d'un 0 en tête (le tableur l'avait ôté)",
        "1 ligne : téléphone à 9 chiffres complété d'un 0 en tête (le tableur l'avait ôté)",
        "1 ligne : E-mail invalide : ligne importée sans cette valeur",
        "1 ligne : Date de naissance invalide : ligne importée sans cette valeur",
    ]


def test_strict_keeps_the_old_rule_one_bad_field_rejects_the_row(database, tmp_path):
    result, rejects, contacts = imported(database, french_excel_csv(tmp_path), strict=True)
    assert result.rolled_back and contacts == {}
    assert [(r.line, r.reason.split(" : ")[0]) for r in rejects] == [(3, "E-mail"), (4, "Date de naissance")]


def test_a_row_with_another_problem_is_still_rejected_with_every_reason(database, tmp_path):
    rows = [["B1", "", "", "x@@y", "", "", "", "", ""]]  # no name: not a row one can do without
    result, rejects, _contacts = imported(database, french_excel_csv(tmp_path, rows))
    assert result.inserted == 0 and result.warnings == []
    assert len(rejects) == 1 and "E-mail" in rejects[0].reason and "il faut un nom" in rejects[0].reason


def test_an_update_keeps_the_value_a_bad_cell_would_have_replaced(database, tmp_path):
    imported(database, french_excel_csv(tmp_path))
    rows = [["A1", "Dupont", "Hélène", "plus-un-mail", "612345678", "1000", "Oyonnax", "", "12/03/1980"]]
    path = write_csv(tmp_path / "maj.csv", HEADER, rows, encoding="cp1252", delimiter=";")
    result, rejects, contacts = imported(database, path, update=True)
    assert (result.updated, rejects) == (1, [])
    assert (contacts["A1"]["email"], contacts["A1"]["city"]) == ("helene@exemple.fr", "Oyonnax")
    assert [w.kind for w in result.warnings] == ["zero:postal_code", "zero:phone", "dropped:email"]


def test_a_number_cell_of_a_workbook_gets_its_zero_back_too(database, tmp_path):
    path = write_xlsx(
        tmp_path / "c.xlsx",
        ["Nom", "Code postal", "Téléphone", "Date de naissance"],
        [["Dupont", 1000, 612345678, dt.date(1980, 3, 12)]],
    )
    result, rejects, _ = imported(database, path)
    contact = ContactStore(database).get(ContactStore(database).ids_of_codes(["C000001"])[0][0])
    assert (contact["postal_code"], contact["phone"], contact["birth_date"]) == ("01000", "+33612345678", "1980-03-12")
    assert (result.inserted, rejects, len(result.warnings)) == (1, [], 2)


def test_the_command_line_counts_the_warnings_and_shows_the_first_lines(tmp_path, capsys):
    rows = [[f"Z{i}", f"Nom{i}", "", "", "612345678", "1000", "", "", ""] for i in range(12)]
    path = write_csv(tmp_path / "clients.csv", HEADER, rows, encoding="cp1252", delimiter=";")
    assert main(["import", "clients", str(path), "--db", str(tmp_path / "c.sqlite")]) == 0
    out, err = capsys.readouterr()
    assert "12 clients créés, 0 ligne refusée" in out
    assert "attention : 12 lignes : code postal à 4 chiffres complété d'un 0 en tête" in err
    assert "attention : 12 lignes : téléphone à 9 chiffres complété d'un 0 en tête" in err
    assert err.count("« 1000 » complété en « 01000 »") == 5 and "… et 7 autres" in err
