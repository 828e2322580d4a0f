"""Probable duplicates among the rows of an import (docs/domain/01-client-file.md, issue 7).

An import checks each new contact against the live contacts that were in
the file before it and against the earlier rows of the same import, with the
rules of crmdesk/domain/duplicates.py (same e-mail, same phone, same SIRET,
close names in the same postal code or company). It reads only what the
indexes give, a chunk of rows at a time:

- e-mail, phone and company name: one `IN (…)` query per chunk on their indexes;
- second phones and SIRET, which have no index: read once, at the start
  (few contacts have them; one pass over the table);
- close names: the names of the existing contacts of a postal code are read
  once and kept (the most recently used codes, up to `CACHED_ROWS` contacts);
  rapidfuzz picks the few names of the block close enough to the row's (one C
  call over the distinct names), and only those contacts are read and compared.

A row keeps its `PER_ROW` surest suspects: a file where one name appears a
hundred times in a postal code must not turn each row into a hundred pairs.

What the user decides per pair (merge, keep both, skip the row) is applied by
the importer (crmdesk/io/clients.py).
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from crmdesk.domain import duplicates as rules
from crmdesk.domain.contact import display_name
from crmdesk.domain.text import fold
from crmdesk.store.database import Database, chunks
from crmdesk.store.duplicates import COMPARED_COLUMNS

CACHED_ROWS = 1_000_000  # names of existing contacts kept in memory (whole postal codes)
PER_ROW = 3  # suspects kept per row
_NAMES_PER_ROW = 10  # close names of a postal code looked at per row


@dataclass(frozen=True)
class ImportSuspect:
    """Row `line` of the file may be the existing contact `contact_id` (or, when
    `other_line` is set, the contact made from that earlier row of the file)."""

    line: int
    name: str  # the row's name, as it would be stored
    contact_id: int | None
    code: str  # the existing contact's N° client ("" for an earlier row)
    other_name: str
    other_line: int | None
    score: int
    reason: str

    @property
    def existing(self) -> bool:
        return self.contact_id is not None


class _Known:
    """A contact the rows are compared with: its profile and what is shown of it."""

    __slots__ = ("code", "line", "name", "profile")

    def __init__(self, profile: rules.Profile, code: str, name: str, line: int | None):
        self.profile, self.code, self.name, self.line = profile, code, name, line


class _Block:
    """The contacts of one postal code: ids grouped by compared name (only the
    names are read: a block of 60,000 contacts costs ~0.2 s and a few MB)."""

    def __init__(self, rows: Iterable[tuple[int, str]]):
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.size = 0
        for contact_id, name_key in rows:
            name = rules.compared_name({"name_key": name_key})
            if name:
                self.by_name[name].append(contact_id)
                self.size += 1
        self.names = list(self.by_name)

    def close_to(self, name: str, threshold: int) -> list[int]:
        from rapidfuzz import fuzz, process

        ids: list[int] = []
        for other, _score, _index in process.extract(
            name, self.names, scorer=fuzz.ratio, score_cutoff=threshold, limit=_NAMES_PER_ROW
        ):
            ids.extend(self.by_name[other][:PER_ROW])
        return ids


class ImportMatcher:
    """Finds, row after row, the probable duplicates of the contacts an import creates."""

    def __init__(self, database: Database, *, threshold: int = rules.NAME_THRESHOLD):
        self.conn = database.conn
        self.threshold = threshold
        self._blocks: OrderedDict[str, _Block] = OrderedDict()
        self._cached = 0
        self._rare: dict[tuple[str, str], list[int]] = defaultdict(list)  # ("t", phone2) / ("s", siret) -> ids
        for contact_id, phone2, siret in self.conn.execute(
            "SELECT id, phone2, siret FROM contacts WHERE deleted_at IS NULL "
            "AND (ifnull(phone2, '') != '' OR ifnull(siret, '') != '')"
        ):
            if phone2:
                self._rare[("t", phone2)].append(contact_id)
            if siret:
                self._rare[("s", siret)].append(contact_id)
        # the rows of this import already seen, by the same keys as find_pairs()
        self._exact: dict[tuple[str, str], list[_Known]] = defaultdict(list)
        self._named: dict[tuple[str, str, str], list[_Known]] = defaultdict(list)
        self._next_row_id = -1  # rows of the file get negative ids (never a contact's)

    # -- one chunk of rows -------------------------------------------------------------
    def check(self, rows: Iterable[tuple[int, dict]]) -> list[ImportSuspect]:
        """The suspects of each (line, validated values) row, surest first per
        row; the rows are then remembered, so later rows are compared with them."""
        rows = [(line, values, self._profile(values)) for line, values in rows]
        known = self._existing(rows)
        found: list[ImportSuspect] = []
        for line, values, profile in rows:
            others = self._candidates(profile, known)
            matches = rules.matches_for(profile, (o.profile for o in others.values()), self.threshold)[:PER_ROW]
            name = display_name(values)
            for other_id, match in matches:
                other = others[other_id]
                found.append(
                    ImportSuspect(
                        line,
                        name,
                        other_id if other.line is None else None,
                        other.code,
                        other.name,
                        other.line,
                        match.score,
                        match.reason,
                    )
                )
            self._remember(_Known(profile, "", name, line))
        return found

    def _profile(self, values: dict) -> rules.Profile:
        row = dict(values, id=self._next_row_id)
        self._next_row_id -= 1
        return rules.profile(row)

    def _existing(self, rows: list[tuple[int, dict, rules.Profile]]) -> dict[int, _Known]:
        """The existing contacts sharing an e-mail (as typed or in lower case), a
        phone, a company (contacts.company_key) or a SIRET with the chunk's rows."""
        profiles = [p for _, _, p in rows]
        emails = {p.email for p in profiles if p.email} | {v["email"] for _, v, _ in rows if v.get("email")}
        phones = {phone for p in profiles for phone in p.phones}
        companies = {fold(v["company"]) for _, v, p in rows if v.get("company") and p.company}
        ids = {
            i
            for p in profiles
            for key in ([("s", p.siret)] if p.siret else []) + [("t", t) for t in p.phones]
            for i in self._rare.get(key, ())
        }
        found: dict[int, dict] = {}
        select = f"SELECT {', '.join(COMPARED_COLUMNS)} FROM contacts WHERE deleted_at IS NULL AND "
        for column, values in (("email", emails), ("phone", phones), ("company_key", companies)):
            for chunk, marks in chunks(sorted(values)):
                for row in self.conn.execute(select + f"{column} IN ({marks})", chunk):
                    found[row["id"]] = dict(row)
        for chunk, marks in chunks(sorted(ids - found.keys())):
            for row in self.conn.execute(select + f"id IN ({marks})", chunk):
                found[row["id"]] = dict(row)
        return {i: self._known(row) for i, row in found.items()}

    @staticmethod
    def _known(row: dict) -> _Known:
        return _Known(rules.profile(row), row["code"], display_name(row), None)

    def _candidates(self, profile: rules.Profile, known: dict[int, _Known]) -> dict[int, _Known]:
        found: dict[int, _Known] = {}
        for other in known.values():
            p = other.profile
            if (
                (profile.email and p.email == profile.email)
                or (profile.phones & p.phones)
                or (profile.siret and p.siret == profile.siret)
                or (profile.company and p.company == profile.company)
            ):
                found[p.id] = other
        if profile.postal_code and profile.name:
            for other in self._rows(self._block(profile.postal_code).close_to(profile.name, self.threshold)):
                found[other.profile.id] = other
        for key in self._keys(profile):
            for other in (self._exact if len(key) == 2 else self._named).get(key, ()):
                found[other.profile.id] = other
        return found

    def _block(self, postal_code: str) -> _Block:
        """The existing live contacts of a postal code."""
        block = self._blocks.get(postal_code)
        if block is not None:
            self._blocks.move_to_end(postal_code)
            return block
        block = _Block(
            self.conn.execute(
                "SELECT id, name_key FROM contacts WHERE postal_code = ? AND deleted_at IS NULL", (postal_code,)
            )
        )
        self._blocks[postal_code] = block
        self._cached += block.size
        while self._cached > CACHED_ROWS and len(self._blocks) > 1:
            self._cached -= self._blocks.popitem(last=False)[1].size
        return block

    def _rows(self, ids: list[int]) -> list[_Known]:
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT {', '.join(COMPARED_COLUMNS)} FROM contacts WHERE id IN ({', '.join('?' * len(ids))})", ids
        )
        return [self._known(dict(row)) for row in rows]

    @staticmethod
    def _keys(p: rules.Profile) -> list[tuple]:
        keys: list[tuple] = []
        if p.email:
            keys.append(("e", p.email))
        keys.extend(("t", phone) for phone in p.phones)
        if p.siret:
            keys.append(("s", p.siret))
        for key in p.keys:
            if p.postal_code:
                keys.append(("p", p.postal_code, key))
            if p.company:
                keys.append(("c", p.company, key))
        return keys

    def _remember(self, known: _Known) -> None:
        for key in self._keys(known.profile):
            members = (self._exact if len(key) == 2 else self._named)[key]
            if len(members) < rules.MAX_SHARED:
                members.append(known)
