"""The window's search and sorts once its in-memory listing is built in the
background: the table shows what SQL would, keystroke by keystroke, after
edits and their undo, and a re-sort keeps the selected client."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from crmdesk.gui.clients.client_model import COLUMN_KEYS, ClientTableModel
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from tests.helpers.generated import fill
from tests.helpers.today import Clock


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("listing") / "clients.sqlite"
    with Database(path, create=True) as database:
        fill(database, 1_500)
    return path


@pytest.fixture
def big_window(qtbot, qsettings, generated, tmp_path):
    import shutil

    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "clients.sqlite"
    shutil.copy(generated, path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    assert win.open_file(path)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.model.listing_ready, timeout=20_000)  # built a moment after the first rows
    yield win
    win.close()


def shown_ids(model) -> list[int]:
    return [model.contact_id(r) for r in range(model.rowCount())]


def sql_ids(window) -> list[int]:
    """What the SQL listing gives for the table's query (a store without the index)."""
    return ContactStore(window.database).ids(window.model.query)


def type_key_by_key(window, text: str):
    for end in range(1, len(text) + 1):
        window.ui.searchEdit.setText(text[:end])
        window.apply_filters()  # what the search box's timer calls
        yield text[:end]


def test_each_keystroke_shows_the_sql_listing(qtbot, qtmodeltester, big_window):
    window = big_window
    index = window.store.index
    for typed in type_key_by_key(window, "martin pa"):
        assert window.store._listing(window.model.query) is not None, typed  # answered in memory
        assert shown_ids(window.model) == sql_ids(window), typed
    qtmodeltester.check(window.model)
    window.model.sort(COLUMN_KEYS.index("name"), Qt.SortOrder.DescendingOrder)
    assert shown_ids(window.model) == sql_ids(window)
    window.ui.stageCombo.setCurrentIndex(window.ui.stageCombo.findData("client"))
    assert shown_ids(window.model) == sql_ids(window) and window.model.rowCount() > 0
    assert window.count_label.text().startswith(f"{window.model.rowCount()} clients shown")
    qtmodeltester.check(window.model)
    assert window.store.index is index


@pytest.mark.parametrize("grouped_max", [None, 10])
def test_a_frequent_word_is_read_ahead_while_the_window_waits_for_the_next_key(
    qtbot, big_window, monkeypatch, grouped_max
):
    """« mar » in many clients: shown along the order, its matches read and
    grouped by the next letter in the background, and so each next
    keystroke's; « mart », « marti », « martin » then come from memory, as
    SQL lists them."""
    from crmdesk.store import listing

    window = big_window
    index = window.store.index
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    monkeypatch.setattr(listing, "AHEAD_MIN", 1)
    if grouped_max is not None:
        monkeypatch.setattr(listing, "GROUPED_MAX", grouped_max)
    read = []
    real = listing.ContactIndex._read_matches
    monkeypatch.setattr(
        listing.ContactIndex, "_read_matches", lambda self, conn, words: read.append(words) or real(self, conn, words)
    )
    list(type_key_by_key(window, "mar"))
    assert isinstance(window.store._listing(window.model.query), listing.Scan)
    assert shown_ids(window.model) == sql_ids(window)
    qtbot.waitUntil(lambda: (("mar",), "mar") in index._ahead)  # the builder's worker
    read.clear()
    for typed in ("mart", "marti", "martin"):
        qtbot.waitUntil(lambda: index.to_read is None and window.model.builder.task is None)  # as the 150 ms pause
        window.ui.searchEdit.setText(typed)
        window.apply_filters()
        assert shown_ids(window.model) == sql_ids(window) and window.model.rowCount() > 0, typed
    assert read == []  # from memory: the trigram index was not asked
    qtbot.waitUntil(lambda: (("martin",), "martin") in index._ahead)
    assert window.store.index is index


def test_after_two_letters_the_next_words_count_is_read_in_the_background(qtbot, big_window, monkeypatch):
    """« ma » typed: the window's worker counts the words « ma… »; « mar »,
    found in many clients, is then shown with that count, as SQL lists it,
    without asking the trigram index."""
    from crmdesk.store import listing

    window = big_window
    index = window.store.index
    monkeypatch.setattr(listing, "SCAN_MIN", 10)  # « mar » is frequent in 1,500 clients
    list(type_key_by_key(window, "ma"))
    qtbot.waitUntil(lambda: index._counted("mar") is not None)
    asked = []
    monkeypatch.setattr(listing.ContactIndex, "_trigram_count", lambda self, conn, word: asked.append(word) or 0)
    window.ui.searchEdit.setText("mar")
    window.apply_filters()
    assert isinstance(window.store._listing(window.model.query), listing.Scan)
    assert shown_ids(window.model) == sql_ids(window)
    assert window.model.rowCount() == index._counted("mar")["mar"] == len(sql_ids(window)) and asked == []


