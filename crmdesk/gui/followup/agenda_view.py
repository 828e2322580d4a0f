"""A simple agenda: the tasks of a week or a month in a grid, Monday first (docs/domain/07-follow-up-and-loyalty.md).

One cell per day: its number, then its tasks (time, title, client; ✓ when
done), at most CELL_LINES of them and « … N more ». Read by due date
(TaskStore.agenda, an index range) for the days shown only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.gui.session import Session
from crmdesk.store.tasks import TaskStore

CELL_LINES = 6
_TODAY = QColor("#fff6d5")
_OTHER_MONTH = QColor("#8a8a8a")


def first_day(mode: str, anchor: dt.date) -> dt.date:
    """The Monday the grid starts on."""
    start = anchor.replace(day=1) if mode == "month" else anchor
    return start - dt.timedelta(days=start.weekday())


def weeks_shown(mode: str, anchor: dt.date) -> int:
    if mode == "week":
        return 1
    next_month = (anchor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    last = next_month - dt.timedelta(days=1)
    return (last - first_day("month", anchor)).days // 7 + 1


class AgendaModel(QAbstractTableModel):
    """7 columns (Monday … Sunday), one row per week shown."""

    def __init__(self, store: TaskStore, today: dt.date, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )
        self.store = store
        self.today = today
        self.mode = "week"
        self.anchor = today
        self.tasks: dict[dt.date, list[dict]] = {}
        self.reload()

    def set_view(self, mode: str, anchor: dt.date) -> None:
        self.mode, self.anchor = mode, anchor
        self.reload()

    def start(self) -> dt.date:
        return first_day(self.mode, self.anchor)

    def day_at(self, row: int, column: int) -> dt.date:
        return self.start() + dt.timedelta(days=row * 7 + column)

    def reload(self) -> None:
        self.beginResetModel()
        start = self.start()
        end = start + dt.timedelta(days=weeks_shown(self.mode, self.anchor) * 7 - 1)
        self.tasks = defaultdict(list)
        for task in self.store.agenda(start, end):
            self.tasks[dt.date.fromisoformat(task["due_at"][:10])].append(task)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else weeks_shown(self.mode, self.anchor)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return self._headers[section]
        return None

    def cell_text(self, day: dt.date) -> str:
        lines = [day.strftime("%d/%m")]
        tasks = self.tasks.get(day, [])
        for task in tasks[:CELL_LINES]:
            time = f"{task['due_at'][11:16]} " if len(task["due_at"]) > 10 else ""
            client = f" — {task['client_name']}" if task["client_name"] else ""
            lines.append(f"{'✓ ' if task['done'] else '• '}{time}{task['title']}{client}")
        if len(tasks) > CELL_LINES:
            lines.append(self.tr("… %1 more").replace("%1", str(len(tasks) - CELL_LINES)))
        return "\n".join(lines)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < self.rowCount() and 0 <= index.column() < 7):
            return None
        day = self.day_at(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(day)
        if role == Qt.ItemDataRole.BackgroundRole and day == self.today:
            return QBrush(_TODAY)
        if role == Qt.ItemDataRole.ForegroundRole and self.mode == "month" and day.month != self.anchor.month:
            return QBrush(_OTHER_MONTH)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class AgendaView(QDialog):
    """Week or month, with previous / today / next."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AgendaView")
        self.setWindowTitle(self.tr("Agenda"))
        self.today = session.today()
        self.model = AgendaModel(session.tasks, self.today, self)
        self.table = QTableView(self)
        self.table.setObjectName("agenda")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_radio = QRadioButton(self.tr("&Week"), self)
        self.month_radio = QRadioButton(self.tr("&Month"), self)
        self.week_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.week_radio)
        group.addButton(self.month_radio)
        self.previous_button = QPushButton(self.tr("◀ &Previous"), self)
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.next_button = QPushButton(self.tr("&Next ▶"), self)
        self.period_label = QLabel(self)
        self.period_label.setObjectName("period")
        self.previous_button.clicked.connect(lambda _checked=False: self.step(-1))
        self.next_button.clicked.connect(lambda _checked=False: self.step(1))
        self.today_button.clicked.connect(lambda _checked=False: self.show_period(self.mode(), self.today))
        self.week_radio.toggled.connect(lambda _checked: self.show_period(self.mode(), self.model.anchor))
        bar = QHBoxLayout()
        for widget in (self.week_radio, self.month_radio, self.previous_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.period_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.resize(980, 560)
        self.show_period("week", self.today)

    def mode(self) -> str:
        return "week" if self.week_radio.isChecked() else "month"

    def show_period(self, mode: str, anchor: dt.date) -> None:
        self.model.set_view(mode, anchor)
        start = self.model.start()
        if mode == "week":
            end = start + dt.timedelta(days=6)
            self.period_label.setText(
                self.tr("From %1 to %2")
                .replace("%1", start.strftime("%d/%m/%Y"))
                .replace("%2", end.strftime("%d/%m/%Y"))
            )
        else:
            self.period_label.setText(anchor.strftime("%m/%Y"))

    def step(self, step: int) -> None:
        anchor = self.model.anchor
        if self.mode() == "week":
            anchor += dt.timedelta(days=7 * step)
        else:
            month = anchor.year * 12 + anchor.month - 1 + step
            anchor = dt.date(month // 12, month % 12 + 1, 1)
        self.show_period(self.mode(), anchor)
