"""Fichier › Exporter… and Fichier › Liste de diffusion… (issue 7).

    dialog = ExportDialog(window)      # window: the MainWindow
    dialog = MailingDialog(window)
    dialog.open()

ExportDialog: which clients (the selection, every client shown by the current
search and filters, a status, an RFM segment) and the format (CSV, Excel,
vCard 3.0 or 4.0); « Exporter… » asks for the file (QFileDialog, which tests
replace) and writes it in a worker thread (worker.Task, on a read-only
connection of its own) with a progress bar; « Annuler » stops it and leaves
no file (crmdesk.io.export writes through a temporary file). Once written,
the dialog closes and the status bar says how many clients went where.

MailingDialog: the channel (e-mail, SMS, phone, post) and the format (CSV,
Excel); « Exporter… » writes the list the same way, then the dialog shows
how many contacts the list holds and how many were left out, and why
(crmdesk/domain/mailing.py), and stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import mailing as mailing_rules
from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.worker import Job, Task, reader
from crmdesk.gui.file import folders
from crmdesk.store.contacts import ContactQuery

STATUS_TIMEOUT_MS = 8_000
SELECTION, SHOWN, STATUS, SEGMENT = "selection", "shown", "status", "segment"
_SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "vcard": ".vcf"}
translate = QCoreApplication.translate  # every text below is in the context « ExportDialog »


class _ExportingDialog(QDialog):
    """What both dialogs share: the « Exporter… » button, the file dialog, the
    worker with its progress bar and its cancel, the message line."""

    exported = Signal(object)  # the worker's result (a count, or MailingCounts)
    inputs: tuple[QWidget, ...] = ()

    def __init__(self, window, title: str):
        super().__init__(window)
        self.main_window = window
        self.database = window.database
        self.task: Task | None = None
        self.path: Path | None = None
        self.closed = False  # done(): no export starts any more (the dialog may be deleted soon)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.body = QVBoxLayout(self)

    def _finish_layout(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            translate("ExportDialog", "&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.idle_text = self.cancel_button.text()
        self.export_button.clicked.connect(self.ask_and_export)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.body.addWidget(self.buttons)

    # -- what each dialog gives ------------------------------------------------------------------
    def format(self) -> str:
        raise NotImplementedError

    def suggested_name(self) -> str:
        raise NotImplementedError

    def file_filter(self) -> str:
        return {
            "csv": translate("ExportDialog", "CSV for Excel (*.csv)"),
            "xlsx": translate("ExportDialog", "Excel workbook (*.xlsx)"),
            "vcard": translate("ExportDialog", "vCard (*.vcf)"),
        }[self.format()]

    def compute(self, path: Path) -> Callable[[Job], Any]:
        raise NotImplementedError

    def show_result(self, result) -> None:
        raise NotImplementedError

    # -- the file ----------------------------------------------------------------------------------
    def ask_path(self) -> Path | None:
        folder = self.main_window.path.parent if self.main_window.path else folders.documents()
        name, _chosen = QFileDialog.getSaveFileName(
            self, self.windowTitle(), str(folder / self.suggested_name()), self.file_filter()
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(_SUFFIX[self.format()])

    def ask_and_export(self) -> Task | None:
        path = self.ask_path()
        return self.export_to(path) if path is not None else None

    # -- running -----------------------------------------------------------------------------------
    def export_to(self, path: Path) -> Task | None:
        """Write `path` in a worker thread (None when an export is already running)."""
        if self.closed or (self.task is not None and self.task.is_running()):
            return None
        self.path = path
        self.task = Task(self.compute(path), self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self._running(True)
        self._say(translate("ExportDialog", "Writing %1…").replace("%1", path.name))
        self.task.start()
        return self.task

    def _running(self, running: bool) -> None:
        for widget in self.inputs:
            widget.setEnabled(not running)
        self.export_button.setEnabled(not running)
        self.cancel_button.setText(translate("ExportDialog", "&Stop") if running else self.idle_text)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setVisible(running)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _progress(self, done: int, total: int, _text: str) -> None:
        if self.task is None or self.task.job.cancelled or not total:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))
        self._say(
            translate("ExportDialog", "Writing %1… %2 / %3")
            .replace("%1", self.path.name)
            .replace("%2", labels.number(done))
            .replace("%3", labels.number(total))
        )

    def _finished(self, result) -> None:
        self._running(False)
        self.show_result(result)
        self.exported.emit(result)

    def _failed(self, text: str) -> None:
        self._running(False)
        self._say("")
        messages.error(self, self.windowTitle(), text)

    def _cancelled(self) -> None:
        self._running(False)
        self._say(translate("ExportDialog", "Export stopped: no file was written."))

    def cancel_or_close(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self._say(translate("ExportDialog", "Stopping…"))
        else:
            self.reject()

    def reject(self) -> None:  # Esc while running stops the export and keeps the dialog
        if self.task is not None and self.task.is_running():
            self.cancel_or_close()
            return
        super().reject()

    def done(self, result: int) -> None:  # no thread outlives the dialog
        self.closed = True
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().done(result)

    def status_message(self, text: str) -> None:
        self.main_window.ui.statusbar.showMessage(text, STATUS_TIMEOUT_MS)

    def _format_row(self, form: QFormLayout, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("formatCombo")
        for text, code in items:
            combo.addItem(text, code)
        label = QLabel(translate("ExportDialog", "&Format:"), self)
        label.setBuddy(combo)
        form.addRow(label, combo)
        return combo


def _run_in_reader(database, export: Callable[..., Any], job: Job):
    """In the worker thread: export(own database, progress) on a read-only connection of its own."""
    with reader(database, job) as own:
        return export(own, job.report)


# -- « Exporter… » ---------------------------------------------------------------------------------
class ExportDialog(_ExportingDialog):
    def __init__(self, window):
        super().__init__(window, translate("ExportDialog", "Export clients"))
        self.setObjectName("ExportDialog")
        self.selected_ids, selected = selection_of(window)
        shown = window.model.total() if window.model is not None else 0

        box = QGroupBox(translate("ExportDialog", "Clients to export"), self)
        grid = QGridLayout(box)
        self.what = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        texts = {
            SELECTION: translate("ExportDialog", "The &selection (%1)").replace("%1", clients_text(selected)),
            SHOWN: translate("ExportDialog", "Every client s&hown by the search and filters (%1)").replace(
                "%1", clients_text(shown)
            ),
            STATUS: translate("ExportDialog", "The clients of a s&tatus:"),
            SEGMENT: translate("ExportDialog", "The clients of an &RFM segment:"),
        }
        for row, (code, text) in enumerate(texts.items()):
            radio = QRadioButton(text, box)
            radio.setObjectName(f"{code}Radio")
            self.what.addButton(radio)
            self.radios[code] = radio
            grid.addWidget(radio, row, 0, 1, 2 if code in (SELECTION, SHOWN) else 1)
        self.status_combo = QComboBox(box)
        self.status_combo.setObjectName("statusCombo")
        for code in status_rules.STATUSES:
            self.status_combo.addItem(labels.shown(status_rules.LABELS[code]), code)
        self.segment_combo = QComboBox(box)
        self.segment_combo.setObjectName("segmentCombo")
        for code, segment in rfm_rules.SEGMENTS.items():
            self.segment_combo.addItem(labels.shown(segment.label), code)
        grid.addWidget(self.status_combo, 2, 1)
        grid.addWidget(self.segment_combo, 3, 1)
        grid.setColumnStretch(1, 1)
        self.status_combo.activated.connect(lambda _index: self.radios[STATUS].setChecked(True))
        self.segment_combo.activated.connect(lambda _index: self.radios[SEGMENT].setChecked(True))
        self.radios[SELECTION].setEnabled(selected > 0)
        self.radios[SHOWN].setEnabled(shown > 0)
        self.radios[SELECTION if selected else SHOWN].setChecked(True)
        self.body.addWidget(box)

        form = QFormLayout()
        self.format_combo = self._format_row(
            form,
            [
                (translate("ExportDialog", "CSV for Excel or LibreOffice (.csv)"), "csv"),
                (translate("ExportDialog", "Excel workbook (.xlsx)"), "xlsx"),
                (translate("ExportDialog", "vCard 3.0 for address books: Outlook, Apple, Android (.vcf)"), "vcard:3.0"),
                (translate("ExportDialog", "vCard 4.0 (.vcf)"), "vcard:4.0"),
            ],
        )
        self.body.addLayout(form)
        self.inputs = (box, self.format_combo)
        self._finish_layout()

    def choice(self) -> str:
        return next(code for code, radio in self.radios.items() if radio.isChecked())

    def set_choice(self, choice: str, code: str | None = None) -> None:
        """What to export: SELECTION, SHOWN, or STATUS / SEGMENT with its code."""
        self.radios[choice].setChecked(True)
        combo = {STATUS: self.status_combo, SEGMENT: self.segment_combo}.get(choice)
        if combo is not None and code is not None:
            combo.setCurrentIndex(combo.findData(code))

    def format(self) -> str:
        return self.format_combo.currentData().split(":")[0]

    def vcard_version(self) -> str:
        return (self.format_combo.currentData().split(":") + ["3.0"])[1]

    def set_format(self, fmt: str, vcard_version: str = "3.0") -> None:
        self.format_combo.setCurrentIndex(
            self.format_combo.findData(f"vcard:{vcard_version}" if fmt == "vcard" else fmt)
        )

    def suggested_name(self) -> str:
        stem = {
            SELECTION: "clients-selection",
            SHOWN: "clients",
            STATUS: f"clients-{self.status_combo.currentData()}",
            SEGMENT: f"clients-{self.segment_combo.currentData()}",
        }[self.choice()]
        return stem + _SUFFIX[self.format()]

    def target(self) -> tuple[list[int] | None, ContactQuery | None]:
        """(ids, query) of the choice, as crmdesk.io.export.export_clients takes them."""
        choice = self.choice()
        if choice == SELECTION and self.selected_ids is not None:
            return self.selected_ids, None
        if choice == STATUS:
            return None, ContactQuery(sort="code", status=self.status_combo.currentData())
        if choice == SEGMENT:
            return None, ContactQuery(sort="code", rfm_segment=self.segment_combo.currentData())
        return None, self.main_window.model.query  # every client shown, in the table's order

    def compute(self, path: Path) -> Callable[[Job], Any]:
        from crmdesk.io.export import export_clients

        ids, query = self.target()
        fmt, version = self.format(), self.vcard_version()

        def export(own, progress):
            return export_clients(own, path, fmt, ids=ids, query=query, progress=progress, vcard_version=version)

        return partial(_run_in_reader, self.database, export)

    def show_result(self, count: int) -> None:
        self.status_message(
            translate("ExportDialog", "%1 exported to %2.")
            .replace("%1", clients_text(count))
            .replace("%2", self.path.name)
        )
        self.accept()


# -- « Liste de diffusion… » -------------------------------------------------------------------------
class MailingDialog(_ExportingDialog):
    def __init__(self, window):
        super().__init__(window, translate("ExportDialog", "Mailing list"))
        self.setObjectName("MailingDialog")
        form = QFormLayout()
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channelCombo")
        for code, text in channel_names().items():
            self.channel_combo.addItem(text, code)
        channel_label = QLabel(translate("ExportDialog", "&Channel:"), self)
        channel_label.setBuddy(self.channel_combo)
        form.addRow(channel_label, self.channel_combo)
        self.rule = QLabel(self)
        self.rule.setObjectName("ruleLabel")
        self.rule.setWordWrap(True)
        form.addRow("", self.rule)
        self.format_combo = self._format_row(
            form,
            [
                (translate("ExportDialog", "CSV for Excel or LibreOffice (.csv)"), "csv"),
                (translate("ExportDialog", "Excel workbook (.xlsx)"), "xlsx"),
            ],
        )
        self.body.addLayout(form)

        self.summary_box = QGroupBox(translate("ExportDialog", "List written"), self)
        self.summary_box.setObjectName("summaryBox")
        self.summary = QLabel(self.summary_box)
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        QVBoxLayout(self.summary_box).addWidget(self.summary)
        self.summary_box.hide()
        self.body.addWidget(self.summary_box)
        self.inputs = (self.channel_combo, self.format_combo)
        self._finish_layout()
        self.channel_combo.currentIndexChanged.connect(self._show_rule)
        self._show_rule()

    def channel(self) -> str:
        return self.channel_combo.currentData()

    def set_channel(self, channel: str) -> None:
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(channel))

    def format(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def _show_rule(self, *_args) -> None:
        rules = {
            "email": translate("ExportDialog", "Contacts with an email address who consented to email."),
            "sms": translate("ExportDialog", "Contacts with a mobile number who consented to text messages."),
            "phone": translate("ExportDialog", "Contacts with a phone number who consented to phone calls."),
            "post": translate("ExportDialog", "Contacts with a postal address: postal prospecting needs no consent."),
        }
        always = translate(
            "ExportDialog",
            "Contacts in opposition, or whose email or phone number is on the suppression list, are always left out.",
        )
        self.rule.setText(f"{rules[self.channel()]} {always}")

    def suggested_name(self) -> str:
        return f"diffusion-{self.channel()}{_SUFFIX[self.format()]}"

    def compute(self, path: Path) -> Callable[[Job], Any]:
        from crmdesk.io.mailing import export_mailing

        channel, fmt = self.channel(), self.format()

        def export(own, progress):
            return export_mailing(own, path, channel, fmt, progress=progress)

        return partial(_run_in_reader, self.database, export)

    def show_result(self, counts: mailing_rules.MailingCounts) -> None:
        written = (
            translate("ExportDialog", "%1 written to %2.")
            .replace("%1", contacts_text(counts.written))
            .replace("%2", self.path.name)
        )
        reasons = [reason_text(counts.channel, reason, count) for reason, count in counts.reasons()]
        if reasons:
            left_out = translate("ExportDialog", "%1 left out:").replace("%1", contacts_text(counts.left_out))
            text = "\n".join([written, left_out] + [f"  • {reason}" for reason in reasons])
        else:
            text = "\n".join([written, translate("ExportDialog", "Nobody was left out.")])
        self.summary.setText(text)
        self.summary_box.show()
        self._say("")
        self.idle_text = translate("ExportDialog", "&Close")
        self.cancel_button.setText(self.idle_text)
        self.status_message(written)


# -- texts --------------------------------------------------------------------------------------------
def clients_text(count: int) -> str:
    if count <= 1:
        return translate("ExportDialog", "1 client") if count else translate("ExportDialog", "no client")
    return translate("ExportDialog", "%1 clients").replace("%1", labels.number(count))


def contacts_text(count: int) -> str:
    if count <= 1:
        return translate("ExportDialog", "1 contact") if count else translate("ExportDialog", "no contact")
    return translate("ExportDialog", "%1 contacts").replace("%1", labels.number(count))


def channel_names() -> dict[str, str]:
    return {
        "email": translate("ExportDialog", "Email"),
        "sms": translate("ExportDialog", "Text message (SMS)"),
        "phone": translate("ExportDialog", "Phone"),
        "post": translate("ExportDialog", "Post"),
    }


def reason_text(channel: str, reason: str, count: int) -> str:
    """« 312 sans consentement e-mail », « 14 en opposition »…"""
    if reason == mailing_rules.OPPOSITION:
        text = translate("ExportDialog", "%1 in opposition")
    elif reason == mailing_rules.SUPPRESSED:
        text = translate("ExportDialog", "%1 on the suppression list")
    elif reason == mailing_rules.NO_ADDRESS:
        text = {
            "email": translate("ExportDialog", "%1 without an email address"),
            "sms": translate("ExportDialog", "%1 without a mobile number"),
            "phone": translate("ExportDialog", "%1 without a phone number"),
            "post": translate("ExportDialog", "%1 without a postal address"),
        }[channel]
    else:  # NO_CONSENT (post needs none)
        text = {
            "email": translate("ExportDialog", "%1 without email consent"),
            "sms": translate("ExportDialog", "%1 without text message consent"),
            "phone": translate("ExportDialog", "%1 without phone consent"),
        }[channel]
    return text.replace("%1", labels.number(count))


def selection_of(window) -> tuple[list[int] | None, int]:
    """(ids, count) of the table's selection; ids None when every row is
    selected (Ctrl+A over a million clients: the export reads the filter's
    clients itself rather than the window reading every page)."""
    model = window.model
    selection = window.ui.clientTable.selectionModel() if model is not None else None
    if selection is None or not selection.hasSelection():
        return [], 0
    count, end = 0, -1
    for top, bottom in sorted((part.top(), part.bottom()) for part in selection.selection()):
        count += max(0, bottom - max(top, end + 1) + 1)  # ranges may overlap
        end = max(end, bottom)
    if count == model.total():
        return None, count
    ids = window.selected_ids()
    return ids, len(ids)
