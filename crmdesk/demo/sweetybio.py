"""Demo file « Sweety Bio »: organic food distributor, B2C and B2B (docs/domain/11-demo-data.md).

What it holds, as of `today`:

* **400 clients** (stage « client ») whose status counts and revenue over the
  status year reproduce docs/domain/03-statuses.md to the cent:
  Premium 39 clients 568 260,00 €, Actif 196 / 1 677 720,00 €, Standard 113 /
  270 600,00 €, Occasionnel 52 / 189 420,00 € (2 706 000,00 €).
  Besides them: 25 prospects and 15 former clients (stage « prospect » /
  « former »), who never count among the 400.

* **Status rule of this file: the number of orders per year.** Seed 000's
  Document 3 gives three criteria (revenue, orders per year, seniority), but
  its revenue thresholds cannot produce Documents 1–2: Standard clients
  average 2 395 € and Occasionnel ones 3 643 €, while Document 3 wants
  Standard ≥ 40 000 € > Occasionnel, and every Actif client 50 000 € or
  more while they average 8 560 €. So the file stores
  ``status.criteria = ["orders"]`` with the bands Premium > 13 orders
  (no client has exactly 13, the value the seed leaves ambiguous), Actif
  9–12, Standard 5–8, Occasionnel 1–4 (``status.bands``). Seniority is also
  made consistent with Document 3 (Premium clients were first contacted
  more than 3 years ago, Actif 2–3 years, Standard 1–2, Occasionnel less
  than a year, with a margin of a few weeks at each bound), so adding
  « seniority » to the criteria changes nobody's status.

* **The status year** is the 365 days ending `today` (today − 364 … today).
  Its orders are all dated today − 359 … today, so a report that counts
  366 days (today − 365 … today) sees the same figures. Clients with more
  than a year of seniority also have a previous year of orders
  (today − 729 … today − 370; revenue 75–110 % of this year's) for trends
  and retention; nothing is older except the last orders of 3 former
  clients (about 3 ½ years ago), which the GDPR retention rule (§8) flags.

* **Seed 000 §2.4, RFM of Bio Corner and Bio Vie** (default points grid):
  Bio Corner — last order 6 days ago (R 4), 18 orders (F 4),
  112 450,00 € (M 4): RFM 4-4-4, score 12, a champion to keep.
  Bio Vie — last order 75 days ago (R 1), 6 orders (F 2), 42 300,00 €
  (M 2): RFM 1-2-2, score 5, at risk: it ordered 11 times for
  78 300,00 € the year before.

* Products in four categories (Produits frais, Cosmétiques, Huiles
  essentielles, Épicerie) named as in the seed; every order has lines whose
  value (quantity × unit price − discount) adds up to its amount. Companies
  buy at the pro price (80 % of the catalogue price, shown on the line) and
  in larger baskets. The last line of an order carries a small discount when
  needed to land on the order's amount to the cent. Food lines carry their
  lot number (a product recall finds their buyers): the acacia honey of the
  safety complaint below is lot L240615 over the six weeks before it.

* **The five worked requests of docs/domain/05-complaints.md** as open complaints (phase
  « reception », one « received » event each, due 5 jours ouvrables after
  reception: Monday–Saturday, French public holidays skipped, by
  domain/deadline.py). The Kombucha delivery is marked perishable and the
  lavender stock-out urgent, so that the triage queue (domain/complaints.py)
  lists them as the seed does: safety, fresh delivery, urgent stock-out,
  special order, information request; priorities are the suggested ones. The special
  order of 200 soaps arrived 8 days ago and is overdue on purpose.

* Survey answers (CSAT 1–5, NPS 0–10, CES 1–7) a few days after orders,
  consents with their date and source, a few oppositions, sector tags
  (and « Salon Primevère » for contacts met at that fair).

Settings written: ``business`` (letterhead, invented address),
``status.criteria``, ``status.bands``, ``complaints.deadline_days`` (5),
``complaints.day_kind`` (« ouvrables »).

Everything is invented; phones and e-mails are fictional (see names.py).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from crmdesk.demo import names
from crmdesk.demo.common import (
    Dataset,
    Identities,
    Item,
    add_business_days,
    allocate,
    at,
    contact,
    order_lines,
    setting,
    slug,
    spread_days,
)
from crmdesk.domain.complaints import suggest_priority
from crmdesk.store.complaints import reference as complaint_reference

SEED = 20_240_615
STATUS_DAYS = 365  # the status year: today - 364 … today
ORDER_DAYS = 360  # orders of the status year are dated today - 359 … today


@dataclass(frozen=True)
class Status:
    name: str
    clients: int
    revenue: int  # cents over the status year
    orders: tuple[int, int]  # orders per year, inclusive
    companies: int  # of which B2B
    company_weight: int  # a company's share of revenue vs a person's
    seniority: tuple[int, int]  # first contact, days before today


STATUSES = (
    Status("Premium", 39, 56_826_000, (14, 24), 24, 6, (1_130, 3_650)),
    Status("Actif", 196, 167_772_000, (9, 12), 78, 10, (760, 1_070)),
    Status("Standard", 113, 27_060_000, (5, 8), 22, 10, (420, 700)),
    Status("Occasionnel", 52, 18_942_000, (1, 4), 16, 25, (20, 340)),
)

# (name, code, public price in cents, how often bought)
CATALOGUE = {
    "Produits frais": (
        ("Kombucha nature 33 cl", "FR-KOM-NAT", 320, 5),
        ("Kombucha gingembre 33 cl", "FR-KOM-GIN", 340, 4),
        ("Yaourt brebis nature 4 × 125 g", "FR-YAO-BRE", 395, 4),
        ("Tofu nature 250 g", "FR-TOF-250", 340, 3),
        ("Œufs plein air × 6", "FR-OEU-6", 360, 4),
        ("Pain complet au levain 800 g", "FR-PAI-800", 520, 3),
        ("Panier de légumes de saison 5 kg", "FR-LEG-5KG", 1_890, 3),
    ),
    "Cosmétiques": (
        ("Crème Aloe Vera 50 ml", "CO-ALO-50", 1_290, 3),
        ("Savon de Marseille Olive 100 g", "CO-SAV-OLI", 390, 4),
        ("Shampooing solide ortie 85 g", "CO-SHA-ORT", 890, 2),
        ("Baume à lèvres karité", "CO-BAU-KAR", 450, 2),
        ("Dentifrice à l'argile 75 ml", "CO-DEN-ARG", 520, 2),
    ),
    "Huiles essentielles": (
        ("Huile essentielle Lavande 10 ml", "HE-LAV-10", 790, 3),
        ("Huile essentielle Tea tree 10 ml", "HE-TEA-10", 690, 2),
        ("Huile essentielle Eucalyptus radiata 10 ml", "HE-EUC-10", 650, 2),
        ("Huile essentielle Ravintsara 10 ml", "HE-RAV-10", 890, 2),
        ("Huile essentielle Menthe poivrée 10 ml", "HE-MEN-10", 590, 2),
    ),
    "Épicerie": (
        ("Miel Acacia 500 g", "EP-MIE-ACA", 1_150, 4),
        ("Quinoa blanc 500 g", "EP-QUI-500", 490, 4),
        ("Huile d'olive vierge extra 75 cl", "EP-HUI-OLI", 1_280, 4),
        ("Chocolat noir 70 % 100 g", "EP-CHO-70", 295, 4),
        ("Café Pérou moulu 250 g", "EP-CAF-PER", 640, 4),
        ("Thé vert sencha 100 g", "EP-THE-SEN", 690, 3),
        ("Pâtes complètes 500 g", "EP-PAT-500", 240, 3),
        ("Lentilles vertes 500 g", "EP-LEN-500", 310, 3),
        ("Flocons d'avoine 500 g", "EP-FLO-500", 260, 3),
    ),
}
PRO_PRICE_PERCENT = 80

# Lots of the food sold (order_lines.lot): the acacia honey of the safety complaint
# (2 days ago) is lot L240615 when sold 47 to 2 days ago; other lots are dated from LOT_EPOCH.
HONEY, HONEY_LOT, RECALL_DAYS = "EP-MIE-ACA", "L240615", (2, 47)
LOT_EPOCH = dt.date(2000, 1, 3)  # a Monday

# The web shop per quarter: visitors, product pages seen, carts, purchases, basket (cents).
WEB_QUARTERS = (
    ("2025-T1", 8200, 4100, 1240, 410, 5850),
    ("2025-T2", 8900, 4500, 1310, 452, 5920),
    ("2025-T3", 7600, 3700, 1120, 371, 5780),
    ("2025-T4", 9800, 5100, 1650, 540, 6240),
    ("2026-T1", 9100, 4700, 1380, 480, 6010),
    ("2026-T2", 10400, 5300, 1490, 560, 6150),
    ("2026-T3", 9300, 4600, 1330, 505, 6080),
    ("2026-T4", 8700, 4500, 1410, 470, 6420),
)
# Facebook and Instagram per quarter of 2026: reach, likes, comments, shares, objectives.
SOCIAL_QUARTERS = (
    ("2026-T1", "Facebook", 4200, 38, 12, 9, 5000, 45),
    ("2026-T1", "Instagram", 6100, 140, 22, 15, 6000, 150),
    ("2026-T2", "Facebook", 4650, 41, 15, 8, 5000, 45),
    ("2026-T2", "Instagram", 6900, 165, 30, 21, 6000, 150),
    ("2026-T3", "Facebook", 3900, 29, 9, 6, 5000, 45),
    ("2026-T3", "Instagram", 5800, 120, 18, 12, 6000, 150),
    ("2026-T4", "Facebook", 4400, 36, 14, 10, 5000, 45),
    ("2026-T4", "Instagram", 7200, 171, 33, 19, 6500, 160),
)

REPS = (
    # id, code, name, email
    (1, "CV", "Claire Vasseur", "claire.vasseur@sweetybio.example.com"),
    (2, "JM", "Julien Morel", "julien.morel@sweetybio.example.com"),
    (3, "SH", "Samia Haddad", "samia.haddad@sweetybio.example.com"),
)
CUSTOMER_SERVICE = "Samia Haddad"

SECTORS = {
    "Magasin bio": (
        ("Épicerie", "Comptoir bio", "Magasin Nature", "Vrac", "Marché bio", "Boutique Saveurs"),
        ("Gérant", "Gérante", "Responsable des achats", "Responsable des achats"),
    ),
    "Restauration": (
        ("Restaurant", "Bistrot", "Cantine", "Traiteur", "Café", "Brasserie"),
        ("Chef de cuisine", "Cheffe de cuisine", "Gérant", "Gérante"),
    ),
    "Bien-être": (
        ("Institut", "Spa", "Herboristerie", "Pharmacie", "Parapharmacie", "Salon de thé"),
        ("Directeur", "Directrice", "Gérant", "Gérante"),
    ),
    "Collectivité": (
        ("Crèche", "Résidence seniors", "Restaurant scolaire", "Foyer", "Maison de retraite", "Centre de loisirs"),
        ("Directeur", "Directrice", "Responsable de restauration", "Économe"),
    ),
}
SECTOR_WEIGHTS = {"Magasin bio": 45, "Restauration": 25, "Bien-être": 20, "Collectivité": 10}
PLACES = (
    "du Parc",
    "des Halles",
    "Saint-Jean",
    "de la Croix-Rousse",
    "des Pentes",
    "du Vieux-Lyon",
    "de la Gare",
    "Bellecour",
    "des Brotteaux",
    "du Lac",
    "des Monts",
    "du Marché",
    "de la Fontaine",
    "du Centre",
    "des Canuts",
    "Part-Dieu",
    "Confluence",
    "des Terreaux",
    "du Plateau",
    "des Alpes",
    "du Rhône",
    "de la Saône",
    "des Tilleuls",
    "Montchat",
    "Monplaisir",
    "Gerland",
    "des Charpennes",
    "Vaise",
    "Perrache",
    "de la Guillotière",
    "des Remparts",
    "du Belvédère",
    "des Oliviers",
    "du Pilat",
    "du Vercors",
    "de Fourvière",
)

CONSENT_SOURCES = {
    "web": "Formulaire du site web",
    "shop": "Bulletin d'inscription en magasin",
    "social": "Jeu-concours sur les réseaux sociaux",
    "fair": "Salon Primevère (Lyon)",
    "referral": "Formulaire de parrainage",
    "phone": "Appel entrant (accord oral noté)",
}
INTERESTS = (
    "Cosmétiques naturels",
    "Aromathérapie",
    "Produits frais locaux",
    "Zéro déchet",
    "Vrac",
    "Alimentation sans gluten",
    "Cuisine végétarienne",
    "Thés et infusions",
)


@dataclass
class Client:
    id: int
    status: Status | None
    kind: str
    stage: str = "client"
    orders: int = 0
    revenue: int = 0  # cents this status year
    first_contact: dt.date | None = None
    last_order: dt.date | None = None  # forced for the story clients
    values: dict = field(default_factory=dict)
    sector: str | None = None
    previous: tuple[int, int] | None = None  # (orders, cents) the year before, when forced
    long_gone: bool = False  # a former client whose last order is > 3 years old


def generate(today: dt.date) -> Dataset:
    return _Builder(today).run()


class _Builder:
    def __init__(self, today: dt.date):
        self.today = today
        self.rng = random.Random(SEED)
        self.ident = Identities(self.rng)
        self.data = Dataset()
        self.clients: list[Client] = []
        self.used_names: set[tuple[str, str]] = {("Hélène", "DUBOIS"), ("Marc", "LEROY")}
        self.used_companies: set[str] = {"Bio Corner", "Bio Vie", "Herboristerie Saint-Paul", "Le Comptoir Végétal"}
        self.products: dict[str, int] = {}  # code -> id
        self.product_codes: dict[int, str] = {}
        self.public: list[Item] = []
        self.pro: list[Item] = []
        self.story: dict[str, Client] = {}

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    # -- top level -------------------------------------------------------------
    def run(self) -> Dataset:
        self.settings()
        self.reps()
        self.catalogue()
        self.plan_clients()
        self.plan_others()
        for client in self.clients:
            self.identity(client)
        self.tags()
        planned = self.plan_orders()
        self.write_contacts()
        self.write_orders(planned)
        self.complaints()
        self.surveys()
        self.digital()
        self.follow_up()
        return self.data

    def settings(self) -> None:
        setting(
            self.data,
            "business",
            {
                "name": "Sweety Bio",
                "activity": "Distribution de produits biologiques (B2C et B2B)",
                "address": "18 rue de la Charité",
                "postal_code": "69002",
                "city": "Lyon",
                "phone": self.ident.phone("04"),
                "email": "contact@sweetybio.example.com",
            },
        )
        setting(self.data, "status.criteria", ["orders"])
        setting(
            self.data,
            "status.bands",
            {
                "note": "Nombre de commandes sur les 365 derniers jours ; le CA de Document 3 "
                "ne peut pas reproduire la répartition des Documents 1 et 2.",
                "Premium": {"orders_min": 14},
                "Actif": {"orders_min": 9, "orders_max": 12},
                "Standard": {"orders_min": 5, "orders_max": 8},
                "Occasionnel": {"orders_min": 1, "orders_max": 4},
            },
        )
        setting(self.data, "complaints.deadline_days", 5)
        setting(self.data, "complaints.day_kind", "ouvrables")

    def reps(self) -> None:
        for rep_id, code, name, email in REPS:
            self.data.add(
                "reps",
                ("id", "code", "name", "kind", "email", "phone", "active"),
                (rep_id, code, name, "rep", email, self.ident.phone("04"), 1),
            )

    def catalogue(self) -> None:
        product_id = 0
        for category_id, (category, products) in enumerate(CATALOGUE.items(), start=1):
            self.data.add("categories", ("id", "name"), (category_id, category))
            for name, code, price, weight in products:
                product_id += 1
                self.products[code] = product_id
                self.product_codes[product_id] = code
                self.data.add(
                    "products",
                    ("id", "code", "name", "category_id", "unit_price_cents", "active"),
                    (product_id, code, name, category_id, price, 1),
                )
                self.public.append(Item(product_id, category_id, price, weight))
                pro = (price * PRO_PRICE_PERCENT + 50) // 100
                self.pro.append(Item(product_id, category_id, pro, weight))

    # -- who -------------------------------------------------------------------
    def plan_clients(self) -> None:
        rng = self.rng
        next_id = 1
        stories = {
            # key: (status, kind, orders, revenue, last order days ago, previous year)
            "bio_corner": ("Premium", "company", 18, 11_245_000, 6, (16, 9_870_000)),
            "comptoir": ("Premium", "company", None, None, None, None),
            "herboristerie": ("Actif", "company", None, None, None, None),
            "helene": ("Actif", "person", None, None, None, None),
            "bio_vie": ("Standard", "company", 6, 4_230_000, 75, (11, 7_830_000)),
            "leroy": ("Standard", "person", None, None, None, None),
        }
        for status in STATUSES:
            planned: list[Client] = []
            for key, (name, kind, orders, revenue, last, previous) in stories.items():
                if name == status.name:
                    client = Client(0, status, kind, orders=orders or 0, revenue=revenue or 0, previous=previous)
                    if last is not None:
                        client.last_order = self.day(last)
                    self.story[key] = client
                    planned.append(client)
            companies = sum(1 for c in planned if c.kind == "company")
            persons = len(planned) - companies
            planned += [Client(0, status, "company") for _ in range(status.companies - companies)]
            planned += [Client(0, status, "person") for _ in range(status.clients - status.companies - persons)]
            # order counts and revenue shares
            low, high = status.orders
            weights = []
            for client in planned:
                if not client.orders:
                    client.orders = rng.randint(low, high)
                base = status.company_weight if client.kind == "company" else 1
                weights.append(0 if client.revenue else base * rng.randint(30, 100) * rng.randint(30, 100))
            fixed = sum(c.revenue for c in planned)
            free = [c for c, w in zip(planned, weights) if w]
            for client, cents in zip(free, allocate(status.revenue - fixed, [w for w in weights if w])):
                client.revenue = cents
            # first contact (seniority consistent with Document 3)
            for client in planned:
                client.first_contact = self.day(rng.randint(*status.seniority))
            # Story clients get ids in a shuffled mix so they are not all at the top.
            rng.shuffle(planned)
            for client in planned:
                client.id = next_id
                next_id += 1
            self.clients += planned
        self.story["bio_corner"].first_contact = self.day(6 * 365 + 40)
        self.story["bio_vie"].first_contact = self.day(640)

    def plan_others(self) -> None:
        rng = self.rng
        next_id = len(self.clients) + 1
        for index in range(15):  # former clients: stopped buying
            client = Client(
                next_id, None, "company" if index % 3 == 0 else "person", stage="former", long_gone=index < 3
            )
            client.first_contact = self.day(rng.randint(1_500, 2_800) if client.long_gone else rng.randint(800, 2_400))
            self.clients.append(client)
            next_id += 1
        for index in range(25):  # prospects (leads)
            client = Client(next_id, None, "company" if index % 2 == 0 else "person", stage="prospect")
            client.first_contact = self.day(rng.randint(5, 700) if index >= 2 else rng.randint(1_180, 1_300))
            self.clients.append(client)
            next_id += 1

    # -- identity ---------------------------------------------------------------
    def pick_city(self) -> names.City:
        return self.rng.choices(names.CITIES, weights=[c.weight for c in names.CITIES])[0]

    def person_name(self) -> tuple[str, str, str]:
        rng = self.rng
        while True:
            female = rng.random() < 0.6
            first = rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
            last = rng.choice(names.LAST_NAMES)
            if (first, last) not in self.used_names:
                self.used_names.add((first, last))
                return ("Mme" if female else "M."), first, last

    def company_name(self, sector: str) -> str:
        kinds, _ = SECTORS[sector]
        while True:
            name = f"{self.rng.choice(kinds)} {self.rng.choice(PLACES)}"
            if name not in self.used_companies:
                self.used_companies.add(name)
                return name

    def identity(self, client: Client) -> None:
        rng = self.rng
        story = next((k for k, c in self.story.items() if c is client), None)
        city = self.pick_city()
        if story == "bio_corner":
            city = names.city("Lyon", "69007")
        elif story == "bio_vie":
            city = names.city("Villeurbanne")
        values: dict = {
            "code": f"SB{client.id:05d}",
            "kind": client.kind,
            "stage": client.stage,
            "address": f"{rng.randint(1, 120)} {rng.choice(names.STREETS)}",
            "postal_code": city.postal_code,
            "city": city.name,
            "region": city.region,
            "first_contact": client.first_contact,
        }
        fixed_names = {"helene": ("Mme", "Hélène", "DUBOIS"), "leroy": ("M.", "Marc", "LEROY")}
        if client.kind == "company":
            client.sector = {
                "bio_corner": "Magasin bio",
                "bio_vie": "Magasin bio",
                "comptoir": "Restauration",
                "herboristerie": "Bien-être",
            }.get(story) or rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
            company = {
                "bio_corner": "Bio Corner",
                "bio_vie": "Bio Vie",
                "comptoir": "Le Comptoir Végétal",
                "herboristerie": "Herboristerie Saint-Paul",
            }.get(story) or self.company_name(client.sector)
            civility, first, last = self.person_name()
            titles = SECTORS[client.sector][1]
            title = rng.choice([t for i, t in enumerate(titles) if (i % 2 == 0) == (civility == "M.")] or list(titles))
            values.update(
                {
                    "company": company,
                    "siret": self.ident.siret(),
                    "civility": civility,
                    "first_name": first,
                    "last_name": last,
                    "job_title": title,
                    "email": self.ident.email("contact", f"{_domain(company)}.example.com"),
                    "phone": self.ident.phone(city.zone),
                    "source": rng.choices(("fair", "phone", "web", "referral"), weights=(35, 30, 20, 15))[0],
                    "rep_id": 1 if story == "bio_corner" else (2 if story == "bio_vie" else rng.choice((1, 2))),
                    "preferred_channel": rng.choice(("email", "phone", "phone", "visit")),
                }
            )
            if rng.random() < 0.4:
                values["phone2"] = self.ident.phone("09")
            if rng.random() < 0.3:
                values["notes"] = rng.choice(
                    (
                        "Livraison le mardi matin avant 10 h, quai à l'arrière.",
                        "Paiement à 30 jours fin de mois.",
                        "Demande les fiches techniques des nouveautés.",
                        "Commande groupée avec le magasin voisin certaines semaines.",
                        "Sensible aux délais sur les produits frais.",
                    )
                )
            consent = rng.random() < 0.7
        else:
            civility, first, last = fixed_names.get(story) or self.person_name()
            values.update(
                {
                    "civility": civility,
                    "first_name": first,
                    "last_name": last,
                    "source": rng.choices(("shop", "web", "social", "referral", "fair"), weights=(35, 35, 15, 10, 5))[
                        0
                    ],
                    "rep_id": 3
                    if client.status and client.status.name in ("Premium", "Actif") and rng.random() < 0.5
                    else None,
                    "preferred_channel": rng.choice(("email", "email", "sms", "phone", "")),
                }
            )
            if rng.random() < 0.9 or story:
                domain = rng.choice(("example.net", "example.org", "example.com"))
                values["email"] = self.ident.email(f"{first} {last}", domain)
            if rng.random() < 0.75 or story:
                values["phone"] = self.ident.phone(city.zone if rng.random() < 0.5 else "09")
            if rng.random() < 0.4:
                age = rng.randint(22, 78)
                values["birth_date"] = dt.date(self.today.year - age, rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.5:
                values["interests"] = ", ".join(rng.sample(INTERESTS, rng.randint(1, 3)))
            if story == "helene":
                values["interests"] = "Cosmétiques naturels, Peau sensible"
                values["notes"] = "Peau sensible : demande la composition avant tout nouveau soin."
            consent = rng.random() < 0.6
        if values["source"] == "referral":
            earlier = [c for c in self.clients if c.id < client.id and c.stage == "client"]
            if earlier:
                values["referred_by"] = rng.choice(earlier).id
        first = client.first_contact
        if client.stage == "prospect":
            values["last_contact"] = first + dt.timedelta(days=rng.randint(0, 40)) if first < self.day(60) else first
        if consent:
            source = CONSENT_SOURCES.get(values["source"], "Formulaire du site web")
            values.update({"consent_email": True, "consent_email_date": first, "consent_email_source": source})
            if client.kind == "company" and rng.random() < 0.6:
                values.update({"consent_phone": True, "consent_phone_date": first, "consent_phone_source": source})
            if client.kind == "person" and values.get("phone") and rng.random() < 0.4:
                values.update({"consent_sms": True, "consent_sms_date": first, "consent_sms_source": source})
        elif client.kind == "person" and rng.random() < 0.06:
            values.update({"opposition": True, "opposition_date": first + dt.timedelta(days=rng.randint(10, 200))})
        client.values = values

    def tags(self) -> None:
        sectors = list(SECTORS)
        for tag_id, name in enumerate(sectors, start=1):
            self.data.add("tags", ("id", "name"), (tag_id, name))
        self.data.add("tags", ("id", "name"), (len(sectors) + 1, "Salon Primevère"))
        self._tag_rows: list[tuple[int, int]] = []
        for client in self.clients:
            if client.sector:
                self._tag_rows.append((client.id, sectors.index(client.sector) + 1))
            if client.values.get("source") == "fair":
                self._tag_rows.append((client.id, len(sectors) + 1))

    # -- orders -------------------------------------------------------------------
    def plan_orders(self) -> list[tuple]:
        """(date, contact id, cents, client) of every order, in date order."""
        rng = self.rng
        planned: list[tuple] = []
        window_first = self.day(ORDER_DAYS - 1)
        previous_first, previous_last = self.day(729), self.day(370)
        for client in self.clients:
            if client.stage == "client":
                first = max(window_first, client.first_contact)
                last = client.last_order or self.today
                if client.last_order is None and client.status.name != "Occasionnel" and rng.random() < 0.12:
                    last = self.day(rng.randint(45, 150))  # has gone quiet lately
                if client.last_order is not None:
                    days = spread_days(rng, client.orders - 1, first, last - dt.timedelta(days=1)) + [last]
                else:
                    days = spread_days(rng, client.orders, first, last)
                for day, cents in zip(days, self.split(client.revenue, len(days))):
                    planned.append((day, client.id, cents, client))
                # the year before, for clients already there
                start = max(previous_first, client.first_contact)
                if start <= previous_last:
                    span = (previous_last - start).days + 1
                    if client.previous:
                        count, cents_before = client.previous
                    else:
                        count = max(1, round(client.orders * span / 360) + rng.randint(-1, 1))
                        cents_before = client.revenue * rng.randint(75, 110) // 100 * span // 360
                        cents_before = max(cents_before, 2_000 * count)
                    count = min(count, span)
                    days = spread_days(rng, count, start, previous_last)
                    for day, cents in zip(days, self.split(cents_before, count)):
                        planned.append((day, client.id, cents, client))
            elif client.stage == "former":
                if client.long_gone:
                    day = self.day(rng.randint(1_160, 1_300))
                    planned.append((day, client.id, rng.randint(3_000, 40_000), client))
                else:
                    count = rng.randint(1, 6)
                    days = spread_days(rng, count, previous_first, self.day(rng.randint(400, 520)))
                    per = 60_000 if client.kind == "company" else 9_000
                    for day in days:
                        planned.append((day, client.id, rng.randint(per // 3, per * 2), client))
        planned.sort(key=lambda p: (p[0], p[1]))
        self.last_orders: dict[int, list[tuple[dt.date, int]]] = {}
        for order_id, (day, contact_id, _, _) in enumerate(planned, start=1):
            self.last_orders.setdefault(contact_id, []).append((day, order_id))
        return planned

    def write_contacts(self) -> None:
        """Contacts, once their orders are known (last contact = last order)."""
        for client in self.clients:
            values = dict(client.values)
            history = self.last_orders.get(client.id)
            if history:
                values["last_contact"] = max(d for d, _ in history)
            contact(self.data, client.id, values, created=at(client.first_contact, 9))
        for row in self._tag_rows:
            self.data.add("contact_tags", ("contact_id", "tag_id"), row)

    def write_orders(self, planned: list[tuple]) -> None:
        rng = self.rng
        order_cols = (
            "id",
            "contact_id",
            "ref",
            "date",
            "amount_cents",
            "channel",
            "rep_id",
            "party_id",
            "notes",
            "created_at",
        )
        line_cols = (
            "id",
            "order_id",
            "product_id",
            "label",
            "category_id",
            "quantity",
            "unit_price_cents",
            "discount_cents",
            "lot",
        )
        line_id = 0
        for order_id, (day, contact_id, cents, client) in enumerate(planned, start=1):
            company = client.kind == "company"
            if company:
                channel = rng.choices(("phone", "web", "shop", "fair"), weights=(50, 38, 7, 5))[0]
            else:
                channel = rng.choices(("web", "shop", "phone"), weights=(45, 50, 5))[0]
            if day.weekday() == 6:
                channel = "web"
            rep = client.values.get("rep_id") if company or channel == "phone" else None
            hour = rng.randint(8, 21) if channel == "web" else rng.randint(9, 18)
            self.data.add(
                "orders",
                order_cols,
                (
                    order_id,
                    contact_id,
                    f"CMD-{order_id:06d}",
                    day.isoformat(),
                    cents,
                    channel,
                    rep,
                    None,
                    None,
                    at(day, hour, rng.randint(0, 59)),
                ),
            )
            if company:
                k = rng.randint(3, 8)
            else:
                k = rng.randint(1, 3) + (cents > 8_000) + (cents > 15_000)
            for item, quantity, discount in order_lines(rng, cents, self.pro if company else self.public, k):
                line_id += 1
                self.data.add(
                    "order_lines",
                    line_cols,
                    (
                        line_id,
                        order_id,
                        item.product_id,
                        None,
                        item.category_id,
                        quantity,
                        item.price,
                        discount,
                        self.lot(item.product_id, day),
                    ),
                )

    def lot(self, product_id: int, day: dt.date) -> str | None:
        """The lot sold (food only, for product recalls): fresh products change lot
        every week, the grocery every four weeks, named « L » + production day
        (the period before the sale) + product number; the acacia honey sold in
        the 45 days before the safety complaint is lot L240615 (docs/domain/05-complaints.md).
        No random draw: the rest of the file does not move."""
        code = self.product_codes[product_id]
        if code == HONEY and self.day(RECALL_DAYS[1]) <= day <= self.day(RECALL_DAYS[0]):
            return HONEY_LOT
        period = 7 if code.startswith("FR-") else 28 if code.startswith("EP-") else 0
        if not period:
            return None
        made = LOT_EPOCH + dt.timedelta(days=((day - LOT_EPOCH).days // period - 1) * period)
        return f"L{made:%y%m%d}{product_id:02d}"

    def split(self, cents: int, count: int) -> list[int]:
        return allocate(cents, [self.rng.randint(60, 140) for _ in range(count)])

    # -- requests and complaints --------------------------------------------------
    def complaints(self) -> None:
        story = self.story
        cases = (
            # client, days ago, time, channel, kind, service, product, lot, subject, description, priority, owner
            (
                "bio_corner",
                8,
                (11, 15),
                "email",
                "special_order",
                "Commande",
                "CO-SAV-OLI",
                None,
                "Commande spéciale 200 savons Marseille Olive (événement magasin)",
                "Le magasin organise une journée « cosmétique naturelle » et demande 200 savons de Marseille "
                "à l'olive, livrés ensemble, avec présentoir si possible.",
                5,
                None,
            ),
            (
                "herboristerie",
                1,
                (10, 5),
                "phone",
                "stockout",
                "Commande",
                "HE-LAV-10",
                None,
                "Rupture de stock Huile essentielle Lavande 10 ml (commande urgente 50 unités)",
                "Commande urgente de 50 flacons pour un atelier d'aromathérapie ; 12 en stock. Proposer une "
                "livraison partielle immédiate et le solde sous 72 h, ou un produit de substitution.",
                4,
                None,
            ),
            (
                "comptoir",
                2,
                (8, 40),
                "email",
                "delivery",
                "Livraison",
                "FR-KOM-NAT",
                None,
                "Livraison non effectuée (produits frais Kombucha)",
                "La livraison de kombucha prévue hier matin n'est pas arrivée ; le restaurant n'a plus de "
                "stock pour le service.",
                2,
                CUSTOMER_SERVICE,
            ),
            (
                "leroy",
                2,
                (14, 30),
                "phone",
                "safety",
                "Qualité",
                "EP-MIE-ACA",
                "L240615",
                "Signalement goût anormal – Miel Acacia lot L240615",
                "Le client signale un goût anormal (acide, fermenté) sur un pot entamé ; il a conservé le pot "
                "et le ticket.",
                1,
                CUSTOMER_SERVICE,
            ),
            (
                "helene",
                3,
                (18, 20),
                "web_form",
                "information",
                "SAV",
                "CO-ALO-50",
                None,
                "Demande d'info – compatibilité crème Aloe Vera peau sensible",
                "La cliente a la peau sensible et demande si la crème Aloe Vera contient des parfums ou des "
                "huiles essentielles.",
                9,
                CUSTOMER_SERVICE,
            ),
        )
        rep_names = {rep_id: name for rep_id, _, name, _ in REPS}
        columns = (
            "id",
            "ref",
            "contact_id",
            "received_at",
            "channel",
            "kind",
            "nature",
            "service",
            "subject",
            "product_id",
            "lot",
            "description",
            "priority",
            "owner",
            "due_date",
            "phase",
            "closed_at",
            "perishable",
            "urgent",
        )
        event_cols = ("id", "complaint_id", "at", "phase", "action", "details", "author")
        cases = sorted(cases, key=lambda case: (-case[1], case[2]))  # numbered as they arrived
        for complaint_id, case in enumerate(cases, start=1):
            (
                key,
                days_ago,
                (hour, minute),
                channel,
                kind,
                service,
                product,
                lot,
                subject,
                description,
                priority,
                owner,
            ) = case
            if owner is None:  # B2B: the client's own sales rep
                owner = rep_names[story[key].values["rep_id"]]
            received = self.day(days_ago)
            due = add_business_days(received, 5)
            stamp = at(received, hour, minute)
            # the Kombucha is a fresh product; the 50 flacons of lavender are an urgent order
            perishable, urgent = product.startswith("FR-"), kind == "stockout"
            assert priority == suggest_priority(kind, perishable=perishable, urgent=urgent)
            self.data.add(
                "complaints",
                columns,
                (
                    complaint_id,
                    complaint_reference(received.year, complaint_id),
                    story[key].id,
                    stamp,
                    channel,
                    kind,
                    "",
                    service,
                    subject,
                    self.products[product],
                    lot,
                    description,
                    priority,
                    owner,
                    due.isoformat(),
                    "reception",
                    None,
                    int(perishable),
                    int(urgent),
                ),
            )
            details = json.dumps({"channel": channel, "due_date": due.isoformat()}, ensure_ascii=False, sort_keys=True)
            self.data.add(
                "complaint_events",
                event_cols,
                (complaint_id, complaint_id, stamp, "reception", "received", details, owner),
            )

    # -- satisfaction ---------------------------------------------------------------
    def surveys(self) -> None:
        rng = self.rng
        recent = self.day(200)
        candidates = [
            c
            for c in self.clients
            if c.stage == "client" and any(d >= recent for d, _ in self.last_orders.get(c.id, []))
        ]
        plans = (
            (
                "csat",
                150,
                range(1, 6),
                (4, 8, 13, 40, 35),
                {
                    5: ("Produits toujours très frais, merci !", "Livraison rapide et soignée."),
                    4: ("Bon choix, un peu cher sur les huiles essentielles.",),
                    2: ("Colis arrivé abîmé.", "Rupture sur mon produit habituel."),
                    1: ("Livraison oubliée, personne ne m'a prévenu.",),
                },
            ),
            (
                "nps",
                120,
                range(0, 11),
                (1, 1, 1, 2, 2, 4, 6, 12, 20, 27, 24),
                {
                    10: ("Je recommande Sweety Bio à tous mes amis.",),
                    9: ("Très bon conseil en magasin.",),
                    3: ("Trop de ruptures de stock ces derniers mois.",),
                },
            ),
            (
                "ces",
                100,
                range(1, 8),
                (22, 30, 20, 12, 8, 5, 3),
                {1: ("Commande en ligne très simple.",), 6: ("Il a fallu rappeler trois fois pour la livraison.",)},
            ),
        )
        columns = ("id", "contact_id", "date", "indicator", "score", "comment")
        answer_id = 0
        for indicator, count, scale, weights, comments in plans:
            for client in rng.sample(candidates, count):
                day, _ = rng.choice([o for o in self.last_orders[client.id] if o[0] >= recent])
                day = min(self.today, day + dt.timedelta(days=rng.randint(1, 5)))
                score = rng.choices(list(scale), weights=weights)[0]
                comment = rng.choice(comments[score]) if score in comments and rng.random() < 0.5 else None
                answer_id += 1
                self.data.add(
                    "survey_answers", columns, (answer_id, client.id, day.isoformat(), indicator, score, comment)
                )

    # -- digital indicators (the measures of docs/domain/06-indicators.md, Sweety Bio's own figures) ------------
    def digital(self) -> None:
        """The web shop per quarter (visitors … average basket) and the two social
        networks, with objectives: what the dashboard's digital charts show."""
        stamp = f"{self.today.isoformat()}T09:00:00"
        columns = (
            "period",
            "visitors",
            "product_views",
            "add_to_cart",
            "purchases",
            "average_basket_cents",
            "updated_at",
        )
        for row in WEB_QUARTERS:
            self.data.add("web_stats", columns, (*row, stamp))
        columns = (
            "period",
            "network",
            "reach",
            "likes",
            "comments",
            "shares",
            "reach_objective",
            "likes_objective",
            "updated_at",
        )
        for row in SOCIAL_QUARTERS:
            self.data.add("social_stats", columns, (*row, stamp))

    def follow_up(self) -> None:
        """Exchanges with 60 clients (calls noted with the CROC outline, e-mails,
        visits) and the reps' tasks around today: two overdue, three today, the
        rest this week and next — what the History tab and « Aujourd'hui » show.
        Own random generator: the figures above do not move."""
        rng = random.Random(SEED + 7)
        clients = rng.sample([c for c in self.clients if c.stage == "client"], 60)
        columns = ("id", "contact_id", "at", "channel", "direction", "subject", "notes", "rep_id", "kind")
        for number, client in enumerate(clients, start=1):
            day = self.day(rng.randint(1, 120))
            channel, direction, subject, notes, kind = rng.choice(EXCHANGES)
            self.data.add(
                "interactions",
                columns,
                (
                    number,
                    client.id,
                    at(day, rng.randint(9, 17), rng.choice((0, 15, 30, 45))),
                    channel,
                    direction,
                    subject,
                    notes,
                    rng.randint(1, len(REPS)),
                    kind,
                ),
            )
        columns = ("id", "contact_id", "rep_id", "kind", "title", "due_at", "done_at", "notes", "created_at")
        for number, (days, hour, kind, title) in enumerate(TASKS, start=1):
            client = clients[number - 1]
            due = self.today + dt.timedelta(days=days)
            self.data.add(
                "tasks",
                columns,
                (
                    number,
                    client.id,
                    rng.randint(1, len(REPS)),
                    kind,
                    title,
                    at(due, hour),
                    None,
                    None,
                    at(self.today - dt.timedelta(days=10), 9),
                ),
            )


