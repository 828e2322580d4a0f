"""A client sheet whose save was refused: someone else saved the client since it
was opened (on a server: crmdesk/store/concurrency.py). No lost update: the
dialog says who changed which field and when, and for each such field offers
« keep mine » (what the sheet holds) or « take theirs » (what the server holds
now); Save then saves the sheet with those choices against the client as it is
now (refused again if it changed once more). « Reload the sheet » drops the
sheet's changes and shows the client as it is now.

    seen(session, contact_id)   # the version a sheet opens (None on a file: one PC, one writer)
    resolve(sheet, refusal)     # the dialog over the sheet (open(): not blocking)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from crmdesk.domain import contact as rules
from crmdesk.domain.dates import format_date
from crmdesk.gui.common.contact_picker import ContactPicker
from crmdesk.gui.common.form_dialog import widget_value
from crmdesk.gui.server import is_server
from crmdesk.store import concurrency
from crmdesk.store.concurrency import ConcurrentEdit

KEEP_MINE, TAKE_THEIRS = "mine", "theirs"
_DATE_FIELDS = {f.name for f in rules.FIELDS if f.kind == "date"}


def _yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("ConflictDialog", "Yes")
        if value
        else QCoreApplication.translate("ConflictDialog", "No")
    )


def seen(session, contact_id: int | None) -> concurrency.Version | None:
    """What a sheet opening `contact_id` saw, when several PCs may save it (a server)."""
    if contact_id is None or not is_server(session.database):
        return None
    return concurrency.version(session.database, contact_id)


def resolve(sheet, refusal: ConcurrentEdit) -> ConflictDialog:
    dialog = ConflictDialog(sheet, refusal)
    dialog.open()
    return dialog


class ConflictDialog(QDialog):
    """Who changed what and when; per field, keep mine or take theirs; Save, Reload or Cancel."""

    def __init__(self, sheet, refusal: ConcurrentEdit):
        super().__init__(sheet)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Someone else saved this client"))
        self.sheet = sheet
        self.now = sheet.store.get(sheet.contact_id) or {}  # the client as the server holds it now
        self.groups: dict[str, QButtonGroup] = {}
        said = QLabel(self._message(refusal), self)
        said.setObjectName("conflictMessage")
        said.setWordWrap(True)
        grid = QGridLayout()
        for column, title in enumerate((self.tr("Field"), self.tr("Keep mine"), self.tr("Take theirs"))):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        last: dict[str, concurrency.Change] = {}
        for change in refusal.changes:
            if change.field in sheet.editors:
                last[change.field] = change
        for row, (field, change) in enumerate(last.items(), start=1):
            self._add_row(grid, row, field, change)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        # Cancel (and Escape, and closing the window) go back to the sheet, its typed values kept: say so
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Back to the sheet"))
        self.save_button = buttons.addButton(
            self.tr("&Save with these choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("conflictSave")
        self.save_button.setEnabled(bool(self.groups))  # changed by an import: nothing to choose, reload
        self.reload_button = buttons.addButton(self.tr("&Reload the sheet"), QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.setObjectName("conflictReload")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.reload_button.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _message(self, refusal: ConcurrentEdit) -> str:
        """Who saved the client and when, the fields named as the sheet names them."""
        if not refusal.changes:  # changed by an import: the store says so
            return str(refusal)
        last = refusal.changes[-1]
        stamp = last.at.replace("T", " ")
        editors = self.sheet.editors
        fields = dict.fromkeys(self.sheet.caption(c.field) if c.field in editors else c.field for c in refusal.changes)
        return (
            self.tr(
                "%1 saved this client on %2 at %3 (%4) since you opened it: your save was refused, nothing was "
                "written. Choose field by field which value to keep, or reload the sheet."
            )
            .replace("%1", last.author)
            .replace("%2", format_date(stamp[:10]))
            .replace("%3", stamp[11:16])
            .replace("%4", ", ".join(fields))
        )

    def _add_row(self, grid: QGridLayout, row: int, field: str, change: concurrency.Change) -> None:
        sheet = self.sheet
        editor = sheet.editors[field]
        mine_changed = sheet._clean is not None and sheet._clean.get(field) != widget_value(editor)
        mine = QRadioButton(self._mine_text(editor) or self.tr("(empty)"), self)
        stamp = change.at.replace("T", " ")
        theirs = QRadioButton(
            self.tr("%1 (%2, %3 at %4)")
            .replace("%1", self._text(field, editor, self.now.get(field)) or self.tr("(empty)"))
            .replace("%2", change.author)
            .replace("%3", format_date(stamp[:10]))
            .replace("%4", stamp[11:16]),
            self,
        )
        group = QButtonGroup(self)
        group.addButton(mine)
        group.addButton(theirs)
        mine.setObjectName(f"keep_{field}")
        theirs.setObjectName(f"take_{field}")
        (mine if mine_changed else theirs).setChecked(True)  # what I did not touch: theirs
        self.groups[field] = group
        grid.addWidget(QLabel(sheet.caption(field), self), row, 0)
        grid.addWidget(mine, row, 1)
        grid.addWidget(theirs, row, 2)

    def choice(self, field: str) -> str:
        return KEEP_MINE if self.groups[field].checkedButton().objectName().startswith("keep_") else TAKE_THEIRS

    def choose(self, field: str, which: str) -> None:
        self.findChild(QRadioButton, f"{'keep' if which == KEEP_MINE else 'take'}_{field}").setChecked(True)

    @staticmethod
    def _mine_text(editor) -> str:
        """A value of the sheet as it shows it."""
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QCheckBox):
            return _yes_no(editor.isChecked())
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text()

    def _text(self, field: str, editor, value) -> str:
        """A value of the server as the sheet would show it."""
        if value is None or value == "":
            return ""
        if field == "tags":
            return ", ".join(value)
        if isinstance(editor, ContactPicker):
            other = self.sheet.store.get(value)
            return rules.display_name(other) if other else str(value)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            return editor.itemText(found) if found >= 0 else str(value)
        if isinstance(editor, QCheckBox):
            return _yes_no(bool(value))
        if field in ("phone", "phone2"):
            return rules.format_phone(value)
        if field in _DATE_FIELDS:
            return format_date(value)
        return str(value)

    # -- what the user chose --------------------------------------------------------------
    def save(self) -> None:
        """The sheet takes their values where chosen, then saves against the client as it is now."""
        sheet = self.sheet
        now = sheet.store.get(sheet.contact_id) or {}
        for field in self.groups:
            if self.choice(field) == TAKE_THEIRS:
                sheet.show_value(field, now.get(field))
        sheet.seen = seen(sheet.session, sheet.contact_id)
        self.accept()
        sheet.submit()  # refused again (changed once more meanwhile): this dialog again

    def reload(self) -> None:
        """Drop the sheet's changes: the client as the server holds it now."""
        sheet = self.sheet
        sheet.current = sheet.store.get(sheet.contact_id)
        sheet._load()
        sheet.seen = seen(sheet.session, sheet.contact_id)
        sheet.mark_clean()
        self.accept()
