"""« Données à purger » (docs/domain/08-personal-data.md): the contacts whose retention period is
over, why, and since when; the ones ticked are anonymised after a
confirmation (crmdesk/store/gdpr.py purge: one transaction, then one
cleaning of the file), in a worker thread with progress and cancel — a
cancel before the end leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from crmdesk.domain import retention as rules
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.messages import confirm  # by name: tests patch it here
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.common.worker import Job, Task
from crmdesk.gui.session import Session
from crmdesk.store import gdpr


def reason_text(candidate: rules.Candidate, years: int) -> str:
    """Why a contact is on the list, for the table."""
    if candidate.reason == rules.KEEP_UNTIL:
        return QCoreApplication.translate("PurgeDialog", "Kept until %1").replace(
            "%1", candidate.keep_until.strftime("%d/%m/%Y")
        )
    if candidate.last_activity is None:
        return QCoreApplication.translate("PurgeDialog", "No activity recorded")
    if candidate.reason == rules.NO_PURCHASE:
        return QCoreApplication.translate("PurgeDialog", "No purchase for over %1 years").replace("%1", str(years))
    return QCoreApplication.translate("PurgeDialog", "No contact for over %1 years").replace("%1", str(years))


class CandidateModel(ReadOnlyTableModel):
    """One row per candidate; the first column is a check box (all ticked at first)."""

    CHECK, CODE, NAME, STAGE, REASON, LAST = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = (
            "",
            self.tr("Client no."),
            self.tr("Name"),
            self.tr("Stage"),
            self.tr("Reason"),
            self.tr("Last activity"),
        )
        self.rows: list[rules.Candidate] = []
        self.checked: set[int] = set()
        self.years = (3, 3)

    def load(self, candidates: list[rules.Candidate], years: tuple[int, int]) -> None:
        self.beginResetModel()
        self.rows = list(candidates)
        self.checked = {c.contact_id for c in candidates}
        self.years = years
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self.rows[row].contact_id if 0 <= row < len(self.rows) else None

    def checked_ids(self) -> list[int]:
        return [c.contact_id for c in self.rows if c.contact_id in self.checked]

    def set_all(self, on: bool) -> None:
        self.checked = {c.contact_id for c in self.rows} if on else set()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.CHECK), self.index(len(self.rows) - 1, self.CHECK), [Qt.ItemDataRole.CheckStateRole]
            )

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        candidate = self.row_at(index)
        if candidate is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK:
            return Qt.CheckState.Checked if candidate.contact_id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and candidate.in_trash:
            return QColor("#57606a")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.CODE:
            return candidate.code
        if column == self.NAME:
            return candidate.name
        if column == self.STAGE:
            stage = labels.stage(candidate.stage)
            return self.tr("%1 (trash)").replace("%1", stage) if candidate.in_trash else stage
        if column == self.REASON:
            years = self.years[0] if candidate.stage == "prospect" else self.years[1]
            return reason_text(candidate, years)
        if column == self.LAST:
            return candidate.last_activity.strftime("%d/%m/%Y") if candidate.last_activity else "—"
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == self.CHECK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        candidate = self.row_at(index)
        if candidate is None or index.column() != self.CHECK or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(candidate.contact_id)
        else:
            self.checked.discard(candidate.contact_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class PurgeDialog(QDialog):
    """The list, Select all / none, « Purge… » (confirmation, then a worker)."""

    purged = Signal(list)  # ids of the contacts anonymised

    def __init__(
        self,
        session: Session,
        parent=None,
        *,
        before_purge: Callable[[], bool] | None = None,
    ):
        """before_purge: called once the purge is confirmed (a backup); False stops it."""
        super().__init__(parent)
        self.setObjectName("PurgeDialog")
        self.before_purge = before_purge
        self.setWindowTitle(self.tr("Data to purge"))
        self.session = session
        self.database = session.database
        self.today = session.today()
        self.task: Task | None = None
        self.model = CandidateModel(self)
        self.model.dataChanged.connect(self._update)
        self.table = read_only_table(self, self.model, "purgeTable")
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(CandidateModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.info = QLabel(self)
        self.info.setObjectName("purgeInfo")
        self.info.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("purgeResult")
        self.result_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("purgeProgress")
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("&Cancel the purge"), self)
        self.cancel_button.setObjectName("cancelPurgeButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.all_button = QPushButton(self.tr("Select &all"), self)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button = QPushButton(self.tr("Select &none"), self)
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.purge_button = QPushButton(self.tr("&Purge…"), self)
        self.purge_button.setObjectName("purgeButton")
        self.purge_button.clicked.connect(self.purge)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        selection = QHBoxLayout()
        selection.addWidget(self.all_button)
        selection.addWidget(self.none_button)
        selection.addStretch(1)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addLayout(selection)
        layout.addLayout(running)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(900, 480)
        self.refresh()

    def refresh(self) -> None:
        try:
            years = gdpr.retention_years(self.database)
            candidates = gdpr.retention_candidates(self.database, self.today)
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            years, candidates = (3, 3), []
        self.model.load(candidates, years)
        self.table.resizeColumnsToContents()
        rule = (
            self.tr("prospects without contact for %1 years, clients %2 years after their last purchase")
            .replace("%1", str(years[0]))
            .replace("%2", str(years[1]))
        )
        if not candidates:
            self.info.setText(self.tr("No data to purge (%1).").replace("%1", rule))
        else:
            count = (
                self.tr("1 client")
                if len(candidates) == 1
                else self.tr("%1 clients").replace("%1", labels.number(len(candidates)))
            )
            self.info.setText(
                self.tr(
                    "%1 whose retention period is over (%2). Purging anonymises them: "
                    "their orders are kept for the statistics, nothing else."
                )
                .replace("%1", count)
                .replace("%2", rule)
            )
        self._update()

    def _update(self, *_args) -> None:
        running = self.task is not None and self.task.is_running()
        self.purge_button.setEnabled(bool(self.model.checked_ids()) and not running)
        for button in (self.all_button, self.none_button):
            button.setEnabled(bool(self.model.rows) and not running)

    def purge(self) -> None:
        ids = self.model.checked_ids()
        if not ids or (self.task is not None and self.task.is_running()):
            return
        count = (
            self.tr("this client")
            if len(ids) == 1
            else self.tr("these %1 clients").replace("%1", labels.number(len(ids)))
        )
        if not confirm(
            self,
            self.windowTitle(),
            self.tr(
                "Anonymise %1? Their name, contact details, notes and history are erased for good; "
                "their orders are kept without their name. This cannot be undone."
            ).replace("%1", count),
        ):
            return
        if self.before_purge is not None and not self.before_purge():
            return
        database = self.database
        committed: dict = {}

        def work(job: Job) -> gdpr.ErasureResult:
            text = QCoreApplication.translate("PurgeDialog", "Anonymising…")
            with job.watch(database.conn):  # a cancel until the commit rolls everything back
                result = gdpr.purge(
                    database, ids, clean=False, progress=lambda done, total: job.report(done, total, text)
                )
            committed["result"] = result  # from here on a cancel changes nothing
            result.cleaned = gdpr.clean_file(database)
            return result

        self._committed = committed
        self.result_label.clear()
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.task = Task(work, self)
        self.session.writing(self.task)  # on the window's connection: timer-driven reads wait for its end
        self.task.progress.connect(lambda done, total, _text: self.progress.setValue(done))
        self.task.finished.connect(self._finished)
        self.task.failed.connect(lambda text: messages.error(self, self.windowTitle(), text))
        self.task.cancelled.connect(self._cancelled)
        self.task.done.connect(self._done)
        self.task.start()
        self._update()

    def cancel(self) -> None:
        if self.task is not None and self.task.is_running():
            self.cancel_button.setEnabled(False)
            self.task.cancel()

    def _finished(self, result: gdpr.ErasureResult) -> None:
        self.result_label.setText(
            self.tr("%1 anonymised; %2 kept for the statistics.")
            .replace(
                "%1",
                self.tr("1 client")
                if len(result.erased) == 1
                else self.tr("%1 clients").replace("%1", labels.number(len(result.erased))),
            )
            .replace(
                "%2",
                self.tr("1 order")
                if result.orders_kept == 1
                else self.tr("%1 orders").replace("%1", labels.number(result.orders_kept)),
            )
        )
        if not result.cleaned:
            self.result_label.setText(
                self.result_label.text()
                + " "
                + self.tr(
                    "Another program was reading the file: traces of the erased data may remain in it until the next "
                    "cleaning (crmdesk gdpr clean)."
                )
            )
        self.purged.emit(list(result.erased))

    def _cancelled(self) -> None:
        if "result" in self._committed:  # cancelled too late: the purge was done
            self._finished(self._committed["result"])
        else:
            self.result_label.setText(self.tr("Purge cancelled: nothing was changed."))

    def _done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh()

    def done(self, result: int) -> None:  # closing waits for a running purge: it is one transaction
        if self.task is not None and self.task.is_running():
            self.task.wait()
        super().done(result)
