"""Editing dialogs never drop what was typed without asking.

A FormDialog remembers its fields as they were loaded (`mark_clean`, at the
end of the subclass's __init__). Escape, Cancel and closing the window all
go through QDialog.reject(): when a field differs from what was loaded, the
user is asked « Abandonner les modifications ? » — Enregistrer (the dialog's
own `submit()`: it closes only when the save succeeds), Abandonner, or
Continuer la saisie. A dialog without changes closes at once.

The fields are the dialog's `editors` dict (the forms already keep one) or
what `form_widgets()` returns; what no widget holds (the lines of an order,
a logo) comes from `extra_state()`.

`settle_forms(window)` asks the same question for every form open over the
window before it closes, or before its file is closed: False when the user
chose to go on typing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from crmdesk.gui.common import messages


def widget_value(widget: QWidget):
    """What the user set in an editor, comparable between two moments."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):  # spin boxes and date-time editors: the text shown
        return widget.text()
    return None


class FormDialog(QDialog):
    """A dialog with fields to save: asks before dropping changes (see the module)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._clean: dict | None = None

    # -- what the form holds -------------------------------------------------------------
    def form_widgets(self) -> dict[str, QWidget]:
        return dict(getattr(self, "editors", {}) or {})  # a mixin: the dialogs that have editors name them so

    def extra_state(self) -> dict:
        """Values held outside the editors (order lines, a logo): overridden where needed."""
        return {}

    def form_state(self) -> dict:
        state = {name: widget_value(widget) for name, widget in self.form_widgets().items()}
        state.update(self.extra_state())
        return state

    def mark_clean(self, *names: str) -> None:
        """What the form holds now is what was loaded (only `names` when given:
        a field the program changed, not the user)."""
        state = self.form_state()
        if names and self._clean is not None:
            self._clean.update({name: state.get(name) for name in names})
        else:
            self._clean = state

    def has_changes(self) -> bool:
        if self._clean is None:
            return False
        return self.form_state() != self._clean

    def showEvent(self, event) -> None:
        if self._clean is None:  # a form that did not say when it was loaded: as first shown
            self.mark_clean()
        super().showEvent(event)

    # -- closing -----------------------------------------------------------------------------
    def submit(self):
        raise NotImplementedError

    def reject(self) -> None:
        """Escape, Cancel, the window's close button."""
        if self.isVisible() and self.has_changes():
            answer = messages.ask_discard(self, self.windowTitle())
            if answer == messages.SAVE:
                self.submit()  # closes the dialog when the save succeeds, else says why
                return
            if answer != messages.DISCARD:
                return
        super().reject()

    def discard(self) -> None:
        """Close without saving and without asking."""
        super().reject()


def _depth(widget: QWidget) -> int:
    depth = 0
    while widget.parentWidget() is not None:
        widget = widget.parentWidget()
        depth += 1
    return depth


def settle_forms(window: QWidget, *, can_continue: bool = True) -> bool:
    """Ask about every open form with changes over `window` (the innermost first):
    saved, or dropped. False when the user chose to go on typing (only offered
    with `can_continue`; otherwise the question comes back until the form is
    saved or dropped)."""
    forms = [f for f in window.findChildren(FormDialog) if f.isVisible()]
    for form in sorted(forms, key=_depth, reverse=True):
        while form.isVisible() and form.has_changes():
            answer = messages.ask_discard(form, form.windowTitle(), can_continue=can_continue)
            if answer == messages.DISCARD:
                form.discard()
            elif answer == messages.SAVE:
                form.submit()
                if form.isVisible() and can_continue:  # refused: the form says why
                    return False
            elif can_continue:
                form.raise_()
                form.activateWindow()
                return False
    return True
