"""Python's cyclic garbage collection, on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate
when a threshold is passed: a worker's thread (crmdesk/gui/common/worker.py)
then destroys the Qt objects of some cycle the GUI dropped. PySide6 releases
the GIL inside QObject::disconnect and takes it back holding Qt's connection
lock, while the GUI thread holds the GIL and waits for that lock: both wait
for ever (seen as a frozen window while the reminders were computed). So,
once threads are used, automatic collection is turned off and a timer of the
GUI thread collects, generation by generation as the thresholds say — what
pyqtgraph's GarbageCollector does for the same reason.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 500


class _Collector(QObject):
    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        app.aboutToQuit.connect(self.stop)
        self.resume()

    def resume(self) -> None:
        self.timer.start(INTERVAL_MS)
        gc.disable()

    def collect(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due: it collects the younger with it
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def install() -> None:
    """Collect on the GUI thread from now on (once per application; called from it)."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    collector = app.findChild(_Collector)
    if collector is None:
        _Collector(app)
    elif not collector.timer.isActive():  # stopped when the loop quit: a new loop, new workers
        collector.resume()
