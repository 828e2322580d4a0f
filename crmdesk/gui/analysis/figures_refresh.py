"""The figures of the client table are those of today (docs/domain/12-figures-as-of.md).

    from crmdesk.gui import figures_refresh
    figures_refresh.install(window)        # once, in MainWindow.__init__
    figures_refresh.stop(window)           # before the window closes its file
    figures_refresh.recompute(window)      # the grid, method or window of the file changed

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

The window's day is its session's clock (`today(window)`: Session.today).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.worker import Cancelled, Job, Task, reader

START_DELAY_MS = 300  # after the first rows of a file opened are painted
DEBOUNCE_MS = 3_000  # quantile RFM: after the last order typed
WRITE_CHUNK = 2_000  # contacts per transaction of the worker


def today(window) -> dt.date:
    """The day of the file open (Session.today: the one clock of the window)."""
    return window.session.today()


def install(window) -> SimpleNamespace:
    """The status bar's « Chiffres au … », the worker, the midnight and edit timers."""
    if getattr(window, "figures", None) is not None:
        return window.figures
    bar = window.ui.statusbar
    label = QLabel(bar)
    label.setObjectName("figuresLabel")
    progress = QProgressBar(bar)
    progress.setObjectName("figuresProgress")
    progress.setRange(0, 1000)
    progress.setMaximumWidth(320)
    progress.hide()
    stop_button = QToolButton(bar)
    stop_button.setObjectName("figuresStop")
    stop_button.setText(QCoreApplication.translate("FiguresRefresh", "Stop"))
    stop_button.setToolTip(
        QCoreApplication.translate(
            "FiguresRefresh", "Stop updating the figures (they will be updated the next time the file opens)"
        )
    )
    stop_button.hide()
    for widget in (label, progress, stop_button):
        bar.addPermanentWidget(widget)
    parts = SimpleNamespace(
        task=None,
        again=False,
        after_writers=False,  # a check asked while a task wrote on the window's connection
        day=None,
        label=label,
        progress=progress,
        stop_button=stop_button,
        midnight=QTimer(window),
        debounce=QTimer(window),
        start=QTimer(window),
        written=0,
        painted=_FirstPaint(window),
    )
    window.figures = parts
    parts.start.setSingleShot(True)
    parts.start.timeout.connect(lambda: check(window))
    parts.debounce.setSingleShot(True)
    parts.debounce.setInterval(DEBOUNCE_MS)
    parts.debounce.timeout.connect(lambda: recompute(window))
    parts.midnight.setSingleShot(True)
    parts.midnight.timeout.connect(lambda: _midnight(window))
    stop_button.clicked.connect(lambda: parts.task.cancel() if parts.task is not None else None)
    window.fileOpened.connect(lambda _path: _opened(window))
    window.ordersChanged.connect(lambda _contact_id: _edited(window))
    _arm_midnight(window)
    if window.database is not None:
        _opened(window)
    return parts


class _FirstPaint(QObject):
    """Starts the check once the table of a file just opened was painted: the
    window shows its first rows before the worker competes with it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.waiting = False
        window.ui.clientTable.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if self.waiting and event.type() == QEvent.Type.Paint:
            self.waiting = False
            self.window.figures.start.start(START_DELAY_MS)
        return False


def _opened(window) -> None:
    parts = window.figures
    parts.again = False
    parts.after_writers = False
    window.session.writersDone.connect(lambda: _writers_done(window))
    parts.debounce.stop()
    _show_day(window)
    parts.start.stop()
    parts.painted.waiting = True


def _arm_midnight(window) -> None:
    now = dt.datetime.now()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 1))
    window.figures.midnight.start(max(1_000, int((midnight - now).total_seconds() * 1000)))


def _midnight(window) -> None:
    _arm_midnight(window)
    check(window)


def _writer_busy(window) -> bool:
    """A task writes on the window's connection (an import): the figures wait for its end."""
    if window.session is None or not window.session.writer_busy():
        return False
    window.figures.after_writers = True
    return True


def _writers_done(window) -> None:
    parts = window.figures
    if parts.after_writers:
        parts.after_writers = False
        check(window)


