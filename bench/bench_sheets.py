"""Client sheets: crmdesk's batch print vs a bare platypus document of the same content.

    python bench/bench_sheets.py            # 1,000 sheets, best of 3 rounds
    python bench/bench_sheets.py --count 200 --rounds 1

Target (issue 5): crmdesk's pages per second ≥ 0.8 × those of a bare
platypus document with the same content, built in the same run.

The clients are those of the Sweety Bio demo (440 clients with a year of
orders, categories, complaints, consents), taken in turn until `count`
sheets. crmdesk: `print_sheets` from the client file to a PDF file: reading
each client from SQLite, the page decorations (continuation footers), the
atomic write (temporary file, fsync, rename). Reference: the same flowables
(made by the same story builder from sheets read beforehand, untimed) with a
page break between clients, in a plain SimpleDocTemplate written to memory.
Rounds alternate between the two so that the machine's noise hits both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT, Timer, report

TODAY = dt.date(2026, 11, 23)


def demo_file() -> Path:
    from crmdesk import demo

    path = OUT / "sweetybio-bench.sqlite"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        demo.build("sweetybio", path, today=TODAY)
    return path


def bare(sheets: list[dict], business: dict) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from crmdesk.reports import client_sheet as cs

    story = []
    builder = cs.SheetStory(cs.SheetStyles(), business, TODAY)
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story += [f for f in builder.flowables(sheet) if not isinstance(f, cs._ClientStart)]
    document = SimpleDocTemplate(
        io.BytesIO(),
        pagesize=A4,
        leftMargin=cs.MARGIN_X,
        rightMargin=cs.MARGIN_X,
        topMargin=cs.MARGIN_TOP,
        bottomMargin=cs.MARGIN_BOTTOM,
        pageCompression=1,
        initialFontName=cs.register_fonts().regular,
    )
    document.build(story)
    return document.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from crmdesk.reports.fonts import register_fonts
    from crmdesk.reports.prints import print_sheets
    from crmdesk.store.contacts import ContactQuery, ContactStore
    from crmdesk.store.database import Database
    from crmdesk.store.sheets import SheetReader

    register_fonts()
    database = Database(demo_file(), writer=False)
    every = ContactStore(database).ids(ContactQuery())
    ids = [every[i % len(every)] for i in range(args.count)]
    reader = SheetReader(database)
    sheets, business = list(reader.sheets(ids, TODAY)), reader.business()

    best_crm = best_bare = float("inf")
    pages_crm = pages_bare = 0
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "fiches.pdf"
        for _ in range(args.rounds):
            with Timer() as t:
                pages_bare = bare(sheets, business)
            best_bare = min(best_bare, t.seconds)
            with Timer() as t:
                pages_crm = print_sheets(database, ids, out, today=TODAY).pages
            best_crm = min(best_crm, t.seconds)
        size = out.stat().st_size
    database.close()

    crm_rate, bare_rate = pages_crm / best_crm, pages_bare / best_bare
    print(
        f"{args.count} sheets: crmdesk {pages_crm} pages in {best_crm:.2f} s ({crm_rate:.0f} pages/s, "
        f"PDF {size / 1e6:.1f} MB); bare platypus {pages_bare} pages in {best_bare:.2f} s "
        f"({bare_rate:.0f} pages/s)"
    )
    ratio = crm_rate / bare_rate
    report("sheets pages/s vs bare platypus", ratio, "×", "target ≥ 0.8", ratio >= 0.8)


if __name__ == "__main__":
    main()
