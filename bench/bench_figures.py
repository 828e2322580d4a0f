"""Figures of today (issue 16): the recompute of a 1,000,000-client / 10,000,000-order
file the next day, against a DuckDB scan of the same file computing the same figures,
its peak memory, the longest stall of the window's event loop while it runs, and the
first rows painted when that file is opened the next day.

    python bench/bench_figures.py              # builds bench/out/figures-1000000-10000000.sqlite once
    python bench/bench_figures.py --file PATH  # another file made by bench_rfm.py's generator

Targets: recompute ≤ 1.5 × DuckDB (status, 12-month revenue and orders, last
order, RFM points grid code and segment, as of the same day, fetched into
Python), peak memory ≤ 500 MiB, no event-loop stall over 50 ms, first rows
painted ≤ 2.5 × an empty window (the foundation benchmark's start-up target).

What is timed for crmdesk is what the window's worker does (gui/figures_refresh.py):
figures_update.update from the figures saved the day before (only the contacts a
day can change are computed again, on a read-only connection), written in
transactions of 2,000 contacts on a connection of its own; and, apart, every
contact computed and compared (what a change of grid, or quantiles, cost).
Each run moves the copy on the contacts one day further (a copy of the generated
file is used: the generated file is never changed). DuckDB reads the SAME SQLite
file through its sqlite extension (see bench_rfm.py for how it is installed).
Everything runs in child processes (peak memory of each), one after the other,
so the ratio is measured in one run on the same machine load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_rfm import AS_OF, _duck_connect
from bench.common import OUT

CLIENTS, ORDERS = 1_000_000, 10_000_000
STALL_TICK_MS = 5


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(*args: str, env: dict | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# -- crmdesk -------------------------------------------------------------------------------------------
def saved_day(path: str) -> dt.date | None:
    from crmdesk.store import figures
    from crmdesk.store.database import Database

    with Database(path, writer=False) as db:
        return figures.saved_state(db).day


def recompute(path: str, day: dt.date, full: bool = False) -> dict:
    """(child) What the window's worker does (figures_update.update), timed: the compute until
    the first write; `full`: every contact computed and compared (as after a change of grid,
    or every day with quantiles)."""
    from crmdesk.gui.analysis.figures_refresh import WRITE_CHUNK
    from crmdesk.store import figures, figures_update
    from crmdesk.store.database import Database

    marks: dict = {}

    def progress(done: int, total: int) -> None:
        if done * 1000 // max(1, total) >= 700:
            marks.setdefault("write", time.perf_counter())

    with Database(path) as owner:
        cpu = time.process_time()
        started = time.perf_counter()
        with Database(path, writer=False) as reader:
            writer = owner.companion()  # as gui/figures_refresh.py's worker: a connection of its own
            try:
                if full:
                    columns = figures.compute(reader, day)
                    marks["write"] = time.perf_counter()
                    written = figures_update.store(writer, columns, chunk=WRITE_CHUNK)
                else:
                    written = figures_update.update(writer, day, reader=reader, chunk=WRITE_CHUNK, progress=progress)
            finally:
                writer.close()
        ended = time.perf_counter()
        cpu = time.process_time() - cpu
        columns = figures.compute(owner, day, only=[1, 2, 3])
    return {
        "cpu": cpu,
        "compute": marks["write"] - started,
        "write": ended - marks["write"],
        "total": ended - started,
        "written": written,
        "peak_mib": peak_mib(),
        "sample": _sample(columns),
    }


def _sample(columns) -> list:
    from crmdesk.store import figures

    return [[int(i), *figures.figures_of(columns, int(i)).values()] for i in columns.ids[:3]]


def first_computation(path: str, day: dt.date) -> dict:
    """(child) The figures of a file never computed: every contact written, one transaction."""
    from crmdesk.store import figures
    from crmdesk.store.database import Database

    with Database(path) as db:
        started = time.perf_counter()
        written = figures.recompute(db, day)
        return {"seconds": time.perf_counter() - started, "written": written, "peak_mib": peak_mib()}


# -- DuckDB --------------------------------------------------------------------------------------------
def duck_sql(path: str, day: dt.date) -> str:
    """The same figures: the default status grid (revenue), the default RFM points grid and segments."""
    start = (day - dt.timedelta(days=364)).isoformat()
    return f"""
      WITH o AS (SELECT contact_id, CAST(substr(date, 1, 10) AS DATE) AS date, amount_cents
                   FROM sqlite_scan('{path}', 'orders')),
           g AS (SELECT contact_id, max(date) AS last, count(*) FILTER (WHERE date >= DATE '{start}') AS n,
                        coalesce(sum(amount_cents) FILTER (WHERE date >= DATE '{start}'), 0) AS cents
                   FROM o WHERE date <= DATE '{day}' GROUP BY contact_id),
           f AS (SELECT c.id, g.last, g.n, g.cents, (DATE '{day}' - g.last) AS rec
                   FROM g JOIN (SELECT id FROM sqlite_scan('{path}', 'contacts') WHERE deleted_at IS NULL) AS c
                     ON c.id = g.contact_id),
           s AS (SELECT id, last, n, cents,
                        CASE WHEN cents > 10000000 THEN 'premium' WHEN cents >= 5000000 THEN 'actif'
                             WHEN cents >= 4000000 THEN 'standard' WHEN cents > 0 THEN 'occasionnel' END AS status,
                        CASE WHEN rec < 15 THEN 4 WHEN rec <= 30 THEN 3 WHEN rec <= 60 THEN 2 WHEN rec <= 90 THEN 1
                             ELSE 0 END AS r,
                        CASE WHEN n > 13 THEN 4 WHEN n >= 9 THEN 3 WHEN n >= 5 THEN 2 WHEN n >= 1 THEN 1
                             ELSE 0 END AS f,
                        CASE WHEN cents > 10000000 THEN 4 WHEN cents >= 5000000 THEN 3 WHEN cents >= 4000000 THEN 2
                             WHEN cents > 0 THEN 1 ELSE 0 END AS m
                   FROM f)
      SELECT id, status, cents, n, CAST(last AS VARCHAR), r || '-' || f || '-' || m,
             CASE WHEN r >= 3 THEN (CASE WHEN f >= 3 THEN 'champions' WHEN f = 2 THEN 'fideles'
                                         WHEN f = 1 THEN 'prometteurs' ELSE 'nouveaux' END)
                  WHEN r = 2 THEN (CASE WHEN f >= 2 THEN 'fideles' ELSE 'a_surveiller' END)
                  WHEN f >= 2 THEN 'a_risque' WHEN r = 1 THEN 'hibernation' ELSE 'perdus' END
        FROM s ORDER BY id"""


def time_duckdb(path: str, day: dt.date) -> dict:
    import duckdb

    con = _duck_connect()
    con.execute("LOAD sqlite")
    cpu = time.process_time()
    started = time.perf_counter()
    rows = con.execute(duck_sql(path, day)).fetchall()
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "clients": len(rows),
        "what": f"DuckDB {duckdb.__version__}",
        "sample": [list(r) for r in rows[:3]],
        "peak_mib": peak_mib(),
    }


# -- the window ------------------------------------------------------------------------------------------
def window_run(path: str, day: dt.date, launch: float) -> dict:
    """(child) Open the file in the window on `day`: the first rows painted, then the longest
    gap between the ticks of a 5 ms timer while the figures are recomputed, and for as long
    after it with nothing to do (the machine's own stalls: the reference), the peak memory."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, Qt, QTimer

    from crmdesk.gui.app import application
    from crmdesk.gui.main_window import MainWindow

    app = application([])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, today=lambda: day)
    window._temp_dirs.append(OUT)  # no automatic backup of a 1.7 GB bench file at each opening
    window.resize(1200, 800)
    result: dict = {}

    class FirstRows(QObject):
        def eventFilter(self, watched, event):
            if (
                event.type() == QEvent.Type.Paint
                and "first_rows_s" not in result
                and window.model is not None
                and window.model.rowCount() > 0
            ):
                result["first_rows_s"] = time.time() - launch
            return False

    spy = FirstRows()
    window.ui.clientTable.viewport().installEventFilter(spy)
    assert window.open_file(Path(path), remember=False)
    window.show()
    if window.figures.day == day:  # nothing to recompute: the first rows only
        QTimer.singleShot(1000, app.quit)
        app.exec()
        result["peak_mib"] = peak_mib()
        window.close()
        return result
    clock, gaps, idle = QElapsedTimer(), [], []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(STALL_TICK_MS)
    times: dict = {}

    def tick():
        task = window.figures.task
        if task is None:
            return
        if clock.isValid():
            (gaps if task.is_running() else idle).append(clock.nsecsElapsed() / 1e6)
        clock.restart()
        if task.is_running():
            times.setdefault("start", time.perf_counter())
        else:
            times.setdefault("end", time.perf_counter())
            if len(idle) * STALL_TICK_MS >= 1000 * times["end"] - 1000 * times["start"] or len(idle) > 4000:
                app.quit()

    ticker.timeout.connect(tick)
    ticker.start()
    QTimer.singleShot(900_000, app.quit)
    app.exec()

    def stall(values):
        ordered = sorted(values)
        return (ordered[-1] - STALL_TICK_MS, ordered[int(len(ordered) * 0.99)] - STALL_TICK_MS) if values else (0, 0)

    result.update(
        recompute_s=times.get("end", 0) - times.get("start", 0),
        ticks=len(gaps),
        idle_ticks=len(idle),
        stall_ms=stall(gaps),
        idle_stall_ms=stall(idle),
        written=window.figures.written,
        peak_mib=peak_mib(),
    )
    window.close()
    return result


