"""Automatic backups of the window's client file (rules and folder:
crmdesk/store/backups.py).

    from crmdesk.gui import backup_hooks
    backup_hooks.install(window)                 # once, in MainWindow.__init__
    if not backup_hooks.before(window, "import"):   # before an import, a merge ("fusion"), a purge
        return

A backup is made when a file is opened (fileOpened), when it is closed
(another file opened: the previous one; the window closed: an event filter
sees the Close event before the window closes the file), and, after edits
(the undo stack, contactsChanged, ordersChanged, or `edited()`), at most
every policy.every_minutes. Those run in a worker thread (crmdesk/gui/worker.py),
one at a time, from a read-only connection of their own: the window goes on.
The one at closing and those of `before()` run in the interface's thread, as
what follows needs them done (about 5 s a gigabyte, copy and check), under a
wait cursor and a progress dialog when they last. Demo files (a temporary
copy) are not backed up. A failure is told in the status bar, and once per
file in a message box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from crmdesk.domain.errors import CrmError
from crmdesk.gui import messages
from crmdesk.gui.worker import Task
from crmdesk.store import backups

RISKY = ("import", "fusion", "purge")


def install(window, policy: backups.BackupPolicy | None = None) -> "BackupHooks":
    """The window's hooks (made once; `policy` replaces the one in force)."""
    hooks = getattr(window, "backup_hooks", None)
    if hooks is None:
        hooks = BackupHooks(window, policy or backups.DEFAULT_POLICY)
        window.backup_hooks = hooks
    elif policy is not None:
        hooks.policy = policy
        if hooks.timer.isActive():
            hooks.timer.start(policy.every_minutes * 60_000)
    return hooks


def before(window, reason: str) -> bool:
    """Back the open file up before an import, a merge or a purge (reason
    « import », « fusion », « purge »). False (the user was told why) when
    it failed: do not go on."""
    if reason not in RISKY:
        raise ValueError(f"before() is for {RISKY}, not {reason!r}")
    return install(window).backup_now(reason) is not False


class BackupHooks(QObject):
    def __init__(self, window, policy: backups.BackupPolicy):
        super().__init__(window)
        self.window = window
        self.policy = policy
        self.path: Path | None = None           # the open file, when it is backed up
        self.task: Task | None = None
        self.made: list[Path] = []               # the backups made, oldest first
        self._queue: list[tuple[Path, str]] = []
        self._dirty = False
        self._warned: set[Path] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._periodic)
        window.fileOpened.connect(self._opened)
        window.undo_stack.indexChanged.connect(self.edited)
        window.contactsChanged.connect(self.edited)
        window.ordersChanged.connect(self.edited)
        window.installEventFilter(self)
        if window.database is not None:
            self._opened(window.database.path)

    # -- when ----------------------------------------------------------------------
    def _opened(self, path) -> None:
        path = Path(path)
        if self.path is not None and self.path != path:
            self._start(self.path, "fermeture")
        self._dirty = False
        self.timer.stop()
        read_only = self.window.database is not None and not self.window.database.writer   # it cannot change
        self.path = None if self._is_demo(path) or read_only else path
        if self.path is not None:
            self._start(self.path, "ouverture")

    def _is_demo(self, path: Path) -> bool:
        return any(Path(folder).resolve() in path.parents for folder in getattr(self.window, "_temp_dirs", ()))

    def edited(self, *_args) -> None:
        """The file was changed: a periodic backup within policy.every_minutes."""
        if self.path is None:
            return
        self._dirty = True
        if not self.timer.isActive():
            self.timer.start(self.policy.every_minutes * 60_000)

    def _periodic(self) -> None:
        if self._dirty and self.path is not None:
            self._dirty = False
            self._start(self.path, backups.PERIODIC)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.path is not None:
            path, self.path = self.path, None    # once, even if the window is asked to close again meanwhile
            self.timer.stop()
            self._queue.clear()
            self.wait()
            self._run_here(path, "fermeture")
        return False

    # -- how -----------------------------------------------------------------------
    def backup_now(self, reason: str) -> Path | None | bool:
        """A backup of the open file now, in this thread: its path, None when
        there is nothing to back up (no file, a demo), False when it failed."""
        if self.path is None or self.window.database is None:
            return None
        self.wait()
        return self._run_here(self.path, reason)

    def _run_here(self, path: Path, reason: str) -> Path | bool:
        """Back up in this thread (what follows needs it done), under a wait
        cursor; a progress dialog shows when it lasts (a big file). No local
        event loop: it would run the deletions other code has deferred."""
        progress = QProgressDialog(self.tr("Backing up « %1 »…").replace("%1", path.name), "", 0, 0, self.window)
        progress.setObjectName("backupProgress")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)

        def step(done: int, total: int) -> None:    # setValue repaints the window-modal dialog
            progress.setMaximum(total)
            progress.setValue(done)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = backups.automatic(path, reason, policy=self.policy, progress=step)
        except CrmError as exc:
            self._failed(path, str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
            progress.reset()
            progress.deleteLater()
        self._done(made)
        return made

    def _task(self, path: Path, reason: str) -> Task:
        policy = self.policy

        def compute(job):
            return backups.automatic(path, reason, policy=policy,
                                     progress=lambda done, total: job.report(done, total))

        return Task(compute, self)

    def _start(self, path: Path, reason: str) -> None:
        if self.task is not None and self.task.is_running():
            self._queue.append((path, reason))
            return
        self.task = self._task(path, reason)
        self.task.finished.connect(self._done)
        self.task.failed.connect(lambda text: self._failed(path, text))
        self.task.done.connect(self._next)
        self.task.start()

    def _next(self) -> None:
        if self._queue:
            self._start(*self._queue.pop(0))

    def wait(self) -> None:
        """Finish the backups under way (before closing, before a backup in this thread)."""
        while self.task is not None and self.task.is_running():
            self.task.wait()
            QCoreApplication.sendPostedEvents(self.task)  # deliver its outcome: the next one starts

    def _done(self, made) -> None:
        if made is None:                 # a periodic one, too soon after the last
            return
        self.made.append(made)
        if not self.window.statusBar().currentMessage():   # never over an alert (late complaints…)
            self.window.statusBar().showMessage(self.tr("Backup made: %1").replace("%1", made.name), 5000)

    def _failed(self, path: Path, text: str) -> None:
        self.window.statusBar().showMessage(self.tr("The automatic backup failed: %1").replace("%1", text), 15000)
        if path not in self._warned:
            self._warned.add(path)
            messages.error(self.window, self.tr("Automatic backup"), text)
