"""Courrier › Compte d'envoi (SMTP)…: the user's own mail account, to send
e-mails from crmdesk (issue 18; rules in crmdesk/domain/emailing.py).

Server, port, security (STARTTLS, SSL/TLS), login, sender address and name,
messages per minute: kept in the client file. The password goes to the
system keyring (crmdesk/io/mail.py), never into the file; without a keyring
(a Linux without a desktop session) the dialog says so and the password
serves for this session only (`session_password`). « Tester la connexion »
connects, logs in and leaves, in a worker.

`password_for(window, settings, parent)` gives the password to send with: the
session's, the keyring's, else asked (`ask_password`, which tests replace).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from crmdesk.domain import emailing
from crmdesk.domain.emailing import SmtpSettings
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.worker import Task
from crmdesk.io import mail
from crmdesk.store import mail_settings

translate = QCoreApplication.translate  # texts in the context « SmtpSettings »

NOT_ASKED = object()


def _passwords(window) -> dict:
    return window.outreach.smtp_passwords


def session_password(window, settings: SmtpSettings) -> str | None:
    return _passwords(window).get(settings.keyring_user())


def keep_for_session(window, settings: SmtpSettings, password: str) -> None:
    _passwords(window)[settings.keyring_user()] = password


def ask_password(parent, settings: SmtpSettings, why: str = "") -> str | None:
    """The password typed by the user, None when cancelled (tests replace it)."""
    text = translate("SmtpSettings", "Password of %1:").replace("%1", settings.login)
    if why:
        text = why + "\n\n" + text
    password, ok = QInputDialog.getText(
        parent, translate("SmtpSettings", "E-mail account"), text, QLineEdit.EchoMode.Password
    )
    return password if ok and password else None


def password_for(window, settings: SmtpSettings, parent):
    """The password to log in with (None: no login needed); NOT_ASKED when the user cancelled."""
    if not settings.login:
        return None
    found = session_password(window, settings)
    if found is not None:
        return found
    why = ""
    try:
        found = mail.read_password(settings)
    except mail.KeyringUnavailable as exc:
        why = str(exc)
    if found is not None:
        return found
    typed = ask_password(parent, settings, why)
    if typed is None:
        return NOT_ASKED
    keep_for_session(window, settings, typed)
    return typed


class SmtpSettingsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("SmtpSettingsDialog")
        self.setWindowTitle(translate("SmtpSettings", "E-mail account (SMTP)"))
        self.window = window
        self.database = window.database
        self.test_task: Task | None = None
        current = mail_settings.load(self.database)
        business = self._business()

        intro = QLabel(
            translate(
                "SmtpSettings",
                "The account crmdesk sends e-mails with: the one of your mail "
                "program (your provider gives these settings). The password is kept in the "
                "system's keyring, never in the client file.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.host_edit = QLineEdit(current.host, self)
        self.host_edit.setObjectName("smtpHost")
        self.host_edit.setPlaceholderText("smtp.exemple.fr")
        self.security_combo = QComboBox(self)
        self.security_combo.setObjectName("smtpSecurity")
        for code in emailing.SECURITIES:
            self.security_combo.addItem(labels.shown(emailing.SECURITIES[code]), code)
        self.security_combo.setCurrentIndex(max(self.security_combo.findData(current.security), 0))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("smtpPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(current.port)
        self.security_combo.activated.connect(
            lambda _i: self.port_spin.setValue(emailing.DEFAULT_PORTS[self.security_combo.currentData()])
        )
        self.login_edit = QLineEdit(current.login, self)
        self.login_edit.setObjectName("smtpLogin")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("smtpPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.address_edit = QLineEdit(current.sender_address, self)
        self.address_edit.setObjectName("senderAddress")
        self.address_edit.setPlaceholderText(business.get("email") or "contact@exemple.fr")
        self.name_edit = QLineEdit(current.sender_name, self)
        self.name_edit.setObjectName("senderName")
        self.name_edit.setPlaceholderText(business.get("name") or "")
        self.rate_spin = QSpinBox(self)
        self.rate_spin.setObjectName("perMinute")
        self.rate_spin.setRange(1, emailing.PER_MINUTE_MAX)
        self.rate_spin.setValue(current.per_minute)
        self.rate_spin.setSuffix(translate("SmtpSettings", " per minute"))
        form = QFormLayout()
        for caption, editor in (
            (translate("SmtpSettings", "Se&rver:"), self.host_edit),
            (translate("SmtpSettings", "S&ecurity:"), self.security_combo),
            (translate("SmtpSettings", "&Port:"), self.port_spin),
            (translate("SmtpSettings", "&Login:"), self.login_edit),
            (translate("SmtpSettings", "Pass&word:"), self.password_edit),
            (translate("SmtpSettings", "Sender &address:"), self.address_edit),
            (translate("SmtpSettings", "Sender &name:"), self.name_edit),
            (translate("SmtpSettings", "At &most:"), self.rate_spin),
        ):
            label = QLabel(caption, self)
            label.setBuddy(editor)
            form.addRow(label, editor)
        self.keyring_label = QLabel(self)
        self.keyring_label.setObjectName("keyringState")
        self.keyring_label.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("testResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(translate("SmtpSettings", "&Test the connection"), self)
        self.test_button.setObjectName("testConnection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(lambda _checked=False: self.test_connection())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save_and_close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self._show_keyring(current)
        self.resize(520, 0)

    def _business(self) -> dict:

        return self.window.session.settings.business()

    def _show_keyring(self, settings: SmtpSettings) -> None:
        problem = mail.keyring_problem()
        if problem:
            self.keyring_label.setText(problem)
            self.keyring_label.setStyleSheet("color:#7a4300;")
            return
        stored = False
        if settings.login:
            try:
                stored = mail.read_password(settings) is not None
            except mail.KeyringUnavailable as exc:
                self.keyring_label.setText(str(exc))
                return
        self.keyring_label.setText(
            translate(
                "SmtpSettings",
                "A password is kept in the system's keyring for this account: leave the field empty to keep it.",
            )
            if stored
            else ""
        )
        self.keyring_label.setStyleSheet("")

    def values(self) -> dict:
        return {
            "mail.smtp_host": self.host_edit.text(),
            "mail.smtp_port": self.port_spin.value(),
            "mail.smtp_security": self.security_combo.currentData(),
            "mail.smtp_login": self.login_edit.text(),
            "mail.sender_address": self.address_edit.text(),
            "mail.sender_name": self.name_edit.text(),
            "mail.per_minute": self.rate_spin.value(),
        }

    def settings(self) -> SmtpSettings:
        """The settings typed, checked (ValidationError, French)."""
        return SmtpSettings.from_values(emailing.check_settings(self.values()))

    def save(self) -> SmtpSettings | None:
        """Store the settings, the password in the keyring (or for this session); None after an error said."""
        try:
            saved = mail_settings.save(self.database, self.values())
        except ValidationError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return None
        password = self.password_edit.text()
        if password and saved.login:
            keep_for_session(self.window, saved, password)
            try:
                mail.store_password(saved, password)
            except mail.KeyringUnavailable as exc:
                self.keyring_label.setText(str(exc))
        self._show_keyring(saved)
        return saved

    def save_and_close(self) -> None:
        if self.save() is not None:
            self.accept()

    # -- « Tester la connexion » ---------------------------------------------------------------
    def test_connection(self) -> Task | None:
        if self.test_task is not None and self.test_task.is_running():
            return None
        try:
            settings = self.settings()
        except ValidationError as exc:
            self.result_label.setText(str(exc))
            return None
        if not settings.configured:
            self.result_label.setText(translate("SmtpSettings", "Type the server's name first."))
            return None
        password = self.password_edit.text() or None
        if password is None:
            password = password_for(self.window, settings, self)
            if password is NOT_ASKED:
                return None
        self.result_label.setText(translate("SmtpSettings", "Connecting to %1…").replace("%1", settings.host))
        self.result_label.setStyleSheet("")
        self.test_button.setEnabled(False)
        task = Task(lambda _job: mail.test_connection(settings, password), self)
        task.finished.connect(lambda text: self._tested(text, True))
        task.failed.connect(lambda text: self._tested(text, False))
        task.done.connect(lambda: self.test_button.setEnabled(True))
        self.test_task = task
        task.start()
        return task

    def _tested(self, text: str, ok: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet("color:#1b6e20;" if ok else "color:#a40e0e;")

    def done(self, result: int) -> None:
        if self.test_task is not None:
            self.test_task.wait()
        super().done(result)


def describe_account(database) -> str:
    """The account in a few words (the e-mail dialog shows it)."""
    try:
        return mail_settings.load(database).describe()
    except CrmError as exc:
        return str(exc)
