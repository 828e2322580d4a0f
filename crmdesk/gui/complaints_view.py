"""« File des réclamations »: the queue in triage order, and one complaint in detail.

The queue (ComplaintQueueModel over ComplaintStore.queue) lists reference,
client, kind, received, due date, phase, priority and why the complaint
stands where it does; overdue rows are red, due-soon rows orange (a legend
says so). Open complaints only, or all of them.

The detail (ComplaintDetail) shows the complaint's fields and its history as
a timeline: the six phases in order, each with its dated events (the history
is append-only: a correction is a new event, shown as such). Buttons:
advance to the next phase with the small form that phase needs
(PhaseDialog), add a note or a correction, add an attachment (copied into the
managed folder by the store), the letters as PDFs previewed inside crmdesk
(pdf_preview: print, save as; either records the letter in the history): the
acknowledgement, and once closed the answer at closure and the satisfaction
survey invitation (crmdesk/reports/complaint_letters.py), with a warning above
the page when the consumer mediator is missing; « Survey answer received… »
records the client's answer under the complaint (it decides « re-satisfied »).

Every dialog is opened with open() (never exec()): tests drive them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QRadioButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.gui import folders, labels, messages
from crmdesk.gui.actions import keep_dialog
from crmdesk.gui.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.table_model import ReadOnlyTableModel, read_only_table

OVERDUE_BACKGROUND = "#f8d3d0"
OVERDUE_TEXT = "#8e1b10"
DUE_SOON_BACKGROUND = "#fde3c0"
DUE_SOON_TEXT = "#7a4300"
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def format_datetime(value) -> str:
    """ISO date-time (or datetime) -> « 21/11/2026 14:30 »."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", ""))
        except ValueError:
            return format_date(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return format_date(value)


def reference_of(row: dict) -> str:
    return row.get("reference") or row.get("ref") or ""


def client_of(row: dict) -> str:
    name = row.get("client_name") or ""
    code = row.get("client_code") or ""
    return f"{name} ({code})" if name and code else name or code


def state_colours(state: str | None) -> tuple[str, str] | None:
    """(background, text) of a deadline state, None when it does not stand out."""
    if state == "overdue":
        return OVERDUE_BACKGROUND, OVERDUE_TEXT
    if state == "due_soon":
        return DUE_SOON_BACKGROUND, DUE_SOON_TEXT
    return None


def state_text(state: str | None) -> str:
    return labels.shown(rules.DEADLINE_STATES.get(state or "", state or ""))


def yes_no(value) -> str:
    if value is None or value == "":
        return "—"
    return QCoreApplication.translate("ComplaintsView", "yes") if value else QCoreApplication.translate("ComplaintsView", "no")


# -- the queue ---------------------------------------------------------------------------
class ComplaintQueueModel(ReadOnlyTableModel):
    """The queue in triage order; or, given `contact_id`, one client's complaints (latest first)."""

    QUEUE_COLUMNS = ("reference", "client", "kind", "received", "due_date", "phase", "priority", "reason")
    CLIENT_COLUMNS = ("reference", "received", "kind", "subject", "due_date", "phase", "state")

    def __init__(self, store, parent=None, *, today: dt.date | None = None, open_only: bool = True,
                 contact_id: int | None = None):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.open_only = open_only
        self.contact_id = contact_id
        self.COLUMNS = self.CLIENT_COLUMNS if contact_id is not None else self.QUEUE_COLUMNS
        texts = header_texts()
        self._headers = tuple(texts[key] for key in self.COLUMNS)
        self.rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        if self.contact_id is not None:
            self.rows = self.store.of_contact(self.contact_id, today=self.today)
        else:
            self.rows = self.store.queue(self.today, open_only=self.open_only)
        self.endResetModel()

    def set_open_only(self, open_only: bool) -> None:
        if open_only != self.open_only:
            self.open_only = open_only
            self.refresh()

    complaint_id = ReadOnlyTableModel.id_at

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "reference":
                return reference_of(row)
            if key == "client":
                return client_of(row)
            if key == "kind":
                return labels.shown(rules.KINDS.get(row.get("kind"), row.get("kind") or ""))
            if key == "received":
                return format_datetime(row.get("received_at"))
            if key == "due_date":
                return format_date(row.get("due_date"))
            if key == "phase":
                return labels.shown(rules.PHASES.get(row.get("phase"), row.get("phase") or ""))
            if key == "priority":
                return str(row.get("priority") or "")
            if key == "subject":
                return row.get("subject") or ""
            if key == "state":
                return state_text(row.get("state"))
            return row.get("reason") or ""
        colours = state_colours(row.get("state"))
        if role == Qt.ItemDataRole.BackgroundRole and colours:
            return QBrush(QColor(colours[0]))
        if role == Qt.ItemDataRole.ForegroundRole and colours:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return " — ".join(p for p in (row.get("subject"), state_text(row.get("state"))) if p)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "priority":
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


def header_texts() -> dict[str, str]:
    return {"reference": QCoreApplication.translate("ComplaintsView", "Reference"), "client": QCoreApplication.translate("ComplaintsView", "Client"), "kind": QCoreApplication.translate("ComplaintsView", "Kind"),
            "received": QCoreApplication.translate("ComplaintsView", "Received"), "due_date": QCoreApplication.translate("ComplaintsView", "Due date"), "phase": QCoreApplication.translate("ComplaintsView", "Phase"),
            "priority": QCoreApplication.translate("ComplaintsView", "Priority"), "reason": QCoreApplication.translate("ComplaintsView", "Why here"), "subject": QCoreApplication.translate("ComplaintsView", "Subject"),
            "state": QCoreApplication.translate("ComplaintsView", "Deadline")}


def legend_swatch(text: str, background: str, foreground: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(f"background: {background}; color: {foreground}; padding: 2px 8px; "
                        "border-radius: 3px;")
    return label


# -- the timeline ------------------------------------------------------------------------------
def action_labels() -> dict[str, str]:
    return {
        "received": QCoreApplication.translate("ComplaintsView", "Received"),
        "acknowledged": QCoreApplication.translate("ComplaintsView", "Acknowledgement sent"),
        "qualified": QCoreApplication.translate("ComplaintsView", "Qualified"),
        "handled": QCoreApplication.translate("ComplaintsView", "Handled"),
        "closed": QCoreApplication.translate("ComplaintsView", "Closed"),
        "followed_up": QCoreApplication.translate("ComplaintsView", "Followed up"),
        "analysed": QCoreApplication.translate("ComplaintsView", "Cause analysed"),
        "note": QCoreApplication.translate("ComplaintsView", "Note"),
        "correction": QCoreApplication.translate("ComplaintsView", "Correction"),
        "attachment": QCoreApplication.translate("ComplaintsView", "Attachment added"),
        "letter": QCoreApplication.translate("ComplaintsView", "Letter sent"),
    }


def letter_kinds() -> dict[str, str]:
    return {"ack": QCoreApplication.translate("ComplaintsView", "Acknowledgement letter"),
            "closure": QCoreApplication.translate("ComplaintsView", "Closure letter"),
            "survey": QCoreApplication.translate("ComplaintsView", "Satisfaction survey")}


def detail_labels() -> dict[str, str]:
    return {
        "channel": QCoreApplication.translate("ComplaintsView", "channel"), "due_date": QCoreApplication.translate("ComplaintsView", "due"), "justified": QCoreApplication.translate("ComplaintsView", "justified"),
        "qualification": QCoreApplication.translate("ComplaintsView", "qualification"), "handling": QCoreApplication.translate("ComplaintsView", "handling"), "service": QCoreApplication.translate("ComplaintsView", "service"),
        "answer": QCoreApplication.translate("ComplaintsView", "answer"), "compensation": QCoreApplication.translate("ComplaintsView", "compensation"),
        "compensation_kind": QCoreApplication.translate("ComplaintsView", "compensation"), "cost_cents": QCoreApplication.translate("ComplaintsView", "cost"),
        "resatisfied": QCoreApplication.translate("ComplaintsView", "client re-satisfied"), "root_cause": QCoreApplication.translate("ComplaintsView", "root cause"),
        "preventive_action": QCoreApplication.translate("ComplaintsView", "preventive action"), "text": "", "note": "", "file": QCoreApplication.translate("ComplaintsView", "file"),
        "stored_name": QCoreApplication.translate("ComplaintsView", "file"), "original_name": QCoreApplication.translate("ComplaintsView", "file"), "kind": QCoreApplication.translate("ComplaintsView", "kind"), "nature": QCoreApplication.translate("ComplaintsView", "nature"),
        "priority": QCoreApplication.translate("ComplaintsView", "priority"), "owner": QCoreApplication.translate("ComplaintsView", "in charge"), "document": QCoreApplication.translate("ComplaintsView", "letter"),
        "printed": QCoreApplication.translate("ComplaintsView", "printed"), "letter": "",
    }


def format_details(details) -> str:
    """An event's details (JSON text or dict) as one readable line."""
    if not details:
        return ""
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return details
    if not isinstance(details, dict):
        return str(details)
    names = detail_labels()
    parts = []
    for key, value in details.items():
        if value is None or value == "" or key == "stored_name" and "original_name" in details:
            continue
        if key == "cost_cents":
            value = format_eur(int(value))
        elif isinstance(value, bool) or key in ("justified", "resatisfied"):
            value = yes_no(value)
        elif key == "due_date":
            value = format_date(value)
        elif key == "channel":
            value = labels.shown(rules.CHANNELS.get(value, value))
        elif key in ("compensation", "compensation_kind"):
            value = labels.shown(rules.COMPENSATIONS.get(value, value))
        elif key == "handling":
            value = handling_labels().get(value, value)
        elif key == "kind":
            value = labels.shown(rules.KINDS.get(value, value))
        elif key == "nature":
            value = labels.shown(rules.NATURES.get(value, value))
        elif key == "service":
            value = labels.shown(value)
        elif key == "letter":
            value = letter_kinds().get(value, value)
        name = names.get(key, key.replace("_", " "))
        parts.append(labels.named(name, value) if name else str(value))
    return " · ".join(parts)


def handling_labels() -> dict[str, str]:
    return {"direct": QCoreApplication.translate("ComplaintsView", "handled directly"), "routed": QCoreApplication.translate("ComplaintsView", "routed to the service concerned")}


class Timeline(QTreeWidget):
    """The six phases, each with its dated events (newest last)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Phase / date"), self.tr("Event"), self.tr("Details"), self.tr("By")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def show_history(self, phase: str | None, events: list[dict]) -> None:
        self.clear()
        order = list(rules.PHASES)
        reached = order.index(phase) if phase in order else -1
        names = action_labels()
        for number, (code, name) in enumerate(rules.PHASES.items()):
            mine = [e for e in events if e.get("phase") == code]
            mark = "✔" if number < reached else ("●" if number == reached else "○")
            item = QTreeWidgetItem(self, [f"{mark} {number + 1}. {labels.shown(name)}"])
            item.setData(0, Qt.ItemDataRole.UserRole, code)
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(0, font)
            if number == reached:
                item.setForeground(0, QBrush(QColor("#1f4e8c")))
            elif number > reached:
                item.setForeground(0, QBrush(QColor("#888888")))
            for event in mine:
                action = event.get("action") or ""
                child = QTreeWidgetItem(item, [format_datetime(event.get("at")), names.get(action, action),
                                               format_details(event.get("details")), event.get("author") or ""])
                child.setToolTip(2, child.text(2))
                if action == "correction":
                    child.setForeground(1, QBrush(QColor("#8e1b10")))
            item.setExpanded(True)

    def event_texts(self, phase: str) -> list[list[str]]:
        """The events shown under a phase, as their texts (for tests)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == phase:
                return [[item.child(j).text(c) for c in range(4)] for j in range(item.childCount())]
        return []


# -- the phase forms ------------------------------------------------------------------------------
class PhaseDialog(QDialog):
    """The small form of a phase (or of a note / a correction when `phase` is None).

    `submit()` calls `apply(details)`; a ValidationError's reasons go under
    the fields, the dialog stays open.
    """

    def __init__(self, target: str, complaint: dict, apply, parent=None, *, history: list[dict] | None = None,
                 correction: bool = False):
        super().__init__(parent)
        self.setObjectName("PhaseDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.target = target
        self.apply = apply
        self.correction = correction
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        name = labels.shown(rules.PHASES.get(target, target))
        if target == "note":
            self.setWindowTitle((self.tr("Correction — %1") if correction else self.tr("Note — %1"))
                                .replace("%1", reference_of(complaint)))
        else:
            self.setWindowTitle(self.tr("%1 — %2").replace("%1", name).replace("%2", reference_of(complaint)))
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.form = form
        if target == "registration":
            intro.setText(self.tr("Qualify the complaint; the client's earlier complaints are listed below."))
            self._add("justified", self.tr("&Justified:"), self._combo({None: "—", True: yes_no(True),
                                                                         False: yes_no(False)}))
            kind = self._add("kind", self.tr("&Kind:"), self._combo(rules.KINDS))
            kind.setCurrentIndex(max(kind.findData(complaint.get("kind")), 0))
            nature = self._add("nature", self.tr("&Nature:"), self._combo({"": "—", **rules.NATURES}))
            nature.setCurrentIndex(max(nature.findData(complaint.get("nature") or ""), 0))
            self._add("qualification", self.tr("&Qualification:"), QLineEdit(self))
            past = QListWidget(self)
            past.setObjectName("history")
            past.setMaximumHeight(110)
            for row in history or []:
                past.addItem(" — ".join(p for p in (reference_of(row), format_date(row.get("received_at")),
                                                     labels.shown(rules.KINDS.get(row.get("kind"), "")),
                                                     row.get("subject"))
                                         if p))
            if not past.count():
                past.addItem(self.tr("No other complaint from this client."))
            label = QLabel(self.tr("Client's &history:"), self)
            label.setBuddy(past)
            form.addRow(label, past)
        elif target == "resolution":
            intro.setText(self.tr("Handled directly, or routed to the service concerned?"))
            self.direct_radio = QRadioButton(self.tr("Handled &directly"), self)
            self.routed_radio = QRadioButton(self.tr("&Routed to a service"), self)
            self.direct_radio.setChecked(True)
            box = QWidget(self)
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(self.direct_radio)
            line.addWidget(self.routed_radio)
            line.addStretch(1)
            form.addRow(box)
            service = self._add("service", self.tr("&Service:"),
                                self._combo({"": "—", **{s: s for s in rules.SERVICES}}))
            service.setCurrentIndex(max(service.findData(complaint.get("service") or ""), 0))
        elif target == "closure":
            intro.setText(self.tr("The answer given to the client and what it cost."))
            answer = QPlainTextEdit(self)
            answer.setTabChangesFocus(True)
            answer.setMaximumHeight(90)
            self._add("answer", self.tr("&Answer:"), answer)
            self._add("compensation_kind", self.tr("&Compensation:"), self._combo(rules.COMPENSATIONS))
            cost = self._add("cost", self.tr("C&ost (€):"), QLineEdit(self))
            cost.setPlaceholderText("0,00")
            self._add("resatisfied", self.tr("Client &re-satisfied:"),
                      self._combo({None: "—", True: yes_no(True), False: yes_no(False)}))
        elif target == "exploitation":
            intro.setText(self.tr("What caused it, and what will prevent it from happening again."))
            for field, caption in (("root_cause", self.tr("Root &cause:")),
                                   ("preventive_action", self.tr("&Preventive action:"))):
                edit = QPlainTextEdit(self)
                edit.setTabChangesFocus(True)
                edit.setMaximumHeight(80)
                self._add(field, caption, edit)
        elif target == "follow_up":
            intro.setText(self.tr("The complaint is followed in the complaints dashboard."))
        if target in ("follow_up", "note", "resolution", "registration"):
            notes = QPlainTextEdit(self)
            notes.setTabChangesFocus(True)
            notes.setMaximumHeight(80)
            caption = self.tr("&Correction:") if correction else self.tr("No&te:")
            self._add("text", caption, notes)
        if target == "note":
            intro.setText(self.tr("The history is never changed: this is added as a new dated event.")
                          if correction else self.tr("A dated note in the complaint's history."))
        self.summary = summary_label(self, None)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(480, 0)

    def _combo(self, choices: dict) -> QComboBox:
        combo = QComboBox(self)
        for code, text in choices.items():
            combo.addItem(labels.shown(text), code)
        return combo

    def _add(self, field: str, caption: str, editor: QWidget) -> QWidget:
        editor.setObjectName(field)
        self.editors[field] = editor
        error = self.errors[field] = error_label(self)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        self.form.addRow(label, field_cell(self, editor, error))
        return editor

    def set_value(self, field: str, value) -> None:
        """Fill a field (tests, and the keyboard-less)."""
        editor = self.editors[field]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        else:
            editor.setText(str(value))

    def details(self) -> tuple[dict, dict[str, str]]:
        values: dict = {}
        problems: dict[str, str] = {}
        for field, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                value = editor.toPlainText().strip()
            elif isinstance(editor, QLineEdit):
                value = editor.text().strip()
            else:
                continue
            if field == "cost":
                try:
                    values["cost_cents"] = parse_amount(value) if value else 0
                except CrmError as exc:
                    problems["cost"] = str(exc)
                continue
            if value is not None and value != "":
                values[field] = value
        if self.target == "resolution":
            values["handling"] = "routed" if self.routed_radio.isChecked() else "direct"
        return values, problems

    def submit(self) -> None:
        values, problems = self.details()
        if not problems:
            try:
                self.apply(values)
            except ValidationError as exc:
                problems = dict(exc.problems)
            except CrmError as exc:
                self._show({})
                self.summary.setText(str(exc))
                self.summary.show()
                return
        if problems:
            self._show(problems)
            return
        self.accept()

    def _show(self, problems: dict[str, str]) -> None:
        aliases = {"cost_cents": "cost", "coût": "cost", "compensation": "compensation_kind", "détails": "text",
                   "réponse": "answer", "client satisfait": "resatisfied", "cause": "root_cause",
                   "action préventive": "preventive_action", "type": "kind"}
        shown = {aliases.get(k, k): v for k, v in problems.items()}
        for field, label in self.errors.items():
            reason = shown.get(field)
            show_reason(label, self.editors[field], reason)
        rest = [labels.named(labels.shown(k), v) for k, v in shown.items() if k not in self.errors]
        self.summary.setText(self.tr("Not saved: %1").replace("%1", "; ".join(rest)) if rest else "")
        self.summary.setVisible(bool(rest))


# -- the detail ----------------------------------------------------------------------------------
class ComplaintDetail(QWidget):
    """One complaint: fields, timeline, attachments, and what can be done next."""

    changed = Signal(int)            # complaint id, after an event was added
    dialogOpened = Signal(object)    # the PhaseDialog, for whoever drives it (tests)
    previewOpened = Signal(object)   # the letter's PdfPreviewDialog
    answerDialogOpened = Signal(object)  # the survey's AnswerDialog

    def __init__(self, store, parent=None, *, today: dt.date | None = None, business: dict | None = None):
        super().__init__(parent)
        self.setObjectName("ComplaintDetail")
        self.store = store
        self.today = today
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
        captions = (("client", self.tr("Client:")), ("received", self.tr("Received:")),
                    ("due", self.tr("Answer due:")), ("channel", self.tr("Channel:")),
                    ("kind", self.tr("Kind:")), ("nature", self.tr("Nature:")),
                    ("service", self.tr("Service:")), ("product", self.tr("Product / lot:")),
                    ("priority", self.tr("Priority:")), ("owner", self.tr("In charge:")),
                    ("satisfied", self.tr("Re-satisfied:")))
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
        for button in (self.letter_button, self.closure_button, self.survey_button, self.survey_email_button,
                       self.answer_button):
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
            if colours else "padding: 2px 8px;")
        product = " — ".join(p for p in (row.get("product_name"), row.get("lot") and
                                         self.tr("lot %1").replace("%1", row["lot"])) if p)
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
            self.advance_button.setText(self.tr("&Next phase: %1…")
                                        .replace("%1", labels.shown(rules.PHASES[following])))
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
            history = [r for r in self.store.of_contact(self.complaint["contact_id"], today=self.today)
                       if r["id"] != complaint_id]

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
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Add an attachment"), folders.in_documents(),
                                                  self.tr("All files (*)"))
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

    def _open_attachment(self, item: QListWidgetItem) -> None:
        path = self.store.attachment_path(item.data(Qt.ItemDataRole.UserRole))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def satisfaction_text(self, complaint_id: int) -> str:
        """« yes — client's survey: CSAT 5, NPS 9 (02/12/2026) », « no — judged at closure », « — »."""
        satisfaction = self.store.satisfaction(complaint_id)
        if satisfaction["resatisfied"] is None:
            return "—"
        answers = satisfaction["answers"]
        if rules.resatisfied(None, answers) is None:
            return self.tr("%1 — judged at closure").replace("%1", yes_no(satisfaction["resatisfied"]))
        scores = ", ".join(f"{a['indicator'].upper()} {a['score']}" for a in answers)
        return (self.tr("%1 — client's survey: %2 (%3)").replace("%1", yes_no(satisfaction["resatisfied"]))
                .replace("%2", scores).replace("%3", format_date(answers[-1]["date"])))

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
        from crmdesk.gui.pdf_preview import show_pdf

        complaint_id = self.complaint_id
        title = {"ack": self.tr("Acknowledgement letter %1"), "closure": self.tr("Closure letter %1"),
                 "survey": self.tr("Satisfaction survey %1")}[kind]
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
            lambda: self._letter_sent(complaint_id, kind, {"document": preview.suggested_name, "printed": True}))
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
        from crmdesk.gui.outreach import email_dialog

        window = email_dialog.main_window_of(self)
        if window is None:
            return None
        content = email_dialog.survey_content(self.store.database, self.complaint_id)
        dialog = email_dialog.show_for_client(window, row["contact_id"], content=content,
                                              title=self.tr("Satisfaction survey %1 by e-mail")
                                              .replace("%1", reference_of(row)).strip())
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
        from crmdesk.gui.surveys_tab import AnswerDialog, refresh_tabs
        from crmdesk.store.indicators import IndicatorStore

        complaint_id, contact_id = self.complaint_id, row["contact_id"]
        dialog = AnswerDialog(IndicatorStore(self.store.database), contact_id, None, self, today=self.today,
                              complaint_id=complaint_id)

        def saved(_answer_id: int) -> None:
            refresh_tabs(contact_id)       # the client's Satisfaction tab, the dashboards, an open queue
            self.show_complaint(self.complaint_id)

        dialog.saved.connect(saved)
        keep_dialog(self, "answer_dialog", dialog)
        dialog.open()
        self.answerDialogOpened.emit(dialog)
        return dialog


