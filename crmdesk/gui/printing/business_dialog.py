"""« Identité de l'entreprise… »: the letterhead of every print (sheets, cards, letters).

    dialog = BusinessDialog(session, parent)          # the open file's session
    dialog.open()                                     # non-blocking; saved() after a good OK

Every field is checked the way a client's is (SIRET key, phone, email) and a
wrong one is framed in red with its French reason; nothing is stored until all
are right, then the whole identity is written in one transaction. The logo
image is copied into the client file (crmdesk.reports.letterhead.logo_data).
The consumer mediator named in the answers to consumers' complaints (or « no
sales to consumers ») and the online survey's address are entered here too;
a warning stays in view while the mediator is missing or incomplete.

Below, the numbering of new clients (settings clients.code_prefix and
clients.code_width, crmdesk.domain.client_codes): shown as the file follows it
now, with the next number; stored only when changed, in the same transaction.
Escape or Cancel with changes asks first (form_dialog.FormDialog).
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import client_codes
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.file import folders
from crmdesk.gui.session import Session

# The text fields, in the order of the form; the address takes several lines.
TEXT_FIELDS = ("name", "activity", "address", "postal_code", "city", "siret", "phone", "email", "website")
# The consumer mediator (named in the answers to consumers' complaints) and the online survey.
MEDIATOR_FIELDS = ("mediator_name", "mediator_address", "mediator_website", "survey_url")
MULTILINE = ("address", "mediator_address")
LOGO_HEIGHT = 48


class BusinessDialog(FormDialog):
    saved = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BusinessDialog")
        self.setWindowTitle(self.tr("Business identity"))
        self.setStyleSheet(INVALID_STYLE)
        self.settings = settings = session.settings
        self.contacts = session.contacts
        self.identity = settings.business()
        self.logo = self.identity.get("logo_data") or ""
        labels = {
            "name": self.tr("&Name"),
            "activity": self.tr("&Activity"),
            "address": self.tr("A&ddress"),
            "postal_code": self.tr("&Postal code"),
            "city": self.tr("&City"),
            "siret": self.tr("&SIRET"),
            "phone": self.tr("Ph&one"),
            "email": self.tr("&Email"),
            "website": self.tr("&Website"),
        }
        labels.update(
            {
                "mediator_name": self.tr("&Mediator"),
                "mediator_address": self.tr("Media&tor's address"),
                "mediator_website": self.tr("Mediator's web s&ite"),
                "survey_url": self.tr("Online satisfaction s&urvey"),
            }
        )
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        for field in TEXT_FIELDS:
            form.addRow(*self._field_row(field, labels[field]))
        self.editors["phone"].setText(self._phone_shown(self.identity.get("phone")))
        if self.identity.get("siret"):
            from crmdesk.reports.letterhead import format_siret

            self.editors["siret"].setText(format_siret(self.identity["siret"]))

        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setMinimumHeight(LOGO_HEIGHT)
        self.choose_logo_button = QPushButton(self.tr("C&hoose an image…"), self)
        self.choose_logo_button.setObjectName("chooseLogo")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("&Remove"), self)
        self.remove_logo_button.setObjectName("removeLogo")
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(""))
        self.errors["logo_data"] = error_label(self, "logo_data")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)
        logo_cell = QWidget(self)
        column = QVBoxLayout(logo_cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(logo_row)
        column.addWidget(self.errors["logo_data"])
        form.addRow(self.tr("Logo"), logo_cell)

        mediator_box = self._mediator_box(labels)

        hint = QLabel(self.tr("Printed at the top of client sheets, client cards and letters."), self)
        hint.setWordWrap(True)
        numbering = self._numbering()
        self.summary = summary_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(mediator_box)
        layout.addWidget(numbering)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.set_logo(self.logo)
        self.resize(520, self.sizeHint().height())
        self.mark_clean()

    def _numbering(self) -> QGroupBox:
        """Prefix and digits of new client numbers, as the file follows them now."""
        self.sequence = self.contacts.code_sequence()
        box = QGroupBox(self.tr("Numbers of new clients"), self)
        form = QFormLayout(box)
        self.prefix_edit = QLineEdit(self.sequence.prefix, box)
        self.prefix_edit.setObjectName("code_prefix")
        self.prefix_edit.setMaxLength(client_codes.MAX_PREFIX)
        self.prefix_edit.setToolTip(self.tr("The letters before the number (may be empty)"))
        self.width_spin = QSpinBox(box)
        self.width_spin.setObjectName("code_width")
        self.width_spin.setRange(client_codes.MIN_WIDTH, client_codes.MAX_WIDTH)
        self.width_spin.setValue(self.sequence.width)
        self.errors["code_prefix"] = error_label(box, "code_prefix")
        label = QLabel(self.tr("Pre&fix"), box)
        label.setBuddy(self.prefix_edit)
        form.addRow(label, field_cell(box, self.prefix_edit, self.errors["code_prefix"]))
        label = QLabel(self.tr("Di&gits"), box)
        label.setBuddy(self.width_spin)
        form.addRow(label, self.width_spin)
        self.next_code_label = QLabel(box)
        self.next_code_label.setObjectName("nextCode")
        form.addRow(self.next_code_label)
        self.prefix_edit.textChanged.connect(self._show_next_code)
        self.width_spin.valueChanged.connect(self._show_next_code)
        self._show_next_code()
        return box

    def _show_next_code(self, *_args) -> None:
        try:
            prefix = client_codes.check_prefix(self.prefix_edit.text())
        except CrmError as exc:
            show_reason(self.errors["code_prefix"], self.prefix_edit, str(exc))
            self.next_code_label.clear()
            return
        show_reason(self.errors["code_prefix"], self.prefix_edit, None)
        sequence = self.sequence
        if (prefix, self.width_spin.value()) != (sequence.prefix, sequence.width):
            sequence = self.contacts.code_sequence(prefix, self.width_spin.value())
        self.next_code_label.setText(self.tr("Next new client: %1").replace("%1", sequence.code()))

    def form_widgets(self) -> dict[str, QWidget]:
        return {**self.editors, "code_prefix": self.prefix_edit, "code_width": self.width_spin}

    def extra_state(self) -> dict:
        return {"logo_data": self.logo}

    def submit(self) -> bool:
        return self.save()

    def _field_row(self, field: str, caption: str) -> tuple[QLabel, QWidget]:
        value = str(self.identity.get(field) or "")
        if field in MULTILINE:
            editor = QPlainTextEdit(value, self)
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
        else:
            editor = QLineEdit(value, self)
        editor.setObjectName(field)
        self.editors[field] = editor
        self.errors[field] = error_label(self, field)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        return label, field_cell(self, editor, self.errors[field])

    # -- the consumer mediator ------------------------------------------------------------
    def _mediator_box(self, labels: dict[str, str]) -> QWidget:
        """The mediator (Code de la consommation L612-1), « no sales to consumers », the survey's address."""
        from PySide6.QtWidgets import QCheckBox, QGroupBox

        from crmdesk.domain.business import yes_no

        box = QGroupBox(self.tr("Complaints: consumer mediator and satisfaction survey"), self)
        form = QFormLayout(box)
        self.no_consumer_sales = QCheckBox(self.tr("No sales to consumers (&businesses only): no mediator"), box)
        self.no_consumer_sales.setObjectName("no_consumer_sales")
        try:
            self.no_consumer_sales.setChecked(yes_no(self.identity.get("no_consumer_sales")))
        except ValueError:
            pass
        form.addRow(self.no_consumer_sales)
        for field in MEDIATOR_FIELDS:
            form.addRow(*self._field_row(field, labels[field]))
        self.editors["survey_url"].setPlaceholderText(self.tr("https://… ({reference}: the complaint's reference)"))
        self.mediator_warning = QLabel(box)
        self.mediator_warning.setObjectName("mediatorWarning")
        self.mediator_warning.setWordWrap(True)
        self.mediator_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.mediator_warning.setStyleSheet("background: #fde3c0; color: #7a4300; padding: 4px 8px;")
        form.addRow(self.mediator_warning)
        self.no_consumer_sales.toggled.connect(self._mediator_changed)
        for field in ("mediator_name", "mediator_address", "mediator_website"):
            self.editors[field].textChanged.connect(self._mediator_changed)
        self._mediator_changed()
        return box

    def _mediator_changed(self, *_args) -> None:
        """The mediator's fields only count for a business that sells to consumers;
        say at once when the answers to consumers would not name one."""
        from crmdesk.domain.business import mediator_problem

        sells = not self.no_consumer_sales.isChecked()
        for field in ("mediator_name", "mediator_address", "mediator_website"):
            self.editors[field].setEnabled(sells)
        problem = mediator_problem(self.values())
        self.mediator_warning.setText(problem or "")
        self.mediator_warning.setVisible(bool(problem))

    @staticmethod
    def _phone_shown(value) -> str:
        from crmdesk.domain.contact import format_phone

        text = str(value or "")
        return format_phone(text) if text.startswith("+") else text

    # -- logo ------------------------------------------------------------------------
    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Logo of the business"), folders.in_documents(), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if name:
            self.load_logo(name)

    def load_logo(self, path) -> bool:
        from crmdesk.reports.letterhead import logo_data

        try:
            data = logo_data(path)
        except CrmError as exc:
            show_reason(self.errors["logo_data"], self.logo_preview, str(exc))
            return False
        self.set_logo(data)
        return True

    def set_logo(self, data: str) -> None:
        self.logo = data
        show_reason(self.errors["logo_data"], self.logo_preview, None)
        pixmap = QPixmap()
        if data:
            pixmap.loadFromData(QByteArray(base64.b64decode(data)))
        if pixmap.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("(no logo)"))
        else:
            self.logo_preview.setPixmap(pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        self.remove_logo_button.setEnabled(bool(data))

    # -- saving ------------------------------------------------------------------------
    def values(self) -> dict:
        out = {}
        for field, editor in self.editors.items():
            out[field] = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        out["logo_data"] = self.logo
        out["no_consumer_sales"] = self.no_consumer_sales.isChecked()
        return out

    def save(self) -> bool:
        values = {**{k: v for k, v in self.identity.items() if k == "subdivision"}, **self.values()}
        numbering = (self.prefix_edit.text().strip(), self.width_spin.value())
        try:
            with self.settings.database.atomic():  # the identity and the numbering together
                stored = self.settings.set_business(values)
                if numbering != (self.sequence.prefix, self.sequence.width):
                    self.contacts.set_code_pattern(*numbering)
        except ValidationError as exc:
            for field, error in self.errors.items():
                editor = self.form_widgets().get(field, self.logo_preview)
                show_reason(error, editor, exc.problems.get(field))
            first = next((self.editors[f] for f in (*TEXT_FIELDS, *MEDIATOR_FIELDS) if f in exc.problems), None)
            if first is not None:
                first.setFocus()
            self.summary.setText(self.tr("Nothing was saved: correct the fields framed in red."))
            self.summary.show()
            return False
        except CrmError as exc:
            self.summary.setText(str(exc))
            self.summary.show()
            return False
        self.saved.emit(stored)
        self.accept()
        return True
