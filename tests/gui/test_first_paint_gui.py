"""At start-up the client table's first rows come first: what a file's opening starts (the
reminders' worker, the complaints' and rights' counts, the figures' day) waits for their
paint, then runs — in the order the features asked for it."""

from __future__ import annotations

import re
import shutil

from PySide6.QtCore import QEvent, QObject

from crmdesk.gui.common.after_paint import after_paint
from crmdesk.gui.main_window import MainWindow
from tests.helpers.today import TODAY, Clock


def plain(text: str) -> str:
    return re.sub("[\u00a0\u202f]", " ", text or "")


class FirstPaint(QObject):
    """What the window had done when the first rows were painted."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window, self.seen = window, None
        window.ui.clientTable.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None and self.window.model.rowCount() > 0:
            window = self.window
            self.seen = {
                "reminders": window.today.task,
                "status": window.statusBar().currentMessage(),
                "figures": window.figures.label.text(),
            }
        return False


def test_an_openings_work_waits_for_the_first_rows_painted(qtbot, qsettings, tmp_path, sweetybio_template):
    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.clock.day = TODAY
    assert window.open_file(path)  # as at start-up: before the window shows
    spy = FirstPaint(window)
    window.show()
    qtbot.waitUntil(lambda: spy.seen is not None)
    assert spy.seen == {"reminders": None, "status": "", "figures": ""}
    # then, at once: the demo's overdue complaint said, its figures' day, the Today view computed
    qtbot.waitUntil(lambda: plain(window.statusBar().currentMessage()) == "1 complaint overdue")
    assert window.figures.label.text() == f"Figures as of {TODAY:%d/%m/%Y}"
    with qtbot.waitSignal(window.today.ready, timeout=10_000):
        pass
    window.close()


def test_calls_waiting_for_the_same_paint_are_made_in_their_order(qtbot, qsettings):
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    viewport = window.ui.clientTable.viewport()
    calls = []
    for number in range(3):
        after_paint(viewport, lambda n=number: calls.append(n))
    assert calls == []  # not shown, not painted
    window.show()
    qtbot.waitUntil(lambda: calls == [0, 1, 2])
    after_paint(viewport, lambda: calls.append("next"))  # the next paint's
    viewport.update()
    qtbot.waitUntil(lambda: calls[-1] == "next")
