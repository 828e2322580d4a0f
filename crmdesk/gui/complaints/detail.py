"""One complaint in detail: its fields, its history, and what can be done with it.

Buttons: advance to the next phase (PhaseDialog), add a note or a correction, add an
attachment (copied into the managed folder by the store), the letters as PDFs previewed
inside crmdesk (printing/pdf_preview.py: print, save as; either records the letter in the
history): the acknowledgement, and once closed the answer at closure and the satisfaction
survey invitation (crmdesk/reports/complaint_letters.py), with a warning above the page
when the consumer mediator is missing; « Survey answer received… » records the client's
answer under the complaint (it decides « re-satisfied »).

Every dialog is opened with open() (never exec()): tests drive them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.actions import keep_dialog
from crmdesk.gui.complaints.history import Timeline
from crmdesk.gui.complaints.phase_dialog import PhaseDialog
from crmdesk.gui.complaints.surveys_tab import AnswerDialog, SurveyActions, refresh_tabs
from crmdesk.gui.complaints.texts import (
    DUE_SOON_BACKGROUND,
    DUE_SOON_TEXT,
    client_of,
    format_datetime,
    letter_kinds,
    reference_of,
    state_colours,
    state_text,
    yes_no,
)
from crmdesk.gui.file import folders
from crmdesk.gui.session import Session
from crmdesk.store.complaints import attachment_save_name
from crmdesk.store.server import on_server

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature


class ComplaintDetail(QWidget):
    """One complaint: fields, timeline, attachments, and what can be done next."""

    changed = Signal(int)  # complaint id, after an event was added
    dialogOpened = Signal(object)  # the PhaseDialog, for whoever drives it (tests)
    previewOpened = Signal(object)  # the letter's PdfPreviewDialog
    answerDialogOpened = Signal(object)  # the survey's AnswerDialog

    def __init__(
        self,
        session: Session,
        parent=None,
        *,
        business: dict | None = None,
        answers: SurveyActions | None = None,
        outreach: OutreachFeature | None = None,
    ):
        """`outreach`: the window's Courrier feature (the survey by e-mail); none on its own."""
        super().__init__(parent)
        self.setObjectName("ComplaintDetail")
        self.session = session
        self.outreach = outreach
        self.store = session.complaints
        # survey answers: undoable with the window's (its undo stack), else written through their commands now
        self.answers = answers or SurveyActions(session.indicators, None, refresh_tabs)
        self.today = session.today()
        self.complaint_id: int | None = None
        self.complaint: dict | None = None
        self.phase_dialog: PhaseDialog | None = None
        self.letter_preview = None
        self.answer_dialog = None
        self.fields: dict[str, QLabel] = {}
        self.title = QLabel(self)
        self.title.setObjectName("complaintTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("stateLabel")
        grid = QGridLayout()
        captions = (
            ("client", self.tr("Client:")),
            ("received", self.tr("Received:")),
            ("due", self.tr("Answer due:")),
            ("channel", self.tr("Channel:")),
            ("kind", self.tr("Kind:")),
            ("nature", self.tr("Nature:")),
            ("service", self.tr("Service:")),
            ("product", self.tr("Product / lot:")),
            ("priority", self.tr("Priority:")),
            ("owner", self.tr("In charge:")),
            ("satisfied", self.tr("Re-satisfied:")),
        )
        for number, (key, caption) in enumerate(captions):
            value = QLabel(self)
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fields[key] = value
            grid.addWidget(QLabel(caption, self), number // 2, 2 * (number % 2))
            grid.addWidget(value, number // 2, 2 * (number % 2) + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.description = QLabel(self)
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setTextFormat(Qt.TextFormat.PlainText)

        self.timeline = Timeline(self)
        self.attachments = QListWidget(self)
        self.attachments.setObjectName("attachments")
        self.attachments.setMaximumHeight(70)
        self.attachments.itemActivated.connect(self._open_attachment)

        self.advance_button = QPushButton(self)
        self.advance_button.setObjectName("advanceButton")
        self.note_button = QPushButton(self.tr("Add a &note…"), self)
        self.correction_button = QPushButton(self.tr("Co&rrection…"), self)
        self.attach_button = QPushButton(self.tr("Add an a&ttachment…"), self)
        self.letter_button = QPushButton(self.tr("Acknowledgement &letter (PDF)…"), self)
        self.closure_button = QPushButton(self.tr("Cl&osure letter (PDF)…"), self)
        self.closure_button.setObjectName("closureLetter")
        self.survey_button = QPushButton(self.tr("Satisfaction s&urvey (PDF)…"), self)
        self.survey_button.setObjectName("surveyLetter")
        self.survey_email_button = QPushButton(self.tr("Survey by e-&mail…"), self)
        self.survey_email_button.setObjectName("surveyEmail")
        self.answer_button = QPushButton(self.tr("Survey &answer received…"), self)
        self.answer_button.setObjectName("surveyAnswer")
        self.advance_button.clicked.connect(lambda _c=False: self.advance())
        self.note_button.clicked.connect(lambda _c=False: self.add_note())
        self.correction_button.clicked.connect(lambda _c=False: self.add_note(correction=True))
        self.attach_button.clicked.connect(lambda _c=False: self.add_attachment())
        self.letter_button.clicked.connect(lambda _c=False: self.acknowledgement_letter())
        self.closure_button.clicked.connect(lambda _c=False: self.letter("closure"))
        self.survey_button.clicked.connect(lambda _c=False: self.letter("survey"))
        self.survey_email_button.clicked.connect(lambda _c=False: self.survey_email())
        self.answer_button.clicked.connect(lambda _c=False: self.survey_answer())
        buttons = QHBoxLayout()
        for button in (self.advance_button, self.note_button, self.correction_button, self.attach_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        letters = QHBoxLayout()
        for button in (
            self.letter_button,
            self.closure_button,
            self.survey_button,
            self.survey_email_button,
            self.answer_button,
        ):
            button.setAutoDefault(False)
            letters.addWidget(button)
        letters.addStretch(1)

        history_box = QGroupBox(self.tr("History"), self)
        QVBoxLayout(history_box).addWidget(self.timeline)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.description)
        layout.addLayout(buttons)
        layout.addLayout(letters)
        layout.addWidget(history_box, 1)
        attach_label = QLabel(self.tr("Attachments:"), self)
        layout.addWidget(attach_label)
        layout.addWidget(self.attachments)
        self.show_complaint(None)

    # -- showing ------------------------------------------------------------------------
    def show_complaint(self, complaint_id: int | None) -> None:
        self.complaint_id = complaint_id
        row = self.store.get(complaint_id, today=self.today) if complaint_id is not None else None
        self.complaint = row
        for widget in (self.note_button, self.correction_button, self.attach_button, self.letter_button):
            widget.setEnabled(row is not None)
        closed = row is not None and bool(row.get("closed_at"))
        for widget in (self.closure_button, self.survey_button, self.survey_email_button, self.answer_button):
            widget.setEnabled(closed)
            widget.setToolTip("" if closed else self.tr("Once the complaint is closed"))
        if row is None:
            self.title.setText(self.tr("No complaint selected"))
            self.state_label.clear()
            self.state_label.setStyleSheet("")
            for value in self.fields.values():
                value.clear()
            self.description.clear()
            self.timeline.clear()
            self.attachments.clear()
            self.advance_button.setText(self.tr("&Next phase…"))
            self.advance_button.setEnabled(False)
            return
        self.title.setText(" — ".join(p for p in (reference_of(row), row.get("subject")) if p))
        state = row.get("state")
        colours = state_colours(state)
        self.state_label.setText(state_text(state))
        self.state_label.setStyleSheet(
            f"background: {colours[0]}; color: {colours[1]}; padding: 2px 8px; border-radius: 3px;"
            if colours
            else "padding: 2px 8px;"
        )
        product = " — ".join(
            p for p in (row.get("product_name"), row.get("lot") and self.tr("lot %1").replace("%1", row["lot"])) if p
        )
        values = {
            "client": client_of(row),
            "received": format_datetime(row.get("received_at")),
            "due": format_date(row.get("due_date")),
            "channel": labels.shown(rules.CHANNELS.get(row.get("channel"), row.get("channel") or "")),
            "kind": labels.shown(rules.KINDS.get(row.get("kind"), row.get("kind") or "")),
            "nature": labels.shown(rules.NATURES.get(row.get("nature") or "", "—")),
            "service": labels.shown(row.get("service")) or "—",
            "product": product or "—",
            "priority": str(row.get("priority") or ""),
            "owner": row.get("owner") or "—",
            "satisfied": self.satisfaction_text(complaint_id),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.description.setText(row.get("description") or "")
        self.timeline.show_history(row.get("phase"), self.store.events(complaint_id))
        self._fill_attachments(complaint_id)
        following = self.next_phase()
        if following is None:
            self.advance_button.setText(self.tr("All phases done"))
            self.advance_button.setEnabled(False)
        else:
            self.advance_button.setText(
                self.tr("&Next phase: %1…").replace("%1", labels.shown(rules.PHASES[following]))
            )
            self.advance_button.setEnabled(True)

    def _fill_attachments(self, complaint_id: int) -> None:
        self.attachments.clear()
        for row in self._attachment_rows(complaint_id):
            item = QListWidgetItem(row.get("original_name") or row["stored_name"], self.attachments)
            item.setData(Qt.ItemDataRole.UserRole, row["stored_name"])
            item.setToolTip(self.tr("Double-click or Enter to open"))

    def _attachment_rows(self, complaint_id: int) -> list[dict]:
        return self.store.attachments(complaint_id)

    def next_phase(self) -> str | None:
        if self.complaint is None:
            return None
        order = list(rules.PHASES)
        phase = self.complaint.get("phase")
        number = order.index(phase) if phase in order else -1
        return order[number + 1] if number + 1 < len(order) else None

    # -- acting ---------------------------------------------------------------------------
    def _open(self, dialog: PhaseDialog) -> PhaseDialog:
        keep_dialog(self, "phase_dialog", dialog)
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _after_change(self) -> None:
        complaint_id = self.complaint_id
        self.show_complaint(complaint_id)
        self.changed.emit(complaint_id)

    def advance(self) -> PhaseDialog | None:
        target = self.next_phase()
        if target is None:
            return None
        complaint_id = self.complaint_id
        history = []
        if target == "registration" and self.complaint.get("contact_id") is not None:
            history = [
                r
                for r in self.store.of_contact(self.complaint["contact_id"], today=self.today)
                if r["id"] != complaint_id
            ]

        def apply(details: dict) -> None:
            self.store.advance(complaint_id, target, details or None)
            self._after_change()

        return self._open(PhaseDialog(target, self.complaint, apply, self, history=history))

    def add_note(self, *, correction: bool = False) -> PhaseDialog | None:
        if self.complaint is None:
            return None
        complaint_id, phase = self.complaint_id, self.complaint.get("phase")

        def apply(details: dict) -> None:
            if not details.get("text"):
                raise ValidationError({"text": self.tr("write the note")})
            self.store.add_event(complaint_id, phase, "correction" if correction else "note", details)
            self._after_change()

        return self._open(PhaseDialog("note", self.complaint, apply, self, correction=correction))

    def add_attachment(self, source: str | Path | None = None) -> str | None:
        if self.complaint_id is None:
            return None
        if source is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Add an attachment"), folders.in_documents(), self.tr("All files (*)")
            )
            if not name:
                return None
            source = name
        try:
            stored = self.store.attach(self.complaint_id, Path(source))
        except (CrmError, OSError) as exc:
            messages.error(self, self.tr("Add an attachment"), str(exc))
            return None
        self._after_change()
        return stored

    def _open_attachment(self, item: QListWidgetItem) -> Path | None:
        """A file's attachment opens from its folder; a server's is first saved where the user
        chooses (« Save as », the original name only suggested), then opened from there."""
        stored = item.data(Qt.ItemDataRole.UserRole)
        try:
            if on_server(self.store.database):
                path = self._save_attachment(stored, item.text())
                if path is None:
                    return None
            else:
                path = self.store.attachment_path(stored)
        except CrmError as exc:
            messages.error(self, self.tr("Open an attachment"), str(exc))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _save_attachment(self, stored: str, original: str) -> Path | None:
        suggested = Path(folders.in_documents()) / attachment_save_name(original, stored)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the attachment as"), str(suggested))
        if not name:
            return None
        return self.store.save_attachment(stored, Path(name))

    def satisfaction_text(self, complaint_id: int) -> str:
        """« yes — client's survey: CSAT 5, NPS 9 (02/12/2026) », « no — judged at closure », « — »."""
        satisfaction = self.store.satisfaction(complaint_id)
        if satisfaction["resatisfied"] is None:
            return "—"
        answers = satisfaction["answers"]
        if rules.resatisfied(None, answers) is None:
            return self.tr("%1 — judged at closure").replace("%1", yes_no(satisfaction["resatisfied"]))
        scores = ", ".join(f"{a['indicator'].upper()} {a['score']}" for a in answers)
        return (
            self.tr("%1 — client's survey: %2 (%3)")
            .replace("%1", yes_no(satisfaction["resatisfied"]))
            .replace("%2", scores)
            .replace("%3", format_date(answers[-1]["date"]))
        )

    def letter_pdf(self, kind: str = "ack"):
        """The letter `kind` (ack, closure, survey) of the complaint shown: a
        LetterResult with the PDF's bytes in `pdf`, or None after an error said."""
        if self.complaint is None:
            return None
        from crmdesk.reports.complaint_letters import write_complaint_letter

        out = io.BytesIO()
        try:
            result = write_complaint_letter(self.store.database, self.complaint_id, kind, out, today=self.today)
        except (CrmError, OSError) as exc:
            messages.error(self, letter_kinds()[kind], str(exc))
            return None
        result.pdf = out.getvalue()
        return result

    def acknowledgement_letter(self):
        """Preview the acknowledgement letter (print, save as); printing or
        saving it records the acknowledgement of receipt. Returns the preview."""
        return self.letter("ack")

    def letter(self, kind: str):
        """Preview a letter inside crmdesk (print, save as), the warnings above
        the page (no consumer mediator, no QR code…); printing or saving it
        records it in the complaint's history. Returns the preview."""
        result = self.letter_pdf(kind)
        if result is None:
            return None
        from crmdesk.gui.printing.pdf_preview import show_pdf

        complaint_id = self.complaint_id
        title = {
            "ack": self.tr("Acknowledgement letter %1"),
            "closure": self.tr("Closure letter %1"),
            "survey": self.tr("Satisfaction survey %1"),
        }[kind]
        preview = show_pdf(self, result.pdf, title.replace("%1", result.reference).strip(), result.file_name)
        if result.warnings:
            banner = QLabel("\n".join(result.warnings), preview)
            banner.setObjectName("letterWarning")
            banner.setWordWrap(True)
            banner.setTextFormat(Qt.TextFormat.PlainText)
            banner.setStyleSheet(f"background: {DUE_SOON_BACKGROUND}; color: {DUE_SOON_TEXT}; padding: 6px 10px;")
            preview.layout().insertWidget(0, banner)
            banner.show()
        preview.printed.connect(
            lambda: self._letter_sent(complaint_id, kind, {"document": preview.suggested_name, "printed": True})
        )
        preview.saved.connect(lambda path: self._letter_sent(complaint_id, kind, {"document": Path(path).name}))
        keep_dialog(self, "letter_preview", preview)
        self.previewOpened.emit(preview)
        return preview

    def _letter_sent(self, complaint_id: int, kind: str, details: dict) -> None:
        """Printed or saved: the letter is noted in the history (the acknowledgement once)."""
        from crmdesk.reports.complaint_letters import record_letter

        try:
            recorded = record_letter(self.store.database, complaint_id, kind, details)
        except CrmError as exc:
            messages.error(self, letter_kinds()[kind], str(exc))
            return
        if not recorded:
            return
        if self.complaint_id == complaint_id:
            self._after_change()
        else:
            self.show_complaint(self.complaint_id)

    def survey_email(self):
        """The satisfaction survey invitation by e-mail (the e-mail dialog, this client, the invitation's
        text); once written or sent, it is noted in the complaint's history. Returns the dialog."""
        row = self.complaint
        if row is None or row.get("contact_id") is None:
            return None
        if self.outreach is None:
            return None
        from crmdesk.gui.outreach import email_dialog

        content = email_dialog.survey_content(self.session, self.complaint_id)
        dialog = email_dialog.show_for_client(
            self.outreach,
            row["contact_id"],
            content=content,
            title=self.tr("Satisfaction survey %1 by e-mail").replace("%1", reference_of(row)).strip(),
        )
        if dialog is not None:
            complaint_id = self.complaint_id
            dialog.sent.connect(lambda _batch: self._letter_sent(complaint_id, "survey", {"document": "e-mail"}))
        return dialog

    def survey_answer(self):
        """Type an answer of the client's survey, filed under this complaint
        (it decides whether the client is satisfied again). Returns the dialog."""
        row = self.complaint
        if row is None or row.get("contact_id") is None:
            return None
        complaint_id, contact_id = self.complaint_id, row["contact_id"]
        dialog = AnswerDialog(
            self.session,
            contact_id,
            None,
            self,
            save=self.answers.add,
            complaint_id=complaint_id,
        )

        def saved(_answer_id: int) -> None:  # the client's Satisfaction tab, the dashboards: SurveyActions
            self.show_complaint(self.complaint_id)

        dialog.saved.connect(saved)
        keep_dialog(self, "answer_dialog", dialog)
        dialog.open()
        self.answerDialogOpened.emit(dialog)
        return dialog
