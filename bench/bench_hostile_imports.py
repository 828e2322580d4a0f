"""Spreadsheets that are small but expand enormously (issue 15, item 12): each is built at the size of
the report, then `crmdesk import clients` runs on it as a user would; printed: its size, the time to
the answer, the peak memory of the command and what it said — next to the same command on a CSV of two
rows, measured in the same run (the cost of starting crmdesk).

    python bench/bench_hostile_imports.py

Target: each answered in seconds (at most 10 × the two-row import) with a French message, peak memory
at most 2 × the two-row import's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import report

from tests.io.workbooks import inline_cell, ods_content, ods_row, styled_xlsx, write_ods

ALL_ROWS, ALL_COLUMNS = 1_048_576, 16_384


def repeated_ods(folder: Path) -> Path:
    row = (
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string" '
        f'table:number-columns-repeated="{ALL_COLUMNS}"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    return write_ods(folder / "ligne-repetee.ods", content=ods_content({"Feuille1": [ods_row(["nom"]), row]}))


def xfd_xlsx(folder: Path) -> Path:
    """2 000 clients, then rows formatted down to row 300 000, each with an empty styled cell at XFD."""

    def rows():
        yield '<row r="1">' + inline_cell("A1", "nom", 1) + '<c r="XFD1" s="1"/></row>'
        for n in range(2, 2_002):
            yield f'<row r="{n}">' + inline_cell(f"A{n}", f"Nom{n}") + f'<c r="XFD{n}" s="1"/></row>'
        for n in range(2_002, 300_000):
            yield f'<row r="{n}"><c r="XFD{n}" s="1"/></row>'

    return styled_xlsx(folder / "bordure-xfd.xlsx", rows())


def empty_rows_xlsx(folder: Path) -> Path:
    def rows():
        yield '<row r="1">' + inline_cell("A1", "nom") + "</row>"
        yield '<row r="2">' + inline_cell("A2", "Dupont") + "</row>"
        for n in range(3, ALL_ROWS + 1):
            yield f'<row r="{n}" s="1" customFormat="1"/>'

    return styled_xlsx(folder / "lignes-vides.xlsx", rows())


def wide_csv(folder: Path) -> Path:
    path = folder / "colonnes.csv"
    path.write_text(";".join("x" for _ in range(400_000)) + "\r\nDupont\r\n", encoding="utf-8")
    return path


def two_rows(folder: Path) -> Path:
    path = folder / "deux.csv"
    path.write_text("nom;ville\r\nDupont;Nice\r\nMartin;Lyon\r\n", encoding="utf-8")
    return path


def timed_import(path: Path, folder: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit code, its last word: the summary, or the error) of `crmdesk import clients path`."""
    db = folder / f"{path.stem}.sqlite"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "crmdesk", "import", "clients", str(path), "--db", str(db)],
            stdout=out,
            stderr=err,
            env=environment,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        said = out if code == 0 else err
        said.seek(0)
        lines = said.read().decode("utf-8", "replace").strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, code, lines[-1] if lines else ""


BUILDERS = (repeated_ods, xfd_xlsx, empty_rows_xlsx, wide_csv)


def build_all(folder: Path) -> None:
    for build in BUILDERS:
        build(folder)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--build":
        build_all(Path(sys.argv[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # built by another process: a child's peak memory counts the memory of the process it forks from
        subprocess.run([sys.executable, __file__, "--build", str(folder)], check=True)
        base_s, base_mib, _, _ = timed_import(two_rows(folder), folder)
        print(f"reference: a two-row CSV: {base_s:.2f} s, {base_mib:.0f} MiB")
        for build in BUILDERS:
            path = (
                folder
                / {
                    repeated_ods: "ligne-repetee.ods",
                    xfd_xlsx: "bordure-xfd.xlsx",
                    empty_rows_xlsx: "lignes-vides.xlsx",
                    wide_csv: "colonnes.csv",
                }[build]
            )
            seconds, mib, code, said = timed_import(path, folder)
            print(
                f"{path.name} ({path.stat().st_size:,} bytes): {seconds:.2f} s, {mib:.0f} MiB, exit {code}: "
                f"{said[:160]}"
            )
            report(
                f"{path.name}: time vs the two-row import",
                seconds / base_s,
                "x",
                "target <= 10",
                seconds <= 10 * base_s,
            )
            report(
                f"{path.name}: peak memory vs the two-row import",
                mib / base_mib,
                "x",
                "target <= 2",
                mib <= 2 * base_mib,
            )


if __name__ == "__main__":
    main()
