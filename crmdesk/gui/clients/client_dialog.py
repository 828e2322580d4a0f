"""The client sheet dialog: every field of a contact, in four tabs.

Checked with crmdesk.domain.contact.validate as the user types (a field is
checked once the user leaves it, then at every keystroke while it is
wrong) and again on save: a wrong field is outlined and its French reason
written under it; saving is refused while any field is wrong, and the
message at the bottom says why.

The dialog is not modal-blocking: the main window opens it with open();
ClientDialog.ask() runs it with exec(). Either way Save goes one way: a
CreateContact or EditContact command (clients/commands.py) done and put on
the session's undo stack (session.py).

An existing contact also gets an « Orders » tab (orders/orders_tab.py);
its changes are saved at once (not with the sheet's Save button), each an
undoable command on the same stack; `ordersChanged(contact_id)` follows each
of them. « Complaints » and « Satisfaction » (survey answers,
complaints/surveys_tab.py) tabs sit before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import contact as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.clients.commands import CreateContact, EditContact
from crmdesk.gui.common import labels
from crmdesk.gui.common.contact_picker import ContactPicker
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.server import conflict_dialog
from crmdesk.store.concurrency import ConcurrentEdit

if TYPE_CHECKING:
    from crmdesk.gui.complaints.menu import ComplaintsFeature
    from crmdesk.gui.outreach.menu import OutreachFeature
    from crmdesk.gui.printing.menu import Printing
    from crmdesk.gui.session import Session

_DATE_FIELDS = {f.name for f in rules.FIELDS if f.kind == "date"}


class ClientDialog(FormDialog):
    """Create (contact_id None) or edit a contact; asks before dropping changes (form_dialog)."""

    saved = Signal(int)
    ordersChanged = Signal(int)  # contact id, after an order was added, edited or deleted

    def __init__(
        self,
        session: Session,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        *,
        printing: Printing | None = None,
        complaints: ComplaintsFeature | None = None,
        outreach: OutreachFeature | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.printing = printing  # the window's printing: « Print the sheet… » (none in a lone dialog)
        self.complaints = complaints  # the window's complaints: new ones and the queue are the window's
        self.outreach = outreach  # the window's Courrier: « Écrire un e-mail… »
        self.store = session.contacts
        self.orders_tab = None
        self.complaints_tab = None
        self.surveys_tab = None
        self.timeline_tab = None
        self.loyalty_tab = None
        self.contact_id = contact_id
        self.current = self.store.get(contact_id) if contact_id is not None else None
        self.seen = conflict_dialog.seen(session, contact_id)  # on a server: refused if saved elsewhere meanwhile
        self.result_values: dict | None = None
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: dict[str, str] = {}
        self._tab_of: dict[str, int] = {}
        self._touched: set[str] = set()
        self.setObjectName("ClientDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setSizeGripEnabled(True)
        self._build()
        self._load()
        self._kind_changed()
        if self.current:
            self.setWindowTitle(
                self.tr("Client %1 — %2")
                .replace("%1", self.current["code"])
                .replace("%2", rules.display_name(self.current))
            )
        else:
            self.setWindowTitle(self.tr("New client"))
            self.editors["last_name"].setFocus()  # a new client starts with the name
        self.resize(900 if self.orders_tab else 640, 560)  # every tab title visible
        self.mark_clean()

    # -- building ----------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._identity_tab(), self.tr("&Identity"))
        self.tabs.addTab(self._reach_tab(), self.tr("&Contact details"))
        self.tabs.addTab(self._relation_tab(), self.tr("&Relationship"))
        self.tabs.addTab(self._consent_tab(), self.tr("Consent / &GDPR"))
        if self.contact_id is not None and self.current is not None:
            from crmdesk.gui.orders.commands import UndoableOrderActions
            from crmdesk.gui.orders.orders_tab import OrdersTab

            session = self.session
            actions = UndoableOrderActions(
                session.orders, session.undo_stack, session.ordersChanged.emit, session.replay_failed
            )
            self.orders_tab = OrdersTab(session.orders, self.contact_id, actions, self, today=session.today())
            self.orders_tab.ordersChanged.connect(self._orders_changed)
            # no mnemonic: every letter of « Orders » / « Commandes » is taken on the other tabs
            self.tabs.addTab(self.orders_tab, self.tr("Orders"))
            from crmdesk.gui.complaints.complaints_tab import ComplaintsTab

            self.complaints_tab = ComplaintsTab(session, self.contact_id, self, complaints=self.complaints)
            # before « Orders » (kept last); no mnemonic either
            self.tabs.insertTab(self.tabs.count() - 1, self.complaints_tab, self.tr("Complaints"))
            from crmdesk.gui.complaints.surveys_tab import SurveysTab

            self.surveys_tab = SurveysTab(session, self.contact_id, self)
            self.tabs.insertTab(self.tabs.count() - 1, self.surveys_tab, self.tr("Satisfaction"))
            from crmdesk.gui.followup.timeline_tab import TimelineTab

            self.timeline_tab = TimelineTab(session, self.contact_id, self)
            self.tabs.insertTab(self.tabs.count() - 1, self.timeline_tab, self.tr("History"))
            from crmdesk.gui.loyalty.loyalty_tab import LoyaltyTab

            self.loyalty_tab = LoyaltyTab(session, self.contact_id, self)
            self.tabs.insertTab(self.tabs.count() - 1, self.loyalty_tab, self.tr("Loyalty"))
        self.summary = summary_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        refusal = getattr(self.session.database, "read_only", None)  # a server login that may only read
        if refusal:
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setEnabled(False)
            save.setToolTip(refusal)
        if self.current is not None:  # « Imprimer la fiche… »: this client's sheet in PDF
            from crmdesk.gui.outreach import email_dialog
            from crmdesk.gui.printing import menu as print_menu

            self.print_button = print_menu.sheet_button(self, self.buttons, self.contact_id, self.printing)
            # « Écrire un e-mail… »: this client, a template
            self.email_button = email_dialog.client_button(self, self.buttons, self.contact_id, self.outreach)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return page, form

    def _add(self, form: QFormLayout, field: str, caption: str, editor: QWidget) -> QWidget:
        """One row: caption (buddy, mnemonic), editor, and the error line under it."""
        editor.setObjectName(field)
        self.editors[field] = editor
        self.captions[field] = caption.replace("&", "")
        self._tab_of[field] = self.tabs.count()
        error = self.errors[field] = error_label(self, field)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        form.addRow(label, field_cell(self, editor, error))
        self._watch(field, editor)
        return editor

    def _line(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        return edit

    def _date(self) -> QLineEdit:
        edit = self._line(self.tr("dd/mm/yyyy"))
        edit.setMaximumWidth(140)
        return edit

    def _combo(self, choices: dict) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices.items():
            combo.addItem(text, code)
        return combo

    def _identity_tab(self) -> QWidget:
        page, form = self._page()
        self._add(form, "kind", self.tr("&Kind:"), self._combo(labels.kinds()))
        self._add(form, "stage", self.tr("&Stage:"), self._combo(labels.stages()))
        self._add(form, "code", self.tr("Client &no.:"), self._line(self.tr("given automatically")))
        self._add(form, "civility", self.tr("Ci&vility:"), self._combo(labels.civilities()))
        self._add(form, "last_name", self.tr("&Last name:"), self._line())
        self._add(form, "first_name", self.tr("&First name:"), self._line())
        self._add(form, "company", self.tr("Co&mpany name:"), self._line())
        self._add(form, "company_id", self.tr("&Works for:"), ContactPicker(self.store, True, self))
        self.editors["company_id"].setPlaceholderText(self.tr("type the company's name, pick it in the list"))
        self._add(form, "job_title", self.tr("&Job title:"), self._line())
        self._add(form, "siret", self.tr("SIRE&T:"), self._line(self.tr("14 digits")))
        self._add(form, "birth_date", self.tr("&Birth date:"), self._date())
        self.members_box = QGroupBox(self.tr("People in this company"), self)
        self.members = QListWidget(self.members_box)
        self.members.setObjectName("members")
        QVBoxLayout(self.members_box).addWidget(self.members)
        form.addRow(self.members_box)
        return page

    def _reach_tab(self) -> QWidget:
        page, form = self._page()
        self._add(form, "email", self.tr("&Email:"), self._line(self.tr("name@example.fr")))
        self._add(form, "phone", self.tr("&Phone:"), self._line(self.tr("06 12 34 56 78")))
        self._add(form, "phone2", self.tr("Other p&hone:"), self._line())
        self._add(form, "address", self.tr("&Address:"), self._line())
        self._add(form, "postal_code", self.tr("P&ostal code:"), self._line())
        self._add(form, "city", self.tr("Cit&y:"), self._line())
        self._add(form, "department", self.tr("&Department:"), self._line(self.tr("from the postal code")))
        self._add(form, "region", self.tr("Regio&n:"), self._line())
        country = self._add(form, "country", self.tr("Co&untry:"), self._line(self.tr("FR")))
        country.setToolTip(self.tr("Two-letter country code: FR, BE, CH…"))
        country.setMaxLength(2)
        country.setMaximumWidth(60)
        return page

    def _relation_tab(self) -> QWidget:
        page, form = self._page()
        self._add(form, "first_contact", self.tr("&First contact:"), self._date())
        self._add(form, "source", self.tr("&Source:"), self._combo(labels.sources()))
        self._add(form, "preferred_channel", self.tr("Preferred channe&l:"), self._combo(labels.channels()))
        reps = {None: "—", **{r["id"]: r["name"] for r in self.store.reps()}}
        self._add(form, "rep_id", self.tr("Sales r&ep:"), self._combo(reps))
        self._add(form, "referred_by", self.tr("Referred &by:"), ContactPicker(self.store, False, self))
        self.editors["referred_by"].setPlaceholderText(self.tr("type the sponsor's name, pick it in the list"))
        host = QCheckBox(self.tr("Hosts home parties"), self)
        self._add(form, "is_host", self.tr("&Host:"), host)
        tags = self._add(form, "tags", self.tr("&Tags:"), self._line(self.tr("separated by commas")))
        known = self.store.all_tags()
        if known:
            tags.setToolTip(self.tr("Existing tags: %1").replace("%1", ", ".join(known[:40])))
        self._add(form, "interests", self.tr("I&nterests:"), self._line())
        notes = QPlainTextEdit(self)
        notes.setTabChangesFocus(True)
        self._add(form, "notes", self.tr("N&otes:"), notes)
        return page

    def _consent_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        grid_box = QGroupBox(self.tr("Consent to prospecting"), page)
        grid = QGridLayout(grid_box)
        grid.addWidget(QLabel(self.tr("Date"), grid_box), 0, 1)
        grid.addWidget(QLabel(self.tr("How it was given"), grid_box), 0, 2)
        rows = (("email", self.tr("By &email")), ("sms", self.tr("By te&xt message")), ("phone", self.tr("By &phone")))
        for line, (channel, caption) in enumerate(rows, start=1):
            check = QCheckBox(caption, grid_box)
            self._grid_field(grid, line, 0, f"consent_{channel}", check, caption)
            self._grid_field(
                grid,
                line,
                1,
                f"consent_{channel}_date",
                self._date(),
                self.tr("Date of consent (%1)").replace("%1", caption.replace("&", "")),
            )
            source = self._line(self.tr("form, shop, phone call…"))
            self._grid_field(
                grid,
                line,
                2,
                f"consent_{channel}_source",
                source,
                self.tr("Source of consent (%1)").replace("%1", caption.replace("&", "")),
            )
        grid.setColumnStretch(2, 1)
        layout.addWidget(grid_box)
        other = QWidget(page)
        form = QFormLayout(other)
        form.setContentsMargins(0, 0, 0, 0)
        self._add(form, "opposition", self.tr("&Opposition:"), QCheckBox(self.tr("Opposes all prospecting"), self))
        self._add(form, "opposition_date", self.tr("Opposition &date:"), self._date())
        self._add(form, "last_contact", self.tr("&Last contact:"), self._date())
        self._add(form, "retention_end", self.tr("&Keep data until:"), self._date())
        layout.addWidget(other)
        note = QLabel(
            self.tr(
                "Personal data is kept for 3 years after the last purchase (client) "
                "or the last contact (prospect), then flagged for erasure."
            ),
            page,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _grid_field(self, grid: QGridLayout, row: int, column: int, field: str, editor: QWidget, caption: str) -> None:
        editor.setObjectName(field)
        self.editors[field] = editor
        self.captions[field] = caption.replace("&", "")
        self._tab_of[field] = self.tabs.count()
        error = self.errors[field] = error_label(editor.parentWidget(), field)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(editor)
        cell.addWidget(error)
        grid.addLayout(cell, row, column)
        self._watch(field, editor)

    def _watch(self, field: str, editor: QWidget) -> None:
        if isinstance(editor, QLineEdit):
            editor.editingFinished.connect(lambda f=field: self._leave(f))
            editor.textChanged.connect(self._typed)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(lambda _i, f=field: self._leave(f))
        elif isinstance(editor, QCheckBox):
            editor.toggled.connect(lambda _c, f=field: self._leave(f))
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self._typed)
        if field == "kind":
            editor.currentIndexChanged.connect(self._kind_changed)

    # -- loading -------------------------------------------------------------------
    def _load(self) -> None:
        row = self.current or {"kind": "person", "stage": "prospect", "country": "FR"}
        for field in self.editors:
            self.show_value(field, row.get(field))
        if self.current and self.current["kind"] == "company":
            for member in self.store.members(self.current["id"]):
                parts = [
                    rules.display_name(member),
                    member.get("job_title"),
                    member.get("email"),
                    rules.format_phone(member.get("phone")),
                ]
                self.members.addItem(" — ".join(p for p in parts if p))
            if not self.members.count():
                self.members.addItem(self.tr("Nobody yet: open a person's sheet and fill in « Works for »."))
        self._touched.clear()

    def show_value(self, field: str, value) -> None:
        """One stored value in its editor, as the user reads it."""
        editor = self.editors[field]
        if field == "tags":
            editor.setText(", ".join(value or []))
        elif isinstance(editor, ContactPicker):
            editor.set_contact(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0) if value is not None else 0)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif field in _DATE_FIELDS:
            editor.setText(format_date(value))
        elif field in ("phone", "phone2"):
            editor.setText(rules.format_phone(value))
        else:
            editor.setText("" if value is None else str(value))

    def _orders_changed(self, contact_id: int) -> None:
        """A prospect who orders becomes a client: show it, unless the user chose a stage."""
        row = self.store.get(contact_id)
        if row is not None and "stage" not in self._touched:
            combo = self.editors["stage"]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(row["stage"]), 0))
            combo.blockSignals(False)
            self.mark_clean("stage")  # the file changed it, not the user
        if self.seen is not None:  # this sheet's own order changed the client: not someone else
            self.seen = conflict_dialog.seen(self.session, contact_id)
        if self.loyalty_tab is not None:  # a typed order earns its points at once
            self.session.loyalty.earn_for_contact(contact_id)
            self.loyalty_tab.refresh()
        self.ordersChanged.emit(contact_id)

    def _kind_changed(self, *_args) -> None:
        company = self.editors["kind"].currentData() == "company"
        for field in ("civility", "first_name", "job_title", "company_id", "birth_date"):
            self.editors[field].setEnabled(not company)
        self.members_box.setVisible(company and self.current is not None)

    # -- values ---------------------------------------------------------------------
    def values(self) -> tuple[dict, list[str], dict[str, str]]:
        """(fields for validate(), tags, problems found by the dialog itself)."""
        values: dict = {}
        problems: dict[str, str] = {}
        tags: list[str] = []
        for field, editor in self.editors.items():
            if field == "tags":
                tags = [t.strip() for t in editor.text().split(",") if t.strip()]
            elif isinstance(editor, ContactPicker):
                try:
                    values[field] = editor.contact_id() if editor.isEnabled() else None
                except CrmError as exc:
                    problems[field] = str(exc)
            elif isinstance(editor, QComboBox):
                values[field] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                values[field] = editor.isChecked()
            elif isinstance(editor, QPlainTextEdit):
                values[field] = editor.toPlainText()
            else:
                values[field] = editor.text() if editor.isEnabled() else ""
        if values.get("company_id") is not None and values["company_id"] == self.contact_id:
            problems["company_id"] = self.tr("a contact cannot work for itself")
        return values, tags, problems

    def check(self) -> dict[str, str]:
        """Every problem of the form (field -> French reason)."""
        values, _tags, problems = self.values()
        try:
            rules.validate(values)
        except ValidationError as exc:
            problems = {**exc.problems, **problems}
        return problems

    def show_problems(self, problems: dict[str, str], fields=None) -> None:
        for field, label in self.errors.items():
            reason = problems.get(field) if fields is None or field in fields else None
            editor = self.editors[field]
            show_reason(label, editor, reason)
            editor.setToolTip(reason or "")

    def _leave(self, field: str) -> None:
        self._touched.add(field)
        self._recheck()

    def _typed(self, *_args) -> None:
        if any(label.isVisible() or label.text() for label in self.errors.values()):
            self._recheck()

    def _recheck(self) -> None:
        problems = self.check()
        self.show_problems(problems, self._touched)
        if self.summary.isVisible() and not problems:
            self.summary.hide()

    # -- saving -----------------------------------------------------------------------
    def submit(self) -> None:
        """Save when every field is right; otherwise say why and stay open."""
        self._touched = set(self.editors)
        problems = self.check()
        if not problems:
            values, tags, _ = self.values()
            from crmdesk.gui.clients.duplicates_dialog import confirm_new  # a new client like an existing one?

            if self.contact_id is None and not confirm_new(self, values):
                return
            try:
                self.contact_id = self._save(values, tags)
            except ValidationError as exc:
                problems = exc.problems
            except ConcurrentEdit as exc:  # saved on another PC meanwhile: field by field
                conflict_dialog.resolve(self, exc)
                return
            except CrmError as exc:
                self._refuse(str(exc))
                return
        if problems:
            self.show_problems(problems)
            self._refuse(
                self.tr("Cannot save: %1").replace(
                    "%1", "; ".join(labels.named(self.caption(f), why) for f, why in problems.items())
                )
            )
            first = next((f for f in self.editors if f in problems), None)
            if first is not None:
                self.tabs.setCurrentIndex(self._tab_of[first])
                self.editors[first].setFocus()
            return
        self.result_values = {**values, "tags": tags, "id": self.contact_id}
        self.saved.emit(self.contact_id)
        self.accept()

    def caption(self, field: str) -> str:
        """A field's label without its mnemonic and colon (« E-mail »)."""
        return self.captions.get(field, field).rstrip(" :\u00a0")

    def _refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()

    def _save(self, values: dict, tags: list[str]) -> int:
        """The one way a sheet is saved: a command, done once and put on the undo stack."""
        session = self.session
        if self.contact_id is None:
            name = rules.display_name(values) or values.get("company") or ""
            command = CreateContact(
                self.store,
                values,
                tags,
                self.tr("New client %1").replace("%1", name),
                session.contacts_changed,
                session.replay_failed,
            )
            session.push(command)
            return command.contact_id
        changes = dict(values)
        before = self.store.get(self.contact_id)
        if before is None or sorted(before["tags"], key=str.casefold) != sorted(tags, key=str.casefold):
            changes["tags"] = tags
        text = self.tr("Edit %1").replace("%1", rules.display_name(values) or "")
        session.push(
            EditContact(
                self.store,
                self.contact_id,
                changes,
                text,
                session.contacts_changed,
                session.replay_failed,
                expected=self.seen,
            )
        )
        self.seen = conflict_dialog.seen(session, self.contact_id)
        return self.contact_id

    @classmethod
    def ask(cls, parent: QWidget | None, session: Session, contact_id: int | None = None) -> dict | None:
        """Show the dialog (blocking) and save as open() does; the saved values or None."""
        dialog = cls(session, contact_id, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.result_values
            return None
        finally:
            dialog.deleteLater()
