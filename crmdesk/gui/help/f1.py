"""F1 everywhere, in one place: Help › User manual (F1) in the main window opens the
contents; F1 in any of its dialogs opens the page of that dialog's task (pages.PAGE_OF).

No dialog knows about the manual: the first time a window of the main window's family
gets the focus, it is given an F1 shortcut. The manual speaks the interface's language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from crmdesk import i18n
from crmdesk.gui.common import icons, messages
from crmdesk.gui.common.actions import menu_action
from crmdesk.gui.feature import Feature

_HAS_F1 = "crmdeskManualKey"  # a window's property: it has its F1 already
HELP_KEY = QKeySequence.StandardKey.HelpContents  # F1 (Ctrl+? on macOS)


class Manual(Feature):
    """Help › User manual (F1) in the main window, and F1 in each of its dialogs (in MainWindow's
    list of features). It works without a file: its action is not one of the file's."""

    def __init__(self, window):
        super().__init__(window)
        self.viewer = None  # the manual's own window, kept between two F1
        ui = window.ui
        self.manual_action = menu_action(
            ui.menuHelp,
            window,
            "actionManual",
            self.tr("User &manual"),
            self.tr("How to do each task in crmdesk, step by step (F1 in a dialog opens its page)"),
            self.show_contents,
            before=ui.actionAbout,
        )
        self.manual_action.setShortcut(QKeySequence(HELP_KEY))
        self.manual_action.setIcon(icons.icon("manual"))
        ui.menuHelp.insertSeparator(ui.actionAbout)
        window.setProperty(_HAS_F1, True)
        QGuiApplication.instance().focusWindowChanged.connect(self._focused)

    # -- F1 -------------------------------------------------------------------------------
    def _focused(self, handle: QWindow | None) -> None:
        """A window of the main window's family gets the focus for the first time: give it F1."""
        window = next(
            (w for w in QApplication.topLevelWidgets() if handle is not None and w.windowHandle() is handle), None
        )
        if window is None or window.property(_HAS_F1) or not self._family(window):
            return
        if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):  # a menu has its F1 action
            return
        window.setProperty(_HAS_F1, True)
        shortcut = QShortcut(QKeySequence(HELP_KEY), window)
        shortcut.activated.connect(lambda: self.show_for(window))

    def _family(self, widget: QWidget) -> bool:
        while widget is not None:
            if widget is self.window:
                return True
            widget = widget.parentWidget()
        return False

    def show_for(self, window: QWidget):
        """F1 in `window`: the page of the task under the focus."""
        from crmdesk.gui.help import pages

        focus = QApplication.focusWidget()
        inside = focus is not None and focus.window() is window
        return self.show_page(pages.page_for(focus if inside else window), over=window)

    def show_contents(self):
        from crmdesk.gui.help.pages import CONTENTS

        return self.show_page(CONTENTS)

    # -- the manual's window ----------------------------------------------------------------
    def show_page(self, page: str, over: QWidget | None = None):
        """The manual, on `page`, in the interface's language; None when it is not installed.

        Over a dialog that blocks every other window (QDialog.exec), the manual opens as
        that dialog's own window (and closes with it); otherwise it is a window of its
        own, never blocked by the dialog it explains."""
        from crmdesk.gui.help import pages  # the first F1 pays for it, not the start-up

        language = i18n.language()
        if not pages.page_path(page, language).is_file():
            messages.error(
                over or self.window,
                self.tr("User manual"),
                self.tr("The user manual is missing from this installation of crmdesk."),
            )
            return None
        blocking = over is not None and over.windowModality() == Qt.WindowModality.ApplicationModal
        viewer = self._viewer(language, over if blocking else None)
        viewer.show_page(page)
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()
        return viewer

    def _viewer(self, language: str, owner: QWidget | None):
        from crmdesk.gui.help.viewer import ManualViewer  # the first F1 pays for it, not the start-up

        if owner is not None:
            viewer = owner.findChild(ManualViewer, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if viewer is None or viewer.language != language:
                viewer = ManualViewer(language, owner)
                if isinstance(owner, QDialog):  # a window of the dialog's closes with it
                    owner.finished.connect(viewer.close)
            viewer.setProperty(_HAS_F1, True)
            return viewer
        if self.viewer is None or self.viewer.language != language:
            self.close()
            self.viewer = ManualViewer(language)
            self.viewer.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # closing crmdesk closes it
            self.viewer.setProperty(_HAS_F1, True)
        return self.viewer

    def close(self) -> None:
        """The main window closes: so does the manual."""
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
            self.viewer = None
