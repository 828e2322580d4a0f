"""The client table model: Qt's model checks, French display, paging by key."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from crmdesk.gui.clients.client_model import COLUMN_KEYS, COLUMNS, ClientTableModel
from crmdesk.store.contacts import SORTS, ContactQuery, prepare_bulk
from tests.gui.conftest import PEOPLE, column_texts


@pytest.fixture
def store(contacts):
    for values in PEOPLE:
        contacts.create(dict(values), ["VIP"] if values["city"] == "Metz" else [])
    return contacts


def test_the_model_passes_qt_checks(qtmodeltester, store):
    model = ClientTableModel(store)
    qtmodeltester.check(model)
    model.set_query(model.query.with_(search="hele"))
    qtmodeltester.check(model)
    model.sort(COLUMN_KEYS.index("city"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rows_are_shown_the_french_way(store):
    model = ClientTableModel(store)
    assert column_texts(model, "name") == ["DUPONT Hélène", "DURAND Paul", "MARTIN Helene"]
    assert column_texts(model, "phone")[0] == "06 12 34 56 78"
    assert column_texts(model, "first_contact")[0] == "02/05/2023"
    assert column_texts(model, "stage") == ["Client", "Former client", "Prospect"]  # English source texts


def test_every_column_sorts(store):
    model = ClientTableModel(store)
    assert {c.sort for c in COLUMNS} <= set(SORTS)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert model.sort_column() == column
            assert model.rowCount() == 3


def test_sorting_by_city_ignores_accents(store):
    model = ClientTableModel(store)
    model.sort(COLUMN_KEYS.index("city"))
    assert column_texts(model, "city") == ["Dijon", "Évreux", "Metz"]
    model.sort(COLUMN_KEYS.index("city"), Qt.SortOrder.DescendingOrder)
    assert column_texts(model, "city") == ["Metz", "Évreux", "Dijon"]


def test_filters_and_search(store):
    model = ClientTableModel(store)
    model.set_query(ContactQuery(search="hele"))
    assert sorted(column_texts(model, "name")) == ["DUPONT Hélène", "MARTIN Helene"]
    model.set_query(ContactQuery(tag="VIP"))
    assert column_texts(model, "name") == ["MARTIN Helene"]
    model.set_query(ContactQuery(stage="former"))
    assert column_texts(model, "name") == ["DURAND Paul"]


def test_row_of_id_follows_the_sort(store):
    model = ClientTableModel(store)
    paul = store.id_of_code("C000003")
    assert model.row_of_id(paul) == 1
    model.sort(COLUMN_KEYS.index("city"), Qt.SortOrder.DescendingOrder)
    assert model.row_of_id(paul) == 2
    model.set_query(model.query.with_(search="hele"))
    assert model.row_of_id(paul) is None


# -- paging ----------------------------------------------------------------------
ROWS = 5_000
CITIES = ("Dijon", "Évreux", "Metz", "Lyon", "Évian", "Angers", "Zillisheim")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    from crmdesk.store.database import Database

    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    database = Database(path, create=True)
    rnd = random.Random(7)
    rows = (
        {
            "code": f"C{i:06d}",
            "kind": "person",
            "stage": rnd.choice(("prospect", "client", "former")),
            "last_name": f"NOM{rnd.randrange(400):03d}",
            "first_name": rnd.choice(("Hélène", "Paul", "Zoé")),
            "city": rnd.choice(CITIES),
            "postal_code": f"{rnd.randrange(1000, 95999):05d}",
            "email": f"p{i}@example.fr",
            "phone": "",
            "first_contact": f"20{rnd.randrange(10, 25)}-01-15",
            "country": "FR",
        }
        for i in range(1, ROWS + 1)
    )
    with database.atomic():
        prepared = list(prepare_bulk(rows))
        database.insert_many("contacts", prepared[0][0], (values for _, values in prepared))
    database.close()
    return path


@pytest.fixture
def big_store(big_file):
    from crmdesk.store.contacts import ContactStore
    from crmdesk.store.database import Database

    database = Database(big_file)
    yield ContactStore(database)
    database.close()


def expected_ids(store, query: ContactQuery) -> list[int]:
    exprs = SORTS[query.sort] + ("id",)
    direction = " DESC" if query.descending else ""
    sql = f"SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY {', '.join(e + direction for e in exprs)}"
    return [r[0] for r in store.conn.execute(sql)]


class PageSpy:
    def __init__(self, store, monkeypatch):
        self.calls = []
        real = store.page

        def page(query, limit, **how):
            self.calls.append(how)
            return real(query, limit, **how)

        monkeypatch.setattr(store, "page", page)


@pytest.mark.parametrize(
    "sort,descending", [("name", False), ("city", False), ("city", True), ("first_contact", True), ("code", False)]
)
def test_scrolling_to_the_end_and_back_gives_the_sql_order(big_store, sort, descending):
    query = ContactQuery(sort=sort, descending=descending)
    model = ClientTableModel(big_store, query, max_pages=6)
    expected = expected_ids(big_store, query)
    assert model.rowCount() == ROWS
    # down the first pages, jump to the end, scroll back up, then random jumps
    order = list(range(0, 900)) + list(range(ROWS - 1, -1, -1))
    assert [model.contact_id(r) for r in order] == [expected[r] for r in order]
    jumps = random.Random(3).sample(range(ROWS), 300)
    assert [model.contact_id(r) for r in jumps] == [expected[r] for r in jumps]
    assert len(model.loaded_pages()) <= 6


def test_the_last_row_is_read_backwards_from_the_end(big_store, monkeypatch):
    spy = PageSpy(big_store, monkeypatch)
    model = ClientTableModel(big_store, page_size=200)
    model.contact_id(ROWS - 1)
    assert spy.calls == [{"offset": 0, "backwards": True}]
    model.contact_id(ROWS - 201)  # the page before: by key, no offset
    assert spy.calls[-1]["offset"] == 0 and spy.calls[-1]["backwards"] and "after" in spy.calls[-1]
    model.contact_id(0)
    assert spy.calls[-1] == {"offset": 0}
    model.contact_id(200)  # the page after the first: by key
    assert spy.calls[-1]["offset"] == 0 and not spy.calls[-1].get("backwards") and "after" in spy.calls[-1]
    assert model.page_reads == 4


def test_a_jump_to_the_middle_starts_from_the_nearest_known_row(big_store, monkeypatch):
    spy = PageSpy(big_store, monkeypatch)
    model = ClientTableModel(big_store, page_size=200)
    model.contact_id(2000)  # page 10: 2 000 rows from the start
    assert spy.calls[-1] == {"offset": 2000}
    model.contact_id(2900)  # page 14: 3 pages after page 10
    assert spy.calls[-1]["offset"] == 600 and "after" in spy.calls[-1]
    model.contact_id(4100)  # nearer the end than page 14
    assert spy.calls[-1] == {"offset": ROWS - 4200, "backwards": True}


def test_refresh_keeps_no_stale_rows(big_store):
    model = ClientTableModel(big_store)
    first = model.contact_id(0)
    big_store.trash(first)
    assert model.contact_id(0) == first  # cached until told
    model.refresh()
    assert model.rowCount() == ROWS - 1
    assert model.contact_id(0) != first
    big_store.restore(first)


def test_a_company_sorts_by_the_name_the_table_shows(contacts):
    contacts.create({"kind": "company", "company": "Zeta SA", "last_name": "Abel"})
    contacts.create({"last_name": "Moreau"})
    model = ClientTableModel(contacts)
    assert column_texts(model, "name") == ["MOREAU", "Zeta SA"]


def test_the_code_column_sorts_numbers_naturally(qtbot, window):
    """1, 2, 2, 3, 10, 100 — not C000001, C000002, C000003, C10, C100, C2."""
    for number in ("C10", "C2", "C100"):
        window.store.create({"last_name": f"Client {number}", "code": number})
    window.model.refresh()
    window.ui.clientTable.sortByColumn(COLUMN_KEYS.index("code"), Qt.SortOrder.AscendingOrder)
    assert column_texts(window.model, "code") == ["C000001", "C000002", "C2", "C000003", "C10", "C100"]
