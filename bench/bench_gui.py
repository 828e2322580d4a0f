"""The client table on a 1,000,000-client file, against references taken in
the same run (the machine is shared and noisy, so ratios, not absolutes).

    python bench/bench_gui.py [CLIENTS]     (default 1,000,000; first run builds the file)

Targets: start to first rows painted <= 2.5 x an empty PySide6 window, with
what runs at opening (the reminders generated and the Today view read, in a
worker) running meanwhile; jump to the last row <= 20 ms; re-sort <= 100 ms;
search keystroke to updated view <= 1/20 of a LIKE '%term%' scan (typed key by
key, the window's search delay between two searches, as in use); GUI peak
memory <= 250 MiB; closing (from the request to the process exit, backups
included) <= 2 s. Also printed: when the Today view is ready, and the disk
the automatic backups take after ten open/close sessions, and next to the
keystrokes the machine's own noise in the same run: the rows shown re-read
and repainted with no search, after the same pause, as many times.

The file is the one imported from the CSV, never written to: every scenario
that opens it in the window (which writes reminders and backups) works on a
fresh copy of it, in a temporary folder beside it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, big_file, report

CHILD = str(Path(__file__).resolve().parent / "gui_child.py")
RUNS = 5


def child(*args) -> dict:
    out = subprocess.run([sys.executable, CHILD, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def launch(mode: str, *extra) -> float:
    return child(mode, repr(time.time()), *extra)["seconds"]


def fresh_copy(path: Path, folder: Path) -> Path:
    """The imported file as it was just after its import (the window writes into what it opens)."""
    for old in folder.iterdir():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    target = folder / path.name
    shutil.copyfile(path, target)
    return target


def backups_disk(path: Path) -> tuple[int, int]:
    """(bytes, files) of every backup of `path`: its backups folder and the copies beside it."""
    from crmdesk.store import backups

    found = backups.list_backups(path, counts=False)
    return sum(b.size for b in found), len(found)


def session(path: Path, how: str) -> tuple[float, dict]:
    """One session of the window on `path` (gui_child.py session); seconds from the close request to the exit."""
    process = subprocess.Popen([sys.executable, CHILD, "session", str(path), how], stdout=subprocess.PIPE, text=True)
    out, _ = process.communicate()
    ended = time.time()
    if process.returncode != 0:
        raise RuntimeError(f"session child failed ({process.returncode})")
    events = json.loads(out.strip().splitlines()[-1])
    return ended - events["close_request"], events


def like_scan(path: Path, term: str) -> float:
    """What a plain SQL search would do: LIKE on every searchable column."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    pattern = f"%{term}%"
    with Timer() as timer:
        conn.execute(
            "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND (last_name LIKE ?1 OR "
            "first_name LIKE ?1 OR company LIKE ?1 OR email LIKE ?1 OR phone LIKE ?1 OR city LIKE ?1)",
            (pattern,),
        ).fetchone()
    conn.close()
    return timer.seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = big_file(count)
    print(f"file: {path.name}, {path.stat().st_size / 2**20:,.0f} MiB, {count:,} clients")
    work = Path(tempfile.mkdtemp(prefix="bench-gui-", dir=path.parent))
    try:
        run(path, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(path: Path, work: Path) -> None:
    empty_s = statistics.median(launch("empty") for _ in range(RUNS))
    starts = []
    for _ in range(RUNS):
        copy = fresh_copy(path, work)  # each start is the first opening after the import
        starts.append(child("start", repr(time.time()), str(copy)))
    start_s = statistics.median(s["seconds"] for s in starts)
    ratio = start_s / empty_s
    report(
        "start to first rows painted",
        ratio,
        "x empty window",
        f"{start_s * 1000:.0f} ms vs {empty_s * 1000:.0f} ms, reminders and Today view computed meanwhile; "
        "target <= 2.5",
        ratio <= 2.5,
    )
    today_s = statistics.median(s["today_ready_s"] for s in starts)
    first = starts[0]
    print(
        f"    Today view ready {today_s:.1f} s after launch (median; "
        + ", ".join(f"{s['today_ready_s']:.1f}" for s in starts)
        + f" s); {first['created']:,} reminders "
        f"created by then (a big file's are written once its pages are checked), shown: {first['shown']}, "
        f"counts {first['counts']}",
        flush=True,
    )

    figures = child("interact", str(fresh_copy(path, work)))
    print(
        f"    in-memory listing (search texts, name order) ready {figures['listing_s']:.1f} s after opening, "
        f"built in the background; {figures['listing_mib']:.0f} MiB; the orders the re-sorts asked for "
        f"{figures['orders_s']:.1f} s later"
    )
    print(
        f"    the opening's work (page check, the reminders it allows, the backup) done {figures['opening_s']:.1f} s "
        "after opening; what follows is timed after it, the disk's pending writes flushed"
    )
    jump_ms = figures["jump_last_s"] * 1000
    report("jump to the last row", jump_ms, "ms", "target <= 20 ms (cold page cache, median of 5)", jump_ms <= 20)
    sort_ms = figures["sort_s"] * 1000
    report(
        "re-sort on another column",
        sort_ms,
        "ms",
        "median over 5 columns " + ", ".join(f"{s * 1000:.0f}" for s in figures["sort_all_s"]) + "; target <= 100 ms",
        sort_ms <= 100,
    )
    worst = 0.0
    for term, strokes in figures["search_s"].items():
        like = like_scan(path, term)
        slowest = max(strokes)
        worst = max(worst, slowest / like)
        cpu = figures["search_cpu_s"][term][strokes.index(slowest)]
        print(
            f"    « {term} » typed key by key: "
            + ", ".join(f"{s * 1000:.0f}" for s in strokes)
            + f" ms per keystroke; LIKE scan {like * 1000:.0f} ms (slowest keystroke 1/{like / slowest:.0f}:"
            + f" {cpu * 1000:.0f} ms of it on the window's thread's CPU)"
        )
    floor = sorted(figures["floor_s"])
    print(
        f"    the same rows re-read and repainted with no search, after the same pause, {len(floor)} times"
        f" (this run's machine): median {floor[len(floor) // 2] * 1000:.0f} ms, slowest {floor[-1] * 1000:.0f} ms"
    )
    print(
        f"    between two searches (the window's {figures['search_delay_ms']} ms search delay) the background work "
        f"(a frequent word's matches read ahead) took at most {figures['between_keys_s'] * 1000:.0f} ms"
    )
    report(
        "search keystroke to updated view",
        worst,
        "x LIKE scan (slowest keystroke)",
        "target <= 0.05 (1/20)",
        worst <= 0.05,
    )
    peak = figures["peak_rss_mib"]
    report("GUI peak memory", peak, "MiB", "after start, jumps, sorts and searches; target <= 250", peak <= 250)

    # ten sessions on one fresh copy: the first closed during its background backup, the others
    # after it and an edit (the worst case for closing: the file changed since its backup)
    copy = fresh_copy(path, work)
    closes = []
    for number in range(10):
        seconds, events = session(copy, "cancel" if number == 0 else "work")
        closes.append(seconds)
        print(
            f"    session {number + 1}: Today view ready {events.get('today_ready_s', float('nan')):.1f} s after "
            f"opening; closed {'during a' if events['backing_up_at_close'] else 'with no'} background backup "
            f"under way in {seconds:.2f} s; backups made: {', '.join(events.get('backups_made', [])) or 'none'}",
            flush=True,
        )
    slowest = max(closes)
    report(
        "close, from the request to the process exit",
        slowest,
        "s",
        f"slowest of 10 sessions (median {statistics.median(closes):.2f} s), backups included; target <= 2 s",
        slowest <= 2,
    )
    size, files = backups_disk(copy)
    print(
        f"    backups after 10 sessions: {files} file(s), {size / 2**20:,.0f} MiB "
        f"({size / copy.stat().st_size:.1f} x the file, {copy.stat().st_size / 2**20:,.0f} MiB)",
        flush=True,
    )


if __name__ == "__main__":
    main()
