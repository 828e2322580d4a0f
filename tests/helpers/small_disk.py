"""A real full disk for the tests: a small tmpfs mounted inside tmp_path (root only; skipped elsewhere)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """`folder` (created inside the test's tmp_path) as a tmpfs of `size_kib` Kio, unmounted after."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("monter un petit disque (tmpfs) demande d'être root")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"impossible de monter un tmpfs ici : {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk of `folder` but for about `leave` bytes (a file « plein.bin »)."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    ballast = folder / "plein.bin"
    with open(ballast, "wb") as handle:
        handle.write(bytes(max(0, free - leave)))
    return ballast


def files_in(folder: Path) -> set[str]:
    """Every file and folder under `folder`, relative, but the ballast."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "plein.bin"}
