"""A computation off the GUI thread: progress, result or failure, cancel.

    task = Task(compute, parent=dialog)      # compute(job: Job) -> result
    task.progress.connect(...)               # (done, total, text); total 0 = busy
    task.finished.connect(...)               # (result)
    task.failed.connect(...)                 # (French message)
    task.cancelled.connect(...)
    task.start()
    task.cancel()                            # asks; the function stops at its next check

The function runs in a QThread and reports through `job.report(...)`; it
checks `job.check()` (raises Cancelled) between steps. SQLite work is
stopped mid-query by `job.watch(conn)`: a progress handler that interrupts
the statement once cancel() was asked. Signals reach the GUI thread queued,
so slots never run in the worker thread. Exactly one of finished, failed or
cancelled is emitted, after which `done` is emitted; `wait()` joins the
thread (dialogs call it when they close).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import gui_gc
from crmdesk.store.server import on_server


class Cancelled(Exception):
    """The user cancelled the computation."""


class Job:
    """What the function sees: report progress, check for a cancel."""

    def __init__(self, task: Task):
        self._task = task
        self._event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.check()
        self._task.progress.emit(int(done), int(total), text)

    @contextlib.contextmanager
    def watch(self, conn: sqlite3.Connection, every: int = 20_000):
        """Interrupt the SQLite statements of `conn` when cancelled."""
        conn.set_progress_handler(self._event.is_set, every)
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            if self._event.is_set() and "interrupt" in str(exc):
                raise Cancelled() from None
            raise
        finally:
            conn.set_progress_handler(None, 0)


class _Thread(QThread):
    def __init__(self, task: Task):
        super().__init__(task)
        self.task = task

    def run(self) -> None:  # in the worker thread
        task = self.task
        try:
            result = task.function(task.job)
            task.job.check()
        except Cancelled:
            task._outcome.emit("cancelled", None)
        except CrmError as exc:
            task._outcome.emit("failed", str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, not lost in a thread
            traceback.print_exc()
            task._outcome.emit("failed", f"{type(exc).__name__} : {exc}")
        else:
            task._outcome.emit("finished", result)


class Task(QObject):
    progress = Signal(int, int, str)  # done, total (0 = unknown), what is being done
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # French message
    cancelled = Signal()
    done = Signal()  # after any of the three above
    _outcome = Signal(str, object)

    def __init__(self, function: Callable[[Job], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.function = function
        self.job = Job(self)
        self._thread: _Thread | None = None
        self._running = False
        self._outcome.connect(self._deliver)

    def start(self) -> Task:
        if self._running:
            raise RuntimeError("task already running")
        self._running = True
        gui_gc.install()  # a worker thread must never run Python's collector on Qt objects
        self._thread = _Thread(self)
        self._thread.start()
        return self

    def is_running(self) -> bool:
        return self._running

    def cancel(self) -> None:
        self.job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Join the thread (True when it ended)."""
        return self._thread.wait(msecs) if self._thread is not None else True

    def _deliver(self, kind: str, value: object) -> None:  # GUI thread
        if self._thread is not None:
            self._thread.wait()
        self._running = False
        if kind == "finished":
            self.finished.emit(value)
        elif kind == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.done.emit()


@contextlib.contextmanager
def reader(database, job: Job | None = None):
    """A read-only connection of its own to the open file, for a worker thread
    (WAL: it reads the last committed state while the window goes on).
    Statements are interrupted when `job` is cancelled."""
    from crmdesk.store import health
    from crmdesk.store.database import Database

    if on_server(database):
        other = database.companion()  # a server: a second connection (it has no file to open)
    else:
        other = Database(database.path, writer=False, check=health.STRUCTURE)  # the window checked it on opening
    try:
        if job is None:
            yield other
        else:
            with job.watch(other.conn):
                yield other
    finally:
        other.close()


class Recomputing:
    """Mixin for a dialog that shows what one Task computes, one at a time.

    The dialog calls `_bar()` once for its busy bar, starts with
    `if self._busy(): return` then `_run(compute, show)` in refresh();
    a refresh asked while a computation runs is done again after it.
    """

    task: Task | None = None
    _again = False

    def _bar(self):
        from PySide6.QtWidgets import QProgressBar

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        return self.progress

    def _busy(self) -> bool:
        if self.task is not None and self.task.is_running():
            self._again = True
            return True
        return False

    def _run(self, compute: Callable[[Job], Any], show: Callable[[Any], None]) -> None:
        from crmdesk.gui.common import messages

        self.progress.show()
        self.task = Task(compute, self)
        self.task.finished.connect(show)
        self.task.failed.connect(lambda text: messages.error(self, self.windowTitle(), text))
        self.task.done.connect(self._done)
        self.task.start()

    def _done(self) -> None:
        self.progress.hide()
        if self._again:
            self._again = False
            self.refresh()

    def done(self, result: int) -> None:  # QDialog.done: stop the computation before closing
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().done(result)
