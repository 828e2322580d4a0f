"""Attachment file names with path tricks (« ../../etc/passwd »,
« C:\\Windows\\win.ini », « con.txt », right-to-left overrides, NUL bytes):
a complaint's attachment is copied into the managed folder under a name
crmdesk makes, whatever the user's file is called; the user's name is kept
as text only and shown literally; a stored name read back from the file
never points outside the folder."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from PySide6.QtCore import Qt

from crmdesk.domain.errors import CrmError
from crmdesk.gui.complaints.detail import ComplaintDetail
from crmdesk.gui.session import Session
from crmdesk.store.complaints import ComplaintStore
from tests.helpers.paths import UnsafeName, file_in
from tests.helpers.today import TODAY
from tests.hostile.values import HOSTILE_PATHS, HOSTILE_TEXT, assert_french

CONTENT = b"%PDF-1.4 bon de livraison"


@pytest.fixture
def complaint(database, contacts):
    client = contacts.create({"code": "C1", "last_name": "Durand"})
    return ComplaintStore(database).create(
        {"contact_id": client, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 20, 10, 0)
    )


def user_file(tmp_path, name: str):
    """The user's file called `name` and whether it could be made: a name that
    is a path (absolute, « .. ») never becomes one (tests/helpers/paths.py)."""
    folder = tmp_path / "documents" / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        source = file_in(folder, name)
    except UnsafeName:  # « /etc/passwd », « ../../x »: a path, not a file name
        return folder / "introuvable" / "piece", False
    try:
        source.write_bytes(CONTENT)
    except (OSError, ValueError):  # too long, a NUL byte
        return source, False
    return source, True


def files_outside(tmp_path, managed) -> set[str]:
    return {
        os.path.relpath(os.path.join(root, f), tmp_path)
        for root, _dirs, names in os.walk(tmp_path)
        for f in names
        if not os.path.join(root, f).startswith(str(managed))
    }


@pytest.mark.parametrize("name", HOSTILE_TEXT + HOSTILE_PATHS)
def test_attach_copies_inside_the_managed_folder(database, complaint, tmp_path, name):
    store = ComplaintStore(database)
    source, exists = user_file(tmp_path, name)
    managed = store.attachments_dir.resolve()
    before = files_outside(tmp_path, managed)
    if not exists:
        with pytest.raises(CrmError) as refused:
            store.attach(complaint, source)
        assert_french(str(refused.value))
        assert store.attachments(complaint) == []
    else:
        stored = store.attach(complaint, source)
        assert re.fullmatch(r"REC-2026-0001-[0-9a-f]{12}(\.[a-z0-9]{1,10})?", stored), stored
        path = store.attachment_path(stored)
        assert path.parent == managed and path.read_bytes() == CONTENT
        (row,) = store.attachments(complaint)
        assert (row["stored_name"], row["original_name"]) == (stored, source.name)
        assert sorted(os.listdir(managed)) == [stored]
    assert files_outside(tmp_path, managed) - {"clients.sqlite-wal", "clients.sqlite-shm"} <= before


@pytest.mark.parametrize("name", HOSTILE_TEXT + HOSTILE_PATHS)
def test_a_stored_name_never_leaves_the_folder(database, name):
    """A name read from the file (which anyone may have edited) is checked again."""
    store = ComplaintStore(database)
    managed = store.attachments_dir.resolve()
    try:
        path = store.attachment_path(name)
    except CrmError as exc:
        assert_french(str(exc))
        return
    assert path.parent == managed


@pytest.mark.parametrize("name", HOSTILE_TEXT + HOSTILE_PATHS)
def test_the_complaint_window_lists_the_name_as_typed(qtbot, boxes, database, complaint, tmp_path, name):
    detail = ComplaintDetail(Session(database, today=lambda: TODAY))
    qtbot.addWidget(detail)
    detail.show_complaint(complaint)
    source, exists = user_file(tmp_path, name)
    stored = detail.add_attachment(source)
    shown = [detail.attachments.item(i) for i in range(detail.attachments.count())]
    if not exists:
        assert stored is None and shown == []
        ((_title, text),) = boxes
        assert_french(text)
        return
    assert boxes == []
    assert [(i.text(), i.data(Qt.ItemDataRole.UserRole)) for i in shown] == [(source.name, stored)]
