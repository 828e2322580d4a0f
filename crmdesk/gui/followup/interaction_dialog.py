"""One interaction with a client: add or edit (docs/domain/07-follow-up-and-loyalty.md).

Channel, direction, what it was (an exchange, a meeting, a quote sent: the
last two get a follow-up reminder), date and time (« 23/11/2026 14:30 »),
subject, notes and rep. « CROC template » writes the four headings of a
phone call's notes (Contact, Reason, Objective, Conclusion) into the notes.
Checked by the store's rules (domain/interactions.py), each French reason
under its field; saved by `save(values)` (the store by default).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import interactions as rules
from crmdesk.domain.errors import CrmError
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.common.field_errors import INVALID_STYLE, add_field_row, end_submit, problems_of, show_problems
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.session import Session
from crmdesk.store.database import Database

# the domain's French field names in ValidationError.problems -> the dialog's fields
_FIELD_OF = {"date": "at", "canal": "channel", "sens": "direction", "type": "kind", "objet": "subject"}


def channels() -> dict[str, str]:
    return {
        "phone": QCoreApplication.translate("Interactions", "Phone"),
        "email": QCoreApplication.translate("Interactions", "Email"),
        "mail": QCoreApplication.translate("Interactions", "Mail"),
        "visit": QCoreApplication.translate("Interactions", "Visit"),
        "video": QCoreApplication.translate("Interactions", "Video call"),
        "social": QCoreApplication.translate("Interactions", "Social network"),
        "counter": QCoreApplication.translate("Interactions", "Counter"),
    }


def directions() -> dict[str, str]:
    return {
        "out": QCoreApplication.translate("Interactions", "Outgoing (we reached the client)"),
        "in": QCoreApplication.translate("Interactions", "Incoming (the client reached us)"),
    }


def kinds() -> dict[str, str]:
    return {
        "contact": QCoreApplication.translate("Interactions", "Exchange"),
        "meeting": QCoreApplication.translate("Interactions", "Meeting (follow-up reminder)"),
        "quote": QCoreApplication.translate("Interactions", "Quote sent (follow-up reminder)"),
    }


def croc_headings() -> tuple[str, str, str, str]:
    return (
        QCoreApplication.translate("Interactions", "Contact"),
        QCoreApplication.translate("Interactions", "Reason"),
        QCoreApplication.translate("Interactions", "Objective"),
        QCoreApplication.translate("Interactions", "Conclusion"),
    )


def format_moment(iso: str | None) -> str:
    """« 2026-11-23T14:30 » -> « 23/11/2026 14:30 »."""
    if not iso:
        return ""
    return rules.parse_moment(iso).strftime("%d/%m/%Y %H:%M")


class InteractionDialog(FormDialog):
    """Add (interaction_id None) or edit one interaction of `contact_id`; asks before dropping changes."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        contact_id: int,
        interaction_id: int | None = None,
        parent: QWidget | None = None,
        now: dt.datetime | None = None,
    ):
        super().__init__(parent)
        self.store = session.interactions
        self.contact_id = contact_id
        self.interaction_id = interaction_id
        self.now = now
        self.setObjectName("InteractionDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setWindowTitle(self.tr("New exchange") if interaction_id is None else self.tr("Exchange"))
        self.channel_combo = self._combo(channels())
        self.direction_combo = self._combo(directions())
        self.kind_combo = self._combo(kinds())
        self.at_edit = QLineEdit(self)
        self.at_edit.setPlaceholderText(self.tr("dd/mm/yyyy hh:mm"))
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setMaxLength(rules.SUBJECT_MAX)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.rep_combo = QComboBox(self)
        self.rep_combo.addItem("—", None)
        for rep in self.store.reps():
            self.rep_combo.addItem(rep["name"], rep["id"])
        self.croc_button = QPushButton(self.tr("&CROC template"), self)
        self.croc_button.setObjectName("crocTemplate")
        self.croc_button.setToolTip(self.tr("Notes of a phone call: Contact, Reason, Objective, Conclusion"))
        self.croc_button.setAutoDefault(False)
        self.croc_button.clicked.connect(lambda _checked=False: self.fill_croc())
        self.editors = {
            "at": self.at_edit,
            "channel": self.channel_combo,
            "direction": self.direction_combo,
            "kind": self.kind_combo,
            "subject": self.subject_edit,
            "notes": self.notes_edit,
            "rep_id": self.rep_combo,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption in (
            ("at", self.tr("&Date and time:")),
            ("channel", self.tr("C&hannel:")),
            ("direction", self.tr("D&irection:")),
            ("kind", self.tr("&What:")),
            ("subject", self.tr("&Subject:")),
            ("notes", self.tr("&Notes:")),
            ("rep_id", self.tr("&Rep:")),
        ):
            self.errors[field] = add_field_row(form, self, field, self.editors[field], caption)
            if field == "notes":
                form.addRow("", self.croc_button)
        self.summary, self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._load()
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.resize(520, 480)
        self.mark_clean()

    def _combo(self, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices.items():
            combo.addItem(text, code)
        return combo

    @staticmethod
    def _select(combo: QComboBox, code) -> None:
        combo.setCurrentIndex(max(combo.findData(code), 0))

    def _load(self) -> None:
        row = self.store.get(self.interaction_id) if self.interaction_id is not None else None
        if row is None:
            self.at_edit.setText((self.now or dt.datetime.now()).strftime("%d/%m/%Y %H:%M"))
            return
        self.at_edit.setText(format_moment(row["at"]))
        for field in ("channel", "direction", "kind", "rep_id"):
            self._select(self.editors[field], row[field])
        self.subject_edit.setText(row["subject"] or "")
        self.notes_edit.setPlainText(row["notes"] or "")

    def _channel_changed(self, *_args) -> None:
        """A visit or a video call is a meeting, unless the user said otherwise."""
        if self.channel_combo.currentData() in ("visit", "video") and self.kind_combo.currentData() == "contact":
            self._select(self.kind_combo, "meeting")

    def fill_croc(self) -> None:
        """The four CROC headings, after what the notes already hold."""
        template = rules.croc_template(croc_headings())
        current = self.notes_edit.toPlainText().rstrip()
        self.notes_edit.setPlainText(f"{current}\n\n{template}" if current else template)
        self.notes_edit.setFocus()

    # -- checking and saving -------------------------------------------------------------------
    def values(self) -> dict:
        return {
            "contact_id": self.contact_id,
            "at": self.at_edit.text(),
            "channel": self.channel_combo.currentData(),
            "direction": self.direction_combo.currentData(),
            "kind": self.kind_combo.currentData(),
            "subject": self.subject_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "rep_id": self.rep_combo.currentData(),
        }

    def _save(self, values: dict) -> int:
        """The one way an exchange is saved (exchanges are not on the undo stack)."""
        if self.interaction_id is None:
            return self.store.add(values, now=self.now)
        self.store.update(self.interaction_id, values, now=self.now)
        return self.interaction_id

    def show_problems(self, problems: dict[str, str]) -> None:
        show_problems(problems, self.errors, self.editors, self.summary)

    def submit(self) -> bool:
        problems: dict[str, str] = {}
        try:
            rules.validate(self.values(), now=self.now)
            self.interaction_id = self._save(self.values())
        except CrmError as exc:
            problems = problems_of(exc, _FIELD_OF)
        return end_submit(self, problems, self.interaction_id)

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, contact_id: int, interaction_id: int | None = None
    ) -> int | None:
        """Run the dialog (modal); the saved interaction's id, None when cancelled."""
        dialog = cls(database, contact_id, interaction_id, parent)
        return dialog.interaction_id if dialog.exec() == QDialog.DialogCode.Accepted else None
