"""The client table's listing in memory, so that a search, a re-sort or a
jump at a million contacts reads only the rows it shows.

For the live contacts it holds the search text of each (Texts,
crmdesk/store/search_texts.py: ~90 MB at a million contacts) and, for the
sort columns in use, their order (ids, 4 MB each). A search
then costs about the number of its matches: the trigram index gives them,
or the previous keystroke's matches are narrowed (« dupo » within « dup »,
« martin p » within « martin »: a short word is tested on the texts in
memory, not on rows read from the file); their ranks in the sort order
sort them; only the rows shown are read, by id. A word of 3 letters found
in many contacts (« mar ») is counted and its rows found page by page
along the sort order; its count is read ahead after its first 2 letters
(`to_count`, `read_words`, `adopt_counts`: the trigram index's counts of
its terms « ma… »), in the background like what follows, and so are the
matches of the likeliest words of 3 letters found in fewer (« dup » after
« du »), put in the order shown.

Typing ahead: after a keystroke, the window waits 150 ms before searching
again; meanwhile a worker thread groups the shown matches by the byte that
follows the word being typed (`to_read`, `read_ahead`, `adopt`: a frequent
word's matches are read from the trigram index first), so that the next
letter (« hele » after « hel », « martin pa » after « martin p ») is a
lookup; their texts are kept side by side for a word added next.

ContactStore (crmdesk/store/contacts.py) asks `ContactIndex.listing` first
and reads SQL when it answers None: not built yet, a sort whose order is
not loaded (`wanted` names it), the trash, a dashboard drill-down. The
index is built in the background from a read-only connection (`build`,
`read_order`: the window's worker, crmdesk/gui/client_model.py) and then
follows the file through db/010's change log (`sync`): the contacts changed
since are read again and put back at their place, so an edit costs
milliseconds. When too much changed (an import), it turns `stale` and the
window builds another.

The window imports this module (and numpy with it) in its worker, after
the first rows are painted: its start-up imports no numpy
(tests/test_startup_imports.py).
"""

from __future__ import annotations

import ctypes
import sqlite3
import sys
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from crmdesk.domain.text import search_terms
from crmdesk.store.contacts import (
    MIN_TRIGRAM,
    SORT_INDEX,
    SORTS,
    ContactQuery,
    fts_match,
)
from crmdesk.store.search_texts import CHUNK, TEXT_SQL, Followers, Matches, Texts, ints, places_in

MAX_ORDERS = 1  # sort orders kept besides the name's (4 MB each at a million contacts)
PATCH_MAX = 256  # changed contacts put back one by one; more: build again
SCAN_MIN = 40_000  # a word of 3 letters found more often: its rows found along the sort order
REFINE_MAX = 150_000  # a previous result narrowed rather than asking the trigram index
AHEAD_MIN = 5_000  # matches grouped ahead by the next letter from this many (fewer: narrowed in < 1 ms)
GROUPED_MAX = REFINE_MAX  # matches read ahead with their texts kept side by side, at most (~10 MB)
_SCAN_CHUNK = 4_096  # contacts of the sort order tested at a time for a frequent word, at most
_SCAN_CHUNK_MIN = 256  # and at least
_SCAN_MAX = 65_536  # contacts scanned from one end before reading all the matches instead
_CACHED = 6  # search results, filters and listings remembered (the last keystrokes)
_GROUPED = 1  # of which with their texts side by side (the last)
_AHEAD = 2  # results grouped by the next letter remembered
READ_WORDS = 4  # after 2 letters, the words of 3 letters read ahead (the most frequent read from the index)


class Ahead(NamedTuple):
    """A result to group ahead by the letter that follows its last word."""

    words: tuple[str, ...]  # the query's words (ContactIndex._matched's key)
    last: str  # the word being typed
    ids: np.ndarray | None  # their matches; None: a frequent word shown by a Scan, read from the trigram index
    order: Order | None = None  # the sort shown: each group put in its order too (the next keystroke sorts nothing)
    groups: list | None = None  # their texts side by side, when already (Matches.groups): not copied again


class Words(NamedTuple):
    """2 letters typed: the words of 3 letters they start, to read ahead."""

    prefix: str
    order: Order  # the sort shown


