"""What the import wizard's check page shows besides the rejected lines:

- PreviewModel: the first rows as the trial import stored them (names in
  capitals, phones and dates normalised, amounts in euros), read back from the
  scratch copy (crmdesk.store.imports.preview);
- DuplicatesModel: each row of the file that may be a client already in the
  file (or another row of the same file), with the reason and score, and the
  user's decision per pair: merge into that client (the file only fills the
  fields the client leaves empty), keep both, or skip the row. The decisions
  (`decisions()`: line -> contact id | "keep" | "skip") go to the real import.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from crmdesk.domain.contact import format_phone
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import labels

_HEADERS = {
    "code": QT_TRANSLATE_NOOP("ImportReview", "Client no."),
    "kind": QT_TRANSLATE_NOOP("ImportReview", "Kind"),
    "stage": QT_TRANSLATE_NOOP("ImportReview", "Stage"),
    "civility": QT_TRANSLATE_NOOP("ImportReview", "Title"),
    "last_name": QT_TRANSLATE_NOOP("ImportReview", "Last name"),
    "first_name": QT_TRANSLATE_NOOP("ImportReview", "First name"),
    "company": QT_TRANSLATE_NOOP("ImportReview", "Company"),
    "email": QT_TRANSLATE_NOOP("ImportReview", "E-mail"),
    "phone": QT_TRANSLATE_NOOP("ImportReview", "Phone"),
    "postal_code": QT_TRANSLATE_NOOP("ImportReview", "Postal code"),
    "city": QT_TRANSLATE_NOOP("ImportReview", "City"),
    "birth_date": QT_TRANSLATE_NOOP("ImportReview", "Birth date"),
    "ref": QT_TRANSLATE_NOOP("ImportReview", "Order no."),
    "client": QT_TRANSLATE_NOOP("ImportReview", "Client no."),
    "date": QT_TRANSLATE_NOOP("ImportReview", "Date"),
    "amount_cents": QT_TRANSLATE_NOOP("ImportReview", "Amount"),
    "channel": QT_TRANSLATE_NOOP("ImportReview", "Channel"),
}


def _french_date(text: str | None) -> str:
    try:
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y") if text else ""
    except ValueError:
        return text or ""


def shown_value(column: str, value) -> str:
    """A stored value as the client table would show it."""
    if value is None or value == "":
        return ""
    if column == "phone":
        return format_phone(value)
    if column in ("date", "birth_date"):
        return _french_date(value)
    if column == "amount_cents":
        return format_eur(value)
    if column == "stage":
        return labels.stage(value)
    if column == "kind":
        return labels.kinds().get(value, str(value))
    return str(value)


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: tuple[str, ...] = ()
        self.rows: list[dict] = []

    def reset(self, columns: tuple[str, ...], rows: list[dict]) -> None:
        self.beginResetModel()
        self.columns, self.rows = tuple(columns), list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            name = self.columns[section]
            return QCoreApplication.translate("ImportReview", _HEADERS.get(name, name))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = self.columns[index.column()]
        return shown_value(column, self.rows[index.row()].get(column))


# -- probable duplicates -----------------------------------------------------------------------
MERGE, KEEP, SKIP = "merge", "keep", "skip"
SURE_SCORE = 90  # an existing client this alike is merged unless the user says otherwise
_COLUMNS = (
    QT_TRANSLATE_NOOP("ImportReview", "Line"),
    QT_TRANSLATE_NOOP("ImportReview", "In the file"),
    QT_TRANSLATE_NOOP("ImportReview", "Looks like"),
    QT_TRANSLATE_NOOP("ImportReview", "Score"),
    QT_TRANSLATE_NOOP("ImportReview", "Decision"),
    QT_TRANSLATE_NOOP("ImportReview", "Why"),
)
DECISION_COLUMN = 4


def choice_text(choice: str) -> str:
    return {
        MERGE: QCoreApplication.translate("ImportReview", "Merge into this client"),
        KEEP: QCoreApplication.translate("ImportReview", "Keep both"),
        SKIP: QCoreApplication.translate("ImportReview", "Skip the line"),
    }[choice]


class DuplicatesModel(QAbstractTableModel):
    """One row per (line of the file, client it looks like); the decision is per line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.suspects: list = []
        self._decisions: dict[int, str | int] = {}

    def reset(self, suspects) -> None:
        self.beginResetModel()
        self.suspects = list(suspects)
        self._decisions = {}
        for s in self.suspects:  # the surest pair of a line comes first
            if s.line not in self._decisions:
                self._decisions[s.line] = s.contact_id if s.existing and s.score >= SURE_SCORE else KEEP
        self.endResetModel()

    def decisions(self) -> dict[int, str | int]:
        return dict(self._decisions)

    def lines(self) -> int:
        return len(self._decisions)

    def choices(self, row: int) -> tuple[str, ...]:
        return (MERGE, KEEP, SKIP) if self.suspects[row].existing else (KEEP, SKIP)

    def choice(self, row: int) -> str:
        suspect = self.suspects[row]
        decision = self._decisions.get(suspect.line, KEEP)
        if decision == SKIP:
            return SKIP
        return MERGE if suspect.existing and decision == suspect.contact_id else KEEP

    def decide_all(self, choice: str) -> None:
        """« Tout fusionner / tout garder / tout ignorer »: merge goes to each line's surest client."""
        for s in self.suspects:
            if choice == MERGE:
                if s.existing and not isinstance(self._decisions.get(s.line), int):
                    self._decisions[s.line] = s.contact_id
                elif not any(o.existing for o in self.suspects if o.line == s.line):
                    self._decisions[s.line] = KEEP
            else:
                self._decisions[s.line] = choice
        self._changed(0, len(self.suspects) - 1)

    def _changed(self, first: int, last: int) -> None:
        if last >= first:
            self.dataChanged.emit(
                self.index(first, DECISION_COLUMN),
                self.index(last, DECISION_COLUMN),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole],
            )

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.suspects)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_COLUMNS)
        ):
            return QCoreApplication.translate("ImportReview", _COLUMNS[section])
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == DECISION_COLUMN else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.suspects[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == DECISION_COLUMN:
            return self.choice(index.row())
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if column == 0:
            return str(s.line)
        if column == 1:
            return s.name
        if column == 2:
            if s.existing:
                return f"{s.code} — {s.other_name}"
            return (
                QCoreApplication.translate("ImportReview", "line %1 — %2")
                .replace("%1", str(s.other_line))
                .replace("%2", s.other_name)
            )
        if column == 3:
            return str(s.score)
        if column == DECISION_COLUMN:
            return choice_text(self.choice(index.row()))
        return s.reason

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != DECISION_COLUMN
            or role != Qt.ItemDataRole.EditRole
            or value not in self.choices(index.row())
        ):
            return False
        s = self.suspects[index.row()]
        self._decisions[s.line] = s.contact_id if value == MERGE else value
        rows = [r for r, o in enumerate(self.suspects) if o.line == s.line]
        self._changed(min(rows), max(rows))
        return True


class DecisionDelegate(QStyledItemDelegate):
    """A combo box of the choices of the row (merge only into an existing client)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for choice in index.model().choices(index.row()):
            combo.addItem(choice_text(choice), choice)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
