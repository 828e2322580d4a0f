"""Small helpers shared by the menus that add actions and non-modal dialogs to the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget


def add_menu(window, title: str, name: str, before: QMenu) -> QMenu:
    """A named menu in the window's menu bar, inserted before `before`."""
    menu = QMenu(title, window.menuBar())
    menu.setObjectName(name)
    window.menuBar().insertMenu(before.menuAction(), menu)
    return menu


def menu_action(menu: QMenu, parent, name: str, text: str, tip: str, slot, *, before: QAction | None = None) -> QAction:
    """A named action with a status tip, calling `slot()` (without the checked flag),
    added to `menu`: at its end, or just before the entry `before`."""
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.insertAction(before, action)
    return action


def database_enabler(window, actions):
    """enable(*_args): the actions work only while a file is open."""

    def enable(*_args) -> None:
        for action in actions:
            action.setEnabled(window.database is not None)

    return enable


def keep_dialog(owner, name: str, dialog: QWidget) -> QWidget:
    """Keep `dialog` as `owner.<name>` until it is closed (deleted on close, then forgotten).

    Forgotten as soon as a QDialog finishes, so that a closed dialog waiting for its
    deletion is never handed out again; and only if it is still the one kept, so that
    its late deletion cannot forget a newer dialog kept under the same name."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    setattr(owner, name, dialog)

    def forget(*_args) -> None:
        if getattr(owner, name) is dialog:
            setattr(owner, name, None)

    if isinstance(dialog, QDialog):
        dialog.finished.connect(forget)
    dialog.destroyed.connect(forget)
    return dialog


def close_dialogs(owner, names) -> None:
    """Close the kept dialogs among `names` (a new file makes them stale)."""
    for name in names:
        dialog = getattr(owner, name)
        if dialog is not None:
            dialog.close()


def bring_up(dialog: QWidget) -> QWidget:
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def show_dialog(window, parts, name: str, make):
    """The non-modal dialog kept as `parts.<name>`: made by `make()` the first time, then
    brought up; None while no file is open."""
    if window.database is None:
        return None
    if getattr(parts, name) is None:
        keep_dialog(parts, name, make())
    return bring_up(getattr(parts, name))


def follow_file(window, menu: QMenu, enable, parts, dialogs, *, opened=None) -> None:
    """The menu's actions follow the open file (`enable()` now, as the menu shows and when a
    file opens); a newly opened file closes the kept `dialogs`, then calls `opened()`."""

    def file_opened(_path) -> None:
        close_dialogs(parts, dialogs)
        enable()
        if opened is not None:
            opened()

    menu.aboutToShow.connect(enable)
    window.fileOpened.connect(file_opened)
    enable()


def client_tabs(kind: type, contact_id: int) -> list:
    """Every open tab of `kind` (a client sheet's History, Satisfaction…) showing this client,
    in any window; a sheet of a file since closed (kept until Python collects it) is left out."""
    from PySide6.QtWidgets import QApplication

    return [
        tab
        for window in QApplication.topLevelWidgets()
        for tab in [window] * isinstance(window, kind) + window.findChildren(kind)
        if tab.contact_id == contact_id and tab.store.database.conn is not None
    ]
