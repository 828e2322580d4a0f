"""« Seuils des indicateurs… »: the sector thresholds the business enters (docs/domain/06-indicators.md).

One field per threshold of crmdesk.domain.indicators (CSAT %, NPS points,
CES mean effort, retention, conversion and cart abandonment %, engagement %
for any network and for each network known to the file), each with its
default beside it. A field is checked as typed (validate_thresholds: its
French reason under it, framed in red); « Restore defaults » refills the
fields; « Save » writes them all in one transaction, or nothing while one is
wrong. Empty = no threshold, except for a network without a default of its
own, which then follows the « any network » threshold.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import indicators as rules
from crmdesk.domain.errors import ValidationError
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.analysis.indicators.formats import editable
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.session import Session

_NETWORK = "engagement."


class ThresholdsDialog(FormDialog):  # asks before dropping changes (form_dialog)
    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ThresholdsDialog")
        self.setWindowTitle(self.tr("Indicator thresholds"))
        self.setStyleSheet(INVALID_STYLE)
        self.store = session.indicators
        self.editors: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: list[QLabel] = []
        current = self.store.thresholds()
        percent, points, out_of_7 = "%", self.tr("points"), self.tr("out of 7")
        groups = (
            (
                self.tr("Satisfaction surveys"),
                (
                    ("csat", self.tr("&CSAT, share of satisfied answers (4–5):"), percent),
                    ("nps", self.tr("&NPS, promoters − detractors:"), points),
                    ("ces", self.tr("CE&S, mean effort (lower is better):"), out_of_7),
                    ("retention", self.tr("R&etention rate:"), percent),
                ),
            ),
            (
                self.tr("Web shop"),
                (
                    ("conversion", self.tr("C&onversion rate (purchases / visitors):"), percent),
                    ("abandonment", self.tr("Cart &abandonment rate (lower is better):"), percent),
                ),
            ),
            (
                self.tr("Social networks"),
                (
                    ("engagement", self.tr("En&gagement rate, any network:"), percent),
                    *(
                        (key, self.tr("Engagement rate on %1:").replace("%1", name), percent)
                        for key, name in self._networks(current).items()
                    ),
                ),
            ),
        )
        intro = QLabel(
            self.tr(
                "Each indicator is compared with the threshold of your sector "
                "(e.g. food wholesale). An empty field: no threshold."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for title, fields in groups:
            box = QGroupBox(title, self)
            form = QFormLayout(box)
            for key, caption, unit in fields:
                self.captions.append(self._add(form, key, caption, unit))
            layout.addWidget(box)
        width = max(label.sizeHint().width() for label in self.captions)
        for label in self.captions:  # the fields of every group in one column
            label.setMinimumWidth(width)
        self.summary, self.buttons = save_cancel(self, QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button.setText(self.tr("&Restore defaults"))
        self.reset_button.setObjectName("restoreDefaults")
        self.reset_button.clicked.connect(lambda _checked=False: self.restore_defaults())
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.fill(current)
        hint = self.sizeHint()
        self.resize(hint.width(), hint.height() + 60)  # room for a reason under a field or two

    def _networks(self, current: dict) -> dict[str, str]:
        """« engagement.<network> » -> its name: the thresholds already there, then the file's networks."""
        names = {
            key: rules.NETWORKS.get(key[len(_NETWORK) :], key[len(_NETWORK) :])
            for key in current
            if key.startswith(_NETWORK)
        }
        for row in self.store.social_rows():
            names.setdefault(_NETWORK + rules.network_key(row.network), row.network)
        return names

    def _add(self, form: QFormLayout, key: str, caption: str, unit: str) -> QLabel:
        editor = QLineEdit(self)
        editor.setObjectName(key)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setFixedWidth(80)
        default = rules.DEFAULT_THRESHOLDS.get(key)
        if key in rules.DEFAULT_THRESHOLDS:
            editor.setPlaceholderText(self.tr("none"))
            hint = self.tr("default: %1").replace(
                "%1", f"{editable(default)}\u00a0{unit}" if default is not None else self.tr("none")
            )
        else:
            editor.setPlaceholderText(self.tr("general"))
            hint = self.tr("default: the threshold for any network")
        default_label = QLabel(hint, self)
        default_label.setEnabled(False)  # greyed: a reminder, not a value
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor)
        line.addWidget(QLabel(unit, self))
        line.addSpacing(12)
        line.addWidget(default_label, 1)
        self.editors[key] = editor
        error = self.errors[key] = error_label(self, key)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        form.addRow(label, field_cell(self, row, error))
        editor.editingFinished.connect(lambda k=key: self._recheck(k))
        editor.textChanged.connect(lambda _text, k=key: self.errors[k].text() and self._recheck(k))
        return label

    # -- values ------------------------------------------------------------------------------
    def fill(self, thresholds: dict) -> None:
        for key, editor in self.editors.items():
            editor.setText(editable(thresholds.get(key)))
        self.show_problems({})

    def restore_defaults(self) -> None:
        """The shipped thresholds in the fields (saved only with « Save »)."""
        self.fill(rules.DEFAULT_THRESHOLDS)

    def typed(self) -> dict[str, str]:
        """What to save: every field, but an empty network field without a default is left out
        (the « any network » threshold then applies)."""
        return {
            key: editor.text()
            for key, editor in self.editors.items()
            if editor.text().strip() or key in rules.DEFAULT_THRESHOLDS
        }

    def check(self) -> dict[str, str]:
        try:
            rules.validate_thresholds(self.typed())
        except ValidationError as exc:
            return exc.problems
        return {}

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            show_reason(error, self.editors[key], problems.get(key))

    def _recheck(self, key: str) -> None:
        problems = self.check()
        show_reason(self.errors[key], self.editors[key], problems.get(key))
        if not problems:
            self.summary.hide()

    # -- saving ------------------------------------------------------------------------------
    def submit(self) -> bool:
        problems = self.check()
        if not problems:
            try:
                with self.store.database.atomic():  # one go: network thresholds emptied are removed too
                    self.store.reset_thresholds()
                    self.store.set_thresholds(self.typed())
            except ValidationError as exc:
                problems = exc.problems
        if problems:
            self.show_problems(problems)
            self.summary.setText(self.tr("Nothing was saved: correct the fields framed in red."))
            self.summary.show()
            first = next((k for k in self.editors if k in problems), None)
            if first is not None:
                self.editors[first].setFocus()
            return False
        self.saved.emit()
        self.accept()
        return True
