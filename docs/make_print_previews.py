"""Render the prints shown in the README, page 1 of each at 80 dpi:

- docs/ack_letter.png: an acknowledgement letter (the Sweety Bio letterhead,
  an invented client and complaint);
- docs/client_sheet.png: the client sheet of SB00007 (Bio Corner) in the
  Sweety Bio demo, as of 23/11/2026;
- docs/client_cards.png: the first page of the demo's client cards.
- docs/access_export.png: the first page of the right-of-access PDF of SB00007
  (`crmdesk gdpr export`).

    python docs/make_print_previews.py

Needs pdftoppm (poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crmdesk import demo
from crmdesk.reports.ack_letter import render_ack_letter
from crmdesk.reports.prints import print_cards, print_sheets
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database

TODAY = dt.date(2026, 11, 23)

BUSINESS = {
    "name": "Sweety Bio",
    "activity": "Distribution de produits biologiques (B2C et B2B)",
    "address": "18 rue de la Charité",
    "postal_code": "69002",
    "city": "Lyon",
    "phone": "04 78 12 34 56",
    "email": "contact@sweetybio.example.com",
    "siret": "12345678900012",
}
CLIENT = {
    "civility": "Mme",
    "first_name": "Hélène",
    "last_name": "Lefèvre-Dupré",
    "company": "",
    "address": "Résidence Les Tilleuls, bât. B\n12 chemin des Érables",
    "postal_code": "87000",
    "city": "Limoges",
    "country": "FR",
}
COMPLAINT = {
    "reference": "REC-2026-0001",
    "received_at": "2026-11-20T10:32:00",
    "due_date": "2026-11-27",
    "subject": "Signalement goût anormal – Miel Acacia lot L240615 (pot de 250 g, 12,50 €)",
    "kind": "safety",
    "owner": "Émilie Garnier",
    "channel": "phone",
}


def first_page_png(pdf: Path, name: str) -> None:
    out = ROOT / "docs" / name
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(stem)], check=True)
    shutil.copyfile(stem.with_suffix(".png"), out)
    print(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        render_ack_letter(folder / "ack_letter.pdf", business=BUSINESS, client=CLIENT, complaint=COMPLAINT, today=TODAY)
        first_page_png(folder / "ack_letter.pdf", "ack_letter.png")
        demo.build("sweetybio", folder / "demo.sqlite", today=TODAY)
        with Database(folder / "demo.sqlite", writer=False) as database:
            store = ContactStore(database)
            print_sheets(database, [store.id_of_code("SB00007")], folder / "sheet.pdf", today=TODAY)
            print_cards(database, store.ids(ContactQuery()), folder / "cards.pdf")
            from crmdesk.reports.access_report import export_access

            _json, access = export_access(database, store.id_of_code("SB00007"), folder, today=TODAY)
        first_page_png(folder / "sheet.pdf", "client_sheet.png")
        first_page_png(folder / "cards.pdf", "client_cards.png")
        first_page_png(access, "access_export.png")


if __name__ == "__main__":
    main()
