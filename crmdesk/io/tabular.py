"""Reading a table of data from a CSV, Excel (.xlsx) or OpenDocument (.ods) file.

One interface for the three (`open_table(path, sheet=None)`): a `Table` with
its `header` (cells of the first non-empty row, as text), `rows()` (the
following non-empty rows as `Row(line, cells)`, cells a list of strings, line
the line (CSV) or row (spreadsheet) number where the row starts, so that
every message can say « ligne 7 »), `require_rows()` (refuses a file with
nothing after its header), `format` (« csv », « xlsx », « ods »),
`description` (« UTF-8, séparateur point-virgule », « classeur Excel,
feuille « Clients » »). `sheet_names(path)` lists a workbook's sheets.
Everything streams: a 200 Mo CSV or a big sheet is never held in memory.

- CSV: `crmdesk.io.csvfile` (encoding and separator detected, binary files
  and absurdly long lines refused before anything is read).
- XLSX: openpyxl in read-only mode with `data_only=True` reads the workbook
  (sheets, shared strings, styles); the sheet itself is parsed here as it
  streams out of the zip (defusedxml, each row forgotten once read), cell
  values converted by openpyxl's own parser: a formula gives the value the
  spreadsheet last computed and saved, it is never run; an empty cell, even
  styled (a border at column XFD, a million formatted empty rows), costs
  nothing. The first worksheet is read unless `sheet` names another one.
- ODS: content.xml parsed as it streams out of the zip, with defusedxml
  (no DTD, no entities): `table:number-rows-repeated` and
  `table:number-columns-repeated` are expanded only for non-empty cells (a
  sheet ending with « 1 048 000 empty rows » costs nothing).

Spreadsheet cells become the text a French user typed: whole numbers
without « .0 » (« 06000 » kept when the cell format or the displayed text
has the leading zero), other numbers with a dot and at most 15 significant
digits (what the spreadsheet shows), dates dd/mm/yyyy (with hh:mm:ss when
there is a time), booleans « oui »/« non ».

Spreadsheets that are small but expand enormously are refused in seconds:
the rows a sheet gives may hold MAX_CELLS cells in all (64 columns on each
of the 1 048 576 rows a sheet has), counted before an ODS row repeated a
million times is expanded; a row wider than MAX_COLUMNS is cut there (no
spreadsheet has more columns).

Hostile files are refused with a French message before they can fill memory:
a zip whose members declare more than MAX_UNCOMPRESSED_BYTES in all, or a
member over 1 Mio inflating more than MAX_RATIO times (a « zip bomb »); an
XML part declaring a DOCTYPE or entities (« billion laughs »), checked on the
first bytes of every part and refused again by defusedxml while parsing.
Python's zipfile never inflates a member beyond its declared size (it stops
and reports a bad CRC), so the declared sizes bound what is read.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.io.csvfile import MAX_COLUMNS, CsvRow, CsvSource, refuse_known

Row = CsvRow  # .line (1-based line or row number), .cells (list[str])

MAX_UNCOMPRESSED_BYTES = 1 << 30  # 1 Gio for all the members of a workbook
MAX_RATIO = 100  # uncompressed / compressed, for members over RATIO_FROM
RATIO_FROM = 1 << 20
MAX_MEMBERS = 10_000
MAX_ROWS = 1_048_576
MAX_CELLS = 64 * MAX_ROWS  # cells a sheet may give in all (empty ones between values included)
_PROLOG_BYTES = 64 * 1024
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class Table:
    """An open file to import: `header`, `rows()`, and what it is (`format`,
    `description`). Use it as a context manager (or call `close`)."""

    format = ""
    encoding = ""  # CSV only: « UTF-8 », « Windows-1252 (Excel) »
    delimiter = ""  # CSV only: « point-virgule »…
    sheet = ""  # spreadsheets: the sheet read

    def __init__(self, path: Path):
        self.path = path
        self.header: list[str] = []
        self.notes: list[str] = []  # what the import's report should say of the file (mixed encodings…)
        self.header_line = 1
        self._first: Row | None = None
        self._rows: Iterator[Row] | None = None
        self._iter: Iterator[Row] = iter(())

    @property
    def description(self) -> str:
        """« UTF-8, séparateur point-virgule », « classeur Excel, feuille « Clients » »."""
        raise NotImplementedError

    def rows(self) -> Iterator[Row]:
        """The non-empty rows after the header, each once (a second call goes on where the first stopped)."""
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        yield from self._source_rows()

    def require_rows(self) -> None:
        """CrmError (French) if the file has no row after its header; the row
        looked at is still given by `rows()`."""
        if self._first is None:
            self._first = next(self._source_rows(), None)
            if self._first is None:
                raise CrmError(
                    N_("« {name} » ne contient que la ligne d'en-tête (ligne {line}) : aucune ligne à importer."),
                    name=self.path.name,
                    line=self.header_line,
                )

    def _source_rows(self) -> Iterator[Row]:
        if self._rows is None:
            self._rows = self._read()
        return self._rows

    def _read(self) -> Iterator[Row]:
        return self._iter  # spreadsheets: the rows after the one `_header` took

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """The table in `path`, whatever its format (found from the content, not
    the extension). CrmError in French for anything that cannot be read."""
    path = Path(path)
    found = _workbook(path)
    if found is None:
        if sheet:
            raise CrmError(
                N_("« {name} » est un fichier CSV : il n'a pas de feuilles (« {sheet} »)."), name=path.name, sheet=sheet
            )
        return _CsvTable(path)
    kind, archive = found
    try:
        return _XlsxTable(path, archive, sheet) if kind == "xlsx" else _OdsTable(path, archive, sheet)
    except BaseException:
        archive.close()
        raise


def sheet_names(path: str | Path) -> list[str]:
    """The worksheets of a workbook, in order, to choose one ([] for a CSV file)."""
    path = Path(path)
    found = _workbook(path)
    if found is None:
        return []
    kind, archive = found
    with archive:
        if kind == "xlsx":
            table = _XlsxTable(path, archive, None, header=False)
            try:
                return [name for name, _part in table.sheets]
            finally:
                table.close()
        return _ods_sheet_names(path, archive)


def _workbook(path: Path) -> tuple[str, zipfile.ZipFile] | None:
    """(« xlsx » or « ods », the checked zip) for a workbook, None for a text file."""
    if not path.exists():
        raise CrmError(N_("Fichier à importer introuvable : « {path} »."), path=path)
    if path.is_dir():
        raise CrmError(N_("« {path} » est un dossier, pas un fichier à importer."), path=path)
    with open(path, "rb") as handle:
        head = handle.read(16)
    if not head:
        raise CrmError(N_("Le fichier « {name} » est vide."), name=path.name)
    refuse_known(path, head)
    if not head.startswith(b"PK\x03\x04"):
        return None
    archive = _open_zip(path)
    try:
        kind = _workbook_kind(path, archive)
        _check_members(path, archive)
    except BaseException:
        archive.close()
        raise
    return kind, archive


# -- CSV -------------------------------------------------------------------------------------


class _CsvTable(Table):
    format = "csv"

    def __init__(self, path: Path):
        super().__init__(path)
        self._source = CsvSource(path)
        self.header = self._source.header
        self.header_line = self._source.header_line
        self.encoding = self._source.encoding_name
        self.delimiter = self._source.delimiter_name
        self.notes = list(self._source.notes)

    @property
    def description(self) -> str:
        return _("{encoding}, séparateur {separator}", encoding=self.encoding, separator=self.delimiter)

    def _read(self) -> Iterator[Row]:
        return self._source.rows()

    def close(self) -> None:
        self._source.close()


# -- zip checks ------------------------------------------------------------------------------


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _damaged(path) from None


def _damaged(path: Path, detail: str = "") -> CrmError:
    return CrmError(
        N_(
            "« {name} » est un classeur abîmé ou incomplet{detail} : ouvrez-le dans votre tableur, "
            "enregistrez-le de nouveau puis recommencez. Rien n'a été importé."
        ),
        name=path.name,
        detail=detail,
    )


def _workbook_kind(path: Path, archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        mimetype = archive.read(info).strip() if info.file_size < 200 else b""
        if mimetype == _ODS_MIMETYPE:
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise CrmError(
                N_(
                    "« {name} » est un document OpenDocument qui n'est pas un classeur (texte, "
                    "présentation…) : seuls les classeurs .ods, .xlsx et les fichiers CSV s'importent."
                ),
                name=path.name,
            )
    if "word/document.xml" in names:
        raise CrmError(
            N_(
                "« {name} » est un document Word, pas un classeur : seuls les classeurs .xlsx, .ods et les "
                "fichiers CSV s'importent."
            ),
            name=path.name,
        )
    raise CrmError(
        N_(
            "« {name} » est une archive zip qui n'est pas un classeur : seuls les classeurs .xlsx, .ods et "
            "les fichiers CSV s'importent."
        ),
        name=path.name,
    )


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb (declared sizes and ratios) and XML with a DOCTYPE,
    before any member is inflated by a parser."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _hostile(path, _("il contient {count} fichiers", count=len(infos)))
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise CrmError(
                N_("« {name} » est protégé par un mot de passe : enregistrez-le sans mot de passe puis recommencez."),
                name=path.name,
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _hostile(
                path,
                _(
                    "« {name} » se décompresserait {ratio} fois plus gros (au plus {most} pour un vrai classeur)",
                    name=info.filename,
                    ratio=ratio,
                    most=MAX_RATIO,
                ),
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _hostile(
            path,
            _(
                "il se décompresserait en {size:.1f} Gio (au plus {most:.0f} Gio ; pour un si gros "
                "fichier, enregistrez-le en CSV)",
                size=total / (1 << 30),
                most=MAX_UNCOMPRESSED_BYTES / (1 << 30),
            ),
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            _check_prolog(path, archive, info)


def _check_prolog(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        with archive.open(info) as member:
            start = member.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise _damaged(path, _(" (« {name} » : {reason})", name=info.filename, reason=exc)) from None
    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
        raise _hostile(
            path, _("« {name} » déclare des entités XML (DOCTYPE), ce qu'aucun tableur ne fait", name=info.filename)
        )


def _parser_error(path: Path, exc: BaseException) -> CrmError:
    """The French message for what a parser raised (openpyxl wraps the cause in a ValueError)."""
    from defusedxml import DefusedXmlException

    causes = [exc]
    while causes[-1].__cause__ is not None and len(causes) < 10:
        causes.append(causes[-1].__cause__)
    if any(isinstance(c, DefusedXmlException) for c in causes):
        return _hostile(path, _("il contient du XML piégé (entités ou DTD)"))
    detail = str(causes[-1]).splitlines()[0][:160] if str(causes[-1]) else type(causes[-1]).__name__
    return _damaged(path, f" ({detail})")


def _hostile(path: Path, why: str) -> CrmError:
    return CrmError(
        N_("« {name} » est refusé : {reason}. Ce fichier peut être piégé ; rien n'a été lu ni importé."),
        name=path.name,
        reason=why,
    )


# -- cell values ------------------------------------------------------------------------------

_ZEROS = re.compile(r"0+")


def number_text(value: int | float, digits: int = 0) -> str:
    """1254.0 -> « 1254 », 12.5 -> « 12.5 », 0.1 + 0.2 -> « 0.3 » (15 significant
    digits, as a spreadsheet shows it); zero-padded to `digits` (« 06000 »)."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
        else:
            return format(value, ".15g")
    text = str(value)
    if digits > len(text) and value >= 0:
        text = text.zfill(digits)
    return text


