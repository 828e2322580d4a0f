"""Once a worker thread runs, Python's cyclic collector runs on the GUI thread only
(crmdesk/gui/common/gui_gc.py): a worker collecting a cycle of Qt objects froze the window."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QTimer

from crmdesk.gui.common.worker import Task


class Node(QObject):
    """A Qt object in a reference cycle, connected to a signal (what froze: QObject::disconnect)."""

    def __init__(self):
        super().__init__()
        self.cycle = self
        self.timer = QTimer()
        self.timer.timeout.connect(self.deleteLater)


def test_cycles_of_qt_objects_are_collected_by_the_gui_thread_not_by_workers(qtbot):
    collected_in = []
    gc.callbacks.append(lambda phase, _info: phase == "start" and collected_in.append(threading.current_thread()))
    try:

        def allocate(job):  # a worker allocating plenty: an automatic collection would start here
            return len([[i] for i in range(200_000)])

        task = Task(allocate)
        with qtbot.waitSignal(task.done, timeout=30_000):
            task.start()
        assert not gc.isenabled()
        node = Node()
        gone = weakref.ref(node)
        del node
        kept = [[] for _ in range(2 * gc.get_threshold()[0])]  # well past the youngest generation's threshold
        qtbot.waitUntil(lambda: gone() is None, timeout=5_000)  # the GUI thread's timer collected it
        assert collected_in and set(collected_in) == {threading.main_thread()}
        assert kept
    finally:
        gc.callbacks.pop()