def reminders(path: str, day: dt.date) -> dict:
    """(child) What opening the file generates first (the reminders' tables), untimed."""
    from crmdesk.store.database import Database
    from crmdesk.store.tasks import TaskStore

    with Database(path) as db:
        TaskStore(db).generate_reminders(day)
    return {}


def empty_window(launch: float) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "gui_child.py"), "empty", str(launch)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the run ----------------------------------------------------------------------------------------------
def prepare(source: Path) -> Path:
    """A copy of the generated file whose figures are saved (computed once, then kept, each
    run moving them a few days further), with the snapshot of the figures made by a
    first recompute (untimed)."""
    work = OUT / f"figures-bench-{source.stem}.sqlite"
    if not work.exists() or saved_day(str(work)) is None:
        for leftover in (work, work.with_name(work.name + "-wal"), work.with_name(work.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, work)
        first = _child("--first", str(work), AS_OF.isoformat())
        print(
            f"first computation (every contact written, one transaction): {first['seconds']:.1f} s, "
            f"{first['written']:,} contacts, peak {first['peak_mib']:.0f} MiB",
            flush=True,
        )
    if not has_snapshot(str(work)):
        day = saved_day(str(work)) + dt.timedelta(days=1)
        made = _child("--recompute", str(work), day.isoformat())
        print(
            f"a recompute without the snapshot of the figures (the contacts' columns read): {made['total']:.1f} s",
            flush=True,
        )
    return work


def has_snapshot(path: str) -> bool:
    from crmdesk.store import figures_update
    from crmdesk.store.database import Database

    with Database(path) as db:  # (migrates a file generated before db/010)
        return figures_update.held(db).as_of is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", help="a file made by bench_rfm.py's generator")
    parser.add_argument("--first", nargs=2, metavar=("PATH", "DAY"), help="(child)")
    parser.add_argument("--recompute", nargs=2, metavar=("PATH", "DAY"), help="(child)")
    parser.add_argument("--full", nargs=2, metavar=("PATH", "DAY"), help="(child)")
    parser.add_argument("--duckdb", nargs=2, metavar=("PATH", "DAY"), help="(child)")
    parser.add_argument("--window", nargs=3, metavar=("PATH", "DAY", "LAUNCH"), help="(child)")
    parser.add_argument("--reminders", nargs=2, metavar=("PATH", "DAY"), help="(child)")
    args = parser.parse_args()
    for name, run in (
        ("first", first_computation),
        ("recompute", recompute),
        ("duckdb", time_duckdb),
        ("reminders", reminders),
        ("full", lambda path, day: recompute(path, day, full=True)),
    ):
        if getattr(args, name):
            path, day = getattr(args, name)
            print(json.dumps(run(path, dt.date.fromisoformat(day)), default=str))
            return
    if args.window:
        print(json.dumps(window_run(args.window[0], dt.date.fromisoformat(args.window[1]), float(args.window[2]))))
        return

    OUT.mkdir(exist_ok=True)
    source = Path(args.file) if args.file else OUT / f"figures-{CLIENTS}-{ORDERS}.sqlite"
    if not source.exists():
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).parent / "bench_rfm.py"),
                "--generate",
                str(source),
                str(CLIENTS),
                str(ORDERS),
            ],
            check=True,
        )
    work = prepare(source)
    print(f"load before: {os.getloadavg()[0]:.2f}", flush=True)
    subprocess.run(["cat", str(work)], stdout=subprocess.DEVNULL, check=True)  # the page cache, for both
    day = saved_day(str(work)) + dt.timedelta(days=1)
    ours = _child("--recompute", str(work), day.isoformat())
    theirs = _child("--duckdb", str(work), day.isoformat())
    same = ours["sample"] == theirs["sample"][: len(ours["sample"])]
    print(
        f"next day ({day}): crmdesk {ours['total']:.2f} s (the contacts a day can change computed "
        f"{ours['compute']:.2f}, written {ours['write']:.2f}: {ours['written']:,} contacts changed of "
        f"{theirs['clients']:,}); {theirs['what']} on the same SQLite file {theirs['seconds']:.2f} s; "
        f"same figures on a sample: {same}",
        flush=True,
    )
    ratio = ours["total"] / theirs["seconds"]
    print(
        f"{'OK ' if ratio <= 1.5 else 'NO '} recompute / DuckDB = {ratio:.2f} (target ≤ 1.5); in CPU time "
        f"{ours['cpu']:.2f} s / {theirs['cpu']:.2f} s (DuckDB on two threads)",
        flush=True,
    )
    day += dt.timedelta(days=1)
    full = _child("--full", str(work), day.isoformat())
    theirs = _child("--duckdb", str(work), day.isoformat())
    ratio = full["total"] / theirs["seconds"]
    print(
        f"{'OK ' if ratio <= 1.5 else 'NO '} every contact computed and compared (a new grid, or quantiles): "
        f"crmdesk {full['total']:.2f} s (computed {full['compute']:.2f}, compared and written {full['write']:.2f}: "
        f"{full['written']:,} contacts) / DuckDB {theirs['seconds']:.2f} s = {ratio:.2f}; in CPU time "
        f"{full['cpu']:.2f} s / {theirs['cpu']:.2f} s",
        flush=True,
    )
    peak = max(ours["peak_mib"], full["peak_mib"])
    print(f"{'OK ' if peak <= 500 else 'NO '} peak memory of the recompute {peak:.0f} MiB (target ≤ 500)", flush=True)
    # the window, opened the same day (nothing to recompute), then the day after
    _child("--reminders", str(work), day.isoformat())
    empty = empty_window(time.time())
    same = _child("--window", str(work), day.isoformat(), str(time.time()))
    day += dt.timedelta(days=1)
    _child("--reminders", str(work), day.isoformat())
    shown = _child("--window", str(work), day.isoformat(), str(time.time()))
    start_ratio = shown["first_rows_s"] / empty["seconds"]
    print(
        f"{'OK ' if start_ratio <= 2.5 else 'NO '} opened the next day: first rows painted in "
        f"{shown['first_rows_s']:.2f} s = {start_ratio:.1f} × an empty window ({empty['seconds']:.2f} s; "
        f"target ≤ 2.5); opened the same day, nothing to recompute: {same['first_rows_s']:.2f} s",
        flush=True,
    )
    (stall, p99), (idle, idle99) = shown["stall_ms"], shown["idle_stall_ms"]
    print(
        f"{'OK ' if stall <= 50 else 'NO '} longest event-loop stall during the background recompute: "
        f"{stall:.0f} ms (99th percentile {p99:.0f} ms) over {shown['ticks']:,} ticks of {STALL_TICK_MS} ms "
        f"(recompute {shown['recompute_s']:.1f} s, {shown['written']:,} contacts written; target ≤ 50 ms); "
        f"the same window with nothing to do, just after: {idle:.0f} ms (99th percentile {idle99:.0f} ms) over "
        f"{shown['idle_ticks']:,} ticks; window peak memory {shown['peak_mib']:.0f} MiB",
        flush=True,
    )
    print(f"load after: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
