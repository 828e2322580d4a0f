"""crmdesk import list / crmdesk import undo, in-process, through a parser built
the way crmdesk.cli.main builds `crmdesk import`."""

from __future__ import annotations

import json

import pytest

from crmdesk.cli.main import main
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore
from tests.helpers.backend import handed_over, opened
from tests.helpers.cli import cli
from tests.io.helpers import write_csv

pytestmark = pytest.mark.both_kinds

HEADER = ["code", "last_name", "city", "tags"]


@pytest.fixture
def imported(database, tmp_path):
    """A client file with one client typed, then two imports (the first with --update)."""
    ContactStore(database).create({"code": "C1", "last_name": "Dupont", "city": "Évreux"})
    path = handed_over(database)
    first = write_csv(
        tmp_path / "clients.csv",
        HEADER,
        [["K1", "Neuf", "Lyon", "bio"], ["C1", "Dupont", "Rouen", ""], ["K2", "", "", ""]],
    )
    second = write_csv(tmp_path / "autres.csv", HEADER, [["K3", "Autre", "Metz", ""]])
    assert main(["import", "clients", str(first), "--db", str(path), "--update"]) == 1  # K2: no name
    assert main(["import", "clients", str(second), "--db", str(path)]) == 0
    return path


def test_list_as_text_and_json(imported, capsys):
    capsys.readouterr()
    assert cli("import", "list", "--db", imported) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["N°", "date", "type", "fichier", "importées", "refusées", "annulé"]
    assert lines[1].split()[0] == "2" and lines[1].split()[3:] == ["clients", "autres.csv", "1", "0", "non"]
    assert lines[2].split()[3:] == ["clients", "clients.csv", "2", "1", "non"]
    assert cli("import", "list", "--db", imported, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [
        (r["id"], r["kind"], r["file"], r["rows_ok"], r["rows_rejected"], r["undone"], r["undoable"]) for r in rows
    ] == [(2, "clients", "autres.csv", 1, 0, False, True), (1, "clients", "clients.csv", 2, 1, False, True)]
    assert rows[0]["date"][:4].isdigit() and rows[0]["undone_at"] is None


def test_undo_prints_what_was_removed_and_restored(imported, capsys):
    capsys.readouterr()
    assert cli("import", "undo", "1", "--db", imported, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("Simulation") and "rien n'a été changé" in out
    assert cli("import", "undo", "1", "--db", imported) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Import n° 1 (clients, « clients.csv ») annulé :"
    assert "  - 1 client supprimé, avec ses étiquettes (1)" in out
    assert "1 étiquette créée par l'import supprimée" in out
    assert "1 champ remis comme avant (1 fiche)" in out
    with opened(imported, writer=False) as database:
        assert [r[0] for r in database.query("SELECT code FROM contacts ORDER BY code")] == ["C1", "K3"]
        assert database.scalar("SELECT city FROM contacts WHERE code = 'C1'") == "Évreux"

    assert cli("import", "undo", "1", "--db", imported) == 1
    assert "déjà annulé" in capsys.readouterr().err
    assert cli("import", "list", "--db", imported) == 0
    assert "oui, le " in capsys.readouterr().out.splitlines()[2]


def test_a_refused_undo_says_why_and_how(imported, capsys):
    with opened(imported) as database:
        k3 = ContactStore(database).id_of_code("K3")
        OrderStore(database).create(NewOrder(k3, "2025-01-02", 1_000))
    capsys.readouterr()
    assert cli("import", "undo", "2", "--db", imported) == 1
    err = capsys.readouterr().err
    assert "n'a pas été annulé" in err and "K3 AUTRE" in err and "1 commande(s)" in err
    assert f"crmdesk import undo 2 --db {imported} --keep-used" in err
    assert cli("import", "undo", "2", "--db", imported, "--keep-used") == 0
    assert "1 client créé par l'import gardé" in capsys.readouterr().out


def test_usage_errors(imported, tmp_path, capsys):
    assert cli("import", "undo", "douze", "--db", imported) == 2
    assert "numéro d'import attendu" in capsys.readouterr().err
    assert cli("import", "undo", "99", "--db", imported) == 1
    assert "pas d'import n° 99" in capsys.readouterr().err
    assert cli("import", "undo", "1", "--db", tmp_path / "absent.sqlite") == 1
    assert "n'existe pas" in capsys.readouterr().err
    assert cli("import", "undo", "--help") == 0
    assert "--keep-used" in capsys.readouterr().out


def test_an_empty_list(tmp_path, capsys):
    path = tmp_path / "vide.sqlite"
    Database(path, create=True).close()
    assert cli("import", "list", "--db", path) == 0
    assert capsys.readouterr().out == "Aucun import dans ce fichier clients.\n"
    assert cli("import", "list", "--db", path, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
