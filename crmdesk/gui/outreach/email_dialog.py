"""Courrier › E-mails…: a template by e-mail, to one client (the client
sheet's « Écrire un e-mail… ») or to a selection (issue 18).

Pick a template and the recipients (the same choices as letters); the
summary says who is left out and why (e-mail consent, opposition, the
suppression list, no address: the mailing lists' rules); the preview shows
each recipient's message (◀ 3 / 27 ▶: From, To, Subject, the text with the
fields empty for that recipient in red, the unsubscribe sentence). Then one
way out:

- **.eml files** in a folder (owner-only), which the mail program opens
  ready to send — nothing to set up;
- **the mail program**, the message ready (one recipient: a mailto: link);
- **the SMTP account** (Courrier › Compte d'envoi (SMTP)…), throttled.

The batch runs in a worker (progress, Cancel): each message written or sent
is at once an outgoing exchange on its client's history. A cancel, a lost
connection or a quit leaves the rest to send: Courrier › Historique des
envois › Reprendre l'envoi… goes on with it, none twice. At the end, the
report (sent, refused by the server and why, left) — also kept with the
batch (`BatchReportDialog`).

The complaint's satisfaction survey comes here too, as fixed `content`
instead of a template (crmdesk/gui/complaints_view.py).
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import emailing
from crmdesk.domain import outreach as rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.templates import compile_template, field_label, render
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.common.worker import Task
from crmdesk.gui.file import folders
from crmdesk.gui.outreach.base import OutreachDialog
from crmdesk.gui.outreach.letters_dialog import missing_marker
from crmdesk.gui.session import Session
from crmdesk.io import mail
from crmdesk.io.mail_batch import (
    MailReport,
    fixed_content,
    send_batch,
    template_content,
)
from crmdesk.store import mail_batches, mail_settings
from crmdesk.store.outreach import Selection, open_batch, preview_fields, record_batch

translate = QCoreApplication.translate  # texts in the context « EmailDialog »

EML, MAILTO, SMTP = "eml", "mailto", "smtp"
SHOW_PROGRESS_AFTER_MS = 300


def choose_folder(parent: QWidget) -> str:
    """The folder of the .eml files (tests replace it)."""
    return QFileDialog.getExistingDirectory(
        parent, translate("EmailDialog", "Folder of the e-mails"), folders.in_documents()
    )


def open_mail_program(url: str) -> bool:
    """Hand a mailto: link to the user's mail program (tests replace it)."""
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))


def client_button(dialog: QWidget, buttons: QDialogButtonBox, contact_id: int, outreach) -> QPushButton:
    """« Écrire un e-mail… » in a client sheet: this client, the e-mail dialog (`outreach`: the window's
    OutreachFeature, None when the sheet is not over a window)."""
    button = buttons.addButton(translate("EmailDialog", "Write an e-&mail…"), QDialogButtonBox.ButtonRole.ResetRole)
    button.setObjectName("writeEmailButton")
    button.setAutoDefault(False)
    button.setToolTip(translate("EmailDialog", "An e-mail from a template to this client (if they consented)"))
    button.setEnabled(outreach is not None)
    if outreach is not None:
        button.clicked.connect(lambda _checked=False: show_for_client(outreach, contact_id))
    return button


def show_for_client(outreach, contact_id: int, **preset):
    """The e-mail dialog for one client (`outreach`: the window's OutreachFeature)."""
    contact = outreach.session.contacts.get(contact_id) or {}
    who = (
        " ".join(p for p in (contact.get("code"), contact.get("first_name"), contact.get("last_name")) if p)
        or contact.get("company")
        or str(contact_id)
    )
    selection = Selection(
        ids=(contact_id,),
        description=translate("EmailDialog", "client %1").replace("%1", contact.get("code") or str(contact_id)),
    )
    text = translate("EmailDialog", "This client: %1").replace("%1", who)
    return outreach.show_email(selection=selection, selection_text=text, **preset)


def survey_content(session: Session, complaint_id: int) -> emailing.FixedContent:
    """The satisfaction survey invitation of a closed complaint, as an e-mail's content."""
    from crmdesk.domain.complaint_letters import survey_invitation

    complaint = session.complaints.get(complaint_id) or {}
    client = session.contacts.get(complaint.get("contact_id")) if complaint.get("contact_id") else None
    business = session.settings.business()
    return emailing.survey_content(survey_invitation(business, client or {}, complaint))


