"""The client table's in-memory listing (crmdesk/store/listing.py) gives
exactly the SQL listing: the same contacts, counts, pages and places as a
brute-force filter in Python, under every sort, both ways, with filters,
typed key by key, and after every kind of edit."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.domain.text import fold, search_terms
from crmdesk.store import listing, search_texts
from crmdesk.store.contacts import MIN_TRIGRAM, SORTS, ContactQuery, ContactStore
from crmdesk.store.database import Database
from tests.helpers.generated import STAGES, TAGS, fill

ROWS = 2_400


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path = tmp_path_factory.mktemp("listing") / "clients.sqlite"
    with Database(path, create=True) as database:
        fill(database, ROWS)
    return path


@pytest.fixture(scope="module")
def both(made):
    """(the SQL store, the store answering from memory) on the same file,
    the name's and the city's orders loaded."""
    database = Database(made, writer=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "MAX_ORDERS", 2)
        index = listing.ContactIndex.build(database.conn, ("name", "city"))
        memory = ContactStore(database)
        memory.index = index
        yield ContactStore(database), memory
    database.close()


def expected(conn, query: ContactQuery) -> list[int]:
    """Brute force: every live contact in the sort's SQL order, filtered in Python."""
    direction = " DESC" if query.descending else ""
    order = ", ".join(e + direction for e in SORTS[query.sort] + ("id",))
    tags: dict[int, set[str]] = {}
    for contact_id, tag in conn.execute(
        "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
    ):
        tags.setdefault(contact_id, set()).add(tag)
    terms = search_terms(query.search)
    kept = []
    for contact_id, name_key, text, stage, city_key in conn.execute(
        f"SELECT id, name_key, search_text, stage, city_key FROM contacts WHERE deleted_at IS NULL ORDER BY {order}"
    ):
        if (query.stage and stage != query.stage) or (query.city and city_key != fold(query.city)):
            continue
        if query.tag and query.tag not in tags.get(contact_id, ()):
            continue
        if terms and all(len(t) < MIN_TRIGRAM for t in terms):  # short words: the name's start
            if not name_key.startswith(terms[0]) or not all(t in text for t in terms[1:]):
                continue
        elif not all(t in text for t in terms):
            continue
        kept.append(contact_id)
    return kept


