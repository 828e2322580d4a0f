"""Two imports into the same server database at the same time: both succeed.

The first import holds its transaction open half-way (its rejected row's
handler waits) while the second runs from start to end on another
connection; with ids counted as « the highest + 1 » the second would take
the first one's uncommitted ids and wait for it forever. Ids come from the
server's sequences: each import has its own."""

from __future__ import annotations

import threading
import time

from crmdesk.io.clients import import_clients
from crmdesk.io.orders import import_orders
from crmdesk.store.audit import AuditLog
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.imports import history, undo_batch
from tests.io.helpers import write_csv

WAIT = 20  # seconds: far more than the second import needs


def _clients(path, prefix: str, count: int, bad_at: int | None = None):
    rows = [[f"{prefix}{n:04d}", f"Nom{prefix}{n}", "Anne", "Rouen"] for n in range(count)]
    if bad_at is not None:
        rows[bad_at] = [f"{prefix}BAD", "", "", "Rouen"]  # no name: rejected
    return write_csv(path, ["code", "last_name", "first_name", "city"], rows)


def _overlapping(first, second, second_db):
    """Run first(on_reject) on its thread, holding its transaction open at its first rejected
    row until second() has run to its end on this thread, or waits for a lock the first holds
    (the dashboard's aggregates of the same month: the second then goes on once the first has
    committed); both results."""
    second_done = threading.Event()
    results: dict[str, object] = {}
    watcher = second_db.companion()  # sees the second's backend from outside
    pid = second_db.conn.raw.info.backend_pid

    def second_waits() -> bool:
        row = watcher.conn.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?", (pid,)).fetchone()
        return row is not None and row[0] == "Lock"

    def hold(_reject):
        deadline = time.monotonic() + WAIT
        while not second_done.wait(0.05) and not second_waits():
            assert time.monotonic() < deadline, "the second import neither finished nor waited"

    def run_first():
        try:
            results["first"] = first(hold)
        except BaseException as exc:  # noqa: BLE001 - raised again below
            results["first"] = exc

    thread = threading.Thread(target=run_first)
    thread.start()
    try:
        try:
            results["second"] = second()
        except BaseException as exc:  # noqa: BLE001 - raised again below
            results["second"] = exc
    finally:
        second_done.set()
        thread.join(WAIT * 2)
        watcher.close()
    assert not thread.is_alive()
    for key in ("first", "second"):
        if isinstance(results[key], BaseException):
            raise results[key]
    return results["first"], results["second"]


def test_two_clients_imports_at_once_both_succeed(two_pcs, tmp_path):
    marie, paul = two_pcs
    first_file = _clients(tmp_path / "salon.csv", "A", 60, bad_at=45)
    second_file = _clients(tmp_path / "boutique.csv", "B", 40)
    first, second = _overlapping(
        lambda on_reject: import_clients(marie, first_file, on_reject=on_reject, chunk_size=10),
        lambda: import_clients(paul, second_file, chunk_size=10),
        paul,
    )
    assert (first.inserted, first.rejected, second.inserted, second.rejected) == (59, 1, 40, 0)
    contacts = ContactStore(marie)
    assert contacts.count(ContactQuery()) == 99
    codes = {r["code"] for r in contacts.page(ContactQuery(sort="code"), 200).rows}
    assert {f"A{n:04d}" for n in range(60) if n != 45} | {f"B{n:04d}" for n in range(40)} == codes
    # the audit log says who imported what: the PostgreSQL logins
    authors = {e["author"] for e in AuditLog(marie).entries() if e["action"] == "import"}
    assert authors == {marie.author, paul.author} and marie.author != paul.author
    # each import is listed with its own rows, and undoing one leaves the other's
    batches = {b["file_name"]: b for b in history(marie)}
    assert (batches["salon.csv"]["rows_ok"], batches["boutique.csv"]["rows_ok"]) == (59, 40)
    undo_batch(paul, batches["salon.csv"]["id"])
    left = {r["code"] for r in contacts.page(ContactQuery(sort="code"), 200).rows}
    assert left == {f"B{n:04d}" for n in range(40)}


def test_two_orders_imports_at_once_both_succeed(two_pcs, tmp_path):
    marie, paul = two_pcs
    import_clients(marie, _clients(tmp_path / "c.csv", "C", 30))
    header = ["client", "date", "montant"]
    first_rows = [[f"C{n % 30:04d}", "20/11/2026", f"{n + 1},50"] for n in range(50)]
    first_rows[35] = ["INCONNU", "20/11/2026", "3"]  # rejected: the first import waits there
    second_rows = [[f"C{n % 30:04d}", "21/11/2026", "10"] for n in range(25)]
    first_file = write_csv(tmp_path / "salon.csv", header, first_rows)
    second_file = write_csv(tmp_path / "web.csv", header, second_rows)
    first, second = _overlapping(
        lambda on_reject: import_orders(marie, first_file, on_reject=on_reject, chunk_size=10),
        lambda: import_orders(paul, second_file, chunk_size=10),
        paul,
    )
    assert (first.inserted, first.rejected, second.inserted, second.rejected) == (49, 1, 25, 0)
    count, total = marie.conn.execute("SELECT count(*), sum(amount_cents) FROM orders").fetchone()
    assert (count, total) == (74, sum((n + 1) * 100 + 50 for n in range(50) if n != 35) + 25 * 1000)
