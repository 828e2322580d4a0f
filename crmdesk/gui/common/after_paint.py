"""What waits for a widget's next paint: the work a file's opening starts (the reminders,
the menus' counts in the status bar) comes after the client table's first rows are on the
screen, not before them.

    after_paint(window.ui.clientTable.viewport(), lambda: self._start(database))
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then()` once `widget` was painted (or after AfterPaint.FALLBACK_MS, if it is not
    shown); the calls waiting for the same paint are made in the order they were asked for."""
    waiting = widget.findChild(AfterPaint, AfterPaint.NAME)
    if waiting is None or waiting.then is None:
        waiting = AfterPaint(widget)
    waiting.then.append(then)


class AfterPaint(QObject):
    FALLBACK_MS = 1500
    NAME = "afterPaint"

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.setObjectName(self.NAME)
        self.widget = widget
        self.then: list[Callable[[], object]] | None = []
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self, self._fire)  # once this paint is on the screen
        return False

    def _fire(self) -> None:
        if self.then is None:
            return
        calls, self.then = self.then, None
        self.widget.removeEventFilter(self)
        self.setObjectName("")  # a call made below waits for the next paint
        self.deleteLater()
        for then in calls:
            then()
