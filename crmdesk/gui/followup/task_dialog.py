"""One task: add or edit (docs/domain/07-follow-up-and-loyalty.md).

Title, kind, due date (« 24/11/2026 ») or date and time (« 24/11/2026
09:30 »), client (type part of a name, pick it in the list), rep, notes.
Checked by domain/reminders.py validate_task, each French reason under its
field; saved to the store (TaskStore) and `saved(task_id)` emitted.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.common.contact_picker import ContactPicker
from crmdesk.gui.common.field_errors import INVALID_STYLE, add_field_row, end_submit, problems_of, show_problems
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.followup.texts import format_when, task_kinds
from crmdesk.gui.session import Session
from crmdesk.store.database import Database

_FIELD_OF = {"titre": "title", "type": "kind", "échéance": "due_at"}


class TaskDialog(FormDialog):
    """Add (task_id None; for `contact_id` when given) or edit a task; asks before dropping changes."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        task_id: int | None = None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = session.tasks
        self.task_id = task_id
        self.setObjectName("TaskDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setWindowTitle(self.tr("New task") if task_id is None else self.tr("Task"))
        self.title_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        for code, text in task_kinds().items():
            self.kind_combo.addItem(text, code)
        self.due_edit = QLineEdit(self)
        self.due_edit.setPlaceholderText(self.tr("dd/mm/yyyy or dd/mm/yyyy hh:mm"))
        self.client_edit = ContactPicker(session.contacts, False, self)
        self.client_edit.setPlaceholderText(self.tr("Type part of a name, then pick the client"))
        self.rep_combo = QComboBox(self)
        self.rep_combo.addItem("—", None)
        for rep in session.contacts.reps():
            self.rep_combo.addItem(rep["name"], rep["id"])
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.editors = {
            "title": self.title_edit,
            "kind": self.kind_combo,
            "due_at": self.due_edit,
            "contact_id": self.client_edit,
            "rep_id": self.rep_combo,
            "notes": self.notes_edit,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption in (
            ("title", self.tr("&Title:")),
            ("kind", self.tr("&Kind:")),
            ("due_at", self.tr("&Due:")),
            ("contact_id", self.tr("&Client:")),
            ("rep_id", self.tr("&Rep:")),
            ("notes", self.tr("&Notes:")),
        ):
            self.errors[field] = add_field_row(form, self, field, self.editors[field], caption)
        self.summary, self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._load(contact_id)
        self.resize(480, 400)
        self.mark_clean()

    def _load(self, contact_id: int | None) -> None:
        task = self.store.get(self.task_id) if self.task_id is not None else None
        if task is None:
            self.client_edit.set_contact(contact_id)
            return
        self.title_edit.setText(task["title"])
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(task["kind"]), 0))
        self.due_edit.setText(format_when(task["due_at"]))
        self.client_edit.set_contact(task["contact_id"])
        self.rep_combo.setCurrentIndex(max(self.rep_combo.findData(task["rep_id"]), 0))
        self.notes_edit.setPlainText(task["notes"] or "")

    def show_problems(self, problems: dict[str, str]) -> None:
        show_problems(problems, self.errors, self.editors, self.summary)

    def submit(self) -> bool:
        problems: dict[str, str] = {}
        try:
            values = {
                "title": self.title_edit.text(),
                "kind": self.kind_combo.currentData(),
                "due_at": self.due_edit.text(),
                "contact_id": self.client_edit.contact_id(),
                "rep_id": self.rep_combo.currentData(),
                "notes": self.notes_edit.toPlainText(),
            }
        except CrmError as exc:  # a client name that names nobody
            problems["contact_id"] = str(exc)
        else:
            try:
                if self.task_id is None:
                    self.task_id = self.store.create(values)
                else:
                    self.store.update(self.task_id, values)
            except CrmError as exc:
                problems = problems_of(exc, _FIELD_OF)
        return end_submit(self, problems, self.task_id)

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, task_id: int | None = None, contact_id: int | None = None
    ) -> int | None:
        dialog = cls(database, task_id, contact_id, parent)
        return dialog.task_id if dialog.exec() == QDialog.DialogCode.Accepted else None
