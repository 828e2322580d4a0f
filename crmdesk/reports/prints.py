"""Client sheets and client cards for a batch of clients, to a file or a folder.

The one entry point of the command line and the window:

    result = print_sheets(database, ids, Path("fiches.pdf"), today=..., progress=report)
    result = print_sheets(database, ids, Path("fiches/"), split=True)   # one PDF per client
    result = print_cards(database, ids, Path("cartes.pdf"))

`progress(done, total)` is called after each client; it may raise (the
window's cancel does) and then nothing is left behind: no PDF, no folder,
no half of one (crmdesk.reports.output).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.reports.output import atomic_file, atomic_folder
from crmdesk.store.database import Database
from crmdesk.store.sheets import SheetReader

Progress = Callable[[int, int], None]

# Characters a client code may not bring into a file name (any system).
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


@dataclass(frozen=True)
class PrintResult:
    clients: int  # clients printed
    pages: int  # pages written, over all files
    path: Path  # the PDF, or the folder with --split
    files: int = 1


class _Counted:
    """The items, reported after each one is drawn (so that the progress bar
    moves as pages are made, not as rows are read); `done` counts them."""

    def __init__(self, items: Iterable[dict], total: int, progress: Progress | None):
        self.items, self.total, self.progress, self.done = items, total, progress, 0

    def __iter__(self) -> Iterator[dict]:
        for item in self.items:
            yield item
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total)


def _require(ids: Sequence[int]) -> None:
    if not ids:
        raise CrmError(N_("Aucun client à imprimer : la sélection est vide."))


def file_name_for(code: str, used: set[str]) -> str:
    """« SB00007.pdf »; a code unfit for a file name is made safe, and two
    codes that end up alike get « -2 », « -3 »… (case-blind file systems)."""
    stem = _UNSAFE_NAME.sub("_", code).strip(" .") or "client"
    stem = stem[:120]
    name, n = stem, 1
    while name.casefold() in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name.casefold())
    return name + ".pdf"


def print_sheets(
    database: Database,
    ids: Sequence[int],
    out: Path | str,
    *,
    today: dt.date | None = None,
    split: bool = False,
    progress: Progress | None = None,
) -> PrintResult:
    from crmdesk.reports.client_sheet import render_sheets

    _require(ids)
    today = today or dt.date.today()
    reader = SheetReader(database)
    business = reader.business()
    total = len(ids)
    out = Path(out)
    if not split:
        sheets = _Counted(reader.sheets(ids, today), total, progress)
        with atomic_file(out) as stream:
            pages = render_sheets(stream, sheets, business=business, today=today)
        return PrintResult(clients=sheets.done, pages=pages, path=out)
    pages = files = 0
    used: set[str] = set()
    with atomic_folder(out) as folder:
        for sheet in _Counted(reader.sheets(ids, today), total, progress):
            with atomic_file(folder / file_name_for(sheet["code"], used)) as stream:
                pages += render_sheets(stream, [sheet], business=business, today=today)
            files += 1
    return PrintResult(clients=files, pages=pages, path=out, files=files)


def print_cards(
    database: Database,
    ids: Sequence[int],
    out: Path | str,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> PrintResult:
    """Cards with the figures as of `today` (default: the real today)."""
    from crmdesk.reports.client_cards import render_cards

    _require(ids)
    today = today or dt.date.today()
    reader = SheetReader(database)
    business = reader.business()
    out = Path(out)
    cards = _Counted(reader.cards(ids, today), len(ids), progress)
    with atomic_file(out) as stream:
        pages = render_cards(stream, cards, business=business)
    return PrintResult(clients=cards.done, pages=pages, path=out)
