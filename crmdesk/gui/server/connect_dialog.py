"""File › Connect to a server…: host, port, database, login; the password asked,
optionally kept in the system keyring (never by crmdesk in a file of its own).

    connect(window, url)     # a ServerDatabase, or the CrmError saying why not

Opening a URL (the command line, Recent files) goes through `connect`: when the
server refuses the login without a password, this dialog asks for it.
"""

from __future__ import annotations

import getpass
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from crmdesk.domain.errors import CrmError

DEFAULT_PORT = 5432


def server_url(host: str, port: int, database: str, login: str, password: str = "") -> str:
    """libpq's URL of these fields (a host starting with « / » is a socket folder)."""
    user = quote(login, safe="") + (":" + quote(password, safe="") if password else "")
    return f"postgresql://{user}@{quote(host or 'localhost', safe='')}:{port}/{quote(database, safe='')}"


def url_fields(url: str) -> dict:
    """The dialog's fields of a URL (its password left out)."""
    parts = urlsplit(url.strip())
    user, _at, place = parts.netloc.rpartition("@")
    host, _colon, port = place.rpartition(":") if place.rsplit(":", 1)[-1].isdigit() else (place, "", "")
    return {
        "host": unquote(host),
        "port": int(port) if port else DEFAULT_PORT,
        "database": unquote(parts.path.lstrip("/")),
        "login": unquote(user.split(":", 1)[0]),
    }


def open_database(url: str):
    """ServerDatabase(url) (psycopg imported only now: start-up time)."""
    from crmdesk.store.server.connection import ServerDatabase

    return ServerDatabase(url)


def connect(parent, url: str):
    """The server database of `url`, or the CrmError to show. A login refused
    (no password in ~/.pgpass or the keyring) opens the dialog to type it."""
    from crmdesk.store.server.connection import AuthenticationFailed

    try:
        return _waiting(lambda: open_database(url))
    except AuthenticationFailed as exc:
        dialog = ConnectDialog(parent, url=url, error=str(exc))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.database is not None:
            return dialog.database
        return exc
    except CrmError as exc:
        return exc


def _waiting(work):
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


class ConnectDialog(QDialog):
    """Where the server is and who connects; accepted once connected (`database`)."""

    def __init__(self, parent=None, *, url: str = "", error: str = ""):
        super().__init__(parent)
        self.setObjectName("ConnectDialog")
        self.setWindowTitle(self.tr("Connect to a server"))
        self.database = None
        fields = url_fields(url) if url else {}
        intro = QLabel(
            self.tr(
                "The client file of several PCs, on a PostgreSQL server. Leave the password empty when it is "
                "in ~/.pgpass or in the system keyring."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.host_edit = self._line("serverHost", fields.get("host", "localhost"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("serverPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(fields.get("port", DEFAULT_PORT))
        self.database_edit = self._line("serverDatabase", fields.get("database", ""))
        self.login_edit = self._line("serverLogin", fields.get("login") or getpass.getuser())
        self.password_edit = self._line("serverPassword", "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep_check = QCheckBox(self.tr("&Keep the password in the system keyring"), self)
        self.keep_check.setObjectName("keepPassword")
        from crmdesk.store.server.connection import keyring_problem

        problem = keyring_problem()
        if problem:
            self.keep_check.setEnabled(False)
            self.keep_check.setToolTip(problem)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host_edit)
        form.addRow(self.tr("&Port:"), self.port_spin)
        form.addRow(self.tr("&Database:"), self.database_edit)
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        form.addRow("", self.keep_check)
        self.error_label = QLabel(error, self)
        self.error_label.setObjectName("connectError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a40000;")
        self.error_label.setVisible(bool(error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = buttons.addButton(self.tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        (self.password_edit if error and fields.get("database") else self.database_edit).setFocus()

    def _line(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        return edit

    def url(self, *, with_password: bool = False) -> str:
        return server_url(
            self.host_edit.text().strip(),
            self.port_spin.value(),
            self.database_edit.text().strip(),
            self.login_edit.text().strip(),
            self.password_edit.text() if with_password else "",
        )

    def try_connect(self) -> None:
        """Connect; the dialog closes when connected, else says why (the existing French messages)."""
        if not self.database_edit.text().strip():
            self._say(self.tr("Give the name of the database on the server."))
            self.database_edit.setFocus()
            return
        try:
            self.database = _waiting(lambda: open_database(self.url(with_password=True)))
        except CrmError as exc:
            self._say(str(exc))
            return
        if self.keep_check.isChecked() and self.password_edit.text():
            from crmdesk.store.server.connection import keep_password

            try:
                keep_password(self.url(), self.password_edit.text())
            except CrmError as exc:  # connected all the same: the password is asked next time
                parent = self.parent()
                if parent is not None and hasattr(parent, "statusBar"):
                    parent.statusBar().showMessage(str(exc), 10_000)
        self.password_edit.clear()
        self.accept()

    def _say(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def show(window) -> ConnectDialog:
    """File › Connect to a server…: the dialog, then the window on the server."""
    from crmdesk.gui.common import messages

    dialog = ConnectDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def connected() -> None:
        error = window.show_database(dialog.database)
        if error is not None:
            messages.error(
                window, QCoreApplication.translate("ConnectDialog", "Cannot open the client file"), str(error)
            )

    dialog.accepted.connect(connected)
    dialog.open()
    return dialog
