"""The search text of every live contact in memory, for the client table's
in-memory listing (crmdesk/store/listing.py): fixed-width numpy byte
strings, one array per length class (~90 MB at a million contacts), so
that a word is looked for in many texts at once (numpy.strings.find), and
those of a search's matches can be kept side by side for the next keystroke.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import numpy as np

# numpy loads np.strings at its first use: here, in the worker, not at the first search keystroke
import numpy.strings

# Widths (bytes) of the length classes: a text is kept in the narrowest
# that holds it, padded with \x01 (no search word holds a control
# character: crmdesk.domain.text.search_terms); longer texts, and those
# changed since the build, are kept in a dict.
WIDTHS = (16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 144, 160, 192, 224, 256)
_EXTRA = 254  # klass of a text kept in Texts.extra
_GONE = 255  # klass of an id that is no live contact
_PAD = b"\x01" * WIDTHS[-1]
CHUNK = 8_192  # contacts read per statement while building (small: less memory for a moment)
_SAMPLE_RUNS, _SAMPLE_RUN = 64, 128  # contacts measured to size the text arrays

TEXT_SQL = "CAST(substr(search_text, 1, length(search_text)) AS BLOB)"  # SQLite's text ends at a NUL
_KLASS = "CASE " + " ".join(f"WHEN n <= {w} THEN {i}" for i, w in enumerate(WIDTHS)) + f" ELSE {_EXTRA} END"
_WIDTH = "CASE " + " ".join(f"WHEN n <= {w} THEN {w}" for w in WIDTHS) + " ELSE 0 END"


def ints(text, dtype=np.int32) -> np.ndarray:
    """« 3,1,2 » (SQLite's group_concat) -> an array."""
    if not text:
        return np.zeros(0, dtype)
    if isinstance(text, bytes):
        text = text.decode("ascii")
    return np.fromstring(text, dtype=dtype, sep=",")


def grown(array: np.ndarray, size: int, fill) -> np.ndarray:
    """`array` with room for `size` items, the new ones `fill`."""
    if len(array) >= size:
        return array
    bigger = np.full(max(size, len(array) + len(array) // 4), fill, array.dtype)
    bigger[: len(array)] = array
    return bigger


def _grown_strings(array: np.ndarray, used: int, needed: int) -> np.ndarray:
    bigger = np.empty(max(needed, len(array) + len(array) // 2), array.dtype)
    bigger[:used] = array[:used]
    return bigger


def _class_shares(conn: sqlite3.Connection, top: int) -> np.ndarray:
    """The share of the live contacts in each length class, from 64 runs of
    128 ids spread over the file (to size the arrays before reading them all)."""
    counts = np.zeros(len(WIDTHS) + 1)
    for start in np.linspace(1, max(top - _SAMPLE_RUN, 1), _SAMPLE_RUNS, dtype=np.int64):
        for klass, count in conn.execute(
            f"SELECT {_KLASS} AS k, count(*) FROM (SELECT length({TEXT_SQL}) AS n FROM contacts "
            "WHERE deleted_at IS NULL AND id BETWEEN ? AND ?) GROUP BY k",
            (int(start), int(start) + _SAMPLE_RUN),
        ):
            counts[min(int(klass), len(WIDTHS))] += count
    return counts / max(counts.sum(), 1)


class Texts:
    """The search text of every live contact, by id."""

    def __init__(self, size: int):
        self.klass = np.full(size, _GONE, np.uint8)
        self.slot = np.zeros(size, np.int32)
        self.arrays: list[np.ndarray] = [np.empty(0, f"S{w}") for w in WIDTHS]
        self.extra: dict[int, bytes] = {}

    @classmethod
    def read(cls, conn: sqlite3.Connection, check: Callable[[], None]) -> Texts:
        """From the file, inside the caller's read transaction (one snapshot)."""
        factory = conn.text_factory
        conn.text_factory = bytes  # the texts as stored, byte for byte
        try:
            return cls._read(conn, check)
        finally:
            conn.text_factory = factory

    @classmethod
    def _read(cls, conn: sqlite3.Connection, check: Callable[[], None]) -> Texts:
        live = int(conn.execute("SELECT value FROM counters WHERE name = 'contacts_live'").fetchone()[0])
        top = int(conn.execute("SELECT ifnull(max(id), 0) FROM contacts").fetchone()[0])
        texts = cls(top + 1)
        # sized from a sample (a class found fuller grows): one pass over the file, not two
        texts.arrays = [
            np.empty(int(share * live * 1.25) + 64, f"S{w}") for share, w in zip(_class_shares(conn, top), WIDTHS)
        ]
        filled = [0] * len(WIDTHS)
        last = 0
        while True:
            check()
            # materialized: each text is cut and measured once, not once per CASE branch
            groups = conn.execute(
                f"WITH cut AS MATERIALIZED (SELECT id, {TEXT_SQL} AS b FROM contacts "
                f"WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT {CHUNK}), "
                "sized AS MATERIALIZED (SELECT id, b, length(b) AS n FROM cut) "
                f"SELECT k, max(id), group_concat(id), CASE WHEN k < {_EXTRA} THEN "
                "group_concat(substr(CAST(b || ? AS BLOB), 1, w), '') END "
                f"FROM (SELECT id, b, {_KLASS} AS k, {_WIDTH} AS w FROM sized) GROUP BY k",
                (last, _PAD),
            ).fetchall()
            if not groups:
                break
            for klass, top_id, group_ids, joined in groups:
                klass, group_ids = int(klass), ints(group_ids)
                last = max(last, int(top_id))
                if klass == _EXTRA:
                    texts._read_extra(conn, group_ids)
                    continue
                at, array = filled[klass], texts.arrays[klass]
                if at + len(group_ids) > len(array):
                    array = texts.arrays[klass] = _grown_strings(array, at, at + len(group_ids))
                array[at : at + len(group_ids)] = np.frombuffer(joined, f"S{WIDTHS[klass]}")
                texts.klass[group_ids] = klass
                texts.slot[group_ids] = np.arange(at, at + len(group_ids), dtype=np.int32)
                filled[klass] += len(group_ids)
        # the room left unused was never written: those pages take no memory
        texts.arrays = [array[:used] for array, used in zip(texts.arrays, filled)]
        return texts

    def _read_extra(self, conn: sqlite3.Connection, ids) -> None:
        for start in range(0, len(ids), 500):
            part = [int(i) for i in ids[start : start + 500]]
            for contact_id, text in conn.execute(
                f"SELECT id, {TEXT_SQL} FROM contacts WHERE id IN ({', '.join('?' for _ in part)})", part
            ):
                self.put(int(contact_id), bytes(text or b""))

    @property
    def size(self) -> int:
        return len(self.klass)

    def put(self, contact_id: int, text: bytes | None) -> None:
        """A contact's text (None: no longer a live contact)."""
        if contact_id >= len(self.klass):
            self.klass = grown(self.klass, contact_id + 1, _GONE)
            self.slot = grown(self.slot, contact_id + 1, 0)
        if text is None:
            self.klass[contact_id] = _GONE
            self.extra.pop(contact_id, None)
        else:
            self.klass[contact_id] = _EXTRA
            self.extra[contact_id] = text

    def live(self, ids: np.ndarray) -> np.ndarray:
        ids = ids[(ids >= 0) & (ids < len(self.klass))]
        return ids[self.klass[ids] != _GONE]

    def groups(self, ids: np.ndarray) -> list[tuple[np.ndarray, np.ndarray | list[bytes]]]:
        """The texts of `ids` (live contacts) side by side, by length class:
        (indexes in `ids`, their texts); a search then reads them in a row."""
        klass = self.klass[ids]
        counts = np.bincount(klass, minlength=256)
        by_class = np.argsort(klass, kind="stable")  # a counting sort: one pass
        found, start = [], 0
        for number in np.flatnonzero(counts):
            where = by_class[start : start + counts[number]]
            start += counts[number]
            if number == _EXTRA:
                found.append((where, [self.extra[int(i)] for i in ids[where]]))
            elif number != _GONE:
                found.append((where, self.arrays[number][self.slot[ids[where]]]))
        return found

    def holding(self, ids: np.ndarray, word: bytes) -> np.ndarray:
        """Which of `ids` (live contacts) hold `word` in their search text."""
        found = np.zeros(len(ids), bool)
        for where, values in self.groups(ids):
            found[where] = _holding(values, word)
        return found

    def nbytes(self) -> int:
        return (
            sum(a.nbytes for a in self.arrays)
            + self.klass.nbytes
            + self.slot.nbytes
            + sum(len(t) + 80 for t in self.extra.values())
        )


def _holding(values, word: bytes) -> np.ndarray:
    if isinstance(values, list):
        return np.array([word in v for v in values], bool)
    return np.strings.find(values, word) >= 0


class Matches:
    """The live contacts holding some words (ids) and, once a longer word
    was looked for among them, their texts side by side (`groups`), so that
    the next keystroke reads them in a row."""

    def __init__(self, ids: np.ndarray):
        self.ids = ids
        self.groups: list | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def narrowed(self, texts: Texts, word: bytes) -> Matches:
        groups = self.groups if self.groups is not None else texts.groups(self.ids)
        hits = [_holding(values, word) for _, values in groups]
        if all(hit.all() for hit in hits):  # « marti » after « mart »: the same contacts, nothing copied
            same = Matches(self.ids)
            same.groups = groups
            return same
        keep = np.zeros(len(self.ids), bool)
        for (where, _), hit in zip(groups, hits):
            keep[where[hit]] = True
        renumber = np.cumsum(keep) - 1
        narrowed = Matches(self.ids[keep])
        narrowed.groups = [
            (renumber[where[hit]], [v for v, h in zip(values, hit) if h] if isinstance(values, list) else values[hit])
            for (where, values), hit in zip(groups, hits)
        ]
        return narrowed


def places_in(rank: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The places of `ids` in a sort (rank: id -> place, -1 for none), ascending."""
    places = rank[ids]
    places = places[places >= 0]
    places.sort()
    return places


class Followers:
    """The contacts holding a word being typed, by the byte that follows it
    in their text (« mar » followed by « t »: those holding « mart »), so
    that the next keystroke is a lookup rather than a search among 100,000s.
    Built in a worker thread from the word's matches (`ids`) and their
    texts; with `grouped`, those texts are kept side by side (`groups`, as
    in Matches; those given when they already are) for a word added next
    (« martin p »). Given the sort `order` shown (anything with
    `rank(size)`: id -> place, -1 for none), each group is also kept as
    places in that order, ascending (`in_order`), so that the next
    keystroke does not sort its result."""

    _CHUNK = 32_768  # contacts' texts copied side by side at a time, when not kept (a few MB at most)

    def __init__(
        self,
        word: bytes,
        ids: np.ndarray,
        texts: Texts,
        grouped: bool = False,
        check: Callable[[], None] = lambda: None,
        order=None,
        groups: list | None = None,
    ):
        self.ids = ids
        self.order = order
        if groups is None and grouped:
            groups = texts.groups(ids)
        self.groups: list | None = groups
        rows, after = [], []
        if self.groups is not None:
            self._find(word, self.groups, 0, rows, after, check)
        else:
            for first in range(0, len(ids), self._CHUNK):
                check()
                self._find(word, texts.groups(ids[first : first + self._CHUNK]), first, rows, after, check)
        rows_all = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        after_all = np.concatenate(after) if after else np.zeros(0, np.uint8)
        # by byte, each contact once, in the order of `ids` (ascending)
        pairs = np.sort(after_all.astype(np.int64) << 32 | rows_all)  # (np.unique hashes: 10x slower here)
        first = np.ones(len(pairs), bool)
        first[1:] = pairs[1:] != pairs[:-1]
        pairs = pairs[first]
        bytes_, places = pairs >> 32, pairs & 0xFFFFFFFF
        starts = np.searchsorted(bytes_, np.arange(257))
        self.by_byte = {
            int(b): ids[places[starts[b] : starts[b + 1]]] for b in np.flatnonzero(np.diff(starts)) if b != 1
        }
        # each group in the order shown (small arrays one at a time: the window's peak memory)
        rank = None if order is None else order.rank(texts.size)
        self._in_order = {} if rank is None else {b: places_in(rank, found) for b, found in self.by_byte.items()}

    @staticmethod
    def _find(word: bytes, groups: list, first: int, rows: list, after: list, check: Callable[[], None]) -> None:
        """Every occurrence of `word` in these texts: the place of its contact
        (from `first` on) and the byte after it. `check` may stop it (raises)."""
        for where, values in groups:
            check()
            where = where + first
            if isinstance(values, list):
                for at, text in zip(where, values):
                    start = text.find(word)
                    while 0 <= start < len(text) - len(word):
                        rows.append(np.array([at], np.int64))
                        after.append(np.array([text[start + len(word)]], np.uint8))
                        start = text.find(word, start + 1)
                continue
            width = values.dtype.itemsize
            grid = values.view(np.uint8).reshape(-1, width)
            place = np.arange(len(values))
            found = np.strings.find(values, word)
            while True:  # each occurrence in turn: « mar » twice in « martin marie »
                kept = (found >= 0) & (found < width - len(word))
                place, found = place[kept], found[kept]
                if not len(place):
                    break
                rows.append(where[place])
                after.append(grid[place, found + len(word)])
                found = np.strings.find(values[place], word, found + 1)

    def __len__(self) -> int:
        return sum(len(found) for found in self.by_byte.values())

    def followed_by(self, byte: int) -> np.ndarray:
        """Those holding the word and then `byte`, in the order of `ids`."""
        return self.by_byte.get(byte, np.zeros(0, np.int32))

    def in_order(self, byte: int) -> np.ndarray:
        """Those of followed_by(byte) as places in the sort `order`, ascending."""
        return self._in_order.get(byte, np.zeros(0, np.int32))
