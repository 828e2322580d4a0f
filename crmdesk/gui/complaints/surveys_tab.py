"""The « Satisfaction » tab of the client sheet: the client's survey answers (docs/domain/06-indicators.md).

Date, indicator (CSAT 1–5, NPS 0–10, CES 1–7), score, comment and the
complaint whose satisfaction survey it answers (the survey sent at closure:
the client's answer decides whether they are « satisfied again »), newest
first, with Add / Edit / Delete and the client's CSAT, NPS and CES under the
table. An answer is checked as typed by the store's own rules
(IndicatorStore.check_answer: a score on the indicator's scale, a date that
is not in the future), each French reason under its field. Changes are saved
at once; when the sheet belongs to the main window they are commands on its
undo stack (Ctrl+Z), and every open tab of that client follows each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import indicators as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.analysis.indicators.entry_model import TextTableModel
from crmdesk.gui.analysis.indicators.formats import decimal, percent, points
from crmdesk.gui.common import messages
from crmdesk.gui.common.actions import client_tabs, keep_dialog
from crmdesk.gui.common.commands import Failed, StoreCommand
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.store.indicators import ANSWER_FIELDS, IndicatorStore

# the store's French field names in check_answer's problems -> the dialog's fields
_FIELD_OF = {"date": "date", "indicateur": "indicator", "note": "score", "réclamation": "complaint"}

if TYPE_CHECKING:
    from crmdesk.gui.session import Session


def scale_text(indicator: str) -> str:
    low, high = rules.SCALES[indicator]
    return f"{indicator.upper()} ({low}–{high})"


# -- the table -------------------------------------------------------------------------------
class AnswerTableModel(TextTableModel):
    """A client's answers, newest first: date, indicator with its scale, score, comment, complaint."""

    COLUMNS = ("date", "indicator", "score", "comment", "complaint")

    def __init__(self, store: IndicatorStore, contact_id: int, parent=None):
        super().__init__((), right=(2,), parent=parent)
        self._headers = (
            self.tr("Date"),
            self.tr("Indicator"),
            self.tr("Score"),
            self.tr("Comment"),
            self.tr("Complaint"),
        )
        self.store = store
        self.contact_id = contact_id
        self.answers: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        self.answers = self.store.answers_of(self.contact_id)
        self.set_rows(
            [
                (
                    format_date(a["date"]),
                    scale_text(a["indicator"]),
                    str(a["score"]),
                    a["comment"] or "",
                    a["complaint_ref"] or "",
                )
                for a in self.answers
            ]
        )

    def answer_id(self, row: int) -> int | None:
        return self.answers[row]["id"] if 0 <= row < len(self.answers) else None

    def row_of(self, answer_id: int) -> int | None:
        return next((i for i, a in enumerate(self.answers) if a["id"] == answer_id), None)


# -- changes ---------------------------------------------------------------------------------
class AnswerCommand(StoreCommand):
    """One answer's change, as a pair of functions; `changed(contact_id)` after each step."""

    def __init__(
        self,
        contact_id: int,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        changed,
        failed: Failed | None = None,
    ):
        super().__init__(text, changed, failed)
        self.contact_id = contact_id
        self._do = do
        self._undo = undo

    def _subject(self) -> int:
        return self.contact_id


