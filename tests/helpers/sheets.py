"""A small client file for the sheet and card tests: known orders, complaints, points."""

from __future__ import annotations

import datetime as dt

from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import TODAY

BUSINESS = {
    "name": "Sweety Bio",
    "address": "18 rue de la Charité",
    "postal_code": "69002",
    "city": "Lyon",
    "phone": "+33465710147",
    "email": "contact@sweetybio.example.com",
    "siret": "84599898800925",
}
HOSTILE = {
    "last_name": "<b>Dupont</b> & Fils",
    "first_name": "Zoé\u200f",  # a right-to-left mark
    "company": '<img src="/etc/passwd"/> & Cie',
    "address": "Rue " + "x" * 600,  # one very long word
    "city": "Paris \U0001f600",  # an emoji
}


def build(database) -> dict[str, int]:
    """Three clients: Hélène (orders 2025 and 2026, an open complaint, points),
    a hostile one, one with a long history. Returns their ids by role."""
    contacts, orders = ContactStore(database), OrderStore(database)
    SettingsStore(database).set("business", BUSINESS)
    helene = contacts.create(
        {
            "code": "C0001",
            "civility": "Mme",
            "last_name": "Lefèvre-Dupré",
            "first_name": "Hélène",
            "email": "helene@example.org",
            "phone": "06 12 34 56 78",
            "address": "12 chemin des Érables",
            "postal_code": "69002",
            "city": "Lyon",
            "stage": "client",
            "consent_email": True,
            "consent_email_date": "2025-03-12",
            "consent_email_source": "Bulletin magasin",
        }
    )
    # 2026: 100,00 + 1 154,00 = 1 254,00 € in 2 orders; 2025: 500,00 € in 1 order
    for day, cents, ref in (
        ("2026-02-10", 10000, "CMD-1"),
        ("2026-10-01", 115400, "CMD-2"),
        ("2025-06-15", 50000, "CMD-0"),
    ):
        orders.create(NewOrder(contact_id=helene, date=day, amount_cents=cents, channel="shop", ref=ref), today=TODAY)
    ComplaintStore(database).create(
        {"contact_id": helene, "subject": "Colis abîmé à la livraison", "channel": "phone", "kind": "delivery"},
        received_at=dt.datetime(2026, 11, 20, 10, 32),
    )
    # Loyalty entries have no store yet (issue 8): written the way it will write them.
    database.conn.executemany(
        "INSERT INTO loyalty_ledger(contact_id, at, points, reason, expires_on) VALUES (?, ?, ?, ?, ?)",
        [
            (helene, "2025-06-15", 50, "order", "2026-12-31"),
            (helene, "2026-10-01", 115, "order", "2027-10-01"),
            (helene, "2026-11-01", -20, "reward", None),
        ],
    )
    database.conn.commit()
    hostile = contacts.create({"code": "C0002", **HOSTILE})
    long_history = contacts.create(
        {
            "code": "C0003",
            "last_name": "Martin",
            "first_name": "Paul",
            "stage": "client",
            "address": "\n".join(f"Bâtiment {i}" for i in range(40)),
        }
    )
    for i in range(12):
        orders.create(
            NewOrder(
                contact_id=long_history, date=f"2026-{i % 9 + 1:02d}-0{i % 7 + 1}", amount_cents=1000 + i, ref=f"M-{i}"
            ),
            today=TODAY,
        )
    return {"helene": helene, "hostile": hostile, "long": long_history}
