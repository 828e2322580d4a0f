"""Edition › Trash: when each client was deleted, and emptying it for good after a confirmation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from crmdesk.store.contacts import ContactQuery
from crmdesk.store.orders import NewOrder, OrderStore


def trash(window, *codes: str) -> list[int]:
    ids = [window.store.id_of_code(code) for code in codes]
    for contact in ids:
        window.select_contact(contact)
        window.delete_clients()
    return ids


def column(dialog, header: str) -> list[str]:
    model = dialog.model
    number = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.index(r, number).data() for r in range(model.rowCount())]


def test_the_trash_shows_when_each_client_was_deleted_the_latest_first(qtbot, window, qtmodeltester):
    trash(window, "C000003", "C000001")
    window.store.conn.execute("UPDATE contacts SET deleted_at = '2026-11-20T09:15:00' WHERE code = 'C000003'")
    dialog = window.show_trash()
    qtbot.waitExposed(dialog)
    dialog.refresh()
    qtmodeltester.check(dialog.model)
    header = dialog.table.horizontalHeader()
    assert header.visualIndex(dialog.model.DELETED) == 0  # the first column shown
    dates = column(dialog, "Deleted on")
    assert dates[1] == "20/11/2026 09:15"
    assert re.fullmatch(r"\d\d:\d\d", dates[0].removeprefix(dt.date.today().strftime("%d/%m/%Y ")))
    assert column(dialog, "Name") == ["DUPONT Hélène", "DURAND Paul"]
    dialog.table.sortByColumn(dialog.model.DELETED, Qt.SortOrder.AscendingOrder)  # oldest first
    assert column(dialog, "Name") == ["DURAND Paul", "DUPONT Hélène"]


def test_emptying_asks_then_deletes_for_good_and_keeps_clients_with_orders(qtbot, window, monkeypatch):
    helene, paul = trash(window, "C000001", "C000003")
    OrderStore(window.database).create(NewOrder(helene, "2026-11-02", 5_000), today=dt.date(2026, 11, 23))
    dialog = window.show_trash()
    qtbot.waitExposed(dialog)
    dialog.refresh()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text, *args: asked.append(text) or QMessageBox.StandardButton.No
    )
    dialog.empty_button.click()
    assert asked and asked[0].startswith("1 client will be deleted for good")
    assert "1 client will stay in the trash" in asked[0]
    assert dialog.model.rowCount() == 2  # « No »: nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    undo_before = window.undo_stack.count()
    assert undo_before == 2
    with qtbot.waitSignal(dialog.emptied):
        dialog.empty_button.click()
    assert window.store.get(paul) is None and window.store.get(helene) is not None
    assert dialog.model.rowCount() == 1 and column(dialog, "Name") == ["DUPONT Hélène"]
    assert (
        dialog.outcome.text() == "1 client deleted for good. 1 client kept in the trash (orders, complaints "
        "or home parties)."
    )
    assert window.undo_stack.count() == 0  # no undo can name a deleted client
    assert window.store.count(ContactQuery(trash=True)) == 1


def test_a_trash_of_clients_with_orders_only_says_why_nothing_goes(qtbot, window, monkeypatch):
    (helene,) = trash(window, "C000001")
    OrderStore(window.database).create(NewOrder(helene, "2026-11-02", 5_000), today=dt.date(2026, 11, 23))
    dialog = window.show_trash()
    qtbot.waitExposed(dialog)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *args: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("nothing to confirm"))
    assert dialog.empty() is None
    assert told and told[0].startswith("Nothing can be deleted for good")
    assert window.store.get(helene) is not None and window.undo_stack.count() == 1