# -- the dialog: queue above, detail below ------------------------------------------------
class ComplaintsDialog(QDialog):
    """« File des réclamations »: not modal; `changed` after any event added."""

    changed = Signal(int)

    def __init__(self, store, parent=None, *, today: dt.date | None = None, new_complaint=None):
        super().__init__(parent)
        self.setObjectName("ComplaintsDialog")
        self.setWindowTitle(self.tr("Complaints queue"))
        self.setSizeGripEnabled(True)
        self.store = store
        self.today = today
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
        self.legend = [legend_swatch(self.tr("overdue"), OVERDUE_BACKGROUND, OVERDUE_TEXT, self),
                       legend_swatch(self.tr("due today or tomorrow"), DUE_SOON_BACKGROUND, DUE_SOON_TEXT, self)]
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

        self.detail = ComplaintDetail(store, self, today=today)
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
        else:   # e.g. just closed: out of the open queue, still shown below
            self.table.clearSelection()
            self.detail.show_complaint(keep)
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%1 complaints").replace("%1", labels.number(count)) if count != 1
                                 else self.tr("1 complaint"))

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


# -- the « Complaints » tab of the client sheet -------------------------------------------------
class ComplaintsTab(QWidget):
    """A client's complaints; « New complaint… » with the client filled in;
    Enter or double-click opens one in the queue."""

    def __init__(self, database, contact_id: int, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        from crmdesk.store.complaints import ComplaintStore

        self.setObjectName("ComplaintsTab")
        self.contact_id = contact_id
        self.store = ComplaintStore(database)
        self.model = ComplaintQueueModel(self.store, self, today=today, contact_id=contact_id)
        self.table = read_only_table(self, self.model, "clientComplaints")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda index: self.open_complaint(self.model.complaint_id(index.row())))
        self.new_button = QPushButton(self.tr("New complaint…"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda _c=False: self.new_complaint())
        self.summary = QLabel(self)
        self.summary.setObjectName("complaintsSummary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        rows = self.model.rows
        still = sum(1 for r in rows if not r.get("closed_at"))
        self.summary.setText(self.tr("%1 complaints, %2 open").replace("%1", labels.number(len(rows)))
                             .replace("%2", labels.number(still)))

    def _main_window(self):
        sheet = self.window()
        main = sheet.parentWidget() if sheet is not None else None
        return main if main is not None and getattr(main, "complaints", None) is not None else None

    def new_complaint(self):
        main = self._main_window()
        if main is not None:
            from crmdesk.gui import complaints_menu

            dialog = complaints_menu.new_complaint(main, self.contact_id, parent=self.window())
        else:
            from crmdesk.gui.complaint_dialog import ComplaintDialog

            dialog = ComplaintDialog(self.store.database, self.window(), contact_id=self.contact_id)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        dialog.saved.connect(lambda _id: self.refresh())
        return dialog

    def open_complaint(self, complaint_id: int | None):
        if complaint_id is None:
            return None
        main = self._main_window()
        if main is not None:
            from crmdesk.gui import complaints_menu

            return complaints_menu.show_queue(main, complaint_id)
        dialog = ComplaintsDialog(self.store, self.window(), today=self.model.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select(complaint_id)
        dialog.show()
        return dialog