def check(store: ContactStore, query: ContactQuery, wanted: list[int], in_memory: bool = True) -> None:
    """Count, every id, pages from both ends and by key, and places."""
    if in_memory:
        assert store._listing(query) is not None, query
    assert store.count(query) == len(wanted), query
    assert store.ids(query) == wanted, query

    def ids(page):
        return [r["id"] for r in page.rows]

    assert ids(store.page(query, 7)) == wanted[:7]
    assert ids(store.page(query, 7, offset=11)) == wanted[11:18]
    assert ids(store.page(query, 7, backwards=True)) == wanted[-7:]
    end = max(len(wanted) - 3, 0)
    assert ids(store.page(query, 5, offset=3, backwards=True)) == wanted[max(end - 5, 0) : end]
    first = store.page(query, 6)
    if first.keys:
        assert ids(store.page(query, 6, after=first.keys[-1])) == wanted[6:12]
        assert ids(store.page(query, 4, after=first.keys[-1], offset=2)) == wanted[8:12]
        last = store.page(query, 6, backwards=True)
        assert ids(store.page(query, 6, after=last.keys[0], backwards=True)) == wanted[-12:-6]
    for row in (0, len(wanted) // 2, len(wanted) - 1) if wanted else ():
        assert store.position(query, wanted[row]) == row
    outside = store.conn.execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL LIMIT 1").fetchone()
    if outside:
        assert store.position(query, outside[0]) is None


SEARCHES = [
    "",
    "hel",
    "hele",
    "HÉLÈ",
    "helen",
    "du",
    "du m",
    "d",
    "martin",
    "martin p",
    "martin pa",
    "martin pari",
    "lyon",
    "lyons",
    "06 3",
    "06",
    "exemple",
    "e",
    "zz",
    "n'di",
    "oe",
    "saint-e",
    "paris martin",
    "et fils",
    "t0001",
    "@exemple.fr",
    "ma p",
    "x",
]


@pytest.mark.parametrize("sort", sorted(SORTS))
@pytest.mark.slow
def test_every_sort_both_ways_gives_the_sql_listing(both, sort):
    sql, memory = both
    for descending in (False, True):
        for search in SEARCHES:
            query = ContactQuery(search=search, sort=sort, descending=descending)
            wanted = expected(sql.conn, query)
            check(memory, query, wanted, in_memory=sort in ("name", "city"))
            assert sql.ids(query) == wanted


@pytest.mark.parametrize(
    "filters",
    [
        {"stage": "client"},
        {"city": "LYON"},
        {"tag": "VIP"},
        {"stage": "former", "city": "Évreux", "tag": "Bio"},
        {"tag": "nothing"},
    ],
)
def test_filters_combine_with_the_search(both, filters):
    sql, memory = both
    for search in ("", "mar", "martin", "martin p", "du", "hel", "e"):
        for sort, descending in (("name", False), ("city", True)):
            query = ContactQuery(search=search, sort=sort, descending=descending, **filters)
            wanted = expected(sql.conn, query)
            check(memory, query, wanted)
            assert sql.ids(query) == wanted


def test_a_word_typed_key_by_key_narrows_the_previous_result(both, monkeypatch):
    sql, memory = both
    read = []
    real = listing.ContactIndex._read_matches
    monkeypatch.setattr(
        listing.ContactIndex, "_read_matches", lambda self, conn, words: read.append(words) or real(self, conn, words)
    )
    for typed in ("d", "du", "dup", "dupo", "dupon", "dupont", "dupont ", "dupont h", "dupont he", "dupont hel"):
        query = ContactQuery(search=typed)
        assert memory.ids(query) == expected(sql.conn, query)
    # the trigram index read once, at the first word of 3 letters; then narrowed in memory
    assert read == [("dup",)]


def test_a_frequent_word_is_found_along_the_order(both, monkeypatch):
    """Found page by page from either end (its count from the trigram
    index); all its matches are read only for a row far from both ends."""
    sql, memory = both
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    monkeypatch.setattr(listing, "_SCAN_CHUNK", 64)
    monkeypatch.setattr(listing, "_SCAN_MAX", 256)
    memory.index._forget()
    for word, sort, descending in (
        ("exe", "name", False),
        ("exe", "city", True),
        ("mar", "name", True),
        ("lyo", "city", False),
        ("t00", "name", False),
    ):
        query = ContactQuery(search=word, sort=sort, descending=descending)
        found = memory._listing(query)
        assert isinstance(found, listing.Scan)
        wanted = expected(sql.conn, query)
        assert memory.count(query) == len(wanted)
        assert [r["id"] for r in memory.page(query, 10).rows] == wanted[:10]
        assert [r["id"] for r in memory.page(query, 10, backwards=True).rows] == wanted[-10:]
        if word == "exe":  # in most contacts: both ends found without reading every match
            assert found._all is None
        assert memory.position(query, wanted[3]) == 3
        middle = len(wanted) // 2
        assert [r["id"] for r in memory.page(query, 10, offset=middle).rows] == wanted[middle : middle + 10]
        assert memory.ids(query) == wanted
    memory.index._forget()


def test_a_frequent_words_first_page_tests_the_contacts_its_count_says_it_needs(both, monkeypatch):
    """« exe » held by most contacts: its first page of 10 tests some 10 × 1.5
    contacts of the order, not a whole chunk (each test a read from all over
    memory); a rarer word tests more, as many again each time nothing is found."""
    sql, memory = both
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    monkeypatch.setattr(listing, "_SCAN_CHUNK_MIN", 4)
    memory.index._forget()
    for word in ("exe", "mar"):
        query = ContactQuery(search=word)
        found = memory._listing(query)
        assert isinstance(found, listing.Scan)
        wanted = expected(sql.conn, query)
        assert [r["id"] for r in memory.page(query, 10).rows] == wanted[:10]
        live = len(found.order.ids)
        needed = 10 * live * 3 // (2 * len(wanted))
        assert found.head_found >= 10 and found.head_end < live
        if word == "exe":
            assert found.head_end <= 2 * needed
        else:  # what each chunk tested: at least the count's estimate, at least all tested before
            assert found.head_end >= needed
    memory.index._forget()


def _typed(memory, sql, words, read, sort="name"):
    """Each keystroke's listing is the brute force's (in both directions of
    `sort`); the trigram index reads in `read`."""
    for typed in words:
        for descending in (False, True):
            query = ContactQuery(search=typed, sort=sort, descending=descending)
            assert memory.ids(query) == expected(sql.conn, query), typed


def _read_ahead(memory, made) -> bool:
    """What the window's worker does after a keystroke: group the shown
    matches by the next letter (a frequent word's read first, on a
    connection of its own), and hand them over."""
    index = memory.index
    ahead, seq, index.to_read = index.to_read, index.seq, None
    assert ahead is not None
    with Database(made, writer=False) as own:
        found = index.read_ahead(own.conn, ahead, seq)
    return found is not None and index.adopt(ahead, seq, found)


@pytest.mark.parametrize("grouped_max", [listing.GROUPED_MAX, 10])
def test_a_frequent_word_is_read_ahead_for_the_next_keystroke(both, made, monkeypatch, grouped_max):
    """« mar » shown along the order; its matches read in the background;
    « mart », « mari », « marti » then come from memory (looked up by the
    letter that follows, or narrowed), without the trigram index."""
    sql, memory = both
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    monkeypatch.setattr(listing, "GROUPED_MAX", grouped_max)
    monkeypatch.setattr(search_texts.Followers, "_CHUNK", 7)  # texts copied side by side a few at a time
    read = []
    real = listing.ContactIndex._read_matches
    monkeypatch.setattr(
        listing.ContactIndex, "_read_matches", lambda self, conn, words: read.append(words) or real(self, conn, words)
    )
    memory.index._forget()
    _typed(memory, sql, ["mar"], read)
    assert isinstance(memory._listing(ContactQuery(search="mar")), listing.Scan)
    assert memory.index.to_read == listing.Ahead(("mar",), "mar", None, memory.index.orders["name"]) and read == []
    assert _read_ahead(memory, made)
    assert read == [["mar"]]  # in the worker
    assert isinstance(memory.index._ahead[("mar",), "mar"], search_texts.Followers)
    read.clear()
    for words in (["mart", "marti", "martin"], ["mari", "marie"], ["marc"], ["mar", "marz"]):
        _typed(memory, sql, words, read)
    assert read == []  # every keystroke answered from memory
    _typed(memory, sql, ["mar€"], read)  # a letter of more than a byte, no texts kept: the trigram index
    assert [tuple(w) for w in read] == ([("mar€",)] if grouped_max == 10 else [])
    memory.index._forget()


@pytest.mark.parametrize("sort", ["name", "city"])
def test_the_next_letter_is_looked_up_in_what_was_grouped_ahead(both, made, monkeypatch, sort):
    """Typed key by key with the worker's grouping between two keystrokes:
    the trigram index is read once (« mar »), a word added (« martin p »)
    narrows the texts kept side by side, and every other keystroke is a
    lookup by the letter that follows, already in the order shown: only the
    narrowed results are sorted. A narrowed result is grouped from the
    texts its narrowing left side by side, not copied again."""
    sql, memory = both
    monkeypatch.setattr(listing, "AHEAD_MIN", 1)
    read, narrowed, sorted_, copied = [], [], [], []
    real_groups = search_texts.Texts.groups
    monkeypatch.setattr(
        search_texts.Texts, "groups", lambda self, ids: copied.append(len(ids)) or real_groups(self, ids)
    )
    real_read, real_narrowed = listing.ContactIndex._read_matches, search_texts.Matches.narrowed
    real_sort = listing.ContactIndex._sort
    monkeypatch.setattr(
        listing.ContactIndex,
        "_sort",
        lambda self, order, size, ids: sorted_.append(len(ids)) or real_sort(self, order, size, ids),
    )
    monkeypatch.setattr(
        listing.ContactIndex,
        "_read_matches",
        lambda self, conn, words: read.append(words) or real_read(self, conn, words),
    )
    monkeypatch.setattr(
        search_texts.Matches,
        "narrowed",
        lambda self, texts, word: narrowed.append(word) or real_narrowed(self, texts, word),
    )
    memory.index._forget()
    for end in range(1, len("martin pari") + 1):
        sorted_.clear()
        _typed(memory, sql, ["martin pari"[:end]], read, sort)
        if "martin pari"[:end] in ("mar", "martin p"):  # read from the trigram index; narrowed
            assert len(sorted_) == 1, "martin pari"[:end]
        elif end > 3:
            assert sorted_ == [], "martin pari"[:end]  # looked up, in the order shown
        if memory.index.to_read is not None:
            given = memory.index.to_read.groups is not None
            copied.clear()
            assert _read_ahead(memory, made)
            assert given == ("martin pari"[:end] == "martin p"), "martin pari"[:end]
            assert bool(copied) != given, "martin pari"[:end]  # texts copied side by side unless given
    assert read == [("mar",)] and narrowed == [b"p"]
    read.clear()
    for typed in ("martin paris", "martin parix", "martin pa€"):  # then a letter nobody holds, one of two bytes
        _typed(memory, sql, [typed], read, sort)
    assert read == [] and narrowed == [b"p", "pa€".encode()]  # « pa€ »: « martin pa »'s matches narrowed
    memory.index._forget()


def test_a_result_grouped_in_one_order_is_sorted_again_in_another(both, made, monkeypatch):
    """« mar » grouped ahead while the table showed the name order; the user
    re-sorts by city and types « mart »: the lookup is put in the city's
    order, as the brute force says."""
    sql, memory = both
    monkeypatch.setattr(listing, "AHEAD_MIN", 1)
    memory.index._forget()
    _typed(memory, sql, ["mar"], [], "name")
    assert memory.index.to_read.order is memory.index.orders["name"]
    assert _read_ahead(memory, made)
    _typed(memory, sql, ["mart"], [], "city")
    memory.index._forget()


def test_what_was_read_ahead_is_dropped_when_the_file_changed_meanwhile(editable, monkeypatch):
    sql, memory = editable
    monkeypatch.setattr(listing, "SCAN_MIN", 10)
    monkeypatch.setattr(listing, "GROUPED_MAX", 10)
    index = memory.index
    assert memory.count(ContactQuery(search="mar")) > 10
    ahead, seq = index.to_read, index.seq
    changed = sql.ids(ContactQuery(search="mart"))[0]
    sql.update(changed, {"last_name": "Zorro", "first_name": "Paul", "company": ""})  # no « mart » any more
    with Database(sql.database.path, writer=False) as own:
        assert index.read_ahead(own.conn, ahead, seq) is None  # the file moved: not read
    memory.count(ContactQuery(search="ma"))  # the window's next listing follows the change
    with Database(sql.database.path, writer=False) as own:
        found = index.read_ahead(own.conn, ahead, seq)  # asked before the change, read after it
    assert found is None or not index.adopt(ahead, seq, found)
    # the edited contact's text is now kept apart (Texts.extra): read ahead anew, it is found or not rightly
    memory.count(ContactQuery(search="mar"))
    assert _read_ahead(memory, sql.database.path)
    for typed in ("mart", "zor", "zorr", "paul"):
        query = ContactQuery(search=typed)
        assert memory.ids(query) == expected(sql.conn, query), typed
    sql.update(changed, {"last_name": "Martin"})  # back into « mart »: its text moved to Texts.extra
    memory.count(ContactQuery(search="ma"))
    memory.count(ContactQuery(search="mar"))
    assert _read_ahead(memory, sql.database.path)
    assert changed in memory.index.texts.extra
    for typed in ("mart", "martin"):
        query = ContactQuery(search=typed)
        assert memory.ids(query) == expected(sql.conn, query), typed


def _words_read(index, path, words: listing.Words) -> listing.WordsRead:
    """What the window's worker reads after 2 letters, on a connection of its own."""
    with Database(path, writer=False) as own:
        return index.read_words(own.conn, words)


def test_a_frequent_word_is_counted_ahead_from_its_first_two_letters(editable, monkeypatch):
    """After « ma », the worker reads the trigram index's counts of the words
    « ma… » (the trash left out); « mar » is then counted without asking
    the index. Once the file changed, those counts are no longer used (nor
    adopted when read before the change), and the count stays exact."""
    sql, memory = editable
    monkeypatch.setattr(listing, "SCAN_MIN", 40)
    index = memory.index
    sql.trash(sql.ids(ContactQuery(search="mar"))[0])
    memory.count(ContactQuery(search="ma"))  # 2 letters: the count of the next word asked ahead
    assert index.to_count == listing.Words("ma", index.orders["name"])

    def holding(word: str) -> int:
        texts = sql.conn.execute("SELECT search_text FROM contacts WHERE deleted_at IS NULL").fetchall()
        return sum(word in text for (text,) in texts)

    found = _words_read(index, sql.database.path, index.to_count)
    counts = found.counts
    assert index.adopt_counts("ma", found)
    frequent = [word for word, count in counts.items() if count > listing.SCAN_MIN]
    assert "mar" in frequent and all(len(word) == 3 and word.startswith("ma") for word in counts)
    assert {word: counts[word] for word in frequent} == {word: holding(word) for word in frequent}
    asked = []
    real = listing.ContactIndex._trigram_count
    monkeypatch.setattr(
        listing.ContactIndex, "_trigram_count", lambda self, conn, word: asked.append(word) or real(self, conn, word)
    )
    for word in frequent:
        query = ContactQuery(search=word)
        assert isinstance(memory._listing(query), listing.Scan)
        assert memory.count(query) == len(expected(sql.conn, query)) == counts[word], word
    assert asked == []  # the trigram index was not asked
    sql.update(sql.ids(ContactQuery(search="mar"))[0], {"last_name": "Zorro", "first_name": "Paul"})
    memory.index._forget()
    assert memory.count(ContactQuery(search="mar")) == len(expected(sql.conn, ContactQuery(search="mar")))
    assert set(asked) == {"mar"}  # the counts read before the edit are no longer used
    assert not index.adopt_counts("ma", found)  # nor adopted
    memory.count(ContactQuery(search="ma"))
    assert index.to_count.prefix == "ma"  # asked anew


@pytest.mark.parametrize("sort", ["name", "city"])
def test_the_likeliest_next_words_are_read_ahead_from_the_first_two_letters(editable, monkeypatch, sort):
    """After « du », the worker also reads the matches of the most frequent
    words « du… » the trigram index would be asked for at the next
    keystroke, in the order shown: « dup » and « dur » are then listed as
    the brute force lists them without reading the index nor sorting;
    « duc » is read as before; after an edit nothing read ahead is used."""
    sql, memory = editable
    monkeypatch.setattr(listing, "AHEAD_MIN", 2)
    monkeypatch.setattr(listing, "READ_WORDS", 2)
    index = memory.index
    if sort not in index.orders:
        index.add_order(sort, *listing.read_order(sql.conn, sort))
    memory.index._forget()
    memory.ids(ContactQuery(search="du", sort=sort))
    found = _words_read(index, sql.database.path, index.to_count)
    likeliest = sorted(found.matches, key=lambda w: found.counts[w])
    assert len(likeliest) == 2 and all(found.counts[w] <= listing.SCAN_MIN for w in likeliest)
    others = [w for w, c in found.counts.items() if 2 <= c <= listing.SCAN_MIN and w not in likeliest]
    assert others and all(found.counts[w] <= found.counts[likeliest[0]] for w in others)
    assert index.adopt_counts("du", found)
    read, sorted_ = [], []
    real_read, real_sort = listing.ContactIndex._read_matches, listing.ContactIndex._sort
    monkeypatch.setattr(
        listing.ContactIndex,
        "_read_matches",
        lambda self, conn, words: read.append(words) or real_read(self, conn, words),
    )
    monkeypatch.setattr(
        listing.ContactIndex,
        "_sort",
        lambda self, order, size, ids: sorted_.append(1) or real_sort(self, order, size, ids),
    )
    for word in likeliest:
        query = ContactQuery(search=word, sort=sort)
        assert memory.ids(query) == expected(sql.conn, query), word
        assert memory.ids(query.with_(descending=True)) == expected(sql.conn, query.with_(descending=True))
    assert read == [] and sorted_ == []
    query = ContactQuery(search=others[0], sort=sort)
    assert memory.ids(query) == expected(sql.conn, query)
    assert read == [(others[0],)]
    changed = sql.ids(ContactQuery(search=likeliest[-1]))[0]
    sql.update(changed, {"last_name": "Zorro", "first_name": "Paul", "company": ""})
    read.clear()
    query = ContactQuery(search=likeliest[-1], sort=sort)
    assert memory.ids(query) == expected(sql.conn, query) and changed not in memory.ids(query)
    assert read == [(likeliest[-1],)]  # read again: the file changed since


def _queries():
    words = st.sampled_from(
        [
            "hel",
            "hé",
            "h",
            "martin",
            "mar",
            "ma",
            "p",
            "pa",
            "par",
            "lyon",
            "ly",
            "06",
            "063",
            "0",
            "exemple",
            "e",
            "é",
            "et",
            "fils",
            "du",
            "dupont",
            "xu",
            "œ",
            "oe",
            "saint",
            "-",
            "'",
            ".",
            "@",
            "t00",
            "1",
            "zz",
        ]
    )
    search = st.lists(words, max_size=3).map(" ".join) | st.text(alphabet="aehlmnoprtu 036.-é", max_size=6)
    return st.builds(
        ContactQuery,
        sort=st.sampled_from(["name", "city"]),
        descending=st.booleans(),
        search=search,
        stage=st.none() | st.sampled_from(STAGES),
        city=st.none() | st.sampled_from(["Lyon", "paris"]),
        tag=st.none() | st.sampled_from(TAGS),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_queries(), min_size=1, max_size=6))
