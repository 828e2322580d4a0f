"""Reading and writing CSV files the way French users make them.

Reading accepts:
- UTF-8 with or without BOM, UTF-16 with BOM (Excel « Texte Unicode »),
  and Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »);
  the encoding is found by checking the whole file as UTF-8 first (a cheap
  binary pass), so a UTF-8 file with its first accent on line 900 000 is
  still read as UTF-8;
- a file whose lines mix UTF-8 and Windows-1252 (two exports pasted one
  after the other): each line is read in its own encoding, and a note
  names the Windows-1252 lines (never « HÃ©lÃ¨ne »);
- `;`, `,` or tab as separator, chosen from the header line (an Excel
  « sep=; » first line is honoured);
- cells that crmdesk's export protected against formula injection
  (« '=… », « '+33… ») get their leading apostrophe back off.

Before any row is read, one binary pass over the whole file (`scan`) finds
the encoding and refuses what no spreadsheet writes as CSV, with a French
message and the line: NUL bytes (a binary file), a line longer than
MAX_LINE_BYTES (1 Mio), bytes that mean nothing in Windows-1252. That pass
reads 1 Mio at a time and costs a fraction of a second on a 200 Mo file.
While rows are read, a quoted value longer than MAX_FIELD_CHARS (a « note »
of 10 Mo spread over many short lines) and a row of more than MAX_COLUMNS
cells (what no spreadsheet writes) are refused the same way, naming the
line: the import stops and nothing is written.

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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _, ngettext

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
# A quoted value may span lines (notes), but no value is longer than a line may be.
MAX_FIELD_CHARS = MAX_LINE_BYTES
csv.field_size_limit(MAX_FIELD_CHARS)
MAX_COLUMNS = 16_384  # what Excel and LibreOffice allow
# A UTF-8 lead byte followed by a continuation byte (« L », « C » once
# translated: much faster than a regular expression): a file that is not
# UTF-8 as a whole but holds such pairs may mix UTF-8 and Windows-1252 lines.
_PAIRS = bytes(ord("L") if 0xC2 <= b <= 0xF4 else ord("C") if 0x80 <= b <= 0xBF else ord(".") for b in range(256))
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


@dataclass(frozen=True)
class Encoding:
    """What `scan` found: the codec to read the file with (« mixed »: each
    line in its own, UTF-8 or Windows-1252), and for a mixed file how many
    lines are in Windows-1252 and the first of them."""

    codec: str
    cp1252_lines: int = 0
    examples: tuple[int, ...] = ()
    utf8_lines: int = 0  # mixed: lines with accents read as UTF-8


MIXED = "mixed"
_SHOWN_LINES = 10


def scan(path: Path) -> Encoding:
    """One binary pass over the whole file: its encoding (utf-8-sig, utf-16,
    cp1252, or lines of both UTF-8 and cp1252), or a CrmError in French when
    it is not a text file a spreadsheet wrote — NUL bytes (binary), a line
    over MAX_LINE_BYTES, bytes undefined in Windows-1252 when the file is
    not UTF-8."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        decoder = None if utf16 else codecs.getincrementaldecoder("utf-8")("strict")
        limit = MAX_LINE_BYTES * (2 if utf16 else 1)
        line = 1  # line number at the start of the chunk
        run = 0  # bytes since the last line break
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
                raise CrmError(
                    N_(
                        "« {name} », ligne {line} : ligne de plus de {size} Mo. Ce n'est pas un fichier "
                        "CSV enregistré par un tableur ; rien n'a été importé."
                    ),
                    name=path.name,
                    line=line,
                    size=MAX_LINE_BYTES // (1 << 20),
                )
            if first >= 0:
                run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            line += chunk.count(b"\n")
        if utf16:
            return Encoding("utf-16")
        if decoder is not None:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                decoder = None
        if decoder is not None:
            return Encoding("utf-8-sig")  # also reads a plain UTF-8 (or ASCII) file, with or without BOM
        if head.startswith(codecs.BOM_UTF8) or _utf8_pairs(handle):
            return _line_by_line(path, handle)
        _check_cp1252(path, handle)
        return Encoding("cp1252")


