"""Client files of an older schema, written as that version wrote them (the store of
today writes columns a later migration adds: db/014's code_key)."""

from __future__ import annotations

from crmdesk.domain.contact import display_name
from crmdesk.domain.text import fold


def old_contact(database, **values) -> int:
    """A contact row with the columns of db/001 only; its id."""
    row = {
        "code": f"OLD{database.scalar('SELECT count(*) FROM contacts') + 1}",
        **values,
        "created_at": "2026-01-01T00:00:00",
        "updated_at": "2026-01-01T00:00:00",
    }
    row["name_key"] = fold(display_name({"kind": "person", **row}))
    columns = ", ".join(row)
    cursor = database.conn.execute(
        f"INSERT INTO contacts ({columns}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values())
    )
    return int(cursor.lastrowid)
