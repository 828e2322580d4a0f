"""crmdesk gdpr export / erase / retention / requests, in-process.

The commands are registered on a parser of their own, as crmdesk/cli/main.py
registers them (register + the « gdpr » handler), with main()'s handling of
French errors (exit code 1)."""

import csv
import io
import json

import pytest

from crmdesk.cli import gdpr as command
from crmdesk.store import backups
from tests.helpers.backend import handed_over
from tests.helpers.cli import cli
from tests.helpers.gdpr_person import CODE, EMAIL, leaked, make_person

pytestmark = pytest.mark.file_only(
    "the person (tests/helpers/gdpr_person.py) is written by raw SQL a server's JSON columns refuse, with an "
    "attachment in the file's folder"
)


@pytest.fixture
def path(database, tmp_path):
    make_person(database, tmp_path)
    # her old contact dates (her duplicate, merged today, has none: only its creation counts)
    database.conn.execute(
        "UPDATE contacts SET last_contact = '2020-01-01', first_contact = '2020-01-01' WHERE code = ?", (CODE,)
    )
    database.conn.execute("UPDATE orders SET date = '2022-06-01'")
    db_path = handed_over(database)
    return db_path


def test_export_writes_both_files(path, tmp_path, capsys):
    out = tmp_path / "acces"
    assert cli("gdpr", "export", "--db", path, "--client", CODE, "--out", out) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "donnees-BA0042.pdf"), str(out / "donnees-BA0042.json")]
    assert json.loads((out / "donnees-BA0042.json").read_text(encoding="utf-8"))["contact"]["email"] == EMAIL
    assert (out / "donnees-BA0042.pdf").read_bytes().startswith(b"%PDF")
    assert cli("gdpr", "export", "--db", path, "--client", "NOPE", "--out", out) == 1
    assert "introuvable" in capsys.readouterr().err


def test_erase_needs_yes(path, capsys):
    assert cli("gdpr", "erase", "--db", path, "--client", CODE) == 1
    assert "irréversible" in capsys.readouterr().err and "revel" in leaked(path)
    assert cli("gdpr", "erase", "--db", path, "--client", CODE, "--yes") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "ANON-000001"
    (backup,) = backups.list_backups(path)  # taken just before: she is still in it
    assert "Sauvegarde faite avant l'anonymisation" in captured.err
    assert b"REVEL" in backup.path.read_bytes()
    assert "2 clients anonymisés" in captured.err and "2 commandes conservées" in captured.err
    assert "liste d'opposition" in captured.err
    assert leaked(path) == []
    assert cli("gdpr", "erase", "--db", path, "--client", CODE, "--yes") == 1
    assert "introuvable" in capsys.readouterr().err


def test_help_states_the_backup_policy(capsys):
    assert cli("gdpr", "erase", "--help") == 0
    assert "au plus cinq semaines" in capsys.readouterr().out


def test_retention_lists_then_purges(path, capsys):
    assert cli("gdpr", "retention", "--db", path, "--as-of", "2026-11-23") == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["code"], r["reason"], r["last_activity"], r["in_trash"]) for r in rows] == [
        ("BA0042", "no_purchase", "2022-06-01", "0")
    ]  # her duplicate, created today, is not due…
    assert "1 client à purger" in captured.err
    assert cli("gdpr", "retention", "--db", path, "--as-of", "2026-11-23", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)[0]["reason_text"] == "Client sans achat depuis le 01/06/2022"
    assert cli("gdpr", "retention", "--db", path, "--purge") == 1
    assert "--yes" in capsys.readouterr().err
    assert cli("gdpr", "retention", "--db", path, "--as-of", "2026-11-23", "--purge", "--yes") == 0
    assert "2 clients anonymisés (BA0042)" in capsys.readouterr().err  # … but goes with her
    assert leaked(path) == []
    assert cli("gdpr", "retention", "--db", path, "--as-of", "2026-11-23") == 0
    assert capsys.readouterr().out.strip() == ",".join(command._RETENTION_COLUMNS)


def test_requests_register(path, capsys):
    assert cli("gdpr", "requests", "--db", path, "--add", "erasure", "--client", CODE, "--received", "2026-01-31") == 0
    assert "réponse due le 28/02/2026" in capsys.readouterr().out
    assert (
        cli(
            "gdpr",
            "requests",
            "--db",
            path,
            "--add",
            "opposition",
            "--requester",
            "M. Inconnu",
            "--received",
            "2026-11-20",
        )
        == 0
    )
    capsys.readouterr()
    assert cli("gdpr", "requests", "--db", path, "--as-of", "2026-11-25", "--open") == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["kind"], r["due_on"], r["state"]) for r in rows] == [
        ("erasure", "2026-02-28", "overdue"),
        ("access", "2026-12-02", "due_soon"),
        ("opposition", "2026-12-20", "open"),
    ]
    assert "2 demandes en retard" not in captured.err and "1 demande en retard, 1 à rendre" in captured.err
    assert cli("gdpr", "requests", "--db", path, "--answer", rows[0]["id"], "--on", "2026-02-10") == 0
    assert cli("gdpr", "requests", "--db", path, "--as-of", "2026-11-23", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert listed[-1]["answered_on"] == "2026-02-10"
    assert cli("gdpr", "requests", "--db", path, "--add", "oubli") == 2
    assert cli("gdpr", "requests", "--db", path, "--add", "access") == 1
    assert "demandeur" in capsys.readouterr().err
