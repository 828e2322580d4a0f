"""The figures of the client table are those of today (docs/domain/12-figures-as-of.md).

    window.figures = FiguresRefresh(window)   # in MainWindow's list of features
    window.figures.stop()                    # before the window closes its file
    window.figures.recompute()               # the grid, method or window of the file changed

The status, revenue and RFM columns (and their filters, the dashboard's status
chart, the selections) read the copy of the figures kept on the contacts
(crmdesk/store/figures.py). When a file opens on a later day than that copy,
and at midnight while it stays open, the copy is recomputed in a worker
thread (crmdesk/store/figures_update.py: the next day, only the contacts a day
can change are computed again; otherwise one grouped pass over every order),
on a read-only connection, then only the contacts whose figures changed are
written, in short transactions on a connection of their own (the window reads,
and writes, meanwhile). The
status bar says « Mise à jour des chiffres au 07/12/2026… » with the progress
and a stop button, then « Chiffres au 07/12/2026 »; the table's rows are
read again in place. With quantile RFM a client's scores depend on everyone:
after an order is typed, the whole file is recomputed a few seconds after
the last edit (debounced). The grid, method and window kept in the file are
used: the user's choice is kept.

While an import (or another task) writes on the window's connection from its
thread, nothing here reads that connection: a check or a recompute asked
meanwhile (the timers, an edit) waits for `Session.writersDone`, then runs —
reading it on the GUI thread would wait on the connection, the window frozen.

The day is the session's clock (Session.today).
"""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.worker import Cancelled, Job, Task, reader
from crmdesk.gui.feature import Feature

START_DELAY_MS = 300  # after the first rows of a file opened are painted
DEBOUNCE_MS = 3_000  # quantile RFM: after the last order typed
WRITE_CHUNK = 2_000  # contacts per transaction of the worker


