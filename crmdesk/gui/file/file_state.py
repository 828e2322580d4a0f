"""What the window may do with the open file, said in a banner above the table.

    FileState(window, today=…)       # last in MainWindow's list of features (after every menu)

* Read-only: the file is on read-only media (a CD, a read-only share) or its
  folder cannot be written. It is opened read-only (SQLite « immutable »):
  it can be read, searched, printed and exported; the actions that change it
  are disabled, and anything else that would write is refused with a message.
* Being checked: a file too big to be read whole at opening (health.py:
  more than 32 MB) opens at once with its structure checked, read-only
  (SQLite's query_only) while a worker reads every page (quick_check) on
  its own connection, from the first paint of the client table on. Sound: the window may write. Damaged: the window lets
  go of the file and damaged_file.py sets it aside and offers its backup —
  nothing was written into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMenu

from crmdesk.gui.common.worker import Job, Task
from crmdesk.gui.feature import Feature
from crmdesk.store import health
from crmdesk.store.database import Database, damaged
from crmdesk.store.errors import DamagedFile

if TYPE_CHECKING:
    from crmdesk.gui.followup.today import TodayFeature

# Actions that only change the file: disabled while it cannot be written.
WRITING_ACTIONS = frozenset(
    {
        "actionNewClient",
        "actionDeleteClient",
        "actionTrash",
        "actionImportWizard",
        "actionRestoreBackup",
        "actionNewComplaint",
        "actionEraseClient",
        "actionBusiness",
        "actionLoyaltySettings",
        "actionIndicatorThresholds",
        "actionRepairFile",
    }
)
_BANNER_STYLE = "QLabel { background: #fff4ce; color: #3d3000; border: 1px solid #e0c060; padding: 6px; }"


def check_pages(path, job: Job) -> list[str]:
    """Every page of the file read on a connection of this worker (health.PAGES):
    what is damaged, [] when the file is sound."""
    try:
        database = Database(path, writer=False, check=health.STRUCTURE)
    except DamagedFile as exc:
        return [exc.reason]
    try:
        with job.watch(database.conn):
            return health.problems(database.conn, health.PAGES)
    finally:
        database.close()


class FileState(Feature):
    checkDone = Signal(bool)  # the background check ended: True when the file is sound

    def __init__(self, window, *, today: TodayFeature):
        """`today`: its reminders are written once the check let the file be written."""
        super().__init__(window)
        self.today = today
        self.task: Task | None = None
        self._reason = ""  # why the open file cannot be written (the writing actions' tooltip)
        self._tips: dict = {}  # their own tooltips, given back when it can
        self.banner = QLabel(window.centralWidget())
        self.banner.setObjectName("fileStateBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.hide()
        window.ui.centralLayout.insertWidget(0, self.banner)
        window.fileOpened.connect(self._opened)
        for menu in window.menuBar().findChildren(QMenu):  # after each menu's own enabler
            menu.aboutToShow.connect(self.apply)

    # -- what the window may do -----------------------------------------------------------
    def writing_actions(self) -> list:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        # the window's own children: every menu entry is one (common/actions.py), and a walk of every
        # widget would wrap Qt's inner ones for nothing (a file too big to be checked at once opens read-only)
        children = self.window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return [a for a in children if a.objectName() in WRITING_ACTIONS]

    def apply(self) -> None:
        """Disable the actions that change the file while it cannot be written (the reason in their tooltip)."""
        read_only = self.window.database is not None and not self.window.writable
        if not read_only and not self._tips:  # nothing to disable, no tooltip to give back: no walk of the window
            return
        for action in self.writing_actions():
            if read_only:
                self._tips.setdefault(action, action.toolTip())
                action.setEnabled(False)
                if self._reason:
                    action.setToolTip(self._reason)
            elif action in self._tips:
                action.setToolTip(self._tips.pop(action))

    def _refresh_actions(self) -> None:
        """Every menu's own rule again (the file became writable), then this one."""
        self.window._update_actions()
        for menu in self.window.menuBar().findChildren(QMenu):
            menu.aboutToShow.emit()

    # -- on opening -------------------------------------------------------------------------
    def _opened(self, _path) -> None:
        from crmdesk.gui.server import shown_name

        self.stop()
        database = self.window.database
        name = shown_name(database)
        self._reason = ""
        server_refusal = getattr(database, "read_only", None)  # a server login that may only read
        if server_refusal:
            self._show(server_refusal)
            self._reason = server_refusal
            self.window.setWindowTitle(self.tr("%1 (read-only) — crmdesk").replace("%1", name))
            self.after_paint(lambda: self._say(database, server_refusal))  # after the menus' counts: it matters more
        elif not database.writer:
            self._show(
                self.tr(
                    "Read-only: « %1 » is on read-only media, or its folder cannot be written. You can "
                    "read, search, print and export it; changes are disabled."
                ).replace("%1", name)
            )
            self.window.setWindowTitle(self.tr("%1 (read-only) — crmdesk").replace("%1", name))
            self._reason = self.banner.text()
        elif not database.checked:
            self._show(
                self.tr(
                    "Checking « %1 »: every page of this big file is being read. Changes will be possible in a moment."
                ).replace("%1", name)
            )
            self.after_paint(lambda: self._start_check(database))  # 1 GB read: after the first rows
            self._reason = self.banner.text()
        else:
            self.banner.hide()
        self.apply()

    def _say(self, database: Database, text: str) -> None:
        if self.window.database is database:
            self.window.statusBar().showMessage(text)

    def _show(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _start_check(self, database: Database) -> None:
        if self.window.database is not database:  # another file was opened meanwhile
            return
        path = database.path
        self.task = Task(lambda job: check_pages(path, job), self)
        self.task.finished.connect(lambda problems: self._checked(database, problems))
        self.task.failed.connect(lambda text: self._not_checked(database, text))
        self.task.start()

    def _checked(self, database: Database, problems: list[str]) -> None:
        if self.window.database is not database:  # another file was opened meanwhile
            return
        if not problems:
            database.allow_writes()
            self._reason = ""
            self.banner.hide()
            self._refresh_actions()
            self.window.statusBar().showMessage(self.tr("File checked: changes are possible."), 5000)
            self.today.start_up()  # the reminders it could not write while checking
            self.checkDone.emit(True)
            return
        from crmdesk.gui.file import damaged_file

        path = database.path
        self.banner.hide()
        self.window._close_database()
        self.window._update_actions()
        self.window.setWindowTitle("crmdesk")
        self.checkDone.emit(False)
        damaged_file.recover(self.window, path, damaged(path, "; ".join(problems[:3])))

    def _not_checked(self, database: Database, text: str) -> None:
        """The check could not run (the file vanished, a disk error): the window stays read-only."""
        if self.window.database is database:
            self._show(
                self.tr("« %1 » could not be checked (%2): it stays read-only. Open it again to retry.")
                .replace("%1", database.path.name)
                .replace("%2", text)
            )

    def stop(self) -> None:
        """Stop a check under way (another file opens, the window closes)."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
        self.task = None
