"""Duplicates: finding candidate pairs in the file, remembering « not the
same person », merging two contacts with their history, and undoing it.

The rules (what makes a candidate, its score and reason) are in
crmdesk/domain/duplicates.py; this module reads the rows and writes.

Merge (`merge(keep_id, other_id, choices)`): in one transaction, the kept
contact takes the chosen value of each field (ContactStore.update, so
validated and audited) and the union of both contacts' tags; everything
that refers to the other contact moves to the kept one — every foreign key
to contacts(id) in db/: orders, complaints, interactions, tasks, survey
answers, loyalty ledger, attachments, parties hosted, party guests (the
other's place at a party where the kept one already is a guest is dropped),
the loyalty card (when the kept contact has none), the people of a company
(company_id) and the godchildren (referred_by); a prospect who gets orders
becomes a client; the other contact goes to the trash (never deleted: its N°
stays taken, and the merge can be undone); the saved figures (status, CA,
RFM) of both are recomputed; one audit entry « merge » on the kept contact
records both ids, the field changes and what moved.

It returns a MergeRecord that says exactly which rows moved; `unmerge(record)`
moves those rows back, removes the tags the merge added and puts both
contacts' rows back as they were (fields, figures, trash), in one
transaction, audited « unmerge ».

« Not duplicates » (the user said « Garder les deux ») are remembered in the
file's settings (key `duplicates.not_duplicates`, a list of id pairs) and never
proposed again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from crmdesk.domain import duplicates as rules
from crmdesk.domain.contact import display_name, validate
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import digits, fold
from crmdesk.i18n import N_
from crmdesk.store import analytics
from crmdesk.store.contacts import GENERATED, ContactStore
from crmdesk.store.database import Database, chunks

DISMISSED_KEY = "duplicates.not_duplicates"

# Tables whose rows belong to one contact through `contact_id` and have an id.
_OWNED = (
    "orders",
    "complaints",
    "interactions",
    "tasks",
    "survey_answers",
    "loyalty_ledger",
    "attachments",
    "vouchers",
    "rights_requests",
)

# Every foreign key to contacts(id) that merge() handles, as (table, column):
# tests/store/test_duplicates.py holds it to the schema (PRAGMA foreign_key_list).
HANDLED_REFERENCES = frozenset(
    {
        *((table, "contact_id") for table in _OWNED),
        ("parties", "host_id"),
        ("party_guests", "contact_id"),
        ("loyalty_cards", "contact_id"),
        ("contact_tags", "contact_id"),
        ("contacts", "company_id"),
        ("contacts", "referred_by"),
        ("referral_rewards", "referrer_id"),
        ("referral_rewards", "referred_id"),
        # derived from the orders (reminders), dropped for the merged contact and rebuilt
        ("reorder_watch", "contact_id"),
        # who a mailing went to and who a recall told (db/012) stay with the merged contact, in the
        # trash; the exchanges the mailing wrote move with the interactions
        ("outreach_recipients", "contact_id"),
        ("recall_contacts", "contact_id"),
    }
)

# What domain.duplicates.profile reads of a contact (here and in import_duplicates.py).
COMPARED_COLUMNS = (
    "id",
    "code",
    "kind",
    "last_name",
    "first_name",
    "company",
    "company_id",
    "email",
    "phone",
    "phone2",
    "postal_code",
    "city",
    "siret",
    "name_key",
    "company_key",
)  # keys: folded already


@dataclass(frozen=True)
class Candidate:
    """A candidate pair (a < b) with what the find dialog and the CLI show."""

    a: int
    b: int
    score: int
    reason: str
    code_a: str
    code_b: str
    name_a: str
    name_b: str


@dataclass(frozen=True)
class Suspect:
    """An existing contact that values typed for a new one may duplicate."""

    id: int
    score: int
    reason: str
    code: str
    name: str


@dataclass
class MergeRecord:
    """What merge() did, exactly enough for unmerge() to put it back."""

    keep_id: int
    other_id: int
    keep_before: dict  # the contacts rows, every column, as they were
    other_before: dict
    changes: dict  # field -> [old, new] on the kept contact
    moved: dict[str, list[int]] = field(default_factory=dict)  # table -> ids of the rows moved
    hosted: list[int] = field(default_factory=list)  # parties.id
    guest_of: list[int] = field(default_factory=list)  # party_guests.party_id moved
    guest_dropped: list[int] = field(default_factory=list)  # … deleted (the kept one was a guest too)
    members: list[int] = field(default_factory=list)  # contacts.id whose company_id moved
    referrals: list[int] = field(default_factory=list)  # contacts.id whose referred_by moved
    card_moved: bool = False
    rewarded: list[int] = field(default_factory=list)  # referral_rewards.referred_id whose referrer moved
    reward_moved: bool = False  # the other's own referral reward row
    tags_added: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """What moved, by the keys of domain.duplicates.HISTORY."""
        out = {table: len(ids) for table, ids in self.moved.items()}
        out.update(
            parties_hosted=len(self.hosted),
            parties_attended=len(self.guest_of) + len(self.guest_dropped),
            members=len(self.members),
            referrals=len(self.referrals),
            loyalty_card=int(self.card_moved),
            tags=len(self.tags_added),
        )
        return {k: v for k, v in out.items() if v}


class DuplicateStore:
    def __init__(self, database: Database):
        self.database = database
        self.contacts = ContactStore(database)

    @property
    def conn(self):
        return self.database.conn

    # -- finding ---------------------------------------------------------------------
    def candidates(
        self, *, threshold: int = rules.NAME_THRESHOLD, check: Callable[[], None] | None = None
    ) -> list[Candidate]:
        """Every candidate pair of live contacts, surest first, except the pairs
        said not to be duplicates."""
        rows = {
            r["id"]: dict(r)
            for r in self.conn.execute(f"SELECT {', '.join(COMPARED_COLUMNS)} FROM contacts WHERE deleted_at IS NULL")
        }
        pairs = rules.find_pairs(rows.values(), threshold=threshold, skip=self.dismissed(), check=check)
        return [
            Candidate(
                p.a,
                p.b,
                p.score,
                p.reason,
                rows[p.a]["code"],
                rows[p.b]["code"],
                display_name(rows[p.a]),
                display_name(rows[p.b]),
            )
            for p in pairs
        ]

    def suspects(
        self, values: dict, *, exclude_id: int | None = None, threshold: int = rules.NAME_THRESHOLD
    ) -> list[Suspect]:
        """Live contacts that the values of a new contact (as typed: they are
        validated here) may duplicate, surest first. Reads only what the indexes
        give: the same e-mail or phone (trigram index), the same postal code,
        company or SIRET."""
        clean = validate(values, partial=True)
        found: set[int] = set()
        for term in (fold(clean.get("email")), *(digits(clean.get(k)) for k in ("phone", "phone2"))):
            if len(term) >= 3:
                phrase = '"' + term.replace('"', '""') + '"'
                found.update(
                    r[0]
                    for r in self.conn.execute("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?", (phrase,))
                )
        if clean.get("postal_code"):
            found.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM contacts WHERE postal_code = ? AND deleted_at IS NULL", (clean["postal_code"],)
                )
            )
        if clean.get("company_id"):
            found.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM contacts WHERE company_id = ? AND deleted_at IS NULL", (clean["company_id"],)
                )
            )
        if clean.get("company"):
            found.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM contacts WHERE company_key = ? AND deleted_at IS NULL", (fold(clean["company"]),)
                )
            )
        if clean.get("siret"):
            found.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM contacts WHERE siret = ? AND deleted_at IS NULL", (clean["siret"],)
                )
            )
        found.discard(exclude_id)
        rows = {}
        for chunk, marks in chunks(sorted(found)):
            rows.update(
                (r["id"], dict(r))
                for r in self.conn.execute(
                    f"SELECT {', '.join(COMPARED_COLUMNS)} FROM contacts WHERE id IN ({marks}) AND deleted_at IS NULL",
                    chunk,
                )
            )
        new = rules.profile({**clean, "id": exclude_id})
        return [
            Suspect(contact_id, match.score, match.reason, rows[contact_id]["code"], display_name(rows[contact_id]))
            for contact_id, match in rules.matches_for(new, map(rules.profile, rows.values()), threshold)
        ]

    # -- « not duplicates » -------------------------------------------------------------
    def dismissed(self) -> set[tuple[int, int]]:
        raw = self.database.scalar("SELECT value FROM settings WHERE key = ?", (DISMISSED_KEY,))
        return {rules.pair_key(int(a), int(b)) for a, b in (json.loads(raw) if raw else [])}

    def dismiss(self, a: int, b: int) -> None:
        """Remember that `a` and `b` are two different contacts (« Garder les deux »)."""
        with self.database.atomic() as conn:
            pairs = self.dismissed() | {rules.pair_key(a, b)}
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (DISMISSED_KEY, json.dumps(sorted(pairs))),
            )
            self.database.audit("contact", min(a, b), "not_duplicate", {"other_id": max(a, b)})

    # -- history ---------------------------------------------------------------------
    def history(self, contact_id: int, into: int | None = None) -> dict[str, int]:
        """What refers to `contact_id` (by the keys of domain.duplicates.HISTORY);
        with `into`, what a merge into that contact would move (its tags not
        already there, its card only when `into` has none)."""
        scalar = self.database.scalar
        counts = {
            table: scalar(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (contact_id,)) for table in _OWNED
        }
        counts["parties_hosted"] = scalar("SELECT count(*) FROM parties WHERE host_id = ?", (contact_id,))
        counts["parties_attended"] = scalar("SELECT count(*) FROM party_guests WHERE contact_id = ?", (contact_id,))
        counts["members"] = scalar(
            "SELECT count(*) FROM contacts WHERE company_id = ? AND id IS NOT ?", (contact_id, into)
        )
        counts["referrals"] = scalar(
            "SELECT count(*) FROM contacts WHERE referred_by = ? AND id IS NOT ?", (contact_id, into)
        )
        card = scalar("SELECT count(*) FROM loyalty_cards WHERE contact_id = ?", (contact_id,))
        tags = self.contacts.tags_of(contact_id)
        if into is not None:
            if scalar("SELECT count(*) FROM loyalty_cards WHERE contact_id = ?", (into,)):
                card = 0
            have = {t.casefold() for t in self.contacts.tags_of(into)}
            tags = [t for t in tags if t.casefold() not in have]
        counts["loyalty_card"] = card
        counts["tags"] = len(tags)
        return {k: int(v) for k, v in counts.items() if v}

    # -- merging -----------------------------------------------------------------------
    def _row(self, contact_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return dict(row) if row is not None else None

    def _ids(self, sql: str, params: Sequence) -> list[int]:
        return [r[0] for r in self.conn.execute(sql, tuple(params))]

    def merge(self, keep_id: int, other_id: int, choices: dict | None = None) -> MergeRecord:
        """Merge `other_id` into `keep_id` (see the module's docstring).
        `choices`: field -> « keep », « other » or a value; fields left out
        follow domain.duplicates.default_choices (a blank takes the other's
        value). CrmError / ValidationError (French) and nothing written when
        refused."""
        if keep_id == other_id:
            raise CrmError(N_("Un client ne peut pas être fusionné avec lui-même."))
        with self.database.atomic():
            keep, other = self._row(keep_id), self._row(other_id)
            for row in (keep, other):
                if row is None:
                    raise CrmError(N_("Ce client n'existe plus."))
                if row["deleted_at"] is not None:
                    raise CrmError(
                        N_("Le client {code} est dans la corbeille : restaurez-le pour le fusionner."), code=row["code"]
                    )
            changes = rules.merged_values(keep, other, choices or {})
            for ref in ("company_id", "referred_by"):  # never a link to itself or to the merged contact
                if changes.get(ref, keep[ref]) in (keep_id, other_id):
                    changes[ref] = None
                if ref in changes and changes[ref] == keep[ref]:
                    del changes[ref]
            record = MergeRecord(keep_id, other_id, keep, other, {k: [keep.get(k), v] for k, v in changes.items()})
            self._move(record)
            keep_tags = self.contacts.tags_of(keep_id)
            have = {t.casefold() for t in keep_tags}
            record.tags_added = [t for t in self.contacts.tags_of(other_id) if t.casefold() not in have]
            if record.tags_added:
                changes["tags"] = keep_tags + record.tags_added
            if changes:
                self.contacts.update(keep_id, dict(changes))
            if record.moved.get("orders") and self._row(keep_id)["stage"] == "prospect":
                from crmdesk.store.orders import OrderStore

                OrderStore(self.database).promote_to_client([keep_id])
            self.contacts.trash(other_id)
            analytics.refresh_client(self.database, keep_id)
            analytics.refresh_client(self.database, other_id)
            self.database.audit(
                "contact",
                keep_id,
                "merge",
                {
                    "kept_id": keep_id,
                    "kept_code": keep["code"],
                    "merged_id": other_id,
                    "merged_code": other["code"],
                    "fields": record.changes,
                    "tags_added": record.tags_added,
                    "moved": record.counts(),
                },
            )
        return record

    def _move(self, record: MergeRecord) -> None:
        keep, other = record.keep_id, record.other_id
        execute = self.conn.execute
        for table in _OWNED:
            ids = self._ids(f"SELECT id FROM {table} WHERE contact_id = ? ORDER BY id", (other,))
            if ids:
                execute(f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep, other))
                record.moved[table] = ids
        record.hosted = self._ids("SELECT id FROM parties WHERE host_id = ? ORDER BY id", (other,))
        execute("UPDATE parties SET host_id = ? WHERE host_id = ?", (keep, other))
        parties = self._ids("SELECT party_id FROM party_guests WHERE contact_id = ? ORDER BY party_id", (other,))
        both = set(self._ids("SELECT party_id FROM party_guests WHERE contact_id = ?", (keep,)))
        record.guest_dropped = [p for p in parties if p in both]
        record.guest_of = [p for p in parties if p not in both]
        for chunk, marks in chunks(record.guest_dropped):
            execute(f"DELETE FROM party_guests WHERE contact_id = ? AND party_id IN ({marks})", (other, *chunk))
        execute("UPDATE party_guests SET contact_id = ? WHERE contact_id = ?", (keep, other))
        for column, attribute in (("company_id", "members"), ("referred_by", "referrals")):
            ids = self._ids(f"SELECT id FROM contacts WHERE {column} = ? AND id != ? ORDER BY id", (other, keep))
            for chunk, marks in chunks(ids):
                execute(f"UPDATE contacts SET {column} = ? WHERE id IN ({marks})", (keep, *chunk))
            setattr(record, attribute, ids)
        if not self.database.scalar("SELECT 1 FROM loyalty_cards WHERE contact_id = ?", (keep,)):
            record.card_moved = (
                execute("UPDATE loyalty_cards SET contact_id = ? WHERE contact_id = ?", (keep, other)).rowcount > 0
            )
        record.rewarded = self._ids(
            "SELECT referred_id FROM referral_rewards WHERE referrer_id = ? ORDER BY referred_id", (other,)
        )
        execute("UPDATE referral_rewards SET referrer_id = ? WHERE referrer_id = ?", (keep, other))
        if not self.database.scalar("SELECT 1 FROM referral_rewards WHERE referred_id = ?", (keep,)):
            record.reward_moved = (
                execute("UPDATE referral_rewards SET referred_id = ? WHERE referred_id = ?", (keep, other)).rowcount > 0
            )
        execute("DELETE FROM reorder_watch WHERE contact_id IN (?, ?)", (keep, other))

    def unmerge(self, record: MergeRecord) -> None:
        """Undo merge(): the rows it moved go back, the tags it added go, both
        contacts are put back as they were (one transaction, audited)."""
        keep, other = record.keep_id, record.other_id
        execute = self.conn.execute
        with self.database.atomic():
            if self._row(keep) is None or self._row(other) is None:
                raise CrmError(N_("Un des deux clients n'existe plus : la fusion ne peut pas être annulée."))
            for table, ids in record.moved.items():
                for chunk, marks in chunks(ids):
                    execute(
                        f"UPDATE {table} SET contact_id = ? WHERE contact_id = ? AND id IN ({marks})",
                        (other, keep, *chunk),
                    )
            for chunk, marks in chunks(record.hosted):
                execute(f"UPDATE parties SET host_id = ? WHERE host_id = ? AND id IN ({marks})", (other, keep, *chunk))
            for chunk, marks in chunks(record.guest_of):
                execute(
                    f"UPDATE party_guests SET contact_id = ? WHERE contact_id = ? AND party_id IN ({marks})",
                    (other, keep, *chunk),
                )
            self.conn.executemany(
                "INSERT OR IGNORE INTO party_guests(party_id, contact_id) VALUES (?, ?)",
                [(party, other) for party in record.guest_dropped],
            )
            for column, ids in (("company_id", record.members), ("referred_by", record.referrals)):
                for chunk, marks in chunks(ids):
                    execute(
                        f"UPDATE contacts SET {column} = ? WHERE {column} = ? AND id IN ({marks})",
                        (other, keep, *chunk),
                    )
            if record.card_moved:
                execute("UPDATE loyalty_cards SET contact_id = ? WHERE contact_id = ?", (other, keep))
            for chunk, marks in chunks(record.rewarded):
                execute(f"UPDATE referral_rewards SET referrer_id = ? WHERE referred_id IN ({marks})", (other, *chunk))
            if record.reward_moved:
                execute("UPDATE referral_rewards SET referred_id = ? WHERE referred_id = ?", (other, keep))
            execute("DELETE FROM reorder_watch WHERE contact_id IN (?, ?)", (keep, other))
            for chunk, marks in chunks(record.tags_added):
                execute(
                    f"DELETE FROM contact_tags WHERE contact_id = ? AND tag_id IN "
                    f"(SELECT id FROM tags WHERE name IN ({marks}))",
                    (keep, *chunk),
                )
            for row in (record.keep_before, record.other_before):
                columns = [c for c in row if c != "id" and c not in GENERATED]  # code_key follows the code
                execute(
                    f"UPDATE contacts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                    (*(row[c] for c in columns), row["id"]),
                )
            self.database.audit(
                "contact",
                keep,
                "unmerge",
                {
                    "kept_id": keep,
                    "merged_id": other,
                    "fields": {k: [new, old] for k, (old, new) in record.changes.items()},
                    "moved": record.counts(),
                },
            )
