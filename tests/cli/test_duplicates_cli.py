"""crmdesk duplicates: the candidate pairs in CSV or JSON (tested on its own parser until main wires it)."""

import argparse
import csv
import io
import json

import pytest

from crmdesk.cli import duplicates
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.helpers.backend import handed_over, written

pytestmark = pytest.mark.both_kinds


def parse(argv):
    parser = argparse.ArgumentParser(prog="crmdesk")
    commands = parser.add_subparsers(dest="command")
    duplicates.register(commands, argparse.RawDescriptionHelpFormatter)
    return parser.parse_args(argv)


@pytest.fixture
def path(database, tmp_path):
    store = ContactStore(database)
    for code, values in (
        ("A1", {"last_name": "REVEL", "first_name": "Marie-Paule", "postal_code": "87000"}),
        ("A2", {"last_name": "Revel Marie Paule", "postal_code": "87000"}),
        ("B1", {"last_name": "Durand", "email": "Paul.Durand@Exemple.fr"}),
        ("B2", {"last_name": "Durant", "first_name": "Paul", "email": "paul.durand@exemple.fr"}),
        ("C1", {"last_name": "Martin", "postal_code": "75011"}),
    ):
        store.create({"code": code, **values})
    path = handed_over(database)
    return path


def test_json_lists_the_pairs_surest_first(path, capsys):
    args = parse(["duplicates", "--db", str(path), "--format", "json"])
    assert args.handler == "duplicates"
    assert duplicates.run(args) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert [(p["code_a"], p["code_b"], p["score"], p["reason"]) for p in doc] == [
        ("A1", "A2", 100, "noms proches (100) et même code postal"),
        ("B1", "B2", 91, "même e-mail"),
    ]
    assert doc[0]["name_a"] == "REVEL Marie-Paule" and {"id_a", "id_b"} <= set(doc[0])
    assert err == "2 paires de doublons probables.\n"


def test_csv_by_default_and_nothing_is_written(path, capsys):
    before = written(path)
    assert duplicates.run(parse(["duplicates", "--db", str(path)])) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["code_a", "code_b", "score", "reason", "name_a", "name_b"]
    assert rows[1] == [
        "A1",
        "A2",
        "100",
        "noms proches (100) et même code postal",
        "REVEL Marie-Paule",
        "REVEL MARIE PAULE",
    ]
    assert len(rows) == 3
    assert written(path) == before


def test_threshold_option(path, capsys):
    assert duplicates.run(argparse.Namespace(db=str(path), format="json", threshold=100)) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    with pytest.raises(SystemExit):
        parse(["duplicates", "--db", str(path), "--threshold", "30"])
    assert "de 50 à 100" in capsys.readouterr().err


def test_an_empty_file_says_so(tmp_path, capsys):
    path = tmp_path / "vide.sqlite"
    Database(path, create=True).close()
    assert duplicates.run(parse(["duplicates", "--db", str(path), "--format", "json"])) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and err == "Aucun doublon probable.\n"
