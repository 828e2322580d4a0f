"""The server's schema (db/postgresql/): the file's tables and columns at the
same version, its rules kept by the database itself."""

from __future__ import annotations

import sqlite3

import pytest

from crmdesk.store import migrate as file_migrate
from crmdesk.store.server import migrate
from crmdesk.store.server.connection import ServerDatabase

# SQLite's FTS5 search table and its shadow tables: the server searches with pg_trgm instead
_FILE_ONLY = {"contacts_fts", "contacts_fts_config", "contacts_fts_data", "contacts_fts_docsize", "contacts_fts_idx"}


def test_the_server_schema_is_numbered_as_the_file_schema():
    assert migrate.latest_version() == file_migrate.latest_version()
    later = [n for n, path in migrate.migrations() if not path.stem.endswith("_baseline")]
    assert later == [n for n, _p in file_migrate.migrations() if n > migrate.pending(0)[0][0]]


def test_a_new_server_database_has_every_table_and_column_of_a_new_file(pg_url, database):
    server = ServerDatabase(pg_url, create=True)
    try:
        assert server.schema_version() == database.schema_version() == migrate.latest_version()
        on_server = _columns(
            server,
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'crmdesk_meta'",
        )
        in_file = _columns(
            database,
            "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS c "
            "WHERE m.type IN ('table', 'view')",
        )
        in_file = {t: cols for t, cols in in_file.items() if t not in _FILE_ONLY}
        on_server.pop("attachment_contents")  # a file keeps the attachments' bytes in its folder
        assert on_server == in_file
        for table in ("counters", "dash_kinds", "dash_bulk", "templates"):
            assert _rows(server, table) == _rows(database, table)
        extensions = {r[0] for r in server.query("SELECT extname FROM pg_extension")}
        assert {"pg_trgm", "unaccent", "citext"} <= extensions
    finally:
        server.close()


def test_the_complaint_history_is_refused_any_change_by_the_server(pg_url):
    from crmdesk.store.complaints import ComplaintStore
    from crmdesk.store.contacts import ContactStore

    server = ServerDatabase(pg_url, create=True)
    try:
        client = ContactStore(server).create({"last_name": "Durand"})
        complaints = ComplaintStore(server)
        complaint = complaints.create(
            {"contact_id": client, "subject": "Colis abîmé", "kind": "delivery", "channel": "phone"}
        )
        events = complaints.events(complaint)
        assert events
        for statement in (
            "UPDATE complaint_events SET action = 'x'",
            "DELETE FROM complaint_events",
            "TRUNCATE complaint_events",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"), server.atomic() as conn:
                conn.execute(statement)
        assert complaints.events(complaint) == events
    finally:
        server.close()


def _columns(database, sql: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in database.query(sql):
        found.setdefault(table, set()).add(column)
    return found


def _rows(database, table: str) -> list[tuple]:
    return sorted(tuple(r) for r in database.query(f"SELECT * FROM {table}"))
