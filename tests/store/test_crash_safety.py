"""A writer killed at any moment leaves a sound file holding every write it
reported as done (the full run: bench/bench_kill.py, 200 kills); a backup or a
migration killed at any moment leaves the file as it was and nothing that
looks like a backup."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bench.bench_kill import kill_run


@pytest.mark.slow
def test_killing_a_writer_never_damages_the_file_nor_loses_a_reported_write(tmp_path):
    path = tmp_path / "tue.sqlite"
    figures = kill_run(path, kills=15, seed=2026, max_delay=0.25)
    assert figures.kills == 15, figures
    assert figures.reported > 0, figures  # the children did write between kills
    assert figures.damaged == []  # integrity_check « ok » after every kill
    assert figures.lost == []  # every id printed after its commit is in the file
    assert figures.half == []  # no contact without its audit row, nor the reverse
    assert figures.rows >= figures.reported


# -- backups and migrations killed half-way -----------------------------------------------------------
BACKING_UP = r"""
import datetime as dt, sys, time
from crmdesk.store import backups, copies
copies.STEP_PAGES = 2                       # many steps: a kill lands in the middle of a copy
print("ready", flush=True)
for n in range(1, 1000):
    backups.automatic(sys.argv[1], "quotidienne", now=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=n),
                      progress=lambda done, total: time.sleep(0.002))
    print(n, flush=True)
"""


def _filled(path, clients=300):
    from crmdesk.store.contacts import ContactStore
    from crmdesk.store.database import Database

    with Database(path, create=True) as database:
        store = ContactStore(database)
        with database.atomic():
            for i in range(clients):
                store.create({"last_name": f"Client {i}", "notes": "x" * 1500})
    return path


def _child(code: str, *args: str) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    first = child.stdout.readline()
    if first.strip() != "ready":
        child.kill()
        raise RuntimeError(f"the child did not start: {child.communicate()[1]}")
    return child


@pytest.mark.slow
def test_a_backup_killed_at_any_moment_leaves_nothing_that_looks_like_a_backup(tmp_path):
    from crmdesk.store import backups, copies

    path = _filled(tmp_path / "clients.sqlite")
    folder = backups.folder_of(path)
    rng = random.Random(15)
    for _round in range(10):
        child = _child(BACKING_UP, path)
        time.sleep(rng.uniform(0.05, 0.8))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        names = [p.name for p in folder.iterdir()]
        assert not [n for n in names if n.endswith(("-journal", "-wal"))], names  # no journal beside anything
        for backup in backups.list_backups(path, counts=False):  # what is named a backup is a whole one
            assert backup.complete and copies.integrity(backup.path) == ["ok"], backup
        assert all(n.startswith(".") for n in names if not backups.looks_complete(folder / n))
    made = backups.automatic(path, "quotidienne")
    assert not [p for p in folder.iterdir() if ".partiel-" in p.name]  # the next backup clears what was left
    assert backups.client_count(made) == 300


MIGRATING = r"""
import sys
from pathlib import Path
from crmdesk.store import migrate
migrate.migrations_dir = lambda: Path(sys.argv[2])
from crmdesk.store.database import Database
print("ready", flush=True)

def progress(done, total):
    if done >= migrate.COPY_SHARE:
        print("migrating", flush=True)

Database(sys.argv[1], progress=progress).close()
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_migration_killed_half_way_changes_nothing_and_leaves_one_copy_used_again(tmp_path):
    from crmdesk.store import backups, migrate
    from crmdesk.store.database import Database

    path = _filled(tmp_path / "ancien.sqlite", clients=50)
    past = time.time() - 60
    os.utime(path, (past, past))  # last written a minute ago
    folder = tmp_path / "db"
    folder.mkdir()
    for _number, source in migrate.migrations():
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    version = migrate.latest_version()
    (folder / f"{version + 1:03d}_long.sql").write_text(  # a migration that takes a few seconds
        "CREATE TABLE long_one AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
        "WHERE x < 20000000) SELECT x FROM c;\n",
        encoding="utf-8",
    )
    copies = []
    for _round in range(3):
        child = _child(MIGRATING, path, folder)
        assert child.stdout.readline().strip() == "migrating"
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
        child.communicate()
        with Database(path, writer=False) as database:  # as it was: the old version, sound, whole
            assert database.schema_version() == version
            assert database.scalar("SELECT count(*) FROM contacts") == 50
        copies.append(sorted(tmp_path.glob(f"ancien.avant-migration-v{version}-*.sqlite")))
        assert len(copies[-1]) == 1 and backups.looks_complete(copies[-1][0])
    assert copies[0] == copies[1] == copies[2]  # the same copy, used again by each attempt
    (folder / f"{version + 1:03d}_long.sql").write_text("CREATE TABLE long_one (x);\n", encoding="utf-8")
    child = _child(MIGRATING, path, folder)
    out, err = child.communicate(timeout=60)
    assert out.splitlines()[-1] == "done", err
    assert list(tmp_path.glob("ancien.avant-migration-*")) == []  # the file is checked: its copy goes
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)  # newer than this process knows
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version + 1
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 50
    conn.close()
