"""What the imports share: value synonyms, rejects, results (header mapping: `mapping`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from crmdesk.i18n import _, ngettext
from crmdesk.io.csvfile import grouped, header_key

PROGRESS_EVERY = 10_000  # rows between two progress reports (a report costs ~10 µs)
MAX_WARNINGS = 1000  # row warnings kept with their line and text (all of them are counted)


@dataclass(frozen=True)
class Reject:
    line: int
    reason: str
    cells: tuple[str, ...] = ()

    def message(self) -> str:
        return _("ligne {line} : {reason}", line=self.line, reason=self.reason)


@dataclass(frozen=True)
class RowWarning:
    """A row imported, but not exactly as written: « code postal « 1000 » complété en « 01000 » »."""

    line: int
    kind: str  # what is counted (« postal_code_zero », « dropped:email »…)
    text: str

    def message(self) -> str:
        return _("ligne {line} : {text}", line=self.line, text=self.text)


@dataclass
class ImportResult:
    kind: str  # "clients" | "orders" | "surveys" | "web" | "social"
    file_name: str
    source: str = ""  # « UTF-8, séparateur point-virgule », « classeur Excel, feuille « X » »
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only
    rows_read: int = 0  # data rows (blank lines not counted)
    inserted: int = 0  # contacts or orders created
    updated: int = 0  # contacts updated (--update)
    unchanged: int = 0  # --update rows identical to the file
    lines: int = 0  # order lines created
    created_contacts: int = 0  # placeholders (--create-missing)
    promoted: int = 0  # prospects who became clients
    opening_orders: int = 0  # clients: orders made from « CA annuel »
    rejected: int = 0  # rejected rows
    skipped: int = 0  # clients: rows left out as probable duplicates
    merged: int = 0  # clients: rows merged into an existing contact
    duplicates: list = field(default_factory=list)  # store.import_duplicates.ImportSuspect
    duplicate_rows: set[int] = field(default_factory=set)  # lines that may duplicate a contact
    rolled_back: bool = False  # --strict and something was rejected
    batch_id: int | None = None
    notes: list[str] = field(default_factory=list)  # warnings about the file: columns ignored…
    warnings: list[RowWarning] = field(default_factory=list)  # about rows: the first MAX_WARNINGS
    warning_counts: dict[str, int] = field(default_factory=dict)  # kind -> rows, all of them
    warning_labels: dict[str, str] = field(default_factory=dict)  # kind -> what it says of those rows

    def warn(self, line: int, kind: str, label: str, text: str) -> None:
        """Note that row `line` was imported with a change (`text`); `label` says
        what all the rows of this `kind` have in common (« code postal à 4 chiffres
        complété d'un 0 »). Rows are counted, only the first MAX_WARNINGS are kept."""
        self.warning_counts[kind] = self.warning_counts.get(kind, 0) + 1
        self.warning_labels.setdefault(kind, label)
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(RowWarning(line, kind, text))

    @property
    def warned(self) -> int:
        """Row warnings in all (a row may have several)."""
        return sum(self.warning_counts.values())

    def warning_summary(self) -> list[str]:
        """One line per kind of warning, with its count: « 12 lignes : code postal à 4 chiffres… »."""
        return [
            ngettext(
                "{n} ligne : {label}", "{n} lignes : {label}", count, n=grouped(count), label=self.warning_labels[kind]
            )
            for kind, count in self.warning_counts.items()
        ]

    def examples(self, kind: str, limit: int) -> list[RowWarning]:
        """The first `limit` warnings kept of one kind."""
        return [w for w in self.warnings if w.kind == kind][:limit]


RejectHandler = Callable[[Reject], None]
ProgressHandler = Callable[[int], None]


def describe_source(result: ImportResult, table) -> None:
    """What the result says of the file read (a `crmdesk.io.tabular.Table`)."""
    result.source = table.description
    result.encoding = table.encoding
    result.delimiter = table.delimiter
    result.notes.extend(table.notes)


def value_key(text: str) -> str:
    return header_key(text)


def synonym(value: str, table: dict[str, str]) -> str:
    """Map a typed value (« Madame », « Boutique ») to its code; unknown values pass as they are."""
    return table.get(value_key(value), value)
