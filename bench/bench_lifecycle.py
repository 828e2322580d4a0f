"""Opening and closing a big client file, without the window: the reminders'
runs (first after the import, again the same day, the next day), the Today
view's lists, a backup (copy and check) next to a plain file copy measured in
the same run, the check a backup gets (quick_check) next to a full
integrity_check, and closing the file (its log merged).

    python bench/bench_lifecycle.py [CLIENTS]     (default 1,000,000; uses bench_gui's imported file)

The imported file is never written to: the figures are taken on a fresh copy
in a temporary folder beside it, deleted at the end.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, big_file

from crmdesk.store import backups, copies
from crmdesk.store.database import Database
from crmdesk.store.tasks import TaskStore


def timed(action):
    with Timer() as timer:
        result = action()
    return timer.seconds, result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    source = big_file(count)
    work = Path(tempfile.mkdtemp(prefix="bench-lifecycle-", dir=source.parent))
    try:
        run(source, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(source: Path, work: Path) -> None:
    path = work / source.name
    copy_s, _ = timed(lambda: shutil.copyfile(source, path))
    size = path.stat().st_size
    print(f"file: {path.name}, {size / 2**20:,.0f} MiB; plain file copy {copy_s:.1f} s (reference)")
    today = dt.date.today()
    database = Database(path)
    store = TaskStore(database)
    for label, day in (
        ("first run after the import", today),
        ("again the same day", today),
        ("the next day", today + dt.timedelta(days=1)),
    ):
        seconds, created = timed(lambda d=day: store.generate_reminders(d))
        print(f"reminders, {label}: {seconds:.2f} s, {created:,} created")
    seconds, view = timed(lambda: store.today_view(today, 500))
    print(f"Today view's lists: {seconds:.2f} s, counts {view['counts']}")
    seconds, made = timed(lambda: backups.automatic(database, backups.DAILY))
    print(
        f"backup (online copy in steps, then quick_check): {seconds:.1f} s, {made.stat().st_size / 2**20:,.0f} MiB "
        f"({seconds / copy_s:.1f} x the plain copy)"
    )
    for quick in (True, False):
        seconds, result = timed(lambda q=quick: copies.integrity(made, quick=q))
        print(f"{'quick_check' if quick else 'integrity_check'} of the backup: {seconds:.1f} s ({result[0]})")
    store.database.conn.execute("UPDATE contacts SET notes = 'vu' WHERE id % 1000 = 0")  # a day's edits
    seconds, _ = timed(database.close)
    wal = path.with_name(path.name + "-wal")
    print(
        f"close (optimize, log merged and emptied): {seconds:.2f} s; log left: "
        f"{wal.stat().st_size if wal.exists() else 0} bytes"
    )


if __name__ == "__main__":
    main()
