"""Reading and writing CSV files the way French users make them.

Reading accepts:
- UTF-8 with or without BOM, UTF-16 with BOM (Excel « Texte Unicode »),
  and Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »);
  the encoding is found by checking the whole file as UTF-8 first (a cheap
  binary pass), so a UTF-8 file with its first accent on line 900 000 is
  still read as UTF-8;
- `;`, `,` or tab as separator, chosen from the header line (an Excel
  « sep=; » first line is honoured);
- cells that crmdesk's export protected against formula injection
  (« '=… », « '+33… ») get their leading apostrophe back off.

Before any row is read, one binary pass over the whole file (`scan`) finds
the encoding and refuses what no spreadsheet writes as CSV, with a French
message and the line: NUL bytes (a binary file), a line longer than
MAX_LINE_BYTES (1 Mio), bytes that mean nothing in Windows-1252. That pass
reads 1 Mio at a time and costs a fraction of a second on a 200 Mo file.

Rows are streamed (never the whole file in memory) with the physical line
number where each row starts, so an error can say « ligne 7 ».

Writing (`writer`) produces what French Excel opens directly: UTF-8 with BOM,
`;` separator, CRLF line ends, and any cell that a spreadsheet would run as a
formula prefixed with an apostrophe.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _

# A cell starting with one of these is run as a formula by Excel/LibreOffice
# (OWASP « CSV injection »); the apostrophe itself is escaped too so that a
# value really starting with « ' » survives the round trip.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_SEPARATORS = (";", ",", "\t")
_SCAN_CHUNK = 1 << 20
# A physical line longer than this is refused before anything is read (a
# spreadsheet writes no such line; reading it would fill memory). The scan
# is exact as long as MAX_LINE_BYTES >= _SCAN_CHUNK.
MAX_LINE_BYTES = 1 << 20
# A quoted value may span lines (notes); the default limit is 128 KiB.
MAX_FIELD_CHARS = 16 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_CHARS)
# Bytes Windows-1252 leaves undefined: in a file that is not UTF-8, they say « not text ».
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def neutralise(value: str) -> str:
    """« =HYPERLINK(…) » -> « '=HYPERLINK(…) » (a spreadsheet shows it as text)."""
    if value and value[0] in FORMULA_START:
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise`: strip one apostrophe put before a formula start."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def header_key(name: str) -> str:
    """« Code postal », « code_postal », « CODE-POSTAL » -> « code_postal »."""
    return re.sub(r"[^a-z0-9]+", "_", fold(name.replace("\ufeff", ""))).strip("_")


def scan(path: Path) -> str:
    """One binary pass over the whole file: its codec (utf-8-sig, utf-16 or
    cp1252), or a CrmError in French when it is not a text file a
    spreadsheet wrote — NUL bytes (binary), a line over MAX_LINE_BYTES,
    bytes undefined in Windows-1252 when the file is not UTF-8."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        decoder = None if utf16 else codecs.getincrementaldecoder("utf-8")("strict")
        limit = MAX_LINE_BYTES * (2 if utf16 else 1)
        line = 1          # line number at the start of the chunk
        run = 0           # bytes since the last line break
        while chunk := handle.read(_SCAN_CHUNK):
            if not utf16 and b"\x00" in chunk:
                raise _not_text(path, line + chunk.count(b"\n", 0, chunk.index(b"\x00")))
            if decoder is not None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    decoder = None
            first = _first_break(chunk)
            if first < 0:
                run += len(chunk)
            else:
                run += first
            if run > limit:
                raise CrmError(N_("« {name} », ligne {line} : ligne de plus de {size} Mo. Ce n'est pas un fichier "
                                  "CSV enregistré par un tableur ; rien n'a été importé."),
                               name=path.name, line=line, size=MAX_LINE_BYTES // (1 << 20))
            if first >= 0:
                run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            line += chunk.count(b"\n")
        if utf16:
            return "utf-16"
        if decoder is not None:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                decoder = None
        if head.startswith(codecs.BOM_UTF8) or decoder is not None:
            return "utf-8-sig"  # also reads a plain UTF-8 (or ASCII) file
        _check_cp1252(path, handle)
        return "cp1252"


def _first_break(chunk: bytes) -> int:
    lf, cr = chunk.find(b"\n"), chunk.find(b"\r")
    return lf if cr < 0 else cr if lf < 0 else min(lf, cr)


def _check_cp1252(path: Path, handle) -> None:
    """Second pass, for a file that is not UTF-8: every byte must mean a character."""
    handle.seek(0)
    line = 1
    while chunk := handle.read(_SCAN_CHUNK):
        found = _CP1252_UNDEFINED.search(chunk)
        if found:
            raise _decode_error(path, "cp1252", UnicodeDecodeError("cp1252", chunk, found.start(), found.end(),
                                                                   "undefined"),
                                line + chunk.count(b"\n", 0, found.start()))
        line += chunk.count(b"\n")


def _not_text(path: Path, line: int) -> CrmError:
    return CrmError(N_("« {name} » n'est pas un fichier texte (octet nul vers la ligne {line}) : c'est sans doute un "
                       "fichier binaire. Enregistrez les données en « CSV UTF-8 » ou en classeur (.xlsx, .ods) "
                       "depuis votre tableur ; rien n'a été importé."), name=path.name, line=line)


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252 (Excel)"}


@dataclass
class CsvRow:
    line: int              # physical line where the row starts (the header is line 1)
    cells: list[str]


class CsvSource:
    """An open CSV file: its header, its encoding and separator, and its rows."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        _refuse_non_csv(self.path)
        self.encoding = scan(self.path)
        self._handle: IO[str] = open(self.path, encoding=self.encoding, newline="", errors="strict")
        try:
            self.delimiter, first_line = self._sniff()
            self._reader = csv.reader(self._handle, delimiter=self.delimiter)
            self._line_offset = first_line
            self.header = self._read_header()
        except BaseException:
            self._handle.close()
            raise

    @property
    def header_line(self) -> int:
        """Line of the header (2 after an Excel « sep=; » line)."""
        return 1 + self._line_offset

    @property
    def encoding_name(self) -> str:
        return _ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def delimiter_name(self) -> str:
        return _({";": N_("point-virgule"), ",": N_("virgule"), "\t": N_("tabulation")}[self.delimiter])

    def _sniff(self) -> tuple[str, int]:
        """Separator from the header line; skips an Excel « sep=; » line."""
        try:
            first = self._handle.readline()
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc) from None
        stripped = first.strip("\r\n")
        if stripped.lower().startswith("sep=") and len(stripped) == 5 and stripped[4] in _SEPARATORS:
            return stripped[4], 1
        self._handle.seek(0)  # the codec skips a BOM again
        counts = {sep: _count_outside_quotes(first, sep) for sep in _SEPARATORS}
        best = max(_SEPARATORS, key=lambda sep: counts[sep])
        return (best if counts[best] else ","), 0

    def _read_header(self) -> list[str]:
        try:
            header = next(self._reader)
        except StopIteration:
            raise CrmError(N_("Le fichier « {name} » est vide."), name=self.path.name) from None
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc) from None
        except csv.Error as exc:
            raise CrmError(N_("« {name} », ligne 1 : en-tête illisible ({reason})."),
                           name=self.path.name, reason=exc) from None
        header = [cell.replace("\ufeff", "").strip() for cell in header]
        while header and not header[-1]:
            header.pop()
        if not header:
            raise CrmError(N_("La première ligne de « {name} » devrait nommer les colonnes."), name=self.path.name)
        return header

    def rows(self) -> Iterator[CsvRow]:
        """Non-blank rows (not « ;;; » either), cells un-neutralised, with their starting line."""
        reader = self._reader
        previous = reader.line_num
        try:
            for cells in reader:
                start = previous + 1 + self._line_offset
                previous = reader.line_num
                if not any(cells) or (len(cells) == 1 and cells[0].isspace()):
                    continue   # a blank line, or « ;;; » (a spreadsheet's empty row)
                yield CsvRow(start, [unneutralise(c) if c[:1] == "'" else c for c in cells])
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc, reader.line_num + 1 + self._line_offset) from None
        except csv.Error as exc:
            raise CrmError(N_("« {name} », ligne {line} : ligne CSV illisible ({reason})."),
                           name=self.path.name, line=reader.line_num + self._line_offset, reason=exc) from None

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# Files that are not text, whatever their name (crmdesk.io.tabular refuses them too).
NOT_TEXT = (
    (b"\xd0\xcf\x11\xe0", N_("est un ancien classeur Excel (.xls) ou un classeur protégé par un mot de passe : "
                             "enregistrez-le sans mot de passe au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 » "
                             "puis importez ce fichier")),
    (b"SQLite format 3\x00", N_("est une base de données (un fichier clients ?), pas un tableau à importer")),
    (b"%PDF", N_("est un PDF, pas un tableau à importer")),
)
_NOT_CSV = ((b"PK\x03\x04", N_("est un classeur (Excel, LibreOffice), pas un fichier CSV")), *NOT_TEXT)


def refuse_known(path: Path, head: bytes, known=NOT_TEXT) -> None:
    """CrmError (French) when the first bytes of the file say what it is, and it is not importable."""
    for magic, why in known:
        if head.startswith(magic):
            raise CrmError(N_("« {name} » {why}."), name=path.name, why=_(why))


def _refuse_non_csv(path: Path) -> None:
    with open(path, "rb") as handle:
        refuse_known(path, handle.read(16), _NOT_CSV)


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count


def _decode_error(path: Path, encoding: str, exc: UnicodeDecodeError, line: int | None = None) -> CrmError:
    where = _(", vers la ligne {line}", line=line) if line else ""
    return CrmError(
        N_("« {name} » contient des caractères illisibles{where} (octet 0x{byte:02x} inconnu en {encoding}). "
           "Enregistrez-le en « CSV UTF-8 » depuis votre tableur puis recommencez."),
        name=path.name, where=where, byte=exc.object[exc.start], encoding=_ENCODING_NAMES.get(encoding, encoding)
    )


def writer(handle: IO[str]):
    """csv writer for French Excel: `;`, CRLF, minimal quoting."""
    return csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
