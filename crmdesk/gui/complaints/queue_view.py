"""« File des réclamations »: the queue in triage order (open complaints only, or all of
them; a legend says what the colours mean), and the selected complaint in detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.gui.complaints.detail import ComplaintDetail
from crmdesk.gui.complaints.queue_model import ComplaintQueueModel
from crmdesk.gui.complaints.texts import DUE_SOON_BACKGROUND, DUE_SOON_TEXT, OVERDUE_BACKGROUND, OVERDUE_TEXT
from crmdesk.gui.session import Session

if TYPE_CHECKING:
    from crmdesk.gui.complaints.surveys_tab import SurveyActions
    from crmdesk.gui.outreach.menu import OutreachFeature


def legend_swatch(text: str, background: str, foreground: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(f"background: {background}; color: {foreground}; padding: 2px 8px; border-radius: 3px;")
    return label


class ComplaintsDialog(QDialog):
    """« File des réclamations »: not modal; `changed` after any event added."""

    changed = Signal(int)

    def __init__(
        self,
        session: Session,
        parent=None,
        *,
        new_complaint=None,
        answers: SurveyActions | None = None,
        outreach: OutreachFeature | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ComplaintsDialog")
        self.setWindowTitle(self.tr("Complaints queue"))
        self.setSizeGripEnabled(True)
        self.store = store = session.complaints
        self.today = today = session.today()
        self.model = ComplaintQueueModel(store, self, today=today)
        top = QHBoxLayout()
        show_label = QLabel(self.tr("&Show:"), self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.addItem(self.tr("Open complaints"), True)
        self.filter_combo.addItem(self.tr("All complaints"), False)
        show_label.setBuddy(self.filter_combo)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        top.addWidget(show_label)
        top.addWidget(self.filter_combo)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Legend:"), self))
        self.legend = [
            legend_swatch(self.tr("overdue"), OVERDUE_BACKGROUND, OVERDUE_TEXT, self),
            legend_swatch(self.tr("due today or tomorrow"), DUE_SOON_BACKGROUND, DUE_SOON_TEXT, self),
        ]
        for swatch in self.legend:
            top.addWidget(swatch)
        top.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")
        top.addWidget(self.count_label)
        if new_complaint is not None:
            self.new_button = QPushButton(self.tr("N&ew complaint…"), self)
            self.new_button.setAutoDefault(False)
            self.new_button.clicked.connect(lambda _c=False: new_complaint())
            top.addWidget(self.new_button)

        self.table = read_only_table(self, self.model, "queueTable")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((105, 215, 175, 115, 85, 95, 60)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail = ComplaintDetail(session, self, answers=answers, outreach=outreach)
        self.detail.changed.connect(self._detail_changed)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 460])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1120, 780)
        self.refresh()

    def _filter_changed(self, _index: int) -> None:
        keep = self.detail.complaint_id
        self.model.set_open_only(bool(self.filter_combo.currentData()))
        self._after_refresh(keep)

    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.detail.complaint_id
        self.model.refresh()
        self._after_refresh(keep)

    def _after_refresh(self, keep: int | None) -> None:
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and keep is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.detail.show_complaint(self.model.complaint_id(row))
        else:  # e.g. just closed: out of the open queue, still shown below
            self.table.clearSelection()
            self.detail.show_complaint(keep)
        count = self.model.rowCount()
        self.count_label.setText(
            self.tr("%1 complaints").replace("%1", labels.number(count)) if count != 1 else self.tr("1 complaint")
        )

    def select(self, complaint_id: int) -> bool:
        row = self.model.row_of(complaint_id)
        if row is None and self.model.open_only:
            self.filter_combo.setCurrentIndex(1)
            row = self.model.row_of(complaint_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        complaint_id = self.model.complaint_id(current.row()) if current.isValid() else None
        if complaint_id != self.detail.complaint_id:
            self.detail.show_complaint(complaint_id)

    def _detail_changed(self, complaint_id: int) -> None:
        self.refresh(complaint_id)
        self.changed.emit(complaint_id)
