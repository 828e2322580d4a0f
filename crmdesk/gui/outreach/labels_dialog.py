"""Courrier › Étiquettes et enveloppes…: address labels on an Avery sheet
(L7160, L7161, L7163, 3422) or DL / C5 envelopes, for a choice of recipients
(issue 18).

The sheet is drawn to scale (`SheetPicker`): a click on a label makes the
print start there, on a partly used sheet (the labels before it are shown
used). « Grille d'essai… » previews the sheet's test grid, to print on plain
paper and hold against a sheet. « Préparer… » makes the PDF in a worker, then
the preview; printed or saved, each label (envelope) is an outgoing exchange
on its recipient's history. Addresses follow NF Z10-011; the summary counts
those with a line over 38 characters (printed whole).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox, QWidget

from crmdesk.domain import labels as formats
from crmdesk.gui.common import labels
from crmdesk.gui.outreach.base import OutreachDialog
from crmdesk.store.outreach import Selection, record_batch

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « LabelsDialog »


def format_names() -> dict[str, str]:
    """code -> what the list shows."""
    names = {
        code: translate("LabelsDialog", "Avery %1 — %2 labels of %3 × %4 mm")
        .replace("%1", code)
        .replace("%2", str(fmt.per_sheet))
        .replace("%3", _mm(fmt.width))
        .replace("%4", _mm(fmt.height))
        for code, fmt in formats.LABEL_FORMATS.items()
    }
    names["DL"] = translate("LabelsDialog", "DL envelopes (220 × 110 mm)")
    names["C5"] = translate("LabelsDialog", "C5 envelopes (229 × 162 mm)")
    return names


def _mm(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class SheetPicker(QWidget):
    """An A4 label sheet to scale; click a label to start there."""

    startChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sheetPicker")
        self.fmt = formats.LABEL_FORMATS["L7163"]
        self.start = 1
        self.setMinimumSize(QSize(150, 212))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setToolTip(translate("LabelsDialog", "Click the first free label of the sheet"))

    def set_format(self, fmt: formats.LabelFormat) -> None:
        self.fmt = fmt
        self.start = min(self.start, fmt.per_sheet)
        self.update()

    def set_start(self, start: int) -> None:
        if start != self.start:
            self.start = start
            self.update()
            self.startChanged.emit(start)

    def _scale(self) -> tuple[float, float, float]:
        scale = min((self.width() - 2) / formats.A4_WIDTH, (self.height() - 2) / formats.A4_HEIGHT)
        left = (self.width() - formats.A4_WIDTH * scale) / 2
        top = (self.height() - formats.A4_HEIGHT * scale) / 2
        return scale, left, top

    def label_rect(self, number: int) -> QRectF:
        scale, left, top = self._scale()
        box = self.fmt.box(number)
        return QRectF(left + box.x * scale, top + box.y * scale, box.width * scale, box.height * scale)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, left, top = self._scale()
        painter.setPen(QPen(QColor("#8c959f")))
        painter.setBrush(QColor("white"))
        painter.drawRect(QRectF(left, top, formats.A4_WIDTH * scale, formats.A4_HEIGHT * scale))
        for number in range(1, self.fmt.per_sheet + 1):
            rect = self.label_rect(number)
            used = number < self.start
            painter.setBrush(
                QColor("#d0d7de") if used else QColor("#2e6b3f") if number == self.start else QColor("#eaf3ec")
            )
            painter.setPen(QPen(QColor("#57606a")))
            painter.drawRoundedRect(rect, 2, 2)
            painter.setPen(QColor("white") if number == self.start else QColor("#57606a"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(number))
        painter.end()

    def mousePressEvent(self, event) -> None:
        point = event.position()
        for number in range(1, self.fmt.per_sheet + 1):
            if self.label_rect(number).contains(point):
                self.set_start(number)
                return


class LabelsDialog(OutreachDialog):
    def __init__(self, outreach: OutreachFeature, *, selection: Selection | None = None, selection_text: str = ""):
        super().__init__(
            outreach,
            translate("LabelsDialog", "Address labels and envelopes"),
            given=selection,
            given_text=selection_text,
        )
        self.setObjectName("LabelsDialog")
        self.prepare_button.setText(translate("LabelsDialog", "&Prepare…"))

        top = QWidget(self)
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        form_widget = QWidget(top)
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self.format_combo = QComboBox(form_widget)
        self.format_combo.setObjectName("formatCombo")
        for code, text in format_names().items():
            self.format_combo.addItem(text, code)
        label = QLabel(translate("LabelsDialog", "&Sheet or envelope:"), form_widget)
        label.setBuddy(self.format_combo)
        form.addRow(label, self.format_combo)
        self.start_spin = QSpinBox(form_widget)
        self.start_spin.setObjectName("startSpin")
        self.start_label = QLabel(translate("LabelsDialog", "Start at &label:"), form_widget)
        self.start_label.setBuddy(self.start_spin)
        form.addRow(self.start_label, self.start_spin)
        self.grid_button = QPushButton(translate("LabelsDialog", "Test &grid…"), form_widget)
        self.grid_button.setObjectName("gridButton")
        self.grid_button.setAutoDefault(False)
        self.grid_button.setToolTip(
            translate(
                "LabelsDialog",
                "The sheet's outline to print on plain paper and hold against a sheet of "
                "labels: check the printer's alignment first",
            )
        )
        self.grid_button.clicked.connect(lambda _checked=False: self.show_test_grid())
        form.addRow("", self.grid_button)
        self.hint = QLabel(
            translate(
                "LabelsDialog",
                "Addresses follow the French standard NF Z10-011: 6 lines of 38 characters at "
                "most, “POSTAL CODE TOWN” in capitals on the last line.",
            ),
            form_widget,
        )
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.picker = SheetPicker(top)
        row.addWidget(form_widget, 3)
        row.addWidget(self.picker, 1)
        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.start_spin.valueChanged.connect(self.picker.set_start)
        self.picker.startChanged.connect(self.start_spin.setValue)
        self._format_changed()
        self.finish_layout(top)
        self.resize(700, 640)

    def code(self) -> str:
        return self.format_combo.currentData()

    def is_envelope(self) -> bool:
        return self.code() in formats.ENVELOPE_FORMATS

    def set_format(self, code: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(code))

    def _format_changed(self) -> None:
        envelope = self.is_envelope()
        for widget in (self.start_spin, self.start_label, self.grid_button, self.picker):
            widget.setVisible(not envelope)
        if not envelope:
            fmt = formats.LABEL_FORMATS[self.code()]
            self.start_spin.setRange(1, fmt.per_sheet)
            self.picker.set_format(fmt)
            self.start_spin.setValue(min(self.start_spin.value(), fmt.per_sheet))

    def show_test_grid(self):
        """The test grid of the sheet in the PDF preview (nothing recorded)."""
        from crmdesk.gui.printing.pdf_preview import show_pdf
        from crmdesk.reports.labels import render_test_grid

        fmt = formats.LABEL_FORMATS[self.code()]
        folder = Path(tempfile.mkdtemp(prefix="crmdesk-outreach-"))
        path = folder / f"grille-{fmt.code}.pdf"
        with open(path, "wb") as stream:
            render_test_grid(stream, fmt)
        return show_pdf(
            self, path, translate("LabelsDialog", "Test grid %1").replace("%1", fmt.code), path.name, temp_folder=folder
        )

    def batch(self):
        from crmdesk.reports.envelopes import print_envelopes
        from crmdesk.reports.labels import print_labels

        ids, selection, code = list(self.plan.ids), self.selection(), self.code()
        if self.is_envelope():
            fmt = formats.ENVELOPE_FORMATS[code]

            def compute(own, out, progress):
                return print_envelopes(own, ids, out, fmt, progress=progress)

            def title(result) -> str:
                return (
                    translate("LabelsDialog", "%1 envelopes %2")
                    .replace("%1", labels.number(result.envelopes))
                    .replace("%2", code)
                )

            channel, name = "envelope", f"enveloppes-{code}.pdf"
        else:
            fmt, start = formats.LABEL_FORMATS[code], self.start_spin.value()

            def compute(own, out, progress):
                return print_labels(own, ids, out, fmt, start=start, progress=progress)

            def title(result) -> str:
                return (
                    translate("LabelsDialog", "%1 labels %2 (%3 sheets)")
                    .replace("%1", labels.number(result.labels))
                    .replace("%2", code)
                    .replace("%3", labels.number(result.pages))
                )

            channel, name = "labels", f"etiquettes-{code}.pdf"

        def record(result) -> int:
            return record_batch(self.database, channel, result.contact_ids, selection=selection.description)

        return compute, title, name, record