def date_text(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M:%S")
    return value.strftime("%d/%m/%Y")


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


# -- XLSX ------------------------------------------------------------------------------------


class _XlsxTable(Table):
    format = "xlsx"

    def __init__(self, path: Path, archive: zipfile.ZipFile, sheet: str | None, *, header: bool = True):
        super().__init__(path)
        self._archive = archive
        self._reader = self._book = None
        try:
            self._open(sheet, header)
        except CrmError:
            self.close()
            raise
        except Exception as exc:  # whatever a damaged or hostile file makes the parser raise
            self.close()
            raise self._error(exc) from None

    def _open(self, sheet: str | None, header: bool) -> None:
        import warnings

        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        self._archive.fp.seek(0)  # openpyxl reads the very file checked
        with warnings.catch_warnings():  # « no default style »… : nothing the user can act on
            warnings.simplefilter("ignore")
            # The workbook's parts, but not its worksheets: openpyxl's read-only sheets parse the whole
            # sheet once to size it (37 s for a million empty formatted rows); `_cells` reads it once.
            self._reader = ExcelReader(self._archive.fp, read_only=True, data_only=True, keep_links=False)
            self._reader.read_manifest()
            self._reader.read_strings()
            self._reader.read_workbook()
            apply_stylesheet(self._reader.archive, self._reader.wb)
        self._book = self._reader.wb
        self.sheets = [
            (found.name, rel.target)
            for found, rel in self._reader.parser.find_sheets()
            if rel.target in self._reader.valid_files and "chartsheet" not in rel.Type
        ]
        if not header:
            return
        if not self.sheets:
            raise CrmError(N_("« {name} » n'a aucune feuille de calcul."), name=self.path.name)
        if sheet is None:
            self.sheet, self._part = self.sheets[0]
        else:
            found = [part for name, part in self.sheets if name == sheet]
            if not found:
                names = ", ".join(_("« {name} »", name=name) for name, _part in self.sheets)
                raise CrmError(
                    N_("« {name} » n'a pas de feuille « {sheet} » (feuilles : {names})."),
                    name=self.path.name,
                    sheet=sheet,
                    names=names,
                )
            self.sheet, self._part = sheet, found[0]
        self._iter = self._cells()
        self.header_line, self.header = _header(self)

    @property
    def description(self) -> str:
        return _("classeur Excel, feuille « {sheet} »", sheet=self.sheet)

    def _error(self, exc: BaseException) -> CrmError:
        return _parser_error(self.path, exc)

    def _cells(self) -> Iterator[Row]:
        from defusedxml.ElementTree import iterparse
        from openpyxl.worksheet._reader import WorkSheetParser

        book = self._book
        # No date formats given to the parser: it would warn once per odd date; `_cell_text` converts them.
        parser = WorkSheetParser(
            None,
            self._reader.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=set(),
            timedelta_formats=set(),
        )
        budget = _Budget(self.path)
        formats: dict[int, str | None] = {}
        try:
            with self._reader.archive.open(self._part) as stream:
                stack: list = []
                cells: list[str] = []
                number = 0
                in_cell = False
                for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                    tag = element.tag
                    if event == "start":
                        if tag == _X_ROW:
                            number = parser.row_counter = _row_number(element.get("r"), number)
                            parser.col_counter = 0
                            cells = []
                        elif tag == _X_CELL:
                            in_cell = True
                        stack.append(element)
                        continue
                    stack.pop()
                    if tag == _X_CELL:
                        in_cell = False
                        self._place(parser.parse_cell(element), cells, formats)
                    elif in_cell:
                        continue  # the cell's value: read when the cell ends
                    elif tag == _X_ROW:
                        if number > MAX_ROWS:
                            return
                        if cells:
                            budget.spend(len(cells))
                            yield Row(number, cells)
                            cells = []
                    if stack:
                        stack[-1].remove(element)  # read: forgotten (constant memory)
        except CrmError:
            raise
        except Exception as exc:
            raise self._error(exc) from None

    def _place(self, cell: dict, cells: list[str], formats: dict[int, str | None]) -> None:
        """A parsed cell's text at its column of `cells` (empty cells, even styled, are left out)."""
        value, column = cell["value"], cell["column"]
        if value is None or value == "" or column > MAX_COLUMNS:
            return
        if column > len(cells) + 1:
            cells.extend([""] * (column - 1 - len(cells)))
        text = value if type(value) is str else _cell_text(self._book, cell, formats)
        if column <= len(cells):
            cells[column - 1] = text  # a cell given twice: the last one wins
        else:
            cells.append(text)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.archive.close()
        self._archive.close()


_X_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_X_ROW, _X_CELL = _X_MAIN + "row", _X_MAIN + "c"


def _row_number(text: str | None, previous: int) -> int:
    """A row's « r » attribute, or the one after the previous row."""
    if not text:
        return previous + 1
    try:
        return int(float(text))
    except ValueError:
        return previous + 1


def _cell_text(book, cell: dict, formats: dict[int, str | None]) -> str:
    """The text of a number, date or boolean cell, its number format looked up once per style."""
    style = cell["style_id"] or 0
    if style not in formats:
        formats[style] = _number_format(book, style)
    value = cell["value"]
    if cell["data_type"] == "n" and isinstance(value, (int, float)) and style in book._date_formats:
        from openpyxl.utils.datetime import from_excel

        try:
            value = from_excel(value, book.epoch, timedelta=style in book._timedelta_formats)
        except (OverflowError, ValueError):
            pass  # not a date a spreadsheet shows: the number as it is
        if isinstance(value, dt.timedelta):
            return str(value)
    return _xlsx_text(value, formats[style])


def _number_format(book, style: int) -> str | None:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        format_id = book._cell_styles[style].numFmtId
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(format_id)
        return book._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, AttributeError):
        return None


