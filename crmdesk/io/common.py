"""What the imports share: value synonyms, rejects, results (header mapping: `mapping`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from crmdesk.i18n import _
from crmdesk.io.csvfile import header_key

PROGRESS_EVERY = 10_000     # rows between two progress reports (a report costs ~10 µs)


@dataclass(frozen=True)
class Reject:
    line: int
    reason: str
    cells: tuple[str, ...] = ()

    def message(self) -> str:
        return _("ligne {line} : {reason}", line=self.line, reason=self.reason)


@dataclass
class ImportResult:
    kind: str                         # "clients" | "orders" | "surveys" | "web" | "social"
    file_name: str
    source: str = ""                  # « UTF-8, séparateur point-virgule », « classeur Excel, feuille « X » »
    encoding: str = ""                # CSV only
    delimiter: str = ""               # CSV only
    rows_read: int = 0                # data rows (blank lines not counted)
    inserted: int = 0                 # contacts or orders created
    updated: int = 0                  # contacts updated (--update)
    unchanged: int = 0                # --update rows identical to the file
    lines: int = 0                    # order lines created
    created_contacts: int = 0         # placeholders (--create-missing)
    promoted: int = 0                 # prospects who became clients
    opening_orders: int = 0           # clients: orders made from « CA annuel »
    rejected: int = 0                 # rejected rows
    skipped: int = 0                  # clients: rows left out as probable duplicates
    merged: int = 0                   # clients: rows merged into an existing contact
    duplicates: list = field(default_factory=list)        # store.import_duplicates.ImportSuspect
    duplicate_rows: set[int] = field(default_factory=set)  # lines that may duplicate a contact
    rolled_back: bool = False         # --strict and something was rejected
    batch_id: int | None = None
    notes: list[str] = field(default_factory=list)   # warnings: columns ignored…


RejectHandler = Callable[[Reject], None]
ProgressHandler = Callable[[int], None]


def describe_source(result: ImportResult, table) -> None:
    """What the result says of the file read (a `crmdesk.io.tabular.Table`)."""
    result.source = table.description
    result.encoding = table.encoding
    result.delimiter = table.delimiter


def value_key(text: str) -> str:
    return header_key(text)


def synonym(value: str, table: dict[str, str]) -> str:
    """Map a typed value (« Madame », « Boutique ») to its code; unknown values pass as they are."""
    return table.get(value_key(value), value)
