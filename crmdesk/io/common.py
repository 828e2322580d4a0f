"""What the imports share: header mapping, value synonyms, rejects, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from crmdesk.domain.errors import CrmError
from crmdesk.io.csvfile import header_key

PROGRESS_EVERY = 100_000


@dataclass(frozen=True)
class Reject:
    line: int
    reason: str
    cells: tuple[str, ...] = ()

    def message(self) -> str:
        return f"ligne {self.line} : {self.reason}"


@dataclass
class ImportResult:
    kind: str                         # "clients" | "orders"
    file_name: str
    encoding: str = ""
    delimiter: str = ""
    rows_read: int = 0                # data rows (blank lines not counted)
    inserted: int = 0                 # contacts or orders created
    updated: int = 0                  # contacts updated (--update)
    unchanged: int = 0                # --update rows identical to the file
    lines: int = 0                    # order lines created
    created_contacts: int = 0         # placeholders (--create-missing)
    promoted: int = 0                 # prospects who became clients
    rejected: int = 0                 # rejected rows
    rolled_back: bool = False         # --strict and something was rejected
    batch_id: int | None = None
    notes: list[str] = field(default_factory=list)


RejectHandler = Callable[[Reject], None]
ProgressHandler = Callable[[int], None]


def map_header(header: list[str], *, file_name: str, accepted: Iterable[str],
               aliases: dict[str, str]) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """Header cells -> [(column index, field)] and {field: header text as written}.

    Canonical names and the French synonyms of `aliases` are accepted, in any
    case, with or without accents. An unknown or repeated column refuses the
    whole file: silently dropping a column would lose data.
    """
    accepted = tuple(accepted)
    known = {header_key(name): name for name in accepted}
    known.update(aliases)
    columns: list[tuple[int, str]] = []
    labels: dict[str, str] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        if not text:
            continue
        name = known.get(header_key(text))
        if name is None:
            unknown.append(text)
            continue
        if name in labels:
            raise CrmError(f"« {file_name} » : les colonnes « {labels[name]} » et « {text} » "
                           f"désignent toutes deux « {name} ».")
        labels[name] = text
        columns.append((index, name))
    if unknown:
        listed = ", ".join(f"« {u} »" for u in unknown)
        raise CrmError(f"« {file_name} » : colonne(s) inconnue(s) {listed}. "
                       f"Colonnes reconnues : {', '.join(accepted)}. Renommez ou supprimez ces colonnes ; "
                       "rien n'a été importé.")
    return columns, labels


def value_key(text: str) -> str:
    return header_key(text)


def synonym(value: str, table: dict[str, str]) -> str:
    """Map a typed value (« Madame », « Boutique ») to its code; unknown values pass as they are."""
    return table.get(value_key(value), value)