def _first_break(chunk: bytes) -> int:
    lf, cr = chunk.find(b"\n"), chunk.find(b"\r")
    return lf if cr < 0 else cr if lf < 0 else min(lf, cr)


def _utf8_pairs(handle) -> bool:
    """Second pass, for a file that is not UTF-8: does it hold bytes that look like UTF-8 sequences?"""
    handle.seek(0)
    last = b""
    while chunk := handle.read(_SCAN_CHUNK):
        if not chunk.isascii() and b"LC" in (last + chunk).translate(_PAIRS):
            return True
        last = chunk[-1:]
    return False


def _check_cp1252(path: Path, handle) -> None:
    """Last pass, for a file in Windows-1252: every byte must mean a character."""
    handle.seek(0)
    line = 1
    while chunk := handle.read(_SCAN_CHUNK):
        found = _CP1252_UNDEFINED.search(chunk)
        if found:
            raise _undefined(path, chunk, found, line + chunk.count(b"\n", 0, found.start()))
        line += chunk.count(b"\n")


def _undefined(path: Path, data: bytes, found: re.Match, line: int) -> CrmError:
    return _decode_error(
        path, "cp1252", UnicodeDecodeError("cp1252", data, found.start(), found.end(), "undefined"), line
    )


def _line_by_line(path: Path, handle) -> Encoding:
    """Last pass, for a file that is not UTF-8 as a whole but holds UTF-8
    sequences: which lines are in Windows-1252 (the others are UTF-8). A
    file with none is plain Windows-1252 (its UTF-8-looking bytes were
    accents followed by punctuation)."""
    handle.seek(0)
    count, examples, utf8 = 0, [], 0
    for number, raw in enumerate(handle, 1):
        if raw.isascii() or (number == 1 and raw[3:].isascii() and raw.startswith(codecs.BOM_UTF8)):
            continue
        try:
            raw.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            found = _CP1252_UNDEFINED.search(raw)
            if found:
                raise _undefined(path, raw, found, number) from None
            count += 1
            if len(examples) < _SHOWN_LINES:
                examples.append(number)
    handle.seek(0)
    if not utf8 and not handle.read(3).startswith(codecs.BOM_UTF8):
        return Encoding("cp1252")  # accents followed by punctuation, nothing in UTF-8
    return Encoding(MIXED, count, tuple(examples), utf8)


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


class _LineByLine:
    """The text of a file whose lines are UTF-8 or Windows-1252, each
    decoded on its own: what csv.reader and `_sniff` need of a text file."""

    def __init__(self, path: Path):
        self._raw = open(path, "rb")  # noqa: SIM115 - kept open while the rows are read, closed by close()
        self.seek(0)

    def seek(self, _position: int) -> None:
        self._raw.seek(0)
        if self._raw.read(3) != codecs.BOM_UTF8:
            self._raw.seek(0)

    def readline(self) -> str:
        return _decode_line(self._raw.readline())

    def __iter__(self):
        return self

    def __next__(self) -> str:
        raw = self._raw.readline()
        if not raw:
            raise StopIteration
        return _decode_line(raw)

    def close(self) -> None:
        self._raw.close()


def _not_text(path: Path, line: int) -> CrmError:
    return CrmError(
        N_(
            "« {name} » n'est pas un fichier texte (octet nul vers la ligne {line}) : c'est sans doute un "
            "fichier binaire. Enregistrez les données en « CSV UTF-8 » ou en classeur (.xlsx, .ods) "
            "depuis votre tableur ; rien n'a été importé."
        ),
        name=path.name,
        line=line,
    )


_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Excel)",
    MIXED: "UTF-8 et Windows-1252",
}


def _encoding_notes(path: Path, found: Encoding) -> list[str]:
    if found.codec != MIXED or not found.cp1252_lines or not found.utf8_lines:
        return []
    lines = ", ".join(map(str, found.examples)) + (" …" if found.cp1252_lines > len(found.examples) else "")
    return [
        ngettext(
            "« {name} » mélange deux encodages : {n} ligne est en Windows-1252 (ligne {lines}), "
            "les autres en UTF-8 ; chacune a été lue dans le sien. Vérifiez ses accents.",
            "« {name} » mélange deux encodages : {n} lignes sont en Windows-1252 (lignes {lines}), "
            "les autres en UTF-8 ; chacune a été lue dans le sien. Vérifiez leurs accents.",
            found.cp1252_lines,
            n=grouped(found.cp1252_lines),
            name=path.name,
            lines=lines,
        )
    ]


