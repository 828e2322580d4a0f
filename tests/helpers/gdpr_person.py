"""A person the file knows a lot about, in every table that can hold her
name: the subject of the access export, erasure and audit tests."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.duplicates import DuplicateStore
from crmdesk.store.indicators import IndicatorStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.rights import RightsStore

LAST, FIRST = "REVEL", "Marie-Paule"
EMAIL, OLD_EMAIL = "marie-paule.revel@exemple.fr", "mp.revel@ancien.fr"
PHONE, PHONE_DIGITS = "06 12 34 56 78", "612345678"
CODE = "BA0042"
# What must not survive an erasure, as bytes of the file (case-blind).
SECRETS = (
    "revel",
    "marie-paule",
    "marie paule",
    EMAIL,
    OLD_EMAIL,
    PHONE_DIGITS,
    "avenue du merlan",
    "gluten",
    "carte-7788",
)


@dataclass
class Person:
    contact_id: int
    duplicate_id: int
    order_ids: list[int]
    complaint_id: int
    attachment: Path


def make_person(database: Database, tmp_path: Path, *, opposition: bool = True) -> Person:
    contacts = ContactStore(database)
    contact_id = contacts.create(
        {
            "code": CODE,
            "civility": "Mme",
            "last_name": LAST,
            "first_name": FIRST,
            "email": OLD_EMAIL,
            "phone": PHONE,
            "address": "10 avenue du Merlan",
            "postal_code": "06000",
            "city": "Nice",
            "birth_date": "1971-04-02",
            "notes": "Allergique au gluten",
            "is_host": True,
            "consent_email": True,
            "consent_email_date": "2024-03-12",
            "consent_email_source": "salon",
            "opposition": opposition,
            "opposition_date": "2025-01-15" if opposition else None,
            "first_contact": "2022-05-01",
        },
        tags=["Amie de Mme Revel"],
    )
    contacts.update(contact_id, {"email": EMAIL})  # an audited change: old and new e-mail
    duplicate_id = contacts.create(
        {"last_name": LAST, "first_name": "Marie Paule", "city": "Nice", "notes": "Fiche en double de Marie-Paule"}
    )
    DuplicateStore(database).merge(contact_id, duplicate_id)
    orders = OrderStore(database)
    order_ids = [
        orders.create(
            NewOrder(contact_id, "2023-01-10", 12_540, "home_party", notes="Livrer chez Mme REVEL, avenue du Merlan")
        ),
        orders.create(NewOrder(contact_id, "2023-06-02", 8_900, "shop")),
    ]
    cancelled = orders.create(NewOrder(contact_id, "2023-02-01", 1_000, ref="ANNUL-REVEL"))
    orders.delete(cancelled)  # its history remains: a « delete » entry
    complaints = ComplaintStore(database)
    complaint_id = complaints.create(
        {
            "contact_id": contact_id,
            "subject": "Plat cassé — Mme Revel",
            "channel": "phone",
            "kind": "product_defect",
            "description": "Marie-Paule Revel a reçu un plat fêlé",
        },
        received_at=dt.datetime(2023, 6, 5, 10, 0),
    )
    source = tmp_path / "lettre-revel.txt"
    source.write_text("Lettre de Marie-Paule REVEL", encoding="utf-8")
    stored = complaints.attach(complaint_id, source)
    complaints.advance(
        complaint_id,
        "closure",
        {
            "answer": "Plat remplacé, excuses à Mme REVEL",
            "compensation_kind": next(iter(_compensations())),
            "cost_cents": 1500,
            "resatisfied": True,
        },
        at=dt.datetime(2023, 6, 7, 9, 0),
    )
    IndicatorStore(database).add_answer(contact_id, "2023-06-10", "csat", 4, comment="Merci ! M.-P. Revel")
    RightsStore(database).add(
        {
            "kind": "access",
            "contact_id": contact_id,
            "requester": "Marie-Paule REVEL",
            "received_on": "2026-11-02",
            "notes": "Demande par courrier de Mme Revel",
        }
    )
    conn = database.conn
    with database.atomic():
        conn.execute(
            "INSERT INTO interactions(contact_id, at, channel, direction, subject, notes) "
            "VALUES (?, '2023-05-20T14:00', 'phone', 'in', 'Appel de Mme Revel', "
            "'Marie-Paule veut organiser une réunion')",
            (contact_id,),
        )
        conn.execute(
            "INSERT INTO tasks(contact_id, title, due_at, notes) VALUES (?, 'Rappeler Marie-Paule REVEL', "
            "'2023-06-01', 'au 06 12 34 56 78')",
            (contact_id,),
        )
        conn.execute(
            "INSERT INTO parties(host_id, date, notes) VALUES (?, '2023-01-10', 'Chez REVEL, 10 avenue du Merlan')",
            (contact_id,),
        )
        conn.execute(
            "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) "
            "VALUES (?, 'CARTE-7788', '2023-01-10', '2024-01-10')",
            (contact_id,),
        )
        conn.execute(
            "INSERT INTO loyalty_ledger(contact_id, at, points, reason) VALUES (?, '2023-01-10', 125, 'order')",
            (contact_id,),
        )
        batch = conn.execute(
            "INSERT INTO import_batches(kind, file_name, at) VALUES ('clients', 'maj.csv', '2023-02-01T09:00')"
        ).lastrowid
        conn.execute(
            "INSERT INTO import_changes(batch_id, entity, entity_id, field, old_value, new_value) "
            "VALUES (?, 'contact', ?, 'last_name', 'REVELL', 'REVEL')",
            (batch, contact_id),
        )
    return Person(contact_id, duplicate_id, order_ids, complaint_id, complaints.attachment_path(stored))


def _compensations():
    from crmdesk.domain.complaints import COMPENSATIONS

    return COMPENSATIONS


def file_bytes(path: Path) -> bytes:
    """The client file and its WAL, as they are on the disk, lower-cased."""
    data = b""
    for suffix in ("", "-wal"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            data += part.read_bytes()
    return data.lower()


def leaked(path: Path) -> list[str]:
    data = file_bytes(path)
    return [s for s in SECRETS if s.lower().encode() in data or s.lower().encode("utf-16-le") in data]


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
