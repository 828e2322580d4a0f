"""A feature of the main window: its menu, its actions, its non-modal dialogs.

MainWindow makes each feature once, in the one list of `MainWindow._make_features`
(main_window.py), passing it what it depends on (another feature's menu to sit
before, …) as constructor arguments. The window tells every feature when a
file opens (`on_file_opened(session)`) and when it is let go of
(`on_file_closed()`); a feature reads the open file only through its session.

    class ComplaintsFeature(Feature):
        dialogs = ("new_dialog", "queue_dialog")     # closed when another file opens

        def __init__(self, window, *, before: QMenu):
            super().__init__(window)
            self.menu = add_menu(window, self.tr("&Complaints"), "menuComplaints", before)
            self.queue_action = self.action("actionComplaintQueue", …, self.show_queue)
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from crmdesk.gui.common.actions import bring_up, close_dialogs, keep_dialog, menu_action
from crmdesk.gui.common.after_paint import after_paint

if TYPE_CHECKING:
    from crmdesk.gui.main_window import MainWindow
    from crmdesk.gui.session import Session


class Feature(QObject):
    dialogs: tuple[str, ...] = ()  # the names of the kept dialogs, closed when another file opens

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.session: Session | None = window.session
        self.file_actions: list[QAction] = []  # enabled only while a file is open
        for name in self.dialogs:
            setattr(self, name, None)

    # -- what the window tells every feature -----------------------------------------------
    def on_file_opened(self, session: Session) -> None:
        """Another file is open: its dialogs go (they showed the other file), the actions work."""
        self.session = session
        close_dialogs(self, self.dialogs)
        self.enable()

    def on_file_closed(self) -> None:
        self.session = None
        self.enable()

    def after_paint(self, then) -> None:
        """`then()` now when the window shows already (File › Open), else once the client table's
        first rows are painted: at start-up, what an opening starts comes after them."""
        if self.window.isVisible():
            then()
        else:
            after_paint(self.window.ui.clientTable.viewport(), then)

    # -- helpers for the features' constructors ------------------------------------------
    def action(self, menu: QMenu, name: str, text: str, tip: str, slot, **options) -> QAction:
        """A menu entry that works only while a file is open."""
        action = menu_action(menu, self.window, name, text, tip, slot, **options)
        self.file_actions.append(action)
        return action

    def follow_menu(self, menu: QMenu) -> None:
        """The actions are enabled as the menu shows, and now."""
        menu.aboutToShow.connect(self.enable)
        self.enable()

    def enable(self, *_args) -> None:
        for action in self.file_actions:
            action.setEnabled(self.session is not None)

    def show_dialog(self, name: str, make):
        """The non-modal dialog kept as `self.<name>`: made by `make()` the first time, then
        brought up; None while no file is open."""
        if self.session is None:
            return None
        if getattr(self, name) is None:
            keep_dialog(self, name, make())
        return bring_up(getattr(self, name))


def actions_of(feature: Feature, menu: QMenu):
    """partial(feature.action, menu): shorter lines where a menu gets many entries."""
    return partial(feature.action, menu)
