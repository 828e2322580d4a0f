"""The contacts' bookkeeping written by the server's statement-level triggers
(db/postgresql/015): live and trashed counts, the change journal and its
pruning, the figures' « touched » notes. A bulk import, a trash, a restore,
a multi-row delete and tag links, made the same way on a file (SQLite's row
triggers) and on a server, leave the same rows."""

from __future__ import annotations

import psycopg
import pytest

from crmdesk.store.bulk_contacts import ContactWriter
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.server import checks, migrate
from crmdesk.store.server.connection import ServerDatabase

IMPORTED = 5000  # past two multiples of 2048: the journal is pruned twice on a file, once per statement on a server


def bookkeeping(database) -> dict:
    """Counts, journal and notes as a user of the store finds them."""
    return {
        "counters": dict(database.query("SELECT name, value FROM counters")),
        "counted": ContactStore(database).count(ContactQuery()),
        "really": database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NULL"),
        "trashed": database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL"),
        "journal": [r[0] for r in database.query("SELECT seq FROM contact_changes ORDER BY seq")],
        "changed": sorted(r[0] for r in database.query("SELECT contact_id FROM contact_changes")),
        "touched": sorted(r[0] for r in database.query("SELECT contact_id FROM figures_touched")),
    }


def work(database) -> list[dict]:
    """An import of IMPORTED clients (some already trashed, some with figures),
    their tags, then the window's and the undo's writes; the bookkeeping after each."""
    seen = []
    writer = ContactWriter(database)
    with database.atomic():
        ids = writer.new_ids(IMPORTED)
        writer.insert(
            {
                "id": contact_id,
                "code": f"IMP{n:05d}",
                "last_name": f"Client {n}",
                "deleted_at": "2026-11-01T10:00:00" if n % 7 == 0 else None,
                "figures_as_of": "2026-11-01" if n % 5 == 0 else None,
            }
            for n, contact_id in enumerate(ids)
        )
        writer.tag([(contact_id, writer.tag_id("Salon 2026")) for contact_id in ids[:300]])
    seen.append(bookkeeping(database))
    store = ContactStore(database)
    for contact_id in ids[1:40]:
        store.trash(contact_id)
    store.restore(ids[0])
    store.restore(ids[1])
    seen.append(bookkeeping(database))
    with database.atomic() as conn:
        # the tag links first: a cascade would journal them after the contacts on a server (their own statement)
        conn.execute("DELETE FROM contact_tags WHERE contact_id <= ?", (ids[2999],))
        conn.execute("DELETE FROM contacts WHERE id BETWEEN ? AND ?", (ids[50], ids[2999]))
        conn.execute("UPDATE contacts SET city = 'Rouen' WHERE id BETWEEN ? AND ?", (ids[3000], ids[3499]))
    seen.append(bookkeeping(database))
    return seen


def test_a_bulk_import_and_its_undo_keep_the_same_books_on_a_file_and_on_a_server(database, pg_url):
    server = ServerDatabase(pg_url, create=True)
    try:
        on_file, on_server = work(database), work(server)
    finally:
        server.close()
    after_import = on_server[0]
    live = IMPORTED - len(range(0, IMPORTED, 7))
    assert after_import["counters"] == {"contacts_live": live, "contacts_trash": IMPORTED - live}
    assert after_import["journal"][0] == 2049  # 5000 + 300 tag links written, the oldest pruned
    for step, (file_books, server_books) in enumerate(zip(on_file, on_server, strict=True)):
        assert server_books["counters"]["contacts_live"] == server_books["counted"] == server_books["really"], step
        assert server_books["counters"]["contacts_trash"] == server_books["trashed"], step
        assert server_books == file_books, step


def test_the_servers_check_finds_the_counters_right_after_a_bulk_import(pg_url):
    with ServerDatabase(pg_url, create=True) as server:
        work(server)
    report = checks.check(pg_url)
    assert report.ok, report.text()


@pytest.mark.parametrize("rows", [1, 2048, 2049])
def test_the_journal_keeps_the_last_changes_whatever_the_size_of_a_statement(pg_url, rows):
    with ServerDatabase(pg_url, create=True) as server:
        writer = ContactWriter(server)
        for _ in range(3):
            with server.atomic():
                writer.insert({"id": i, "code": f"M{i}", "last_name": "Martin"} for i in writer.new_ids(rows))
        seqs = [r[0] for r in server.query("SELECT seq FROM contact_changes ORDER BY seq")]
    last = 3 * rows
    assert seqs == list(range(max(1, last // 2048 * 2048 - 2048 + 1), last + 1))  # the row trigger's rule


def test_a_server_database_of_the_last_release_is_brought_to_015_with_its_counts(pg_url):
    baseline = next(path for number, path in migrate.migrations() if number == 14)
    with psycopg.connect(pg_url, autocommit=True) as raw, raw.transaction():  # as 014 left it, with clients
        raw.execute(baseline.read_text(encoding="utf-8"))
        raw.execute("INSERT INTO crmdesk_meta(key, value) VALUES ('application', 'crmdesk'), ('schema_version', '14')")
        raw.execute(
            "INSERT INTO contacts(code, last_name, created_at, updated_at, deleted_at) "
            "SELECT 'A' || n, 'Ancien', '2026-01-01', '2026-01-01', CASE WHEN n % 4 = 0 THEN '2026-02-01' END "
            "FROM generate_series(1, 400) AS n"
        )
    with ServerDatabase(pg_url) as server:
        assert server.schema_version() == migrate.latest_version() >= 15
        assert bookkeeping(server)["counters"] == {"contacts_live": 300, "contacts_trash": 100}  # 014's counts kept
        for books in work(server):
            assert books["counters"] == {"contacts_live": books["really"], "contacts_trash": books["trashed"]}


def test_no_row_trigger_runs_per_contact_on_a_bulk_insert_or_delete(pg_url):
    """What made a bulk import quadratic: a row trigger on the tables it fills (db/postgresql/015)."""
    with ServerDatabase(pg_url, create=True) as server:
        found = server.query(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid IN ('contacts'::regclass, 'contact_tags'::regclass, 'contact_changes'::regclass) "
            "AND tgtype & 1 = 1 AND tgtype & (4 | 8) <> 0"  # FOR EACH ROW, on INSERT or DELETE
        )
    assert [tuple(r) for r in found] == []