class FiguresRefresh(Feature):
    """The status bar's « Chiffres au … », the worker, the midnight and edit timers."""

    def __init__(self, window):
        super().__init__(window)
        bar = window.ui.statusbar
        self.label = QLabel(bar)
        self.label.setObjectName("figuresLabel")
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("figuresProgress")
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(320)
        self.progress.hide()
        self.stop_button = QToolButton(bar)
        self.stop_button.setObjectName("figuresStop")
        self.stop_button.setText(QCoreApplication.translate("FiguresRefresh", "Stop"))
        self.stop_button.setToolTip(
            QCoreApplication.translate(
                "FiguresRefresh", "Stop updating the figures (they will be updated the next time the file opens)"
            )
        )
        self.stop_button.hide()
        for widget in (self.label, self.progress, self.stop_button):
            bar.addPermanentWidget(widget)
        self.task: Task | None = None
        self.again = False  # an edit or a check came while the task ran: once more after it
        self.after_writers = False  # a check asked while a task wrote on the window's connection
        self.day: dt.date | None = None  # the day of the copy on the contacts
        self.written = 0
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._midnight)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.recompute)
        self.start = QTimer(self)
        self.start.setSingleShot(True)
        self.start.timeout.connect(self.check)
        self.checking = False  # a check due once the first rows of the file opened are painted
        self.stop_button.clicked.connect(lambda: self.task.cancel() if self.task is not None else None)
        window.ordersChanged.connect(lambda _contact_id: self._edited())
        self._arm_midnight()

    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        self.again = False
        self.after_writers = False
        session.writersDone.connect(self._writers_done)
        self.debounce.stop()
        self.start.stop()
        self.checking = True
        self.after_paint(lambda: self._painted(session))

    def _painted(self, session) -> None:
        """The file's first rows are on the screen (the worker would compete with them): the day
        of its figures said, their check soon."""
        if self.session is not session:  # another file was opened meanwhile
            return
        self._show_day()
        if self.checking:  # not stopped, nor recomputed, meanwhile
            self.checking = False
            self.start.start(START_DELAY_MS)

    # -- when -----------------------------------------------------------------------------------
    def _arm_midnight(self) -> None:
        now = dt.datetime.now()
        midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 1))
        self.midnight.start(max(1_000, int((midnight - now).total_seconds() * 1000)))

    def _midnight(self) -> None:
        self._arm_midnight()
        self.check()

    def _writer_busy(self) -> bool:
        """A task writes on the window's connection (an import): the figures wait for its end."""
        if self.session is None or not self.session.writer_busy():
            return False
        self.after_writers = True
        return True

    def _writers_done(self) -> None:
        if self.after_writers:
            self.after_writers = False
            self.check()

    def _edited(self) -> None:
        """An order was typed, changed or deleted: its client's figures followed in the
        same transaction (OrderStore); quantile scores depend on everyone: recompute
        the file once the edits stop. A computation running missed the edit: again."""
        if self._writer_busy():
            return
        if self.task is not None and self.task.is_running():
            self.again = True
        elif self.session is not None and _saved(self.session.database).choice.method == "quantile":
            self.debounce.start()

    def _show_day(self) -> None:
        """« Chiffres au 07/12/2026 » (the copy on the contacts), and in the table's tooltips."""
        day = _saved(self.session.database).day if self.session is not None else None
        self.day = day
        text = QCoreApplication.translate("FiguresRefresh", "Figures as of %1")
        self.label.setText(text.replace("%1", format_date(day.isoformat())) if day else "")
        stale = day is not None and day != self.session.today()
        self.label.setStyleSheet("color: #a15c00;" if stale else "")
        if self.window.model is not None:
            self.window.model.set_figures_day(day)

    # -- the work -------------------------------------------------------------------------------
    def check(self) -> Task | None:
        """Recompute the figures if they are not of the session's day (else nothing)."""
        from crmdesk.store.figures import needs_update

        session = self.session
        if session is None or not session.database.writable:  # read-only: prints and exports compute
            return None
        if self.task is not None and self.task.is_running():
            self.again = True
            return self.task
        if self._writer_busy():  # checked again at its end
            return None
        if not needs_update(session.database, session.today()):
            self._show_day()
            return None
        return self.recompute()

    def recompute(self) -> Task | None:
        """Recompute every figure of the open file as of the session's day, in the
        background (the grid, method and window kept in the file)."""
        from crmdesk.store import figures_update

        session = self.session
        if session is None or not session.database.writable:
            return None
        database = session.database
        self.start.stop()  # a check on its way is this one
        self.checking = False
        if self.task is not None and self.task.is_running():
            self.again = True
            return self.task
        if self._writer_busy():  # its own writes would wait on the import's; checked again at its end
            return None
        self.debounce.stop()
        day = session.today()
        text = QCoreApplication.translate("FiguresRefresh", "Updating the figures to %1…").replace(
            "%1", format_date(day.isoformat())
        )

        def work(job: Job) -> int:
            def progress(done: int, total: int) -> None:
                job.report(done, total, text)

            job.report(0, 1000, text)
            try:
                with reader(database, job) as read, _writer(database, job) as db:
                    return figures_update.update(db, day, reader=read, chunk=WRITE_CHUNK, progress=progress)
            except CrmError:
                if job.cancelled:  # a write interrupted by the stop button: told as such, not as a failure
                    raise Cancelled() from None
                raise

        task = self.task = Task(work, self.window)
        self.progress.setValue(0)
        self.progress.setFormat(text + " %p %")
        self.progress.setToolTip(text)
        self.label.hide()
        self.progress.show()
        self.stop_button.show()
        task.progress.connect(lambda done, _total, _text: self.progress.setValue(done))
        task.finished.connect(self._finished)
        task.failed.connect(
            lambda message: self.window.ui.statusbar.showMessage(
                QCoreApplication.translate("FiguresRefresh", "The figures could not be updated: %1").replace(
                    "%1", message
                ),
                15_000,
            )
        )
        task.done.connect(lambda: self._done(task))
        task.start()
        return task

    def _finished(self, written: int) -> None:
        self.written = written
        if self.session is not None:
            self.session.figuresChanged.emit()  # the window re-reads its table (analysis/menu.py)

    def _idle(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.label.show()

    def _done(self, task: Task) -> None:
        if self.task is not task:
            return
        self._idle()
        if self._writer_busy():  # the day shown and a recompute asked meanwhile: at its end
            self.again = False
            return
        if self.session is not None:
            self._show_day()
        if self.again and self.session is not None:
            self.again = False
            self.recompute()

    def stop(self) -> None:
        """Before the window closes its file: the worker stops and ends (it writes to that file)."""
        self.start.stop()
        self.checking = False
        self.debounce.stop()
        self.again = False
        self.after_writers = False
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
        self.task = None  # the next file starts afresh (the ended task still reports, ignored)
        self._idle()


def _saved(database):
    from crmdesk.store.figures import saved_state

    return saved_state(database)


@contextlib.contextmanager
def _writer(database, job: Job):
    """A connection of the worker's own that writes to the open file (the window
    keeps its own: Database.companion); interrupted when the job is cancelled."""
    other = database.companion()
    try:
        with job.watch(other.conn):
            yield other
    finally:
        other.close()
