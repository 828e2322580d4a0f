"""The automatic reminders of the open file: each switchable, its days (docs/domain/07-follow-up-and-loyalty.md).

Stored in the file's settings (``reminders.*``, TaskStore.set_reminder_settings,
one transaction, audited); the rules are written in domain/reminders.py.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from crmdesk.domain import reminders as rules
from crmdesk.domain.errors import CrmError
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.session import Session
from crmdesk.store.database import Database


class ReminderSettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ReminderSettingsDialog")
        self.setWindowTitle(self.tr("Automatic reminders"))
        self.store = session.tasks
        current = self.store.reminder_settings()
        self.switches: dict[str, QCheckBox] = {}
        self.days: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for field, text in (
            (
                "reorder_enabled",
                self.tr("&Reorder: the client is late on its usual interval (median gap between its orders)"),
            ),
            ("followup_enabled", self.tr("&Follow-up after a meeting or a quote")),
            ("birthday_enabled", self.tr("&Birthday wishes")),
            ("loyalty_enabled", self.tr("&Loyalty card or points about to expire")),
            ("complaint_enabled", self.tr("&Complaint answer date")),
        ):
            box = self.switches[field] = QCheckBox(text, self)
            box.setObjectName(field)
            box.setChecked(getattr(current, field))
            form.addRow(box)
            days = {
                "followup_enabled": ("followup_days", self.tr("days after")),
                "birthday_enabled": ("birthday_days_before", self.tr("days before")),
                "loyalty_enabled": ("loyalty_days_before", self.tr("days before the expiry")),
                "complaint_enabled": ("complaint_days_before", self.tr("days before the answer date")),
            }.get(field)
            if days is not None:
                self._spin(form, days[0], days[1], current)
        self._spin(form, "lookahead_days", self.tr("Reminders appear this many days ahead"), current)
        note = QLabel(self.tr("A reminder is never created twice, even after it was ticked done."), self)
        note.setWordWrap(True)
        self.summary, self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _spin(self, form: QFormLayout, field: str, caption: str, current: rules.ReminderSettings) -> None:
        spin = self.days[field] = QSpinBox(self)
        spin.setObjectName(field)
        spin.setRange(*rules.DAY_LIMITS)
        spin.setValue(getattr(current, field))
        form.addRow(caption, spin)

    def chosen(self) -> rules.ReminderSettings:
        values = {f: box.isChecked() for f, box in self.switches.items()}
        values.update({f: spin.value() for f, spin in self.days.items()})
        return dataclasses.replace(rules.ReminderSettings(), **values)

    def submit(self) -> bool:
        try:
            self.store.set_reminder_settings(self.chosen())
        except CrmError as exc:
            self.summary.setText(str(exc))
            self.summary.show()
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database) -> rules.ReminderSettings | None:
        dialog = cls(database, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
