"""Probable duplicates during a clients import: found, then merged, kept or skipped per row."""

import pytest

from crmdesk.io.clients import import_clients
from crmdesk.store import imports
from crmdesk.store.contacts import ContactStore
from tests.helpers.backend import address
from tests.io.helpers import contacts_by_code, write_csv

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

HEADER = ["last_name", "first_name", "email", "phone", "postal_code", "city", "tags", "CA annuel"]
ROWS = [
    # line 2: same e-mail as Hélène Dupont (case differs), and a phone she has not
    ["Dupont", "Helene", "Helene.Dupont@exemple.fr", "06 99 88 77 66", "27000", "Évreux", "salon", "1 200"],
    # line 3: same phone as Jean Martin, typed in another format
    ["Martin", "J.", "", "+33 1 45 67 89 10", "", "", "", ""],
    # line 4: close name, same postal code, words in another order
    ["Lefèvre Anne", "", "", "", "87000", "Limoges", "", ""],
    # line 5: nobody alike
    ["Zerbib", "Nora", "nora@exemple.fr", "", "13001", "Marseille", "", ""],
    # line 6: the same person as line 5, twice in the file
    ["ZERBIB", "Nora", "nora@exemple.fr", "", "13001", "Marseille", "", ""],
]


@pytest.fixture
def existing(database):
    store = ContactStore(database)
    with database.atomic():
        ids = {
            "dupont": store.create(
                {
                    "code": "C000001",
                    "last_name": "Dupont",
                    "first_name": "Hélène",
                    "email": "helene.dupont@exemple.fr",
                    "postal_code": "27000",
                    "city": "Évreux",
                },
                tags=["bio"],
            ),
            "martin": store.create(
                {
                    "code": "C000002",
                    "last_name": "Martin",
                    "first_name": "Jean",
                    "phone": "01 45 67 89 10",
                    "city": "Paris",
                }
            ),
            "lefevre": store.create(
                {
                    "code": "C000003",
                    "last_name": "Lefevre",
                    "first_name": "Anne",
                    "postal_code": "87000",
                    "city": "Limoges",
                    "email": "anne@exemple.fr",
                }
            ),
        }
    return ids


def run(database, tmp_path, **options):
    path = write_csv(tmp_path / "nouveaux.csv", HEADER, ROWS)
    return import_clients(database, path, **options)


def test_each_probable_duplicate_is_reported_with_its_reason(database, existing, tmp_path):
    result = run(database, tmp_path, duplicates="keep")
    found = {(s.line, s.code or f"ligne {s.other_line}"): s.reason for s in result.duplicates}
    assert found.keys() == {(2, "C000001"), (3, "C000002"), (4, "C000003"), (6, "ligne 5")}
    assert "même e-mail" in found[(2, "C000001")]
    assert "même téléphone" in found[(3, "C000002")]
    assert "même code postal" in found[(4, "C000003")]
    assert result.duplicate_rows == {2, 3, 4, 6}
    # keep: every row is created anyway
    assert (result.inserted, result.merged, result.skipped) == (5, 0, 0)


def test_skip_leaves_the_rows_out(database, existing, tmp_path):
    result = run(database, tmp_path, duplicates="skip")
    assert (result.inserted, result.skipped) == (1, 4)
    database.close()
    assert len(contacts_by_code(address(database))) == 4


def test_merge_completes_the_existing_contact_without_overwriting_it(database, existing, tmp_path):
    result = run(database, tmp_path, duplicates="merge")
    # rows 2-4 go into the existing clients; row 6 resembles only row 5 of the file: created
    assert (result.inserted, result.merged, result.skipped) == (2, 3, 0)
    assert result.opening_orders == 1
    database.close()
    stored = contacts_by_code(address(database))
    dupont = stored["C000001"]
    assert dupont["first_name"] == "Hélène"  # kept: never overwritten by « Helene »
    assert dupont["phone"] == "+33699887766"  # filled: it was empty
    assert dupont["tags"] == ["bio", "salon"]
    assert dupont["stage"] == "client"  # the « CA annuel » makes her a client
    assert stored["C000002"]["first_name"] == "Jean"
    assert len(stored) == 5


def test_decisions_per_row_override_the_policy(database, existing, tmp_path):
    decisions = {2: existing["dupont"], 3: "skip", 4: "keep", 6: "skip"}
    result = run(database, tmp_path, decisions=decisions)
    assert (result.inserted, result.merged, result.skipped) == (2, 1, 2)
    database.close()
    stored = contacts_by_code(address(database))
    assert sorted(c["last_name"] for c in stored.values()) == ["DUPONT", "LEFEVRE", "LEFÈVRE ANNE", "MARTIN", "ZERBIB"]


def test_undo_puts_a_merged_contact_back_as_it_was(database, existing, tmp_path, db_path):
    before = ContactStore(database).get(existing["dupont"])
    result = run(database, tmp_path, duplicates="merge")
    imports.undo_batch(database, result.batch_id)
    after = ContactStore(database).get(existing["dupont"])
    assert {k: after[k] for k in ("phone", "tags", "stage", "updated_at")} == {
        k: before[k] for k in ("phone", "tags", "stage", "updated_at")
    }
    assert database.scalar("SELECT count(*) FROM orders") == 0
    assert database.scalar("SELECT count(*) FROM contacts") == 3


def test_a_merge_into_a_contact_that_is_gone_creates_the_row(database, existing, tmp_path):
    ContactStore(database).trash(existing["martin"])
    result = run(database, tmp_path, decisions={3: existing["martin"]})
    assert (result.inserted, result.merged) == (5, 0)
    assert any("n'existe plus" in warning.text for warning in result.warnings)


@pytest.mark.file_only("the command backs the file up beside it before importing (its .sauvegardes folder)")
def test_the_command_line_lists_and_merges_them(database, existing, tmp_path, db_path, capsys):
    from crmdesk.cli.main import main

    database.close()
    path = write_csv(tmp_path / "nouveaux.csv", HEADER, ROWS)
    assert main(["import", "clients", str(path), "--db", str(db_path), "--duplicates", "merge"]) == 0
    out, err = capsys.readouterr()
    assert "4 lignes ressemblent à un client du fichier ou à une autre ligne" in err
    assert "ligne 2 DUPONT Helene ≈ C000001 DUPONT Hélène (même e-mail" in err
    assert "3 lignes fusionnées avec des clients existants" in out
    assert (db_path.parent / f"{db_path.stem}.sauvegardes").is_dir()  # backed up before the import
