"""The same stores on a file and on a server: the same answers.

The demo is copied to a server, then the same searches, the same writes
and the same reads are made on both kinds, and their results compared."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from crmdesk import demo
from crmdesk.store import contacts as contacts_module
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import FileMissing, NewerFile, NotCrmdeskFile, ReadOnlyFile
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import (
    AuthenticationFailed,
    ServerDatabase,
    ServerUnreachable,
)

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "Sweety Bio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


@pytest.fixture
def both(demo_master, pg_url, tmp_path):
    """The demo as a file and as a server database, both open."""
    path = tmp_path / "clients.sqlite"
    shutil.copy(demo_master, path)
    transfer.to_server(path, pg_url)
    file, server = Database(path), ServerDatabase(pg_url)
    yield file, server
    file.close()
    server.close()


SEARCHES = [
    "hele",
    "HÉLÈNE",
    "hélène",
    "dup",
    "bio",
    "BIO CORNER",
    "corner bio",
    "rue",
    "sb0001",
    "@",
    "06",
    "lyon",
    "é",
    "xyzzy",
    "l'",
    "ma",
    "dupont hel",
    "œ",
    "%",
    "_",
    '"',
    "a_b",
]


def test_the_same_searches_find_the_same_clients_on_a_file_and_on_a_server(both):
    file, server = (ContactStore(d) for d in both)
    found_any = 0
    for search in SEARCHES:
        for sort in ("name", "code", "city", "revenue"):
            query = ContactQuery(search=search, sort=sort)
            on_file, on_server = file.page(query, 50), server.page(query, 50)
            assert [r["id"] for r in on_server.rows] == [r["id"] for r in on_file.rows], (search, sort)
            assert on_server.keys == on_file.keys, (search, sort)
            assert server.count(query) == file.count(query), (search, sort)
            found_any += bool(on_file.rows)
    assert found_any > 30
    # accents and case ignored, substrings found: « hele » finds Hélène, as it does in the file
    helene = [r for r in server.page(ContactQuery(search="hele"), 50).rows if "lène" in (r["first_name"] or "")]
    assert helene
    assert server.ids(ContactQuery(search="hele")) == file.ids(ContactQuery(search="hele"))


def test_a_search_counted_then_paged_as_the_window_does_gives_the_files_rows(both, monkeypatch):
    """On a server a search's count keeps its first rows for the page read next (one read of the
    trigram index's matches): every page the window may ask then, in every order, with filters,
    the trash kept apart, and a write between the count and the page."""
    monkeypatch.setattr(contacts_module, "_HEAD_ROWS", 100)  # the demo's size: pages beyond the head too
    file, server = (ContactStore(d) for d in both)
    for store in (file, server):  # a client who matches « bio » goes to the trash on both
        store.trash(store.page(ContactQuery(search="bio"), 1).rows[0]["id"])
    queries = [
        ContactQuery(search="bio"),
        ContactQuery(search="BIO", sort="city", descending=True),
        ContactQuery(search="bio", trash=True),
        ContactQuery(search="rue", stage="client"),
        ContactQuery(search="rue", tag="VIP", sort="revenue"),
        ContactQuery(search="dupont hel", sort="code"),
        ContactQuery(search="hélène", status="premium"),
        ContactQuery(search="é a_b %"),
        ContactQuery(search="sb00"),
    ]
    for query in queries:
        reads = [{}, {"offset": 30}, {"offset": 95}, {"offset": 190}, {"backwards": True}]
        keys = file.page(query, 120).keys
        for at in (5, 60, 99, 119):  # the window's next pages: after a row it holds, either way
            if at < len(keys):
                reads += [{"after": keys[at]}, {"after": keys[at], "offset": 3, "backwards": True}]
        for how in reads:
            counted = [store.count(query) for store in (file, server)]
            pages = [store.page(query, 20, **how) for store in (file, server)]
            assert counted[1] == counted[0], (query, how)
            assert pages[1].keys == pages[0].keys, (query, how)
            assert [r["id"] for r in pages[1].rows] == [r["id"] for r in pages[0].rows], (query, how)
    trashed = server.ids(ContactQuery(search="bio", trash=True))
    assert trashed and not set(trashed) & set(server.ids(ContactQuery(search="bio")))
    assert server.count(ContactQuery(search="sb00")) > 200  # more than the head: the rest read in SQL
    # a write between the count and the page: the page is read again, not taken from the count
    query = ContactQuery(search="bio")
    before = server.count(query)
    first = server.page(query, 5).rows[0]["id"]
    assert server.count(query) == before
    server.trash(first)
    assert first not in [r["id"] for r in server.page(query, 5).rows]
    assert server.count(query) == before - 1


def test_a_search_typed_key_by_key_gives_the_files_count_and_rows_at_each_key(both):
    """As the window searches: counted then paged at every key. A space typed before the
    next word is the same search (its count and rows the ones just read); every other
    key, a word longer or one more, is a new search, counted again."""
    file, server = (ContactStore(d) for d in both)
    for sort, text in (("name", "martin paris"), ("city", "dupont hel"), ("name", "bio corner "), ("code", "06 3")):
        for end in range(1, len(text) + 1):
            query = ContactQuery(search=text[:end], sort=sort)
            counted = [store.count(query) for store in (file, server)]
            pages = [[r["id"] for r in store.page(query, 20).rows] for store in (file, server)]
            assert counted[1] == counted[0] and pages[1] == pages[0], query


def test_pages_sorts_filters_and_positions_are_the_same(both):
    file, server = (ContactStore(d) for d in both)
    for sort in (
        "code",
        "name",
        "company",
        "city",
        "postal_code",
        "stage",
        "rep",
        "status",
        "revenue",
        "orders_year",
        "last_order",
        "rfm_segment",
    ):
        for descending in (False, True):
            query = ContactQuery(sort=sort, descending=descending)
            first = file.page(query, 40)
            assert server.page(query, 40).keys == first.keys, sort
            after = first.keys[-1]
            assert server.page(query, 40, after=after).keys == file.page(query, 40, after=after).keys, sort
            assert server.page(query, 40, backwards=True).keys == file.page(query, 40, backwards=True).keys
            some = first.rows[17]["id"]
            assert server.position(query, some) == file.position(query, some) == 17
    for query in (
        ContactQuery(stage="client"),
        ContactQuery(tag="VIP"),
        ContactQuery(status="premium"),
        ContactQuery(rf=(5, 5)),
        ContactQuery(bought=("1", "2026-01-01", "2026-11-23")),
        ContactQuery(city="Lyon"),
    ):
        assert server.ids(query) == file.ids(query), query
        assert server.count(query) == file.count(query), query
    assert server.cities() == file.cities()
    assert server.all_tags() == file.all_tags()
    assert server.next_code() == file.next_code()


def test_the_same_writes_leave_the_same_rows_and_aggregates(both):
    results = []
    for database in both:
        contacts, orders = ContactStore(database), OrderStore(database)
        new = contacts.create(
            {"last_name": "Lefèvre", "first_name": "Hélène", "city": "Évreux", "email": "helene@example.fr"},
            tags=["vip", "Nouveau"],
        )
        contacts.update(new, {"city": "Rouen", "tags": ["VIP"]})
        client = contacts.id_of_code("SB00007")
        order = orders.create(
            NewOrder(
                contact_id=client,
                date="2026-11-20",
                amount_cents=12344,
                channel="shop",
                lines=[NewLine(2, 5000, category_id=1, label="Miel"), NewLine(1.5, 1563, category_id=2, label="Thé")],
            ),
            today=TODAY,
        )
        orders.update(
            order,
            NewOrder(
                contact_id=new,
                date="2026-10-02",
                amount_cents=10000,
                channel="web",
                lines=[NewLine(1, 10000, label="Panier")],
            ),
            today=TODAY,
        )
        contacts.update(client, {"region": "Bretagne"})
        contacts.trash(contacts.id_of_code("SB00012"))
        complaints = ComplaintStore(database)
        ref = complaints.create(
            {"contact_id": new, "subject": "Colis abîmé", "kind": "delivery", "channel": "phone"},
            received_at=dt.datetime(2026, 11, 21, 9, 30),
        )
        complaints.acknowledge(ref, at=dt.datetime(2026, 11, 21, 10, 0))
        got = contacts.get(new)
        results.append(
            {
                "contact": {k: v for k, v in got.items() if k not in ("created_at", "updated_at")},
                # a line's own id aside: SQLite gives a deleted last id again, a server's sequence never does
                "order": [{k: v for k, v in line.items() if k != "id"} for line in orders.get(order)["lines"]],
                "events": [{k: v for k, v in e.items() if k not in ("author",)} for e in complaints.events(ref)],
                "complaint": {k: v for k, v in complaints.get(ref, today=TODAY).items()},
                **{
                    table: sorted(tuple(r) for r in database.query(f"SELECT * FROM {table}"))
                    for table in ("dash_facts", "dash_activity", "dash_retention", "counters", "contact_tags")
                },
            }
        )
    on_file, on_server = results
    assert on_server["contact"]["city"] == "Rouen" and len(on_server["events"]) == 2
    for key in on_file:
        assert on_server[key] == on_file[key], key


def test_a_read_only_login_opens_read_only_and_cannot_write(both, pg_cluster, pg_url):
    import psycopg

    _file, server = both
    name = pg_url.rsplit("/", 1)[1]
    login = f"lecteur_{name[-6:]}"
    with pg_cluster.admin() as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {login}")
    reader = ServerDatabase(pg_cluster.url(name, user=login))
    try:
        assert not reader.writable
        assert reader.read_only == (
            f"Votre identifiant « {login} » ne peut que lire la base « {name} » du serveur : "
            "crmdesk l'ouvre en lecture seule."
        )
        assert ContactStore(reader).count(ContactQuery()) == ContactStore(server).count(ContactQuery())
        with pytest.raises(ReadOnlyFile, match="lecture seule"):
            ContactStore(reader).create({"last_name": "Intrus"})
    finally:
        reader.close()


def test_what_cannot_be_opened_is_said_in_french(pg_cluster, pg_url):
    import psycopg

    with pytest.raises(FileMissing, match="n'existe pas sur le serveur"):
        ServerDatabase(pg_cluster.url("absente"))
    with pytest.raises(AuthenticationFailed, match="identifiant ou mot de passe"):
        ServerDatabase(pg_cluster.url("postgres", user="inconnu"))
    with pytest.raises(ServerUnreachable, match="ne répond pas"):
        ServerDatabase("postgresql://marie@/clients?host=/nonexistent-folder&connect_timeout=2")
    with pytest.raises(NotCrmdeskFile, match="est vide"):
        ServerDatabase(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE factures (id int)")
    with pytest.raises(NotCrmdeskFile, match="pas une base crmdesk"):
        ServerDatabase(pg_url)


def test_a_database_of_a_newer_crmdesk_is_refused_untouched(pg_url):
    ServerDatabase(pg_url, create=True).close()
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE crmdesk_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(NewerFile, match="schéma 99"):
        ServerDatabase(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM crmdesk_meta WHERE key = 'schema_version'").fetchone()[0] == "99"
