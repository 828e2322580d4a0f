"""« Aujourd'hui »: open tasks overdue, due today, later this week (docs/domain/07-follow-up-and-loyalty.md).

    TodayView(session, parent, view=lists_read, feature=window.today)

The window's TodayFeature (today.py) opens it (View › Today…, Ctrl+T, or after
an opening when something is overdue or due today) and imports it then. Each
line has a « done » box (ticked: the task is done at once; unticked again: not
done); a double-click opens the client's sheet (`window.edit_client`). The
lists are read by due date (indexed) and capped.

The view is judged against the session's day (Session.today).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import messages
from crmdesk.gui.common.labels import number
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.followup.texts import format_when, task_kinds
from crmdesk.gui.session import Session
from crmdesk.store.tasks import TaskStore

if TYPE_CHECKING:
    from crmdesk.gui.followup.today import TodayFeature

SIZED_ROWS = 40  # the rows the columns are sized on (a screenful or two)
SECTIONS = ("overdue", "today", "week")


class TaskTableModel(ReadOnlyTableModel):
    """Tasks: done box, due, kind, title, client, rep. Ticking the box marks the task done in the store."""

    doneChanged = Signal(int, bool)  # task id, done
    failed = Signal(str)  # French message

    def __init__(self, store: TaskStore, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Done"),
            self.tr("Due"),
            self.tr("Kind"),
            self.tr("Task"),
            self.tr("Client"),
            self.tr("Rep"),
        )
        self._kinds = task_kinds()
        self.store = store

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if row["done"] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "",
                format_when(row["due_at"]),
                self._kinds.get(row["kind"], row["kind"]),
                row["title"],
                " ".join(p for p in (row["client_name"], f"({row['client_code']})" if row["client_code"] else "") if p),
                row["rep_name"] or "",
            )[column]
        if role == Qt.ItemDataRole.FontRole and row["done"]:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row["notes"]:
            return row["notes"]
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        try:
            self.store.set_done(row["id"], done)
        except CrmError as exc:
            self.failed.emit(str(exc))
            return False
        row["done"] = done
        self.dataChanged.emit(index, self.index(index.row(), self.columnCount() - 1))
        self.doneChanged.emit(row["id"], done)
        return True


class TodayView(QDialog):
    """The three lists, with their counts; not modal."""

    openClient = Signal(int)  # contact id (double-click)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        view: dict | None = None,
        feature: TodayFeature | None = None,
    ):
        super().__init__(parent)
        self.feature = feature  # the window's: it generates the reminders again (none for a lone view)
        self.setObjectName("TodayView")
        self.setWindowTitle(self.tr("Today"))
        self.session = session
        self.store = session.tasks
        self.models: dict[str, TaskTableModel] = {}
        self.tables = {}
        self.headings: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayDate")
        layout.addWidget(self.date_label)
        for name in SECTIONS:
            heading = self.headings[name] = QLabel(self)
            heading.setObjectName(f"{name}Heading")
            heading.setStyleSheet("font-weight: bold;" + (" color: #a93226;" if name == "overdue" else ""))
            model = self.models[name] = TaskTableModel(self.store, self)
            model.failed.connect(lambda text: messages.error(self, self.tr("Today"), text))
            table = self.tables[name] = read_only_table(self, model, f"{name}Tasks")
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)  # not all 500 rows measured
            table.horizontalHeader().setStretchLastSection(True)
            table.doubleClicked.connect(lambda index, m=model: self._open_client(m, index))
            layout.addWidget(heading)
            layout.addWidget(table, 1)
        self.new_button = QPushButton(self.tr("&New task…"), self)
        self.new_button.setObjectName("newTask")
        self.agenda_button = QPushButton(self.tr("&Agenda…"), self)
        self.agenda_button.setObjectName("agenda")
        self.settings_button = QPushButton(self.tr("&Reminders…"), self)
        self.settings_button.setObjectName("reminderSettings")
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.new_button.clicked.connect(lambda _checked=False: self.new_task())
        self.agenda_button.clicked.connect(lambda _checked=False: self.show_agenda())
        self.settings_button.clicked.connect(lambda _checked=False: self.edit_settings())
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.agenda_button, self.settings_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(820, 620)
        self.refresh(view)

    def day(self) -> dt.date:
        return self.session.today()

    def refresh(self, view: dict | None = None) -> None:
        """Show the lists as they are now (`view`: TaskStore.today_view already read)."""
        view = view or self.store.today_view(self.day())  # capped (500 a list)
        self.date_label.setText(self.tr("Tasks on %1").replace("%1", self.day().strftime("%d/%m/%Y")))
        titles = {"overdue": self.tr("Overdue (%1)"), "today": self.tr("Today (%1)"), "week": self.tr("This week (%1)")}
        for name in SECTIONS:
            self.models[name].set_rows(view[name])
            count = view["counts"][name]
            text = titles[name].replace("%1", number(count))
            if count > len(view[name]):
                text += " " + self.tr("— the first %1 shown").replace("%1", number(len(view[name])))
            self.headings[name].setText(text)

    def _open_client(self, model: TaskTableModel, index) -> None:
        row = model.row_at(index)
        if row is not None and row["contact_id"] is not None:
            self.openClient.emit(row["contact_id"])

    def new_task(self):
        from crmdesk.gui.followup.task_dialog import TaskDialog

        dialog = TaskDialog(self.session, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _task_id: self.refresh())
        dialog.open()
        return dialog

    def show_agenda(self):
        from crmdesk.gui.followup.agenda_view import AgendaView

        agenda = AgendaView(self.session, self)
        agenda.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        agenda.show()
        return agenda

    def edit_settings(self):
        from crmdesk.gui.followup.reminder_settings import ReminderSettingsDialog

        dialog = ReminderSettingsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.generate_and_refresh())
        dialog.open()
        return dialog

    def generate_and_refresh(self) -> None:
        """The reminders again after their settings changed: in the window's
        worker when there is one (the view follows when ready), else here."""
        if self.feature is not None and self.feature.session is self.session:
            self.feature.start_up()
            return
        self.store.generate_reminders(self.day())
        self.refresh()