class SurveyActions:
    """Add, edit, delete answers; on `stack` (the main window's undo stack) when given."""

    def __init__(
        self,
        store: IndicatorStore,
        stack=None,
        changed: Callable[[int], None] | None = None,
        failed: Failed | None = None,
    ):
        self.store = store
        self.stack = stack
        self.changed = changed or (lambda _contact_id: None)
        self.failed = failed

    @classmethod
    def of(cls, session: Session) -> SurveyActions:
        """On the session's undo stack; after each step the Satisfaction tabs and the dashboards
        follow, and session.answersChanged tells the rest (the complaints queue and dashboard)."""

        def changed(contact_id: int) -> None:
            refresh_tabs(contact_id)
            session.answersChanged.emit(contact_id)

        return cls(session.indicators, session.undo_stack, changed, session.replay_failed)

    def _run(self, contact_id: int, text: str, do, undo) -> None:
        command = AnswerCommand(contact_id, text, do, undo, self.changed, self.failed).perform()
        if self.stack is not None:
            self.stack.push(command)

    def add(self, answer: dict) -> int:
        done: dict = {}

        def do():
            done["id"] = self.store.add_answer(**answer)  # a redo adds it again, under a new id

        self._run(
            answer["contact_id"],
            QCoreApplication.translate("SurveysTab", "New %1 answer").replace("%1", answer["indicator"].upper()),
            do,
            lambda: self.store.delete_answer(done["id"]),
        )
        return done["id"]

    def edit(self, answer_id: int, answer: dict) -> None:
        before = self._existing(answer_id)
        self._run(
            before["contact_id"],
            self._text(QCoreApplication.translate("SurveysTab", "Edit %1 answer of %2"), before),
            lambda: self.store.update_answer(answer_id, **answer),
            lambda: self.store.update_answer(answer_id, **before),
        )

    def delete(self, answer_id: int) -> None:
        before = self._existing(answer_id)
        current = {"id": answer_id}

        def undo():
            current["id"] = self.store.add_answer(**before)

        self._run(
            before["contact_id"],
            self._text(QCoreApplication.translate("SurveysTab", "Delete %1 answer of %2"), before),
            lambda: self.store.delete_answer(current["id"]),
            undo,
        )

    def _existing(self, answer_id: int) -> dict:
        row = self.store.answer(answer_id)
        if row is None:
            raise CrmError(QCoreApplication.translate("SurveysTab", "This answer no longer exists."))
        return {f: row[f] for f in ANSWER_FIELDS}

    @staticmethod
    def _text(template: str, answer: dict) -> str:
        return template.replace("%1", answer["indicator"].upper()).replace("%2", format_date(answer["date"]))


def refresh_tabs(contact_id: int) -> None:
    """Every open Satisfaction tab of this client shows its answers again (after a change, an undo…);
    the dashboards recompute their satisfaction figures (the complaints queue and dashboard their
    « re-satisfied » through Session.answersChanged: an answer may belong to a complaint's survey)."""
    from crmdesk.gui.dashboard.install import notify

    notify()
    for tab in client_tabs(SurveysTab, contact_id):
        tab.refresh()
        tab.answersChanged.emit(contact_id)


