"""The combo box that edits a column's field on the columns page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the kind's fields (first: ignore the column)."""

    def createEditor(self, parent, option, index):
        model = index.model()
        combo = QComboBox(parent)
        combo.addItem(QCoreApplication.translate("ImportWizard", "(ignored)"), "")
        for name in model.fields():
            combo.addItem(model.field_text(name), name)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
