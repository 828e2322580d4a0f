"""Reading the audit log (docs/domain/08-personal-data.md: who changed what, when), for the viewer.

Each entry comes with the N° client it concerns (a contact's, or the client
of an order, complaint, survey answer or rights request) and its origin —
what the user did that wrote it:

* « import »: written by an import (its creations are « import » entries;
  the updates of an --update import fall between the marks its batch kept
  in `import_batches.marks`, audit and audit_end) or by an import undo;
* « merge »: a merge, its undo, a « not duplicates », and the entries the
  merge wrote just before its own (the kept contact's update and tags, the
  promotion to client, the other contact sent to the trash): the consecutive
  entries on those two contacts that precede it by at most a few seconds;
* « erasure »: an anonymisation (and a purge);
* « form »: everything else (a client sheet, an order, a complaint typed in).

The origin is read from the log itself, so entries written before this
module existed get one too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.database import Database, json_ids

ORIGINS = ("form", "import", "merge", "erasure")
_IMPORT_ACTIONS = ("import", "import_undo", "undo")
_MERGE_ACTIONS = ("merge", "unmerge", "not_duplicate")
_ERASE_ACTIONS = ("erase", "purge")
_MERGE_STEPS = ("update", "tags", "trash")
_MERGE_SECONDS = 5

# The client each kind of entry belongs to (entity -> table holding contact_id).
_OWNERS = {
    "order": "orders",
    "complaint": "complaints",
    "survey_answer": "survey_answers",
    "rights_request": "rights_requests",
}

_SELECT = (
    """
SELECT a.id, a.at, a.author, a.entity, a.entity_id, a.action, a.changes,
       CASE a.entity WHEN 'contact' THEN a.entity_id
"""
    + "".join(
        f"            WHEN '{entity}' THEN (SELECT contact_id FROM {table} WHERE id = a.entity_id)\n"
        for entity, table in _OWNERS.items()
    )
    + """       END AS contact_id
  FROM audit_log AS a
"""
)


@dataclass(frozen=True)
class AuditQuery:
    code: str | None = None  # N° client
    origin: str | None = None  # one of ORIGINS
    start: dt.date | None = None  # inclusive
    end: dt.date | None = None  # inclusive
    limit: int = 2000


class AuditLog:
    def __init__(self, database: Database):
        self.database = database
        self._imports: list[tuple[int, int]] | None = None

    def entries(self, query: AuditQuery = AuditQuery()) -> list[dict]:
        """The newest entries first, at most query.limit."""
        if query.origin is not None and query.origin not in ORIGINS:
            raise ValueError(f"unknown origin {query.origin!r}")
        clauses, params = [], []
        if query.code:
            contact_id = self.database.scalar("SELECT id FROM contacts WHERE code = ?", (query.code.strip(),))
            if contact_id is None:
                raise CrmError(N_("Client « {code} » introuvable."), code=query.code)
            owned = ["(a.entity = 'contact' AND a.entity_id = ?)"]
            params.append(contact_id)
            for entity, table in _OWNERS.items():
                owned.append(
                    f"(a.entity = '{entity}' AND a.entity_id IN (SELECT id FROM {table} WHERE contact_id = ?))"
                )
                params.append(contact_id)
            clauses.append("(" + " OR ".join(owned) + ")")
        if query.start is not None:
            clauses.append("a.at >= ?")
            params.append(query.start.isoformat())
        if query.end is not None:
            clauses.append("a.at < ?")
            params.append((query.end + dt.timedelta(days=1)).isoformat())
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        found: list[dict] = []
        for row in self.database.conn.execute(_SELECT + where + " ORDER BY a.id DESC", params):
            entry = dict(row)
            entry["origin"] = self.origin(entry)
            if query.origin is not None and entry["origin"] != query.origin:
                continue
            found.append(entry)
            if len(found) >= query.limit:
                break
        codes = self._codes({e["contact_id"] for e in found if e["contact_id"] is not None})
        for entry in found:
            entry["code"] = codes.get(entry["contact_id"], "")
            entry["changes"] = list(changes(entry.pop("changes")))
        return found

    def origin(self, entry: dict) -> str:
        action = entry["action"]
        if action in _ERASE_ACTIONS:
            return "erasure"
        if action in _MERGE_ACTIONS or self._in_merge(entry):
            return "merge"
        if action in _IMPORT_ACTIONS or action.startswith("import") or self._in_import(entry["id"]):
            return "import"
        return "form"

    def _in_import(self, entry_id: int) -> bool:
        if self._imports is None:
            self._imports = []
            for (raw,) in self.database.conn.execute("SELECT marks FROM import_batches WHERE marks IS NOT NULL"):
                marks = json.loads(raw)
                if "audit_end" in marks:
                    self._imports.append((int(marks["audit"]), int(marks["audit_end"])))
        return any(first < entry_id <= last for first, last in self._imports)

    def _in_merge(self, entry: dict) -> bool:
        """An update, tags or trash entry on a contact that the merge right
        after it (the next entries, same transaction) was about."""
        if entry["entity"] != "contact" or entry["action"] not in _MERGE_STEPS:
            return False
        following = self.database.conn.execute(
            "SELECT at, entity, entity_id, action, changes FROM audit_log WHERE id > ? ORDER BY id LIMIT 5",
            (entry["id"],),
        ).fetchall()
        for row in following:
            if row["entity"] == "contact" and row["action"] == "merge":
                try:
                    details = json.loads(row["changes"] or "{}")
                except ValueError:
                    return False
                return (
                    entry["entity_id"] in (details.get("kept_id"), details.get("merged_id"))
                    and _seconds(entry["at"], row["at"]) <= _MERGE_SECONDS
                )
            if row["entity"] != "contact" or row["action"] not in _MERGE_STEPS:
                return False
        return False

    def _codes(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        return {
            r[0]: r[1]
            for r in self.database.conn.execute(
                "SELECT id, code FROM contacts WHERE id IN (SELECT value FROM json_each(?))", (json_ids(ids),)
            )
        }


def changes(raw: str | None) -> Iterator[tuple[str, object, object]]:
    """(field, old, new) of an entry: {field: [old, new]} as written by the
    stores; any other value is shown as the new one."""
    if not raw:
        return
    try:
        value = json.loads(raw)
    except ValueError:
        yield "", None, raw
        return
    if not isinstance(value, dict):
        yield "", None, value
        return
    for name, pair in value.items():
        if isinstance(pair, list) and len(pair) == 2:
            yield name, pair[0], pair[1]
        else:
            yield name, None, pair


def _seconds(earlier: str, later: str) -> float:
    try:
        return (dt.datetime.fromisoformat(later) - dt.datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return 0.0
