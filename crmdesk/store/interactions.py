"""Interactions and a client's timeline (docs/domain/07-follow-up-and-loyalty.md).

* ``add`` / ``update`` / ``delete`` an interaction (checked by
  domain/interactions.py validate), each audited, each in one transaction.
  A new interaction also sets the client's « last contact » date
  (contacts.last_contact, docs/domain/08-personal-data.md) when it is later.
* ``timeline(contact_id)``: everything that happened with a client, newest
  first — its interactions, orders, complaints and survey answers — read by
  one UNION over the indexes by contact (interactions_by_contact,
  orders_by_contact, complaints_by_contact, survey_answers_by_contact), so that
  a client's tab opens at once in a file of a million clients. Each entry:
  ``source`` (interaction, order, complaint, survey), ``id``, ``at`` (ISO date
  or date-time), ``channel``, ``direction``, ``kind``, ``subject``, ``notes``,
  ``rep_name``, ``amount_cents`` (orders), ``score`` (survey answers), ``ref``.
"""

from __future__ import annotations

import datetime as dt

from crmdesk.domain import interactions as rules
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.database import Database

_TIMELINE = """
SELECT 'interaction' AS source, i.id, i.at, i.channel, i.direction, i.kind, i.subject, i.notes,
       r.name AS rep_name, CAST(NULL AS INTEGER) AS amount_cents, CAST(NULL AS INTEGER) AS score, NULL AS ref
  FROM interactions i LEFT JOIN reps r ON r.id = i.rep_id
 WHERE i.contact_id = :contact
UNION ALL
SELECT 'order', o.id, o.date, o.channel, 'in', NULL, NULL, o.notes, r.name, o.amount_cents, NULL, o.ref
  FROM orders o LEFT JOIN reps r ON r.id = o.rep_id
 WHERE o.contact_id = :contact
UNION ALL
SELECT 'complaint', c.id, c.received_at, c.channel, 'in', c.kind, c.subject, c.description, c.owner, NULL, NULL,
       c.ref
  FROM complaints c
 WHERE c.contact_id = :contact
UNION ALL
SELECT 'survey', s.id, s.date, NULL, 'in', s.indicator, NULL, s.comment, NULL, NULL, s.score, NULL
  FROM survey_answers s
 WHERE s.contact_id = :contact
ORDER BY 3 DESC, 1, 2 DESC
LIMIT :limit
"""

_COLUMNS = "id, contact_id, at, channel, direction, kind, subject, notes, rep_id"


class InteractionStore:
    def __init__(self, database: Database):
        self.database = database

    def _check(self, values: dict, now: dt.datetime | None) -> dict:
        clean = rules.validate(values, now=now)
        if not self.database.scalar(
            "SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", (clean["contact_id"],)
        ):
            raise CrmError(N_("Ce client n'existe plus (ou il est dans la corbeille)."))
        if clean["rep_id"] is not None and not self.database.scalar(
            "SELECT 1 FROM reps WHERE id = ?", (clean["rep_id"],)
        ):
            raise CrmError(N_("Ce commercial n'existe plus."))
        return clean

    def add(self, values: dict, *, now: dt.datetime | None = None) -> int:
        row = self._check(values, now)
        with self.database.atomic() as conn:
            cursor = conn.execute(
                f"INSERT INTO interactions({', '.join(rules.FIELDS)}) VALUES ({', '.join('?' for _ in rules.FIELDS)})",
                [row[f] for f in rules.FIELDS],
            )
            interaction_id = int(cursor.lastrowid)
            self._touch_last_contact(row)
            self.database.audit("interaction", interaction_id, "create", {f: [None, row[f]] for f in rules.FIELDS})
        return interaction_id

    def get(self, interaction_id: int) -> dict | None:
        row = self.database.conn.execute(
            f"SELECT {_COLUMNS}, (SELECT name FROM reps WHERE reps.id = rep_id) AS rep_name "
            "FROM interactions WHERE id = ?",
            (interaction_id,),
        ).fetchone()
        return dict(row) if row else None

    def _existing(self, interaction_id: int) -> dict:
        row = self.get(interaction_id)
        if row is None:
            raise CrmError(N_("Cet échange n'existe plus."))
        return row

    def update(self, interaction_id: int, changes: dict, *, now: dt.datetime | None = None) -> dict:
        old = self._existing(interaction_id)
        row = self._check({**{f: old[f] for f in rules.FIELDS}, **changes}, now)
        diff = {f: [old[f], row[f]] for f in rules.FIELDS if old[f] != row[f]}
        if diff:
            with self.database.atomic() as conn:
                conn.execute(
                    f"UPDATE interactions SET {', '.join(f'{f} = ?' for f in rules.FIELDS)} WHERE id = ?",
                    [row[f] for f in rules.FIELDS] + [interaction_id],
                )
                self._touch_last_contact(row)
                self.database.audit("interaction", interaction_id, "update", diff)
        return self._existing(interaction_id)

    def delete(self, interaction_id: int) -> dict:
        """Delete; returns what was deleted (to put it back: ``add``)."""
        old = self._existing(interaction_id)
        with self.database.atomic() as conn:
            conn.execute("DELETE FROM interactions WHERE id = ?", (interaction_id,))
            self.database.audit("interaction", interaction_id, "delete", {f: [old[f], None] for f in rules.FIELDS})
        return {f: old[f] for f in rules.FIELDS}

    def _touch_last_contact(self, row: dict) -> None:
        day = row["at"][:10]
        self.database.conn.execute(
            "UPDATE contacts SET last_contact = ? WHERE id = ? AND (last_contact IS NULL OR last_contact < ?)",
            (day, row["contact_id"], day),
        )

    def timeline(self, contact_id: int, limit: int = 5000) -> list[dict]:
        """Everything that happened with the client, newest first (see the module docstring)."""
        rows = self.database.conn.execute(_TIMELINE, {"contact": contact_id, "limit": limit})
        return [dict(r) for r in rows]

    def reps(self) -> list[dict]:
        return [dict(r) for r in self.database.query("SELECT id, name FROM reps WHERE active = 1 ORDER BY name")]