@pytest.mark.slow
def test_any_sequence_of_queries_gives_the_brute_force_listing(both, queries):
    sql, memory = both
    for query in queries:
        wanted = expected(sql.conn, query)
        assert memory.count(query) == len(wanted), query
        assert memory.ids(query) == wanted, query
        for contact_id in wanted[:2]:
            assert memory.position(query, contact_id) == wanted.index(contact_id)


# -- edits -------------------------------------------------------------------------------
@pytest.fixture
def editable(made, tmp_path, monkeypatch):
    monkeypatch.setattr(listing, "MAX_ORDERS", 2)  # three orders followed through the edits
    path = tmp_path / "copy.sqlite"
    shutil.copy(made, path)
    database = Database(path)
    with Database(path, writer=False) as own:
        index = listing.ContactIndex.build(own.conn, ("name", "city", "code"))
    memory = ContactStore(database)
    memory.index = index
    yield ContactStore(database), memory
    database.close()


EDIT_QUERIES = [
    ContactQuery(),
    ContactQuery(search="zyx"),
    ContactQuery(search="martin p", sort="city"),
    ContactQuery(search="du", descending=True),
    ContactQuery(sort="code", descending=True),
    ContactQuery(search="hel", tag="VIP"),
    ContactQuery(city="Nantes", sort="city"),
    ContactQuery(search="nant", sort="city", descending=True),
]


