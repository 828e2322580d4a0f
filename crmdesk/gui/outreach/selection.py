"""« Who to write to », shared by the letters and the labels dialogs: the
table's selection, every client shown by the search and filters, a status,
an RFM segment, a file of N° client (a mailing list saved before), or the
buyers of a product recall (given by the recall view). The rules of
crmdesk/domain/outreach.py decide who is kept; `RecipientsBox.selection()`
gives the store's Selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from crmdesk.domain import outreach as rules
from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels
from crmdesk.gui.exporting.export_dialog import clients_text, selection_of
from crmdesk.gui.file import folders
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.outreach import Selection

translate = QCoreApplication.translate  # texts in the context « RecipientsBox »

SELECTION, SHOWN, STATUS, SEGMENT, FILE, GIVEN = "selection", "shown", "status", "segment", "file", "given"


def choose_file(parent: QWidget) -> str:
    """The file of N° client to read (tests replace it)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("RecipientsBox", "A list of client numbers"),
        folders.in_documents(),
        translate("RecipientsBox", "Lists (*.csv *.txt *.xlsx *.ods);;All files (*)"),
    )
    return name


class RecipientsBox(QGroupBox):
    """The choice of recipients. `given`: a fixed Selection (a recall's buyers)
    offered as the only choice, with its text."""

    changed = Signal()

    def __init__(self, window, parent: QWidget | None = None, *, given: Selection | None = None, given_text: str = ""):
        super().__init__(translate("RecipientsBox", "Recipients"), parent)
        self.setObjectName("recipientsBox")
        self.window = window
        self.given = given
        self.file_path: Path | None = None
        self._file_selection: Selection | None = None
        self.selected_ids, selected = selection_of(window) if given is None else ([], 0)
        shown = window.model.total() if window.model is not None and given is None else 0
        grid = QGridLayout(self)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        texts = (
            {GIVEN: given_text}
            if given is not None
            else {
                SELECTION: translate("RecipientsBox", "The &selection (%1)").replace("%1", clients_text(selected)),
                SHOWN: translate("RecipientsBox", "Every client s&hown by the search and filters (%1)").replace(
                    "%1", clients_text(shown)
                ),
                STATUS: translate("RecipientsBox", "The clients of a s&tatus:"),
                SEGMENT: translate("RecipientsBox", "The clients of an &RFM segment:"),
                FILE: translate("RecipientsBox", "The client numbers of a &file:"),
            }
        )
        for row, (code, text) in enumerate(texts.items()):
            radio = QRadioButton(text, self)
            radio.setObjectName(f"{code}Radio")
            self.group.addButton(radio)
            self.radios[code] = radio
            grid.addWidget(radio, row, 0, 1, 2 if code in (SELECTION, SHOWN, GIVEN) else 1)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        for code in status_rules.STATUSES:
            self.status_combo.addItem(labels.shown(status_rules.LABELS[code]), code)
        self.segment_combo = QComboBox(self)
        self.segment_combo.setObjectName("segmentCombo")
        for code, segment in rfm_rules.SEGMENTS.items():
            self.segment_combo.addItem(labels.shown(segment.label), code)
        self.file_button = QPushButton(translate("RecipientsBox", "&Choose…"), self)
        self.file_button.setObjectName("fileButton")
        self.file_button.setAutoDefault(False)
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.sort_postal = QCheckBox(translate("RecipientsBox", "In &postal code order (La Poste's bulk rates)"), self)
        self.sort_postal.setObjectName("sortPostal")
        if given is None:
            grid.addWidget(self.status_combo, 2, 1)
            grid.addWidget(self.segment_combo, 3, 1)
            grid.addWidget(self.file_button, 4, 1)
            grid.addWidget(self.file_label, 5, 0, 1, 2)
            self.status_combo.activated.connect(lambda _i: self._pick(STATUS))
            self.segment_combo.activated.connect(lambda _i: self._pick(SEGMENT))
            self.file_button.clicked.connect(lambda _checked=False: self.ask_file())
            self.radios[SELECTION].setEnabled(selected > 0)
            self.radios[SHOWN].setEnabled(shown > 0)
            self.radios[FILE].setEnabled(False)  # until a file is chosen
            self.radios[SELECTION if selected else SHOWN].setChecked(True)
        else:
            for widget in (self.status_combo, self.segment_combo, self.file_button, self.file_label):
                widget.hide()
            self.radios[GIVEN].setChecked(True)
        grid.addWidget(self.sort_postal, 6, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.group.buttonToggled.connect(lambda _button, checked: checked and self.changed.emit())
        self.sort_postal.toggled.connect(lambda _checked: self.changed.emit())

    def _pick(self, code: str) -> None:
        if self.radios[code].isChecked():
            self.changed.emit()
        else:
            self.radios[code].setChecked(True)

    def choice(self) -> str:
        return next(code for code, radio in self.radios.items() if radio.isChecked())

    def set_choice(self, choice: str, code: str | None = None) -> None:
        combo = {STATUS: self.status_combo, SEGMENT: self.segment_combo}.get(choice)
        if combo is not None and code is not None:
            combo.setCurrentIndex(combo.findData(code))
        self._pick(choice)

    def ask_file(self) -> bool:
        name = choose_file(self)
        return self.use_file(Path(name)) if name else False

    def use_file(self, path: Path) -> bool:
        """Read a file of N° client; False (and a message) when it cannot be read."""
        from crmdesk.gui.common import messages
        from crmdesk.io.outreach import read_codes

        try:
            found = read_codes(path)
        except CrmError as exc:
            messages.error(self, translate("RecipientsBox", "A list of client numbers"), str(exc))
            return False
        store = self.window.session.contacts
        rows, missing = {}, 0
        for code in found.codes:
            ids, _unknown = store.ids_of_codes([code])
            if ids:
                rows.setdefault(ids[0], found.rows[code])
            else:
                missing += 1
        self.file_path = path
        self._file_selection = Selection(
            ids=tuple(rows), rows=rows, description=translate("RecipientsBox", "file “%1”").replace("%1", path.name)
        )
        text = translate("RecipientsBox", "“%1”: %2").replace("%1", path.name).replace("%2", clients_text(len(rows)))
        if missing:
            text += " " + translate("RecipientsBox", "(%1 numbers not found or in the trash)").replace(
                "%1", labels.number(missing)
            )
        self.file_label.setText(text)
        self.radios[FILE].setEnabled(True)
        self._pick(FILE)
        return True

    def selection(self) -> Selection:
        """The store's Selection of the choice."""
        choice = self.choice()
        if choice == GIVEN:
            return self.given
        if choice == FILE and self._file_selection is not None:
            return self._file_selection
        if choice == STATUS:
            code = self.status_combo.currentData()
            return Selection(
                query=ContactQuery(sort="code", status=code),
                description=translate("RecipientsBox", "status %1").replace("%1", self.status_combo.currentText()),
            )
        if choice == SEGMENT:
            code = self.segment_combo.currentData()
            return Selection(
                query=ContactQuery(sort="code", rfm_segment=code),
                description=translate("RecipientsBox", "RFM segment %1").replace(
                    "%1", self.segment_combo.currentText()
                ),
            )
        if choice == SELECTION and self.selected_ids is not None:
            return Selection(
                ids=tuple(self.selected_ids), description=translate("RecipientsBox", "selection of the client table")
            )
        return Selection(
            query=self.window.model.query,
            description=translate("RecipientsBox", "clients shown by the search and filters"),
        )


def summary_text(plan) -> str:
    """The plan's counts in the interface language (crmdesk.i18n speaks it)."""
    lines = [plan.counts.summary(), *plan.address_summary()]
    return "\n".join(lines)


__all__ = ["GIVEN", "RecipientsBox", "rules", "summary_text"]