# -- the batch in a worker -------------------------------------------------------------------------
class MailJob(QObject):
    """The messages of a batch written or sent in a worker thread, with a progress dialog and Cancel."""

    ended = Signal(str)  # "finished", "cancelled" or "failed"

    def __init__(self, parent: QWidget, window, run, *, count: int, sending: bool):
        super().__init__(window)
        self.window, self.parent_widget = window, parent
        self.batch_id: int | None = None
        self.report: MailReport | None = None
        self.error: str | None = None
        self.outcome: str | None = None
        self.task = Task(lambda job: run(self, job), self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(lambda report: self._end("finished", report))
        self.task.failed.connect(lambda text: self._end("failed", None, text))
        self.task.cancelled.connect(lambda: self._end("cancelled", None))
        self.sending = sending
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("emailProgress")
        self.progress.setWindowTitle(translate("EmailDialog", "E-mails"))
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(360)
        self.progress.setRange(0, max(count, 1))
        self.progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress.setLabelText(self._label(0, count))
        self.progress.canceled.connect(self.cancel)

    def _label(self, done: int, total: int) -> str:
        text = (
            translate("EmailDialog", "Sending… %1 / %2")
            if self.sending
            else translate("EmailDialog", "Writing… %1 / %2")
        )
        return text.replace("%1", labels.number(done)).replace("%2", labels.number(total))

    def start(self) -> MailJob:
        self.task.start()
        self.progress.setValue(0)
        return self

    def is_running(self) -> bool:
        return self.task.is_running()

    def cancel(self) -> None:
        self.task.cancel()

    def abort(self) -> None:
        self.task.cancel()
        self.task.wait()

    def _progress(self, done: int, total: int, _text: str) -> None:
        if self.progress is None:
            return
        if total and self.progress.maximum() != total:
            self.progress.setMaximum(total)
        self.progress.setLabelText(self._label(done, total))
        self.progress.setValue(min(done, self.progress.maximum()))

    def _end(self, outcome: str, report, error: str | None = None) -> None:
        self.report, self.error, self.outcome = report, error, outcome
        dialog, self.progress = self.progress, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
        self.ended.emit(outcome)


def _cancellable_wait(job):
    def wait(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            job.check()
            time.sleep(min(0.1, left))

    return wait


# -- the dialog ----------------------------------------------------------------------------------------
class EmailDialog(OutreachDialog):
    channel = "email"
    sent = Signal(int)  # the batch id, once something was written or sent
    jobEnded = Signal(object)  # the MailJob

    def __init__(
        self,
        outreach,
        *,
        selection: Selection | None = None,
        selection_text: str = "",
        template_id: int | None = None,
        resume: int | None = None,
        content=None,
        title: str = "",
        recall_id: int | None = None,
    ):
        self.resume_id = resume
        database = outreach.session.database
        if resume is not None:
            batch = mail_batches.check_resumable(database, resume)
            from crmdesk.store.outreach import pending

            left = pending(database, resume)
            template_id = batch["template_id"]
            selection = Selection(ids=tuple(left), description=batch["selection"])
            selection_text = (
                translate("EmailDialog", "The %1 recipients left of mailing no. %2")
                .replace("%1", labels.number(len(left)))
                .replace("%2", str(resume))
            )
            recall_id = mail_batches.recall_of(database, resume)
            if recall_id is not None:
                selection = Selection(ids=selection.ids, description=selection.description, purpose=rules.SAFETY)
        super().__init__(
            outreach, title or translate("EmailDialog", "E-mails"), given=selection, given_text=selection_text
        )
        self.setObjectName("EmailDialog")
        self.fixed = content
        self.recall_id = recall_id
        self.templates = self.session.templates
        self.business = self.session.settings.business()
        self.position = 0
        self.folder: Path | None = None
        self.recipients.sort_postal.hide()

        top = QWidget(self)
        form = QFormLayout(top)
        form.setContentsMargins(0, 0, 0, 0)
        self.template_combo = QComboBox(top)
        self.template_combo.setObjectName("templateCombo")
        self.fill_templates(template_id)
        label = QLabel(translate("EmailDialog", "Te&mplate:"), top)
        label.setBuddy(self.template_combo)
        form.addRow(label, self.template_combo)
        if content is not None or resume is not None:
            self.template_combo.setEnabled(False)
        if content is not None:
            label.hide()
            self.template_combo.hide()
        self.template_combo.currentIndexChanged.connect(lambda _i: self.show_preview())

        self.message_view = self.preview_box_with("emailPreview", 220)

        self.way_box = QGroupBox(translate("EmailDialog", "How"), self)
        grid = QGridLayout(self.way_box)
        self.ways = QButtonGroup(self)
        self.way_radios: dict[str, QRadioButton] = {}
        for row, (code, text) in enumerate(
            (
                (
                    EML,
                    translate(
                        "EmailDialog", "Write one .&eml file per recipient in a folder (your mail program opens them)"
                    ),
                ),
                (MAILTO, translate("EmailDialog", "Open my mail pro&gram with the message ready (one recipient)")),
                (SMTP, translate("EmailDialog", "Send through my e-mail &account:")),
            )
        ):
            radio = QRadioButton(text, self.way_box)
            radio.setObjectName(f"{code}Radio")
            self.ways.addButton(radio)
            self.way_radios[code] = radio
            grid.addWidget(radio, row * 2, 0, 1, 2)
        self.folder_label = QLabel(translate("EmailDialog", "No folder chosen"), self.way_box)
        self.folder_label.setObjectName("folderLabel")
        self.folder_button = QPushButton(translate("EmailDialog", "Fol&der…"), self.way_box)
        self.folder_button.setObjectName("folderButton")
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(lambda _checked=False: self.ask_folder())
        self.account_label = QLabel(self.way_box)
        self.account_label.setObjectName("accountLabel")
        self.account_label.setWordWrap(True)
        self.account_button = QPushButton(translate("EmailDialog", "Account sett&ings…"), self.way_box)
        self.account_button.setObjectName("accountButton")
        self.account_button.setAutoDefault(False)
        self.account_button.clicked.connect(lambda _checked=False: self.account_settings())
        grid.addWidget(self.folder_label, 1, 0)
        grid.addWidget(self.folder_button, 1, 1)
        grid.addWidget(self.account_label, 5, 0)
        grid.addWidget(self.account_button, 5, 1)
        grid.setColumnStretch(0, 1)
        self.ways.buttonToggled.connect(lambda _button, checked: checked and self._way_changed())

        self.report_button = QPushButton(translate("EmailDialog", "Re&port…"), self)
        self.report_button.setObjectName("reportButton")
        self.report_button.setAutoDefault(False)
        self.report_button.clicked.connect(lambda _checked=False: self.show_report())
        self.buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.hide()  # after addButton, which shows it: once a batch has run
        self.planned.connect(lambda _plan: self.show_recipient(0))
        self.finish_layout(top, after=self.preview_box)
        self.body.insertWidget(self.body.indexOf(self.report), self.way_box)
        self.show_account()
        self.way_radios[SMTP if mail_settings.load(self.database).configured else EML].setChecked(True)
        self._way_changed()
        self.resize(760, 860)

    # -- choices ------------------------------------------------------------------------------------
    def fill_templates(self, template_id: int | None = None) -> None:
        current = template_id if template_id is not None else self.template_combo.currentData()
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        rows = self.templates.all()
        for row in sorted(rows, key=lambda r: r["kind"] != "email"):  # e-mail templates first
            self.template_combo.addItem(row["name"], row["id"])
        found = self.template_combo.findData(current)
        self.template_combo.setCurrentIndex(max(found, 0))
        self.template_combo.blockSignals(False)

    def template(self) -> dict | None:
        template_id = self.template_combo.currentData()
        return self.templates.get(template_id) if template_id is not None else None

    def set_template(self, name: str) -> bool:
        index = self.template_combo.findText(name)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)
        return index >= 0

    def way(self) -> str:
        return next(code for code, radio in self.way_radios.items() if radio.isChecked())

    def set_way(self, code: str) -> None:
        self.way_radios[code].setChecked(True)

    def ask_folder(self) -> bool:
        name = choose_folder(self)
        if not name:
            return False
        self.use_folder(Path(name))
        return True

    def use_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))
        self.set_way(EML)
        self._update()

    def show_account(self) -> None:
        settings = mail_settings.load(self.database)
        self.account_label.setText(settings.describe())

    def account_settings(self):
        dialog = self.outreach.show_smtp_settings()
        if dialog is not None:
            dialog.finished.connect(lambda _result: self._account_changed())
        return dialog

    def _account_changed(self) -> None:
        self.show_account()
        self._update()

    def _way_changed(self) -> None:
        texts = {
            EML: translate("EmailDialog", "&Write the e-mails"),
            MAILTO: translate("EmailDialog", "&Open in my mail program"),
            SMTP: translate("EmailDialog", "Se&nd the e-mails"),
        }
        self.prepare_button.setText(texts[self.way()])
        self.show_preview()
        self._update()

    def can_prepare(self) -> bool:
        if self.fixed is None and self.template_combo.count() == 0:
            return False
        way = self.way()
        if way == EML:
            return self.folder is not None
        if way == MAILTO:
            return self.plan is not None and len(self.plan.ids) == 1
        return mail_settings.load(self.database).configured

    def _update(self) -> None:
        super()._update()
        if hasattr(self, "way_radios"):  # the base's __init__ calls _update before they are made
            one = self.plan is not None and len(self.plan.ids) == 1
            self.way_radios[MAILTO].setEnabled(one)

    # -- preview ------------------------------------------------------------------------------------
    def show_recipient(self, position: int) -> None:
        count = len(self.plan.ids) if self.plan else 0
        self.position = max(0, min(position, count - 1)) if count else 0
        self.previous_button.setEnabled(count > 0 and self.position > 0)
        self.next_button.setEnabled(count > 0 and self.position < count - 1)
        self.position_label.setText(
            translate("EmailDialog", "Recipient %1 / %2")
            .replace("%1", labels.number(self.position + 1))
            .replace("%2", labels.number(count))
            if count
            else translate("EmailDialog", "No recipient")
        )
        self._update()
        self.show_preview()

    def recipient_id(self) -> int | None:
        return self.plan.ids[self.position] if self.plan and self.plan.ids else None

    def sender(self):
        return emailing.sender_of(mail_settings.load(self.database), self.business)

    def content(self):
        """What builds each recipient's message: Content (io/mail_batch.py); CrmError when it cannot be read."""
        if self.fixed is not None:
            return fixed_content(self.fixed)
        template = self.template()
        if template is None:
            raise CrmError(translate("EmailDialog", "Choose a template."))
        return template_content(template)

    def show_preview(self) -> None:
        contact_id = self.recipient_id()
        if contact_id is None or (self.fixed is None and self.template() is None):
            self.message_view.setHtml("")
            self.empty_label.setText("")
            return

        row = self.selection().rows.get(contact_id, {})
        fields = preview_fields(self.database, contact_id, today=self.outreach.session.today(), row=row)
        contact = self.session.contacts.get(contact_id)
        if fields is None or contact is None:
            self.message_view.setHtml("")
            return
        try:
            if self.fixed is not None:
                rendered = self.fixed
            else:
                template = self.template()
                rendered = render(compile_template(template["subject"], template["body"]), fields)
        except CrmError as exc:
            self.message_view.setPlainText(str(exc))
            return
        self.message_view.setHtml(self.message_html(rendered, contact))
        if rendered.missing:
            self.empty_label.setText(
                translate("EmailDialog", "Empty for this recipient (left blank in the e-mail): %1").replace(
                    "%1", ", ".join(field_label(f) for f in rendered.missing)
                )
            )
            self.empty_label.setStyleSheet("color:#a40e0e;")
        else:
            self.empty_label.setText(translate("EmailDialog", "Every field is filled for this recipient."))
            self.empty_label.setStyleSheet("")

    def message_html(self, rendered, contact: dict) -> str:
        sender = self.sender()
        to = mail.recipient_name(contact)
        to = f"{to} <{contact.get('email') or ''}>" if to else contact.get("email") or ""
        rows = [
            (
                translate("EmailDialog", "From:"),
                f"{sender.name} <{sender.address}>"
                if sender
                else translate("EmailDialog", "(no sender address: set the account or the business's e-mail)"),
            ),
            (translate("EmailDialog", "To:"), to),
            (translate("EmailDialog", "Subject:"), rendered.subject),
        ]
        head = "".join(f"<tr><td><b>{escape(caption)}</b></td><td>{escape(value)}</td></tr>" for caption, value in rows)
        body = rendered.html(missing=missing_marker)
        if sender is not None and self.selection().purpose != rules.SAFETY:
            body += "<hr>" + emailing.unsubscribe_html(sender)
        return f'<table cellspacing="2">{head}</table><hr>{body}'

    # -- sending ------------------------------------------------------------------------------------
    def prepare(self):
        """Write, open or send the messages of the plan's recipients (see the module's text)."""
        if self.plan is None or not self.plan.ids or (self.job is not None and self.job.is_running()):
            return None
        try:
            content = self.content()
            sender = self.sender()
            if sender is None:
                raise CrmError(
                    translate(
                        "EmailDialog",
                        "No sender address: fill in the e-mail account (Account "
                        "settings…) or the business's e-mail (File › Business "
                        "identity…).",
                    )
                )
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return None
        way = self.way()
        if way == MAILTO:
            return self.open_in_mail_program(content, sender)
        settings = mail_settings.load(self.database)
        if way == SMTP:
            from crmdesk.gui.outreach.smtp_settings import NOT_ASKED, password_for

            password = password_for(self.window, settings, self)
            if password is NOT_ASKED:
                return None

            def transport():
                return mail.SmtpTransport(settings, password)

            interval, commit_every = settings.interval(), 1
        else:
            folder = self.folder

            def transport():
                return mail.EmlFolder(folder)

            interval, commit_every = 0.0, 200
        return self._start(
            content, sender, transport, interval=interval, commit_every=commit_every, sending=way == SMTP
        )

    def _start(self, content, sender, transport, *, interval: float, commit_every: int, sending: bool):
        selection, ids, day = self.selection(), list(self.plan.ids), self.outreach.session.today()
        template = self.template() if self.fixed is None else None
        subject = template["subject"] if template else self.fixed.subject
        resume, recall_id, database = self.resume_id, self.recall_id, self.database

        def run(owner: MailJob, job):
            own = database.companion()
            try:
                with transport() as out:
                    owner.batch_id = (
                        resume
                        if resume is not None
                        else open_batch(
                            own, "email", ids, template=template, subject=subject, selection=selection.description
                        )
                    )
                    return send_batch(
                        own,
                        owner.batch_id,
                        out,
                        content=content,
                        sender=sender,
                        today=day,
                        rows=selection.rows,
                        purpose=selection.purpose,
                        recall_id=recall_id,
                        interval=interval,
                        wait=_cancellable_wait(job),
                        progress=lambda done, total: job.report(done, total),
                        commit_every=commit_every,
                    )
            finally:
                own.close()

        job = MailJob(self, self.window, run, count=len(ids), sending=sending)
        self.job = job
        job.ended.connect(lambda outcome: self._job_ended(job, outcome))
        self.jobStarted.emit(job)
        job.start()
        self._update()
        return job

    def _job_ended(self, job: MailJob, outcome: str) -> None:
        lines = []
        if outcome == "failed":
            lines.append(job.error or "")
        if job.batch_id is not None:
            self.resume_id = job.batch_id
            counts = mail_batches.state_counts(self.database, job.batch_id)
            if job.report is not None:
                lines.append(job.report.summary(eml=not job.sending))
                lines += job.report.missing.lines()
            else:
                lines.append(
                    translate("EmailDialog", "Stopped: %1 done, %2 refused, %3 left.")
                    .replace("%1", labels.number(counts["done"]))
                    .replace("%2", labels.number(counts["refused"]))
                    .replace("%3", labels.number(counts["pending"]))
                )
            if counts["pending"]:
                lines.append(
                    translate("EmailDialog", "The rest can be sent later: Mailing › Mailing history… › Resume sending…")
                )
            if job.report is not None and job.report.files:
                lines.append(translate("EmailDialog", "Files in %1.").replace("%1", str(self.folder)))
            self.report_button.show()
            self.outreach.recorded(job.batch_id, counts["done"])
            if counts["done"]:
                self.sent.emit(job.batch_id)
        self.report.setText("\n".join(line for line in lines if line))
        self.report.show()
        self._update()
        self.jobEnded.emit(job)

    def open_in_mail_program(self, content, sender) -> int | None:
        """The one recipient's message in the user's mail program; recorded as written."""
        from crmdesk.store.outreach import recipients

        selection = self.selection()
        contact_id = self.plan.ids[0]
        found = list(recipients(self.database, [contact_id], today=self.outreach.session.today(), rows=selection.rows))
        if not found:
            return None
        recipient = found[0]
        filled = content(recipient)
        try:
            message = mail.build_message(
                filled,
                sender=sender,
                to_address=recipient.contact["email"],
                to_name=mail.recipient_name(recipient.contact),
                unsubscribe=selection.purpose != rules.SAFETY,
            )
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return None
        if not open_mail_program(mail.mailto_url(message)):
            messages.error(
                self,
                self.windowTitle(),
                translate("EmailDialog", "No mail program answered: choose the .eml files instead."),
            )
            return None
        template = self.template() if self.fixed is None else None
        batch_id = record_batch(
            self.database,
            "email",
            [contact_id],
            template=template,
            subject=filled.subject,
            selection=selection.description,
            subjects={contact_id: filled.subject},
            recall_id=self.recall_id,
        )
        self.outreach.recorded(batch_id, 1)
        self.report.setText(translate("EmailDialog", "The message is open in your mail program: send it from there."))
        self.report.show()
        self.sent.emit(batch_id)
        return batch_id

    def show_report(self):
        if self.resume_id is None:
            return None
        return show_batch_report(self, self.session, self.resume_id)