def same_as_sql(sql, memory) -> None:
    for query in EDIT_QUERIES:
        wanted = expected(sql.conn, query)
        check(memory, query, wanted)


def test_every_edit_is_put_back_in_place(editable):
    sql, memory = editable
    index = memory.index
    same_as_sql(sql, memory)
    new = sql.create({"last_name": "Zyxomartin", "first_name": "Paul", "city": "Nantes", "code": "A0001"}, tags=["VIP"])
    same_as_sql(sql, memory)
    sql.update(new, {"last_name": "Aaron", "city": "Évreux", "code": "Z9999"})
    same_as_sql(sql, memory)
    moved = sql.ids(ContactQuery(search="martin"))[:3]
    for contact_id in moved:
        sql.update(contact_id, {"city": "Nantes", "first_name": "Hélène"})
    same_as_sql(sql, memory)
    sql.set_tags(moved[0], ["VIP"])
    sql.trash(moved[1])
    same_as_sql(sql, memory)
    sql.restore(moved[1])
    snapshot = sql.snapshot(new)
    sql.remove(new)  # the undo of its creation
    same_as_sql(sql, memory)
    sql.reinsert(snapshot)  # and its redo
    same_as_sql(sql, memory)
    assert memory.index is index and not index.stale  # put back one by one, no rebuild
    assert set(index.orders) == {"name", "city", "code"}


