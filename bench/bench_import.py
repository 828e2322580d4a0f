"""`crmdesk import clients` (reading, validating, storing) against a raw
executemany of the same rows, already in their stored form, into the same
schema, in one transaction, in the same run.

    python bench/bench_import.py [ROWS]        (default 1,000,000)
Target: import rows/s >= 0.35 x raw rows/s.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Timer, big_csv, report

from crmdesk.domain.contact import FIELD_NAMES, validate
from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database


def stored_rows(csv_path: Path) -> tuple[tuple[str, ...], list[tuple]]:
    """The rows exactly as crmdesk stores them (validated, with their search
    and sort columns), prepared before the clock starts."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        keep = [name for name in reader.fieldnames if name in FIELD_NAMES]
        prepared = list(prepare_bulk(validate({k: row[k] for k in keep}) for row in reader))
    columns = prepared[0][0]
    assert all(cols == columns for cols, _ in prepared)
    return columns, [values for _, values in prepared]


def raw_insert(csv_path: Path, target: Path) -> tuple[int, float]:
    columns, rows = stored_rows(csv_path)
    with Database(target, create=True) as db:
        sql = f"INSERT INTO contacts ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        with Timer() as timer, db.atomic() as conn:
            conn.executemany(sql, rows)
    return len(rows), timer.seconds


def crmdesk_import(csv_path: Path, target: Path) -> float:
    with Timer() as timer:
        subprocess.run(
            [sys.executable, "-m", "crmdesk", "import", "clients", str(csv_path), "--db", str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return timer.seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    csv_path = big_csv(count)
    with tempfile.TemporaryDirectory() as tmp:
        rows, raw_s = raw_insert(csv_path, Path(tmp) / "raw.sqlite")
        ours_s = crmdesk_import(csv_path, Path(tmp) / "import.sqlite")
    raw_rate, our_rate = rows / raw_s, rows / ours_s
    ratio = our_rate / raw_rate
    print(
        f"raw executemany: {raw_rate:,.0f} rows/s ({raw_s:.1f} s); "
        f"crmdesk import clients: {our_rate:,.0f} rows/s ({ours_s:.1f} s, whole command)"
    )
    report("import speed vs raw executemany", ratio, "x", "target >= 0.35", ratio >= 0.35)


if __name__ == "__main__":
    main()
