"""Export of clients as CSV, Excel or vCard: every live client, given ids
(a selection), or the clients of a ContactQuery (a filter, a status, an RFM
segment).

The CSV and Excel columns are the canonical ones (`contact.CSV_COLUMNS`),
written so that crmdesk's own import reads the file back unchanged:
- dates dd/mm/yyyy, consents « oui »/« non », tags « a, b », the rep's name;
- French phones in the national format (« 06 12 34 56 78 »), others and
  contacts abroad in the international format (« +32 2 123 45 67 »);
- SIRET grouped « 362 521 879 00034 » (a spreadsheet keeps it as text).

CSV: UTF-8 with BOM, `;` separator, CRLF — what French Excel opens with the
accents right. A cell starting with = + - @ tab CR or ' is prefixed with an
apostrophe so that no spreadsheet runs it as a formula
(`csvfile.neutralise`); the import removes that apostrophe.

Excel (.xlsx, openpyxl write-only): text cells are typed as text (never
formulas) and a text starting with one of those characters gets Excel's
« quote prefix » (what typing an apostrophe before it does: the cell shows
and keeps the text as it is, also once edited); the value itself is
unchanged, but for carriage returns: XML reads them as line feeds, so they
are written as line feeds (what Excel breaks a cell's lines on). Dates are
real dates shown dd/mm/yyyy.

vCard: see crmdesk/io/vcard.py.

Rows are streamed: every live client through one cursor, or ids read by
chunks (crmdesk/store/exports.py); a million clients never sit in memory.
Everything is read in one read transaction (a consistent picture even
while the application writes to the file) and a file is written through a
temporary file renamed at the end: never half written, readable by its
owner only, a full disk said in one French message (`write_output`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

import phonenumbers

from crmdesk.domain.contact import CSV_COLUMNS, format_phone
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.io import csvfile, vcard
from crmdesk.store import exports
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.files import private_output

FORMATS = ("csv", "xlsx", "vcard")
TABLE_FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_576
PROGRESS_EVERY = 1_000  # rows between two progress reports
_SUFFIXES = {".xlsx": "xlsx", ".vcf": "vcard", ".vcard": "vcard"}
_BOOLS = ("consent_email", "consent_sms", "consent_phone")

Progress = Callable[[int, int], None]  # (done, total); may raise to stop the export
T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    """What a CSV or Excel export writes: the sheet's name, the columns (in
    order), which of them hold ISO dates, the Excel column widths."""

    title: str
    columns: tuple[str, ...]
    dates: frozenset[str] = frozenset()
    widths: Mapping[str, int] = field(default_factory=dict)
    noun: str = N_("lignes")  # « 2 000 000 clients : … » (N_: shown through _)
    amounts: frozenset[str] = frozenset()  # cents (int) or "": « 112450,00 » in CSV, a number in € in Excel
    counts: frozenset[str] = frozenset()  # int or "": a number in Excel


CLIENTS = Table(
    "Clients",
    CSV_COLUMNS,
    frozenset(("birth_date", "first_contact")),
    {
        "code": 12,
        "last_name": 20,
        "first_name": 16,
        "company": 24,
        "email": 28,
        "phone": 16,
        "address": 30,
        "city": 18,
        "notes": 40,
        "tags": 20,
        "siret": 19,
    },
    N_("clients"),
)


# `export clients --figures`: the figures of the client table, as of a day (crmdesk/store/figures.py)
FIGURE_COLUMNS = ("status", "revenue_12m", "orders_12m", "last_order", "rfm_code", "rfm_segment", "figures_as_of")
CLIENTS_WITH_FIGURES = Table(
    "Clients",
    CSV_COLUMNS + FIGURE_COLUMNS,
    CLIENTS.dates | {"last_order", "figures_as_of"},
    {**CLIENTS.widths, "status": 12, "revenue_12m": 14, "rfm_segment": 15, "figures_as_of": 12},
    "clients",
    amounts=frozenset({"revenue_12m"}),
    counts=frozenset({"orders_12m"}),
)


def figure_cells(figures: Mapping) -> dict:
    """FiguresAsOf.of(…) -> the FIGURE_COLUMNS cells, as the client table shows them:
    labels for status and segment, ISO dates (the writer formats them), cents."""
    from crmdesk.store.figures import segment_label, status_label

    def value(key: str):
        return "" if figures.get(key) is None else figures[key]

    return {
        "status": status_label(figures),
        "revenue_12m": value("revenue_year_cents"),
        "orders_12m": value("orders_year"),
        "last_order": value("last_order"),
        "rfm_code": value("rfm_code"),
        "rfm_segment": segment_label(figures.get("rfm_segment")),
        "figures_as_of": value("figures_as_of"),
    }


def euros_text(cents: int) -> str:
    """« 112450,00 »: an amount as French Excel reads a number (no grouping, decimal comma)."""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{'-' if cents < 0 else ''}{whole},{rest:02d}"


def format_for_path(path: str | Path | None, explicit: str | None = None) -> str:
    """--format wins; otherwise the extension of --out decides (.xlsx, .vcf; csv by default)."""
    if explicit:
        return explicit
    if path is None or str(path) == "-":
        return "csv"
    return _SUFFIXES.get(Path(path).suffix.lower(), "csv")


def export_phone(e164: str | None, country: str | None) -> str:
    if not e164:
        return ""
    national = (country or "FR").upper() == "FR"
    if national and len(e164) == 12 and e164.startswith("+33") and e164[3:].isdigit() and e164[3] != "8":
        # « 06 12 34 56 78 » without phonenumbers (60 % of an export's time); 08 numbers are
        # grouped their own way (« 0 800 12 34 56 »)
        return format_phone(e164)
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    national = national and number.country_code == 33
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def export_siret(siret: str | None) -> str:
    if siret and len(siret) == 14 and siret.isdigit():
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    return siret or ""


def client_row(record: Mapping) -> dict[str, str]:
    """A contact (store row with `rep` and `tags`) -> {canonical column: text};
    dates stay ISO here (the writer formats them)."""
    row = {}
    for name in CSV_COLUMNS:
        value = record[name]
        if name in _BOOLS:
            value = "oui" if value else "non"
        elif name == "phone":
            value = export_phone(value, record["country"])
        elif name == "siret":
            value = export_siret(value)
        elif value is None:
            value = ""
        row[name] = str(value)
    return row


# -- writing a table --------------------------------------------------------------------------
# Control characters no import reads back (stored before they were refused): dropped, as in XLSX.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _printable(value):
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def write_table_csv(table: Table, rows: Iterable[Mapping[str, str]], target: BinaryIO) -> int:
    """Rows of text (ISO dates in `table.dates`) as a French-Excel CSV; returns how many."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    try:
        out = csvfile.writer(text)
        out.writerow(table.columns)
        count = 0
        neutralise = csvfile.neutralise
        dates = table.dates
        numbers = table.amounts | table.counts

        def cell(name: str, value):
            if name in numbers:  # our own numbers: never a formula, a minus sign kept
                return "" if value == "" else euros_text(value) if name in table.amounts else str(value)
            return neutralise(_printable(format_date(value) if name in dates and value else value))

        for row in rows:
            out.writerow([cell(name, row[name]) for name in table.columns])
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def write_table_xlsx(table: Table, rows: Iterable[Mapping[str, str]], target: BinaryIO, total: int) -> int:
    """Rows of text as an Excel workbook of one sheet; `total` (at least the
    number of rows) refuses early what a sheet cannot hold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if total + 1 > XLSX_MAX_ROWS:
        raise CrmError(
            N_("{count} {noun} : c'est plus qu'une feuille Excel ne peut contenir ({most}). Exportez en CSV."),
            count=total,
            noun=_(table.noun),
            most=XLSX_MAX_ROWS - 1,
        )
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = table.widths.get(name, 12)
    bold = Font(bold=True)
    header = []
    for name in table.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    dates = table.dates
    try:
        for row in rows:
            cells = []
            for name in table.columns:
                value = row[name]
                if name in table.amounts or name in table.counts:
                    if value == "":
                        cells.append(None)
                        continue
                    cell = WriteOnlyCell(sheet, value=value / 100 if name in table.amounts else value)
                    if name in table.amounts:
                        cell.number_format = '#,##0.00 "€"'
                    cells.append(cell)
                    continue
                if name in dates:
                    if value:
                        cell = WriteOnlyCell(sheet, value=dt.date.fromisoformat(value[:10]))
                        cell.number_format = "DD/MM/YYYY"
                        cells.append(cell)
                    else:
                        cells.append(None)
                    continue
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if "\r" in value:  # XML reads a CR as a line feed anyway: say so (Excel breaks lines on LF)
                    value = value.replace("\r\n", "\n").replace("\r", "\n")
                if row[name][:1] in csvfile.FORMULA_START:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True  # and kept as text when edited in Excel or LibreOffice
                    cells.append(cell)
                else:
                    cells.append(value if value else None)
            sheet.append(cells)
            count += 1
    except BaseException:  # stopped or failed: end openpyxl's row writer and remove its temporary file
        with contextlib.suppress(Exception):
            sheet.close()
            sheet._writer.cleanup()
        raise
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{count + 1}"
    _save(book, target)
    return count


def _save(book, target: BinaryIO) -> None:
    """openpyxl's Workbook.save, but its zip closed even when writing fails (a full disk):
    otherwise the half-written archive is closed at exit, on a closed file (« Exception ignored »)."""
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # sets its file aside, whatever the disk says
        raise


def write_table(table: Table, fmt: str, rows: Iterable[Mapping[str, str]], target: BinaryIO, total: int) -> int:
    if fmt == "xlsx":
        return write_table_xlsx(table, rows, target, total)
    return write_table_csv(table, rows, target)


def reporting(items: Iterable[T], total: int, progress: Progress | None) -> Iterator[T]:
    """`items`, calling progress(done, total) at the start, every
    PROGRESS_EVERY items and at the end (it may raise to stop)."""
    if progress is None:
        yield from items
        return
    progress(0, total)
    done = 0
    for item in items:
        yield item
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, max(total, done))
    progress(done, max(total, done))


# -- the clients ------------------------------------------------------------------------------
def selection(
    database: Database, ids: Sequence[int] | None = None, query: ContactQuery | None = None
) -> tuple[int, Iterable]:
    """(about how many, the contacts' rows): the ids in their order, else the
    query's clients in its order, else every live client by N° client."""
    if ids is None and query is not None:
        ids = ContactStore(database).ids(query)
    if ids is None:
        return exports.live_count(database), exports.all_clients(database)
    return len(ids), exports.clients_by_ids(database, ids)


def export_clients(
    database: Database,
    out: str | Path | BinaryIO,
    fmt: str = "csv",
    *,
    ids: Sequence[int] | None = None,
    query: ContactQuery | None = None,
    progress: Progress | None = None,
    vcard_version: str = vcard.DEFAULT_VERSION,
    figures_as_of: dt.date | None = None,
) -> int:
    """Write clients to a path (atomically) or to an open binary stream;
    returns how many were written.

    ids: these clients, in this order (trashed ones skipped); query: the
    clients of a filter, a status (`ContactQuery(status=…)`) or an RFM
    segment (`ContactQuery(rfm_segment=…)`), in its order; neither: every
    live client by N° client. figures_as_of: add FIGURE_COLUMNS, the figures
    of that day (CSV and Excel only)."""
    if fmt not in FORMATS:
        raise CrmError(N_("format inconnu « {fmt} » (csv, xlsx ou vcard)"), fmt=fmt)
    if vcard_version not in vcard.VERSIONS:
        raise CrmError(N_("version de vCard inconnue « {vcard_version} » (3.0 ou 4.0)"), vcard_version=vcard_version)
    if figures_as_of is not None and fmt not in TABLE_FORMATS:
        raise CrmError(_("Les chiffres des clients s'exportent en CSV ou en xlsx, pas en vCard."))

    def write(handle: BinaryIO) -> int:
        total, found = selection(database, ids, query)
        with contextlib.closing(iter(found)) as records:  # its cursor closed here, even on a full disk
            records = reporting(records, total, progress)
            if fmt == "vcard":
                return vcard.write_cards(records, handle, vcard_version)
            if figures_as_of is None:
                return write_table(CLIENTS, fmt, (client_row(r) for r in records), handle, total)
            from crmdesk.store.figures import FiguresAsOf

            view = FiguresAsOf(database, figures_as_of)
            view.prepare(ids)
            rows = ({**client_row(r), **figure_cells(view.of(r["id"], r))} for r in records)
            return write_table(CLIENTS_WITH_FIGURES, fmt, rows, handle, total)

    return write_output(database, out, write)


# -- writing safely -----------------------------------------------------------------------------
def write_output(database: Database, out: str | Path | BinaryIO, write: Callable[[BinaryIO], T]) -> T:
    """Run write(binary stream) inside one read transaction of `database`,
    into `out`: an open stream, or a path written all or nothing and
    owner-only (crmdesk.store.files.private_output: a temporary file of the
    same folder renamed at the end; an error, a full disk or a cancel leaves
    the previous file, or none, and one French message)."""
    with exports.snapshot(database):
        if not isinstance(out, (str, Path)):
            return write(out)
        path = Path(out)
        _refuse_overwriting_a_database(path, database.path)
        if not path.parent.is_dir():
            raise CrmError(N_("Le dossier « {folder} » n'existe pas : rien n'a été exporté."), folder=path.parent)
        with private_output(path, "wb") as handle:
            return write(handle)


def _refuse_overwriting_a_database(path: Path, database_path: Path | None) -> None:
    if database_path is not None and path.exists() and path.resolve() == database_path.resolve():
        raise CrmError(
            N_("« {name} » est le fichier clients lui-même : choisissez un autre nom d'export."), name=path.name
        )
    if path.is_dir():
        raise CrmError(N_("« {path} » est un dossier : indiquez un nom de fichier (ex. clients.csv)."), path=path)
    if path.is_file():
        with open(path, "rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                raise CrmError(
                    N_(
                        "« {name} » est une base de données, pas un export : il n'a pas été remplacé. "
                        "Choisissez un autre nom."
                    ),
                    name=path.name,
                )
