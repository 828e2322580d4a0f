"""Automatic backups of the window's client file (rules and folder:
crmdesk/store/backups.py).

    window.backup_hooks = BackupHooks(window)     # in MainWindow's list of features (first)
    if not backup_hooks.before(window, "import"):   # before an import, a merge ("fusion"), a purge
        return

Never a backup of a file that has not changed since its newest one: the
window compares the file's change mark (its connection's own changes and
SQLite's data_version, which moves with every commit of another connection)
with the one taken when the newest backup was made, and, across sessions,
asks backups.unchanged_since (the state of the file noted when it was
closed). When it changed:

* in the background, while the user works (a worker thread, a read-only
  connection of its own, SQLite's online backup in steps; progress in the
  status bar; cancelled cleanly when the file is closed): a small file
  (policy.small_bytes) at most every policy.every_minutes, a big one once a
  day — a little after opening, when the reminders are done;
* when the file is closed, a small file only (a second or less): closing a
  big file never waits for a copy, its next background backup takes over;
* before an import, a merge or a purge (`before()`), always, in this thread
  under a progress dialog, as what follows needs it done; the newest backup
  serves again when the file has not changed since.

Demo files (a temporary copy) and files opened read-only are not backed
up. A failure is told in the status bar, and once per file in a message box.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QProgressDialog

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import messages
from crmdesk.gui.common.worker import Task
from crmdesk.gui.feature import Feature
from crmdesk.store import backups

RISKY = ("import", "fusion", "purge")
START_DELAY_MS = 3_000  # after opening: the first rows and the reminders come first
POLL_MS = 60_000  # how often the file is looked at for changes made without a signal
RETRY_MINUTES = 15  # a background backup that failed is tried again this much later


def before(window, reason: str) -> bool:
    """Back the open file up before an import, a merge or a purge (reason
    « import », « fusion », « purge »). False (the user was told why) when
    it failed: do not go on."""
    if reason not in RISKY:
        raise ValueError(f"before() is for {RISKY}, not {reason!r}")
    return window.backup_hooks.backup_now(reason) is not False


class BackupHooks(Feature):
    def __init__(self, window, policy: backups.BackupPolicy = backups.DEFAULT_POLICY):
        super().__init__(window)
        self.policy = policy
        self.path: Path | None = None  # the open file, when it is backed up
        self.task: Task | None = None  # the background backup under way
        self.made: list[Path] = []  # the backups made, oldest first
        self._covered: tuple | None = None  # the change mark the newest backup holds (None: older)
        self._clean = False  # at closing: the newest backup holds the file
        self._warned: set[Path] = set()
        self._retry_at = dt.datetime.min  # after a failure, the next try waits (a full disk…)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._background)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.schedule)
        self.label = QLabel(window)
        self.label.setObjectName("backupLabel")
        self.bar = QProgressBar(window)
        self.bar.setObjectName("backupProgress")
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(14)
        for widget in (self.label, self.bar):
            window.statusBar().addPermanentWidget(widget)
            widget.hide()
        window.fileOpened.connect(self._opened)
        window.fileClosing.connect(self._closing)
        window.fileClosed.connect(self._closed)
        for signal in (window.undo_stack.indexChanged, window.contactsChanged, window.ordersChanged):
            signal.connect(self.edited)
        if window.database is not None:
            self._opened(window.database.path)

    # -- has the file changed since its newest backup? ------------------------------------
    def _mark(self) -> tuple | None:
        database = self.window.database
        return None if database is None else database.change_mark()

    def dirty(self) -> bool:
        """The open file changed since its newest backup (or was never backed up)."""
        return self._covered is None or self._mark() != self._covered

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    # -- when ----------------------------------------------------------------------
    def _opened(self, path) -> None:
        database = self.window.database
        read_only = database is not None and not database.writer  # it cannot change: nothing to back up
        # path None: a server database (pg_dump backs it up: crmdesk backup --db URL)
        self.path = None if path is None or self._is_demo(Path(path)) or read_only else Path(path)
        self._covered = None
        if self.session is not None:  # an import writing meanwhile: looked at again at its end
            self.session.writersDone.connect(self.schedule)
        if self.path is None:
            self.poll.stop()
            return
        if backups.unchanged_since(self.path) is not None:
            self._covered = self._mark()
        self.poll.start()
        self.schedule(START_DELAY_MS)

    def _is_demo(self, path: Path) -> bool:
        return any(Path(folder).resolve() in path.parents for folder in self.window._temp_dirs)

    def edited(self, *_args) -> None:
        """The file was changed: a background backup when the policy says."""
        self.schedule()

    def schedule(self, at_least_ms: int = 0) -> None:
        """Start the timer of the next background backup, when the file changed."""
        if not self._free():
            return
        if not self.dirty():
            return
        due = max(self.policy.next_due(backups.newest(self.path), self._size()), self._retry_at)
        wait_ms = max(at_least_ms, int((due - dt.datetime.now()).total_seconds() * 1000))
        wait_ms = min(wait_ms, 24 * 3600 * 1000)  # looked at again within a day at most
        if not self.timer.isActive() or self.timer.remainingTime() > wait_ms:
            self.timer.start(max(wait_ms, 0))

    def set_policy(self, policy: backups.BackupPolicy) -> BackupHooks:
        """Another policy from now on (tests: every minute, a small file…)."""
        self.policy = policy
        self.schedule()
        return self

    def _free(self) -> bool:
        """A file open, no backup running, and no task writing on the window's connection (an
        import: `dirty()` would read it from the GUI thread and wait, the window frozen;
        `writersDone` schedules again)."""
        busy = self.session is not None and self.session.writer_busy()
        return self.path is not None and self.window.database is not None and not self._running() and not busy

    def _running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _background(self) -> None:
        reminders = self.window.today.task
        if reminders is not None and reminders.is_running():  # the reminders first
            self.timer.start(1000)
            return
        if not self._free():
            return
        if not self.dirty():
            return
        path, mark = self.path, self._mark()
        reason = backups.PERIODIC if self.policy.is_small(self._size()) else backups.DAILY
        policy = self.policy

        def compute(job):
            return backups.automatic(path, reason, policy=policy, progress=lambda done, total: job.report(done, total))

        self.task = Task(compute, self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(lambda made: self._done(made, mark))
        self.task.failed.connect(lambda text: self._failed(path, text))
        self.task.done.connect(self._idle)
        self.label.setText(self.tr("Backing up…"))
        self.bar.setRange(0, 0)
        self.label.show()
        self.bar.show()
        self.task.start()

    def _progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            if done >= total:
                self.label.setText(self.tr("Checking the backup…"))

    def _idle(self) -> None:
        self.label.hide()
        self.bar.hide()
        self.schedule()

    def stop(self) -> None:
        """Cancel the background backup under way (nothing is left of it) and wait for its thread."""
        self.timer.stop()
        if self._running():
            self.task.cancel()
            self.task.wait()

    def _closing(self, path) -> None:
        self.stop()
        self.poll.stop()
        self._clean = False
        if self.path is None or self.path != Path(path):
            return
        if self.dirty() and self.policy.is_small(self._size()):  # a second or less: done now
            self._run_here(self.path, backups.CLOSING, source=self.window.database)
        self._clean = not self.dirty()

    def _closed(self, path) -> None:
        if self.path is not None and self.path == Path(path) and self._clean:
            newest = backups.newest(self.path)
            if newest is not None:
                backups.record_state(self.path, newest.path)  # the next opening knows it is unchanged
        self.path, self._covered, self._clean = None, None, False

    # -- how -----------------------------------------------------------------------
    def backup_now(self, reason: str) -> Path | bool | None:
        """A backup of the open file now, in this thread: its path (the newest
        one when the file has not changed since), None when there is nothing
        to back up (no file, a demo), False when it failed."""
        if self.path is None or self.window.database is None:
            return None
        self.stop()
        if not self.dirty():
            newest = backups.newest(self.path)
            if newest is not None:
                return newest.path
        return self._run_here(self.path, reason, source=self.window.database)

    def _run_here(self, path: Path, reason: str, *, source=None) -> Path | bool:
        """Back up in this thread (what follows needs it done), under a wait
        cursor; a progress dialog shows when it lasts (a big file). No local
        event loop: it would run the deletions other code has deferred."""
        progress = QProgressDialog(self.tr("Backing up « %1 »…").replace("%1", path.name), "", 0, 0, self.window)
        progress.setObjectName("backupProgressDialog")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)

        def step(done: int, total: int) -> None:  # setValue repaints the window-modal dialog
            progress.setMaximum(total)
            progress.setValue(min(done, total - 1) if total else 0)

        mark = self._mark()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = backups.automatic(source if source is not None else path, reason, policy=self.policy, progress=step)
        except CrmError as exc:
            self._failed(path, str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
            progress.reset()
            progress.deleteLater()
        self._done(made, mark)
        return made

    def wait(self) -> None:
        """No backup under way when this returns (before the file is replaced)."""
        self.stop()

    def _done(self, made, mark) -> None:
        if made is None:  # a periodic one, too soon after the last
            return
        self._covered = mark
        self.made.append(made)
        if not self.window.statusBar().currentMessage():  # never over an alert (late complaints…)
            self.window.statusBar().showMessage(self.tr("Backup made: %1").replace("%1", made.name), 5000)

    def _failed(self, path: Path, text: str) -> None:
        self._retry_at = dt.datetime.now() + dt.timedelta(minutes=max(self.policy.every_minutes, RETRY_MINUTES))
        self.timer.stop()
        self.window.statusBar().showMessage(self.tr("The automatic backup failed: %1").replace("%1", text), 15000)
        if path not in self._warned:
            self._warned.add(path)
            messages.error(self.window, self.tr("Automatic backup"), text)
