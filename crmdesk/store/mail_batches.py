"""What an e-mail batch holds beyond crmdesk/store/outreach.py: its report
per recipient (sent, refused by the server and why, still to send), the
recipients the server asked to try later, and whether it can be resumed.

    rows = report_rows(database, batch_id)     # [{code, name, email, state, detail}] refused first
    counts = state_counts(database, batch_id)   # {"done": 12, "refused": 1, "pending": 3}
    check_resumable(database, batch_id)        # the batch row, or CrmError (French) saying why not
"""

from __future__ import annotations

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.database import Database

_ORDER = {"refused": 0, "pending": 1, "done": 2}


def report_rows(database: Database, batch_id: int) -> list[dict]:
    rows = database.query(
        "SELECT r.contact_id, r.state, r.detail, c.code, c.email, c.civility, c.first_name, c.last_name, c.company "
        "FROM outreach_recipients r JOIN contacts c ON c.id = r.contact_id WHERE r.batch_id = ?",
        (batch_id,),
    )
    out = []
    for row in rows:
        name = " ".join(p for p in (row["first_name"], row["last_name"]) if p) or row["company"] or ""
        out.append(
            {
                "contact_id": row["contact_id"],
                "code": row["code"],
                "name": name,
                "email": row["email"] or "",
                "state": row["state"],
                "detail": row["detail"] or "",
            }
        )
    out.sort(key=lambda r: (_ORDER.get(r["state"], 3), r["code"] or ""))
    return out


def state_counts(database: Database, batch_id: int) -> dict[str, int]:
    counts = {"done": 0, "refused": 0, "pending": 0}
    for state, count in database.conn.execute(
        "SELECT state, count(*) FROM outreach_recipients WHERE batch_id = ? GROUP BY state", (batch_id,)
    ):
        counts[state] = count
    return counts


def note_deferred(database: Database, batch_id: int, contact_id: int, detail: str) -> None:
    """The server asked to try later: the recipient stays to send, with why."""
    with database.atomic() as conn:
        conn.execute(
            "UPDATE outreach_recipients SET detail = ? WHERE batch_id = ? AND contact_id = ? AND state = 'pending'",
            (detail, batch_id, contact_id),
        )


def recall_of(database: Database, batch_id: int) -> int | None:
    """The product recall a batch told people of (its first recipients ticked), else None."""
    return database.scalar("SELECT recall_id FROM recall_contacts WHERE batch_id = ? LIMIT 1", (batch_id,))


def check_resumable(database: Database, batch_id: int) -> dict:
    """The batch row when it is an e-mail batch with recipients left and not undone; CrmError otherwise."""
    row = database.conn.execute("SELECT * FROM outreach_batches WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        raise CrmError(N_("Envoi n° {number} introuvable."), number=batch_id)
    if row["channel"] != "email":
        raise CrmError(N_("L'envoi n° {number} n'est pas un envoi d'e-mails."), number=batch_id)
    if row["undone_at"]:
        raise CrmError(N_("L'envoi n° {number} a été annulé : il ne se reprend pas."), number=batch_id)
    if not state_counts(database, batch_id)["pending"]:
        raise CrmError(N_("L'envoi n° {number} est terminé : il ne reste personne à qui écrire."), number=batch_id)
    return dict(row)


def resumable(database: Database) -> list[int]:
    """E-mail batches not undone with recipients left to send, newest first."""
    return [
        r[0]
        for r in database.conn.execute(
            "SELECT b.id FROM outreach_batches b WHERE b.channel = 'email' AND b.undone_at IS NULL AND EXISTS "
            "(SELECT 1 FROM outreach_recipients r WHERE r.batch_id = b.id AND r.state = 'pending') "
            "ORDER BY b.at DESC, b.id DESC"
        )
    ]
