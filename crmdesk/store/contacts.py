"""Contacts: create/edit/trash, tags, and the paged, sorted, searched listing.

Listing is paged by key: every sortable column has an index on
(expression, id), and a page is read with a row-value comparison from the
nearest known row, so the client table never loads the whole file. The
window attaches an in-memory index (`index`: crmdesk/store/listing.py) once
it is built in the background; listings it can answer (a search, a sort
whose order it holds) are then counted and paged in memory and only the
rows shown are read; the others, and every listing before it is ready,
are read here in SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from crmdesk.domain import client_codes as codes
from crmdesk.domain import contact as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.text import fold, search_terms
from crmdesk.i18n import N_, _
from crmdesk.store import concurrency
from crmdesk.store.database import Database, now_iso
from crmdesk.store.server import on_server

if TYPE_CHECKING:  # numpy: imported by the window's worker only
    from crmdesk.store.listing import ContactIndex, Listing

# Sortable columns -> SQL expressions, matching the indexes of db/001 and db/002
# (the same text as the index, so that SQLite walks it: « ifnull(status, '') »).
# Only names from this table ever reach an ORDER BY.
SORTS: dict[str, tuple[str, ...]] = {
    "code": ("code_key",),  # db/014: the natural order of the numbers (client_codes.sort_key)
    "name": ("name_key",),
    "company": ("company_key",),
    "city": ("city_key",),
    "postal_code": ("postal_code",),
    "email": ("email",),
    "phone": ("phone",),
    "stage": ("stage", "name_key"),
    "rep": ("ifnull(rep_id, 0)", "name_key"),
    "first_contact": ("first_contact",),
    # db/002: the behavioural figures saved by crmdesk.store.analytics.save_figures
    "status": ("ifnull(status, '')", "name_key"),
    "revenue": ("ifnull(revenue_year_cents, -1)",),
    "orders_year": ("ifnull(orders_year, -1)",),
    "last_order": ("ifnull(last_order, '')",),
    "rfm_code": ("ifnull(rfm_code, '')",),
    "rfm_segment": ("ifnull(rfm_segment, '')", "name_key"),
    # the trash's order (trash_dialog): when each went there; '' on every live row (their order is the id's)
    "deleted_at": ("ifnull(deleted_at, '')",),
}

# The index behind each sort (db/001), named when a search walks it.
SORT_INDEX = {
    "code": "contacts_by_code_natural",
    "name": "contacts_by_name",
    "company": "contacts_by_company",
    "city": "contacts_by_city",
    "postal_code": "contacts_by_postal",
    "email": "contacts_by_email",
    "phone": "contacts_by_phone",
    "stage": "contacts_by_stage",
    "rep": "contacts_by_rep",
    "first_contact": "contacts_by_first_contact",
    "status": "contacts_by_status",
    "revenue": "contacts_by_revenue",
    "orders_year": "contacts_by_orders_year",
    "last_order": "contacts_by_last_order",
    "rfm_code": "contacts_by_rfm_code",
    "rfm_segment": "contacts_by_rfm_segment",
    "deleted_at": "contacts_by_code_natural",
}  # no live index for it: any live one serves a walk

# What the client table shows for each row.
LIST_COLUMNS = (
    "id",
    "code",
    "kind",
    "stage",
    "civility",
    "last_name",
    "first_name",
    "company",
    "city",
    "postal_code",
    "email",
    "phone",
    "first_contact",
    "rep_id",
    "status",
    "revenue_year_cents",
    "orders_year",
    "last_order",
    "rfm_code",
    "rfm_segment",
    "figures_as_of",
    "deleted_at",
    "(SELECT name FROM reps WHERE reps.id = contacts.rep_id) AS rep_name",
)

_DERIVED = ("name_key", "company_key", "city_key", "search_text")
# Computed by SQLite from other columns (db/014): read, never written.
GENERATED = frozenset({"code_key"})
MIN_TRIGRAM = 3  # a shorter search word is no trigram: it starts the name (alone) or is tested row by row
_WALK_ROWS = 20_000  # a search walks a sort index only when its page should come within this many rows
_HEAD_ROWS = 20_000  # on a server, a search's count keeps the ids of its first rows for the pages read next
_HEAD_SECONDS = 2.0  # … within this time (the window reads its pages right after the count)


@dataclass(frozen=True)
class ContactQuery:
    """What the client table asks for: a sort, a search and filters."""

    sort: str = "name"
    descending: bool = False
    search: str = ""
    stage: str | None = None
    city: str | None = None
    tag: str | None = None
    rep_id: int | None = None
    trash: bool = False
    # db/002 figures: a status code (premium…) or a segment code (champions…);
    # "" = none (not computed yet, or « hors grille » for the status)
    status: str | None = None
    rfm_segment: str | None = None
    # dashboard drill-down (crmdesk/store/dashboard.py): the contact's region
    # ("" = none); an RFM cell (R, F) of the saved code « R-F-M »; clients with
    # an order from start to end (ISO, inclusive) holding a line of a category
    # (its id as text, "" = Sans catégorie: no line, or a line without one);
    # clients with a complaint of a kind ("" = any) received from start to end.
    region: str | None = None
    rf: tuple[int, int] | None = None
    bought: tuple[str, str, str] | None = None
    complained: tuple[str, str, str] | None = None

    def with_(self, **changes) -> ContactQuery:
        return replace(self, **changes)


class NotInMemory(LookupError):
    """Only SQL could answer (slowly): the in-memory index lacks this listing."""


def fts_match(terms: Iterable[str]) -> str | None:
    """The trigram index's query for the words of 3 letters or more (each a phrase)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms if len(t) >= MIN_TRIGRAM) or None


