"""Advance a complaint to its next phase, with the small form that phase needs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import parse_amount
from crmdesk.gui.common import labels
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.complaints.texts import reference_of, yes_no


class PhaseDialog(QDialog):
    """The small form of a phase (or of a note / a correction when `phase` is None).

    `submit()` calls `apply(details)`; a ValidationError's reasons go under
    the fields, the dialog stays open.
    """

    def __init__(
        self,
        target: str,
        complaint: dict,
        apply,
        parent=None,
        *,
        history: list[dict] | None = None,
        correction: bool = False,
    ):
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
            self.setWindowTitle(
                (self.tr("Correction — %1") if correction else self.tr("Note — %1")).replace(
                    "%1", reference_of(complaint)
                )
            )
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
            self._add(
                "justified", self.tr("&Justified:"), self._combo({None: "—", True: yes_no(True), False: yes_no(False)})
            )
            kind = self._add("kind", self.tr("&Kind:"), self._combo(rules.KINDS))
            kind.setCurrentIndex(max(kind.findData(complaint.get("kind")), 0))
            nature = self._add("nature", self.tr("&Nature:"), self._combo({"": "—", **rules.NATURES}))
            nature.setCurrentIndex(max(nature.findData(complaint.get("nature") or ""), 0))
            self._add("qualification", self.tr("&Qualification:"), QLineEdit(self))
            past = QListWidget(self)
            past.setObjectName("history")
            past.setMaximumHeight(110)
            for row in history or []:
                past.addItem(
                    " — ".join(
                        p
                        for p in (
                            reference_of(row),
                            format_date(row.get("received_at")),
                            labels.shown(rules.KINDS.get(row.get("kind"), "")),
                            row.get("subject"),
                        )
                        if p
                    )
                )
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
            service = self._add(
                "service", self.tr("&Service:"), self._combo({"": "—", **{s: s for s in rules.SERVICES}})
            )
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
            self._add(
                "resatisfied",
                self.tr("Client &re-satisfied:"),
                self._combo({None: "—", True: yes_no(True), False: yes_no(False)}),
            )
        elif target == "exploitation":
            intro.setText(self.tr("What caused it, and what will prevent it from happening again."))
            for field, caption in (
                ("root_cause", self.tr("Root &cause:")),
                ("preventive_action", self.tr("&Preventive action:")),
            ):
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
            intro.setText(
                self.tr("The history is never changed: this is added as a new dated event.")
                if correction
                else self.tr("A dated note in the complaint's history.")
            )
        self.summary = summary_label(self, None)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
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
        aliases = {
            "cost_cents": "cost",
            "coût": "cost",
            "compensation": "compensation_kind",
            "détails": "text",
            "réponse": "answer",
            "client satisfait": "resatisfied",
            "cause": "root_cause",
            "action préventive": "preventive_action",
            "type": "kind",
        }
        shown = {aliases.get(k, k): v for k, v in problems.items()}
        for field, label in self.errors.items():
            reason = shown.get(field)
            show_reason(label, self.editors[field], reason)
        rest = [labels.named(labels.shown(k), v) for k, v in shown.items() if k not in self.errors]
        self.summary.setText(self.tr("Not saved: %1").replace("%1", "; ".join(rest)) if rest else "")
        self.summary.setVisible(bool(rest))
