"""The writes of the clients import (crmdesk/io/clients.py), made inside its
transaction and `imports.bulk_contact_inserts`: ids handed out in advance,
codes looked up a chunk at a time, tags through a cache, rows inserted with
executemany. One ContactWriter per import run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database, chunks, new_ids


class ContactWriter:
    def __init__(self, database: Database):
        self.database = database
        self._tags: dict[str, int] | None = None  # casefolded name -> id

    def new_ids(self, count: int) -> list[int]:
        """Ids for up to `count` new contacts, increasing (the caller hands them out in order)."""
        return new_ids(self.database, "contacts", count)

    def by_code(self, codes: Sequence[str]) -> dict[str, tuple[int, str | None]]:
        """{code: (id, deleted_at)} of the contacts (trash included) having one of `codes`."""
        found: dict[str, tuple[int, str | None]] = {}
        for chunk, marks in chunks(codes):
            for code, contact_id, deleted in self.database.conn.execute(
                f"SELECT code, id, deleted_at FROM contacts WHERE code IN ({marks})", chunk
            ):
                found[code] = (contact_id, deleted)
        return found

    def code_taken(self, code: str) -> bool:
        return self.database.conn.execute("SELECT 1 FROM contacts WHERE code = ?", (code,)).fetchone() is not None

    def tag_id(self, name: str) -> int:
        """The id of the tag `name` (names are case-blind), created when missing."""
        if self._tags is None:
            self._tags = {r[1].casefold(): r[0] for r in self.database.conn.execute("SELECT id, name FROM tags")}
        key = name.casefold()
        tag_id = self._tags.get(key)
        if tag_id is None:
            tag_id = int(self.database.conn.execute("INSERT INTO tags(name) VALUES (?)", (name,)).lastrowid)
            self._tags[key] = tag_id
        return tag_id

    def insert(self, records: Iterable[dict]) -> None:
        """New contacts, each a full record with its id (one layout for executemany)."""
        columns = None
        values = []
        for cols, row in prepare_bulk(records):
            columns = columns or cols
            values.append(row)
        if values:
            self.database.insert_many("contacts", columns, values)

    def tag(self, rows: Sequence[tuple[int, int]]) -> None:
        """(contact_id, tag_id) pairs of new contacts."""
        if rows:
            self.database.insert_many("contact_tags", ("contact_id", "tag_id"), rows)
