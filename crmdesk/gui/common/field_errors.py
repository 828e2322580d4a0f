"""The French reason shown under a form field, and the red frame of the field it is about.

A dialog sets INVALID_STYLE on itself; an editor whose « invalid » property is
true is then framed in red.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from crmdesk.domain.errors import CrmError, ValidationError

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"], '
    'QTableView[invalid="true"] '
    "{ border: 2px solid #c0392b; border-radius: 3px; background: #fdf0ef; }"
)
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


def add_field_row(form: QFormLayout, parent: QWidget, field: str, editor: QWidget, caption: str) -> QLabel:
    """A « caption: editor » row whose label is the editor's buddy, the error line under the editor
    (the editor named `field`); returns that error line."""
    editor.setObjectName(field)
    error = error_label(parent, field)
    label = QLabel(caption, parent)
    label.setBuddy(editor)
    form.addRow(label, field_cell(parent, editor, error))
    return error


def show_problems(
    problems: dict[str, str], errors: dict[str, QLabel], editors: dict[str, QWidget], summary: QLabel
) -> None:
    """Each field's reason under it (the others cleared); the reason of no field ("") in `summary`."""
    for field, error in errors.items():
        show_reason(error, editors[field], problems.get(field))
    other = problems.get("")
    summary.setText(other or "")
    summary.setVisible(bool(other))


def problems_of(exc: CrmError, field_of: dict[str, str]) -> dict[str, str]:
    """A refused save as {dialog field: French reason}: a ValidationError's problems renamed by
    `field_of` (the domain's field names; one it does not know goes to ""), any other error under ""."""
    if isinstance(exc, ValidationError):
        return {field_of.get(field, ""): why for field, why in exc.problems.items()}
    return {"": str(exc)}


def end_submit(dialog, problems: dict[str, str], saved_id) -> bool:
    """The end of a form dialog's submit(): its problems shown and the dialog kept open (False),
    or `saved(saved_id)` emitted and the dialog accepted (True)."""
    if problems:
        dialog.show_problems(problems)
        return False
    dialog.saved.emit(saved_id)
    dialog.accept()
    return True
