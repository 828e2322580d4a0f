"""Complaint attachments on a server: kept in its base (the PCs share no
folder), so that another PC opens the same attachment; 20 MB at most, refused
with the reason in the interface language; the user's file name only data
until « Save as » writes the bytes where the user chose; erased with the
client; carried both ways by `crmdesk server copy` and checked there."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from crmdesk import i18n
from crmdesk.domain.errors import CrmError
from crmdesk.gui.complaints.detail import ComplaintDetail
from crmdesk.gui.session import Session
from crmdesk.store import complaints as complaint_store
from crmdesk.store.complaints import ComplaintStore, attachment_save_name
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.gdpr import erase
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from tests.helpers.gui import OFFSCREEN_LIMITS
from tests.hostile.test_attachment_names import CONTENT, user_file
from tests.hostile.values import HOSTILE_PATHS, HOSTILE_TEXT, assert_french

SCAN = b"%PDF-1.4 bon de livraison\x00\xff" * 1000
PHOTO = b"\xff\xd8\xff\xe0 photo du pot" * 50


@pytest.fixture
def server(pg_url):
    database = ServerDatabase(pg_url, create=True)
    yield database
    database.close()


def complaint_on(database, code: str = "C1", name: str = "Durand") -> int:
    client = ContactStore(database).create({"code": code, "last_name": name})
    return ComplaintStore(database).create(
        {"contact_id": client, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 20, 10, 0)
    )


def folders_under(path) -> list[str]:
    return sorted(os.path.relpath(root, path) for root, _dirs, _files in os.walk(path))


def test_an_attachment_added_on_one_pc_opens_on_another(server, pg_url, tmp_path):
    complaint = complaint_on(server)
    scan = tmp_path / "bon de livraison.pdf"
    scan.write_bytes(SCAN)
    stored = ComplaintStore(server).attach(complaint, scan)
    assert stored.startswith("REC-2026-0001-") and stored.endswith(".pdf")
    assert folders_under(tmp_path) == ["."]  # no folder made anywhere: the bytes are in the base
    other_pc = ServerDatabase(pg_url)
    try:
        store = ComplaintStore(other_pc)
        (row,) = store.attachments(complaint)
        assert (row["stored_name"], row["original_name"]) == (stored, "bon de livraison.pdf")
        assert store.attachment_content(stored) == SCAN
        (tmp_path / "ailleurs").mkdir()
        saved = store.save_attachment(stored, tmp_path / "ailleurs" / "copie.pdf")
    except CrmError as exc:
        pytest.fail(str(exc))
    finally:
        other_pc.close()
    assert saved.read_bytes() == SCAN
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    events = [e["action"] for e in ComplaintStore(server).events(complaint)]
    assert events[-1] == "attachment"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_file_past_the_cap_is_refused_with_the_reason(server, tmp_path, language):
    complaint = complaint_on(server)
    big = tmp_path / "vidéo.mp4"
    with open(big, "wb") as out:
        out.truncate(complaint_store.SERVER_ATTACHMENT_LIMIT + 300_000)
    i18n.set_language(language)
    with pytest.raises(CrmError) as refused:
        ComplaintStore(server).attach(complaint, big)
    expected = {
        "fr": "« vidéo.mp4 » pèse 21 Mo : sur un serveur, une pièce jointe fait au plus 20 Mo",
        "en": "“vidéo.mp4” weighs 21 MB: on a server, an attachment is 20 MB at most",
    }
    assert str(refused.value).startswith(expected[language])
    assert ComplaintStore(server).attachments(complaint) == []
    assert server.scalar("SELECT count(*) FROM attachment_contents") == 0


def test_a_fifo_is_refused_not_waited_on(server, tmp_path):
    complaint = complaint_on(server)
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    with pytest.raises(CrmError, match="n'est pas un fichier"):
        ComplaintStore(server).attach(complaint, fifo)


@pytest.mark.parametrize("name", HOSTILE_TEXT + HOSTILE_PATHS)
def test_a_hostile_name_is_only_data_on_a_server(server, tmp_path, name):
    complaint = complaint_on(server)
    source, exists = user_file(tmp_path, name)  # tests/hostile's: a name that is a path never becomes one
    store = ComplaintStore(server)
    before = folders_under(tmp_path)
    if not exists:
        with pytest.raises(CrmError) as refused:
            store.attach(complaint, source)
        assert_french(str(refused.value))
        assert store.attachments(complaint) == []
        return
    stored = store.attach(complaint, source)
    (row,) = store.attachments(complaint)
    assert row["original_name"] == source.name  # kept literally, as text
    assert folders_under(tmp_path) == before  # nothing written anywhere
    suggested = attachment_save_name(row["original_name"], stored)
    assert "/" not in suggested and "\\" not in suggested and suggested not in ("", ".", "..")
    assert all(ch.isprintable() for ch in suggested)
    target = store.save_attachment(stored, tmp_path / "choisi.bin")  # written where the user chose only
    assert target.read_bytes() == CONTENT and "choisi.bin" in os.listdir(tmp_path)


def test_an_erased_client_takes_the_attachments_bytes_with_it(server, tmp_path):
    complaint = complaint_on(server)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(SCAN)
    ComplaintStore(server).attach(complaint, scan)
    client = ComplaintStore(server).get(complaint)["contact_id"]
    erase(server, client)
    assert server.scalar("SELECT count(*) FROM attachment_contents") == 0


def test_server_copy_carries_the_attachments_both_ways(tmp_path, pg_url):
    path = tmp_path / "clients.sqlite"
    with Database(path, create=True) as file:
        first, second = complaint_on(file), complaint_on(file, "C2", "Martin")
        store = ComplaintStore(file)
        for complaint, (name, content) in ((first, ("scan.pdf", SCAN)), (second, ("photo.jpg", PHOTO))):
            source = tmp_path / name
            source.write_bytes(content)
            store.attach(complaint, source)
        stored = {r["original_name"]: r["stored_name"] for c in (first, second) for r in store.attachments(c)}
    there = transfer.to_server(path, pg_url)
    pieces = next(c for c in there if c.table == "attachment_contents")
    assert pieces.rows == 2
    with ServerDatabase(pg_url) as server:
        assert ComplaintStore(server).attachment_content(stored["scan.pdf"]) == SCAN
        assert ComplaintStore(server).attachment_content(stored["photo.jpg"]) == PHOTO
    back = tmp_path / "retour" / "clients.sqlite"
    back.parent.mkdir()
    again = transfer.to_file(pg_url, back)
    assert again == there
    folder = back.parent / "clients-pieces"
    assert sorted(os.listdir(folder)) == sorted(stored.values())
    assert (folder / stored["scan.pdf"]).read_bytes() == SCAN and (folder / stored["photo.jpg"]).read_bytes() == PHOTO
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE((folder / n).stat().st_mode) for n in os.listdir(folder)} == {0o600}
    with Database(back, writer=False) as file:
        assert ComplaintStore(file).attachment_content(stored["photo.jpg"]) == PHOTO


def test_a_copy_to_a_file_that_fails_leaves_no_attachment_behind(tmp_path, pg_url, monkeypatch):
    path = tmp_path / "clients.sqlite"
    with Database(path, create=True) as file:
        complaint = complaint_on(file)
        source = tmp_path / "scan.pdf"
        source.write_bytes(SCAN)
        ComplaintStore(file).attach(complaint, source)
    transfer.to_server(path, pg_url)
    real = transfer._file_pieces_check

    def tampered(target):  # a byte changed on the way to the disk: the check reads the files back
        next((target.path.parent / "clients-pieces").iterdir()).write_bytes(b"autre chose")
        return real(target)

    monkeypatch.setattr(transfer, "_file_pieces_check", tampered)
    back = tmp_path / "retour" / "clients.sqlite"
    back.parent.mkdir()
    with pytest.raises(CrmError, match="attachment_contents"):
        transfer.to_file(pg_url, back)
    assert os.listdir(back.parent) == []


@pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
def test_the_complaint_window_on_a_server_adds_then_saves_as_and_opens(qtbot, server, tmp_path, monkeypatch):
    complaint = complaint_on(server)
    detail = ComplaintDetail(Session(server))
    qtbot.addWidget(detail)
    detail.show_complaint(complaint)
    photo = tmp_path / "photo du pot.jpg"
    photo.write_bytes(PHOTO)
    asked, opened = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    chosen = tmp_path / "téléchargé.jpg"

    def save_as(parent, title, suggested, *rest, **options):
        asked.append((title, os.path.basename(suggested)))
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    detail.add_attachment()
    assert detail.attachments.count() == 1 and detail.attachments.item(0).text() == "photo du pot.jpg"
    detail.attachments.itemActivated.emit(detail.attachments.item(0))
    assert asked == [("Save the attachment as", "photo du pot.jpg")]
    assert opened == [str(chosen)] and chosen.read_bytes() == PHOTO
