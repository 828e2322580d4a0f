"""The period of the dashboard: month, quarter, year or custom dates, with
previous / next buttons (crmdesk.domain.periods does the calendar work).

    selector = PeriodSelector(today, parent)
    selector.periodChanged.connect(...)      # (Period), once per change
    selector.period()                        # « T4 2026 » …
    selector.set_period(periods.bounds("year", day))
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from crmdesk.domain import periods
from crmdesk.domain.periods import Period


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def following(period: Period) -> Period:
    """The period just after, of the same kind (custom: the same number of days)."""
    if period.kind == "custom":
        start = period.end + dt.timedelta(days=1)
        return periods.custom(start, start + dt.timedelta(days=period.days - 1))
    return periods.bounds(period.kind, period.end + dt.timedelta(days=1))


class PeriodSelector(QWidget):
    periodChanged = Signal(object)  # Period

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("periodSelector")
        self.today = today
        self._period = periods.bounds("month", today)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        kind_label = QLabel(self.tr("&Period:"), self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("periodKind")
        for code, text in (
            ("month", self.tr("Month")),
            ("quarter", self.tr("Quarter")),
            ("year", self.tr("Year")),
            ("custom", self.tr("Custom dates")),
        ):
            self.kind_combo.addItem(text, code)
        kind_label.setBuddy(self.kind_combo)

        self.previous_button = self._arrow(Qt.ArrowType.LeftArrow, "previousPeriod", self.tr("Previous period"))
        self.label = QLabel(self)
        self.label.setObjectName("periodLabel")
        self.label.setStyleSheet("font-weight: bold;")
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000 – 00/00/0000") + 12)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = self._arrow(Qt.ArrowType.RightArrow, "nextPeriod", self.tr("Next period"))

        self.start_label = QLabel(self.tr("Fro&m:"), self)
        self.start_edit = self._date_edit("periodStart")
        self.start_label.setBuddy(self.start_edit)
        self.end_label = QLabel(self.tr("T&o:"), self)
        self.end_edit = self._date_edit("periodEnd")
        self.end_label.setBuddy(self.end_edit)

        for widget in (
            kind_label,
            self.kind_combo,
            self.previous_button,
            self.label,
            self.next_button,
            self.start_label,
            self.start_edit,
            self.end_label,
            self.end_edit,
        ):
            layout.addWidget(widget)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.previous_button.clicked.connect(lambda: self.set_period(periods.previous(self._period)))
        self.next_button.clicked.connect(lambda: self.set_period(following(self._period)))
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        self._show(self._period)

    def _arrow(self, arrow: Qt.ArrowType, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period) -> None:
        """Show `period` (emits periodChanged when it is another one)."""
        if period == self._period:
            return
        self._period = period
        self._show(period)
        self.periodChanged.emit(period)

    def _show(self, period: Period) -> None:
        """The widgets as `period` says, without echoing their signals back."""
        widgets = (self.kind_combo, self.start_edit, self.end_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(period.kind))
        self.start_edit.setDate(_qdate(period.start))
        self.end_edit.setDate(_qdate(period.end))
        for widget in widgets:
            widget.blockSignals(False)
        custom = period.kind == "custom"
        for widget in (self.start_label, self.start_edit, self.end_label, self.end_edit):
            widget.setVisible(custom)
        self.label.setText(period.label)
        self.label.setToolTip(f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}")

    def _kind_changed(self, _index: int) -> None:
        kind = self.kind_combo.currentData()
        current = self._period
        if kind == "custom":  # the dates of the period shown, now editable
            self.set_period(periods.custom(current.start, current.end))
        else:  # the month, quarter or year holding today when shown, else where the period ends
            day = self.today if current.contains(self.today) else current.end
            self.set_period(periods.bounds(kind, day))

    def _dates_changed(self, *_args) -> None:
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        if end < start:  # the other date follows rather than refusing the edit
            if self.sender() is self.start_edit:
                end = start
            else:
                start = end
        self.set_period(periods.custom(start, end))
