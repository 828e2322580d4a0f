"""« Nouvelle réclamation »: log a complaint the moment it arrives (docs/domain/05-complaints.md).

Made for the keyboard: the client is found by typing part of a name (a list
of « NOM Prénom (code) » to pick from; a name that matches one contact only
is taken as it is), then Tab through channel, kind, nature, service,
product and lot, subject, description, the two check boxes, priority and
reception date-time. Ctrl+Return saves from anywhere in the dialog.

The priority follows the triage rules (crmdesk.domain.complaints.
suggest_priority) as the kind and the check boxes change, until the user
sets it by hand. The store checks the values; a wrong field gets its French
reason under it and nothing is saved.

The dialog is not modal-blocking: open() it; `saved(complaint_id)` follows a
save. `save(values, received_at) -> id` defaults to ComplaintStore.create.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import complaints as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.common import labels
from crmdesk.gui.common.contact_picker import CODE_IN_LABEL, ContactPicker
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactQuery, ContactStore

# editors in tab order; the store's field names
# the store's French problem keys -> the dialog's fields
PROBLEM_FIELDS = {
    "client": "contact_id",
    "objet": "subject",
    "canal": "channel",
    "type": "kind",
    "produit": "product_id",
    "priorité": "priority",
}

FIELDS = (
    "contact_id",
    "channel",
    "kind",
    "nature",
    "service",
    "product_id",
    "lot",
    "subject",
    "description",
    "perishable",
    "urgent",
    "priority",
    "received_at",
    "owner",
)


class ClientPicker(ContactPicker):
    """ContactPicker for any contact; a name that matches one contact only is enough."""

    def __init__(self, store: ContactStore, parent=None):
        super().__init__(store, False, parent)
        self.editingFinished.connect(self._complete_unique)

    def _unique(self) -> dict | None:
        text = self.text().strip()
        if len(text) < 2 or CODE_IN_LABEL.search(text):
            return None
        rows = self.store.page(ContactQuery(search=text, sort="name"), 2).rows
        return rows[0] if len(rows) == 1 else None

    def _complete_unique(self) -> None:
        row = self._unique()
        if row is not None:
            self.setText(self.label_of(row))

    def contact_id(self) -> int | None:
        row = self._unique()
        if row is not None:
            return row["id"]
        text = self.text().strip()
        if text and not CODE_IN_LABEL.search(text) and self.store.id_of_code(text) is None:
            raise CrmError(self.tr("type part of the name and pick the client in the list"))
        return super().contact_id()


class ComplaintDialog(FormDialog):
    """Log a new complaint; asks before dropping what was typed (form_dialog)."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        contact_id: int | None = None,
        now: dt.datetime | None = None,
        owner: str | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ComplaintDialog")
        self.setWindowTitle(self.tr("New complaint"))
        self.setStyleSheet(INVALID_STYLE)
        self.setSizeGripEnabled(True)
        self.session = session
        self.contacts = session.contacts
        self.orders = session.orders
        self.complaint_id: int | None = None
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: dict[str, str] = {}
        self._priority_by_hand = False
        self._build(now or dt.datetime.now().replace(second=0, microsecond=0), owner)
        if contact_id is not None:
            self.client_edit.set_contact(contact_id)
            self.client_edit.selectAll()  # Tab keeps the client chosen in the table, typing replaces it
        self._suggest_priority()
        self.resize(620, 660)
        self.mark_clean()

    # -- building ------------------------------------------------------------------
    def _build(self, now: dt.datetime, owner: str | None) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.client_edit = ClientPicker(self.contacts, self)
        self.client_edit.setPlaceholderText(self.tr("type part of the name, pick the client in the list"))
        self._add(form, "contact_id", self.tr("C&lient:"), self.client_edit)
        self.channel_combo = self._add(form, "channel", self.tr("C&hannel:"), self._combo(rules.CHANNELS))
        # no kind chosen at first: a hurried entry must not become « health / safety », priority 1
        self.kind_combo = self._add(
            form, "kind", self.tr("&Kind:"), self._combo({None: self.tr("— choose the kind —"), **rules.KINDS})
        )
        self.nature_combo = self._add(form, "nature", self.tr("&Nature:"), self._combo({"": "—", **rules.NATURES}))
        self.service_combo = self._add(
            form, "service", self.tr("Se&rvice concerned:"), self._combo({"": "—", **{s: s for s in rules.SERVICES}})
        )
        products = {None: "—", **{p["id"]: p["name"] for p in self.orders.products(active_only=True)}}
        self.product_combo = self._add(form, "product_id", self.tr("&Product:"), self._combo(products))
        self.lot_edit = self._add(form, "lot", self.tr("L&ot:"), QLineEdit(self))
        self.lot_edit.setPlaceholderText(self.tr("batch number, e.g. L240615"))
        self.subject_edit = self._add(form, "subject", self.tr("&Subject:"), QLineEdit(self))
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(80)
        self._add(form, "description", self.tr("&Description:"), self.description_edit)

        self.perishable_check = QCheckBox(self.tr("P&erishable goods"), self)
        self.perishable_check.setToolTip(self.tr("A failed delivery of fresh products comes first"))
        self.urgent_check = QCheckBox(self.tr("&Urgent order"), self)
        self.urgent_check.setToolTip(self.tr("A stock-out on an urgent order comes before a special order"))
        self.perishable_check.setObjectName("perishable")
        self.urgent_check.setObjectName("urgent")
        self.editors["perishable"], self.editors["urgent"] = self.perishable_check, self.urgent_check
        checks = QHBoxLayout()
        checks.addWidget(self.perishable_check)
        checks.addWidget(self.urgent_check)
        checks.addStretch(1)
        form.addRow("", checks)

        self.priority_spin = QSpinBox(self)
        self.priority_spin.setRange(0, 10)
        self.priority_spin.setSpecialValueText("—")  # 0: the triage rules decide once the kind is known
        self.priority_spin.setToolTip(self.tr("1 = to handle first; suggested by the triage rules, you may change it"))
        self.suggestion_label = QLabel(self)
        self.suggestion_label.setObjectName("suggestionLabel")
        self.suggestion_label.setEnabled(False)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.priority_spin)
        line.addWidget(self.suggestion_label, 1)
        self._add(form, "priority", self.tr("Pr&iority:"), self.priority_spin, cell=row)

        self.received_edit = QDateTimeEdit(self)
        self.received_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDateTime(QDateTime(now.date(), now.time()))
        self._add(form, "received_at", self.tr("Recei&ved:"), self.received_edit)
        self.owner_edit = self._add(form, "owner", self.tr("Person in char&ge:"), QLineEdit(self))
        if owner:
            self.owner_edit.setText(owner)

        self.summary = summary_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Ctrl+Return saves."), self)
        hint.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.submit)
        self.kind_combo.currentIndexChanged.connect(self._suggest_priority)
        self.perishable_check.toggled.connect(self._suggest_priority)
        self.urgent_check.toggled.connect(self._suggest_priority)
        self.priority_spin.valueChanged.connect(self._priority_edited)
        order = [
            self.client_edit,
            self.channel_combo,
            self.kind_combo,
            self.nature_combo,
            self.service_combo,
            self.product_combo,
            self.lot_edit,
            self.subject_edit,
            self.description_edit,
            self.perishable_check,
            self.urgent_check,
            self.priority_spin,
            self.received_edit,
            self.owner_edit,
            self.buttons,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.client_edit.setFocus()

    def _combo(self, choices: dict) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices.items():
            combo.addItem(labels.shown(text), code)
        return combo

    def _add(self, form: QFormLayout, field: str, caption: str, editor: QWidget, cell: QWidget | None = None):
        editor.setObjectName(field)
        self.editors[field] = editor
        self.captions[field] = caption.replace("&", "").rstrip(" :\u00a0")
        error = self.errors[field] = error_label(self, field)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        form.addRow(label, field_cell(self, cell or editor, error))
        return editor

    # -- priority ------------------------------------------------------------------
    def suggested_priority(self) -> int | None:
        """The triage rank of what is typed; None until a kind is chosen."""
        kind = self.kind_combo.currentData()
        if kind is None:
            return None
        return rules.suggest_priority(
            kind, perishable=self.perishable_check.isChecked(), urgent=self.urgent_check.isChecked()
        )

    def _suggest_priority(self, *_args) -> None:
        suggested = self.suggested_priority()
        if suggested is None:
            self.suggestion_label.setText(self.tr("choose the kind: it sets the priority"))
        else:
            self.suggestion_label.setText(
                self.tr("suggested: %1 (%2)")
                .replace("%1", str(suggested))
                .replace("%2", labels.shown(rules.TRIAGE_REASONS.get(suggested, "")))
            )
        if not self._priority_by_hand:
            self.priority_spin.blockSignals(True)
            self.priority_spin.setValue(suggested or 0)
            self.priority_spin.blockSignals(False)

    def _priority_edited(self, value: int) -> None:
        self._priority_by_hand = value != (self.suggested_priority() or 0)

    # -- values --------------------------------------------------------------------
    def received_at(self) -> dt.datetime:
        return self.received_edit.dateTime().toPython().replace(second=0, microsecond=0)

    def values(self) -> tuple[dict, dict[str, str]]:
        """(values for ComplaintStore.create, problems found by the dialog itself)."""
        problems: dict[str, str] = {}
        try:
            contact_id = self.client_edit.contact_id()
        except CrmError as exc:
            contact_id = None
            problems["contact_id"] = str(exc)
        values = {
            "contact_id": contact_id,
            "channel": self.channel_combo.currentData(),
            "kind": self.kind_combo.currentData(),
            "nature": self.nature_combo.currentData() or "",
            "service": self.service_combo.currentData() or "",
            "product_id": self.product_combo.currentData(),
            "lot": self.lot_edit.text().strip() or None,
            "subject": self.subject_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip() or None,
            "priority": self.priority_spin.value() or None,  # « — »: the triage rules
            "owner": self.owner_edit.text().strip() or None,
            "perishable": self.perishable_check.isChecked(),
            "urgent": self.urgent_check.isChecked(),
        }
        if contact_id is None and "contact_id" not in problems:
            problems["contact_id"] = self.tr("required: type part of the client's name")
        if values["kind"] is None:
            problems["kind"] = self.tr("required: choose the kind of complaint (it sets the priority)")
        return values, problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, label in self.errors.items():
            reason = problems.get(field)
            show_reason(label, self.editors[field], reason)

    def submit(self) -> None:
        """Save when the store accepts the values; otherwise say why and stay open."""
        values, problems = self.values()
        if not problems:
            try:
                self.complaint_id = self._save(values, self.received_at())
            except ValidationError as exc:
                problems = {PROBLEM_FIELDS.get(k, k): v for k, v in exc.problems.items()}
            except CrmError as exc:
                self.show_problems({})
                self._refuse(str(exc))
                return
        if problems:
            self.show_problems(problems)
            self._refuse(
                self.tr("Not saved: %1").replace(
                    "%1", "; ".join(labels.named(self.captions.get(f, f), why) for f, why in problems.items())
                )
            )
            first = next((f for f in FIELDS if f in problems and f in self.editors), None)
            if first is not None:
                self.editors[first].setFocus()
            return
        self.show_problems({})
        self.saved.emit(self.complaint_id)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()

    def _save(self, values: dict, received_at: dt.datetime) -> int:
        """The one way a complaint is logged (not undoable: its reference and history are for good)."""
        return self.session.complaints.create(values, received_at=received_at)