def like_pattern(term: str) -> str:
    """LIKE's pattern of a substring (its %, _ and \\ taken literally: PostgreSQL's escape is \\)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class Page:
    rows: list[dict]
    keys: list[tuple] = field(default_factory=list)  # sort key of each row (for the next page)


def _derived(row: dict) -> dict:
    return {
        # the name the client table shows (a company by its name), so that it sorts as seen
        "name_key": fold(rules.display_name(row)),
        "company_key": fold(row.get("company")),
        "city_key": fold(row.get("city")),
        "search_text": rules.search_text(row),
    }


_NOT_NULL_TEXT = ("email", "phone", "postal_code", "city", "first_contact", "civility", "source", "preferred_channel")


def _for_storage(values: dict) -> dict:
    out = dict(values)
    for key in _NOT_NULL_TEXT:
        if key in out and out[key] is None:
            out[key] = ""
    for key in ("is_host", "consent_email", "consent_sms", "consent_phone", "opposition"):
        if key in out and out[key] is not None:
            out[key] = int(bool(out[key]))
    return out


class ContactStore:
    def __init__(self, database: Database, *, walk_budget: float = 0.06):
        self.database = database
        self.walk_budget = walk_budget  # seconds a search may walk a sort index (see page())
        self._recent_hits: dict[str, int] = {}
        self._head: _Head | None = None  # on a server: the last search count and its first ids
        self.index: ContactIndex | None = None  # in-memory listing, attached by the window when built

    @property
    def conn(self) -> sqlite3.Connection:
        return self.database.conn

    # -- reading ---------------------------------------------------------------
    def get(self, contact_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            return None
        result = dict(row)
        result["tags"] = self.tags_of(contact_id)
        return result

    def id_of_code(self, code: str) -> int | None:
        return self.database.scalar("SELECT id FROM contacts WHERE code = ?", (code,))

    def display_names(self) -> dict[int, str]:
        """Id -> the name the client table shows, for every live contact."""
        rows = self.conn.execute(
            "SELECT id, kind, last_name, first_name, company FROM contacts WHERE deleted_at IS NULL"
        )
        return {row["id"]: rules.display_name(dict(row)) for row in rows}

    def members(self, company_id: int) -> list[dict]:
        """The people inside a company."""
        rows = self.conn.execute(
            "SELECT id, code, civility, last_name, first_name, job_title, email, phone FROM contacts "
            "WHERE company_id = ? AND deleted_at IS NULL ORDER BY name_key",
            (company_id,),
        )
        return [dict(r) for r in rows]

    def tags_of(self, contact_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT t.name FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id "
            "WHERE ct.contact_id = ? ORDER BY t.name",
            (contact_id,),
        )
        return [r[0] for r in rows]

    def all_tags(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM tags ORDER BY name")]

    def cities(self, limit: int = 500) -> list[str]:
        """Distinct cities, alphabetical: one index seek per city (a GROUP BY
        would read the whole index, ~1 s at a million contacts)."""
        found, key = [], ""
        while len(found) < limit:
            row = self.conn.execute(
                "SELECT city_key, city FROM contacts INDEXED BY contacts_by_city "
                "WHERE deleted_at IS NULL AND city_key > ? ORDER BY city_key, id LIMIT 1",
                (key,),
            ).fetchone()
            if row is None:
                break
            key = row[0]
            found.append(row[1])
        return found

    def reps(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM reps ORDER BY name")]

    # -- listing ---------------------------------------------------------------
    def _where(self, query: ContactQuery, *, plan: str = "index") -> tuple[list[str], list]:
        """WHERE clauses and parameters of a query, for one way of reading it.

        plan « index »: let SQLite choose; « matches »: start from the trigram
        index's matches (the unary + hides the partial sort indexes, which the
        planner would otherwise walk whole); « walk »: follow the sort index
        and test each row's search text (no trigram index at all).
        """
        live = "+deleted_at" if plan == "matches" else "deleted_at"
        clauses = [f"{live} IS NOT NULL" if query.trash else f"{live} IS NULL"]
        params: list = []
        if query.stage:
            clauses.append("stage = ?")
            params.append(query.stage)
        if query.city:
            clauses.append("city_key = ?")
            params.append(fold(query.city))
        if query.rep_id is not None:
            clauses.append("ifnull(rep_id, 0) = ?")
            params.append(query.rep_id)
        if query.status is not None:
            clauses.append("ifnull(status, '') = ?")
            params.append(query.status)
        if query.rfm_segment is not None:
            clauses.append("ifnull(rfm_segment, '') = ?")
            params.append(query.rfm_segment)
        if query.region is not None:
            clauses.append("ifnull(region, '') = ?")
            params.append(query.region)
        if query.rf is not None:
            prefix = f"{int(query.rf[0])}-{int(query.rf[1])}-"
            clauses.append("ifnull(rfm_code, '') >= ? AND ifnull(rfm_code, '') < ?")
            params += [prefix, prefix + "\U0010ffff"]
        if query.bought is not None:
            clause, values = _bought(*query.bought)
            clauses.append(clause)
            params += values
        if query.complained is not None:
            kind, start, end = query.complained
            clauses.append(
                "id IN (SELECT contact_id FROM complaints WHERE received_at >= ? AND received_at < ?"
                + (" AND kind = ?)" if kind else ")")
            )
            params += [start, _day_after(end)] + ([kind] if kind else [])
        if query.tag:
            clauses.append(
                "id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?)"
            )
            params.append(query.tag)
        terms = search_terms(query.search)
        long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
        short_terms = [t for t in terms if len(t) < MIN_TRIGRAM]
        if long_terms and plan == "walk":
            for term in terms:
                clauses.append("instr(search_text, ?) > 0")
                params.append(term)
        elif long_terms:
            if on_server(self.database):  # the trigram index itself (db/postgresql/017), seen by the planner
                clauses += ["search_text LIKE ?"] * len(long_terms)
                params += [like_pattern(t) for t in long_terms]
            else:
                clauses.append("id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)")
                params.append(self._match(query))
            for term in short_terms:  # within an already small set: a scan is fine
                clauses.append("instr(search_text, ?) > 0")
                params.append(term)
        elif short_terms:
            # Too short for trigrams: the start of the name (a company's name
            # for a company), one range of the name index, fast at any size.
            first, *others = short_terms
            clauses.append("name_key >= ? AND name_key < ?")
            params += [first, first + "\U0010ffff"]
            for term in others:
                clauses.append("instr(search_text, ?) > 0")
                params.append(term)
        return clauses, params

    def _match(self, query: ContactQuery) -> str | None:
        return fts_match(search_terms(query.search))

    def _listing(self, query: ContactQuery) -> Listing | None:
        """The in-memory listing of `query`, when the index can answer it now."""
        if self.index is None:
            return None
        return self.index.listing(self.conn, query, lambda plain: self._where(plain))

    def known_position(self, query: ContactQuery, contact_id: int) -> int | None:
        """position() when the in-memory index answers; NotInMemory when only
        SQL could (counting up to a million index entries: the table then
        looks in the background)."""
        listing = self._listing(query)
        if listing is None:
            raise NotInMemory(query.sort)
        return listing.row(contact_id, query.descending)

    def count(self, query: ContactQuery) -> int:
        listing = self._listing(query)
        if listing is not None:
            return listing.count
        if query.with_(sort="name", descending=False) in (ContactQuery(), ContactQuery(trash=True)):
            name = "contacts_trash" if query.trash else "contacts_live"
            return int(self.database.scalar("SELECT value FROM counters WHERE name = ?", (name,)))
        match = self._match(query)
        if match is not None and on_server(self.database):
            return self._count_with_head(query)
        if (
            match is not None
            and query.with_(sort="name", descending=False) == ContactQuery(search=query.search)
            and all(len(t) >= MIN_TRIGRAM for t in search_terms(query.search))
        ):
            return self._search_count(match, search_terms(query.search))
        clauses, params = self._where(query, plan="matches" if match is not None else "index")
        return int(self.database.scalar(f"SELECT count(*) FROM contacts WHERE {' AND '.join(clauses)}", params))

    def _count_with_head(self, query: ContactQuery) -> int:
        """A search's count on a server, and the ids of its first rows in order (the head),
        kept for the pages the window reads next.

        Both need every match of the trigram index (its LIKE is rechecked row
        by row): one read instead of two. The head holds up to 20,000 ids, so
        that a view left scrolled down the list is served too, not walked.

        The same words typed again (« martin » then « martin », a space
        typed before the next word) are the same search: its count is the
        one just read."""
        head = self._head
        retyped = head is not None and head.query != query and _typed_as(head.query) == _typed_as(query)
        if retyped and self._head_fresh():
            return head.count
        matches, in_order, params = self._sorted_matches(query, query.descending)
        count, ids = self.conn.execute(
            f"{matches} SELECT (SELECT count(*) FROM m), ARRAY({in_order} LIMIT ?)", (*params, _HEAD_ROWS)
        ).fetchone()
        self._head = _Head(query, time.monotonic(), self.conn.total_changes, count, ids)
        return count

    def _page_from_head(
        self, query: ContactQuery, limit: int, after: tuple | None, offset: int, backwards: bool
    ) -> Page | None:
        """page() from the head of count(): the same query, just after it, nothing written since here."""
        head = self._head
        if head is None:
            return None
        if _typed_as(head.query) != _typed_as(query) or not self._head_fresh():
            self._head = None
            return None
        ids = head.ids
        if after is None:
            start = head.count - offset - limit if backwards else offset
        else:
            try:
                row = ids.index(after[-1])  # a key ends with the contact's id
            except ValueError:
                return None
            start = row - offset - limit if backwards else row + 1 + offset
        stop = start + limit
        if stop > len(ids) and len(ids) < head.count:
            return None
        return self.rows_of(ids[max(start, 0) : max(stop, 0)], query.sort)

    def _page_of_matches(
        self, query: ContactQuery, limit: int, after: tuple | None, offset: int, backwards: bool
    ) -> Page:
        """page() of a search on a server beyond its head: its matches read (the trigram
        index), then sorted. Left to itself the planner may walk the sort index instead,
        testing each row: fast when the matches are spread through the order, but seconds
        when they cluster (« dup » read backwards from the end of a million names: 4 s)."""
        matches, in_order, params = self._sorted_matches(query, query.descending != backwards, after)
        ids = [r[0] for r in self.conn.execute(f"{matches} {in_order} LIMIT ? OFFSET ?", (*params, limit, offset))]
        return self.rows_of(ids[::-1] if backwards else ids, query.sort)

    def _sorted_matches(
        self, query: ContactQuery, descending: bool, after: tuple | None = None
    ) -> tuple[str, str, list]:
        """A server search's matches read first (its trigram index) into `m`, with their
        sort keys: the statement's WITH clause, the SELECT of their ids in the sort's
        order (after the key `after`), and the parameters."""
        exprs = SORTS[query.sort] + ("id",)
        clauses, params = self._where(query, plan="matches")
        if after is not None:
            clauses.append(f"({', '.join(exprs)}) {'<' if descending else '>'} ({', '.join('?' for _ in exprs)})")
            params.extend(after)
        keys = ", ".join(f"{e} AS _k{i}" for i, e in enumerate(exprs))
        direction = " DESC" if descending else ""
        order = ", ".join(f"_k{i}{direction}" for i in range(len(exprs)))
        return (
            f"WITH m AS MATERIALIZED (SELECT {keys} FROM contacts WHERE {' AND '.join(clauses)})",
            f"SELECT _k{len(exprs) - 1} FROM m ORDER BY {order}",
            params,
        )

    def _head_fresh(self) -> bool:
        """The head was read just now, and nothing was written here since."""
        head = self._head
        return time.monotonic() - head.at <= _HEAD_SECONDS and head.changes == self.conn.total_changes

    def _search_count(self, match: str, terms: list[str]) -> int:
        """Live contacts matching a plain search: the index's own count (no
        row lookups, ~100x faster on a big file) less the matches in the trash."""
        hits = self._hits(match, fresh=True)
        trashed = self.database.scalar(
            "SELECT count(*) FROM contacts INDEXED BY contacts_trash WHERE deleted_at IS NOT NULL AND "
            + " AND ".join("instr(search_text, ?) > 0" for _ in terms),
            terms,
        )
        return int(hits) - int(trashed)

    def page(
        self, query: ContactQuery, limit: int, *, after: tuple | None = None, offset: int = 0, backwards: bool = False
    ) -> Page:
        """Up to `limit` rows in the query's order.

        after: the sort key of a known row; the page starts just after it
        (or just before it, reading backwards). offset skips rows from there.
        Backwards pages come back in display order too.
        """
        if query.sort not in SORTS:
            raise ValueError(f"unknown sort column {query.sort!r}")
        listing = self._listing(query)
        if listing is not None:
            found = self._page_in_memory(listing, query, limit, after, offset, backwards)
            if found is not None:
                return found
        if self._match(query) is None:
            return self._read_page(query, "index", limit, after, offset, backwards)
        if on_server(self.database):  # its statements cannot be cut at 60 ms (no progress handler): no walk
            found = self._page_from_head(query, limit, after, offset, backwards)
            return found or self._page_of_matches(query, limit, after, offset, backwards)
        # A search has two ways to its page, with the same rows: walking the
        # sort index and testing each row is fastest when matches are spread
        # through the order (the usual case), but it costs the distance to
        # them, large when they cluster (« dupont » sorted by name); reading
        # the trigram index's matches and sorting them costs ~ their number.
        # So walk for up to 60 ms (enough for a cold cache), then switch.
        hits = self._hits(self._match(query))
        rows = self.database.scalar("SELECT value FROM counters WHERE name = 'contacts_live'") or 0
        if hits and (limit + offset) * rows / hits <= _WALK_ROWS:
            walked = self._within_budget(lambda: self._read_page(query, "walk", limit, after, offset, backwards))
            if walked is not None:
                return walked
        return self._read_page(query, "matches", limit, after, offset, backwards)

    def _page_in_memory(
        self, listing: Listing, query: ContactQuery, limit: int, after: tuple | None, offset: int, backwards: bool
    ) -> Page | None:
        """page() from the in-memory listing: the rows shown read by id."""
        if after is None:
            start = listing.count - offset - limit if backwards else offset
        else:
            row = listing.row(after[-1], query.descending)  # a key ends with the contact's id
            if row is None:
                return None  # that contact left the listing: by key in SQL
            start = row - offset - limit if backwards else row + 1 + offset
        stop = start + limit
        return self.rows_of(listing.window(max(start, 0), stop, query.descending), query.sort)

    def rows_of(self, ids: list[int], sort: str = "name") -> Page:
        """The listing rows of these contacts, in this order, with their sort keys."""
        if not ids:
            return Page([], [])
        exprs = SORTS[sort] + ("id",)
        key_cols = ", ".join(f"{e} AS _k{i}" for i, e in enumerate(exprs))
        found = {}
        for raw in self.conn.execute(
            f"SELECT {', '.join(LIST_COLUMNS)}, {key_cols} FROM contacts WHERE id IN ({', '.join('?' * len(ids))})", ids
        ):
            row = dict(raw)
            found[row["id"]] = (row, tuple(row.pop(f"_k{i}") for i in range(len(exprs))))
        rows = [found[i] for i in ids if i in found]
        return Page([r for r, _k in rows], [k for _r, k in rows])

    def _hits(self, match: str, *, fresh: bool = False) -> int:
        """Rows of the trigram index matching (trash included). The last few
        are remembered to plan page reads (an estimate is enough there);
        counts ask for a fresh figure."""
        hits = None if fresh else self._recent_hits.get(match)
        if hits is None:
            hits = int(self.database.scalar("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?", (match,)))
            self._recent_hits.pop(match, None)
            if len(self._recent_hits) >= 16:
                self._recent_hits.pop(next(iter(self._recent_hits)))
            self._recent_hits[match] = hits
        return hits

    def _within_budget(self, read):
        deadline = time.perf_counter() + self.walk_budget
        self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)
        try:
            return read()
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            return None
        finally:
            self.conn.set_progress_handler(None, 0)

    def _read_page(
        self, query: ContactQuery, plan: str, limit: int, after: tuple | None, offset: int, backwards: bool
    ) -> Page:
        exprs = SORTS[query.sort] + ("id",)
        descending = query.descending != backwards
        clauses, params = self._where(query, plan=plan)
        if after is not None:
            marks = ", ".join("?" for _ in exprs)
            clauses.append(f"({', '.join(exprs)}) {'<' if descending else '>'} ({marks})")
            params.extend(after)
        direction = " DESC" if descending else ""
        order = ", ".join(e + direction for e in exprs)
        key_cols = ", ".join(f"{e} AS _k{i}" for i, e in enumerate(exprs))
        source = f"contacts INDEXED BY {SORT_INDEX[query.sort]}" if plan == "walk" and not query.trash else "contacts"
        sql = (
            f"SELECT {', '.join(LIST_COLUMNS)}, {key_cols} FROM {source} "
            f"WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        cursor = self.conn.execute(sql, (*params, limit, offset))
        width = len(exprs)
        rows, keys = [], []
        for raw in cursor:
            row = dict(raw)
            keys.append(tuple(row.pop(f"_k{i}") for i in range(width)))
            rows.append(row)
        if backwards:
            rows.reverse()
            keys.reverse()
        return Page(rows, keys)

    def ids(self, query: ContactQuery) -> list[int]:
        """Every contact id of `query`, in its order (for batch prints and
        exports of « every client of the filter »)."""
        if query.sort not in SORTS:
            raise ValueError(f"unknown sort column {query.sort!r}")
        listing = self._listing(query)
        if listing is not None:
            return listing.window(0, listing.count, query.descending)
        plan = "matches" if self._match(query) is not None else "index"
        clauses, params = self._where(query, plan=plan)
        direction = " DESC" if query.descending else ""
        order = ", ".join(e + direction for e in SORTS[query.sort] + ("id",))
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT id FROM contacts WHERE {' AND '.join(clauses)} ORDER BY {order}", params
            )
        ]

    def ids_of_codes(self, codes: Iterable[str]) -> tuple[list[int], list[str]]:
        """Ids of live contacts by code, in the order given (each once), and
        the codes that match no live contact."""
        found: list[int] = []
        missing: list[str] = []
        seen: set[int] = set()
        for code in codes:
            row = self.conn.execute(
                "SELECT id FROM contacts WHERE code = ? AND deleted_at IS NULL", (code.strip(),)
            ).fetchone()
            if row is None:
                missing.append(code)
            elif row[0] not in seen:
                seen.add(row[0])
                found.append(row[0])
        return found, missing

    def position(self, query: ContactQuery, contact_id: int) -> int | None:
        """Index of a contact in the listing of `query` (None when not in it).

        Used by the client table to keep or put the selection on a contact.
        """
        if query.sort not in SORTS:
            raise ValueError(f"unknown sort column {query.sort!r}")
        listing = self._listing(query)
        if listing is not None:
            return listing.row(contact_id, query.descending)
        exprs = SORTS[query.sort] + ("id",)
        clauses, params = self._where(query)
        where = " AND ".join(clauses)
        key = self.conn.execute(
            f"SELECT {', '.join(exprs)} FROM contacts WHERE id = ? AND {where}", (contact_id, *params)
        ).fetchone()
        if key is None:
            return None
        marks = ", ".join("?" for _ in exprs)
        before = "<" if not query.descending else ">"
        return int(
            self.database.scalar(
                f"SELECT count(*) FROM contacts WHERE {where} AND ({', '.join(exprs)}) {before} ({marks})",
                (*params, *tuple(key)),
            )
        )

    # -- writing ---------------------------------------------------------------
    def create(self, values: dict, tags: Sequence[str] = ()) -> int:
        clean = rules.validate(values)
        with self.database.atomic():
            if not clean.get("code"):
                clean["code"] = self.next_code()
            self._check_code_free(clean["code"], None)
            now = now_iso()
            record = _for_storage({**clean, **_derived(clean), "created_at": now, "updated_at": now})
            cols = ", ".join(record)
            cursor = self.conn.execute(
                f"INSERT INTO contacts ({cols}) VALUES ({', '.join('?' for _ in record)})", tuple(record.values())
            )
            contact_id = int(cursor.lastrowid)
            if tags:
                self.set_tags(contact_id, tags)
            self.database.audit(
                "contact",
                contact_id,
                "create",
                {k: [None, v] for k, v in clean.items() if v not in (None, "", False)}
                | ({"tags": [None, self.tags_of(contact_id)]} if tags else {}),
            )
        return contact_id

    def update(self, contact_id: int, changes: dict, *, expected: concurrency.Version | None = None) -> dict:
        """Apply changes (validated); returns the previous values of the changed fields.
        expected: the version the form opened (concurrency.version): refused with
        ConcurrentEdit, nothing written, when someone else saved the contact since."""
        tags = changes.pop("tags", None) if "tags" in changes else None
        clean = rules.validate(changes, partial=True)
        with self.database.atomic():
            if expected is not None:
                concurrency.refuse_if_changed(self.database, contact_id, expected)
            current = self.get(contact_id)
            if current is None:
                raise CrmError(N_("Ce contact n'existe plus."))
            merged = {**current, **clean}
            if not (merged.get("last_name") or merged.get("company")):
                raise ValidationError({"last_name": _("il faut un nom ou une raison sociale")})
            if "code" in clean:
                if not clean["code"]:
                    raise ValidationError({"code": _("le N° client ne peut pas être vide")})
                self._check_code_free(clean["code"], contact_id)
            diff = {k: v for k, v in clean.items() if current.get(k) != _for_storage({k: v})[k]}
            before = {k: current.get(k) for k in diff}
            if diff:
                record = _for_storage({**diff, **_derived(merged), "updated_at": now_iso()})
                sets = ", ".join(f"{k} = ?" for k in record)
                self.conn.execute(f"UPDATE contacts SET {sets} WHERE id = ?", (*record.values(), contact_id))
                self.database.audit("contact", contact_id, "update", {k: [before[k], v] for k, v in diff.items()})
            if tags is not None and sorted(tags, key=str.casefold) != current["tags"]:
                before["tags"] = current["tags"]
                self.set_tags(contact_id, tags)
                self.database.audit("contact", contact_id, "tags", {"tags": [current["tags"], list(tags)]})
        return before

    def set_tags(self, contact_id: int, names: Iterable[str]) -> None:
        clean = sorted({" ".join(n.split()) for n in names if n and n.strip()})
        with self.database.atomic():
            self.conn.execute("DELETE FROM contact_tags WHERE contact_id = ?", (contact_id,))
            for name in clean:
                self.conn.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
                self.conn.execute(
                    "INSERT INTO contact_tags(contact_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                    (contact_id, name),
                )

    def trash(self, contact_id: int) -> None:
        with self.database.atomic():
            self.conn.execute(
                "UPDATE contacts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (now_iso(), contact_id)
            )
            self.database.audit("contact", contact_id, "trash")

    def restore(self, contact_id: int) -> None:
        with self.database.atomic():
            self.conn.execute("UPDATE contacts SET deleted_at = NULL WHERE id = ?", (contact_id,))
            self.database.audit("contact", contact_id, "restore")

    def snapshot(self, contact_id: int) -> dict:
        """Everything needed to put a contact back exactly (undo of a creation)."""
        row = dict(self.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone())
        row["tags"] = self.tags_of(contact_id)
        return row

    def remove(self, contact_id: int) -> None:
        """Delete for good a contact nothing refers to (undo of its creation)."""
        with self.database.atomic():
            try:
                self.conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
            except sqlite3.IntegrityError:
                raise CrmError(
                    N_(
                        "Ce contact a des commandes ou des réclamations : il peut aller à la corbeille, "
                        "pas disparaître."
                    )
                ) from None
            self.database.audit("contact", contact_id, "remove")

    def reinsert(self, snapshot: dict) -> None:
        """Put back a contact removed by `remove` with the same id and code."""
        record = {k: v for k, v in snapshot.items() if k != "tags" and k not in GENERATED}
        with self.database.atomic():
            self._check_code_free(record["code"], None)
            cols = ", ".join(record)
            self.conn.execute(
                f"INSERT INTO contacts ({cols}) VALUES ({', '.join('?' for _ in record)})", tuple(record.values())
            )
            self.set_tags(record["id"], snapshot.get("tags", ()))
            self.database.audit("contact", record["id"], "reinsert")

    def next_code(self) -> str:
        """The code of the next new client: « SB00441 » after « SB00440 » (client_codes)."""
        sequence = self.code_sequence()
        while self.id_of_code(sequence.code()) is not None:  # taken by a code of another width
            sequence.number += 1
        return sequence.code()

    def code_sequence(self, prefix: str | None = None, width: int | None = None) -> codes.CodeSequence:
        """The pattern of new client numbers (the arguments, else the settings, else
        the file's latest clients), at the number just after the highest one given
        with that prefix, in the trash too."""
        from crmdesk.store.settings import SettingsStore

        settings = SettingsStore(self.database)
        if prefix is None:
            prefix = settings.get(codes.PREFIX_KEY)
        if width is None:
            width = settings.get(codes.WIDTH_KEY)
        if prefix is None or width is None:
            latest = [r[0] for r in self.conn.execute("SELECT code FROM contacts ORDER BY id DESC LIMIT 200")]
            usual = codes.usual_pattern(latest) or (codes.DEFAULT_PREFIX, codes.DEFAULT_WIDTH)
            if prefix is None:
                prefix = usual[0]
            if width is None:
                width = usual[1] if prefix == usual[0] else codes.DEFAULT_WIDTH
        sequence = codes.CodeSequence(str(prefix), int(width))
        sequence.number = max(self._highest_number(sequence), 0) + 1
        return sequence

    def set_code_pattern(self, prefix: str, width: int) -> None:
        """Number new clients « prefix + number on `width` digits » from now on (the settings)."""
        from crmdesk.store.settings import SettingsStore

        checked, problems = {}, {}
        for name, check, value in (
            ("code_prefix", codes.check_prefix, prefix),
            ("code_width", codes.check_width, width),
        ):
            try:
                checked[name] = check(value)
            except CrmError as exc:
                problems[name] = str(exc)
        if problems:
            raise ValidationError(problems)
        settings = SettingsStore(self.database)
        with self.database.atomic():
            settings.set(codes.PREFIX_KEY, checked["code_prefix"])
            settings.set(codes.WIDTH_KEY, checked["code_width"])

    def _highest_number(self, sequence: codes.CodeSequence) -> int:
        """The highest number given with the sequence's prefix: down the natural
        order of the live codes (the first code of the pattern is usually the
        first row read), and every code in the trash."""
        head = codes.sort_key(sequence.prefix)[:-2]  # the prefix as the key writes it
        highest, after = 0, (head + "99\U0010ffff", 0)
        while True:
            rows = self.conn.execute(
                "SELECT code, code_key, id FROM contacts INDEXED BY contacts_by_code_natural "
                "WHERE deleted_at IS NULL AND code_key >= ? AND (code_key, id) < (?, ?) "
                "ORDER BY code_key DESC, id DESC LIMIT 50",
                (head + "00", *after),
            ).fetchall()
            numbers = [n for n in (sequence.number_of(code) for code, _key, _id in rows) if n is not None]
            if numbers or len(rows) < 50:
                highest = max(numbers, default=0)
                break
            after = rows[-1][1:]
        for (code,) in self.conn.execute(
            "SELECT code FROM contacts INDEXED BY contacts_trash WHERE deleted_at IS NOT NULL"
        ):
            number = sequence.number_of(code)
            if number is not None and number > highest:
                highest = number
        return highest

    def _check_code_free(self, code: str, own_id: int | None) -> None:
        other = self.id_of_code(code)
        if other is not None and other != own_id:
            raise ValidationError({"code": _("le N° client « {code} » est déjà pris", code=code)})


class _Head(NamedTuple):
    """A server search's count and the ids of its first rows, as read (ContactStore._count_with_head)."""

    query: ContactQuery
    at: float  # time.monotonic() of the read
    changes: int  # the connection's total_changes then
    count: int
    ids: list[int]  # up to _HEAD_ROWS, in the query's order


def _typed_as(query: ContactQuery) -> ContactQuery:
    """`query` with its search written as its words (what the statements read of it)."""
    return query.with_(search=" ".join(search_terms(query.search)))


def _day_after(iso: str) -> str:
    """The day after an ISO date: « date < day after » keeps a date-time on the last day."""
    return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=1)).isoformat()


def _bought(category: str, start: str, end: str) -> tuple[str, list]:
    """Clients with an order from start to end holding a line of `category`
    (its id as text; "" = an order without lines, or a line without category:
    neither its own nor its product's), as db/005's dash_lines sees it."""
    orders = "SELECT o.contact_id FROM orders o WHERE o.date >= ? AND o.date < ? AND "
    params = [start, _day_after(end)]
    if category:
        return (
            f"id IN ({orders}EXISTS (SELECT 1 FROM dash_lines l WHERE l.order_id = o.id AND l.category = ?))",
            params + [str(category)],
        )
    uncategorised = (
        f"id IN ({orders}(NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id) "
        "OR EXISTS (SELECT 1 FROM dash_lines l WHERE l.order_id = o.id AND l.category = '')))"
    )
    return uncategorised, params


def prepare_bulk(rows: Iterable[dict]) -> Iterable[tuple[tuple[str, ...], tuple]]:
    """Validated rows -> (columns, values) for executemany, derived columns added."""
    now = now_iso()
    for clean in rows:
        record = _for_storage({**clean, **_derived(clean), "created_at": now, "updated_at": now})
        yield tuple(record), tuple(record.values())
