"""What the damage checks cost on a big client file, against references
measured in the same run (the machine is shared and noisy: ratios).

    python bench/bench_opening.py FILE      (a copy of the 1M-client file: only read, never changed)

Prints:
- the check each opening runs (health.py) at each level: STRUCTURE (what a
  big file gets at every opening), PAGES (quick_check: a command that writes;
  the window's background check), FULL (integrity_check: `crmdesk check`),
  against a bare SQLite opening that reads the schema;
- reading every contact through crmdesk's connection (invalid UTF-8 decoded
  with a replacement character: a Python text_factory) against the same
  connection without it (target: at most 1.5 x);
- the scan for invalid text of `crmdesk check` against reading every contact.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import Timer, report

from crmdesk.store import health, text_cells
from crmdesk.store.database import Database

RUNS = 3


def best(function, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        with Timer() as timer:
            function()
        times.append(timer.seconds)
    return min(times)


def bare_open(path: Path) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def crmdesk_open(path: Path, level: str) -> None:
    Database(path, writer=False, check=level).close()


def read_all(conn: sqlite3.Connection) -> None:
    for _row in conn.execute("SELECT * FROM contacts"):
        pass


def main() -> None:
    path = Path(sys.argv[1])
    print(f"file: {path.name}, {path.stat().st_size / 2**20:,.0f} MiB; load {os.getloadavg()[0]:.1f}")
    bare_open(path)
    bare = best(lambda: bare_open(path), 5)
    structure = best(lambda: crmdesk_open(path, health.STRUCTURE), 5)
    report(
        "opening check, STRUCTURE",
        structure * 1000,
        "ms",
        f"bare SQLite opening {bare * 1000:.1f} ms; every opening of a big file",
        True,
    )
    pages = best(lambda: crmdesk_open(path, health.PAGES), 1)
    report("opening check, PAGES (quick_check)", pages, "s", "a writing command; the window's background check", True)
    full = best(lambda: crmdesk_open(path, health.FULL), 1)
    report("check, FULL (integrity_check)", full, "s", f"{full / pages:.1f} x PAGES; crmdesk check", True)

    plain = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    plain.row_factory = sqlite3.Row  # as crmdesk's: only the text_factory differs
    database = Database(path, writer=False, check=health.STRUCTURE)
    try:
        times_plain, times_ours = [], []
        for _ in range(RUNS):  # interleaved: the same load for both
            with Timer() as timer:
                read_all(plain)
            times_plain.append(timer.seconds)
            with Timer() as timer:
                read_all(database.conn)
            times_ours.append(timer.seconds)
        ratio = statistics.median(times_ours) / statistics.median(times_plain)
        report(
            "reading every contact, invalid UTF-8 tolerated",
            ratio,
            "x without text_factory",
            f"{statistics.median(times_ours):.2f} s vs {statistics.median(times_plain):.2f} s; target <= 1.5",
            ratio <= 1.5,
        )
        with Timer() as timer:
            _cells, total = text_cells.find(database.conn, 20)
        report(
            "scan for invalid text (crmdesk check)",
            timer.seconds / statistics.median(times_ours),
            "x reading every contact",
            f"{timer.seconds:.1f} s, {total} cell(s) found",
            True,
        )
    finally:
        database.close()
        plain.close()
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
