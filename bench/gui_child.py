"""Child process of bench_gui.py: one GUI scenario, figures printed as JSON.

    python bench/gui_child.py empty LAUNCH_TIME
    python bench/gui_child.py start LAUNCH_TIME FILE
    python bench/gui_child.py interact FILE [TERM …]     (FILE: a file or a postgresql:// URL)
    python bench/gui_child.py session FILE cancel|work

`session` opens FILE as a user would (the window, its reminders and Today
view, its automatic backups), then asks the window to close — while the
background backup is under way (cancel), or after it and an edit (work) —
and prints the moment of that request; the parent times the exit.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Note the first paint that shows what we wait for (and quit then, with quit=True)."""

    def __init__(self, launch: float, ready, *, quit: bool = True):
        super().__init__()
        self.launch, self.ready, self.seconds, self.quit = launch, ready, None, quit

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.seconds is None and self.ready():
            self.seconds = time.time() - self.launch
            if self.quit:
                QTimer.singleShot(0, QApplication.quit)
        return False


def empty(launch: float) -> dict:
    app = QApplication([])
    window = QMainWindow()
    window.resize(1200, 800)
    spy = FirstPaint(launch, lambda: True)
    window.installEventFilter(spy)
    window.show()
    app.exec()
    return {"seconds": spy.seconds}


def _window(path):
    from crmdesk.gui.app import application
    from crmdesk.gui.main_window import MainWindow

    app = application([])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1200, 800)
    assert window.open_file(path, remember=False)
    return app, window


def start(launch: float, path: str) -> dict:
    """First rows painted, with the reminders and the Today view computed
    meanwhile; then the moment the Today view is ready."""
    from crmdesk.gui.app import application

    application([])
    from crmdesk.gui.main_window import MainWindow  # noqa: F401 (imports counted)

    app, window = _window(path)
    table = window.ui.clientTable
    rows = []
    spy = FirstPaint(launch, lambda: rows.append(window.model.rowCount()) or rows[-1] > 0, quit=False)
    table.viewport().installEventFilter(spy)
    ready = {}
    window.today.ready.connect(lambda _view: ready.update(at=time.time(), shown=window.today.dialog is not None))
    window.show()

    def done():
        if spy.seconds is not None and "at" in ready:
            app.quit()
        else:
            QTimer.singleShot(20, done)

    QTimer.singleShot(0, done)
    app.exec()
    return {
        "seconds": spy.seconds,
        "rows": rows[-1],
        "today_ready_s": ready["at"] - launch,
        "shown": ready["shown"],
        "created": window.today.created,
        "counts": window.today.view["counts"],
    }


def session(path: str, how: str) -> dict:
    """Open, let the reminders and the background backup run, close (see the module's text)."""
    from crmdesk.store.contacts import ContactStore

    opened = time.time()
    app, window = _window(path)
    hooks = window.backup_hooks
    events: dict = {"opened_s": time.time() - opened}
    window.today.ready.connect(lambda _view: events.setdefault("today_ready_s", time.time() - opened))
    window.show()

    def backing_up() -> bool:
        return hooks.task is not None and hooks.task.is_running()

    def close() -> None:
        events["close_request"] = time.time()
        events["backing_up_at_close"] = backing_up()
        window.close()

    def step() -> None:
        waited = time.time() - opened
        if "today_ready_s" not in events:
            QTimer.singleShot(20, step)
        elif how == "cancel":
            if (backing_up() and hooks.bar.value() > 0) or waited > 120:  # a few steps into the copy
                close()
            else:
                QTimer.singleShot(20, step)
        elif backing_up() or (hooks.timer.isActive() and hooks.timer.remainingTime() < 10_000):
            QTimer.singleShot(100, step)  # the background backup due now: let it run
        elif not window.database.writable:
            QTimer.singleShot(100, step)  # a big file's pages still being read: edits wait for that, as the user
        else:
            events["backups_made"] = [p.name for p in hooks.made]
            ContactStore(window.database).create({"last_name": "Saisie du jour"})  # the day's work
            close()

    QTimer.singleShot(0, step)
    app.exec()  # as crmdesk.gui.app.run: the window closed, the application ends
    window.deleteLater()
    return events


def _timed(action, repaint) -> float:
    begin = time.perf_counter()
    action()
    repaint()
    return time.perf_counter() - begin


def _settle(app, done, limit: float = 300.0) -> float:
    """Run the event loop until done() (the window's background work); seconds waited."""
    begin = time.perf_counter()
    while not done() and time.perf_counter() - begin < limit:
        app.processEvents()
        time.sleep(0.005)
    return time.perf_counter() - begin


def _pause(app, window, seconds: float) -> float:
    """Run the event loop for `seconds`; how long the window's background
    listing work kept running in that time."""
    begin = time.perf_counter()
    busy = 0.0
    while time.perf_counter() - begin < seconds:
        app.processEvents()
        if not _listing_idle(window):
            busy = time.perf_counter() - begin
        time.sleep(0.001)
    return busy