def too_wide(path: Path, line: int, columns: int) -> CrmError:
    """A row with more cells than a spreadsheet has columns: the whole file is refused."""
    return CrmError(
        _(
            "« {name} », ligne {line} : {columns} colonnes, plus qu'un tableur n'en a ({most}). Ce "
            "fichier n'est pas un tableau de clients ou de commandes (ou il est piégé) ; rien n'a été "
            "importé.",
            name=path.name,
            line=line,
            columns=grouped(columns),
            most=grouped(MAX_COLUMNS),
        )
    )


def grouped(n: int) -> str:
    """1234567 -> « 1 234 567 » (the French way, for the messages)."""
    return f"{n:,}".replace(",", " ")


@dataclass
class CsvRow:
    line: int  # physical line where the row starts (the header is line 1)
    cells: list[str]


class CsvSource:
    """An open CSV file: its header, its encoding and separator, and its rows."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        _refuse_non_csv(self.path)
        found = scan(self.path)
        self.encoding = found.codec
        self.notes = _encoding_notes(self.path, found)  # warnings for the import's report
        self._handle: IO[str] = (
            _LineByLine(self.path)
            if found.codec == MIXED
            # type: ignore[assignment]
            else open(self.path, encoding=self.encoding, newline="", errors="strict")  # noqa: SIM115 (closed by the reader that iterates it)
        )
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
            raise CrmError(
                N_("« {name} », ligne 1 : en-tête illisible ({reason})."), name=self.path.name, reason=exc
            ) from None
        header = [cell.replace("\ufeff", "").strip() for cell in header]
        while header and not header[-1]:
            header.pop()
        if not header:
            raise CrmError(N_("La première ligne de « {name} » devrait nommer les colonnes."), name=self.path.name)
        if len(header) > MAX_COLUMNS:
            raise too_wide(self.path, self.header_line, len(header))
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
                    continue  # a blank line, or « ;;; » (a spreadsheet's empty row)
                if len(cells) > MAX_COLUMNS:
                    raise too_wide(self.path, start, len(cells))
                yield CsvRow(start, [unneutralise(c) if c[:1] == "'" else c for c in cells])
        except UnicodeDecodeError as exc:
            raise _decode_error(self.path, self.encoding, exc, reader.line_num + 1 + self._line_offset) from None
        except csv.Error as exc:
            if "field limit" in str(exc):  # a quoted value running over many lines
                raise CrmError(
                    _(
                        "« {name} », ligne {line} : une valeur de plus de {size} Mo (des guillemets "
                        "jamais refermés ?). Ce n'est pas un fichier CSV enregistré par un tableur ; "
                        "rien n'a été importé.",
                        name=self.path.name,
                        line=previous + 1 + self._line_offset,
                        size=MAX_FIELD_CHARS >> 20,
                    )
                ) from None
            raise CrmError(
                N_("« {name} », ligne {line} : ligne CSV illisible ({reason})."),
                name=self.path.name,
                line=reader.line_num + self._line_offset,
                reason=exc,
            ) from None

    def close(self) -> None:
        self._handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# Files that are not text, whatever their name (crmdesk.io.tabular refuses them too).
NOT_TEXT = (
    (
        b"\xd0\xcf\x11\xe0",
        N_(
            "est un ancien classeur Excel (.xls) ou un classeur protégé par un mot de passe : "
            "enregistrez-le sans mot de passe au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 » "
            "puis importez ce fichier"
        ),
    ),
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
        N_(
            "« {name} » contient des caractères illisibles{where} (octet 0x{byte:02x} inconnu en {encoding}). "
            "Enregistrez-le en « CSV UTF-8 » depuis votre tableur puis recommencez."
        ),
        name=path.name,
        where=where,
        byte=exc.object[exc.start],
        encoding=_ENCODING_NAMES.get(encoding, encoding),
    )


def writer(handle: IO[str]):
    """csv writer for French Excel: `;`, CRLF, minimal quoting."""
    return csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
