"""The register of rights requests (docs/domain/08-personal-data.md; rules in domain/rights.py).

Each request (access, rectification, erasure, opposition) is recorded the
day it arrives, with its due date one month later; answering it records the
day of the answer. Every change is audited (entity « rights_request »).
"""

from __future__ import annotations

import datetime as dt

from crmdesk.domain import rights as rules
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.database import Database, now_iso

_SELECT = """
SELECT r.*, c.code AS client_code, c.kind AS client_kind, c.last_name AS client_last_name,
       c.first_name AS client_first_name, c.company AS client_company
  FROM rights_requests AS r
  LEFT JOIN contacts AS c ON c.id = r.contact_id
"""


class RightsStore:
    def __init__(self, database: Database):
        self.database = database

    def add(self, values: dict) -> int:
        clean = rules.validate(values)
        self._check_contact(clean.get("contact_id"))
        with self.database.atomic() as conn:
            record = {**clean, "created_at": now_iso()}
            cursor = conn.execute(
                f"INSERT INTO rights_requests ({', '.join(record)}) VALUES ({', '.join('?' for _ in record)})",
                tuple(record.values()),
            )
            request_id = int(cursor.lastrowid)
            self.database.audit(
                "rights_request", request_id, "create", {k: [None, v] for k, v in clean.items() if v not in (None, "")}
            )
        return request_id

    def update(self, request_id: int, changes: dict) -> None:
        current = self.get(request_id)
        if current is None:
            raise CrmError(N_("Cette demande n'existe plus."))
        base = {
            k: current[k] for k in ("kind", "received_on", "answered_on", "channel", "requester", "notes", "contact_id")
        }
        clean = rules.validate({**base, **changes})
        self._check_contact(clean.get("contact_id"))
        diff = {k: v for k, v in clean.items() if current.get(k) != v}
        if not diff:
            return
        with self.database.atomic() as conn:
            conn.execute(
                f"UPDATE rights_requests SET {', '.join(f'{k} = ?' for k in diff)} WHERE id = ?",
                (*diff.values(), request_id),
            )
            self.database.audit(
                "rights_request", request_id, "update", {k: [current.get(k), v] for k, v in diff.items()}
            )

    def answer(self, request_id: int, day: dt.date | None = None) -> None:
        """Record the answer (today by default)."""
        self.update(request_id, {"answered_on": (day or dt.date.today()).isoformat()})

    def get(self, request_id: int, today: dt.date | None = None) -> dict | None:
        row = self.database.conn.execute(_SELECT + " WHERE r.id = ?", (request_id,)).fetchone()
        return None if row is None else _decorate(dict(row), today or dt.date.today())

    def listing(self, today: dt.date | None = None, *, open_only: bool = False) -> list[dict]:
        """Open requests first, by due date; then the answered ones, newest first."""
        where = " WHERE r.answered_on IS NULL" if open_only else ""
        rows = self.database.conn.execute(
            _SELECT + where + " ORDER BY r.answered_on IS NOT NULL, "
            "CASE WHEN r.answered_on IS NULL THEN r.due_on END, r.answered_on DESC, r.id"
        )
        day = today or dt.date.today()
        return [_decorate(dict(r), day) for r in rows]

    def alerts(self, today: dt.date | None = None) -> dict[str, int]:
        """{« overdue »: n, « due_soon »: n} of the open requests."""
        day = today or dt.date.today()
        counts = {rules.OVERDUE: 0, rules.DUE_SOON: 0}
        for row in self.database.conn.execute("SELECT due_on FROM rights_requests WHERE answered_on IS NULL"):
            state = rules.state({"due_on": row[0]}, day)
            if state in counts:
                counts[state] += 1
        return counts

    def _check_contact(self, contact_id) -> None:
        if (
            contact_id is not None
            and self.database.scalar("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)) is None
        ):
            raise CrmError(N_("Ce client n'existe plus : la demande n'a pas été enregistrée."))


def _decorate(row: dict, today: dt.date) -> dict:
    if row.get("client_code") is not None:
        row["client_name"] = display_name(
            {
                "kind": row["client_kind"],
                "last_name": row["client_last_name"],
                "first_name": row["client_first_name"],
                "company": row["client_company"],
            }
        )
    else:
        row["client_name"] = ""
    row["state"] = rules.state(row, today)
    row["days_left"] = rules.days_left(row, today)
    return row