# -- a batch's report, resuming it (Courrier › Historique des envois) ------------------------------
def history_buttons(history) -> tuple[QPushButton, QPushButton]:
    """« Compte rendu… » and « Reprendre l'envoi… » in the mailing history (enabled for e-mail batches)."""
    report = QPushButton(translate("EmailDialog", "Re&port…"), history)
    report.setObjectName("batchReportButton")
    resume = QPushButton(translate("EmailDialog", "Resume &sending…"), history)
    resume.setObjectName("resumeBatchButton")
    for button in (report, resume):
        button.setAutoDefault(False)
        button.setEnabled(False)
        history.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    def batch_id() -> int | None:
        row = history.selected()
        return row["id"] if row is not None else None

    report.clicked.connect(
        lambda _checked=False: batch_id() and show_batch_report(history, history.outreach.session, batch_id())
    )
    resume.clicked.connect(lambda _checked=False: batch_id() and resume_batch(history.outreach, batch_id()))
    return report, resume


def resume_batch(outreach, batch_id: int):
    """The e-mail dialog for the recipients a batch has left (Historique des envois › Reprendre l'envoi…)."""
    try:
        return outreach.show_email(resume=batch_id)
    except CrmError as exc:
        messages.error(outreach.window, translate("EmailDialog", "E-mails"), str(exc))
        return None


