"""The rejected lines of an import as a CSV: line, reason, then the row as read
(what `crmdesk import --rejects` and the import wizard's report write).

Such a report holds personal data and outlives the import: it keeps only
what is needed to fix the lines and import them again — the cells of the
columns the import reads (`columns`), not those it ignored (a column of
notes nobody maps stays in the original file only) — and it is written all
or nothing, readable by its owner only (crmdesk.store.files.private_output).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.io import csvfile
from crmdesk.io.common import Reject
from crmdesk.store.files import private_output

HEADER = (N_("ligne"), N_("motif"))  # in the interface language when written


def row_of(reject: Reject, columns: Sequence[int] | None = None) -> list:
    """Cells a spreadsheet would run as a formula are neutralised; `columns`: the cells kept."""
    cells = reject.cells if columns is None else [reject.cells[i] if i < len(reject.cells) else "" for i in columns]
    return [reject.line, reject.reason, *(csvfile.neutralise(cell) for cell in cells)]


class RejectsFile:
    """A rejects CSV being written (UTF-8 with BOM, for Excel), owner-only; it
    appears at `path` only when closed after a completed import."""

    def __init__(self, path: Path, header: Sequence[str], columns: Sequence[int] | None = None):
        self._columns = None if columns is None else sorted(columns)
        self._stack = contextlib.ExitStack()
        self._file = self._stack.enter_context(private_output(Path(path), "w", encoding="utf-8-sig", newline=""))
        self._writer = csvfile.writer(self._file)
        kept = header if self._columns is None else [header[i] for i in self._columns if i < len(header)]
        self._writer.writerow([*(_(name) for name in HEADER), *kept])

    def write(self, reject: Reject) -> None:
        self._writer.writerow(row_of(reject, self._columns))

    def close(self, completed: bool = True) -> None:
        """Put the report in place (`completed`), or leave nothing behind."""
        if completed:
            self._stack.close()
        else:
            self._stack.__exit__(RuntimeError, RuntimeError("import interrompu"), None)


def write_rejects(
    path: Path, header: Sequence[str], rejects: Iterable[Reject], columns: Sequence[int] | None = None
) -> None:
    out = RejectsFile(path, header, columns)
    try:
        for reject in rejects:
            out.write(reject)
    except BaseException:
        out.close(False)
        raise
    out.close()
