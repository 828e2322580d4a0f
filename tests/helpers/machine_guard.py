"""The suite must never change the machine it runs on (CI runs as root).

Before the first test, the guard notes the system files a hostile path is
likely to hit and the user's home (two levels deep); after the last test it
fails the run, naming what changed. The suite itself points Qt, platformdirs
and fontconfig at a temporary home (tests/conftest.py), so any change found
here is a test writing where it must not.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

SYSTEM_FILES = ("/etc/passwd", "/etc/group", "/etc/hosts", "/etc/shadow", "/etc/hostname")
# The checkout itself (often in the home: ~/crmdesk) gets .hypothesis/, __pycache__/, .pytest_cache/.
REPOSITORY = Path(__file__).resolve().parents[2]


def _file_state(path: Path) -> tuple | None:
    try:
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        return None
    return (stat.st_mode, stat.st_size, digest)


def _tree_state(root: Path, depth: int = 2) -> dict[str, tuple]:
    """(kind, size, mtime) of `root` and what lies up to `depth` levels below it."""
    found: dict[str, tuple] = {}

    def walk(folder: Path, level: int) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.path == str(REPOSITORY):
                continue
            try:
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[entry.path] = (stat.st_mode, stat.st_size, stat.st_mtime_ns)
            if level < depth and entry.is_dir(follow_symlinks=False):
                walk(Path(entry.path), level + 1)

    stat = root.lstat()
    found[str(root)] = (stat.st_mode, stat.st_size, stat.st_mtime_ns)
    walk(root, 1)
    return found


def snapshot(home: Path) -> dict[str, tuple | None]:
    state: dict[str, tuple | None] = {name: _file_state(Path(name)) for name in SYSTEM_FILES}
    state.update(_tree_state(home))
    return state


def changes(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


@pytest.fixture(scope="session", autouse=True)
def machine_untouched(real_home):
    before = snapshot(real_home)
    yield
    changed = changes(before, snapshot(real_home))
    if changed:
        pytest.fail(
            "the test suite changed files outside its temporary folders: " + ", ".join(changed[:20]), pytrace=False
        )
