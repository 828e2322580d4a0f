"""Emptying the trash: the trashed contacts deleted for good, in one transaction.

What refers to a contact decides what emptying may do:

* business records — orders, complaints, home parties hosted (every foreign
  key to contacts that is ON DELETE RESTRICT, read from the schema: a later
  table is seen too) — must outlive the contact: revenue, complaint and
  loyalty statistics are made of them. A trashed contact holding any stays in
  the trash (`EmptiedTrash.kept`); the personal-data erasure (store/gdpr.py)
  is what anonymises such a person while the records stay;
* the contact's own rows go with it (ON DELETE CASCADE: tags, exchanges,
  tasks, loyalty points and cards, guest lists, reminders);
* other rows only lose the link (ON DELETE SET NULL: a person who worked for
  a deleted company, a client referred by a deleted one, survey answers that
  stay in the satisfaction figures, rights requests);
* the old values an import kept to undo its updates of the contact
  (import_changes) are deleted too: they are the contact's data.

The audit log keeps one entry, « empty_trash », with the counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmdesk.store.database import Database, chunks, references


@dataclass(frozen=True)
class EmptiedTrash:
    deleted: int  # contacts deleted for good
    kept: int  # trashed contacts left there: they have orders, complaints or parties


def held_in_trash(database: Database) -> set[int]:
    """The trashed contacts that business records refer to (they cannot be deleted)."""
    held: set[int] = set()
    for table, column in references(database.conn, "contacts", restricting=True):
        held.update(
            r[0]
            for r in database.conn.execute(
                f'SELECT DISTINCT t."{column}" FROM "{table}" AS t JOIN contacts AS c ON c.id = t."{column}" '
                "WHERE c.deleted_at IS NOT NULL"
            )
        )
    return held


def empty_trash(database: Database) -> EmptiedTrash:
    """Delete for good every trashed contact no business record refers to."""
    with database.atomic() as conn:
        trashed = [
            r[0] for r in conn.execute("SELECT id FROM contacts INDEXED BY contacts_trash WHERE deleted_at IS NOT NULL")
        ]
        held = held_in_trash(database)
        doomed = [i for i in trashed if i not in held]
        for part, marks in chunks(doomed):
            conn.execute(f"DELETE FROM import_changes WHERE entity = 'contact' AND entity_id IN ({marks})", part)
            conn.execute(f"DELETE FROM contacts WHERE id IN ({marks})", part)
        result = EmptiedTrash(len(doomed), len(trashed) - len(doomed))
        if trashed:
            database.audit(
                "contact", None, "empty_trash", {"deleted": [None, result.deleted], "kept": [None, result.kept]}
            )
    return result
