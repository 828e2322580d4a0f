"""Files holding personal data are their owner's only, whatever the umask, and
the paths crmdesk makes beside the client file (its lock, the attachments
folder) are never followed through a link someone planted there."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from crmdesk.cli.main import main
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.files import PlantedLink

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX rights and symbolic links")


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def complaint(db_path):
    with Database(db_path, create=True) as database:
        client = ContactStore(database).create({"last_name": "Martin", "city": "Metz"})
        ComplaintStore(database).create(
            {"contact_id": client, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 22, 10, 15)
        )
    return db_path


# -- owner-only ---------------------------------------------------------------------------------------------------
def test_a_new_client_file_and_its_log_are_owner_only(umask_022, db_path):
    with Database(db_path, create=True) as database:
        ContactStore(database).create({"last_name": "Martin"})
        assert mode(db_path) == 0o600
        assert mode(db_path.with_name("clients.sqlite-wal")) == 0o600
        assert mode(db_path.with_name("clients.sqlite-shm")) == 0o600
        assert mode(db_path.with_name("clients.sqlite.lock")) == 0o600


def test_an_existing_file_readable_by_all_becomes_owner_only_when_opened(umask_022, complaint):
    for tail in ("", "-wal", "-shm"):
        path = complaint.with_name(complaint.name + tail)
        if path.exists():
            os.chmod(path, 0o644)
    with Database(complaint) as database:
        ContactStore(database).create({"last_name": "Durand"})
        assert {mode(complaint.with_name(complaint.name + t)) for t in ("", "-wal", "-shm")} == {0o600}


def test_the_demo_and_an_import_write_owner_only_files(umask_022, tmp_path, capsys):
    assert main(["demo", "boldair", "--out", str(tmp_path / "demo.sqlite")]) == 0
    assert mode(tmp_path / "demo.sqlite") == 0o600
    source = tmp_path / "c.csv"
    source.write_text("nom;ville\nMartin;Metz\n", encoding="utf-8")
    assert main(["import", "clients", str(source), "--db", str(tmp_path / "neuf.sqlite")]) == 0
    assert mode(tmp_path / "neuf.sqlite") == 0o600


def test_attachments_and_their_folder_are_owner_only(umask_022, complaint, tmp_path):
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8 jpeg")
    os.chmod(source, 0o644)
    with Database(complaint) as database:
        store = ComplaintStore(database)
        stored = store.attach(1, source)
        assert mode(store.attachments_dir) == 0o700
        assert mode(store.attachment_path(stored)) == 0o600
        assert store.attachment_path(stored).read_bytes() == b"\xff\xd8 jpeg"


# -- planted links ------------------------------------------------------------------------------------------------
def test_a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched(complaint, tmp_path, capsys):
    target = tmp_path / "precieux.txt"
    target.write_text("ne pas effacer", encoding="utf-8")
    lock = complaint.with_name("clients.sqlite.lock")
    lock.unlink()
    lock.symlink_to(target)
    with pytest.raises(PlantedLink, match="lien symbolique"):
        Database(complaint)
    assert main(["config", "set", "complaints.day_kind", "ouvres", "--db", str(complaint)]) == 1
    assert "« clients.sqlite.lock » est un lien symbolique" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "ne pas effacer"


def test_a_lock_file_planted_as_a_hard_link_is_refused(complaint, tmp_path):
    target = tmp_path / "precieux.txt"
    target.write_text("ne pas effacer", encoding="utf-8")
    lock = complaint.with_name("clients.sqlite.lock")
    lock.unlink()
    os.link(target, lock)
    with pytest.raises(PlantedLink, match="autre nom d'un fichier"):
        Database(complaint)
    assert target.read_text(encoding="utf-8") == "ne pas effacer"


def test_an_attachments_folder_planted_as_a_link_is_refused(complaint, tmp_path):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    complaint.with_name("clients-pieces").symlink_to(elsewhere, target_is_directory=True)
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8 jpeg")
    with Database(complaint) as database:
        store = ComplaintStore(database)
        with pytest.raises(PlantedLink, match="« clients-pieces » est un lien symbolique"):
            store.attach(1, source)
        with pytest.raises(PlantedLink):
            store.attachment_path("R-2026-0001-abcdef012345.jpg")
        assert store.attachments(1) == []
    assert list(elsewhere.iterdir()) == []
