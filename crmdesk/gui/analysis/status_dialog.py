"""« Statuts clients… »: the status grid of the file (docs/domain/03-statuses.md).

The four statuses, for each criterion (annual revenue, orders per year,
seniority) a low and a high bound with « inclus / exclu », which criteria
count (revenue only by default) and, live, the French description of every
bound (Range.describe) and of each status. OK checks the grid (a refused
grid says why, in French), writes it to the file's settings in one
transaction (grid_to_settings) and calls `on_saved`: the window recomputes
the figures of today in the background (gui/figures_refresh.py), then the
client table shows the new statuses.

A bound left at « — » (the bottom of its spin box) is open: no limit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import segments as rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.segments import Range, StatusGrid
from crmdesk.gui.common import labels, messages
from crmdesk.gui.session import Session
from crmdesk.store import analytics

NO_BOUND = -1  # the spin boxes' minimum, shown « — »: no limit on that side
_MAX = {"cents": 10_000_000_000, "orders": 1_000_000, "years": 200, "days": 100_000}


class RangeEditor(QObject):
    """Low and high bound of one Range, each with « inclus / exclu », and the
    live French description. The widgets are children of `page`; `pair(side)`
    gives a bound and its check box side by side, for the page's layout."""

    changed = Signal()

    def __init__(self, unit: str, page: QWidget):
        super().__init__(page)
        self.unit = unit
        self.page = page
        self.low, self.low_inclusive = self._spin(), QCheckBox(page)
        self.high, self.high_inclusive = self._spin(), QCheckBox(page)
        self.low.setObjectName("low")
        self.high.setObjectName("high")
        self.low_inclusive.setObjectName("lowInclusive")
        self.high_inclusive.setObjectName("highInclusive")
        self.description = QLabel(page)
        self.description.setObjectName("description")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        for box in (self.low_inclusive, self.high_inclusive):
            box.setToolTip(
                self.tr("Checked: the bound itself is inside (inclusive); unchecked: it is outside (exclusive).")
            )
            box.toggled.connect(self._update)
        self.set_range(Range())

    def pair(self, side: str) -> QWidget:
        """The spin box of `side` (low / high) and its « inclus » box in one row."""
        box = QWidget(self.page)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        if side == "low":
            layout.addWidget(self.low)
            layout.addWidget(self.low_inclusive)
        else:
            layout.addWidget(self.high)
            layout.addWidget(self.high_inclusive)
        return box

    def _spin(self) -> QAbstractSpinBox:
        if self.unit in ("cents", "years"):
            spin = QDoubleSpinBox(self.page)
            spin.setDecimals(2)
            spin.setSuffix(" €" if self.unit == "cents" else self.tr(" years"))
        else:
            spin = QSpinBox(self.page)
            if self.unit == "days":
                spin.setSuffix(self.tr(" days"))
        spin.setLocale(labels.FRENCH)
        spin.setGroupSeparatorShown(True)
        spin.setRange(NO_BOUND, _MAX[self.unit])
        spin.setSpecialValueText("—")
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setMinimumWidth(130 if self.unit == "cents" else 90)
        spin.setToolTip(self.tr("« — » (the lowest value) = no limit on this side"))
        spin.valueChanged.connect(self._update)
        return spin

    # -- values ----------------------------------------------------------------------
    def _to_spin(self, value) -> float:
        if value is None:
            return NO_BOUND
        return value / 100 if self.unit == "cents" else value

    def _from_spin(self, spin) -> float | int | None:
        value = spin.value()
        if value <= NO_BOUND:
            return None
        if self.unit == "cents":
            return round(value * 100)
        if self.unit == "years":
            return int(value) if float(value).is_integer() else round(value, 2)
        return int(value)

    def set_range(self, band: Range) -> None:
        for widget in (self.low, self.high, self.low_inclusive, self.high_inclusive):
            widget.blockSignals(True)
        self.low.setValue(self._to_spin(band.low))
        self.high.setValue(self._to_spin(band.high))
        self.low_inclusive.setChecked(band.low_inclusive)
        self.high_inclusive.setChecked(band.high_inclusive)
        for widget in (self.low, self.high, self.low_inclusive, self.high_inclusive):
            widget.blockSignals(False)
        self._update()

    def range(self) -> Range:
        return Range(
            self._from_spin(self.low),
            self.low_inclusive.isChecked(),
            self._from_spin(self.high),
            self.high_inclusive.isChecked(),
        )

    def to_json(self) -> dict:
        return self.range().to_json()

    def describe(self) -> str:
        """Range.describe, in the interface language."""
        return self.range().describe(self.unit)

    def _update(self, *_args) -> None:
        for spin, box in ((self.low, self.low_inclusive), (self.high, self.high_inclusive)):
            open_side = spin.value() <= NO_BOUND
            box.setEnabled(not open_side)
            box.setText(self.tr("inclusive") if box.isChecked() else self.tr("exclusive"))
        self.description.setText(self.describe())
        self.changed.emit()


