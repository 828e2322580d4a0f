"""crmdesk backup (into the policy folder) and crmdesk restore, with the
parser of crmdesk/cli/maintenance.py (registered in crmdesk/cli/main.py by the lead)."""

import argparse
from pathlib import Path

import pytest

from crmdesk.cli import maintenance as cli_maintenance
from crmdesk.store import backups
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.helpers.cli import cli
from tests.store.test_maintenance import damage

pytestmark = pytest.mark.file_only(
    "a file's backups and its damage (copies beside it, set aside); a server's backup and restore are "
    "pg_dump's (tests/server/test_server_cli.py)"
)


def count(path):
    with Database(path, writer=False) as database:
        return database.scalar("SELECT count(*) FROM contacts")


@pytest.fixture
def filled(db_path, contacts):
    for i in range(250):
        contacts.create({"code": f"C{i:04d}", "last_name": f"Nom {i}", "notes": "x" * 300})
    contacts.database.close()
    return db_path


def test_backup_goes_to_the_files_backups_folder_unless_told(filled, tmp_path, capsys):
    assert cli("backup", "--db", filled) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == tmp_path / "clients.sauvegardes" and made.name.endswith("-manuelle.sqlite")
    assert count(made) == 250
    assert cli("backup", "--db", filled, "--out", tmp_path / "cle") == 0
    assert Path(capsys.readouterr().out.strip()).parent == tmp_path / "cle"


def test_restore_without_a_backup_lists_them(filled, capsys):
    cli("backup", "--db", filled)
    made = Path(capsys.readouterr().out.strip())
    assert cli("restore", "--db", filled) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "date;taille;clients;motif;sauvegarde"
    _date, size, clients, reason, path = lines[1].split(";")
    assert clients == "250" and reason == "manuelle" and Path(path) == made
    assert size.endswith(" Ko") and "," in size


def test_restore_replaces_the_file_after_backing_it_up(filled, capsys):
    cli("backup", "--db", filled)
    made = capsys.readouterr().out.strip()
    with Database(filled) as database:
        ContactStore(database).create({"last_name": "Ajouté après"})
    assert cli("restore", made, "--db", filled) == 0
    err = capsys.readouterr().err
    assert "a été remplacé par la sauvegarde" in err and "ancien contenu a été sauvegardé" in err
    assert count(filled) == 250
    safety = [b for b in backups.list_backups(filled) if b.reason == "restauration"]
    assert len(safety) == 1 and safety[0].clients == 251


def test_restore_refuses_a_damaged_backup_in_french(filled, tmp_path, capsys):
    cli("backup", "--db", filled)
    made = Path(capsys.readouterr().out.strip())
    bad = damage(made, tmp_path / "abimee.sqlite")
    before = filled.read_bytes()
    assert cli("restore", bad, "--db", filled) == 1
    assert "est endommagée" in capsys.readouterr().err
    assert filled.read_bytes() == before


def test_check_of_a_damaged_file_names_the_backup_and_the_restore_command(filled, capsys):
    cli("backup", "--db", filled)
    made = capsys.readouterr().out.strip()
    damage(filled, filled.with_name("abime.tmp")).replace(filled)
    assert cli_maintenance.run_check(argparse.Namespace(db=str(filled))) == 1
    out = capsys.readouterr().out
    assert f"Dernière sauvegarde correcte : « {made} »" in out and "250 client(s)" in out
    assert f'crmdesk restore "{made}" --db "{filled}"' in out


def test_a_command_that_meets_a_damaged_file_sets_it_aside_and_says_what_to_do(filled, capsys):
    cli("backup", "--db", filled)
    made = capsys.readouterr().out.strip()
    filled.write_bytes(b"\0" * 100 + filled.read_bytes()[100:])
    message = cli_maintenance.recover(filled)
    assert "est endommagé" in message and "mis de côté, intact, sous « clients.endommagé-" in message
    assert f'crmdesk restore "{made}" --db "{filled}"' in message
    assert not filled.exists()
    assert cli("restore", made, "--db", filled) == 0  # the command given works
    assert count(filled) == 250
    assert cli_maintenance.recover(filled) is None  # a sound file: nothing to say


def test_check_never_names_an_empty_or_cut_backup_the_latest_good_one(filled, capsys):
    cli("backup", "--db", filled)
    made = Path(capsys.readouterr().out.strip())
    folder = made.parent
    (folder / "clients-20991231-235900-fermeture.sqlite").write_bytes(b"")  # newer by name, empty
    (folder / "clients-20991231-235959-quotidienne.sqlite").write_bytes(made.read_bytes()[:20_000])  # cut
    damage(filled, filled.with_name("abime.tmp")).replace(filled)
    assert cli_maintenance.run_check(argparse.Namespace(db=str(filled))) == 1
    out = capsys.readouterr().out
    assert f"Dernière sauvegarde correcte : « {made} »" in out and "250 client(s)" in out
    assert (
        "2 fichiers du dossier des sauvegardes sont incomplets ou illisibles (vides ou coupés) : crmdesk ne "
        "les compte pas"
    ) in out and "clients-20991231-235900-fermeture.sqlite" in out
    assert cli("restore", "--db", filled) == 0
    listing = capsys.readouterr().out
    assert "clients-20991231-235959-quotidienne.sqlite" in listing and ";illisible;quotidienne;" in listing
    assert cli("restore", folder / "clients-20991231-235900-fermeture.sqlite", "--db", filled) == 1
    assert "incomplète ou illisible" in capsys.readouterr().err
