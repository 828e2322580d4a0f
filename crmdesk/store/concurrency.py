"""Optimistic concurrency on contacts: no lost update when two people edit
the same client (issue 19: several PCs on one server database).

Whoever opens a client takes its `version` (the last audit entry about it,
and a digest of the fields people edit, tags included). Saving with that
version (ContactStore.update(…, expected=version)) first locks the row
(on a server; a file's writer transaction is already alone), then compares:
when someone else saved the client meanwhile, the save is refused with
ConcurrentEdit, which says who changed which field, from what to what, and
when (the audit log: the PostgreSQL login on a server), so that the form
can offer to reload or to overwrite field by field. Nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from crmdesk.domain.dates import format_date
from crmdesk.i18n import _
from crmdesk.store.database import Database
from crmdesk.store.errors import StoreError
from crmdesk.store.server import on_server

# Columns the store or the figures write, never a person: not part of a version.
_SYSTEM = frozenset(
    {
        "name_key",
        "company_key",
        "city_key",
        "search_text",
        "code_key",
        "updated_at",
        "status",
        "revenue_year_cents",
        "orders_year",
        "last_order",
        "figures_as_of",
        "rfm_code",
        "rfm_segment",
        "rfm_as_of",
        "last_contact",
        "import_batch",
    }
)


@dataclass(frozen=True)
class Version:
    """What a form saw when it opened a contact."""

    audit_id: int  # the last audit entry about the contact then (0: none)
    digest: str  # of the fields people edit


@dataclass(frozen=True)
class Change:
    author: str
    at: str  # ISO date and time
    field: str
    old: object
    new: object


class ConcurrentEdit(StoreError):
    """Someone else saved this contact since it was opened: `changes` says who, what and when."""

    def __init__(self, message: str, changes: list[Change]):
        super().__init__(message)
        self.changes = changes

    @property
    def changed_fields(self) -> set[str]:
        return {c.field for c in self.changes}


def version(database: Database, contact_id: int) -> Version | None:
    """The version of a contact now (None: it does not exist)."""
    row = database.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        return None
    return Version(_last_audit(database, contact_id), _digest(database, dict(row)))


def refuse_if_changed(database: Database, contact_id: int, expected: Version) -> None:
    """ConcurrentEdit when the contact is no longer as `expected` (inside the
    writing transaction: on a server the row stays locked until it ends)."""
    if on_server(database):
        database.conn.execute("SELECT id FROM contacts WHERE id = ? FOR UPDATE", (contact_id,))
    now = version(database, contact_id)
    if now is None or now == expected or now.digest == expected.digest:
        return
    changes = [
        Change(row["author"], row["at"], field, old, new)
        for row in database.conn.execute(
            "SELECT at, author, changes FROM audit_log WHERE entity = 'contact' AND entity_id = ? "
            "AND id > ? ORDER BY id",
            (contact_id, expected.audit_id),
        )
        for field, (old, new) in (json.loads(row["changes"]) if row["changes"] else {}).items()
    ]
    if not changes:
        raise ConcurrentEdit(
            _(
                "Ce client a été modifié ailleurs depuis que vous l'avez ouvert (par un import ou "
                "un autre programme) : rien n'a été enregistré. Rechargez la fiche."
            ),
            [],
        )
    last = changes[-1]
    stamp = last.at.replace("T", " ")
    raise ConcurrentEdit(
        _(
            "{author} a modifié ce client le {date} à {time} ({fields}) depuis que vous l'avez "
            "ouvert : votre enregistrement est refusé, rien n'a été écrit. Rechargez la fiche, ou "
            "gardez vos valeurs champ par champ.",
            author=last.author,
            date=format_date(stamp[:10]),
            time=stamp[11:16],
            fields=", ".join(dict.fromkeys(c.field for c in changes)),
        ),
        changes,
    )


def _last_audit(database: Database, contact_id: int) -> int:
    return int(
        database.scalar(
            "SELECT ifnull(max(id), 0) FROM audit_log WHERE entity = 'contact' AND entity_id = ?", (contact_id,)
        )
    )


def _digest(database: Database, row: dict) -> str:
    fields = {k: v for k, v in row.items() if k not in _SYSTEM}
    fields["tags"] = sorted(
        (
            r[0]
            for r in database.conn.execute(
                "SELECT t.name FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id WHERE ct.contact_id = ?",
                (row["id"],),
            )
        ),
        key=str.casefold,
    )
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
