"""SQL characters, wildcards, quotes, markup… as search text, city, tag and
client-number filters, under every sort: in the store (ContactQuery), the
client table model, the change log viewer and the complaint lists. Nothing
is run as SQL, the file keeps its tables, and the results are exactly the
contacts whose text holds the typed words literally (a « % » is a per cent
sign, not « anything »)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import search_terms
from crmdesk.gui.clients.client_model import COLUMN_KEYS, COLUMNS, ClientTableModel
from crmdesk.gui.complaints.queue_model import ComplaintQueueModel
from crmdesk.gui.gdpr.audit_viewer import AuditViewer
from crmdesk.gui.session import Session
from crmdesk.store.audit import AuditLog, AuditQuery
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import SORTS, ContactQuery, ContactStore
from tests.helpers.today import TODAY
from tests.hostile.values import HOSTILE_TEXT, assert_french, multi_line, one_line

MIN_TRIGRAM = 3  # below, a search word is the start of the name (crmdesk/store/contacts.py)


@pytest.fixture(scope="module")
def store(hostile_db):
    return ContactStore(hostile_db)


@pytest.fixture(scope="module")
def everyone(hostile_db):
    """code -> (name_key, search_text) of every live contact, read once."""
    return {
        r["code"]: (r["name_key"], r["search_text"])
        for r in hostile_db.query("SELECT code, name_key, search_text FROM contacts WHERE deleted_at IS NULL")
    }


@pytest.fixture(scope="module")
def schema(hostile_db):
    return sorted(r[0] for r in hostile_db.query("SELECT name FROM sqlite_master"))


def literal_matches(everyone, typed: str) -> set[str]:
    """The codes a search must find: every word held literally in the
    contact's search text; a search of short words only starts the name."""
    terms = search_terms(typed)
    if not terms:
        return set(everyone)
    if all(len(t) < MIN_TRIGRAM for t in terms):
        first, *others = terms
        return {
            code for code, (name, text) in everyone.items() if name.startswith(first) and all(t in text for t in others)
        }
    return {code for code, (_name, text) in everyone.items() if all(t in text for t in terms)}


def words_of(typed: str) -> list[str]:
    """The search words of `typed` when each is a word of its text (not a
    phone number made of its digits, not the start of a name)."""
    terms = search_terms(typed)
    if all(len(t) >= MIN_TRIGRAM for t in terms) and not any(t.isdigit() for t in terms):
        return terms
    return []


def codes(store, ids) -> set[str]:
    marks = ", ".join("?" for _ in ids)
    return {r[0] for r in store.database.query(f"SELECT code FROM contacts WHERE id IN ({marks})", list(ids))}


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_search_finds_the_literal_matches_under_every_sort(store, everyone, schema, hostile_db, value, stored):
    expected = literal_matches(everyone, value)
    if value in stored and words_of(value):
        assert stored[value]["code"] in expected  # the contact that holds it is found
    # a 5,000-character word is ~5,000 trigrams to look up (0.2 s a query): under one sort only
    for sort in SORTS if len(value) < 1_000 else ("name",):
        for descending in (False, True):
            query = ContactQuery(search=value, sort=sort, descending=descending)
            assert codes(store, store.ids(query)) == expected
            assert store.count(query) == len(expected)
            page = store.page(query, 200)
            assert {r["code"] for r in page.rows} == expected
    assert sorted(r[0] for r in hostile_db.query("SELECT name FROM sqlite_master")) == schema


@pytest.fixture(scope="module")
def in_memory(hostile_db):
    """The store answering from the window's in-memory listing (crmdesk/store/listing.py)."""
    from crmdesk.store import listing

    found = ContactStore(hostile_db)
    found.index = listing.ContactIndex.build(hostile_db.conn)
    return found