# -- one answer ------------------------------------------------------------------------------
class AnswerDialog(FormDialog):  # asks before dropping changes (form_dialog)
    """Add (answer_id None) or edit one answer of a client; `save(answer)` writes it (SurveyActions:
    a command, on the undo stack when there is one).
    `complaint_id`: a new answer to the survey of this complaint (chosen in the list)."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        contact_id: int,
        answer_id: int | None = None,
        parent: QWidget | None = None,
        *,
        save: Callable[[dict], int],
        complaint_id: int | None = None,
    ):
        super().__init__(parent)
        self.store = session.indicators
        self.complaint_id = complaint_id
        self.contact_id = contact_id
        self.answer_id = answer_id
        self.today = today = session.today()
        self._save = save
        self.setObjectName("AnswerDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setWindowTitle(self.tr("New survey answer") if answer_id is None else self.tr("Survey answer"))
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.date_edit.setMaximumWidth(140)
        self.indicator_combo = QComboBox(self)
        for code, name in (
            ("csat", self.tr("CSAT, satisfaction (1 to 5)")),
            ("nps", self.tr("NPS, recommendation (0 to 10)")),
            ("ces", self.tr("CES, effort (1 to 7, lower is better)")),
        ):
            self.indicator_combo.addItem(name, code)
        self.score_edit = QLineEdit(self)
        self.score_edit.setMaxLength(3)
        self.score_edit.setMaximumWidth(60)
        self.score_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.scale_label = QLabel(self)
        self.scale_label.setObjectName("scale")
        score_row = QWidget(self)
        line = QHBoxLayout(score_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.score_edit)
        line.addWidget(self.scale_label, 1)
        self.comment_edit = QLineEdit(self)
        self.complaint_combo = QComboBox(self)
        self.complaint_combo.addItem(self.tr("— none —"), None)
        for row in session.complaints.of_contact(contact_id, today=today):
            closed = self.tr(" (closed %1)").replace("%1", format_date(row["closed_at"])) if row["closed_at"] else ""
            self.complaint_combo.addItem(f"{row['ref']} — {row['subject'] or ''}{closed}", row["id"])
        self.editors = {
            "date": self.date_edit,
            "indicator": self.indicator_combo,
            "score": self.score_edit,
            "comment": self.comment_edit,
            "complaint": self.complaint_combo,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption, widget in (
            ("date", self.tr("&Date:"), self.date_edit),
            ("indicator", self.tr("&Indicator:"), self.indicator_combo),
            ("score", self.tr("&Score:"), score_row),
            ("comment", self.tr("&Comment:"), self.comment_edit),
            ("complaint", self.tr("Com&plaint survey:"), self.complaint_combo),
        ):
            self.editors[field].setObjectName(field)
            error = self.errors[field] = error_label(self, field)
            label = QLabel(caption, self)
            label.setBuddy(self.editors[field])
            form.addRow(label, field_cell(self, widget, error))
        self.summary, self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._load()
        self.indicator_combo.currentIndexChanged.connect(self._indicator_changed)
        self._indicator_changed()
        for edit in (self.date_edit, self.score_edit):
            edit.editingFinished.connect(self._recheck)
            edit.textChanged.connect(lambda _text: any(e.text() for e in self.errors.values()) and self._recheck())
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height() + 40)

    def _load(self) -> None:
        row = self.store.answer(self.answer_id) if self.answer_id is not None else None
        if row is None:
            self.date_edit.setText(format_date(self.today))
            self.complaint_combo.setCurrentIndex(max(self.complaint_combo.findData(self.complaint_id), 0))
            return
        self.complaint_combo.setCurrentIndex(max(self.complaint_combo.findData(row["complaint_id"]), 0))
        self.date_edit.setText(format_date(row["date"]))
        self.indicator_combo.setCurrentIndex(max(self.indicator_combo.findData(row["indicator"]), 0))
        self.score_edit.setText(str(row["score"]))
        self.comment_edit.setText(row["comment"] or "")

    def _indicator_changed(self, *_args) -> None:
        low, high = rules.SCALES[self.indicator_combo.currentData()]
        self.scale_label.setText(self.tr("from %1 to %2").replace("%1", str(low)).replace("%2", str(high)))
        if self.score_edit.text().strip():  # a score typed for another scale is checked again at once
            self._recheck()

    # -- checking ----------------------------------------------------------------------------
    def answer(self) -> tuple[dict | None, dict[str, str]]:
        """(the answer to store, problems: field -> French reason)."""
        values = {
            "contact_id": self.contact_id,
            "date": self.date_edit.text(),
            "indicator": self.indicator_combo.currentData(),
            "score": self.score_edit.text(),
            "comment": self.comment_edit.text(),
            "complaint_id": self.complaint_combo.currentData(),
        }
        try:
            return self.store.check_answer(values, today=self.today), {}
        except ValidationError as exc:
            return None, {_FIELD_OF.get(field, ""): why for field, why in exc.problems.items()}

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, error in self.errors.items():
            show_reason(error, self.editors[field], problems.get(field))
        other = problems.get("")  # about the client itself (erased meanwhile…)
        self.summary.setText(other or "")
        self.summary.setVisible(bool(other))

    def _recheck(self) -> None:
        self.show_problems(self.answer()[1])

    def submit(self) -> bool:
        answer, problems = self.answer()
        if answer is not None:
            try:
                self.answer_id = self._save(answer)
            except ValidationError as exc:
                problems = {_FIELD_OF.get(field, ""): why for field, why in exc.problems.items()}
            except CrmError as exc:
                problems = {"": str(exc)}
        if problems:
            self.show_problems(problems)
            first = next((f for f in self.editors if f in problems), None)
            if first is not None:
                self.editors[first].setFocus()
            return False
        self.saved.emit(self.answer_id)
        self.accept()
        return True


# -- the tab ---------------------------------------------------------------------------------
class SurveysTab(QWidget):
    answersChanged = Signal(int)  # contact id
    answerDialogOpened = Signal(object)  # the AnswerDialog, for whoever drives it (tests)

    def __init__(self, session: Session, contact_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SurveysTab")
        self.session = session
        self.actions = SurveyActions.of(session)
        self.store = self.actions.store
        self.contact_id = contact_id
        self.answer_dialog: AnswerDialog | None = None
        self.model = AnswerTableModel(self.store, contact_id, self)
        self.table = read_only_table(self, self.model, "answers")
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda index: self.edit_answer(self.model.answer_id(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.setObjectName("addAnswer")
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editAnswer")
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setObjectName("deleteAnswer")
        self.add_button.clicked.connect(lambda _checked=False: self.add_answer())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_answer())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_answer())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("satisfactionSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------
    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_answer_id()
        self.model.refresh()
        self.summary.setText(self.summary_text(self.model.answers))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def summary_text(self, answers: list[dict]) -> str:
        """« CSAT : 66,7 % (n = 3) · NPS : +20 (n = 5) · CES : 2,5 sur 7 (n = 2) »."""
        if not answers:
            return self.tr("No survey answer yet.")
        scores = {code: [a["score"] for a in answers if a["indicator"] == code] for code in rules.INDICATORS}
        nps, ces = rules.nps(scores["nps"]), rules.ces(scores["ces"])
        parts = (
            self.tr("CSAT: %1 (n = %2)").replace("%1", percent(rules.csat(scores["csat"]))),
            self.tr("NPS: %1 (n = %2)").replace("%1", points(nps.nps if nps else None)),
            self.tr("CES: %1 out of 7 (n = %2)").replace("%1", decimal(ces.mean if ces else None)),
        )
        return " · ".join(part.replace("%2", str(len(scores[code]))) for part, code in zip(parts, rules.INDICATORS))

    def current_answer_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.answer_id(rows[0].row()) if rows else None

    def select_answer(self, answer_id: int) -> bool:
        row = self.model.row_of(answer_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    def _update_buttons(self, *_args) -> None:
        selected = self.current_answer_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    # -- changing ------------------------------------------------------------------------------
    def add_answer(self) -> AnswerDialog:
        return self._open_dialog(None)

    def edit_answer(self, answer_id: int | None = None) -> AnswerDialog | None:
        answer_id = answer_id if answer_id is not None else self.current_answer_id()
        return self._open_dialog(answer_id) if answer_id is not None else None

    def _open_dialog(self, answer_id: int | None) -> AnswerDialog:
        if self.answer_dialog is not None:  # one at a time
            self.answer_dialog.close()

        def save(answer: dict) -> int:
            if answer_id is None:
                saved = self.actions.add(answer)
            else:
                self.actions.edit(answer_id, answer)
                saved = answer_id
            self.select_answer(saved)
            return saved

        dialog = AnswerDialog(self.session, self.contact_id, answer_id, self, save=save)
        keep_dialog(self, "answer_dialog", dialog)
        dialog.open()
        self.answerDialogOpened.emit(dialog)
        return dialog

    def confirm_delete(self, row: dict) -> bool:
        """Ask before deleting (tests patch QMessageBox.question)."""
        text = (
            self.tr("Delete the %1 answer of %2 (score %3)?")
            .replace("%1", row["indicator"].upper())
            .replace("%2", format_date(row["date"]))
            .replace("%3", str(row["score"]))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete a survey answer"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_answer(self, answer_id: int | None = None) -> bool:
        answer_id = answer_id if answer_id is not None else self.current_answer_id()
        row = self.store.answer(answer_id) if answer_id is not None else None
        if row is None or not self.confirm_delete(row):
            return False
        try:
            self.actions.delete(answer_id)
        except CrmError as exc:
            messages.error(self, self.tr("Delete a survey answer"), str(exc))
            return False
        return True
