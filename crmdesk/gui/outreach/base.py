"""What the letters and the labels dialogs share: the recipients box, the plan
of who is kept (computed in a worker whenever the choice changes: a segment
of a million-client file takes a moment), its summary, and the batch that
prepares the PDF (runner.PdfJob)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import messages
from crmdesk.gui.common.worker import Recomputing, reader
from crmdesk.gui.outreach.runner import PdfJob
from crmdesk.gui.outreach.selection import RecipientsBox, summary_text
from crmdesk.store.outreach import Plan, Selection, plan_selection

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « OutreachDialog »


class OutreachDialog(Recomputing, QDialog):
    """A dialog that prepares a PDF for a choice of recipients."""

    planned = Signal(object)  # the Plan, once computed
    jobStarted = Signal(object)  # the PdfJob
    channel = "post"  # whose rules the plan follows (the e-mail dialog: « email »)

    def __init__(self, outreach: OutreachFeature, title: str, *, given: Selection | None = None, given_text: str = ""):
        window = outreach.window
        super().__init__(window)
        self.outreach = outreach
        self.window = window
        self.session = outreach.session
        self.database = outreach.session.database
        self.setWindowTitle(title)
        self.plan: Plan | None = None
        self.job: PdfJob | None = None
        self.recipients = RecipientsBox(window, self, given=given, given_text=given_text)
        self.recipients.changed.connect(self.refresh)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = QLabel(self)
        self.report.setObjectName("report")
        self.report.setWordWrap(True)
        self.report.hide()
        self.prepare_button = QPushButton(self)
        self.prepare_button.setObjectName("prepareButton")
        self.prepare_button.setDefault(True)
        self.prepare_button.clicked.connect(lambda _checked=False: self.prepare())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.prepare_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.close)
        self.body = QVBoxLayout(self)

    def preview_box_with(self, view_name: str, min_height: int) -> QTextBrowser:
        """The « Aperçu » box (self.preview_box): ◀ recipient n / N ▶, the message or letter of that
        recipient (returned), the fields left empty for them (self.empty_label). The dialog's
        `show_recipient(position)` shows one."""
        self.preview_box = QGroupBox(translate("OutreachDialog", "Preview"), self)
        box = QVBoxLayout(self.preview_box)
        nav = QHBoxLayout()
        self.previous_button = QToolButton(self.preview_box)
        self.previous_button.setObjectName("previousRecipient")
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(translate("OutreachDialog", "Previous recipient"))
        self.next_button = QToolButton(self.preview_box)
        self.next_button.setObjectName("nextRecipient")
        self.next_button.setText("▶")
        self.next_button.setToolTip(translate("OutreachDialog", "Next recipient"))
        self.position_label = QLabel(self.preview_box)
        self.position_label.setObjectName("recipientPosition")
        nav.addWidget(self.previous_button)
        nav.addWidget(self.position_label, 1)
        nav.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda _checked=False: self.show_recipient(self.position - 1))
        self.next_button.clicked.connect(lambda _checked=False: self.show_recipient(self.position + 1))
        view = QTextBrowser(self.preview_box)
        view.setObjectName(view_name)
        view.setMinimumHeight(min_height)
        self.empty_label = QLabel(self.preview_box)
        self.empty_label.setObjectName("emptyFields")
        self.empty_label.setWordWrap(True)
        box.addLayout(nav)
        box.addWidget(view, 1)
        box.addWidget(self.empty_label)
        return view

    def finish_layout(self, *before: QWidget, after: QWidget | None = None) -> None:
        """The dialog's own widgets above the recipients; `after` (stretching) below the summary."""
        for widget in before:
            self.body.addWidget(widget)
        self.body.addWidget(self.recipients)
        self.body.addWidget(self.summary)
        self.body.addWidget(self._bar())
        self.body.addWidget(self.report)
        if after is not None:
            self.body.addWidget(after, 1)
        else:
            self.body.addStretch(1)
        self.body.addWidget(self.buttons)
        self.refresh()

    # -- the plan ---------------------------------------------------------------------------------
    def selection(self) -> Selection:
        return self.recipients.selection()

    def refresh(self) -> None:
        if self._busy():
            return
        self.plan = None
        self._update()
        selection = self.selection()
        sort_postal = self.recipients.sort_postal.isChecked() and self.channel == "post"
        channel = self.channel
        self.summary.setText(translate("OutreachDialog", "Counting the recipients…"))

        def compute(job):
            with reader(self.database, job) as own:
                return plan_selection(own, selection, channel, sort_postal=sort_postal)

        self._run(compute, self._planned)

    def _planned(self, plan: Plan) -> None:
        self.plan = plan
        self.summary.setText(summary_text(plan))
        self._update()
        self.planned.emit(plan)

    def _update(self) -> None:
        ready = self.plan is not None and bool(self.plan.ids) and (self.job is None or not self.job.is_running())
        self.prepare_button.setEnabled(ready and self.can_prepare())

    def can_prepare(self) -> bool:
        return True

    # -- the batch --------------------------------------------------------------------------------
    def prepare(self) -> PdfJob | None:
        """Make the PDF of the plan's recipients in a worker, then preview it."""
        if self.plan is None or not self.plan.ids or (self.job is not None and self.job.is_running()):
            return None
        try:
            compute, title, name, record = self.batch()
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return None
        job = PdfJob(self, self.window, compute, title=title, name=name, count=len(self.plan.ids), record=record)
        self.job = job
        job.ended.connect(lambda outcome: self._ended(job, outcome))
        job.recorded.connect(lambda batch_id: self._recorded(batch_id))
        self.jobStarted.emit(job)
        job.start()
        self._update()
        return job

    def batch(self):
        """(compute(own, out, progress), title(result), file name, record(result)) of the dialog's PDF."""
        raise NotImplementedError

    def _ended(self, job: PdfJob, outcome: str) -> None:
        if outcome == "finished":
            self.show_result(job.result)
        self._update()

    def show_result(self, result) -> None:
        pass

    def _recorded(self, batch_id: int) -> None:
        result = self.job.result if self.job is not None else None
        # the prints' results (letters, labels, envelopes) list their clients; no result counts no one
        self.outreach.recorded(batch_id, len(getattr(result, "contact_ids", None) or ()))

    def done(self, result: int) -> None:  # no thread outlives the dialog
        if self.job is not None and self.job.is_running():
            self.job.abort()
        super().done(result)
