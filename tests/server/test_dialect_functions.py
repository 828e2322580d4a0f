"""SQLite's functions the stores use, on a server: the same answers.

Each statement runs as the stores write it, on a new client file and on a
new server database (through crmdesk/store/server/dialect.py)."""

from __future__ import annotations

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.server.connection import ServerDatabase

STATEMENTS = [
    # SQLite's total(): a float, 0.0 over no row; of comparisons, the count of the true ones
    ("SELECT total(amount_cents) FROM orders", ()),
    ("SELECT total(id > 1), total(id) FROM contacts", ()),
    # the scalar max() and min() of two values or more; the aggregate max() untouched
    ("SELECT max('2026-01-02', ifnull(NULL, ''), '2025-12-31'), min(3, 1, 2), max(id) FROM contacts", ()),
    # char(31) as a separator of group_concat
    ("SELECT group_concat(name, char(31)) FROM (SELECT 'a' AS name UNION ALL SELECT 'b' ORDER BY 1)", ()),
    # GLOB with a literal pattern
    ("SELECT code FROM contacts WHERE code GLOB 'R[0-9]*' ORDER BY code", ()),
    ("SELECT code FROM contacts WHERE code GLOB 'K?' ORDER BY code", ()),
    # the audit log's JSON: valid or not, one key, the first of a list
    (
        "SELECT CAST(json_extract(changes, '$.merged_id') AS INTEGER), "
        "CAST(json_extract(changes, '$.contact_id[0]') AS INTEGER) FROM audit_log "
        "WHERE entity = 'probe' AND json_valid(changes) ORDER BY id",
        (),
    ),
    # the cache tuning of a file means nothing to a server
    ("PRAGMA cache_size = -65536", ()),
]


@pytest.fixture
def both(tmp_path, pg_url):
    kinds = (Database(tmp_path / "clients.sqlite", create=True), ServerDatabase(pg_url, create=True))
    for database in kinds:
        for code, name in (("R12", "Roux"), ("K1", "Klein"), ("RX", "Rey"), ("R7", "Rip")):
            ContactStore(database).create({"code": code, "last_name": name})
        with database.atomic() as conn:
            for changes in ('{"merged_id": 7}', '{"contact_id": [4, 5]}', "pas du JSON", None):
                conn.execute(
                    "INSERT INTO audit_log(at, author, entity, action, changes) VALUES ('2026-11-23', 'x', 'probe', "
                    "'probe', ?)",
                    (changes,),
                )
    yield kinds
    for database in kinds:
        database.close()


def test_the_stores_functions_answer_the_same_on_a_server(both):
    file, server = both
    for sql, params in STATEMENTS:
        on_file = [tuple(r) for r in file.conn.execute(sql, params).fetchall()]
        on_server = [tuple(r) for r in server.conn.execute(sql, params).fetchall()]
        if sql.startswith("PRAGMA"):
            continue  # SQLite answers nothing, the server « 1 »: what matters is that it runs
        assert on_server == on_file, sql
    assert [tuple(r) for r in server.conn.execute(STATEMENTS[4][0])] == [("R12",), ("R7",)]
    assert [tuple(r) for r in server.conn.execute(STATEMENTS[1][0])] == [(3.0, 10.0)]
