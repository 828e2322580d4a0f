"""Text another program wrote badly: « L\\xffon » (bytes 4c ff 6f 6e) in a first
name, a complaint event with a broken byte, a company stored as a BLOB.
crmdesk reads the text (« L\ufffdon »), `check` names each cell, `check
--repair` rewrites them in one transaction after a backup."""

from __future__ import annotations

import json
import sqlite3

import pytest
from pypdf import PdfReader

from crmdesk.cli.main import main
from crmdesk.store import backups, maintenance
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database

SHOWN = "L\ufffdon"


@pytest.fixture
def spoilt(tmp_path):
    """A client file, then what another program wrote into it."""
    path = tmp_path / "clients.sqlite"
    with Database(path, create=True) as database:
        contacts = ContactStore(database)
        leon = contacts.create({"code": "C1", "last_name": "Martin", "first_name": "Léon", "city": "Évreux"})
        contacts.create({"code": "C2", "last_name": "Garçon", "company": "Boulangerie", "city": "Metz"})
        complaint = ComplaintStore(database).create(
            {"contact_id": leon, "subject": "Colis abîmé", "channel": "phone", "kind": "delivery"}
        )
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET first_name = CAST(x'4cff6f6e' AS TEXT) WHERE code = 'C1'")
    conn.execute(
        "INSERT INTO complaint_events(complaint_id, at, phase, action, details, author) "
        "VALUES (?, '2026-11-23T10:00:00', 'reception', 'note', CAST(x'7b226e6f7465223a2022e922207d' "
        "AS TEXT), 'autre')",
        (complaint,),
    )
    conn.commit()
    conn.close()
    return path


def with_a_blob(path):
    """The company of C2 stored as a BLOB (bytes a program bound as such), not valid UTF-8 either."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET company = x'426f756c616e676572ff65' WHERE code = 'C2'")
    conn.commit()
    conn.close()
    return path


def test_the_file_is_read_with_a_replacement_character(spoilt, tmp_path, capsys):
    with Database(spoilt) as database:
        store = ContactStore(database)
        row = store.get(store.id_of_code("C1"))
        assert row["first_name"] == SHOWN and row["last_name"] == "MARTIN"
        assert [r["code"] for r in store.page(ContactQuery(), 10).rows] == ["C2", "C1"]
    assert main(["export", "clients", "--db", str(spoilt), "--out", str(tmp_path / "c.csv")]) == 0
    assert f"MARTIN;{SHOWN};" in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert main(["gdpr", "export", "--db", str(spoilt), "--client", "C1", "--out", str(tmp_path / "acces")]) == 0
    assert (
        json.loads((tmp_path / "acces" / "donnees-C1.json").read_text(encoding="utf-8"))["contact"]["first_name"]
        == SHOWN
    )
    assert main(["sheet", "--db", str(spoilt), "--client", "C1", "--out", str(tmp_path / "fiche.pdf")]) == 0
    assert "MARTIN" in PdfReader(tmp_path / "fiche.pdf").pages[0].extract_text()
    assert "Traceback" not in capsys.readouterr().err


def test_check_names_every_cell_of_invalid_text(spoilt, capsys):
    assert main(["check", "--db", str(with_a_blob(spoilt))]) == 1
    out = capsys.readouterr().out
    assert "Intégrité SQLite : correcte" in out
    # one problem, its three cells under it
    assert "1 problème trouvé :\n  - 3 valeurs de texte illisibles (octets qui ne sont pas de l'UTF-8" in out
    assert f"table « contacts », ligne 1 (C1), colonne « first_name » : « {SHOWN} »" in out
    assert "table « contacts », ligne 2 (C2), colonne « company » : « Boulanger\ufffde »" in out
    assert "table « complaint_events », ligne " in out and "colonne « details »" in out
    assert "crmdesk check --repair --db" in out and "crmdesk restore" not in out


def test_repair_rewrites_every_cell_in_one_transaction_after_a_backup(spoilt, capsys):
    assert main(["check", "--repair", "--db", str(with_a_blob(spoilt))]) == 0
    captured = capsys.readouterr()
    assert "3 valeurs de texte réécrites, en une transaction ; sauvegarde faite avant" in captured.err
    assert captured.out.rstrip().endswith("Aucun problème trouvé.")
    (copy,) = [b for b in backups.list_backups(spoilt, counts=False) if b.reason == "reparation"]
    assert maintenance.check(copy.path).bad_text == 3  # the backup holds the file as it was
    conn = sqlite3.connect(spoilt)
    try:
        assert conn.execute("SELECT first_name FROM contacts WHERE code = 'C1'").fetchone() == (SHOWN,)
        assert conn.execute("SELECT typeof(company), company FROM contacts WHERE code = 'C2'").fetchone() == (
            "text",
            "Boulanger\ufffde",
        )
        assert "l\ufffdon" in conn.execute("SELECT search_text FROM contacts WHERE code = 'C1'").fetchone()[0]
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "complaint_events_no_update" in triggers  # the append-only guard is back
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE complaint_events SET author = 'x'")
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'repair_text'").fetchone() == (1,)
    finally:
        conn.close()


def test_a_repair_that_fails_half_way_changes_nothing(spoilt, capsys):
    conn = sqlite3.connect(with_a_blob(spoilt))
    conn.execute(
        "CREATE TRIGGER refuse AFTER UPDATE OF first_name ON contacts BEGIN SELECT RAISE(ABORT, 'refusé'); END"
    )  # contacts come after complaint_events
    conn.commit()
    conn.close()
    assert main(["check", "--repair", "--db", str(spoilt)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "rien n'a été enregistré" in err
    assert maintenance.check(spoilt).bad_text == 3


def test_a_damaged_file_is_not_repaired(spoilt, capsys):
    data = bytearray(spoilt.read_bytes())
    data[-2000:] = bytes(2000)
    spoilt.write_bytes(bytes(data))
    before = spoilt.read_bytes()
    assert main(["check", "--repair", "--db", str(spoilt)]) == 1
    captured = capsys.readouterr()
    assert "le fichier est endommagé" in captured.out and "ne modifie jamais un fichier endommagé" in captured.err
    assert spoilt.read_bytes() == before
