"""A full disk during an import, an export, an access export or a backup: one French message, the
earlier data intact, nothing half-written left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk.cli.main import main
from crmdesk.io.clients import import_clients
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import StorageFull
from tests.helpers.gdpr_person import CODE, make_person
from tests.helpers.small_disk import files_in, fill, small_disk
from tests.io.helpers import write_csv

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("No space left", "Errno", "Exception ignored", "closed database", "Traceback", "trigger")


def many_rows(tmp_path: Path, count: int = 20_000) -> Path:
    return write_csv(
        tmp_path / "gros.csv",
        ["nom", "prenom", "ville", "notes"],
        [[f"NOUVEAU{i}", "Jean", "Paris", "x" * 100] for i in range(count)],
    )


def few_rows(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "petit.csv", ["nom", "prenom"], [[f"ANCIEN{i}", "Zoé"] for i in range(10)])


def run(*args) -> subprocess.CompletedProcess:
    """The command as the user runs it (a process of its own: what it prints when it exits counts too)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def one_french_message(err: str) -> None:
    assert "Le disque est plein" in err, err
    for word in ENGLISH:
        assert word not in err, err


def earlier_data_intact(db: Path) -> None:
    with Database(db, writer=False) as database:
        assert database.query("PRAGMA integrity_check")[0][0] == "ok"
        names = [r[0] for r in database.query("SELECT last_name FROM contacts ORDER BY id")]
        assert names == [f"ANCIEN{i}" for i in range(10)]
        assert database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'") == 1
        found = ContactStore(database).page(ContactQuery(search="ancien7"), 10).rows
        assert [r["last_name"] for r in found] == ["ANCIEN7"]


@pytest.mark.file_only(
    "the file's size limit (PRAGMA max_page_count) stands for its disk; a server's disk is the server's"
)
def test_a_file_that_cannot_grow_during_an_import_says_the_disk_is_full(database, db_path, tmp_path):
    """SQLite's own limit on the file's size stands for the disk (runs everywhere)."""
    import_clients(database, few_rows(tmp_path))
    pages = database.scalar("PRAGMA page_count")
    database.conn.execute(f"PRAGMA max_page_count = {pages + 30}")
    with pytest.raises(StorageFull) as error:
        import_clients(database, many_rows(tmp_path))
    assert "Le disque est plein" in str(error.value) and "trigger" not in str(error.value)
    assert not database.conn.in_transaction
    database.close()
    earlier_data_intact(db_path)


@pytest.mark.slow
def test_an_import_onto_a_full_disk(tmp_path):
    with small_disk(tmp_path / "disque", 2048) as disk:
        db = disk / "clients.sqlite"
        assert main(["import", "clients", str(few_rows(tmp_path)), "--db", str(db)]) == 0
        done = run("import", "clients", many_rows(tmp_path), "--db", db)
        assert done.returncode == 1
        one_french_message(done.stderr)
        earlier_data_intact(db)
        assert files_in(disk) <= {
            "clients.sqlite",
            "clients.sqlite.lock",
            "clients.sqlite-wal",
            "clients.sqlite-shm",
            "clients.sauvegardes",
            *(f"clients.sauvegardes/{p.name}" for p in (disk / "clients.sauvegardes").iterdir()),
        }


@pytest.mark.parametrize("out", ["clients.csv", "clients.xlsx", "clients.vcf"])
def test_an_export_onto_a_full_disk(sweetybio, tmp_path, out):
    with small_disk(tmp_path / "disque", 512) as disk:
        previous = disk / out
        previous.write_bytes(b"l'export d'hier")
        fill(disk, leave=8 * 1024)
        done = run("export", "clients", "--db", sweetybio.path, "--out", previous)
        assert done.returncode == 1
        one_french_message(done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
        assert previous.read_bytes() == b"l'export d'hier"  # the earlier export is kept
        assert files_in(disk) == {out}  # no temporary file left


def test_a_mailing_list_onto_a_full_disk(sweetybio, tmp_path):
    with small_disk(tmp_path / "disque", 512) as disk:
        fill(disk, leave=4 * 1024)
        done = run("export", "mailing", "--db", sweetybio.path, "--channel", "post", "--out", disk / "courrier.csv")
        assert done.returncode == 1
        one_french_message(done.stderr)
        assert files_in(disk) == set()


@pytest.mark.slow
def test_an_access_export_whose_pdf_does_not_fit_leaves_no_json(tmp_path):
    db = tmp_path / "clients.sqlite"
    with Database(db, create=True) as database:
        make_person(database, tmp_path)
    whole = tmp_path / "entier"
    assert run("gdpr", "export", "--db", db, "--client", CODE, "--out", whole).returncode == 0
    json_size = (whole / f"donnees-{CODE}.json").stat().st_size
    pdf_size = (whole / f"donnees-{CODE}.pdf").stat().st_size
    assert pdf_size > json_size + 16 * 1024, (json_size, pdf_size)
    with small_disk(tmp_path / "disque", 1024) as disk:
        fill(disk, leave=json_size + 12 * 1024)  # room for the JSON, not for the PDF
        done = run("gdpr", "export", "--db", db, "--client", CODE, "--out", disk / "acces")
        assert done.returncode == 1
        one_french_message(done.stderr)
        assert files_in(disk) <= {"acces"}  # neither file, no temporary one


def test_a_backup_onto_a_full_disk_leaves_no_journal(sweetybio, tmp_path):
    source = tmp_path / "clients.sqlite"
    shutil.copy(sweetybio.path, source)
    with small_disk(tmp_path / "disque", 1024) as disk:
        fill(disk, leave=64 * 1024)
        done = run("backup", "--db", source, "--to", disk)
        assert done.returncode == 1
        one_french_message(done.stderr)
        assert files_in(disk) == set()