# -- a batch's report ----------------------------------------------------------------------------------
def state_names() -> dict[str, str]:
    return {
        "done": translate("EmailDialog", "Written or sent"),
        "refused": translate("EmailDialog", "Refused"),
        "pending": translate("EmailDialog", "Left to send"),
    }


class BatchReportModel(ReadOnlyTableModel):
    COLUMNS = ("code", "name", "email", "state", "detail")

    def __init__(self, database, batch_id: int, parent=None):
        super().__init__(parent)
        self.database, self.batch_id = database, batch_id
        self._headers = (
            translate("EmailDialog", "No."),
            translate("EmailDialog", "Name"),
            translate("EmailDialog", "E-mail"),
            translate("EmailDialog", "State"),
            translate("EmailDialog", "Server's answer"),
        )
        self.refresh()

    def _fetch(self) -> list:
        return mail_batches.report_rows(self.database, self.batch_id)

    def cell(self, row, column: int, role):
        key = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return state_names().get(row["state"], row["state"]) if key == "state" else row[key] or ""
        if role == Qt.ItemDataRole.ForegroundRole and row["state"] == "refused":
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#a40e0e"))
        return None


class BatchReportDialog(QDialog):
    """What became of each recipient of an e-mail batch."""

    def __init__(self, parent, session: Session, batch_id: int):
        super().__init__(parent)
        self.setObjectName("BatchReportDialog")
        self.setWindowTitle(translate("EmailDialog", "Report of mailing no. %1").replace("%1", str(batch_id)))
        self.model = BatchReportModel(session.database, batch_id, self)
        counts = mail_batches.state_counts(session.database, batch_id)
        self.summary = QLabel(
            translate("EmailDialog", "%1 written or sent, %2 refused, %3 left to send.")
            .replace("%1", labels.number(counts["done"]))
            .replace("%2", labels.number(counts["refused"]))
            .replace("%3", labels.number(counts["pending"])),
            self,
        )
        self.summary.setObjectName("reportSummary")
        self.table = read_only_table(self, self.model, "reportTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)


def show_batch_report(parent, session: Session, batch_id: int) -> BatchReportDialog:
    from crmdesk.gui.common.actions import keep_dialog

    dialog = BatchReportDialog(parent, session, batch_id)
    keep_dialog(parent, "report_dialog", dialog)
    dialog.show()
    return dialog
