"""Qt models of the RFM dialog: the scored clients (sortable, filterable),
the named segments with their counts and actions, and the export.

The result rows are `domain.rfm.RfmRow` plus each client's display name.
Sorting uses SORT_ROLE (numbers stay numbers: « 1 254,00 € » sorts by cents).
Export (CSV / XLSX) follows crmdesk's export conventions (crmdesk/io/export.py):
CSV in UTF-8 with BOM, `;`, CRLF, formula starts neutralised; amounts written
« 1254,50 » (French decimal comma) in CSV, as numbers in Excel.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from crmdesk.domain import rfm
from crmdesk.domain.money import format_eur
from crmdesk.domain.text import fold
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import ReadOnlyTableModel
from crmdesk.io import csvfile
from crmdesk.store.files import private_output

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class RfmResult:
    """What one computation gives the dialog."""

    rows: list[rfm.RfmRow]
    names: dict[int, str]  # contact id -> name shown
    without_orders: list[tuple[int, str]]  # (id, code) of clients never scored
    method: str
    window_days: int | None
    as_of: object  # datetime.date
    grid: rfm.RfmGrid


EXPORT_COLUMNS = (
    "client_code",
    "name",
    "recency_days",
    "r",
    "frequency",
    "f",
    "monetary",
    "m",
    "score",
    "code",
    "segment",
)


class RfmResultModel(ReadOnlyTableModel):
    KEYS = ("client_code", "name", "recency_days", "r", "frequency", "f", "monetary", "m", "score", "code", "segment")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: RfmResult | None = None
        self._rows: list[rfm.RfmRow] = []
        self._names: dict[int, str] = {}
        self._headers = (
            self.tr("Client no."),
            self.tr("Name"),
            self.tr("Recency (days)"),
            self.tr("R"),
            self.tr("Orders"),
            self.tr("F"),
            self.tr("Amount"),
            self.tr("M"),
            self.tr("Total"),
            self.tr("RFM code"),
            self.tr("Segment"),
        )
        self._tips = (
            None,
            None,
            self.tr("Days from the last order to the reference date"),
            self.tr("Recency points"),
            self.tr("Orders in the window"),
            self.tr("Frequency points"),
            self.tr("Amount of the orders in the window"),
            self.tr("Monetary points"),
            self.tr("R + F + M"),
            None,
            None,
        )

    def set_result(self, result: RfmResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self._rows = list(result.rows) if result else []
        self._names = dict(result.names) if result else {}
        self.endResetModel()

    def row_at(self, r: int) -> rfm.RfmRow:
        return self._rows[r]

    def _row_count(self) -> int:
        return len(self._rows)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.KEYS)
        ):
            return self._tips[section]
        return super().headerData(section, orientation, role)

    def value(self, row: rfm.RfmRow, key: str):
        if key == "name":
            return self._names.get(row.contact_id, "")
        if key == "monetary":
            return row.monetary_cents
        if key == "score":
            return row.score
        if key == "code":
            return row.code
        return getattr(row, key)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "monetary":
                return format_eur(row.monetary_cents)
            if key == "segment":
                return row.segment_label
            if key in ("recency_days", "frequency"):
                return labels.number(self.value(row, key))
            value = self.value(row, key)
            return value if isinstance(value, str) else str(value)
        if role == SORT_ROLE:
            if key == "name":
                return fold(self._names.get(row.contact_id, ""))
            if key == "segment":
                return row.segment_label
            return self.value(row, key)
        if role == SEGMENT_ROLE:
            return row.segment
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("recency_days", "frequency", "monetary"):
                return _RIGHT
            if key in ("r", "f", "m", "score", "code"):
                return _CENTER
        if role == Qt.ItemDataRole.ToolTipRole and key == "segment":
            return labels.shown(rfm.SEGMENTS[row.segment].action)
        return None


class RfmFilterModel(QSortFilterProxyModel):
    """Sorted by SORT_ROLE; filtered by a segment and by words of the code or name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._segment: str | None = None
        self._terms: list[str] = []

    def set_segment(self, segment: str | None) -> None:
        self.beginFilterChange()
        self._segment = segment or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model: RfmResultModel = self.sourceModel()
        row = model.row_at(source_row)
        if self._segment and row.segment != self._segment:
            return False
        if self._terms:
            hay = fold(f"{row.client_code} {model.value(row, 'name')}")
            return all(t in hay for t in self._terms)
        return True

    def rows_shown(self) -> list[rfm.RfmRow]:
        source: RfmResultModel = self.sourceModel()
        return [source.row_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())]


class SegmentModel(ReadOnlyTableModel):
    """The named segments: clients, share, recommended action."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._counts: dict[str, int] = dict.fromkeys(rfm.SEGMENTS, 0)
        self._total = 0
        self._headers = (self.tr("Segment"), self.tr("Clients"), self.tr("Share"), self.tr("Recommended action"))

    def set_rows(self, rows: list[rfm.RfmRow]) -> None:
        self.beginResetModel()
        self._counts = rfm.counts_by_segment(rows)
        self._total = len(rows)
        self.endResetModel()

    def count(self, segment: str) -> int:
        return self._counts.get(segment, 0)

    def _row_count(self) -> int:
        return len(rfm.SEGMENTS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(rfm.SEGMENTS):
            return None
        segment = list(rfm.SEGMENTS.values())[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            count = self._counts.get(segment.code, 0)
            if column == 0:
                return labels.shown(segment.label)
            if column == 1:
                return labels.number(count)
            if column == 2:
                share = 100 * count / self._total if self._total else 0.0
                return f"{labels.FRENCH.toString(share, 'f', 1)}\u00a0%"
            return labels.shown(segment.action)
        if role == SEGMENT_ROLE:
            return segment.code
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return _RIGHT
        return None


# -- export -----------------------------------------------------------------------------------
def _records(rows: list[rfm.RfmRow], names: dict[int, str]):
    for row in rows:
        yield (
            row.client_code,
            names.get(row.contact_id, ""),
            row.recency_days,
            row.r,
            row.frequency,
            row.f,
            row.monetary_cents,
            row.m,
            row.score,
            row.code,
            row.segment_label,
        )


def _euros_text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{whole},{rest:02d}"


def export(
    rows: list[rfm.RfmRow],
    names: dict[int, str],
    path: str | Path,
    fmt: str | None = None,
    headers: tuple[str, ...] = EXPORT_COLUMNS,
) -> int:
    """Write the rows to `path` (csv or xlsx, by `fmt` or the extension),
    atomically (a temporary file renamed at the end), owner-only. Returns the row count."""
    path = Path(path)
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    with private_output(path, "wb") as handle:  # all or nothing, owner-only, a full disk said in French
        if fmt == "xlsx":
            _write_xlsx(rows, names, handle, headers)
        else:
            _write_csv(rows, names, handle, headers)
    return len(rows)


def _write_csv(rows, names, handle, headers) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        out = csvfile.writer(text)
        out.writerow(headers)
        for record in _records(rows, names):
            values = list(record)
            values[6] = _euros_text(values[6])
            out.writerow([csvfile.neutralise(str(v)) for v in values])
        text.flush()
    finally:
        text.detach()


def _write_xlsx(rows, names, handle, headers) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("RFM")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in headers:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for record in _records(rows, names):
        cells = []
        for i, value in enumerate(record):
            if i == 6:
                cell = WriteOnlyCell(sheet, value=value / 100)
                cell.number_format = '#,##0.00 "€"'
            elif isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # text, never a formula
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
    book.save(handle)
