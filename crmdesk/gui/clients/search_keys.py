"""From the search box to the client table, by the keyboard.

    SearchKeys(window)      # in MainWindow's list of features

Enter or Down in the search box runs the search at once (no waiting for the
typing pause) and moves to the table, on the first row when none is chosen:
Enter there opens the client. Ctrl+E opens the client from the search box
too (the box would otherwise take it as « end of line »): the chosen row,
else the first one found.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from crmdesk.gui.feature import Feature


class SearchKeys(Feature):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("searchKeys")
        self.edit_keys = window.ui.actionEditClient.shortcuts() or [QKeySequence("Ctrl+E")]
        window.ui.searchEdit.installEventFilter(self)
        window.ui.searchEdit.returnPressed.connect(self.to_table)

    def _is_edit(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch for keys in self.edit_keys)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._is_edit(event):
            event.accept()  # ours, not the box's « end of line »: it comes back as a key press
            return True
        if kind == QEvent.Type.KeyPress:
            if self._is_edit(event):
                self.edit()
                return True
            if event.key() == Qt.Key.Key_Down and not event.modifiers():
                self.to_table()
                return True
        return super().eventFilter(watched, event)

    def _first_row(self) -> bool:
        """Search now; the current row chosen (the first one when none is). False when nothing is found."""
        window = self.window
        window.apply_filters()
        model = window.model
        if model is None or model.rowCount() == 0:
            return False
        table = window.ui.clientTable
        if not table.selectionModel().hasSelection():
            index = model.index(0, table.horizontalHeader().logicalIndex(0))
            table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            table.scrollTo(index)
        return True

    def to_table(self) -> None:
        self._first_row()
        self.window.ui.clientTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit(self) -> None:
        if self._first_row():
            self.window.edit_client()
