"""The client table's delegate draws exactly what Qt's own would draw."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QStyledItemDelegate

from crmdesk.gui.clients.client_delegate import ClientCellDelegate
from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.store.database import Database
from tests.helpers.window import open_window


def _pixels(table):
    table.viewport().repaint()
    return table.viewport().grab().toImage()


def test_the_cells_look_as_qts_own_delegate_draws_them(qtbot, qsettings, tmp_path, sweetybio_template):
    """The demo's clients (figures right-aligned, statuses, dates), one with a
    company too long for its column and one whose company an older program
    wrote on two lines; rows selected, one current: the same pixels."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(sweetybio_template, path)
    with Database(path) as database:
        first, second = [r[0] for r in database.conn.execute("SELECT id FROM contacts ORDER BY name_key LIMIT 2")]
        with database.conn:
            database.conn.execute(
                "UPDATE contacts SET company = ? WHERE id = ?",
                ("Société coopérative des producteurs réunis de la vallée de la Drôme", first),
            )
            database.conn.execute("UPDATE contacts SET company = ? WHERE id = ?", ("Deux\nlignes", second))
    window = open_window(qtbot, qsettings, path)
    table, model = window.ui.clientTable, window.model
    assert isinstance(table.itemDelegate(), ClientCellDelegate)
    revenue = COLUMN_KEYS.index("revenue_year_cents")
    assert any(model.shown(r, revenue) for r in range(min(model.rowCount(), 20)))  # figures to align
    selection = table.selectionModel()
    for row in (1, 3):
        selection.select(
            model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    table.setCurrentIndex(model.index(3, 2))
    table.setFocus()
    bar = table.horizontalScrollBar()
    ours = [_pixels(table)]
    table.scrollTo(model.index(3, revenue))  # the figures' columns, right-aligned
    ours.append((bar.value(), _pixels(table)))
    table.setItemDelegate(QStyledItemDelegate(table))
    assert _pixels(table) == ours[1][1]
    bar.setValue(0)
    assert _pixels(table) == ours[0]
    assert ours[1][0] > 0
    window.close()


def test_a_cell_shows_what_the_model_shows(window):
    """Every cell's text and alignment, from the delegate's one call, are the
    model's data() for those roles (what the accessibility and copy read)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    table, model = window.ui.clientTable, window.model
    delegate = table.itemDelegate()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == index.data(), (row, column)
            alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
            if alignment is not None:
                assert option.displayAlignment == alignment
