"""Long commands show their progress on a terminal (stderr, quiet when piped) and Ctrl+C stops them
cleanly: nothing half-written, the earlier data intact."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmdesk.cli.output import Progress, duration
from crmdesk.store.database import Database
from tests.io.helpers import write_csv

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8"}
pytestmark = pytest.mark.skipif(os.name != "posix", reason="terminals and signals of POSIX")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_says_how_far_the_work_has_gone():
    screen = Terminal()
    progress = Progress("Export", "clients", stream=screen, every=0)
    progress(0, 1_000_000)
    progress(450_000, 1_000_000)
    progress.done()
    assert screen.getvalue().split("\r")[1:] == [
        "  Export : 0 % — 0 / 1 000 000 clients",
        "  Export : 45 % — 450 000 / 1 000 000 clients\n",
    ]
    counting = Terminal()
    rows = Progress(stream=counting, every=0)
    rows(300_000)
    assert counting.getvalue().startswith("\r  Import : 300 000 lignes lues (0 s)…")
    assert (duration(12), duration(185), duration(3725)) == ("12 s", "3 min 05 s", "1 h 02 min")


def test_nothing_is_written_when_stderr_is_not_a_terminal():
    piped = io.StringIO()
    progress = Progress("Export", "clients", stream=piped, every=0)
    progress(5, 10)
    progress.done()
    assert piped.getvalue() == ""


def test_updates_are_spaced_out_but_the_end_is_always_shown():
    screen = Terminal()
    progress = Progress("Export", "clients", stream=screen, every=3600)
    for done in range(0, 1001, 10):
        progress(done, 1000)
    assert [part.split(" — ")[0] for part in screen.getvalue().split("\r")[1:]] == [
        "  Export : 0 %",
        "  Export : 100 %",
    ]


def on_terminal(*args, until: str | None = None, interrupt: bool = False, timeout: float = 300):
    """Run crmdesk with stderr on a pseudo-terminal (stdout piped): (exit code, what the terminal showed).
    With `interrupt`, Ctrl+C (SIGINT) is sent once `until` has been shown."""
    main, child = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=child,
        env=ENVIRONMENT,
    )
    os.close(child)
    shown, sent, deadline = b"", False, time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk and process.poll() is not None:
                break
            shown += chunk
        elif process.poll() is not None:
            break
        if interrupt and not sent and until and until.encode() in shown:
            process.send_signal(signal.SIGINT)
            sent = True
    process.wait(timeout=60)
    os.close(main)
    process.stdout.close()
    return process.returncode, shown.decode("utf-8", "replace")


def rows_csv(tmp_path: Path, count: int, name: str = "gros.csv") -> Path:
    return write_csv(tmp_path / name, ["nom", "prenom", "ville"], [[f"NOM{i}", "Jean", "Nice"] for i in range(count)])


@pytest.mark.slow
def test_an_import_shows_its_progress_on_a_terminal_only(tmp_path):
    source = rows_csv(tmp_path, 25_000)
    code, shown = on_terminal("import", "clients", source, "--db", tmp_path / "a.sqlite")
    assert code == 0
    assert "\r  Import : 20 000 lignes lues (" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "crmdesk", "import", "clients", str(source), "--db", str(tmp_path / "b.sqlite")],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        check=False,
    )
    assert piped.returncode == 0 and "lignes lues (" not in piped.stderr and "\r" not in piped.stderr


@pytest.mark.slow
def test_ctrl_c_during_an_import_writes_nothing(tmp_path):
    db = tmp_path / "clients.sqlite"
    assert (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "crmdesk",
                "import",
                "clients",
                str(rows_csv(tmp_path, 10, "a.csv")),
                "--db",
                str(db),
            ],
            capture_output=True,
            env=ENVIRONMENT,
            check=False,
        ).returncode
        == 0
    )
    report = tmp_path / "rejets.csv"
    code, shown = on_terminal(
        "import",
        "clients",
        rows_csv(tmp_path, 400_000),
        "--db",
        db,
        "--rejects",
        report,
        until="lignes lues",
        interrupt=True,
    )
    assert code == 1, shown
    assert "interrompu" in shown and "Traceback" not in shown
    with Database(db, writer=False) as database:
        assert database.scalar("SELECT count(*) FROM contacts") == 10
        assert database.query("PRAGMA integrity_check")[0][0] == "ok"
        assert database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_insert'") == 1
    assert not report.exists() and not list(tmp_path.glob(".rejets*"))
    assert not list(tmp_path.glob("*-journal"))


LONG_STATEMENT = """
import sqlite3, sys
from crmdesk.cli.output import Progress
conn = sqlite3.connect(":memory:", isolation_level=None)
try:
    with Progress("Calcul", conn=conn) as progress:
        print("started", flush=True)
        conn.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000000) "
                     "SELECT count(*) FROM n").fetchone()
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_stops_a_long_sql_statement_at_once():
    process = subprocess.Popen(
        [sys.executable, "-c", LONG_STATEMENT], stdout=subprocess.PIPE, text=True, env=ENVIRONMENT
    )
    assert process.stdout.readline() == "started\n"
    time.sleep(0.5)  # inside the statement (two billion rows: minutes if not stopped)
    process.send_signal(signal.SIGINT)
    assert process.stdout.readline() == "interrupted\n"
    process.wait(timeout=60)
    process.stdout.close()
