"""Files of a mailing: the list of recipients read from a file, the call list
of a product recall written to one.

**A list of N° client** (`read_codes`): a mailing list exported by crmdesk
(``crmdesk export mailing … --out liste.csv``) or any CSV, Excel or
OpenDocument file (crmdesk/io/tabular.py: the same readers and checks as an
import) with a column of N° client — « code », « N° client », « code
client »… — or simply one N° client per line, without a header. The other
columns of each row are kept: a template can print them
(``{remise}`` for a column « Remise »; crmdesk/domain/templates.py).

**The call list of a recall** (`export_call_list`): one row per client who
bought the product, with how to reach them, what they bought and whether
they were told — CSV (French Excel) or xlsx, protected against formulas as
every crmdesk export (crmdesk/io/export.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.io.csvfile import header_key
from crmdesk.io.export import (
    TABLE_FORMATS,
    Table,
    export_phone,
    write_output,
    write_table,
)
from crmdesk.io.tabular import open_table
from crmdesk.store.database import Database
from crmdesk.store.recall import RecallResult

CODE_HEADERS = frozenset(
    (
        "code",
        "n_client",
        "no_client",
        "numero_client",
        "code_client",
        "client_code",
        "client",
        "customer_code",
        "customer_id",
        "n_client_code",
    )
)


@dataclass
class CodeList:
    codes: list[str]  # in the file's order, each once
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> the row's other columns


def read_codes(path: str | Path, *, sheet: str | None = None) -> CodeList:
    """The N° client of a file (see the module docstring); CrmError when it has none."""
    path = Path(path)
    with open_table(path, sheet=sheet) as table:
        keys = [header_key(name) for name in table.header]
        column = next((i for i, key in enumerate(keys) if key in CODE_HEADERS), None)
        if column is None and sum(1 for name in table.header if name.strip()) > 1:
            raise CrmError(
                N_("« {name} » n'a pas de colonne « code » ou « N° client » : rien n'a été lu."), name=path.name
            )
        rows = [] if column is not None else [table.header]  # no header: the first line is a code
        rows += [row.cells for row in table.rows()]
        names = table.header if column is not None else []
    column = column or 0
    found = CodeList([])
    for cells in rows:
        code = cells[column].strip() if column < len(cells) else ""
        if not code or code in found.rows:
            continue
        found.codes.append(code)
        found.rows[code] = {
            name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(names) if i != column and name
        }
    if not found.codes:
        raise CrmError(
            N_(
                "« {name} » ne contient aucun N° client (une colonne « code » ou « N° client », ou un "
                "N° client par ligne)."
            ),
            name=path.name,
        )
    return found


CALL_LIST = Table(
    "Rappel",
    (
        "code",
        "civility",
        "last_name",
        "first_name",
        "company",
        "phone",
        "mobile",
        "email",
        "address",
        "postal_code",
        "city",
        "bought",
        "notified_on",
    ),
    frozenset(("notified_on",)),
    {
        "code": 12,
        "last_name": 20,
        "first_name": 16,
        "company": 24,
        "phone": 16,
        "mobile": 16,
        "email": 30,
        "address": 30,
        "city": 18,
        "bought": 60,
        "notified_on": 12,
    },
    N_("clients"),
)


def call_list_rows(result: RecallResult):
    for client in result.clients:
        contact = client.contact
        yield {
            "code": client.code,
            "civility": contact.get("civility") or "",
            "last_name": contact.get("last_name") or "",
            "first_name": contact.get("first_name") or "",
            "company": contact.get("company") or "",
            "phone": export_phone(contact.get("phone"), contact.get("country")),
            "mobile": export_phone(contact.get("phone2"), contact.get("country")),
            "email": contact.get("email") or "",
            "address": " ".join((contact.get("address") or "").split()),
            "postal_code": contact.get("postal_code") or "",
            "city": contact.get("city") or "",
            "bought": client.bought(),
            "notified_on": client.notified_on or "",
        }


def export_call_list(database: Database, out: str | Path | BinaryIO, result: RecallResult, fmt: str = "csv") -> int:
    """Write the call list (CSV or xlsx) to a path (atomically) or an open stream; how many rows."""
    if fmt not in TABLE_FORMATS:
        raise CrmError(N_("format inconnu « {fmt} » pour une liste d'appels (csv ou xlsx)"), fmt=fmt)
    return write_output(
        database, out, lambda handle: write_table(CALL_LIST, fmt, call_list_rows(result), handle, len(result.clients))
    )
