"""Crash safety: a process writing to a client file, killed (SIGKILL) at
random moments, never leaves a damaged file nor loses a write it reported.

    python bench/bench_kill.py                 # 200 kills
    python bench/bench_kill.py --kills 50 --max-delay 0.5 --seed 3

Each round starts a child that opens the file through crmdesk's Database
(WAL, synchronous=FULL, the writer lock) and writes clients, one
transaction each (the contact, its audit row, and a note of a random size
so that transactions span several pages), printing each committed id to
stdout (flushed) after its transaction returned. After a random delay the
parent kills it, reopens the file through Database (which recovers the
write-ahead log) and checks: PRAGMA integrity_check is « ok », every
reported id is present, and no transaction is half there (a contact
without its audit row). The same file goes from round to round.
tests/store/test_crash_safety.py runs a reduced count.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# The child: writes until killed; « ready » once the file is open.
CHILD = r"""
import random, sys
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database

database = Database(sys.argv[1], create=True, program="bench_kill")
store = ContactStore(database)
rng = random.Random(int(sys.argv[2]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    contact_id = store.create({"last_name": f"Tué {n}", "notes": "x" * rng.randrange(10, 6_000)})
    print(contact_id, flush=True)
"""


@dataclass
class Figures:
    kills: int = 0
    reported: int = 0  # ids the children said were committed
    rows: int = 0  # contacts in the file at the end
    damaged: list[str] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)
    half: list[int] = field(default_factory=list)
    wal_at_kill: int = 0  # rounds killed with a non-empty -wal beside the file
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.damaged or self.lost or self.half)


def kill_run(path: Path, kills: int, *, seed: int = 0, max_delay: float = 0.3) -> Figures:
    """`kills` rounds of write-then-SIGKILL on `path`; the figures of the checks."""
    from crmdesk.store.database import Database

    rng = random.Random(seed)
    figures = Figures()
    reported: set[int] = set()
    started = time.perf_counter()
    for round_number in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(rng.randrange(1 << 30))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = child.stdout.readline()
        if first.strip() != "ready":
            child.kill()
            _out, err = child.communicate()
            raise RuntimeError(f"the writing child did not start (round {round_number}): {err}")
        time.sleep(rng.uniform(0, max_delay))
        wal = path.with_name(path.name + "-wal")
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate()
        figures.kills += 1
        figures.wal_at_kill += wal.exists() and wal.stat().st_size > 0
        # only whole lines: a line is written by one write(2), but stay strict
        reported |= {int(line) for line in out.splitlines(keepends=True) if line.endswith("\n")}
        _check(Database, path, reported, figures, round_number)
    figures.reported = len(reported)
    figures.seconds = time.perf_counter() - started
    return figures


def _check(database_class, path: Path, reported: set[int], figures: Figures, round_number: int) -> None:
    with database_class(path) as database:  # the writer reopens it: WAL recovery
        result = [r[0] for r in database.conn.execute("PRAGMA integrity_check(5)")]
        if result != ["ok"]:
            figures.damaged.append(f"round {round_number}: {result}")
        present = {r[0] for r in database.conn.execute("SELECT id FROM contacts")}
        audited = {
            r[0]
            for r in database.conn.execute(
                "SELECT entity_id FROM audit_log WHERE entity = 'contact' AND action = 'create'"
            )
        }
        figures.lost = sorted(set(figures.lost) | (reported - present))
        figures.half = sorted(set(figures.half) | (present ^ audited))
        figures.rows = len(present)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--max-delay", type=float, default=0.3, help="seconds, after the file is open")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--file", type=Path, help="default: a new file in a temporary folder")
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-kill-") as folder:
        path = args.file or Path(folder) / "tue.sqlite"
        figures = kill_run(path, args.kills, seed=args.seed, max_delay=args.max_delay)
        size = path.stat().st_size
    print(
        f"{figures.kills} kills in {figures.seconds:.1f} s; {figures.reported} writes reported committed, "
        f"{figures.rows} rows in the file ({size / 1e6:.1f} MB)"
    )
    print(f"killed with a non-empty write-ahead log: {figures.wal_at_kill} of {figures.kills}")
    print(
        f"integrity_check failures: {len(figures.damaged)}; reported writes missing: {len(figures.lost)}; "
        f"half transactions: {len(figures.half)}"
    )
    for line in figures.damaged[:5]:
        print("  ", line)
    print("OK" if figures.ok else "FAILED")
    return 0 if figures.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