class _Budget:
    """The cells a sheet has given so far: MAX_CELLS at most (then the file is refused)."""

    def __init__(self, path: Path):
        self.path = path
        self.used = 0

    def spend(self, cells: int) -> None:
        self.used += cells
        if self.used > MAX_CELLS:
            raise CrmError(
                _(
                    "« {name} » est refusé : ses lignes se déploieraient en plus de {most} millions de "
                    "cellules (un classeur de clients en a bien moins). Ce fichier peut être piégé ; "
                    "rien n'a été importé.",
                    name=self.path.name,
                    most=MAX_CELLS // 1_000_000,
                )
            )


def _xlsx_text(value, number_format: str | None) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        digits = len(number_format) if number_format and _ZEROS.fullmatch(number_format) else 0
        return number_text(value, digits)
    if isinstance(value, (dt.datetime, dt.date)):
        return date_text(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _header(table: Table) -> tuple[int, list[str]]:
    """The first non-empty row of a sheet: (its number, its cells)."""
    first = next(table._iter, None)
    if first is None:
        raise CrmError(N_("La feuille « {sheet} » de « {name} » est vide."), sheet=table.sheet, name=table.path.name)
    return first.line, [cell.replace("\ufeff", "").strip() for cell in first.cells]


# -- ODS -------------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ROW, _CELL, _COVERED, _SHEET = (
    _TABLE + "table-row",
    _TABLE + "table-cell",
    _TABLE + "covered-table-cell",
    _TABLE + "table",
)
_ROWS_REPEATED, _COLUMNS_REPEATED = _TABLE + "number-rows-repeated", _TABLE + "number-columns-repeated"
_VALUE_TYPE, _VALUE = _OFFICE + "value-type", _OFFICE + "value"
_P, _S, _TAB, _BREAK = _TEXT + "p", _TEXT + "s", _TEXT + "tab", _TEXT + "line-break"


