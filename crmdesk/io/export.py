"""Export of the clients (not those in the trash) as CSV or Excel.

The columns are the canonical ones (`contact.CSV_COLUMNS`), written so that
crmdesk's own import reads the file back unchanged:
- dates dd/mm/yyyy, consents « oui »/« non », tags « a, b », the rep's name;
- French phones in the national format (« 06 12 34 56 78 »), others and
  contacts abroad in the international format (« +32 2 123 45 67 »);
- SIRET grouped « 362 521 879 00034 » (a spreadsheet keeps it as text).

CSV: UTF-8 with BOM, `;` separator, CRLF — what French Excel opens with the
accents right. A cell starting with = + - @ tab CR or ' is prefixed with an
apostrophe so that no spreadsheet runs it as a formula; the import removes
that apostrophe.

Excel (.xlsx, openpyxl write-only): text cells are typed as text (never
formulas, no apostrophe needed), dates are real dates shown dd/mm/yyyy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from pathlib import Path
from typing import BinaryIO, Iterator

import phonenumbers

from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.io import csvfile
from crmdesk.store.database import Database

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_048_576
_DATES = ("birth_date", "first_contact")
_BOOLS = ("consent_email", "consent_sms", "consent_phone")

_QUERY = """
SELECT c.*,
       (SELECT name FROM reps WHERE reps.id = c.rep_id) AS rep,
       (SELECT group_concat(name, ', ') FROM
            (SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.contact_id = c.id ORDER BY t.name)) AS tags
FROM contacts c
WHERE c.deleted_at IS NULL
ORDER BY c.code
"""


def format_for_path(path: str | Path | None, explicit: str | None = None) -> str:
    """--format wins; otherwise the extension of --out decides (csv by default)."""
    if explicit:
        return explicit
    if path is not None and str(path) != "-" and Path(path).suffix.lower() == ".xlsx":
        return "xlsx"
    return "csv"


def export_phone(e164: str | None, country: str | None) -> str:
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    national = number.country_code == 33 and (country or "FR").upper() == "FR"
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def export_siret(siret: str | None) -> str:
    if siret and len(siret) == 14 and siret.isdigit():
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    return siret or ""


def rows(database: Database) -> Iterator[dict]:
    """Each live contact as {canonical column: value}; dates stay ISO here."""
    for record in database.conn.execute(_QUERY):
        row = {}
        for name in CSV_COLUMNS:
            value = record[name]
            if name in _BOOLS:
                value = bool(value)
            elif name == "phone":
                value = export_phone(value, record["country"])
            elif name == "siret":
                value = export_siret(value)
            elif value is None:
                value = ""
            row[name] = value
        yield row


def _text(name: str, value) -> str:
    if name in _BOOLS:
        return "oui" if value else "non"
    if name in _DATES:
        return format_date(value) if value else ""
    return str(value)


def write_csv(database: Database, target: BinaryIO) -> int:
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
    try:
        out = csvfile.writer(text)
        out.writerow(CSV_COLUMNS)
        count = 0
        neutralise = csvfile.neutralise
        for row in rows(database):
            out.writerow([neutralise(_text(name, row[name])) for name in CSV_COLUMNS])
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def write_xlsx(database: Database, target: BinaryIO) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    total = database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")
    if total + 1 > XLSX_MAX_ROWS:
        raise CrmError(f"{total} clients : c'est plus qu'une feuille Excel ne peut contenir "
                       f"({XLSX_MAX_ROWS - 1}). Exportez en CSV.")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Clients")
    sheet.freeze_panes = "A2"
    widths = {"code": 12, "last_name": 20, "first_name": 16, "company": 24, "email": 28, "phone": 16,
              "address": 30, "city": 18, "notes": 40, "tags": 20, "siret": 19}
    for index, name in enumerate(CSV_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 12)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{total + 1}"
    bold = Font(bold=True)
    header = []
    for name in CSV_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows(database):
        cells = []
        for name in CSV_COLUMNS:
            value = row[name]
            if name in _DATES:
                if value:
                    cell = WriteOnlyCell(sheet, value=dt.date.fromisoformat(value[:10]))
                    cell.number_format = "DD/MM/YYYY"
                    cells.append(cell)
                else:
                    cells.append(None)
                continue
            text = ILLEGAL_CHARACTERS_RE.sub("", _text(name, value))
            if text.startswith("="):
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"  # text, never a formula
                cells.append(cell)
            else:
                cells.append(text if text else None)
        sheet.append(cells)
        count += 1
    book.save(target)
    return count


def export_clients(database: Database, out: str | Path | BinaryIO, fmt: str = "csv") -> int:
    """Write the clients to a path (atomically: a temporary file renamed at
    the end) or to an open binary stream. Returns how many were written.

    Everything is read in one read transaction: a consistent picture even
    while the application writes to the file."""
    if fmt not in FORMATS:
        raise CrmError(f"format inconnu « {fmt} » (csv ou xlsx)")
    write = write_xlsx if fmt == "xlsx" else write_csv
    conn = database.conn
    conn.execute("BEGIN")
    try:
        if not isinstance(out, (str, Path)):
            return write(database, out)
        path = Path(out)
        _refuse_overwriting_a_database(path, database.path)
        if not path.parent.is_dir():
            raise CrmError(f"Le dossier « {path.parent} » n'existe pas : rien n'a été exporté.")
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as handle:
                count = write(database, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except OSError as exc:
            raise CrmError(f"Impossible d'écrire « {path} » : {exc.strerror or exc}. "
                           "Rien n'a été exporté.") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        return count
    finally:
        conn.execute("COMMIT")


def _refuse_overwriting_a_database(path: Path, database_path: Path) -> None:
    if path.exists() and path.resolve() == database_path.resolve():
        raise CrmError(f"« {path.name} » est le fichier clients lui-même : choisissez un autre nom d'export.")
    if path.is_dir():
        raise CrmError(f"« {path} » est un dossier : indiquez un nom de fichier (ex. clients.csv).")
    if path.is_file():
        with open(path, "rb") as handle:
            if handle.read(16) == b"SQLite format 3\x00":
                raise CrmError(f"« {path.name} » est une base de données, pas un export : il n'a pas été "
                               "remplacé. Choisissez un autre nom.")