class WordsRead(NamedTuple):
    """What was read ahead for Words, as the file was at `seq`."""

    seq: int
    counts: dict[str, int]  # see _count_words
    matches: dict[str, tuple[np.ndarray, np.ndarray]]  # likeliest words: their ids, their places in `order`
    order: Order


def _count_words(conn: sqlite3.Connection, prefix: str) -> dict[str, int]:
    """The live contacts holding each word of 3 letters that starts with
    `prefix` (2 letters), inside read_words' transaction: the trigram
    index's own counts of its terms in that range (1–30 ms at a million
    contacts), less the trash for a word found in many."""
    counts = dict(
        conn.execute(
            "SELECT term, doc FROM temp.crmdesk_trigrams WHERE term >= ? AND term < ?",
            (prefix, prefix + "\U0010ffff"),
        )
    )
    for word, count in counts.items():
        if count > SCAN_MIN:  # the only counts shown (Scan); a fewer one only says « not many »
            counts[word] = count - _trashed(conn, word)
    return counts


def _trashed(conn: sqlite3.Connection, word: str) -> int:
    """Contacts in the trash holding `word` (the trigram index counts them too)."""
    return int(
        conn.execute(
            "SELECT count(*) FROM contacts INDEXED BY contacts_trash "
            "WHERE deleted_at IS NOT NULL AND instr(search_text, ?) > 0",
            (word,),
        ).fetchone()[0]
    )