class _OdsTable(Table):
    format = "ods"

    def __init__(self, path: Path, archive: zipfile.ZipFile, sheet: str | None):
        super().__init__(path)
        self._archive = archive
        self._wanted = sheet
        self._stream = None
        try:
            if "content.xml" not in archive.namelist():
                raise _damaged(path, _(" (content.xml manquant)"))
            self._iter = self._cells()
            self.header_line, self.header = _header(self)
        except BaseException:
            self.close()
            raise

    @property
    def description(self) -> str:
        return _("classeur OpenDocument, feuille « {sheet} »", sheet=self.sheet)

    def _cells(self) -> Iterator[Row]:
        from defusedxml.ElementTree import iterparse

        self._stream = self._archive.open("content.xml")
        try:
            yield from self._parse(iterparse(self._stream, events=("start", "end"), forbid_dtd=True))
        except CrmError:
            raise
        except Exception as exc:  # ParseError, DefusedXmlException, BadZipFile (bad CRC)…
            raise _parser_error(self.path, exc) from None
        if not self.sheet:
            if self._wanted:
                raise CrmError(
                    N_("« {name} » n'a pas de feuille « {sheet} »."), name=self.path.name, sheet=self._wanted
                )
            raise CrmError(N_("« {name} » n'a aucune feuille de calcul."), name=self.path.name)

    def _parse(self, events) -> Iterator[Row]:
        stack: list = []
        depth_in_sheet = None  # len(stack) of the sheet being read
        number = 0  # row number in the sheet
        cells: list[str] = []
        empties = 0  # empty cells not yet added (added only if a value follows)
        budget = _Budget(self.path)
        for event, element in events:
            if event == "start":
                stack.append(element)
                if element.tag == _SHEET and depth_in_sheet is None and not self.sheet:
                    name = element.get(_TABLE + "name", "")
                    if self._wanted is None or name == self._wanted:
                        self.sheet, depth_in_sheet = name or "1", len(stack)
                continue
            stack.pop()
            tag = element.tag
            if depth_in_sheet is None:
                if tag in (_SHEET, _ROW, _CELL, _COVERED):
                    stack[-1].remove(element)  # another sheet: forget it as it goes
                continue
            if tag in (_CELL, _COVERED):
                repeat = _repeat(element.get(_COLUMNS_REPEATED))
                text = _ods_text(element) if tag == _CELL else ""
                if text:
                    room = MAX_COLUMNS - len(cells) - empties
                    if room > 0:
                        cells.extend([""] * empties)
                        cells.extend([text] * min(repeat, room))
                    empties = 0
                else:
                    empties += repeat
                stack[-1].remove(element)
            elif tag == _ROW:
                repeat = _repeat(element.get(_ROWS_REPEATED))
                if cells:
                    repeat = min(repeat, MAX_ROWS - number)
                    budget.spend(repeat * len(cells))  # before a row repeated a million times is expanded
                    for _ in range(repeat):
                        number += 1
                        yield Row(number, list(cells))
                else:
                    number += repeat
                cells, empties = [], 0
                stack[-1].remove(element)
                if number >= MAX_ROWS:
                    return
            elif tag == _SHEET and len(stack) + 1 == depth_in_sheet:
                return

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        self._archive.close()


