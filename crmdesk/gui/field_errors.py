"""The French reason shown under a form field, and the red frame of the field it is about.

A dialog sets INVALID_STYLE on itself; an editor whose « invalid » property is
true is then framed in red.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

INVALID_STYLE = ("QLineEdit[invalid=\"true\"], QPlainTextEdit[invalid=\"true\"], QComboBox[invalid=\"true\"], "
                 "QTableView[invalid=\"true\"] "
                 "{ border: 2px solid #c0392b; border-radius: 3px; background: #fdf0ef; }")
_RED = "color: #a93226;"


def error_label(parent: QWidget, field: str | None = None) -> QLabel:
    """The hidden line under a field (named « <field>_error » for tests)."""
    error = QLabel(parent)
    if field is not None:
        error.setObjectName(f"{field}_error")
    error.setWordWrap(True)
    error.setStyleSheet(_RED)
    error.hide()
    return error


def summary_label(parent: QWidget, name: str | None = "summary") -> QLabel:
    """The hidden line above the buttons for what no field shows."""
    summary = QLabel(parent)
    if name is not None:
        summary.setObjectName(name)
    summary.setWordWrap(True)
    summary.setStyleSheet(_RED + " font-weight: bold;")
    summary.hide()
    return summary


def field_cell(parent: QWidget, widget: QWidget, error: QLabel) -> QWidget:
    """`widget` with its error line right under it, for a QFormLayout row."""
    cell = QWidget(parent)
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return cell


def show_reason(error: QLabel, editor: QWidget, reason: str | None) -> None:
    """Show (or clear) `reason` under `editor` and frame it; re-polish only when that changes."""
    error.setText(reason or "")
    error.setVisible(bool(reason))
    if bool(editor.property("invalid")) != bool(reason):
        editor.setProperty("invalid", bool(reason))
        editor.style().unpolish(editor)
        editor.style().polish(editor)