def test_after_two_letters_the_likeliest_next_words_are_read_in_the_background(qtbot, big_window, monkeypatch):
    """« du » typed: the window's worker reads the matches of the most
    frequent words « du… »; the next letter is shown from them, as SQL lists
    it, without reading the trigram index."""
    from crmdesk.store import listing

    window = big_window
    index = window.store.index
    monkeypatch.setattr(listing, "AHEAD_MIN", 2)
    list(type_key_by_key(window, "du"))
    qtbot.waitUntil(lambda: "du" in index._counts and window.model.builder.task is None)
    likeliest = list(index._counts["du"].matches)
    assert likeliest
    read = []
    real = listing.ContactIndex._read_matches
    monkeypatch.setattr(
        listing.ContactIndex, "_read_matches", lambda self, conn, words: read.append(words) or real(self, conn, words)
    )
    for word in likeliest:
        window.ui.searchEdit.setText(word)
        window.apply_filters()
        assert shown_ids(window.model) == sql_ids(window) and window.model.rowCount() > 0, word
    assert read == []


def test_the_next_keystroke_stops_what_is_read_ahead_for_the_last_one(qtbot, big_window, monkeypatch):
    """« mar » shown, its matches being grouped in the background: « mart »
    typed meanwhile stops that work (moot, and it would take the window's
    time) and is answered as SQL lists it."""
    import time

    from crmdesk.store import listing, search_texts

    window, builder = big_window, big_window.model.builder
    index = window.store.index
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    stopped = []

    class Slow(search_texts.Followers):  # a grouping that lasts until it is stopped (10 s at most)
        def __init__(self, word, ids, texts, grouped=False, check=lambda: None, order=None, groups=None):
            end = time.monotonic() + 10
            while time.monotonic() < end:
                try:
                    check()
                except Exception:
                    stopped.append(word)
                    raise
            super().__init__(word, ids, texts, grouped, check, order, groups)

    monkeypatch.setattr(listing, "Followers", Slow)
    list(type_key_by_key(window, "mar"))
    qtbot.waitUntil(lambda: builder.task is not None and builder._ahead)
    task = builder.task
    window.ui.searchEdit.setText("mart")
    window.apply_filters()
    assert task.job.cancelled
    qtbot.waitUntil(lambda: stopped == [b"mar"])
    assert (("mar",), "mar") not in index._ahead
    assert shown_ids(window.model) == sql_ids(window) and window.model.rowCount() > 0


def test_edits_and_their_undo_show_at_once_in_the_search(qtbot, big_window):
    window = big_window
    index = window.store.index
    for _typed in type_key_by_key(window, "zyxo"):
        pass
    assert window.model.rowCount() == 0
    dialog = window.new_client()
    dialog.editors["last_name"].setText("Zyxomartin")
    dialog.editors["city"].setText("Lyon")
    dialog.submit()
    assert [window.model.index(r, COLUMN_KEYS.index("name")).data() for r in range(window.model.rowCount())] == [
        "ZYXOMARTIN"
    ]
    new = window.current_id()
    window.select_contact(new)
    dialog = window.edit_client()
    dialog.editors["last_name"].setText("Aaron")
    dialog.submit()
    assert window.model.rowCount() == 0  # no longer « zyxo »
    window.ui.searchEdit.setText("aaron")
    window.apply_filters()
    assert shown_ids(window.model) == [new] == sql_ids(window)
    window.undo_action.trigger()  # back to Zyxomartin
    assert window.model.rowCount() == 0
    window.undo_action.trigger()  # the creation undone
    window.ui.searchEdit.setText("zyxo")
    window.apply_filters()
    assert window.model.rowCount() == 0
    window.redo_action.trigger()
    assert shown_ids(window.model) == [new]
    window.ui.searchEdit.setText("martin")
    window.apply_filters()
    first = window.model.contact_id(0)
    window.select_contact(first)
    window.ui.actionDeleteClient.trigger()  # to the trash
    assert first not in shown_ids(window.model) and shown_ids(window.model) == sql_ids(window)
    window.undo_action.trigger()
    assert shown_ids(window.model) == sql_ids(window) and first in shown_ids(window.model)
    assert window.store.index is index and not index.stale  # each change put back, no rebuild


def test_a_re_sort_keeps_the_selected_client(qtbot, big_window):
    window = big_window
    header = window.ui.clientTable.horizontalHeader()
    chosen = window.model.contact_id(40)
    window.select_contact(chosen)
    column = COLUMN_KEYS.index("email")  # an order not in memory yet: loaded in the background
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert window.model.query.sort == "email"
    assert shown_ids(window.model)[:30] == sql_ids(window)[:30]
    qtbot.waitUntil(lambda: window.current_id() == chosen, timeout=20_000)
    assert window.model.listing_ready()
    row = window.model.row_of_id(chosen)
    assert row == sql_ids(window).index(chosen)
    assert window.ui.clientTable.selectionModel().isRowSelected(row)


def test_closing_stops_the_background_build(qtbot, qsettings, generated, tmp_path):
    import shutil

    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "clients.sqlite"
    shutil.copy(generated, path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    assert win.open_file(path)
    win.show()
    builder = win.model.builder
    qtbot.waitUntil(lambda: builder.task is not None, timeout=10_000)
    win.close()
    assert builder.task is None and win.model is None


def test_a_model_without_the_listing_builds_nothing(qtbot, generated):
    with Database(generated, writer=False) as database:
        store = ContactStore(database)
        model = ClientTableModel(store, ContactQuery(search="mar"))
        assert model.builder is None
        assert [model.contact_id(r) for r in range(model.rowCount())] == store.ids(model.query)
        assert store.index is None
