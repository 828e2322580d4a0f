"""A generated client file for the listing tests: names, cities, companies,
e-mails and phones with accents and punctuation, tags, a few clients in the
trash and a few texts longer than the in-memory listing's widest class."""

from __future__ import annotations

import random

from crmdesk.domain import contact as rules
from crmdesk.domain.text import fold
from crmdesk.store.contacts import ContactStore, prepare_bulk
from crmdesk.store.database import Database

FIRST = ["Hélène", "Helena", "Zoé", "Ève", "Maëlle", "Noël", "Jean-Luc", "Li", "Ørjan", "Œdipe", "Paul", "Marie"]
LAST = [
    "Martin",
    "Martinez",
    "Dupont",
    "Durand",
    "Lefèvre",
    "N'Diaye",
    "Da Silva",
    "Xu",
    "Moreau",
    "Hélias",
    "Ducasse",
    "Paris",
]
CITIES = ["Lyon", "Évreux", "Paris", "Saint-Étienne", "Metz", "L'Haÿ-les-Roses", "Lyons-la-Forêt", "Dijon"]
STAGES = ("prospect", "client", "former")
TAGS = ("VIP", "salon 2026", "Bio")


def contact(rnd: random.Random, i: int) -> dict:
    first, last, city = rnd.choice(FIRST), rnd.choice(LAST), rnd.choice(CITIES)
    company = i % 7 == 0
    values = {
        "code": f"T{i:05d}",
        "kind": "company" if company else "person",
        "stage": rnd.choice(STAGES),
        "last_name": last,
        "first_name": first,
        "city": city,
        "postal_code": f"{rnd.randrange(1000, 95999):05d}",
        "country": "FR",
        "email": f"{fold(first).replace(' ', '')}.{i}@exemple.fr" if i % 3 else "",
        "phone": f"06 {rnd.choice((1, 2, 4, 5, 6, 7, 8))}{rnd.randrange(10)} {rnd.randrange(10, 99)} "
        f"{rnd.randrange(10, 99)} {rnd.randrange(10, 99)}"
        if i % 4
        else "",
        "first_contact": f"20{rnd.randrange(15, 26)}-0{rnd.randrange(1, 9)}-1{rnd.randrange(0, 9)}",
    }
    # a few company names long enough for texts past the widest class (kept apart in memory)
    values["company"] = f"{last} Épicerie {i}" + (" et fils" * 40 if i % 49 == 0 else "") if company else ""
    return rules.validate(values)


def fill(database: Database, count: int, start: int = 1, seed: int = 11) -> None:
    rnd = random.Random(seed)
    with database.atomic():
        prepared = list(prepare_bulk(contact(rnd, i) for i in range(start, start + count)))
        database.insert_many("contacts", prepared[0][0], (values for _, values in prepared))
    store = ContactStore(database)
    ids = [r[0] for r in database.query("SELECT id FROM contacts ORDER BY id")]
    for contact_id in ids[::9]:
        store.set_tags(contact_id, [rnd.choice(TAGS)])
    for contact_id in ids[5::31]:
        store.trash(contact_id)