def test_a_large_change_asks_for_a_new_index(editable):
    sql, memory = editable
    wanted_calls = []
    memory.index.on_want = lambda: wanted_calls.append(True)
    fill(sql.database, listing.PATCH_MAX + 5, start=50_000, seed=3)
    assert memory._listing(ContactQuery()) is None and memory.index.stale and wanted_calls
    same = expected(sql.conn, ContactQuery(search="hel"))
    assert memory.ids(ContactQuery(search="hel")) == same  # SQL meanwhile
    with Database(sql.database.path, writer=False) as own:
        memory.index = listing.ContactIndex.build(own.conn, ("name", "city", "code"))
    same_as_sql(sql, memory)


def test_uncommitted_changes_are_read_in_sql(editable):
    sql, memory = editable
    query = ContactQuery(search="zyxo")
    with pytest.raises(RuntimeError), sql.database.atomic():
        sql.create({"last_name": "Zyxo"})
        assert memory._listing(query) is None
        assert memory.count(query) == 1
        raise RuntimeError("cancelled")
    check(memory, query, [])


def test_a_sort_not_loaded_is_asked_for(both):
    sql, _memory = both
    memory = ContactStore(sql.database)
    memory.index = listing.ContactIndex.build(sql.conn, ("name", "city"))
    asked = []
    memory.index.on_want = lambda: asked.append(list(memory.index.wanted))
    query = ContactQuery(search="hel", sort="email")
    assert memory._listing(query) is None and asked == [["email"]]
    assert memory.ids(query) == expected(sql.conn, query)  # SQL meanwhile
    memory.index.add_order("email", *listing.read_order(sql.conn, "email"))
    check(memory, query, expected(sql.conn, query))
    assert memory.index.wanted == []
    memory.index.add_order("code", *listing.read_order(sql.conn, "code"))
    assert list(memory.index.orders) == ["name", "email", "code"]  # the least recently used went
    assert len(memory.index.orders) == listing.MAX_ORDERS + 1  # here 2 (the fixture's)


