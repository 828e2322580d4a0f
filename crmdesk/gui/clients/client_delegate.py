"""The client table's cells, filled from the model's formatted rows.

Qt's delegate asks the model for seven roles of every cell at each paint
(font, alignment, colours, check state, icon, text, background): seven calls
into Python per cell, some 430 cells a screen, redrawn at every keystroke of a
search. The client model answers only the text and the alignment, so this
delegate takes both in one call per cell; the drawing itself stays Qt's
(the same pixels: tests/gui/test_client_delegate.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_LINE_SEPARATOR = "\u2028"  # what Qt's displayText() puts for a line break: one line per cell


class ClientCellDelegate(QStyledItemDelegate):
    """For a view of a ClientTableModel (its `shown` and `alignment`)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        option.index = index
        option.styleObject = None  # as Qt's: no style animation inside a cell
        model = index.model()
        text = model.shown(index.row(), index.column())
        if text is None:  # a row gone since the paint began
            return
        option.features |= _HAS_DISPLAY
        option.text = text.replace("\n", _LINE_SEPARATOR) if "\n" in text else text
        alignment = model.alignment(index.column())
        if alignment is not None:
            option.displayAlignment = alignment