def loaded(store, sort: str) -> None:
    from crmdesk.store import listing

    if sort not in store.index.orders:
        store.index.add_order(sort, *listing.read_order(store.conn, sort))


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_the_in_memory_listing_finds_the_same_contacts_in_the_same_order(store, in_memory, everyone, value):
    expected = literal_matches(everyone, value)
    for sort in SORTS if len(value) < 1_000 else ("name",):
        loaded(in_memory, sort)
        for descending in (False, True):
            query = ContactQuery(search=value, sort=sort, descending=descending)
            assert in_memory._listing(query) is not None
            found = in_memory.ids(query)
            assert codes(in_memory, found) == expected
            assert found == store.ids(query) and in_memory.count(query) == len(expected)
    loaded(in_memory, "name")
    for end in range(1, min(len(value), 12) + 1):  # typed key by key: each result narrows the last
        query = ContactQuery(search=value[:end])
        assert in_memory.ids(query) == store.ids(query), value[:end]


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_city_and_tag_filters(store, stored, value):
    if value not in stored:
        assert store.count(ContactQuery(city=value)) == 0
        return
    code = stored[value]["code"]
    assert codes(store, store.ids(ContactQuery(city=value))) == {code}
    for tag in stored[value]["tags"]:
        holders = {c["code"] for c in stored.values() if tag in c["tags"]}
        assert codes(store, store.ids(ContactQuery(tag=tag))) == holders
    assert store.ids(ContactQuery(tag=value + "§")) == []
    if words_of(value):
        assert codes(store, store.ids(ContactQuery(search=value, city=value))) == {code}


def test_a_sort_name_never_reaches_sql(store):
    with pytest.raises(ValueError):
        store.ids(ContactQuery(sort="name; DROP TABLE contacts"))


def test_every_sort_reads_every_contact_once_page_by_page(qtmodeltester, store, everyone):
    """Key paging with hostile sort keys (quotes, NUL-free control, RTL, 5 000 characters)."""
    model = ClientTableModel(store, page_size=4, max_pages=2)
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            seen = [model.index(r, COLUMN_KEYS.index("code")).data() for r in range(model.rowCount())]
            assert sorted(seen) == sorted(everyone), COLUMNS[column].key
    qtmodeltester.check(model)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_table_shows_the_values_as_stored(qtmodeltester, store, everyone, stored, value):
    model = ClientTableModel(store, ContactQuery(search=value))
    qtmodeltester.check(model)
    found = {model.index(r, COLUMN_KEYS.index("code")).data(): r for r in range(model.rowCount())}
    assert set(found) == literal_matches(everyone, value)
    if value in stored and stored[value]["code"] in found:
        row = found[stored[value]["code"]]
        assert model.index(row, COLUMN_KEYS.index("company")).data() == one_line(value)
        assert model.index(row, COLUMN_KEYS.index("city")).data() == one_line(value)
        assert model.index(row, COLUMN_KEYS.index("name")).data() == f"HOSTILE {one_line(value)}"


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_change_log_filter_on_a_typed_client_number(qtbot, hostile_db, schema, value):
    with pytest.raises(CrmError) as refused:
        AuditLog(hostile_db).entries(AuditQuery(code=value))
    assert_french(str(refused.value))
    viewer = AuditViewer(Session(hostile_db), code=value)
    qtbot.addWidget(viewer)
    assert viewer.model.rowCount() == 0
    assert_french(viewer.info.text())
    assert sorted(r[0] for r in hostile_db.query("SELECT name FROM sqlite_master")) == schema


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_change_log_shows_the_values_as_typed(qtbot, qtmodeltester, hostile_db, stored, value):
    if value not in stored:
        return
    viewer = AuditViewer(Session(hostile_db), code=stored[value]["code"])
    qtbot.addWidget(viewer)
    qtmodeltester.check(viewer.model)
    model = viewer.model
    new = model.COLUMNS.index("new")
    field = model.COLUMNS.index("field")
    shown = {model.index(r, field).data(): model.index(r, new).data() for r in range(model.rowCount())}
    assert shown["first_name"] == one_line(value)
    assert shown["notes"] == multi_line(value)


def test_complaint_queue_shows_subjects_as_typed(qtmodeltester, hostile_db, stored):
    store = ComplaintStore(hostile_db)
    for open_only in (True, False):
        model = ComplaintQueueModel(store, today=TODAY, open_only=open_only)
        qtmodeltester.check(model)
        tips = {
            model.index(r, 0).data(): model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(model.rowCount())
        }
        assert len(tips) == len(stored)
    for value, contact in stored.items():
        model = ComplaintQueueModel(store, today=TODAY, contact_id=contact["id"])
        qtmodeltester.check(model)
        subject = model.COLUMNS.index("subject")
        assert [model.index(r, subject).data() for r in range(model.rowCount())] == [multi_line(value)]
        client = ComplaintQueueModel(store, today=TODAY)
        names = [client.index(r, client.COLUMNS.index("client")).data() for r in range(client.rowCount())]
        assert any(one_line(value) in (n or "") for n in names), value[:40]