def _listing_idle(window) -> bool:
    """The in-memory listing built, no sort order left to load, nothing to
    group ahead or to count (none on a server: SQL answers)."""
    builder, index = window.model.builder, window.store.index
    if builder is None:
        return True
    return (
        index is not None
        and not index.stale
        and not index.wanted
        and index.to_read is None
        and index.to_count is None
        and builder.task is None
    )


def _opening_idle(window) -> bool:
    """The file writable (its pages checked) and the reminders it then allows written."""
    task = getattr(window.today, "task", None)
    return (window.database is None or window.database.writable) and (task is None or not task.is_running())


def _backup_idle(window) -> bool:
    """No backup of the opening running in the background (it reads the whole file)."""
    task = getattr(getattr(window, "backup_hooks", None), "task", None)
    return task is None or not task.is_running()


def interact(path: str, terms: list[str]) -> dict:
    from PySide6.QtCore import Qt

    from crmdesk.gui.main_window import SEARCH_DELAY_MS

    app, window = _window(path)
    window.show()
    app.processEvents()
    # the search texts and sort orders are built in the background after the
    # first rows (crmdesk/store/listing.py): measured, then waited for, and
    # so is the rest of the opening's work (a big file's page check, the
    # reminders it allows, then the backup: ~9 s on the 1M file's first opening,
    # said apart): the interactions are timed on a quiet process and disk
    listing_s = _settle(app, lambda: window.model.builder is None or window.model.listing_ready())
    backup_s = _settle(app, lambda: _backup_idle(window))
    opening_s = listing_s + backup_s + _settle(app, lambda: _opening_idle(window))
    os.sync()  # the 1.2 GB of the backup copy and of this test's own copy written out, not flushed meanwhile
    table = window.ui.clientTable
    viewport = table.viewport()
    repaint = viewport.repaint
    figures = {"rows": window.model.rowCount(), "listing_s": listing_s, "opening_s": opening_s}
    jumps = []
    for _ in range(5):
        table.scrollToTop()
        repaint()
        window.model.refresh()  # cold cache: what a jump really costs
        jumps.append(_timed(table.scrollToBottom, repaint))
    figures["jump_last_s"] = sorted(jumps)[len(jumps) // 2]
    sorts = []
    for column in range(1, 6):
        sorts.append(_timed(lambda c=column: table.sortByColumn(c, Qt.SortOrder.AscendingOrder), repaint))
    figures["sort_s"] = sorted(sorts)[len(sorts) // 2]
    figures["sort_all_s"] = sorts
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    figures["orders_s"] = _settle(app, lambda: _listing_idle(window))  # the orders those sorts asked for
    searches, cpu, between = {}, {}, []
    for term in terms or ("hele", "dupont", "lyon", "maelle.francois", "martin paris", "06 32"):
        # typed as a user types it: every keystroke updates the view
        strokes, spent = [], []
        for end in range(1, len(term) + 1):

            def search(text=term[:end]):
                window.ui.searchEdit.setText(text)
                window.apply_filters()  # what the debounce timer calls

            # and the window's thread's own CPU time: a keystroke that waited (for the
            # processor, the disk, another thread) shows wall time beyond it
            started = time.thread_time()
            strokes.append(_timed(search, repaint))
            spent.append(time.thread_time() - started)
            # the window searches SEARCH_DELAY_MS after the last key: its event
            # loop runs that long between two searches (untimed, as in use)
            between.append(_pause(app, window, SEARCH_DELAY_MS / 1000))
        searches[term], cpu[term] = strokes, spent
        window.ui.searchEdit.setText("")
        window.apply_filters()
    # the same machine's noise, in this run: the rows re-read and repainted with
    # no search at all, after the same pause, as many times as there were keystrokes
    floor = []
    for _ in range(sum(len(strokes) for strokes in searches.values())):
        _pause(app, window, SEARCH_DELAY_MS / 1000)
        floor.append(_timed(window.model.refresh, repaint))
    figures["floor_s"] = floor
    figures["search_s"] = searches
    figures["search_cpu_s"] = cpu
    figures["between_keys_s"] = max(between)  # background work done between two searches, at most
    figures["search_delay_ms"] = SEARCH_DELAY_MS
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["listing_mib"] = window.store.index.nbytes() / 2**20 if window.store.index is not None else 0.0
    window.close()
    return figures


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "empty":
        result = empty(float(sys.argv[2]))
    elif mode == "start":
        result = start(float(sys.argv[2]), sys.argv[3])
    elif mode == "session":
        result = session(sys.argv[2], sys.argv[3])
    else:
        result = interact(sys.argv[2], sys.argv[3:])
    print(json.dumps(result))