def _ods_sheet_names(path: Path, archive: zipfile.ZipFile) -> list[str]:
    from defusedxml.ElementTree import iterparse

    names, stack = [], []
    try:
        with archive.open("content.xml") as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if element.tag == _SHEET and not any(e.tag == _SHEET for e in stack):
                        names.append(element.get(_TABLE + "name", ""))
                    stack.append(element)
                    continue
                stack.pop()
                if stack:
                    stack[-1].remove(element)  # nothing kept: constant memory
    except KeyError:
        raise _damaged(path, _(" (content.xml manquant)")) from None
    except Exception as exc:
        raise _parser_error(path, exc) from None
    return names


def _repeat(text: str | None) -> int:
    if not text:
        return 1
    try:
        return max(1, min(int(text), MAX_ROWS))
    except ValueError:
        return 1


def _ods_text(cell) -> str:
    kind = cell.get(_VALUE_TYPE)
    shown = "\n".join(_paragraph(p) for p in cell if p.tag == _P)
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(_VALUE)
        if raw is None:
            return shown
        try:
            value = float(raw)
        except ValueError:
            return shown
        if value.is_integer() and shown.isdigit() and int(shown) == value:
            return shown  # « 06000 » as displayed, not « 6000 »
        return number_text(value)
    if kind == "date":
        raw = cell.get(_OFFICE + "date-value", "")
        try:
            return date_text(dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw))
        except ValueError:
            return shown
    if kind == "boolean":
        return "oui" if cell.get(_OFFICE + "boolean-value") == "true" else "non"
    return shown


def _paragraph(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _S:
            parts.append(" " * _repeat(child.get(_TEXT + "c")))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)
