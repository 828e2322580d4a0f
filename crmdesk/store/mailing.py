"""What a mailing list reads: the contacts' addresses, consents and
opposition, and the suppression list (docs/domain/08-personal-data.md; rules in crmdesk/domain/mailing.py).

The suppression list (db/001 `suppression_list`) keeps the opposition of
people whose file was erased, as hashes (`mailing.suppression_hash`): the
erasure of a contact who opposed prospecting should call `suppress` for
its e-mail address and phone numbers before anonymising it.
"""

from __future__ import annotations

from collections.abc import Iterator

from crmdesk.domain import mailing as rules
from crmdesk.store.database import Database, now_iso

_CANDIDATES = """
SELECT id, code, kind, civility, last_name, first_name, company, email, phone, phone2,
       address, postal_code, city, country,
       consent_email, consent_email_date, consent_email_source,
       consent_sms, consent_sms_date, consent_sms_source,
       consent_phone, consent_phone_date, consent_phone_source,
       opposition
  FROM contacts
 WHERE deleted_at IS NULL AND erased_at IS NULL
 ORDER BY code
"""


def candidates(database: Database) -> Iterator[dict]:
    """Every live contact by N° client, with what a mailing list decides on (one cursor)."""
    for row in database.conn.execute(_CANDIDATES):
        yield dict(row)


def suppressed_hashes(database: Database) -> set[tuple[str, str]]:
    """Every (kind, value_hash) of the suppression list."""
    return {(row[0], row[1]) for row in database.conn.execute("SELECT kind, value_hash FROM suppression_list")}


def is_suppressed(database: Database, kind: str, value: str | None) -> bool:
    digest = rules.suppression_hash(kind, value)
    return (
        digest is not None
        and database.scalar("SELECT 1 FROM suppression_list WHERE kind = ? AND value_hash = ?", (kind, digest))
        is not None
    )


def suppress(database: Database, kind: str, value: str | None, *, at: str | None = None) -> bool:
    """Put an e-mail address (kind « email ») or a phone number (« phone ») on
    the suppression list; True when it was not there yet (nothing readable:
    False, nothing written)."""
    if kind not in rules.SUPPRESSION_KINDS:
        raise ValueError(f"unknown suppression kind {kind!r}")
    digest = rules.suppression_hash(kind, value)
    if digest is None:
        return False
    with database.atomic():
        cursor = database.conn.execute(
            "INSERT OR IGNORE INTO suppression_list(kind, value_hash, added_at) VALUES (?, ?, ?)",
            (kind, digest, at or now_iso()),
        )
        added = cursor.rowcount == 1
        if added:
            database.audit("suppression_list", int(cursor.lastrowid), "add", {"kind": [None, kind]})
    return added
