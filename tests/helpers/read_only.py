"""A folder the process cannot write in, like a CD or a read-only share.

As an ordinary user: the folder and its files lose their write rights
(chmod). As root (CI), rights do not stop anything: the folder and its files
are made immutable (`chattr +i`, ext4 and most local file systems), which
refuses root too. Where neither works the test is skipped, saying why.
`mounted_read_only` gives the real thing for a subprocess: a read-only bind
mount in a mount namespace of its own (`unshare`, as root), gone when the
process ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _chattr(flag: str, paths: list[Path]) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    done = subprocess.run([tool, flag, *map(str, paths)], check=False, capture_output=True, timeout=30)
    return done.returncode == 0


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` (and the files in it) cannot be written by this process inside the block."""
    files = [p for p in folder.iterdir() if p.is_file()]
    if os.name != "posix":
        pytest.skip("read-only folders are tested on POSIX systems")
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *files]}
        for path in files:
            path.chmod(0o444)
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    if not _chattr("+i", [*files, folder]):
        pytest.skip(
            "root cannot be kept from writing here: chattr +i is not available on this file system "
            "(the read-only case runs for an ordinary user, or with chattr, or under unshare)"
        )
    try:
        probe = folder / ".essai-ecriture"
        try:
            probe.write_bytes(b"x")
        except OSError:
            pass
        else:  # pragma: no cover - a file system ignoring the flag
            probe.unlink()
            pytest.skip("this file system ignores chattr +i")
        yield folder
    finally:
        _chattr("-i", [folder, *files])


def can_mount() -> bool:
    """True when `unshare` may make a private read-only bind mount (root with CAP_SYS_ADMIN)."""
    tool = shutil.which("unshare")
    if tool is None or os.name != "posix" or os.geteuid() != 0:
        return False
    done = subprocess.run([tool, "--mount", "true"], check=False, capture_output=True, timeout=30)
    return done.returncode == 0


def mounted_read_only(source: Path, target: Path, command: list[str], **options) -> subprocess.CompletedProcess:
    """Run `command` with `source` bind-mounted read-only on `target` (a private mount
    namespace: nobody else sees it, and it disappears with the command)."""
    target.mkdir(exist_ok=True)
    script = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'
    return subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            str(source),
            str(target),
            *command,
        ],
        check=False,
        capture_output=True,
        text=True,
        **options,
    )
