"""Fidélité › Réunions à domicile… : home parties and one party (docs/domain/07-follow-up-and-loyalty.md).

The list: date, host, ambassador, guests, orders, sales and the host's voucher
(10 % of the sales by default: the party's own rate; « issued » once given),
newest first, with the total of the year shown. New… / Edit… open the party
dialog: host and guests by their N° client (the name appears as typed), new
guests typed one per line (« NAME; First name ») become prospects of the
ambassador, referred by the host. Issue the voucher freezes its amount.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.contact import display_name
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import messages
from crmdesk.gui.common.actions import keep_dialog
from crmdesk.gui.common.field_errors import (
    INVALID_STYLE,
    end_submit,
    error_label,
    field_cell,
    show_reason,
    summary_label,
)
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.common.labels import number
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.session import Session
from crmdesk.store.parties import PartyStore

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CODES = re.compile(r"[\s,;]+")


class PartiesModel(ReadOnlyTableModel):
    """The parties, newest first."""

    def __init__(self, store: PartyStore, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Date"),
            self.tr("Host"),
            self.tr("Ambassador"),
            self.tr("Guests"),
            self.tr("Orders"),
            self.tr("Sales"),
            self.tr("Voucher"),
        )
        self.store = store
        self.refresh()

    def _fetch(self) -> list[dict]:
        return self.store.list()

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 6:
                text = format_eur(row["voucher_cents"])
                return self.tr("%1 (issued)").replace("%1", text) if row["voucher_id"] is not None else text
            return (
                format_date(row["date"]),
                f"{row['host_name']} ({row['host_code']})",
                row["ambassador_name"] or "",
                number(row["guests"]),
                number(row["orders"]),
                format_eur(row["sales_cents"]),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return self.tr("%1 % of the sales").replace("%1", f"{row['voucher_rate'] * 100:g}".replace(".", ","))
        return None


def parse_new_guests(text: str) -> list[dict]:
    """« DUPONT; Hélène » (or « DUPONT, Hélène », or just « DUPONT ») per line → contact fields."""
    people = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = re.split(r"\s*[;,]\s*", line.strip(), maxsplit=1)
        last, first = parts[0], parts[1] if len(parts) > 1 else ""
        people.append({"last_name": last, "first_name": first})
    return people


class PartyDialog(FormDialog):  # asks before dropping changes (form_dialog)
    """Create (party_id None) or change a party; `saved(party_id)` when stored."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        party_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("PartyDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.store = session.parties
        self.contacts = session.contacts
        self.party_id = party_id
        self.setWindowTitle(self.tr("New home party") if party_id is None else self.tr("Home party"))
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        day = session.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.host_edit = QLineEdit(self)
        self.host_edit.setObjectName("host")
        self.host_edit.setPlaceholderText(self.tr("N° client of the host"))
        self.host_name = QLabel(self)
        self.host_name.setObjectName("hostName")
        self.ambassador_combo = QComboBox(self)
        self.ambassador_combo.setObjectName("ambassador")
        self.ambassador_combo.addItem("—", None)
        for rep in session.reps.reps():
            self.ambassador_combo.addItem(rep["name"], rep["id"])
        self.rate_spin = QDoubleSpinBox(self)
        self.rate_spin.setObjectName("voucherRate")
        self.rate_spin.setRange(0, 100)
        self.rate_spin.setSuffix(" %")
        self.rate_spin.setValue(self.store.default_rate() * 100)
        self.guests_edit = QLineEdit(self)
        self.guests_edit.setObjectName("guests")
        self.guests_edit.setPlaceholderText(self.tr("N° client of each guest, separated by spaces or commas"))
        self.guest_names = QLabel(self)
        self.guest_names.setObjectName("guestNames")
        self.guest_names.setWordWrap(True)
        self.new_guests_edit = QPlainTextEdit(self)
        self.new_guests_edit.setObjectName("newGuests")
        self.new_guests_edit.setPlaceholderText(self.tr("One per line: NAME; First name"))
        self.new_guests_edit.setTabChangesFocus(True)
        self.new_guests_edit.setMaximumHeight(90)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("notes")
        self.errors = {f: error_label(self, f) for f in ("host", "date", "guests", "voucher_rate")}
        self.editors = {
            "host": self.host_edit,
            "date": self.date_edit,
            "guests": self.guests_edit,
            "voucher_rate": self.rate_spin,
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        host_cell = QWidget(self)
        host_row = QHBoxLayout(host_cell)
        host_row.setContentsMargins(0, 0, 0, 0)
        host_row.addWidget(self.host_edit)
        host_row.addWidget(self.host_name, 1)
        for caption, widget, field in (
            (self.tr("&Date:"), self.date_edit, "date"),
            (self.tr("&Host:"), host_cell, "host"),
            (self.tr("&Ambassador:"), self.ambassador_combo, None),
            (self.tr("Host's &voucher:"), self.rate_spin, "voucher_rate"),
            (self.tr("&Guests:"), self.guests_edit, "guests"),
            ("", self.guest_names, None),
            (self.tr("&New guests:"), self.new_guests_edit, None),
            (self.tr("N&otes:"), self.notes_edit, None),
        ):
            label = QLabel(caption, self)
            label.setBuddy(self.host_edit if field == "host" else widget)
            form.addRow(label, field_cell(self, widget, self.errors[field]) if field else widget)
        self.summary = summary_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.host_edit.textChanged.connect(self._show_host)
        self.guests_edit.textChanged.connect(self._show_guests)
        self._load()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def _load(self) -> None:
        party = self.store.get(self.party_id) if self.party_id is not None else None
        if party is None:
            return
        day = dt.date.fromisoformat(party["date"])
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.host_edit.setText(party["host_code"])
        self.ambassador_combo.setCurrentIndex(max(0, self.ambassador_combo.findData(party["ambassador_id"])))
        self.rate_spin.setValue(party["voucher_rate"] * 100)
        self.guests_edit.setText(" ".join(g["code"] for g in party["guest_list"]))
        self.notes_edit.setText(party["notes"] or "")

    # -- codes to contacts ---------------------------------------------------------------------
    def _contact(self, code: str) -> dict | None:
        contact_id = self.contacts.id_of_code(code)
        contact = self.contacts.get(contact_id) if contact_id is not None else None
        return contact if contact and not contact["deleted_at"] else None

    def _show_host(self, text: str) -> None:
        contact = self._contact(text.strip()) if text.strip() else None
        self.host_name.setText(display_name(contact) if contact else "")
        if contact and contact["rep_id"] is not None and self.party_id is None:
            index = self.ambassador_combo.findData(contact["rep_id"])
            if index >= 0:
                self.ambassador_combo.setCurrentIndex(index)

    def _show_guests(self, text: str) -> None:
        names = []
        for code in filter(None, _CODES.split(text)):
            contact = self._contact(code)
            names.append(display_name(contact) if contact else self.tr("%1: unknown").replace("%1", code))
        self.guest_names.setText(", ".join(names))

    # -- saving ----------------------------------------------------------------------------------
    def values(self) -> tuple[dict, dict[str, str]]:
        """(the party to store, problems found before the store's own checks)."""
        problems = {}
        host = self._contact(self.host_edit.text().strip())
        if self.host_edit.text().strip() and host is None:
            problems["host"] = self.tr("no client with this number")
        guests, unknown = [], []
        for code in filter(None, _CODES.split(self.guests_edit.text())):
            contact = self._contact(code)
            if contact:
                guests.append(contact["id"])
            else:
                unknown.append(code)
        if unknown:
            problems["guests"] = self.tr("unknown N° client: %1").replace("%1", ", ".join(unknown))
        day = self.date_edit.date()
        values = {
            "host_id": host["id"] if host else None,
            "ambassador_id": self.ambassador_combo.currentData(),
            "date": dt.date(day.year(), day.month(), day.day()).isoformat(),
            "voucher_rate": round(self.rate_spin.value() / 100, 4),
            "notes": self.notes_edit.text() or None,
            "guests": guests,
            "new_guests": parse_new_guests(self.new_guests_edit.toPlainText()),
        }
        return values, problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, error in self.errors.items():
            show_reason(error, self.editors[field], problems.get(field))
        other = "\n".join(v for k, v in problems.items() if k not in self.errors)
        self.summary.setText(other)
        self.summary.setVisible(bool(other))

    def submit(self) -> bool:
        values, problems = self.values()
        if not problems:
            try:
                self.party_id = self.store.save(values, self.party_id)
            except ValidationError as exc:
                problems = dict(exc.problems)
            except CrmError as exc:
                problems = {"": str(exc)}
        return end_submit(self, problems, self.party_id)


class PartiesDialog(QDialog):
    """The list of parties, with New…, Edit… and Issue the voucher."""

    partyDialogOpened = Signal(object)  # the PartyDialog, for whoever drives it (tests)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PartiesDialog")
        self.setWindowTitle(self.tr("Home parties"))
        self.session = session
        self.store = session.parties
        self.model = PartiesModel(self.store, self)
        self.table = read_only_table(self, self.model, "parties")
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.edit_party(self.model.id_at(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton(self.tr("&New…"), self)
        self.new_button.setObjectName("newParty")
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editParty")
        self.voucher_button = QPushButton(self.tr("&Issue the voucher"), self)
        self.voucher_button.setObjectName("issueVoucher")
        self.new_button.clicked.connect(lambda _checked=False: self.new_party())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_party())
        self.voucher_button.clicked.connect(lambda _checked=False: self.issue_voucher())
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.voucher_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("total")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(close)
        self.party_dialog: PartyDialog | None = None
        self.resize(860, 480)
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_id()
        self.model.refresh()
        rows = self.model.rows
        self.total_label.setText(
            self.tr("%1 parties, %2 of sales, %3 of vouchers")
            .replace("%1", number(len(rows)))
            .replace("%2", format_eur(sum(r["sales_cents"] for r in rows)))
            .replace("%3", format_eur(sum(r["voucher_cents"] for r in rows)))
        )
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        party_id = self.current_id()
        self.edit_button.setEnabled(party_id is not None)
        row = self.model.rows[self.model.row_of(party_id)] if party_id is not None else None
        self.voucher_button.setEnabled(bool(row and row["voucher_id"] is None and row["sales_cents"] > 0))

    def new_party(self) -> PartyDialog:
        return self._open(None)

    def edit_party(self, party_id: int | None = None) -> PartyDialog | None:
        party_id = party_id if party_id is not None else self.current_id()
        return self._open(party_id) if party_id is not None else None

    def _open(self, party_id: int | None) -> PartyDialog:
        if self.party_dialog is not None:
            self.party_dialog.close()
        dialog = PartyDialog(self.session, party_id, self)
        dialog.saved.connect(lambda saved: self.refresh(saved))
        keep_dialog(self, "party_dialog", dialog)
        dialog.open()
        self.partyDialogOpened.emit(dialog)
        return dialog

    def issue_voucher(self) -> bool:
        party_id = self.current_id()
        if party_id is None:
            return False
        try:
            self.store.issue_voucher(party_id, self.session.today())
        except CrmError as exc:
            messages.error(self, self.tr("Issue the voucher"), str(exc))
            return False
        self.refresh(party_id)
        return True
