"""Writing tables of figures — pandas frames — as a French-Excel CSV or an
Excel workbook (the cohort matrix, the pivot exports).

Each column has a kind:
- « text »: a label. Neutralised as in every export (crmdesk/io/export.py):
  in CSV a cell starting with = + - @ tab CR or ' gets an apostrophe before it
  (`csvfile.neutralise`); in XLSX it is a text cell with Excel's « quote
  prefix », never a formula. Characters XML cannot hold are dropped.
- « count »: a whole number.
- « euros »: cents, written « 1254,50 » in CSV, a number shown « 1 254,50 € »
  in XLSX.
- « share »: a fraction (0.625), written as a percentage « 62,50 » in CSV
  (the header says « % »), a number shown « 62,5 % » in XLSX; NaN = empty.

CSV: UTF-8 with BOM, `;`, CRLF, decimal comma (what French Excel opens), one
table. XLSX: one sheet per table (openpyxl in write-only mode: rows streamed,
a big table never held as cells in memory), bold frozen header, column widths,
a white-to-blue colour scale over the « heat » columns, notes below.
Rows are written by chunks: progress(rows written, rows) after each, which
may raise to stop (the file is then not written: `export.write_output`).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import pandas as pd

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.io import csvfile
from crmdesk.io.export import XLSX_MAX_ROWS

KINDS = ("text", "count", "euros", "share")
EUROS_FORMAT = '#,##0.00 "€"'
SHARE_FORMAT = "0.0 %"
HEAT = ("FFFFFF", "174B8C")  # white to deep blue, as the RFM heat map
CSV_CHUNK = 20_000
XLSX_CHUNK = 2_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Column:
    key: str  # the frame's column
    title: str  # the header
    kind: str = "text"
    width: int = 12  # Excel width (characters)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass
class Table:
    title: str  # the sheet's name
    frame: pd.DataFrame
    columns: tuple[Column, ...]
    heat: tuple[str, ...] = ()  # columns coloured white to blue, 0 to their highest value (XLSX)
    notes: tuple[str, ...] = field(default_factory=tuple)  # lines under the table (XLSX)


def _clean(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) if isinstance(value, str) else ""


def _missing(value) -> bool:
    """None, pandas' NA or NaN (cheaper than pd.isna on every cell)."""
    return value is None or value is pd.NA or value != value  # noqa: PLR0124 - NaN is not itself


def _csv_column(kind: str, values: pd.Series) -> list[str]:
    """A column as CSV texts (missing values empty), converted column by column:
    Python's formatting of plain ints and floats, not a call per cell."""
    if kind == "text":
        return [csvfile.neutralise(_clean(v)) for v in values.tolist()]
    missing = values.isna().to_numpy()
    if kind == "share":
        texts = [f"{v * 100:.2f}".replace(".", ",") for v in values.astype("float64").tolist()]
    else:
        whole = values.astype("Int64").fillna(0).to_numpy(dtype="int64")
        if kind == "count":
            texts = [str(v) for v in whole.tolist()]
        else:  # euros: sign, euros and cents from the whole number of cents
            euros, cents = divmod(abs(whole), 100)
            texts = [
                f"{'-' if n else ''}{e},{c:02d}"
                for n, e, c in zip((whole < 0).tolist(), euros.tolist(), cents.tolist())
            ]
    if missing.any():
        for at in missing.nonzero()[0].tolist():
            texts[at] = ""
    return texts


def write_csv(table: Table, target: BinaryIO, progress: Progress | None = None) -> int:
    """The table as a French-Excel CSV; returns its row count."""
    total = len(table.frame)
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    try:
        out = csvfile.writer(text)
        out.writerow([csvfile.neutralise(c.title) for c in table.columns])
        for start in range(0, total, CSV_CHUNK):
            part = table.frame.iloc[start : start + CSV_CHUNK]
            out.writerows(zip(*(_csv_column(c.kind, part[c.key]) for c in table.columns)))
            if progress is not None:
                progress(min(start + CSV_CHUNK, total), total)
        text.flush()
    finally:
        text.detach()
    return total


def write_xlsx(tables: list[Table], target: BinaryIO, progress: Progress | None = None) -> int:
    """The tables as the sheets of one workbook; returns the rows of the first."""
    from openpyxl import Workbook

    total = sum(len(t.frame) for t in tables)
    for table in tables:
        if len(table.frame) + 1 + len(table.notes) + 1 > XLSX_MAX_ROWS:
            raise CrmError(
                N_("{count} {noun} : c'est plus qu'une feuille Excel ne peut contenir ({most}). Exportez en CSV."),
                count=len(table.frame),
                noun=_(N_("lignes")),
                most=XLSX_MAX_ROWS - 1,
            )
    book = Workbook(write_only=True)
    done = 0
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        try:
            done = _write_sheet(sheet, table, done, total, progress)
        except BaseException:  # stopped or failed: end openpyxl's row writer and remove its temporary file
            with contextlib.suppress(Exception):
                sheet.close()
                sheet._writer.cleanup()
            raise
    book.save(target)
    return len(tables[0].frame) if tables else 0


def _write_sheet(sheet, table: Table, done: int, total: int, progress: Progress | None) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = table.columns
    sheet.freeze_panes = "B2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def cell(kind: str, value):
        if kind == "text":
            value = _clean(value)
            if value[:1] in csvfile.FORMULA_START:
                typed = WriteOnlyCell(sheet, value=value)
                typed.data_type = "s"  # text, never a formula
                typed.quotePrefix = True  # and kept as text when edited
                return typed
            return value or None
        if _missing(value):
            return None
        if kind == "count":
            return int(value)
        typed = WriteOnlyCell(sheet, value=int(value) / 100 if kind == "euros" else float(value))
        typed.number_format = EUROS_FORMAT if kind == "euros" else SHARE_FORMAT
        return typed

    kinds = [c.kind for c in columns]
    frame = table.frame[[c.key for c in columns]]
    for start in range(0, len(frame), XLSX_CHUNK):
        for values in frame.iloc[start : start + XLSX_CHUNK].itertuples(index=False, name=None):
            sheet.append([cell(kind, value) for kind, value in zip(kinds, values)])
        done += min(XLSX_CHUNK, len(frame) - start)
        if progress is not None:
            progress(done, total)
    last_row = len(frame) + 1
    heat = [i for i, c in enumerate(columns, start=1) if c.key in table.heat]
    if heat and len(frame):
        area = f"{get_column_letter(heat[0])}2:{get_column_letter(heat[-1])}{last_row}"
        sheet.conditional_formatting.add(
            area,
            ColorScaleRule(start_type="num", start_value=0, start_color=HEAT[0], end_type="max", end_color=HEAT[1]),
        )
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([_clean(note)])
    return done


def write(tables: list[Table], fmt: str, target: BinaryIO, progress: Progress | None = None) -> int:
    """CSV (the first table) or XLSX (every table, one sheet each)."""
    if fmt == "xlsx":
        return write_xlsx(tables, target, progress)
    return write_csv(tables[0], target, progress)
