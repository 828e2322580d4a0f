"""File › Export a pivot table…: revenue by client, category or rep × month
over a period, to XLSX or CSV (crmdesk/io/pivot.py).

The dialog asks what the rows are and the period (from the 1st of January
to today by default); « Export… » asks where, then computes and writes in a
worker thread from a read-only connection of its own (progress, « Stop »;
a stopped export writes nothing). The rows and the grand total written are
said below.

    pivot_dialog.install(window, menu, before=action)   # once, by the export menu
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.money import format_eur
from crmdesk.gui.analysis.tabular_parts import TaskRow, ask_table_path
from crmdesk.gui.common import labels
from crmdesk.gui.common.worker import Job, reader

if TYPE_CHECKING:
    from crmdesk.gui.session import Session

_NAMES = {"client": "ca-clients", "category": "ca-categories", "rep": "ca-commerciaux"}


def _date_edit(parent: QWidget, name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class PivotDialog(QDialog):
    exported = Signal(object)  # the Pivot written

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pivotDialog")
        self.setWindowTitle(self.tr("Export a pivot table"))
        self.database = session.database
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Revenue in euros, one column per month of the period, with the totals. Counted as on the dashboard."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.rows_combo = QComboBox(self)
        self.rows_combo.setObjectName("rowsCombo")
        self.rows_combo.addItem(self.tr("Clients"), "client")
        self.rows_combo.addItem(self.tr("Product categories"), "category")
        self.rows_combo.addItem(self.tr("Reps"), "rep")
        day = session.today()
        self.from_edit = _date_edit(self, "fromEdit", day.replace(month=1, day=1))
        self.to_edit = _date_edit(self, "toEdit", day)
        for text, widget in (
            (self.tr("One &row per:"), self.rows_combo),
            (self.tr("&From:"), self.from_edit),
            (self.tr("&To:"), self.to_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.task_row = TaskRow(self)
        self.task_row.ended.connect(self._enable)
        layout.addWidget(self.task_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("E&xport…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.ask_export)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.from_edit.dateChanged.connect(self._enable)
        self.to_edit.dateChanged.connect(self._enable)
        self._enable()
        self.resize(480, 260)

    def rows(self) -> str:
        return self.rows_combo.currentData()

    def period(self):
        from crmdesk.domain.periods import custom

        return custom(self.from_edit.date().toPython(), self.to_edit.date().toPython())

    def _enable(self, *_args) -> None:
        ordered = self.from_edit.date() <= self.to_edit.date()
        self.export_button.setEnabled(ordered and not self.task_row.running())
        if not ordered:
            self.result_label.setText(self.tr("The period ends before it starts."))

    def ask_export(self) -> None:
        if not self.export_button.isEnabled():
            return
        period = self.period()
        name = f"{_NAMES[self.rows()]}-{period.start.isoformat()}-{period.end.isoformat()}"
        chosen = ask_table_path(self, self.tr("Export a pivot table"), name)
        if chosen is not None:
            self.export_to(*chosen)

    def export_to(self, path, fmt: str) -> None:
        """Compute the pivot and write it to `path` (in the worker)."""
        database, rows, period = self.database, self.rows(), self.period()

        def write(job: Job):
            from crmdesk.io import pivot

            with reader(database, job) as db:
                return pivot.export(db, path, rows, period, fmt, lambda done, total: job.report(done, total))

        self.export_button.setEnabled(False)
        self.result_label.clear()
        self.task_row.run(write, lambda result: self._exported(path, result))

    def _exported(self, path, result) -> None:
        total = int(result.frame["total"].iloc[-1])
        self.result_label.setText(
            self.tr("%1 rows × %2 months written to %3; total %4.")
            .replace("%1", labels.number(result.count))
            .replace("%2", labels.number(len(result.months)))
            .replace("%3", str(path))
            .replace("%4", format_eur(total))
        )
        self.exported.emit(result)

    def done(self, result: int) -> None:  # QDialog.done: stop the export before closing (it writes nothing)
        self.task_row.stop_and_wait()
        super().done(result)
