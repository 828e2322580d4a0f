"""A client file on read-only media (a CD, a read-only share): reading works,
`check` says it is sound, nothing is ever written, writing is refused in French."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk.cli.main import main
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import ReadOnlyFile
from tests.helpers.damaged_files import files_of
from tests.helpers.read_only import can_mount, mounted_read_only, read_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def on_cd(tmp_path):
    """A closed client file (WAL mode, no -wal nor -shm beside it) in its own folder."""
    folder = tmp_path / "cd"
    folder.mkdir()
    path = folder / "clients.sqlite"
    with Database(path, create=True) as database:
        store = ContactStore(database)
        store.create({"code": "C1", "last_name": "Lefèvre", "first_name": "Hélène", "city": "Évreux"})
        store.create({"code": "C2", "last_name": "Garçon", "first_name": "François", "city": "Orléans"})
    assert sorted(p.name for p in folder.iterdir()) == ["clients.sqlite", "clients.sqlite.lock"]
    (folder / "clients.sqlite.lock").unlink()  # a CD holds the file only
    return path


def test_reading_works_and_nothing_is_written(on_cd):
    before = files_of(on_cd)
    with read_only(on_cd.parent):
        with Database(on_cd, writer=False) as database:
            assert [r["code"] for r in database.query("SELECT code FROM contacts ORDER BY code")] == ["C1", "C2"]
        with pytest.raises(ReadOnlyFile, match="lecture seule"):
            Database(on_cd)
        assert files_of(on_cd) == before and sorted(p.name for p in on_cd.parent.iterdir()) == ["clients.sqlite"]


def test_check_export_and_a_write_on_read_only_media(on_cd, capsys, tmp_path):
    with read_only(on_cd.parent):
        assert main(["check", "--db", str(on_cd)]) == 0
        out = capsys.readouterr().out
        assert "Support en lecture seule : le fichier est lu sans rien y écrire" in out
        assert "Intégrité SQLite : correcte" in out and "Aucun problème trouvé." in out
        assert main(["export", "clients", "--db", str(on_cd), "--out", str(tmp_path / "clients.csv")]) == 0
        assert "LEFÈVRE;Hélène" in (tmp_path / "clients.csv").read_text(encoding="utf-8-sig")
        assert main(["config", "set", "complaints.day_kind", "ouvres", "--db", str(on_cd)]) == 1
        err = capsys.readouterr().err
        assert "« clients.sqlite » ne peut pas être modifié" in err and "lecture seule" in err
        assert "Traceback" not in err


@pytest.mark.skipif(not can_mount(), reason="a read-only bind mount needs root and unshare (CAP_SYS_ADMIN)")
def test_on_a_read_only_mount_check_and_export_work(on_cd, tmp_path):
    """The real thing: the file's folder mounted read-only (EROFS), crmdesk run as a program."""
    mount = tmp_path / "montage"
    environment = {"PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8", "PATH": "/usr/bin:/bin"}

    def run(*args):
        return mounted_read_only(
            on_cd.parent, mount, [sys.executable, "-m", "crmdesk", *args], env=environment, timeout=120, cwd=ROOT
        )

    done = run("check", "--db", str(mount / "clients.sqlite"))
    assert done.returncode == 0, done.stderr
    assert "Aucun problème trouvé." in done.stdout and "Support en lecture seule" in done.stdout
    done = run("export", "clients", "--db", str(mount / "clients.sqlite"), "--out", "-")
    assert done.returncode == 0 and "GARÇON" in done.stdout, done.stderr
    done = run("config", "set", "complaints.day_kind", "ouvres", "--db", str(mount / "clients.sqlite"))
    assert done.returncode == 1 and "lecture seule" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in on_cd.parent.iterdir()) == ["clients.sqlite"]
    assert subprocess.run(["mountpoint", "-q", str(mount)], check=False).returncode != 0  # gone with the process
