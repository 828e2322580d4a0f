"""Demo file « Le Bol d'Air »: tableware sold in home parties (docs/domain/11-demo-data.md).

The firm: Le Bol d'Air, 44 route des Arènes romaines, 87000 Limoges. Two
ambassadors (reps of kind « ambassador »): Maryse Brun and Remy Albando.

**The 41 clients are those of the case's client-file extract** (docs/domain/11-demo-data.md), read from
``resources/demo/bol_dair_annexe2.csv`` — the one place that table lives.
That file is the extract as a French Excel saves « CSV (séparateur :
point-virgule) »: cp1252, CRLF, « ; », « 1 254 » with a space as thousands
separator; the import feature can be tested on it. Each client keeps its
« N° client » as code (« 1 » … « 40 », « 50 »), its host flag (is_host),
its ambassador as rep, and has orders over the last 365 days adding up
exactly to its « CA annuel ». REVEL Marie-Paule lives 10 avenue du Merlan,
06000 Nice (annex 1); the other addresses, phones (fiction ranges) and
e-mails (example.net) are invented.

**Parties (réunions à domicile).** 20 parties over the year, one or two
per host (16 hosts), each with its host's ambassador and date; guests are
other clients of the same ambassador, living near the host (table
PARTIES). Every guest became a client at her first party (source
« home_party », referred_by = that party's host); Manon VINCENT was a guest
at Nathalie NEPAUX's party before hosting her own (« guests can become
hosts »). Everyone present orders at the party: orders with channel
« home_party », the party's id, the party's date and the ambassador as rep.
Some hosts also reorder by phone after their party (channel « phone », no
party). Party dates are relative to `today`.

**The host's voucher (bon d'achat).** Seed 001: the host is thanked with a
voucher worth 10 % of the sales made at her party. Recorded as:

* ``parties.voucher_rate`` = 0.10 on every party row (the rate in force
  that day, so a later change of the setting does not rewrite history),
  and the setting ``parties.voucher_rate`` = 0.10 (default for new parties);
* the voucher amount is never stored: it is computed,
  ``voucher_cents(sum of amount_cents of the orders whose party_id is the
  party — the host's own order included, rate)``, rounded half up to the
  cent (crmdesk.domain.parties.voucher_cents, the store's and the party
  list's rule). No voucher is issued or redeemed in this demo.

**Loyalty programme** (crmdesk.domain.loyalty, shipped settings: 1 point
per euro, batches valid to the end of the month 12 months later). Every
order earns its batch, exactly as LoyaltyStore.earn_missing would credit it;
a catalogue of four rewards (REWARDS); each host holds a card
« FID-<N° client> » issued on the day of her first party, valid 12 months;
the hosts who also reorder by phone spent 700 points on « Coffret 6 mugs »
a week after their last order. No referral reward: every referred guest
made her first order at her referrer's party, which the host's voucher
already thanks (crmdesk.domain.referral).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from crmdesk.demo import names
from crmdesk.demo.common import Dataset, Identities, Item, allocate, at, contact, order_lines, setting
from crmdesk.domain import loyalty, parties
from crmdesk.domain.contact import parse_bool
from crmdesk.domain.dates import format_date
from crmdesk.domain.money import parse_amount
from crmdesk.paths import resources_dir

SEED = 87_000
ANNEX2_CSV = "demo/bol_dair_annexe2.csv"  # under resources/
ANNEX2_HEADER = ("N° client", "Hôte", "Nom Ambassadeur", "Nom Client", "Prénom", "CA annuel")
VOUCHER_RATE = parties.VOUCHER_RATE
POINTS_PER_EURO = 1
VALIDITY_MONTHS = 12

# The rewards catalogue: id, name, points, what it costs the firm (cents).
REWARDS = (
    (1, "Mug grès 35 cl", 150, 1_100),
    (2, "Saladier Ø 25 cm", 400, 3_490),
    (3, "Coffret 6 mugs", 700, 5_900),
    (4, "Service de table 18 pièces", 2_000, 18_900),
)
HOST_REWARD = 3  # what the hosts who reorder by phone chose

AMBASSADORS = (
    # id, code, name, e-mail
    (1, "MB", "Maryse Brun", "maryse.brun@lebolair.example.com"),
    (2, "RA", "Remy Albando", "remy.albando@lebolair.example.com"),
)

# What annex 2 does not say, by N° client: civility, address, city, postal code.
# Everything but REVEL's address (annex 1) is invented.
DETAILS = {
    "1": ("Mme", "10 avenue du Merlan", "Nice", "06000"),
    "2": ("Mme", "27 boulevard de Cimiez", "Nice", "06000"),
    "3": ("Mme", "14 avenue de Grasse", "Antibes", "06600"),
    "4": ("Mme", "52 avenue Baudin", "Limoges", "87000"),
    "5": ("M.", "8 chemin des Collettes", "Cagnes-sur-Mer", "06800"),
    "6": ("Mme", "3 rue Thuret", "Antibes", "06600"),
    "7": ("M.", "58 rue Paul-Bert", "Lyon", "69003"),
    "8": ("Mme", "17 cours Émile-Zola", "Villeurbanne", "69100"),
    "9": ("Mme", "103 rue Garibaldi", "Lyon", "69003"),
    "10": ("Mme", "16 cours Jean-Jaurès", "Grenoble", "38000"),
    "11": ("M.", "28 avenue des États-Généraux", "Échirolles", "38130"),
    "12": ("Mme", "21 rue Chabot-Charny", "Dijon", "21000"),
    "13": ("M.", "9 rue de la Liberté", "Dijon", "21000"),
    "14": ("Mme", "6 quai de Versailles", "Nantes", "44000"),
    "15": ("Mme", "33 rue Jean-Jaurès", "Rezé", "44400"),
    "16": ("Mme", "14 rue Crébillon", "Nantes", "44000"),
    "17": ("M.", "10 rue de la Paix", "Saint-Herblain", "44800"),
    "18": ("Mme", "2 place Viarme", "Nantes", "44000"),
    "19": ("Mme", "47 boulevard Guist'hau", "Nantes", "44000"),
    "20": ("M.", "25 boulevard de la Liberté", "Rennes", "35000"),
    "21": ("M.", "31 rue des Filatiers", "Toulouse", "31000"),
    "22": ("Mme", "9 rue François-Chénieux", "Limoges", "87000"),
    "23": ("M.", "6 allée des Érables", "Panazol", "87350"),
    "24": ("Mme", "18 rue Notre-Dame", "Bordeaux", "33000"),
    "25": ("Mme", "12 rue Pargaminières", "Toulouse", "31000"),
    "26": ("M.", "4 avenue du Parc", "Blagnac", "31700"),
    "27": ("Mme", "7 rue de l'Aiguillerie", "Montpellier", "34000"),
    "28": ("Mme", "45 avenue de la Marne", "Mérignac", "33700"),
    "29": ("Mme", "8 rue de Saint-Malo", "Rennes", "35000"),
    "30": ("M.", "13 rue de Rennes", "Cesson-Sévigné", "35510"),
    "31": ("Mme", "36 rue Colbert", "Tours", "37000"),
    "32": ("Mme", "7 rue Nationale", "Tours", "37000"),
    "33": ("Mme", "12 rue de Béthune", "Lille", "59000"),
    "34": ("Mme", "112 avenue de Mazargues", "Marseille", "13008"),
    "35": ("M.", "22 avenue de Lodève", "Montpellier", "34000"),
    "36": ("Mme", "19 boulevard Rabatau", "Marseille", "13008"),
    "37": ("Mme", "24 rue Ballainvilliers", "Clermont-Ferrand", "63000"),
    "38": ("Mme", "5 cours Gambetta", "Aix-en-Provence", "13100"),
    "39": ("Mme", "40 boulevard Lafayette", "Clermont-Ferrand", "63000"),
    "40": ("M.", "2 avenue de Royat", "Chamalières", "63400"),
    "50": ("M.", "90 rue Nationale", "Lille", "59000"),
}

# The year's parties: host's N° client, days before today, guests' N° client.
PARTIES = (
    ("7", 335, ("8", "9")),
    ("1", 320, ("2",)),
    ("10", 305, ("11",)),
    ("3", 290, ("6", "1")),
    ("16", 280, ("14", "15", "19")),
    ("4", 270, ("22", "23")),
    ("50", 260, ("33",)),
    ("13", 250, ("12",)),
    ("21", 230, ("25", "26")),
    ("29", 220, ("20", "30")),
    ("24", 200, ("28",)),
    ("19", 180, ("17", "18", "16")),
    ("27", 170, ("35",)),
    ("31", 150, ("32",)),
    ("34", 130, ("36", "38")),
    ("1", 95, ("5", "3")),
    ("37", 70, ("39", "40")),
    ("50", 50, ("33",)),
    ("4", 40, ("23",)),
    ("19", 25, ("18",)),
)
PHONE_REORDER_FROM = 85_000  # hosts whose CA reaches 850 € also reorder by phone

CATALOGUE = {
    "Assiettes": (
        ("Assiette plate Arènes Ø 27 cm", "AS-ARE-27", 1_490, 4),
        ("Assiette creuse Arènes Ø 22 cm", "AS-ARE-22", 1_350, 3),
        ("Assiette à dessert Arènes Ø 20 cm", "AS-ARE-20", 1_190, 3),
        ("Assiette plate Limousine Ø 27 cm", "AS-LIM-27", 1_690, 2),
    ),
    "Bols, tasses et mugs": (
        ("Bol déjeuner 50 cl", "BT-BOL-50", 990, 3),
        ("Tasse à café et soucoupe", "BT-CAF", 1_250, 3),
        ("Mug grès 35 cl", "BT-MUG-35", 1_100, 3),
        ("Tasse à thé et soucoupe", "BT-THE", 1_450, 2),
    ),
    "Plats et saladiers": (
        ("Saladier Ø 25 cm", "PS-SAL-25", 3_490, 2),
        ("Plat ovale 35 cm", "PS-OVA-35", 3_990, 2),
        ("Plat à tarte Ø 28 cm", "PS-TAR-28", 2_990, 2),
        ("Ramequins (lot de 4)", "PS-RAM-4", 1_990, 2),
        ("Beurrier", "PS-BEU", 1_650, 1),
        ("Théière 1 l", "PS-THE-1L", 4_500, 1),
    ),
    "Coffrets et services": (
        ("Coffret 6 assiettes plates Arènes", "CS-ASS-6", 7_900, 2),
        ("Coffret 6 mugs", "CS-MUG-6", 5_900, 1),
        ("Service de table 18 pièces", "CS-SER-18", 18_900, 1),
    ),
}


@dataclass(frozen=True)
class AnnexClient:
    """One row of annex 2."""

    number: str  # « N° client »
    host: bool
    ambassador: str
    last_name: str
    first_name: str
    revenue: int  # « CA annuel », cents


def annex2_path() -> Path:
    return resources_dir() / ANNEX2_CSV


def read_annex2(path: Path | None = None) -> list[AnnexClient]:
    """Annex 2 as saved by Excel (cp1252, « ; », CRLF, « 1 254 »)."""
    raw = (path or annex2_path()).read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
    if tuple(rows[0]) != ANNEX2_HEADER:
        raise ValueError(f"unexpected header in annex 2: {rows[0]}")
    return [
        AnnexClient(number, parse_bool(host), ambassador, last, first, parse_amount(revenue))
        for number, host, ambassador, last, first, revenue in rows[1:]
        if number
    ]


def generate(today: dt.date) -> Dataset:
    rng = random.Random(SEED)
    ident = Identities(rng)
    data = Dataset()
    clients = read_annex2()
    by_number = {c.number: c for c in clients}
    contact_id = {c.number: i for i, c in enumerate(clients, start=1)}
    ambassador_id = {name: rep_id for rep_id, _, name, _ in AMBASSADORS}
    _check_parties(by_number)

    def day(days_ago: int) -> dt.date:
        return today - dt.timedelta(days=days_ago)

    setting(
        data,
        "business",
        {
            "name": "Le Bol d'Air",
            "activity": "Vaisselle de table vendue en réunion à domicile",
            "address": "44 route des Arènes romaines",
            "postal_code": "87000",
            "city": "Limoges",
            "phone": ident.phone("05"),
            "email": "contact@lebolair.example.com",
        },
    )
    setting(data, "parties.voucher_rate", VOUCHER_RATE)
    setting(data, "loyalty.points_per_euro", POINTS_PER_EURO)
    setting(data, "loyalty.validity_months", VALIDITY_MONTHS)
    for rep_id, code, name, email in AMBASSADORS:
        data.add(
            "reps",
            ("id", "code", "name", "kind", "email", "phone", "active"),
            (rep_id, code, name, "ambassador", email, ident.phone("05"), 1),
        )

    items: list[Item] = []
    product_id = 0
    for category_id, (category, products) in enumerate(CATALOGUE.items(), start=1):
        data.add("categories", ("id", "name"), (category_id, category))
        for name, code, price, weight in products:
            product_id += 1
            data.add(
                "products",
                ("id", "code", "name", "category_id", "unit_price_cents", "active"),
                (product_id, code, name, category_id, price, 1),
            )
            items.append(Item(product_id, category_id, price, weight))

    # Who attended which party, in date order.
    parties = sorted(enumerate(PARTIES, start=1), key=lambda p: -p[1][1])
    attended: dict[str, list[tuple[int, str, dt.date]]] = {}  # number -> (party id, host, date)
    for party_id, (host, days_ago, guests) in parties:
        for number in (host, *guests):
            attended.setdefault(number, []).append((party_id, host, day(days_ago)))

    # Occasions to buy: each party attended, plus a phone reorder for big hosts.
    occasions: dict[str, list[tuple]] = {}  # number -> (date, party id or None, weight)
    for client in clients:
        mine = []
        for party_id, host, when in attended[client.number]:
            mine.append((when, party_id, (300 if host == client.number else 200) * rng.randint(80, 120)))
        own = [when for _, host, when in attended[client.number] if host == client.number]
        if client.host and client.revenue >= PHONE_REORDER_FROM:
            when = min(max(own) + dt.timedelta(days=rng.randint(14, 45)), day(1))
            mine.append((when, None, 150 * rng.randint(80, 120)))
        occasions[client.number] = mine

    # Contacts, referrers first (a guest's referrer is the host of her first party).
    rows = []
    for client in clients:
        civility, address, city_name, postal = DETAILS[client.number]
        city = names.city(city_name, postal)
        first_party = attended[client.number][0]
        guest_first = first_party[1] != client.number  # first came as a guest
        first_contact = first_party[2] if guest_first else first_party[2] - dt.timedelta(days=rng.randint(60, 2_000))
        email = None
        if rng.random() < 0.8:
            email = ident.email(f"{client.first_name} {client.last_name}", "example.net")
        values = {
            "code": client.number,
            "kind": "person",
            "stage": "client",
            "civility": civility,
            "last_name": client.last_name,
            "first_name": client.first_name,
            "email": email,
            "phone": ident.phone(city.zone if rng.random() < 0.6 else "09"),
            "address": address,
            "postal_code": city.postal_code,
            "city": city.name,
            "region": city.region,
            "first_contact": first_contact,
            "source": "home_party" if guest_first else "phone",
            "rep_id": ambassador_id[client.ambassador],
            "is_host": client.host,
            "referred_by": contact_id[first_party[1]] if guest_first else None,
            "preferred_channel": rng.choice(("phone", "email", "sms")) if email else "phone",
            "last_contact": max(when for when, _, _ in occasions[client.number]),
        }
        if email:
            consent_day = first_party[2]
            source = f"Bulletin de la réunion du {format_date(consent_day)}"
            values.update({"consent_email": True, "consent_email_date": consent_day, "consent_email_source": source})
            if rng.random() < 0.4:
                values.update({"consent_sms": True, "consent_sms_date": consent_day, "consent_sms_source": source})
        rows.append((first_contact, contact_id[client.number], values))
    for first_contact, cid, values in sorted(rows, key=lambda r: (r[0], r[1])):
        contact(data, cid, values, created=at(first_contact, 10))

    # Parties and their guests.
    for party_id, (host, days_ago, guests) in enumerate(PARTIES, start=1):
        client = by_number[host]
        civility, _, city_name, _ = DETAILS[host]
        data.add(
            "parties",
            ("id", "host_id", "ambassador_id", "date", "voucher_rate", "notes"),
            (
                party_id,
                contact_id[host],
                ambassador_id[client.ambassador],
                day(days_ago).isoformat(),
                VOUCHER_RATE,
                f"Réunion-démonstration chez {civility} {client.last_name} ({city_name})",
            ),
        )
        for guest in guests:
            data.add("party_guests", ("party_id", "contact_id"), (party_id, contact_id[guest]))

    # Orders, in date order, each with its lines.
    planned = []
    for client in clients:
        mine = occasions[client.number]
        for (when, party_id, _), cents in zip(mine, allocate(client.revenue, [w for _, _, w in mine])):
            planned.append((when, contact_id[client.number], party_id, cents, client))
    planned.sort(key=lambda p: (p[0], p[2] or 0, p[1]))
    line_id = 0
    for order_id, (when, cid, party_id, cents, client) in enumerate(planned, start=1):
        channel = "home_party" if party_id else "phone"
        hour = 20 if party_id else rng.randint(9, 18)
        data.add(
            "orders",
            ("id", "contact_id", "ref", "date", "amount_cents", "channel", "rep_id", "party_id", "notes", "created_at"),
            (
                order_id,
                cid,
                f"BA-{order_id:05d}",
                when.isoformat(),
                cents,
                channel,
                ambassador_id[client.ambassador],
                party_id,
                None,
                at(when, hour, rng.randint(0, 59)),
            ),
        )
        k = min(6, 1 + cents // 15_000) + rng.randint(0, 1)
        for item, quantity, discount in order_lines(rng, cents, items, k):
            line_id += 1
            data.add(
                "order_lines",
                (
                    "id",
                    "order_id",
                    "product_id",
                    "label",
                    "category_id",
                    "quantity",
                    "unit_price_cents",
                    "discount_cents",
                ),
                (line_id, order_id, item.product_id, None, item.category_id, quantity, item.price, discount),
            )
    _loyalty(data, planned, contact_id, today)
    return data


def _loyalty(data: Dataset, planned: list[tuple], contact_id: dict[str, int], today: dt.date) -> None:
    """Rewards, the hosts' cards, a batch of points per order, the hosts' redemptions."""
    for row in REWARDS:
        data.add("loyalty_rewards", ("id", "name", "points", "value_cents", "active"), (*row, 1))
    first_party = {}
    for host, days_ago, _ in PARTIES:
        when = today - dt.timedelta(days=days_ago)
        first_party[host] = min(first_party.get(host, when), when)
    for number, start in sorted(first_party.items(), key=lambda item: int(item[0])):
        valid_from, valid_until = loyalty.card_validity(start, VALIDITY_MONTHS)
        data.add(
            "loyalty_cards",
            ("contact_id", "number", "valid_from", "valid_until"),
            (contact_id[number], f"FID-{number}", valid_from.isoformat(), valid_until.isoformat()),
        )
    columns = ("contact_id", "at", "points", "reason", "order_id", "reward_id", "expires_on")
    last_order: dict[int, dt.date] = {}
    for order_id, (when, cid, _, cents, client) in enumerate(planned, start=1):
        data.add(
            "loyalty_ledger",
            columns,
            (
                cid,
                when.isoformat(),
                loyalty.points_for(cents, POINTS_PER_EURO),
                loyalty.ORDER_REASON,
                order_id,
                None,
                loyalty.batch_expiry(when, VALIDITY_MONTHS).isoformat(),
            ),
        )
        if client.host and client.revenue >= PHONE_REORDER_FROM:
            last_order[cid] = when
    _, _, points, _ = REWARDS[HOST_REWARD - 1]
    for cid, when in sorted(last_order.items()):
        spent = min(when + dt.timedelta(days=7), today)
        data.add(
            "loyalty_ledger", columns, (cid, spent.isoformat(), -points, loyalty.REWARD_REASON, None, HOST_REWARD, None)
        )


def _check_parties(by_number: dict[str, AnnexClient]) -> None:
    """PARTIES must agree with annex 2: hosts flagged, one ambassador per party."""
    for host, _, guests in PARTIES:
        if not by_number[host].host:
            raise ValueError(f"party host {host} is not a host in annex 2")
        for guest in guests:
            if guest == host or by_number[guest].ambassador != by_number[host].ambassador:
                raise ValueError(f"guest {guest} cannot attend {host}'s party")
    present = {n for host, _, guests in PARTIES for n in (host, *guests)}
    missing = sorted(set(by_number) - present, key=int)
    if missing:
        raise ValueError(f"clients at no party: {missing}")
