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


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes / No, No by default (the modules that ask import it by name: tests patch it there)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


# The answers of ask_discard.
SAVE, DISCARD, CONTINUE = "save", "discard", "continue"


def ask_discard(parent: QWidget | None, title: str, *, can_continue: bool = True) -> str:
    """« Abandonner les modifications ? » about the form `title`: SAVE, DISCARD or CONTINUE
    (Escape; the « Continuer la saisie » button only when `can_continue`)."""
    from PySide6.QtCore import QCoreApplication

    question = QCoreApplication.translate("Messages", "Discard the changes?")
    box = QMessageBox(QMessageBox.Icon.Question, question, question, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("discardChanges")
    box.setInformativeText(
        QCoreApplication.translate("Messages", "What you typed in « %1 » has not been saved.").replace("%1", title)
    )
    save = box.addButton(QCoreApplication.translate("Messages", "&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("Messages", "&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    save.setObjectName("save")
    discard.setObjectName("discard")
    if can_continue:
        keep = box.addButton(
            QCoreApplication.translate("Messages", "&Continue editing"), QMessageBox.ButtonRole.RejectRole
        )
        keep.setObjectName("continue")
        box.setEscapeButton(keep)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CONTINUE
