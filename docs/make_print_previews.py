"""Render docs/ack_letter.png: a sample acknowledgement letter, page 1 at 80 dpi.

    python docs/make_letter_preview.py

Needs pdftoppm (poppler-utils). The data are the Sweety Bio demo's letterhead
and an invented client and complaint.
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

from crmdesk.reports.ack_letter import render_ack_letter  # noqa: E402

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
    "reference": "R-2026-0001",
    "received_at": "2026-11-20T10:32:00",
    "due_date": "2026-11-27",
    "subject": "Signalement goût anormal – Miel Acacia lot L240615 (pot de 250 g, 12,50 €)",
    "kind": "safety",
    "owner": "Émilie Garnier",
    "channel": "phone",
}


def main() -> None:
    out = ROOT / "docs" / "ack_letter.png"
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "ack_letter.pdf"
        render_ack_letter(pdf, business=BUSINESS, client=CLIENT, complaint=COMPLAINT,
                          today=dt.date(2026, 11, 23))
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(Path(folder) / "page")],
                       check=True)
        shutil.copyfile(Path(folder) / "page.png", out)
    print(out)


if __name__ == "__main__":
    main()