def _edited(window) -> None:
    """An order was typed, changed or deleted: its client's figures followed in the
    same transaction (OrderStore); quantile scores depend on everyone: recompute
    the file once the edits stop. A computation running missed the edit: again."""
    parts = window.figures
    if _writer_busy(window):
        return
    if parts.task is not None and parts.task.is_running():
        parts.again = True
    elif window.database is not None and _saved(window.database).choice.method == "quantile":
        parts.debounce.start()


def _saved(database):
    from crmdesk.store.figures import saved_state

    return saved_state(database)


def _show_day(window) -> None:
    """« Chiffres au 07/12/2026 » (the copy on the contacts), and in the table's tooltips."""
    parts = window.figures
    day = _saved(window.database).day if window.database is not None else None
    parts.day = day
    text = QCoreApplication.translate("FiguresRefresh", "Figures as of %1")
    parts.label.setText(text.replace("%1", format_date(day.isoformat())) if day else "")
    stale = day is not None and day != today(window)
    parts.label.setStyleSheet("color: #a15c00;" if stale else "")
    if window.model is not None:
        window.model.set_figures_day(day)


def check(window) -> Task | None:
    """Recompute the figures if they are not of the window's day (else nothing)."""
    from crmdesk.store.figures import needs_update

    if window.database is None or not window.database.writable:  # read-only: prints and exports compute
        return None
    if window.figures.task is not None and window.figures.task.is_running():
        window.figures.again = True
        return window.figures.task
    if _writer_busy(window):  # checked again at its end
        return None
    if not needs_update(window.database, today(window)):
        _show_day(window)
        return None
    return recompute(window)


def recompute(window) -> Task | None:
    """Recompute every figure of the open file as of the window's day, in the
    background (the grid, method and window kept in the file)."""
    from crmdesk.store import figures_update

    parts = window.figures
    database = window.database
    if database is None or not database.writable:
        return None
    parts.start.stop()  # a check on its way is this one
    parts.painted.waiting = False
    if parts.task is not None and parts.task.is_running():
        parts.again = True
        return parts.task
    if _writer_busy(window):  # its own writes would wait on the import's; checked again at its end
        return None
    parts.debounce.stop()
    day = today(window)
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

    task = parts.task = Task(work, window)
    parts.progress.setValue(0)
    parts.progress.setFormat(text + " %p %")
    parts.progress.setToolTip(text)
    parts.label.hide()
    parts.progress.show()
    parts.stop_button.show()
    task.progress.connect(lambda done, _total, _text: parts.progress.setValue(done))
    task.finished.connect(lambda written: _finished(window, written))
    task.failed.connect(
        lambda message: window.ui.statusbar.showMessage(
            QCoreApplication.translate("FiguresRefresh", "The figures could not be updated: %1").replace("%1", message),
            15_000,
        )
    )
    task.done.connect(lambda: _done(window, task))
    task.start()
    return task


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


def _finished(window, written: int) -> None:
    window.figures.written = written
    if window.session is not None:
        window.session.figuresChanged.emit()  # the window re-reads its table (analysis/menu.py)


def _idle(parts) -> None:
    parts.progress.hide()
    parts.stop_button.hide()
    parts.label.show()


def _done(window, task: Task) -> None:
    parts = window.figures
    if parts.task is not task:
        return
    _idle(parts)
    if _writer_busy(window):  # the day shown and a recompute asked meanwhile: at its end
        parts.again = False
        return
    if window.database is not None:
        _show_day(window)
    if parts.again and window.database is not None:
        parts.again = False
        recompute(window)


def stop(window) -> None:
    """Before the window closes its file: the worker stops and ends (it writes to that file)."""
    parts = getattr(window, "figures", None)
    if parts is None:
        return
    parts.start.stop()
    parts.painted.waiting = False
    parts.debounce.stop()
    parts.again = False
    parts.after_writers = False
    if parts.task is not None and parts.task.is_running():
        parts.task.cancel()
        parts.task.wait()
    parts.task = None  # the next file starts afresh (the ended task still reports, ignored)
    _idle(parts)
