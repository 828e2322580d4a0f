"""Write a canonical clients CSV of N rows (deterministic), for the benchmarks.

python bench/generate_clients.py 1000000 bench/out/clients-1M.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from crmdesk.domain.contact import CSV_COLUMNS

FIRST = [
    "Hélène",
    "Marie",
    "Jean",
    "Élodie",
    "Léa",
    "Thomas",
    "Chloé",
    "Nicolas",
    "Zoé",
    "Raphaël",
    "Camille",
    "Lucas",
    "Manon",
    "Hugo",
    "Inès",
    "Louis",
    "Anaïs",
    "Théo",
    "Maëlle",
    "Noé",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
]
CITIES = [
    ("Paris", "75011"),
    ("Lyon", "69003"),
    ("Marseille", "13005"),
    ("Toulouse", "31000"),
    ("Nice", "06000"),
    ("Nantes", "44000"),
    ("Strasbourg", "67000"),
    ("Montpellier", "34000"),
    ("Bordeaux", "33000"),
    ("Lille", "59000"),
    ("Rennes", "35000"),
    ("Reims", "51100"),
    ("Évreux", "27000"),
    ("Metz", "57000"),
    ("Limoges", "87000"),
    ("Dijon", "21000"),
]
SOURCES = ["web", "social", "fair", "phone", "shop", "home_party", "referral"]


def rows(count: int, seed: int = 20261123):
    rnd = random.Random(seed)
    for i in range(1, count + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        city, postal = rnd.choice(CITIES)
        company = i % 10 == 0
        yield {
            "code": f"B{i:07d}",
            "kind": "company" if company else "person",
            "civility": "" if company else rnd.choice(("M.", "Mme")),
            "last_name": last.upper(),
            "first_name": first,
            "company": f"{last} {rnd.choice(('Bio', 'Primeurs', 'Épicerie', 'Distribution'))} {i}" if company else "",
            "siret": "",
            "email": f"{first.lower()}.{last.lower()}{i}@exemple.fr".replace("é", "e")
            .replace("ë", "e")
            .replace("è", "e")
            .replace("ï", "i")
            .replace("ç", "c"),
            "phone": f"06 {rnd.choice((1, 2, 4, 5, 6, 7, 8))}{rnd.randrange(10)} {rnd.randrange(10, 100)} "
            f"{rnd.randrange(10, 100)} {i % 100:02d}",
            "address": f"{rnd.randrange(1, 200)} rue de la République",
            "postal_code": postal,
            "city": city,
            "country": "FR",
            "birth_date": f"{rnd.randrange(1, 29):02d}/{rnd.randrange(1, 13):02d}/{rnd.randrange(1940, 2005)}",
            "first_contact": f"{rnd.randrange(1, 29):02d}/{rnd.randrange(1, 13):02d}/{rnd.randrange(2015, 2026)}",
            "source": rnd.choice(SOURCES),
            "rep": "",
            "tags": "",
            "notes": "",
            "consent_email": rnd.choice(("oui", "non")),
            "consent_sms": "non",
            "consent_phone": rnd.choice(("oui", "non")),
        }


def write(count: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows(count))
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "out" / f"clients-{count}.csv"
    print(write(count, out))