class StatusDialog(QDialog):
    """The status grid; `saved` is emitted once it is written in the file."""

    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *, on_saved: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.session = session
        self.database = session.database
        self.on_saved = on_saved
        self.setWindowTitle(self.tr("Customer statuses"))
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "A client gets the highest status (Premium first) whose every counted "
                "criterion it meets, over the 365 days ending today (the statuses are "
                "recomputed each day); otherwise it is « outside the grid »."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        group = QGroupBox(self.tr("Counted criteria"), self)
        row = QHBoxLayout(group)
        names = {
            "revenue": self.tr("&Annual revenue"),
            "orders": self.tr("Ord&ers per year"),
            "seniority": self.tr("Se&niority"),
        }
        self.criteria: dict[str, QCheckBox] = {}
        for criterion in rules.CRITERIA:
            box = QCheckBox(names[criterion], group)
            box.setObjectName(f"criterion_{criterion}")
            box.toggled.connect(self._update)
            row.addWidget(box)
            self.criteria[criterion] = box
        row.addStretch(1)
        layout.addWidget(group)

        self.tabs = QTabWidget(self)
        tab_names = {
            "revenue": self.tr("Annual revenue"),
            "orders": self.tr("Orders per year"),
            "seniority": self.tr("Seniority (years)"),
        }
        status_names = {
            "premium": self.tr("&Premium"),
            "actif": self.tr("Ac&tive"),
            "standard": self.tr("&Standard"),
            "occasionnel": self.tr("&Occasional"),
        }
        self.editors: dict[tuple[str, str], RangeEditor] = {}
        for criterion in rules.CRITERIA:
            page = QWidget(self.tabs)
            grid = QGridLayout(page)
            grid.addWidget(QLabel(self.tr("From (low bound)"), page), 0, 1)
            grid.addWidget(QLabel(self.tr("To (high bound)"), page), 0, 2)
            for i, code in enumerate(rules.STATUSES, start=1):
                editor = RangeEditor(rules.UNITS[criterion], page)
                editor.setObjectName(f"{code}_{criterion}")
                label = QLabel(status_names[code], page)
                label.setBuddy(editor.low)
                grid.addWidget(label, 2 * i - 1, 0)
                # the two bounds side by side, their description below
                grid.addWidget(editor.pair("low"), 2 * i - 1, 1)
                grid.addWidget(editor.pair("high"), 2 * i - 1, 2)
                grid.addWidget(editor.description, 2 * i, 1, 1, 2)
                editor.changed.connect(self._update)
                self.editors[(code, criterion)] = editor
            grid.setRowStretch(2 * len(rules.STATUSES) + 1, 1)
            self.tabs.addTab(page, tab_names[criterion])
        layout.addWidget(self.tabs)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error_label)

        B = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(B.Ok | B.Cancel | B.RestoreDefaults, self)
        self.buttons.button(B.RestoreDefaults).setText(self.tr("&Defaults"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(B.RestoreDefaults).clicked.connect(lambda: self.set_grid(rules.DEFAULT_GRID))
        layout.addWidget(self.buttons)

        try:
            grid = analytics.file_grid(self.database)
        except CrmError as exc:  # a damaged setting: start from the defaults, say why
            grid = rules.DEFAULT_GRID
            self.error_label.setText(str(exc))
        self.set_grid(grid)
        self.tabs.setUsesScrollButtons(False)  # the three criteria always readable
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    # -- the grid --------------------------------------------------------------------
    def set_grid(self, grid: StatusGrid) -> None:
        for (code, criterion), editor in self.editors.items():
            editor.set_range(grid.rule(code).range(criterion))
        for criterion, box in self.criteria.items():
            box.blockSignals(True)
            box.setChecked(criterion in grid.criteria)
            box.blockSignals(False)
        self._update()

    def grid_json(self) -> dict:
        return {
            "criteria": [c for c, box in self.criteria.items() if box.isChecked()],
            "statuses": {
                code: {c: self.editors[(code, c)].to_json() for c in rules.CRITERIA} for code in rules.STATUSES
            },
        }

    def grid(self) -> StatusGrid:
        """The grid shown (CrmError with the French reason when it is not valid)."""
        return StatusGrid.from_json(self.grid_json())

    def problem(self) -> str | None:
        try:
            self.grid()
        except CrmError as exc:
            return str(exc)
        return None

    def _update(self, *_args) -> None:
        counted = [c for c, box in self.criteria.items() if box.isChecked()]
        for index, criterion in enumerate(rules.CRITERIA):
            name = self.tabs.tabText(index).removesuffix(self.tr(" (not counted)"))
            self.tabs.setTabText(index, name if criterion in counted else name + self.tr(" (not counted)"))
        problem = self.problem()
        self.error_label.setText(problem or "")
        if problem is None:
            grid = self.grid()
            self.summary.setText(
                "\n".join(labels.named(rule.label, rule.describe(grid.criteria)) for rule in grid.rules)
            )
        else:
            self.summary.setText("")

    # -- saving --------------------------------------------------------------------------
    def accept(self) -> None:
        try:
            grid = self.grid()
        except CrmError as exc:
            messages.error(self, self.tr("Customer statuses"), str(exc))
            return
        settings = self.session.settings
        with self.database.atomic():
            for key, value in rules.grid_to_settings(grid).items():
                settings.set(key, value)
        if self.on_saved is not None:
            self.on_saved()  # the window recomputes the statuses of today in the background
        self.saved.emit()
        super().accept()