# (channel, direction, subject, notes, kind) of the demo's exchanges
EXCHANGES = (
    (
        "phone",
        "in",
        "Question sur une livraison",
        "Contact : la cliente appelle elle-même.\nRaison : colis attendu mardi.\nObjectif : la rassurer sur la date."
        "\nConclusion : livraison confirmée pour jeudi.",
        "contact",
    ),
    (
        "phone",
        "out",
        "Relance après devis",
        "Contact : gérant joint du premier coup.\nRaison : devis envoyé il y a dix jours.\nObjectif : obtenir une "
        "réponse.\nConclusion : commande prévue en fin de mois.",
        "quote",
    ),
    ("email", "in", "Demande de catalogue pro", "Catalogue et tarifs pro envoyés en pièce jointe.", "contact"),
    (
        "visit",
        "out",
        "Visite en magasin",
        "Présentation de la gamme kombucha ; mise en avant en tête de gondole.",
        "meeting",
    ),
    ("email", "out", "Nouveautés de saison", "Envoi de la sélection d'automne.", "contact"),
    ("counter", "in", "Conseil produits", "Conseil sur les huiles essentielles pour l'hiver.", "contact"),
)

# (days from today, hour, kind, title) of the demo's open tasks
TASKS = (
    (-3, 10, "call", "Rappeler pour la commande de Noël"),
    (-1, 14, "email", "Envoyer le devis traiteur"),
    (0, 9, "call", "Confirmer la livraison de jeudi"),
    (0, 11, "visit", "Rendez-vous au magasin"),
    (0, 16, "todo", "Préparer les échantillons"),
    (1, 10, "call", "Prendre des nouvelles après la réclamation"),
    (2, 15, "email", "Envoyer le catalogue pro"),
    (4, 9, "visit", "Visite de présentation"),
    (9, 10, "call", "Proposer l'offre de fidélité"),
)


def _domain(company: str) -> str:
    return slug(company, "-")
