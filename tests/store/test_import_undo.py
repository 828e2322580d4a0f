"""Undoing an import (issue 7): the file comes back as it was, nothing added since is lost."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import import_clients
from crmdesk.io.indicators import import_social, import_surveys, import_web
from crmdesk.io.orders import import_orders
from crmdesk.store import analytics, dashboard, imports
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.imports import ImportUndoRefused, history, undo_batch
from crmdesk.store.indicators import IndicatorStore
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from crmdesk.store.server import on_server
from tests.io.helpers import write_csv
from tests.store.test_dashboard import assert_consistent, stored

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

AS_OF = dt.date(2025, 12, 31)
# The figures' reference dates move when they are recomputed: compared apart.
_AS_OF_COLUMNS = {"figures_as_of", "rfm_as_of"}
_TABLES = (
    "contacts",
    "contact_tags",
    "tags",
    "orders",
    "order_lines",
    "survey_answers",
    "reps",
    "products",
    "categories",
    "web_stats",
    "social_stats",
    "counters",
)


def dump(database) -> dict:
    """Every row of the client file's data tables (not the audit log nor the batches),
    and the dashboard's aggregates (their rows fallen to zero are left in place)."""
    result = {"dashboard": stored(database)}
    for table in _TABLES:
        rows = [
            {k: v for k, v in dict(r).items() if k not in _AS_OF_COLUMNS}
            for r in database.conn.execute(f"SELECT * FROM {table}")
        ]
        result[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    result["search"] = sorted(r["id"] for r in ContactStore(database).page(ContactQuery(search="dupont"), 1000).rows)
    return result


@pytest.fixture
def shop(database, contacts):
    """A file with history: a prospect with tags, a client with a typed order, a
    product without category, web and social figures; figures saved."""
    orders = OrderStore(database)
    dupont = contacts.create(
        {
            "code": "C000001",
            "last_name": "Dupont",
            "first_name": "Hélène",
            "city": "Évreux",
            "postal_code": "27000",
            "phone": "06 12 34 56 78",
        },
        tags=["bio"],
    )
    martin = contacts.create(
        {"code": "C000002", "last_name": "Martin", "stage": "client", "first_contact": "2020-01-02"}
    )
    with database.atomic():
        soap = orders.product("Savon")[0]
        orders.rep_id("Maryse Brun")
    orders.create(NewOrder(martin, "2025-06-01", 12_000, lines=[NewLine(2, 6_000, product_id=soap)]))
    IndicatorStore(database).set_web(
        {
            "period": "2024",
            "visitors": 10,
            "product_views": 5,
            "add_to_cart": 2,
            "purchases": 1,
            "average_basket_cents": 5_000,
        }
    )
    IndicatorStore(database).set_social(
        {"period": "2024", "network": "Facebook", "reach": 100, "likes": 3, "comments": 1, "shares": 0}
    )
    analytics.save_figures(database, AS_OF)
    return {"dupont": dupont, "martin": martin, "soap": soap}


def clients_csv(tmp_path, rows=None):
    header = [
        "code",
        "last_name",
        "first_name",
        "company",
        "city",
        "postal_code",
        "phone",
        "tags",
        "rep",
        "consent_email",
    ]
    rows = rows or [
        ["K1", "Neuf", "Anne", "", "Lyon", "69001", "", "bio, salon 2025", "Rémy Albando", "oui"],
        ["K2", "", "", "Biocoop Sud", "Nîmes", "30000", "", "b2b", "", ""],
        # an existing client, updated (--update): city, postal code, phone, tags, rep, consent
        ["C000001", "Dupont", "Hélène", "", "Rouen", "76000", "06 99 88 77 66", "vip", "Maryse Brun", "oui"],
    ]
    return write_csv(tmp_path / "clients.csv", header, rows)


def orders_csv(tmp_path):
    header = ["order_ref", "client_code", "date", "amount", "product", "category", "quantity", "unit_price"]
    return write_csv(
        tmp_path / "commandes.csv",
        header,
        [
            ["W1", "K1", "2025-03-04", "30,00", "Miel", "Épicerie", "2", "15,00"],
            ["W1", "K1", "2025-03-04", "10,00", "Savon", "Hygiène", "1", "10,00"],
            ["W2", "C000001", "2025-11-20", "45,50", "", "", "", ""],  # a prospect becomes a client
            ["W3", "NOUVEAU", "2025-10-01", "99,00", "Miel", "", "", ""],  # --create-missing
            ["W4", "C000002", "2025-12-01", "20,00", "", "", "", ""],
        ],
    )


def import_everything(database, tmp_path) -> list[int]:
    """Clients (new and updated), orders, survey answers, web and social figures: the batch ids."""
    done = [
        import_clients(database, clients_csv(tmp_path), update=True),
        import_orders(database, orders_csv(tmp_path), create_missing=True),
        import_surveys(
            database,
            write_csv(
                tmp_path / "enquete.csv",
                ["client_code", "date", "indicator", "score"],
                [
                    ["K1", "2025-05-01", "nps", "9"],
                    ["C000001", "2025-05-02", "csat", "4"],
                    ["NOUVEAU", "2025-05-03", "ces", "2"],
                ],
            ),
        ),
        import_web(
            database,
            write_csv(
                tmp_path / "site.csv",
                ["period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket"],
                [["2024", "12", "6", "3", "2", "50"], ["2025", "20", "9", "4", "3", "60"]],
            ),
        ),
        import_social(
            database,
            write_csv(
                tmp_path / "reseaux.csv",
                ["period", "network", "reach", "likes", "comments", "shares"],
                [["2024", "facebook", "150", "5", "1", "1"], ["2025", "Instagram", "80", "4", "0", "0"]],
            ),
        ),
    ]
    assert all(r.rejected == 0 for r in done), [r.rejected for r in done]
    return [r.batch_id for r in done]


def test_undoing_every_import_gives_the_file_back_as_it_was(database, shop, tmp_path):
    before = dump(database)
    batches = import_everything(database, tmp_path)
    assert dump(database) != before
    assert database.scalar("SELECT stage FROM contacts WHERE id = ?", (shop["dupont"],)) == "client"
    results = [undo_batch(database, batch) for batch in reversed(batches)]
    social, web, surveys, orders, clients = results
    assert (social.indicator_rows, web.indicator_rows) == (2, 2)
    assert surveys.answers == 3
    assert (orders.orders, orders.lines, orders.contacts) == (4, 3, 1)  # NOUVEAU: created by the orders import
    assert orders.fields == 3 and orders.restored == 3  # stage of C000001 and K1 (and updated_at), category of Savon
    assert orders.lookups == 3  # Miel, Épicerie, Hygiène
    assert orders.figures == 3  # C000001, C000002, K1 (NOUVEAU is gone)
    assert (clients.contacts, clients.tag_links, clients.tags) == (2, 3, 3)  # K1 (bio, salon 2025), K2 (b2b); vip
    assert clients.lookups == 1  # Rémy Albando
    assert clients.fields >= 6 and clients.restored == 1 and clients.fields_kept == 0
    assert dump(database) == before
    assert_consistent(database)
    kept = stored(database)
    dashboard.rebuild(database)
    assert stored(database) == kept
    assert all(not row["undoable"] and row["undone_at"] for row in history(database))
    if not on_server(database):  # a file's search index is a table of its own
        assert database.query("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')") == []
    assert ContactStore(database).count(ContactQuery(search="evreux")) == 1


def test_figures_follow_the_undone_orders(database, shop, tmp_path):
    martin = shop["martin"]
    figures = ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")

    def read():
        return database.conn.execute(
            f"SELECT {', '.join(figures)} FROM contacts WHERE id = ?",
            (martin,),
        ).fetchone()

    before = tuple(read())
    import_clients(database, clients_csv(tmp_path), update=True)
    batch = import_orders(database, orders_csv(tmp_path), create_missing=True).batch_id
    assert read()["revenue_year_cents"] == before[1] + 2_000
    undo_batch(database, batch)
    assert tuple(read()) == before


def test_a_contact_that_received_data_since_makes_the_undo_refused(database, shop, tmp_path):
    batch = import_clients(database, clients_csv(tmp_path), update=True).batch_id
    people = ContactStore(database)
    k1, k2 = people.id_of_code("K1"), people.id_of_code("K2")
    OrderStore(database).create(NewOrder(k1, "2025-12-02", 5_000))
    people.update(k2, {"city": "Alès"})
    before = dump(database)
    with pytest.raises(ImportUndoRefused) as refused:
        undo_batch(database, batch)
    message = str(refused.value)
    assert "n'a pas été annulé" in message and "Rien n'a été changé" in message
    assert "K1 NEUF Anne : fiche modifiée depuis l'import, 1 commande(s) d'une autre origine" in message
    assert "K2 Biocoop Sud : fiche modifiée depuis l'import" in message
    assert [k.code for k in refused.value.kept] == ["K1", "K2"]
    assert dump(database) == before
    assert history(database)[0]["undoable"]

    done = undo_batch(database, batch, keep_used=True)
    assert [k.code for k in done.kept] == ["K1", "K2"] and done.contacts == 0
    assert people.get(k1) is not None and people.get(k2)["city"] == "Alès"
    dupont = people.get(shop["dupont"])
    assert (dupont["city"], dupont["tags"], dupont["consent_email"]) == ("Évreux", ["bio"], 0)
    assert "gardés" in "\n".join(done.summary())
    with pytest.raises(CrmError, match="déjà annulé"):
        undo_batch(database, batch)


def test_later_imports_undone_first_free_the_earlier_one(database, shop, tmp_path):
    clients = import_clients(database, clients_csv(tmp_path), update=True).batch_id
    orders = import_orders(database, orders_csv(tmp_path), create_missing=True).batch_id
    with pytest.raises(ImportUndoRefused, match="K1 NEUF Anne : fiche modifiée depuis l'import, 1 commande"):
        undo_batch(database, clients)
    undo_batch(database, orders)
    assert undo_batch(database, clients).contacts == 2


def test_a_field_changed_since_the_import_is_left_as_it_is(database, shop, tmp_path):
    batch = import_clients(database, clients_csv(tmp_path), update=True).batch_id
    people = ContactStore(database)
    people.update(shop["dupont"], {"city": "Le Havre"})
    done = undo_batch(database, batch)
    dupont = people.get(shop["dupont"])
    assert dupont["city"] == "Le Havre"  # typed after the import: kept
    assert (dupont["postal_code"], dupont["phone"], dupont["tags"]) == ("27000", "+33612345678", ["bio"])
    assert done.fields_kept == 1  # the city (and updated_at, moved by the edit)
    assert "1 champ modifié depuis l'import, laissé tel quel" in "\n".join(done.summary())


def test_an_order_of_the_import_edited_since_is_kept_with_its_client(database, shop, tmp_path):
    batch = import_orders(database, orders_csv(tmp_path), create_missing=True).batch_id
    store = OrderStore(database)
    order_id = database.scalar("SELECT id FROM orders WHERE ref = 'W3'")
    edited = store.as_new_order(order_id)
    edited.amount_cents = edited.lines[0].unit_price_cents = 10_000
    store.update(order_id, edited)
    with pytest.raises(ImportUndoRefused, match="1 commande de cet import a été modifiée"):
        undo_batch(database, batch)
    done = undo_batch(database, batch, keep_used=True)
    assert (done.orders, done.kept_orders, [k.code for k in done.kept]) == (3, 1, ["NOUVEAU"])
    assert database.scalar("SELECT count(*) FROM orders WHERE import_batch = ?", (batch,)) == 1
    assert_consistent(database)


def test_contacts_created_together_go_together(database, contacts, tmp_path):
    company = contacts.create({"code": "E1", "kind": "company", "company": "Vieille Maison"})
    batch = import_clients(
        database,
        write_csv(
            tmp_path / "c.csv",
            ["code", "kind", "company", "last_name"],
            [["E2", "company", "Nouvelle Maison", ""], ["P1", "person", "", "Durand"]],
        ),
    ).batch_id
    e2, p1 = contacts.id_of_code("E2"), contacts.id_of_code("P1")
    with database.atomic():  # as the company tab would: P1 works at E2, and someone typed works at E2 too
        database.conn.execute("UPDATE contacts SET company_id = ? WHERE id = ?", (e2, p1))
    typed = contacts.create({"code": "P2", "last_name": "Leroy"})
    with database.atomic():
        database.conn.execute("UPDATE contacts SET company_id = ? WHERE id = ?", (e2, typed))
    with pytest.raises(ImportUndoRefused, match="E2 Nouvelle Maison : 1 contact"):
        undo_batch(database, batch)
    with database.atomic():
        database.conn.execute("UPDATE contacts SET company_id = ? WHERE id = ?", (company, typed))
    assert undo_batch(database, batch).contacts == 2  # P1 points at E2, but goes with it


def test_dry_run_changes_nothing(database, shop, tmp_path):
    batch = import_clients(database, clients_csv(tmp_path), update=True).batch_id
    before = dump(database)
    done = undo_batch(database, batch, dry_run=True)
    assert done.dry_run and done.contacts == 2 and done.summary()[0].startswith("Simulation")
    assert dump(database) == before and history(database)[0]["undoable"]


def test_what_cannot_be_undone(database, shop, tmp_path):
    with pytest.raises(CrmError, match="pas d'import n° 42"):
        undo_batch(database, 42)
    with database.atomic():
        legacy = imports.start_batch(database, "clients", "ancien.csv")
        database.conn.execute("UPDATE import_batches SET marks = NULL WHERE id = ?", (legacy,))
    row = history(database)[0]
    assert not row["undoable"] and "version" in row["why_not"]
    with pytest.raises(CrmError, match="ne peut pas être annulé : fait avec une version"):
        undo_batch(database, legacy)


def test_history_and_audit(database, shop, tmp_path):
    batch = import_clients(database, clients_csv(tmp_path), update=True).batch_id
    (row,) = history(database)
    assert (row["id"], row["kind"], row["kind_label"], row["file_name"], row["rows_ok"], row["rows_rejected"]) == (
        batch,
        "clients",
        "clients",
        "clients.csv",
        3,
        0,
    )
    assert row["undoable"] and row["undone_at"] is None and row["why_not"] is None
    undo_batch(database, batch)
    row = history(database)[0]
    assert row["undone_at"] and not row["undoable"] and "déjà annulé" in row["why_not"]
    actions = {
        tuple(r)
        for r in database.conn.execute(
            "SELECT entity, action FROM audit_log "
            "WHERE id > (SELECT max(id) FROM audit_log WHERE action = 'import clients')"
        )
    }
    assert {("import", "undo"), ("contact", "import_undo"), ("tag", "import_undo"), ("rep", "import_undo")} <= actions


def test_an_import_rolled_back_leaves_no_batch(database, shop, tmp_path):
    path = clients_csv(tmp_path, [["K9", "", "", "", "", "", "06", "", "", ""]])
    result = import_clients(database, path, strict=True)
    assert result.rolled_back and history(database) == []


def test_web_figures_changed_since_are_kept(database, shop, tmp_path):
    path = write_csv(
        tmp_path / "site.csv",
        ["period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket"],
        [["2024", "12", "6", "3", "2", "50"], ["2025", "20", "9", "4", "3", "60"]],
    )
    batch = import_web(database, path).batch_id
    figures = IndicatorStore(database)
    figures.set_web(
        {
            "period": "2025",
            "visitors": 21,
            "product_views": 9,
            "add_to_cart": 4,
            "purchases": 3,
            "average_basket_cents": 6_000,
        }
    )
    done = undo_batch(database, batch)
    assert (done.indicator_rows, done.fields_kept) == (1, 1)
    assert [(r.period, r.visitors) for r in figures.web_rows()] == [("2024", 10), ("2025", 21)]
