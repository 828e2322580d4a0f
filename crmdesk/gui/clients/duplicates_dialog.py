"""Duplicates in the window: the find dialog, the merge dialog, the warning
shown when a new client looks like an existing one.

* FindDuplicatesDialog (Édition › Rechercher les doublons…, duplicates_menu)
  searches the whole file off the GUI thread (a read-only connection of its
  own) and lists the candidate pairs, surest first, with their score and
  reason. « Fusionner… » opens the MergeDialog of the selected pair;
  « Garder les deux » remembers the pair as two different clients (never
  proposed again); « Ignorer » only takes it off the list (proposed again at
  the next search). « Rechercher de nouveau » searches again (after an undo,
  say).
* MergeDialog: the two clients side by side, one radio button per differing
  field (a blank field takes the other's value by default), what history
  will move (« 12 commandes, 1 réclamation »), « Inverser » to keep the other
  one, « Fusionner » / « Annuler ». Its owner makes the merge: through the
  window's undo stack (MergeContacts), so that Ctrl+Z undoes it.
* confirm_new(): the client sheet calls it when saving a NEW client. For each
  existing client that the typed values may duplicate (up to MAX_ASKED, surest
  first), DuplicateWarning.ask() offers « Fusionner », « Garder les deux »,
  « Annuler ». « Fusionner » creates nothing: the sheet closes and the existing
  client's sheet opens instead, its empty fields filled in with what was typed
  (not saved until « Enregistrer »); « Annuler » creates nothing and leaves
  the sheet open; « Garder les deux » for every one of them creates the client.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import duplicates as rules
from crmdesk.domain.contact import display_name, format_phone
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.commands import StoreCommand
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.common.worker import Recomputing, reader
from crmdesk.gui.session import Session
from crmdesk.store.duplicates import Candidate, DuplicateStore, MergeRecord, Suspect

MAX_ASKED = 5  # suspects asked about when a new client is saved

KEEP, MERGE, CANCEL = "keep", "merge", "cancel"


def _caption(source: str) -> str:
    """A field's caption as the client sheet shows it (same source text, same
    translation), without its mnemonic and colon."""
    return QCoreApplication.translate("ClientDialog", source).replace("&", "").rstrip(" :\u00a0")


def field_captions() -> dict[str, str]:
    """Merge field -> its caption on the client sheet."""
    sources = {
        "kind": "&Kind:",
        "stage": "&Stage:",
        "civility": "Ci&vility:",
        "last_name": "&Last name:",
        "first_name": "&First name:",
        "company": "Co&mpany name:",
        "company_id": "&Works for:",
        "job_title": "&Job title:",
        "siret": "SIRE&T:",
        "birth_date": "&Birth date:",
        "email": "&Email:",
        "phone": "&Phone:",
        "phone2": "Other p&hone:",
        "address": "&Address:",
        "postal_code": "P&ostal code:",
        "city": "Cit&y:",
        "department": "&Department:",
        "region": "Regio&n:",
        "country": "Co&untry:",
        "first_contact": "&First contact:",
        "source": "&Source:",
        "preferred_channel": "Preferred channe&l:",
        "rep_id": "Sales r&ep:",
        "referred_by": "Referred &by:",
        "is_host": "&Host:",
        "notes": "N&otes:",
        "interests": "I&nterests:",
        "opposition": "&Opposition:",
        "opposition_date": "Opposition &date:",
        "last_contact": "&Last contact:",
        "retention_end": "&Keep data until:",
    }
    captions = {field: _caption(source) for field, source in sources.items()}
    for channel, source in (("email", "By &email"), ("sms", "By te&xt message"), ("phone", "By &phone")):
        by = _caption(source)
        captions[f"consent_{channel}"] = by
        captions[f"consent_{channel}_date"] = _caption("Date of consent (%1)").replace("%1", by)
        captions[f"consent_{channel}_source"] = _caption("Source of consent (%1)").replace("%1", by)
    return captions


# -- the undoable merge -----------------------------------------------------------------
class MergeContacts(StoreCommand):
    """Merge `other_id` into `keep_id` (DuplicateStore.merge); undo = unmerge."""

    def __init__(
        self, store: DuplicateStore, keep_id: int, other_id: int, choices: dict, text: str, changed, failed=None
    ):
        super().__init__(text, changed, failed)
        self.store = store
        self.keep_id = keep_id
        self.other_id = other_id
        self.choices = dict(choices)
        self.record: MergeRecord | None = None

    def _subject(self) -> list[int]:
        return [self.keep_id, self.other_id]

    def _do(self) -> None:
        self.record = self.store.merge(self.keep_id, self.other_id, self.choices)

    def _undo(self) -> None:
        self.store.unmerge(self.record)


# -- the list of pairs --------------------------------------------------------------------
class PairModel(ReadOnlyTableModel):
    """Candidate pairs: score, reason, the two clients."""

    COLUMNS = ("score", "reason", "a", "b")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = (self.tr("Score"), self.tr("Reason"), self.tr("Client"), self.tr("Possible duplicate"))
        self.rows: list[Candidate] = []

    def set_pairs(self, pairs: list[Candidate]) -> None:
        self.beginResetModel()
        self.rows = list(pairs)
        self.endResetModel()

    def pair_at(self, row: int) -> Candidate | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def drop(self, keep: Callable[[Candidate], bool]) -> None:
        """Take off the rows for which keep(pair) is false, one by one (the selection follows)."""
        for row in range(len(self.rows) - 1, -1, -1):
            if not keep(self.rows[row]):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row]
                self.endRemoveRows()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        pair = self.row_at(index)
        if pair is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "score":
                return str(pair.score)
            if key == "reason":
                return pair.reason
            code, name = (pair.code_a, pair.name_a) if key == "a" else (pair.code_b, pair.name_b)
            return f"{code} — {name}"
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "score":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (pair.a, pair.b)
        return None


class FindDuplicatesDialog(Recomputing, QDialog):
    """Every candidate pair of the file. `merge(keep_id, other_id, choices)` is
    the window's undoable merge (True when done)."""

    merged = Signal(int, int)  # kept id, merged id

    def __init__(self, session: Session, merge: Callable[[int, int, dict], bool], parent=None):
        super().__init__(parent)
        self.setObjectName("FindDuplicatesDialog")
        self.setWindowTitle(self.tr("Find duplicates"))
        self.database = session.database  # searched in a worker, on a connection of its own
        self.store = session.duplicates
        self._merge = merge
        self.merge_dialog: MergeDialog | None = None
        self.searched = False
        self.model = PairModel(self)
        self.table = read_only_table(self, self.model, "pairsTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((55, 300, 230)):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.activated.connect(lambda _index: self.merge_selected())
        self.info = QLabel(self)
        self.info.setObjectName("duplicatesInfo")
        self.info.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        self.merge_button = self._button(
            "mergeButton",
            self.tr("&Merge…"),
            self.merge_selected,
            self.tr("Compare the two clients field by field, then merge them"),
        )
        self.keep_button = self._button(
            "keepBothButton",
            self.tr("&Keep both"),
            self.keep_both,
            self.tr("They are two different clients: never propose this pair again"),
        )
        self.ignore_button = self._button(
            "ignoreButton",
            self.tr("&Ignore"),
            self.ignore,
            self.tr("Take the pair off this list (proposed again at the next search)"),
        )
        self.search_button = self._button(
            "searchButton", self.tr("&Search again"), self.refresh, self.tr("Search the whole file again")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self._bar())
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(900, 460)
        self._update()
        self.refresh()

    def _button(self, name: str, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    # -- searching -------------------------------------------------------------------
    def refresh(self, *_args) -> None:
        if self._busy():
            return
        self.info.setText(self.tr("Searching the whole file for clients typed twice…"))
        self.search_button.setEnabled(False)

        def compute(job):  # in a worker thread, on a read-only connection of its own
            with reader(self.database, job) as database:
                return DuplicateStore(database).candidates(check=job.check)

        self._run(compute, self._show)

    def _show(self, pairs: list[Candidate]) -> None:
        self.model.set_pairs(pairs)
        self.searched = True
        if pairs:
            self.table.selectRow(0)
        self._update()

    def _done(self) -> None:
        self.search_button.setEnabled(True)
        super()._done()

    def _update(self, *_args) -> None:
        chosen = self.selected() is not None
        for button in (self.merge_button, self.keep_button, self.ignore_button):
            button.setEnabled(chosen)
        if not self.searched:
            return
        count = self.model.rowCount()
        if count == 0:
            self.info.setText(self.tr("No possible duplicates left."))
        else:
            what = (
                self.tr("1 possible duplicate pair")
                if count == 1
                else self.tr("%1 possible duplicate pairs").replace("%1", labels.number(count))
            )
            self.info.setText(
                self.tr("%1, surest first. Select one, then « Merge… », « Keep both » or « Ignore ».").replace(
                    "%1", what
                )
            )

    # -- acting on a pair ---------------------------------------------------------------
    def selected(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.pair_at(rows[0].row()) if rows else None

    def select_pair(self, a: int, b: int) -> bool:
        key = rules.pair_key(a, b)
        for row, pair in enumerate(self.model.rows):
            if (pair.a, pair.b) == key:
                self.table.selectRow(row)
                return True
        return False

    def _drop(self, ids: set[int] | None = None, pair: Candidate | None = None) -> None:
        row = self.table.currentIndex().row()
        self.model.drop(lambda p: p is not pair and not (ids and (p.a in ids or p.b in ids)))
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        self._update()

    def ignore(self) -> None:
        pair = self.selected()
        if pair is not None:
            self._drop(pair=pair)

    def keep_both(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        try:
            self.store.dismiss(pair.a, pair.b)
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return
        self._drop(pair=pair)

    def merge_selected(self) -> MergeDialog | None:
        pair = self.selected()
        if pair is None:
            return None
        if self.merge_dialog is not None:
            self.merge_dialog.close()
        from crmdesk.gui.common.actions import keep_dialog

        try:
            dialog = MergeDialog(self.store, pair.a, pair.b, self)
        except CrmError as exc:  # one of them was removed since the search
            messages.error(self, self.windowTitle(), str(exc))
            self._drop(pair=pair)
            return None
        keep_dialog(self, "merge_dialog", dialog)
        dialog.accepted.connect(lambda: self._merged(dialog))
        dialog.open()
        return dialog

    def _merged(self, dialog: MergeDialog) -> None:
        keep_id, other_id, choices = dialog.keep_id, dialog.other_id, dialog.choices()
        if self._merge(keep_id, other_id, choices):
            self._drop(ids={other_id})
            self.merged.emit(keep_id, other_id)


# -- merging two clients -----------------------------------------------------------------
class MergeDialog(QDialog):
    """Two clients side by side; the user picks the value of each differing field."""

    def __init__(self, store: DuplicateStore, keep_id: int, other_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("MergeDialog")
        self.setWindowTitle(self.tr("Merge two clients"))
        self.store = store
        self.keep_id, self.other_id = keep_id, other_id
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        intro = QLabel(
            self.tr(
                "For each field that differs, choose the value to keep. The history of the merged "
                "client moves to the kept one; the merged client goes to the trash "
                "(Ctrl+Z undoes the merge)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.history = QLabel(self)
        self.history.setObjectName("mergeHistory")
        self.history.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.swap_button = self.buttons.addButton(self.tr("S&wap"), QDialogButtonBox.ButtonRole.ActionRole)
        self.swap_button.setObjectName("swapButton")
        self.swap_button.setToolTip(self.tr("Keep the other client (its number) and merge this one into it"))
        self.swap_button.clicked.connect(self.swap)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.history)
        layout.addWidget(self.buttons)
        self._fill()
        self.resize(760, 560)

    def swap(self) -> None:
        self.keep_id, self.other_id = self.other_id, self.keep_id
        self._fill()

    def _fill(self) -> None:
        keep = self.store.contacts.get(self.keep_id)
        other = self.store.contacts.get(self.other_id)
        if keep is None or other is None:
            raise CrmError(self.tr("One of the two clients no longer exists."))
        self.keep_row, self.other_row = keep, other
        page = QWidget(self.scroll)
        grid = QGridLayout(page)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        bold = "font-weight: bold;"
        for column, (title, row) in enumerate(((self.tr("Kept: %1"), keep), (self.tr("Merged: %1"), other)), 1):
            head = QLabel(title.replace("%1", f"{row['code']} — {display_name(row)}"), page)
            head.setStyleSheet(bold)
            head.setWordWrap(True)
            grid.addWidget(head, 0, column)
        self.radios.clear()
        self._groups.clear()
        defaults = rules.default_choices(keep, other)
        captions = field_captions()
        line = 1
        for field in rules.MERGE_FIELDS:
            a, b = keep.get(field), other.get(field)
            if rules.is_empty(a) and rules.is_empty(b):
                continue
            grid.addWidget(QLabel(captions.get(field, field), page), line, 0)
            if field in defaults:
                group = QButtonGroup(page)
                pair = []
                for column, value in enumerate((a, b), 1):
                    radio = QRadioButton(self._shown(field, value).replace("&", "&&"), page)  # no mnemonic
                    radio.setObjectName(f"{field}_{'keep' if column == 1 else 'other'}")
                    group.addButton(radio)
                    grid.addWidget(radio, line, column)
                    pair.append(radio)
                pair[0 if defaults[field] == "keep" else 1].setChecked(True)
                self.radios[field] = (pair[0], pair[1])
                self._groups.append(group)
            else:
                same = QLabel(self._shown(field, a), page)
                same.setEnabled(False)
                grid.addWidget(same, line, 1, 1, 2)
            line += 1
        tags = QLabel(self.tr("Tags"), page)
        grid.addWidget(tags, line, 0)
        for column, row in enumerate((keep, other), 1):
            grid.addWidget(QLabel(", ".join(row["tags"]) or "—", page), line, column)
        grid.addWidget(QLabel(self.tr("Both clients' tags are kept."), page), line + 1, 1, 1, 2)
        grid.setRowStretch(line + 2, 1)
        self.scroll.setWidget(page)
        moving = rules.history_text(self.store.history(self.other_id, into=self.keep_id))
        self.history.setText(self.tr("Moves to the kept client: %1.").replace("%1", moving))

    def _shown(self, field: str, value) -> str:
        """A value as the user reads it."""
        if rules.is_empty(value) and value not in (0, False):
            return "—"
        if field in ("kind", "stage", "source", "preferred_channel"):
            texts = {
                "kind": labels.kinds,
                "stage": labels.stages,
                "source": labels.sources,
                "preferred_channel": labels.channels,
            }[field]()
            return texts.get(value, str(value))
        if field in ("is_host", "opposition") or (field.startswith("consent_") and field.count("_") == 1):
            return self.tr("Yes") if value else self.tr("No")
        if field in ("phone", "phone2"):
            return format_phone(value)
        if field.endswith("_date") or field in ("birth_date", "first_contact", "last_contact", "retention_end"):
            return format_date(value)
        if field in ("company_id", "referred_by"):
            row = self.store.contacts.get(value)
            return f"{row['code']} — {display_name(row)}" if row else str(value)
        if field == "rep_id":
            return next((r["name"] for r in self.store.contacts.reps() if r["id"] == value), str(value))
        text = str(value)
        return text if len(text) <= 80 else text[:79] + "…"

    def choose(self, field: str, which: str) -> None:
        """Pick « keep » or « other » for a differing field (as a click would)."""
        self.radios[field][0 if which == "keep" else 1].setChecked(True)

    def choices(self) -> dict[str, str]:
        return {field: "keep" if keep.isChecked() else "other" for field, (keep, _other) in self.radios.items()}


# -- a new client like an existing one ---------------------------------------------------------
class DuplicateWarning(QDialog):
    """« This client may already be in the file »: Merge / Keep both / Cancel."""

    def __init__(self, suspect: Suspect, existing: dict | None, parent=None):
        super().__init__(parent)
        self.setObjectName("DuplicateWarning")
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.answer = CANCEL
        text = QLabel(
            self.tr("This client may already be in the file:<br><b>%1</b> (%2)")
            .replace("%1", _escape(f"{suspect.code} — {suspect.name}"))
            .replace("%2", _escape(suspect.reason)),
            self,
        )
        text.setObjectName("warningText")
        text.setWordWrap(True)
        details = []
        if existing:
            place = " ".join(p for p in (existing.get("postal_code"), existing.get("city")) if p)
            details = [existing.get("email"), format_phone(existing.get("phone")), place]
        info = QLabel(_escape(" · ".join(d for d in details if d)), self)
        info.setWordWrap(True)
        question = QLabel(
            self.tr(
                "« Merge » opens the existing client instead, with what you typed in its empty "
                "fields; « Keep both » creates the new client; « Cancel » goes back to the "
                "form."
            ),
            self,
        )
        question.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton(self.tr("&Keep both"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button, name, answer in (
            (self.merge_button, "mergeButton", MERGE),
            (self.keep_button, "keepBothButton", KEEP),
            (self.cancel_button, "cancelButton", CANCEL),
        ):
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, a=answer: self._answer(a))
        self.cancel_button.setDefault(True)
        layout = QVBoxLayout(self)
        for widget in (text, info, question, buttons):
            layout.addWidget(widget)

    def _answer(self, answer: str) -> None:
        self.answer = answer
        self.accept() if answer != CANCEL else self.reject()

    @classmethod
    def ask(cls, parent: QWidget | None, suspect: Suspect, existing: dict | None) -> str:
        """Blocking: MERGE, KEEP or CANCEL (tests patch this)."""
        dialog = cls(suspect, existing, parent)
        try:
            dialog.exec()
            return dialog.answer
        finally:
            dialog.deleteLater()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def confirm_new(sheet, values: dict) -> bool:
    """Called by the client sheet before creating a client from `values` (as
    typed, already checked): True = create it. See the module's docstring."""
    store = sheet.session.duplicates
    try:
        suspects = store.suspects(values)
    except CrmError:  # a value the save will refuse anyway, with its reason
        return True
    for suspect in suspects[:MAX_ASKED]:
        answer = DuplicateWarning.ask(sheet, suspect, store.contacts.get(suspect.id))
        if answer == KEEP:
            continue
        if answer == MERGE:
            open_existing(sheet, suspect.id, values)
        return False
    return True


def open_existing(sheet, contact_id: int, values: dict) -> None:
    """Close the new client's sheet, open the existing client's, its empty
    text fields filled in with `values` (saved only by « Save »)."""
    window = sheet.parentWidget()

    def show(*_args) -> None:
        if hasattr(window, "edit_client"):  # the main window; a sheet on its own (tests) has none to open with
            other = window.edit_client(contact_id)
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "Duplicates",
                    "Existing client opened instead: its empty fields hold what you typed; check them, then save.",
                ),
                10_000,
            )
        else:
            other = type(sheet)(sheet.session, contact_id, window, printing=sheet.printing, complaints=sheet.complaints)
            other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            other.open()
        if other is not None:
            fill_blanks(other, values)

    if sheet.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
        sheet.destroyed.connect(show)  # after the window forgot the closed sheet
        sheet.reject()
    else:
        sheet.reject()
        show()


def fill_blanks(sheet, values: dict) -> list[str]:
    """Put `values` in the sheet's empty text fields; the fields filled."""
    from crmdesk.gui.common.contact_picker import ContactPicker

    filled = []
    for field, value in values.items():
        editor = sheet.editors.get(field)
        text = "" if value is None or isinstance(value, bool) else str(value).strip()
        if not text or editor is None or isinstance(editor, ContactPicker):
            continue
        if isinstance(editor, QLineEdit) and editor.isEnabled() and not editor.text().strip():
            editor.setText(text)
            filled.append(field)
        elif isinstance(editor, QPlainTextEdit) and not editor.toPlainText().strip():
            editor.setPlainText(text)
            filled.append(field)
    return filled
