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

# A cell starting with one of these is run as a formula by Excel/LibreOffice
# (OWASP « CSV injection »); the apostrophe itself is escaped too so that a
# value really starting with « ' » survives the round trip.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_SEPARATORS = (";", ",", "\t")
_SCAN_CHUNK = 1 << 20

# csv fields may be long (notes); the default limit is 128 KiB
csv.field_size_limit(16 * 1024 * 1024)


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


def detect_encoding(path: Path) -> str:
    """Python codec name for the file: utf-8-sig, utf-16 or cp1252."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            while chunk := handle.read(_SCAN_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"  # also reads a plain UTF-8 (or ASCII) file


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
        self.encoding = detect_encoding(self.path)
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
    def encoding_name(self) -> str:
        return _ENCODING_NAMES.get(self.encoding, self.encoding)

    @property
    def delimiter_name(self) -> str:
        return {";": "point-virgule", ",": "virgule", "\t": "tabulation"}[self.delimiter]

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
            raise CrmError(f"Le fichier « {self.path.name} » est vide.") from None
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc) from None
        except csv.Error as exc:
            raise CrmError(f"« {self.path.name} », ligne 1 : en-tête illisible ({exc}).") from None
        header = [cell.replace("\ufeff", "").strip() for cell in header]
        while header and not header[-1]:
            header.pop()
        if not header:
            raise CrmError(f"La première ligne de « {self.path.name} » devrait nommer les colonnes.")
        return header

    def rows(self) -> Iterator[CsvRow]:
        """Non-blank rows, cells un-neutralised, with their starting line."""
        reader = self._reader
        previous = reader.line_num
        try:
            for cells in reader:
                start = previous + 1 + self._line_offset
                previous = reader.line_num
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue
                yield CsvRow(start, [unneutralise(c) if c[:1] == "'" else c for c in cells])
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc, reader.line_num + 1 + self._line_offset) from None
        except csv.Error as exc:
            raise CrmError(f"« {self.path.name} », ligne {reader.line_num + self._line_offset} : "
                           f"ligne CSV illisible ({exc}).") from None

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_NOT_CSV = (
    (b"PK\x03\x04", "est un classeur (Excel, LibreOffice) : enregistrez-le au format « CSV UTF-8 » puis "
                     "importez le fichier .csv"),
    (b"\xd0\xcf\x11\xe0", "est un ancien classeur Excel (.xls) : enregistrez-le au format « CSV UTF-8 » "
                           "puis importez le fichier .csv"),
    (b"SQLite format 3\x00", "est une base de données (un fichier clients ?), pas un fichier CSV"),
    (b"%PDF", "est un PDF, pas un fichier CSV"),
)


def _refuse_non_csv(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(16)
    for magic, why in _NOT_CSV:
        if head.startswith(magic):
            raise CrmError(f"« {path.name} » {why}.")


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count


def _decode_error(path: Path, encoding: str, exc: UnicodeDecodeError, line: int | None = None) -> CrmError:
    where = f", vers la ligne {line}" if line else ""
    return CrmError(
        f"« {path.name} » contient des caractères illisibles{where} (octet 0x{exc.object[exc.start]:02x} "
        f"inconnu en {_ENCODING_NAMES.get(encoding, encoding)}). Enregistrez-le en « CSV UTF-8 » "
        "depuis votre tableur puis recommencez."
    )


def writer(handle: IO[str]):
    """csv writer for French Excel: `;`, CRLF, minimal quoting."""
    return csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
