"""Message boxes, in one place (tests patch QMessageBox here)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def ask_open_other(parent: QWidget | None, title: str, text: str, open_label: str, quit_label: str) -> bool:
    """At start-up, when the file cannot be used: True = choose another file, False = quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    other = box.addButton(open_label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(quit_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    return box.clickedButton() is other