def release_memory() -> None:
    """Give the memory freed after a build back to the system: glibc keeps
    the temporary strings' pages (~20 MB at a million contacts) otherwise."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


def last_change(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT ifnull(max(seq), 0) FROM contact_changes").fetchone()[0])


def read_order(conn: sqlite3.Connection, sort: str) -> tuple[np.ndarray, int]:
    """The live contacts' ids in the ascending order of `sort`, and the
    change log position they reflect (read by key in chunks: a million ids
    as one string would cost three times their memory for a moment)."""
    exprs = ", ".join(SORTS[sort] + ("id",))
    marks = ", ".join("?" for _ in SORTS[sort] + ("id",))
    parts, key = [], None
    conn.execute("BEGIN")
    try:
        seq = last_change(conn)
        while True:
            after = f"AND ({exprs}) > ({marks})" if key is not None else ""
            part = ints(
                conn.execute(
                    f"SELECT group_concat(id) FROM (SELECT id FROM contacts INDEXED BY {SORT_INDEX[sort]} "
                    f"WHERE deleted_at IS NULL {after} ORDER BY {exprs} LIMIT {CHUNK})",
                    key or (),
                ).fetchone()[0]
            )
            if not len(part):
                break
            parts.append(part)
            key = conn.execute(f"SELECT {exprs} FROM contacts WHERE id = ?", (int(part[-1]),)).fetchone()
    finally:
        conn.execute("COMMIT")
    order = np.concatenate(parts) if parts else np.zeros(0, np.int32)
    del parts
    release_memory()
    return order, seq


class Order:
    """The live contacts of one sort, ascending (ids), and their ranks."""

    def __init__(self, ids: np.ndarray, seq: int):
        self.ids = ids
        self.seq = seq
        self._rank: np.ndarray | None = None

    def rank(self, size: int) -> np.ndarray:
        """id -> place in `ids` (-1: none)."""
        if self._rank is None or len(self._rank) < size:
            rank = np.full(max(size, int(self.ids.max()) + 1 if len(self.ids) else 1), -1, np.int32)
            rank[self.ids] = np.arange(len(self.ids), dtype=np.int32)
            self._rank = rank
        return self._rank

    def forget_rank(self) -> None:
        self._rank = None


# -- listings: the contacts of one query, in its sort's ascending order --------------
class Listing:
    count: int

    def ids(self, start: int, stop: int) -> np.ndarray:
        raise NotImplementedError

    def position(self, contact_id: int) -> int | None:
        raise NotImplementedError

    def window(self, start: int, stop: int, descending: bool) -> list[int]:
        """Ids of display rows start..stop (descending: read from the end)."""
        start, stop = max(start, 0), min(stop, self.count)
        if stop <= start:
            return []
        if not descending:
            return self.ids(start, stop).tolist()
        return self.ids(self.count - stop, self.count - start)[::-1].tolist()

    def row(self, contact_id: int, descending: bool) -> int | None:
        place = self.position(contact_id)
        if place is None:
            return None
        return self.count - 1 - place if descending else place


class Whole(Listing):
    """Every live contact."""

    def __init__(self, order: Order, size: int):
        self.order, self.size, self.count = order, size, len(order.ids)

    def ids(self, start, stop):
        return self.order.ids[start:stop]

    def position(self, contact_id):
        rank = self.order.rank(self.size)
        place = int(rank[contact_id]) if 0 <= contact_id < len(rank) else -1
        return place if place >= 0 else None


class Subset(Listing):
    """Some contacts, by their places in the sort order (ascending)."""

    def __init__(self, order: Order, size: int, places: np.ndarray):
        self.order, self.size, self.places, self.count = order, size, places, len(places)

    def ids(self, start, stop):
        return self.order.ids[self.places[start:stop]]

    def position(self, contact_id):
        rank = self.order.rank(self.size)
        if not 0 <= contact_id < len(rank) or rank[contact_id] < 0:
            return None
        at = int(np.searchsorted(self.places, rank[contact_id]))
        return at if at < self.count and self.places[at] == rank[contact_id] else None


class Scan(Listing):
    """The contacts holding a word found in many of them: `count` from the
    trigram index, the rows found along the sort order from either end as
    the table asks (a page needs a few thousand contacts tested); all the
    matches are read (`read_all`) only for a row far from both ends."""

    def __init__(
        self,
        order: Order,
        size: int,
        count: int,
        holds: Callable[[np.ndarray], np.ndarray],
        read_all: Callable[[], Subset],
    ):
        self.order, self.size, self.count = order, size, count
        self.holds, self.read_all = holds, read_all
        self.head: list[np.ndarray] = []  # places found from the start, up to head_end (excluded)
        self.head_end, self.head_found = 0, 0
        self.tail: list[np.ndarray] = []  # places found from the end, down to tail_start
        self.tail_start, self.tail_found = len(order.ids), 0
        self._all: Subset | None = None

    def _scan_head(self, wanted: int) -> bool:
        while self.head_found < wanted and self.head_end < self.tail_start:
            if self.head_end >= _SCAN_MAX:
                return False
            stop = min(self.head_end + self._chunk(wanted - self.head_found, self.head_end), self.tail_start)
            places = np.arange(self.head_end, stop, dtype=np.int32)
            found = places[self.holds(self.order.ids[places])]
            self.head.append(found)
            self.head_found += len(found)
            self.head_end = stop
        return self.head_found >= wanted or self.head_end >= self.tail_start

    def _scan_tail(self, wanted: int) -> bool:
        scanned = len(self.order.ids) - self.tail_start
        while self.tail_found < wanted and self.tail_start > self.head_end:
            if scanned >= _SCAN_MAX:
                return False
            start = max(self.tail_start - self._chunk(wanted - self.tail_found, scanned), self.head_end)
            places = np.arange(start, self.tail_start, dtype=np.int32)
            found = places[self.holds(self.order.ids[places])]
            self.tail.insert(0, found)
            self.tail_found += len(found)
            scanned += self.tail_start - start
            self.tail_start = start
        return self.tail_found >= wanted or self.tail_start <= self.head_end

    def _chunk(self, missing: int, tested: int) -> int:
        """Contacts to test for `missing` more matches, `tested` from this end
        already: as many as the count says they take, half as many again
        (each test reads texts from all over memory: a keystroke's cost), and
        at least as many as tested so far (matches come in clusters along
        an order)."""
        needed = missing * len(self.order.ids) * 3 // (2 * max(self.count, 1))
        return min(_SCAN_CHUNK, max(_SCAN_CHUNK_MIN, needed, tested))

    def _places(self) -> np.ndarray:
        return np.concatenate(self.head + self.tail) if self.head or self.tail else np.zeros(0, np.int32)

    def _everything(self) -> Subset:
        if self._all is None:
            self._all = self.read_all()
        return self._all

    def ids(self, start, stop):
        if self._all is None:
            from_end = self.count - start
            if start <= self.count - stop:
                found = self._scan_head(stop)
            else:
                found = self._scan_tail(from_end)
            if self.head_end >= self.tail_start:  # met: every match is known
                self._all = Subset(self.order, self.size, self._places())
            elif found and start <= self.count - stop:
                return self.order.ids[np.concatenate(self.head)[start:stop]]
            elif found:
                tail = np.concatenate(self.tail)
                return self.order.ids[tail[len(tail) - from_end : len(tail) - (self.count - stop)]]
        return self._everything().ids(start, stop)

    def position(self, contact_id):
        if self._all is None:
            rank = self.order.rank(self.size)
            if not 0 <= contact_id < len(rank) or rank[contact_id] < 0:
                return None
            if not self.holds(np.array([contact_id], np.int32))[0]:
                return None
            place = int(rank[contact_id])
            if place < self.head_end:
                return int(np.searchsorted(np.concatenate(self.head), place))
            if place >= self.tail_start:
                tail = np.concatenate(self.tail)
                return self.count - len(tail) + int(np.searchsorted(tail, place))
        return self._everything().position(contact_id)


# -- the index -------------------------------------------------------------------------
class ContactIndex:
    """The live contacts' search texts and sort orders, kept in step with the file."""

    def __init__(self, texts: Texts, seq: int):
        self.texts = texts
        self.seq = seq  # change log position of the texts
        self.orders: OrderedDict[str, Order] = OrderedDict()
        self.wanted: list[str] = []  # sort orders asked for and not loaded
        self.stale = False  # too much changed: build another index
        self.on_want: Callable[[], None] | None = None  # told when something is wanted or stale
        self._matches: OrderedDict[tuple[str, ...], Matches] = OrderedDict()
        self._trigrams: dict[str, int] = {}
        self._filters: OrderedDict[ContactQuery, np.ndarray] = OrderedDict()
        self._listings: OrderedDict[ContactQuery, Listing] = OrderedDict()
        self._last_sorted: tuple[Order, np.ndarray, Subset] | None = None  # « martin » after « marti »: same ids
        self.to_read: Ahead | None = None  # the shown result, to group ahead by the next letter
        self._ahead: OrderedDict[tuple[tuple[str, ...], str], Followers] = OrderedDict()  # such results, grouped
        self.to_count: Words | None = None  # 2 letters typed: the words of 3 letters they start, to read ahead
        self._counts: OrderedDict[str, WordsRead] = OrderedDict()  # by prefix

    @classmethod
    def build(cls, conn: sqlite3.Connection, sorts=("name",), check: Callable[[], None] = lambda: None) -> ContactIndex:
        """Read from the file (a read-only connection of the caller's thread)."""
        conn.execute("BEGIN")
        try:
            seq = last_change(conn)
            index = cls(Texts.read(conn, check), seq)
        finally:
            conn.execute("COMMIT")
        for sort in dict.fromkeys(("name", *sorts)):
            check()
            index.add_order(sort, *read_order(conn, sort))
        index.orders["name"].rank(index.texts.size)  # a short word's first keystroke looks names up by rank
        release_memory()
        return index

    def add_order(self, sort: str, ids: np.ndarray, seq: int) -> None:
        self.orders[sort] = Order(ids, seq)
        self.orders.move_to_end(sort)
        if sort in self.wanted:
            self.wanted.remove(sort)
        while len(self.orders) > MAX_ORDERS + 1:
            oldest = next(s for s in self.orders if s != "name")
            del self.orders[oldest]
        self._forget()

    def has(self, sort: str) -> bool:
        return sort in self.orders and not self.stale

    def nbytes(self) -> int:
        return self.texts.nbytes() + sum(
            o.ids.nbytes + (o._rank.nbytes if o._rank is not None else 0) for o in self.orders.values()
        )

    # -- keeping in step with the file -------------------------------------------------
    def sync(self, conn: sqlite3.Connection) -> bool:
        """Put back the contacts changed since the index was read; False when
        it cannot be used now (inside a transaction: uncommitted changes the
        log may lose; or stale)."""
        if self.stale or conn.in_transaction:
            return False
        last = last_change(conn)
        since = min([self.seq] + [o.seq for o in self.orders.values()])
        if last <= since:
            return True
        changes = conn.execute(
            "SELECT seq, contact_id FROM contact_changes WHERE seq > ? ORDER BY seq", (since,)
        ).fetchall()
        if not changes or changes[0][0] != since + 1 or len({c for _, c in changes}) > PATCH_MAX:
            self._go_stale()  # the log was pruned past us, or too much changed
            return False
        ids = sorted({c for s, c in changes if s > self.seq})
        if ids:
            self._patch_texts(conn, ids)
        for sort, order in self.orders.items():
            changed = sorted({c for s, c in changes if s > order.seq})
            if changed:
                self._patch_order(conn, sort, order, changed)
            order.seq = last
        self.seq = last
        self._forget()
        return True

    def _go_stale(self) -> None:
        self.stale = True
        self._forget()
        if self.on_want is not None:
            self.on_want()

    def _forget(self) -> None:
        self._matches.clear()
        self._trigrams.clear()
        self._filters.clear()
        self._listings.clear()
        self._ahead.clear()
        self.to_read = None
        self._last_sorted = None

    def _patch_texts(self, conn: sqlite3.Connection, ids: list[int]) -> None:
        marks = ", ".join("?" for _ in ids)
        live = {
            row[0]: bytes(row[1] or b"")
            for row in conn.execute(
                f"SELECT id, {TEXT_SQL} FROM contacts WHERE deleted_at IS NULL AND id IN ({marks})", ids
            )
        }
        for contact_id in ids:
            self.texts.put(contact_id, live.get(contact_id))

    def _patch_order(self, conn: sqlite3.Connection, sort: str, order: Order, ids: list[int]) -> None:
        """Take the changed contacts out of the order and put the live ones
        back before the first unchanged contact that follows them."""
        exprs = SORTS[sort] + ("id",)
        size = max(self.texts.size, int(order.ids.max()) + 1 if len(order.ids) else 0, ids[-1] + 1)
        changed = np.zeros(size, bool)
        changed[ids] = True
        kept = order.ids[~changed[order.ids]]
        marks = ", ".join("?" for _ in ids)
        moved = conn.execute(
            f"SELECT {', '.join(exprs)} FROM contacts WHERE deleted_at IS NULL AND id IN ({marks}) "
            f"ORDER BY {', '.join(exprs)}",
            ids,
        ).fetchall()
        if moved:
            rank = np.full(size, -1, np.int64)
            rank[kept] = np.arange(len(kept))
            places = [self._place_before(conn, sort, tuple(key), changed, rank, len(kept)) for key in moved]
            kept = np.insert(kept, places, np.array([key[-1] for key in moved], np.int32))
        order.ids = kept.astype(np.int32, copy=False)
        order.forget_rank()

    @staticmethod
    def _place_before(conn, sort: str, key: tuple, changed: np.ndarray, rank: np.ndarray, end: int) -> int:
        exprs = ", ".join(SORTS[sort] + ("id",))
        marks = ", ".join("?" for _ in key)
        limit = 8
        while True:
            following = [
                r[0]
                for r in conn.execute(
                    f"SELECT id FROM contacts INDEXED BY {SORT_INDEX[sort]} WHERE deleted_at IS NULL "
                    f"AND ({exprs}) > ({marks}) ORDER BY {exprs} LIMIT ?",
                    (*key, limit),
                )
            ]
            for contact_id in following:
                if contact_id >= len(changed) or not changed[contact_id]:
                    return int(rank[contact_id]) if contact_id < len(rank) and rank[contact_id] >= 0 else end
            if len(following) < limit:
                return end
            limit *= 4

    # -- answering the table -----------------------------------------------------------
    def listing(
        self, conn: sqlite3.Connection, query: ContactQuery, filters: Callable[[ContactQuery], tuple[list[str], list]]
    ) -> Listing | None:
        """The contacts of `query` in its sort's ascending order, or None
        (then the caller reads SQL). `filters(query)` gives the SQL clauses
        of its filters (a search left out)."""
        if query.trash or query.bought is not None or query.complained is not None:
            return None
        if not self.sync(conn):
            return None
        order = self.orders.get(query.sort)
        if order is None:
            if query.sort not in self.wanted:
                self.wanted.append(query.sort)
                if self.on_want is not None:
                    self.on_want()
            return None
        self.orders.move_to_end(query.sort)
        for sort, other in self.orders.items():  # ranks of the orders in use only (4 MB each)
            if sort not in ("name", query.sort):
                other.forget_rank()
        key = query.with_(descending=False)
        found = self._listings.get(key)
        if found is None:
            found = self._make(conn, key, order, filters)
            self._remember(self._listings, key, found)
        return found

    def _make(self, conn, query: ContactQuery, order: Order, filters) -> Listing:
        size = self.texts.size
        chosen = self._chosen(conn, query, filters)
        terms = search_terms(query.search)
        if not terms:
            if chosen is None:
                return Whole(order, size)
            return Subset(order, size, np.flatnonzero(chosen[order.ids]).astype(np.int32))
        if all(len(t) < MIN_TRIGRAM for t in terms):
            if len(terms) == 1 and len(terms[0]) == MIN_TRIGRAM - 1 and self._counted(terms[0]) is None:
                self.to_count = Words(terms[0], order)  # the next letter makes a word of 3 letters: read ahead
                if self.on_want is not None:
                    self.on_want()
            places = self._name_start(conn, terms)
            if query.sort == "name" and chosen is None and len(terms) == 1:
                return Subset(order, size, places)  # already in the name order
            ids = self.orders["name"].ids[places]
            for word in dict.fromkeys(terms[1:]):
                ids = ids[self.texts.holding(ids, word.encode())]
        else:
            ids = self._matched(conn, terms, order)
            if ids is None:  # a frequent word: found along the order as the table asks
                word = terms[0]

                def read_all():
                    return self._sorted(order, size, self._read_matches(conn, [word]))

                if chosen is not None:
                    ids = read_all().ids(0, len(order.ids))
                else:
                    self._ask_ahead(Ahead((word,), word, None, order))
                    return Scan(
                        order,
                        size,
                        self._frequent_count(conn, word),
                        lambda some: self.texts.holding(some, word.encode()),
                        read_all,
                    )
        if chosen is not None:
            ids = ids[chosen[ids]]
        return self._sorted(order, size, ids)

    # -- typing ahead (a worker thread) ------------------------------------------------------
    def _ask_ahead(self, ahead: Ahead) -> None:
        if (ahead.words, ahead.last) not in self._ahead:
            self.to_read = ahead
            if self.on_want is not None:
                self.on_want()

    def read_ahead(
        self, conn: sqlite3.Connection | None, ahead: Ahead, seq: int, check: Callable[[], None] = lambda: None
    ) -> Followers | None:
        """In a worker thread, with a read-only connection of its own: the
        matches of `ahead` by the byte that follows its last word (their
        texts side by side up to GROUPED_MAX), if the file is still at `seq`
        (the index's position when asked: the texts read are those the
        matches were found in); `adopt` keeps them if it still is then.
        `check` stops it (raises) when another keystroke makes it moot."""
        ids = ahead.ids
        if ids is None:
            conn.execute("BEGIN")
            try:
                if last_change(conn) != seq:
                    return None
                ids = self._read_matches(conn, [ahead.last])
            finally:
                conn.execute("COMMIT")
        return Followers(
            ahead.last.encode(),
            ids,
            self.texts,
            grouped=len(ids) <= GROUPED_MAX,
            check=check,
            order=ahead.order,
            groups=ahead.groups,
        )

    def read_words(self, conn: sqlite3.Connection, words: Words, check: Callable[[], None] = lambda: None) -> WordsRead:
        """In a worker thread, with a read-only connection of its own: the
        counts of the words of 3 letters `words.prefix` starts (_count_words),
        and the matches of the READ_WORDS most frequent of those the next
        keystroke would read from the trigram index (AHEAD_MIN to SCAN_MIN
        contacts: 2–5 ms each at a million), in the order shown."""
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.crmdesk_trigrams USING fts5vocab(main, 'contacts_fts', 'row')"
        )
        conn.execute("BEGIN")
        try:
            seq = last_change(conn)
            counts = _count_words(conn, words.prefix)
            likeliest = sorted((c, w) for w, c in counts.items() if AHEAD_MIN <= c <= SCAN_MIN)[-READ_WORDS:]
            rank, matches = words.order.rank(self.texts.size), {}
            for _, word in likeliest:
                check()
                ids = self._read_matches(conn, [word])
                matches[word] = (ids, places_in(rank, ids))
        finally:
            conn.execute("COMMIT")
        return WordsRead(seq, counts, matches, words.order)

    def adopt_counts(self, prefix: str, found: WordsRead) -> bool:
        """Keep what read_words found, valid while the file stays at its `seq`."""
        if self.stale or found.seq != self.seq:
            return False
        for older in self._counts.values():
            older.matches.clear()  # the last prefix's words only (memory)
        self._remember(self._counts, prefix, found)
        return True

    def _counted(self, word: str) -> dict[str, int] | None:
        """The counts read ahead for the words starting as `word`, if still true."""
        found = self._counts.get(word[: MIN_TRIGRAM - 1])
        return found.counts if found is not None and found.seq == self.seq else None

    def _read_for(self, word: str) -> np.ndarray | None:
        """The matches of a word of 3 letters read ahead, if still true (and
        their places in the order shown, for _sorted)."""
        found = self._counts.get(word[: MIN_TRIGRAM - 1])
        if found is None or found.seq != self.seq or word not in found.matches:
            return None
        ids, places = found.matches[word]
        self._sorted_ahead(found.order, ids, places)
        return ids

    def adopt(self, ahead: Ahead, seq: int, found: Followers) -> bool:
        """Keep what read_ahead found, when the index has not moved since."""
        if self.stale or seq != self.seq:
            return False
        self._remember(self._ahead, (ahead.words, ahead.last), found, _AHEAD)
        if found.groups is not None:  # the texts side by side, for a word added next (« martin p »)
            known = self._matches.get(ahead.words)
            if known is None or known.ids is not found.ids:
                known = Matches(found.ids)
            known.groups, found.groups = found.groups, None  # kept by the newest result only (_GROUPED)
            self._remember_matches(ahead.words, known)
        return True

    def _sorted(self, order: Order, size: int, ids: np.ndarray) -> Subset:
        last = self._last_sorted
        if last is not None and last[0] is order and last[1] is ids:
            return last[2]
        subset = self._sort(order, size, ids)
        self._last_sorted = (order, ids, subset)
        return subset

    def _sorted_ahead(self, order: Order, ids: np.ndarray, places: np.ndarray) -> None:
        """`ids` as a worker already put them in `order` (their `places`): what _sorted answers for them."""
        self._last_sorted = (order, ids, Subset(order, self.texts.size, places))

    def _sort(self, order: Order, size: int, ids: np.ndarray) -> Subset:
        rank = order.rank(size)
        if len(ids) <= len(order.ids) // 32:
            return Subset(order, size, places_in(rank, ids))
        places = rank[ids]  # many: a mark per place, read in order
        marks = np.zeros(len(order.ids), bool)
        marks[places[places >= 0]] = True
        return Subset(order, size, np.flatnonzero(marks).astype(np.int32))

    def _name_start(self, conn, terms: list[str]) -> np.ndarray:
        """Places in the name order of the names starting with the first word
        (one range: two seeks in the name index)."""
        order = self.orders["name"]
        first = terms[0]
        bounds = []
        for start in (first, first + "\U0010ffff"):
            row = conn.execute(
                "SELECT id FROM contacts INDEXED BY contacts_by_name WHERE deleted_at IS NULL "
                "AND name_key >= ? ORDER BY name_key, id LIMIT 1",
                (start,),
            ).fetchone()
            bounds.append(len(order.ids) if row is None else int(order.rank(self.texts.size)[row[0]]))
        return np.arange(bounds[0], max(bounds), dtype=np.int32)

    def _matched(self, conn, terms: list[str], order: Order) -> np.ndarray | None:
        """Ids of the live contacts holding every word (one of 3 letters or
        more among them); None for one word of 3 letters found in more
        contacts than SCAN_MIN (then Scan finds the rows shown)."""
        words = tuple(sorted(set(terms)))
        found = self._matches.get(words)
        if found is None:
            found = self._match(conn, words)
            if found is None:
                return None
            self._remember_matches(words, found)
        self._matches.move_to_end(words)
        if len(found) >= AHEAD_MIN:
            self._ask_ahead(Ahead(words, terms[-1], found.ids, order, found.groups))
        return found.ids

    def _remember_matches(self, words: tuple[str, ...], found: Matches) -> None:
        self._remember(self._matches, words, found)
        for older in list(self._matches.values())[:-_GROUPED]:
            older.groups = None  # texts side by side for the last keystrokes only

    def _match(self, conn, words: tuple[str, ...]) -> Matches | None:
        typed_on = self._typed_on(words)
        if typed_on is not None:
            return Matches(typed_on)
        # the same words typed further (« dupo » after « dup »): narrow the
        # smallest such result, the last one (its texts side by side) first
        bases = [
            (len(found), found.groups is None, len(words) - len(set(words) & set(previous)), -age, previous)
            for age, (previous, found) in enumerate(self._matches.items())
            if len(found) <= REFINE_MAX and all(any(p in w for w in words) for p in previous)
        ]
        if bases:
            previous = min(bases)[-1]
            self._matches.move_to_end(previous)  # a base in use (« mar » for « mart », « mari ») stays
            found, todo = self._matches[previous], [w for w in words if w not in previous]
        else:
            short = [w for w in words if len(w) < MIN_TRIGRAM]
            if len(words) == 1 and len(words[0]) == MIN_TRIGRAM:
                if self._in_many(conn, words[0]):
                    return None
                read = self._read_for(words[0])
                if read is not None:
                    return Matches(read)
            found, todo = Matches(self._read_matches(conn, words)), short
        for word in todo:
            found = found.narrowed(self.texts, word.encode())
        return found

    def _typed_on(self, words: tuple[str, ...]) -> np.ndarray | None:
        """The matches of `words` when they are a result grouped ahead with a
        byte more on its last word (« hele » after « hel », « martin pa »
        after « martin p »): those followed by that byte."""
        typed = set(words)
        for (before, last), followers in reversed(self._ahead.items()):
            rest = set(before) - {last}
            new = typed - rest
            if len(new) != 1 or not rest <= typed:
                continue
            word, prefix = new.pop().encode(), last.encode()
            if len(word) == len(prefix) + 1 and word.startswith(prefix):
                self._ahead.move_to_end((before, last))
                if before in self._matches:  # a base in use (« mar » for « mart », « mari ») stays
                    self._matches.move_to_end(before)
                ids = followers.followed_by(word[-1])
                if followers.order is not None:  # put in the order shown when grouped
                    self._sorted_ahead(followers.order, ids, followers.in_order(word[-1]))
                return ids
        return None

    def _in_many(self, conn, word: str) -> bool:
        """A word of 3 letters found in more contacts than SCAN_MIN."""
        counts = self._counted(word)
        if counts is not None:
            return counts.get(word, 0) > SCAN_MIN
        return self._trigram_count(conn, word) > SCAN_MIN

    def _trigram_count(self, conn, word: str) -> int:
        """Contacts (the trash too) holding a word of 3 letters: the trigram
        index's count of one term is cheap (no positions to compare)."""
        count = self._trigrams.get(word)
        if count is None:
            count = self._trigrams[word] = int(
                conn.execute(
                    "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?", (fts_match([word]),)
                ).fetchone()[0]
            )
        return count

    def _read_matches(self, conn, words) -> np.ndarray:
        """The live contacts the trigram index finds for the long words (the
        short ones are left to the caller)."""
        text = conn.execute(
            "SELECT group_concat(rowid) FROM contacts_fts WHERE contacts_fts MATCH ?", (fts_match(words),)
        ).fetchone()[0]
        return self.texts.live(ints(text))

    def _frequent_count(self, conn, word: str) -> int:
        """Live contacts holding a word found in many: counted ahead
        (read_words), or the trigram index's count less the trash's."""
        counts = self._counted(word)
        if counts is not None and counts.get(word, 0) > SCAN_MIN:
            return counts[word]
        return self._trigram_count(conn, word) - _trashed(conn, word)

    def _chosen(self, conn, query: ContactQuery, filters) -> np.ndarray | None:
        """A mark per id for the contacts the filters keep (None: no filter)."""
        plain = query.with_(search="", sort="name")
        if plain == ContactQuery():
            return None
        marks = self._filters.get(plain)
        if marks is None:
            clauses, params = filters(plain)
            ids = ints(
                conn.execute(f"SELECT group_concat(id) FROM contacts WHERE {' AND '.join(clauses)}", params).fetchone()[
                    0
                ]
            )
            marks = np.zeros(max(self.texts.size, int(ids.max()) + 1 if len(ids) else 0), bool)
            marks[ids] = True
            self._remember(self._filters, plain, marks)
        return marks

    @staticmethod
    def _remember(cache: OrderedDict, key, value, kept: int = _CACHED) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > kept:
            cache.popitem(last=False)
