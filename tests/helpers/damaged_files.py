"""Damaged copies of a client file, the way disks, crashes and careless copies
damage them: truncated, pages zeroed, bytes flipped in the header or in the
b-tree pages, a stray write-ahead log beside it. Seeded: the same corpus
every run."""

from __future__ import annotations

import random
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

PAGE = 4096
KINDS = (
    "tronqué",
    "pages à zéro",
    "page 1 à zéro",
    "en-tête",
    "b-tree",
    "journal parasite",
    "journal d'un autre fichier",
)
_WAL_MAGIC = bytes.fromhex("377f0682")


@dataclass(frozen=True)
class Damaged:
    kind: str
    path: Path

    def __str__(self) -> str:
        return f"{self.path.name} ({self.kind})"


def integrity(path: Path) -> list[str]:
    """PRAGMA integrity_check of a throwaway copy (the file and its -wal): the oracle of the tests."""
    scratch = path.with_name(path.name + ".oracle")
    files = [(path, scratch)]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        files.append((wal, scratch.with_name(scratch.name + "-wal")))
    for source, target in files:
        shutil.copyfile(source, target)
    try:
        conn = sqlite3.connect(scratch)
        try:
            return [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            scratch.with_name(scratch.name + suffix).unlink(missing_ok=True)


def files_of(path: Path) -> dict[str, bytes]:
    """The bytes of the file and of the companions beside it (to compare before and after)."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")) if p.is_file()}


def corpus(source: Path, folder: Path, count: int = 100, seed: int = 15) -> list[Damaged]:
    """`count` damaged copies of `source` (a closed client file without -wal), one folder each
    (the name « clients.sqlite » kept), the kinds in turn."""
    rng = random.Random(seed)
    data = source.read_bytes()
    pages = len(data) // PAGE
    result = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        target = folder / f"{number:03d}" / source.name
        target.parent.mkdir(parents=True)
        copy = bytearray(data)
        wal = None
        if kind == "tronqué":
            cut = rng.randrange(1, pages) * PAGE
            copy = copy[: cut if rng.random() < 0.5 else cut + rng.randrange(1, PAGE)]
        elif kind == "pages à zéro":
            for page in rng.sample(range(1, pages), rng.randint(1, 3)):
                copy[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
        elif kind == "page 1 à zéro":
            copy[:PAGE] = bytes(PAGE)
        elif kind == "en-tête":
            for offset in rng.sample(range(16, 100), rng.randint(1, 4)):
                copy[offset] ^= 1 << rng.randrange(8)
        elif kind == "b-tree":
            page = rng.randrange(1, pages)
            for offset in rng.sample(range(PAGE), rng.randint(1, 12)):
                copy[page * PAGE + offset] ^= rng.randrange(1, 256)
        elif kind == "journal parasite":
            wal = bytes(rng.randrange(256) for _ in range(rng.randrange(32, 40_000)))
            if rng.random() < 0.5:  # a header that looks right, then garbage
                wal = _WAL_MAGIC + bytes.fromhex("002de218") + wal[8:]
        else:  # another file's log: valid frames for other pages
            wal = _log_of_another(source, folder / f"{number:03d}-autre", rng)
        target.write_bytes(bytes(copy))
        if wal is not None:
            target.with_name(target.name + "-wal").write_bytes(wal)
        result.append(Damaged(kind, target))
    return result


def _log_of_another(source: Path, folder: Path, rng: random.Random) -> bytes:
    """The -wal of another copy of the file that went on being written (then lost its main file)."""
    folder.mkdir()
    other = folder / source.name
    shutil.copyfile(source, other)
    conn = sqlite3.connect(other)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("CREATE TABLE IF NOT EXISTS stray (x)")
        conn.executemany("INSERT INTO stray VALUES (?)", [(rng.randbytes(200),) for _ in range(200)])
        conn.commit()
        log = other.with_name(other.name + "-wal").read_bytes()
    finally:
        conn.close()
    shutil.rmtree(folder)
    return log