def test_the_change_log_keeps_the_last_entries_only(editable):
    sql, _memory = editable
    fill(sql.database, 3_000, start=60_000, seed=5)
    kept, first, last = sql.database.query("SELECT count(*), min(seq), max(seq) FROM contact_changes")[0]
    assert kept <= 4_096 and last - first + 1 == kept and last > 3_000


def test_text_arrays_sized_from_a_misleading_sample_still_hold_every_text(made, monkeypatch):
    monkeypatch.setattr(search_texts, "_SAMPLE_RUNS", 1)  # the first 8 contacts only: most classes look empty
    monkeypatch.setattr(search_texts, "_SAMPLE_RUN", 8)
    with Database(made, writer=False) as database:
        memory = ContactStore(database)
        memory.index = listing.ContactIndex.build(database.conn)
        for search in ("hel", "martin pa", "et fils", "t0002", "du m"):
            query = ContactQuery(search=search)
            check(memory, query, expected(database.conn, query))


def test_an_empty_file_then_its_first_clients(tmp_path):
    with Database(tmp_path / "empty.sqlite", create=True) as database:
        memory = ContactStore(database)
        with Database(database.path, writer=False) as own:
            memory.index = listing.ContactIndex.build(own.conn, ("name", "city"))
        for query in (ContactQuery(), ContactQuery(search="hel"), ContactQuery(search="du", sort="city")):
            check(memory, query, [])
        first = memory.create({"last_name": "Dupont", "first_name": "Hélène", "city": "Lyon"})
        second = memory.create({"last_name": "Durand", "city": "Évreux"})
        check(memory, ContactQuery(search="hel"), [first])
        check(memory, ContactQuery(search="du", sort="city", descending=True), [first, second])
        check(memory, ContactQuery(), [first, second])


@pytest.mark.parametrize("grouped", [True, False])
def test_a_word_grouped_by_the_next_letter_where_it_ends_a_text_or_is_nowhere(grouped):
    texts = search_texts.Texts(4)
    for contact_id, text in ((1, b"mar"), (2, b"marc mart"), (3, b"paul")):
        texts.put(contact_id, text)
    ids = np.array([1, 2, 3], np.int32)
    mar = search_texts.Followers(b"mar", ids, texts, grouped=grouped)
    assert {chr(b): list(found) for b, found in mar.by_byte.items()} == {"c": [2], "t": [2]}  # « mar » ends 1's text
    nowhere = search_texts.Followers(b"zzz", ids, texts, grouped=grouped)
    assert len(nowhere) == 0 and list(nowhere.followed_by(ord("a"))) == []
