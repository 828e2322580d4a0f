"""Helpers shared by the benchmark scripts (plain scripts, not tests)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def big_csv(count: int) -> Path:
    path = OUT / f"clients-{count}.csv"
    if not path.exists():
        print(f"generating {path.name} …", flush=True)
        subprocess.run(
            [sys.executable, str(Path(__file__).parent / "generate_clients.py"), str(count), str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def big_file(count: int) -> Path:
    """A crmdesk file of `count` clients, imported once through the CLI and reused."""
    path = OUT / f"clients-{count}.sqlite"
    if not path.exists():
        csv_path = big_csv(count)
        print(f"importing {csv_path.name} into {path.name} …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "crmdesk", "import", "clients", str(csv_path), "--db", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def report(name: str, value: float, unit: str, reference: str, ok: bool) -> None:
    print(f"{'OK ' if ok else 'NO '} {name}: {value:,.1f} {unit}  ({reference})", flush=True)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
