"""The rejected lines of an import as a CSV: line, reason, then the row as read
(what `crmdesk import --rejects` and the import wizard's report write)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.io import csvfile
from crmdesk.io.common import Reject

HEADER = (N_("ligne"), N_("motif"))     # in the interface language when written


def row_of(reject: Reject) -> list:
    """Cells a spreadsheet would run as a formula are neutralised."""
    return [reject.line, reject.reason, *(csvfile.neutralise(cell) for cell in reject.cells)]


class RejectsFile:
    """A rejects CSV being written (UTF-8 with BOM, for Excel)."""

    def __init__(self, path: Path, header: Iterable[str]):
        self._file = open(path, "w", encoding="utf-8-sig", newline="")
        self._writer = csvfile.writer(self._file)
        self._writer.writerow([*(_(name) for name in HEADER), *header])

    def write(self, reject: Reject) -> None:
        self._writer.writerow(row_of(reject))

    def close(self) -> None:
        self._file.close()


def write_rejects(path: Path, header: Iterable[str], rejects: Iterable[Reject]) -> None:
    out = RejectsFile(path, header)
    try:
        for reject in rejects:
            out.write(reject)
    finally:
        out.close()
