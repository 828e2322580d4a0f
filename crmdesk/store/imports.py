"""Import batches: one row per import, kept with its counts (and audited),
and what each import created and changed, so that it can be undone later in
one action (`undo_batch`; issue 7).

Recording, inside the import's own transaction and cheap:
- `start_batch` notes the highest ids of the tables an import adds rows to
  (and, for web / social figures, those rows as they were; for orders, the
  products without category);
- the importers mark what they create: orders and survey answers carry
  `import_batch` (db/001, db/004), contacts too (db/006); an update of an
  existing contact records the old value of each field it changes
  (`record_old_values`), an orders import the prospects it turns into
  clients (`record_promotions`);
- `finish_batch` reads the rest from the marks: contacts created without the
  mark (the « À COMPLÉTER » clients of an orders import), tags, reps,
  categories and products created, product categories filled in, web /
  social rows added or replaced; and the value each changed field now holds.

Undoing (`undo_batch`): one transaction, audited. The rule, safest first:
- What the import created goes: its orders (and their lines), its survey
  answers, its contacts (and their tags), then the tags, reps, categories
  and products it created that nothing uses any more.
- Nothing added since is lost. A contact the import created is kept when
  anything has come to it since: an order or answer from elsewhere (typed,
  or from another import), a complaint, an exchange, a task, loyalty points,
  a home party, an attachment, another contact pointing at it (a member of
  the company, a referral) — any row of any table that refers to it — or a
  change to its sheet or tags (an « update » or « tags » entry in the audit
  log, unless written by an import undone since). An order or answer of the
  import edited since is kept too. When there is any of these the undo is
  REFUSED (ImportUndoRefused, French message listing them; nothing
  changes), unless `keep_used=True`: then exactly those are kept and all the
  rest is undone. Undoing the later imports first frees them.
- A field the import changed gets its old value back only while it still
  holds the value the import wrote: a change made since (by hand or by a
  later import) stays, and is counted (and `updated_at` then stays too). A
  prospect the import made a client becomes a prospect again only when no
  order is left.
- Web / social figures (upserts): a row the import added is deleted, a row
  it replaced gets its former figures back — unless changed since (kept).
- The touched clients' figures (revenue, status, RFM) are recomputed
  (OrderStore.refresh_figures); the dashboard's aggregates follow the plain
  DELETEs through their triggers (db/005).
- The batch gets `undone_at`; undoing it again is refused. Imports made
  before db/006 recorded none of this and cannot be undone.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby

from crmdesk.domain.contact import display_name
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.contacts import ContactStore, _derived
from crmdesk.store.database import Database, json_ids, now_iso, references
from crmdesk.store.server import on_server, untyped, untyped_sql

# Kinds of import (import_batches.kind) that undo_batch knows how to undo.
KIND_LABELS = {
    "clients": N_("clients"),
    "orders": N_("commandes"),
    "surveys": N_("réponses d'enquête"),
    "web": N_("chiffres du site web"),
    "social": N_("chiffres des réseaux sociaux"),
}
# Tables an import adds rows to with ids above all the earlier ones (and an
# import_batch column), then the look-up tables whose new rows are noted.
_RANGED = ("contacts", "orders", "survey_answers")
_LOOKUPS = {"tags": "tag", "products": "product", "categories": "category", "reps": "rep"}
_STATS = {"web": ("web_stats", ("period",)), "social": ("social_stats", ("period", "network"))}
_ENTITIES = {"orders": "order", "survey_answers": "survey_answer"}
# Why a contact created by an import is kept: rows of other tables referring to it.
_REASONS = {
    "orders": N_("commande(s) d'une autre origine, ou de cet import mais modifiée(s) depuis"),
    "survey_answers": N_("réponse(s) d'enquête d'une autre origine, ou de cet import mais modifiée(s) depuis"),
    "complaints": N_("réclamation(s)"),
    "interactions": N_("échange(s) dans l'historique de la relation"),
    "tasks": N_("tâche(s) ou rappel(s)"),
    "parties": N_("réunion(s) à domicile dont il est l'hôte"),
    "party_guests": N_("invitation(s) à une réunion à domicile"),
    "loyalty_ledger": N_("mouvement(s) de points de fidélité"),
    "loyalty_cards": N_("carte de fidélité"),
    "attachments": N_("pièce(s) jointe(s)"),
    "company_id": N_("contact(s) rattaché(s) à cette entreprise"),
    "referred_by": N_("filleul(s) (parrainage)"),
}
_CHANGED_SINCE = N_("fiche modifiée depuis l'import")
# The fields the derived columns of a contact (sort keys, search text) are made of.
_DERIVED_FROM = {"kind", "last_name", "first_name", "company", "city", "email", "code", "phone", "phone2"}
_SHOWN_KEPT = 10
_TAG_NAMES = (
    "SELECT t.name FROM contact_tags AS ct JOIN tags AS t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = import_changes.entity_id ORDER BY t.name"
)


def _max_id(conn, table: str) -> int:
    return int(conn.execute(f"SELECT ifnull(max(id), 0) FROM {table}").fetchone()[0])


# -- recording -------------------------------------------------------------------------------
def start_batch(database: Database, kind: str, file_name: str) -> int:
    """Record an import in progress (the caller holds the transaction), with
    the marks its undo needs (see the module docstring)."""
    conn = database.conn
    marks: dict = {
        "audit": _max_id(conn, "audit_log"),
        "max": {table: _max_id(conn, table) for table in (*_RANGED, *_LOOKUPS)},
    }
    if kind == "orders":
        marks["products_without_category"] = [
            r[0] for r in conn.execute("SELECT id FROM products WHERE category_id IS NULL")
        ]
    if kind in _STATS:
        table, keys = _STATS[kind]
        marks["rows"] = {_stats_key(row, keys): row for row in _stats_rows(conn, table)}
    cursor = conn.execute(
        "INSERT INTO import_batches(kind, file_name, at, marks) VALUES (?, ?, ?, ?)",
        (kind, file_name, now_iso(), json.dumps(marks, ensure_ascii=False)),
    )
    return int(cursor.lastrowid)


def finish_batch(
    database: Database, batch_id: int, *, rows_ok: int, rows_rejected: int, details: dict | None = None
) -> None:
    database.conn.execute(
        "UPDATE import_batches SET rows_ok = ?, rows_rejected = ? WHERE id = ?", (rows_ok, rows_rejected, batch_id)
    )
    kind, file_name = database.conn.execute(
        "SELECT kind, file_name FROM import_batches WHERE id = ?", (batch_id,)
    ).fetchone()
    database.audit(
        "import",
        batch_id,
        f"import {kind}",
        {
            "file": [None, file_name],
            "rows_ok": [None, rows_ok],
            "rows_rejected": [None, rows_rejected],
            **{k: [None, v] for k, v in (details or {}).items()},
        },
    )
    _remember(database, batch_id, kind)


def record_old_values(database: Database, batch_id: int | None, contact_id: int, old: Mapping) -> None:
    """An import changed these fields of an existing contact: their values
    before (as stored; "tags" = the list of names), kept with the batch in one
    executemany. A field changed twice by one import keeps its first value."""
    if batch_id is None or not old:
        return
    database.conn.executemany(
        "INSERT OR IGNORE INTO import_changes(batch_id, entity, entity_id, field, old_value) "
        "VALUES (?, 'contact', ?, ?, ?)",
        [
            (
                batch_id,
                contact_id,
                name,
                untyped(database, json.dumps(list(value), ensure_ascii=False) if name == "tags" else value),
            )
            for name, value in old.items()
        ],
    )


def record_promotions(database: Database, batch_id: int | None, contact_ids: Iterable[int]) -> None:
    """Before an orders import turns the prospects among `contact_ids` into
    clients: their stage and updated_at, as old values of the batch (set-based)."""
    if batch_id is None:
        return
    ids = json_ids(contact_ids)
    for name in ("stage", "updated_at"):
        database.conn.execute(
            "INSERT OR IGNORE INTO import_changes(batch_id, entity, entity_id, field, old_value) "
            f"SELECT ?, 'contact', id, ?, {untyped_sql(database, name)} FROM contacts "
            "WHERE stage = 'prospect' AND id IN (SELECT value FROM json_each(?))",
            (batch_id, name, ids),
        )


def _remember(database: Database, batch_id: int, kind: str) -> None:
    """At the end of an import: what it created and changed, from its marks."""
    conn = database.conn
    raw = database.scalar("SELECT marks FROM import_batches WHERE id = ?", (batch_id,))
    if raw is None:
        return
    marks = json.loads(raw)
    before = marks["max"]
    # contacts created without the mark (placeholders of an orders import): one
    # range of the primary key, nothing written when the importer marked them
    conn.execute(
        "UPDATE contacts SET import_batch = ? WHERE id > ? AND import_batch IS NULL", (batch_id, before["contacts"])
    )
    marks["last"] = {table: _max_id(conn, table) for table in _RANGED}
    for table, entity in _LOOKUPS.items():
        conn.execute(
            f"INSERT OR IGNORE INTO import_created(batch_id, entity, entity_id, name) "
            f"SELECT ?, ?, id, name FROM {table} WHERE id > ?",
            (batch_id, entity, before[table]),
        )
    filled = marks.pop("products_without_category", None)
    if filled:
        conn.execute(
            "INSERT OR IGNORE INTO import_changes(batch_id, entity, entity_id, field, old_value, new_value) "
            f"SELECT ?, 'product', id, 'category_id', NULL, {untyped_sql(database, 'category_id')} FROM products "
            "WHERE category_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))",
            (batch_id, json.dumps(filled)),
        )
    old_rows = marks.pop("rows", None)
    if old_rows is not None:
        table, keys = _STATS[kind]
        conn.executemany(
            "INSERT OR IGNORE INTO import_changes(batch_id, entity, key, field, old_value, new_value) "
            "VALUES (?, ?, ?, '*', ?, ?)",
            [
                (
                    batch_id,
                    table,
                    json.dumps([row[k] for k in keys], ensure_ascii=False),
                    None if old is None else untyped(database, json.dumps(old, ensure_ascii=False)),
                    untyped(database, json.dumps(row, ensure_ascii=False)),
                )
                for row in _stats_rows(conn, table)
                for old in [old_rows.get(_stats_key(row, keys))]
                if old != row
            ],
        )
    _read_new_values(database, batch_id)
    marks["audit_end"] = _max_id(conn, "audit_log")
    conn.execute("UPDATE import_batches SET marks = ? WHERE id = ?", (json.dumps(marks), batch_id))


def _read_new_values(database: Database, batch_id: int) -> None:
    """The value each contact field the import changed holds now (one UPDATE per field name)."""
    conn = database.conn
    columns = {column[0] for column in conn.execute("SELECT * FROM contacts LIMIT 0").description}
    names = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT field FROM import_changes WHERE batch_id = ? AND entity = 'contact'", (batch_id,)
        )
    ]
    for name in names:
        if name == "tags":
            group = "coalesce(json_agg(name)::text, '[]')" if on_server(database) else "json_group_array(name)"
            value = f"(SELECT {group} FROM ({_TAG_NAMES}))"
        elif name in columns:
            value = f'(SELECT "{name}" FROM contacts WHERE contacts.id = import_changes.entity_id)'
        else:
            continue
        value = untyped_sql(database, value)
        conn.execute(
            f"UPDATE import_changes SET new_value = {value} WHERE batch_id = ? AND entity = 'contact' AND field = ?",
            (batch_id, name),
        )


def _stats_rows(conn, table: str) -> list[dict]:
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]


def _stats_key(row: Mapping, keys: tuple[str, ...]) -> str:
    """The key of a web / social row as SQLite compares it (network: NOCASE, ASCII only)."""
    return json.dumps(
        [row[k].encode().lower().decode() if k == "network" else row[k] for k in keys], ensure_ascii=False
    )


def audit_imported(database: Database, entity: str, ids: Iterable[int], batch_id: int | None) -> None:
    """One audit row per created record (« import », with its batch), in bulk:
    who created each contact, and when, stays traceable (docs/domain/08-personal-data.md)."""
    at = now_iso()
    changes = json.dumps({"import_batch": [None, batch_id]})
    database.conn.executemany(
        "INSERT INTO audit_log(at, author, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, 'import', ?)",
        ((at, database.author, entity, record_id, changes) for record_id in ids),
    )


def batches(database: Database) -> list[dict]:
    return [dict(r) for r in database.conn.execute("SELECT * FROM import_batches ORDER BY id DESC")]


_FTS_TRIGGER = "contacts_fts_insert"


@contextlib.contextmanager
def bulk_contact_inserts(database: Database) -> Iterator[Callable[[int, int], None]]:
    """For a big import, inside the caller's transaction: index contacts in
    the search table by chunk instead of row by row.

    The per-row FTS trigger costs ~3× the rest of an insert; here it is
    dropped, the caller calls `index(first_id, last_id)` after each chunk it
    inserts, and the trigger is created again (same SQL) before the
    transaction ends. DDL is transactional in SQLite: a rollback restores
    the trigger too. Rows inserted by anyone else meanwhile (none: the
    caller holds the writer lock and the transaction) would miss the index.
    """
    conn = database.conn
    if not conn.in_transaction:
        raise RuntimeError("bulk_contact_inserts needs the caller's transaction")
    if on_server(database):  # a server's search index is on contacts itself, and its triggers stay for the others
        yield lambda first, last: None
        return
    sql = database.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,))
    if sql is None:  # a later schema indexes differently: rows go through the normal path
        yield lambda first, last: None
        return

    def index(first_id: int, last_id: int) -> None:
        conn.execute(
            "INSERT INTO contacts_fts(rowid, search_text) "
            "SELECT id, search_text FROM contacts WHERE id BETWEEN ? AND ?",
            (first_id, last_id),
        )

    conn.execute(f"DROP TRIGGER {_FTS_TRIGGER}")
    try:
        yield index
    except BaseException:
        # A full disk (SQLITE_FULL) may have rolled the whole transaction back already, and the
        # trigger with it: put it back only inside a transaction still open, and never let that
        # hide the real error (« trigger already exists » instead of « disk full »).
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction and not _trigger_exists(conn):
                conn.execute(sql)
        raise
    conn.execute(sql)


def _trigger_exists(conn) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,)).fetchone()
        is not None
    )


# -- the list of imports -------------------------------------------------------------------
def when(at: str | None) -> str:
    """« 23/11/2026 à 10:15 » for an ISO date-time."""
    return _("{day} à {time}", day=format_date(at), time=at[11:16]) if at else ""


def _undoable(row: Mapping) -> str | None:
    """Why a batch cannot be undone (interface language), or None when it can."""
    if row["undone_at"]:
        return _("déjà annulé le {when}", when=when(row["undone_at"]))
    if row["kind"] not in KIND_LABELS:
        return _("un import de type « {kind} » ne s'annule pas", kind=row["kind"])
    if row["marks"] is None or "last" not in json.loads(row["marks"]):
        return _("fait avec une version de crmdesk qui ne gardait pas de quoi l'annuler")
    return None


def history(database: Database) -> list[dict]:
    """Every import, newest first: id, at (ISO), kind, kind_label, file_name,
    rows_ok, rows_rejected, undone_at (ISO or None), undoable (bool) and
    why_not (French, None when undoable)."""
    result = []
    for row in database.conn.execute(
        "SELECT id, kind, file_name, at, rows_ok, rows_rejected, undone_at, marks FROM import_batches ORDER BY id DESC"
    ):
        why_not = _undoable(row)
        result.append(
            {
                "id": row["id"],
                "at": row["at"],
                "kind": row["kind"],
                "kind_label": _(KIND_LABELS.get(row["kind"], row["kind"])),
                "file_name": row["file_name"],
                "rows_ok": row["rows_ok"],
                "rows_rejected": row["rows_rejected"],
                "undone_at": row["undone_at"],
                "undoable": why_not is None,
                "why_not": why_not,
            }
        )
    return result


# -- undoing -------------------------------------------------------------------------------------
@dataclass
class Kept:
    """A contact created by the import that has received data since."""

    contact_id: int
    code: str
    name: str
    reasons: list[str]

    def line(self) -> str:
        return f"{self.code} {self.name} : {', '.join(self.reasons)}"


@dataclass
class UndoResult:
    batch_id: int
    kind: str
    file_name: str
    contacts: int = 0  # contacts the import created, deleted
    tag_links: int = 0  # their client–tag links, deleted with them
    orders: int = 0  # orders deleted …
    lines: int = 0  # … with their lines
    answers: int = 0  # survey answers deleted
    tags: int = 0  # tags the import created, deleted (no longer used)
    lookups: int = 0  # reps, products, categories it created, deleted (no longer used)
    fields: int = 0  # fields given back their old value …
    restored: int = 0  # … on this many contacts, products or web / social rows
    indicator_rows: int = 0  # web / social rows deleted or given back their former figures
    fields_kept: int = 0  # fields (or rows) changed since the import: left as they are
    kept: list[Kept] = field(default_factory=list)  # with keep_used: contacts kept
    kept_orders: int = 0  # with keep_used: orders of the import edited since, kept
    kept_answers: int = 0
    figures: int = 0  # clients whose figures were recomputed
    dry_run: bool = False

    def summary(self) -> list[str]:
        """What was done, in the interface language, one line per kind of thing."""
        label = _(KIND_LABELS.get(self.kind, self.kind))
        head = (
            _(
                "Simulation : l'annulation de l'import n° {number} ({kind}, « {file} ») ferait :",
                number=self.batch_id,
                kind=label,
                file=self.file_name,
            )
            if self.dry_run
            else _(
                "Import n° {number} ({kind}, « {file} ») annulé :",
                number=self.batch_id,
                kind=label,
                file=self.file_name,
            )
        )
        tags = ""
        if self.tag_links:
            tags = (
                _(", avec ses étiquettes ({count})", count=self.tag_links)
                if self.contacts == 1
                else _(", avec leurs étiquettes ({count})", count=self.tag_links)
            )
        parts = (  # (count, singular, plural, what follows)
            (self.contacts, N_("client supprimé"), N_("clients supprimés"), tags),
            (
                self.orders,
                N_("commande supprimée"),
                N_("commandes supprimées"),
                f" ({_count(self.lines, N_('ligne de détail'), N_('lignes de détail'))})",
            ),
            (self.answers, N_("réponse d'enquête supprimée"), N_("réponses d'enquête supprimées"), ""),
            (
                self.tags,
                N_("étiquette créée par l'import supprimée"),
                N_("étiquettes créées par l'import supprimées"),
                "",
            ),
            (
                self.lookups,
                N_("commercial, produit ou catégorie créé par l'import supprimé"),
                N_("commerciaux, produits ou catégories créés par l'import supprimés"),
                "",
            ),
            (
                self.fields,
                N_("champ remis comme avant"),
                N_("champs remis comme avant"),
                f" ({_count(self.restored, N_('fiche'), N_('fiches'))})",
            ),
            (
                self.indicator_rows,
                N_("ligne de chiffres remise comme avant"),
                N_("lignes de chiffres remises comme avant"),
                "",
            ),
            (
                self.fields_kept,
                N_("champ modifié depuis l'import, laissé tel quel"),
                N_("champs modifiés depuis l'import, laissés tels quels"),
                "",
            ),
        )
        lines = [_count(n, singular, plural) + more for n, singular, plural, more in parts if n]
        if self.kept:
            lines.append(
                _(
                    "{kept} (ils ont reçu d'autres données depuis) : {codes}",
                    kept=_count(
                        len(self.kept), N_("client créé par l'import gardé"), N_("clients créés par l'import gardés")
                    ),
                    codes=", ".join(k.code for k in self.kept[:_SHOWN_KEPT])
                    + (" …" if len(self.kept) > _SHOWN_KEPT else ""),
                )
            )
        if self.kept_orders or self.kept_answers:
            lines.append(
                _count(
                    self.kept_orders + self.kept_answers,
                    N_("commande ou réponse modifiée depuis, gardée"),
                    N_("commandes ou réponses modifiées depuis, gardées"),
                )
            )
        if self.figures:
            lines.append(
                _("chiffres recalculés pour {clients}", clients=_count(self.figures, N_("client"), N_("clients")))
            )
        if not lines:
            lines.append(_("rien à défaire : ce que l'import avait créé ou modifié n'est plus là"))
        return [head, *(f"  - {line}" for line in lines)]


class ImportUndoRefused(CrmError):
    """Undoing would delete data added since the import (see the module docstring);
    nothing was changed. `kept` lists the contacts concerned."""

    def __init__(self, message: str, kept: list[Kept], orders: int, answers: int):
        super().__init__(message)
        self.kept, self.orders, self.answers = kept, orders, answers


class _DryRun(Exception):
    def __init__(self, result: UndoResult):
        super().__init__()
        self.result = result


def _count(n: int, singular: str, plural: str) -> str:
    """« 1 234 clients supprimés »: the words (marked N_) in the interface language."""
    return f"{n:,}".replace(",", " ") + " " + _(singular if n <= 1 else plural)


def undo_batch(database: Database, batch_id: int, *, keep_used: bool = False, dry_run: bool = False) -> UndoResult:
    """Undo an import in one transaction (the rule: module docstring). CrmError
    (French) when there is no such import, when it is already undone or cannot
    be; ImportUndoRefused when it would delete data added since (unless
    `keep_used`). With `dry_run`, everything is done then rolled back: the
    result says what the undo would do."""
    row = database.conn.execute("SELECT * FROM import_batches WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        raise CrmError(
            N_("Il n'y a pas d'import n° {number} dans ce fichier clients (voir la liste des imports)."),
            number=batch_id,
        )
    why_not = _undoable(row)
    if why_not is not None:
        raise CrmError(
            N_("L'import n° {number} (« {file} ») ne peut pas être annulé : {reason}."),
            number=batch_id,
            file=row["file_name"],
            reason=why_not,
        )
    try:
        with database.atomic():
            result = _Undo(database, dict(row), keep_used).run()
            if dry_run:
                result.dry_run = True
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    return result


class _Undo:
    def __init__(self, database: Database, batch: dict, keep_used: bool):
        self.database, self.conn, self.batch, self.keep_used = database, database.conn, batch, keep_used
        self.id = batch["id"]
        marks = json.loads(batch["marks"])
        self.ranges = {table: (marks["max"][table] + 1, marks["last"][table]) for table in _RANGED}
        self.audit_end = marks["audit_end"]
        self.result = UndoResult(self.id, batch["kind"], batch["file_name"] or "")
        self.touched: set[int] = set()
        self.stamp = json.dumps({"import_batch": [self.id, None]})

    def run(self) -> UndoResult:
        kept_rows = {table: self._edited(table) for table in _ENTITIES}
        kept = self._kept_contacts(kept_rows)
        if (kept or any(kept_rows.values())) and not self.keep_used:
            raise self._refusal(kept, kept_rows)
        result = self.result
        result.kept, result.kept_orders, result.kept_answers = (
            kept,
            len(kept_rows["orders"]),
            len(kept_rows["survey_answers"]),
        )
        self._delete_orders(kept_rows["orders"])
        self._delete_answers(kept_rows["survey_answers"])
        self._delete_contacts([k.contact_id for k in kept])
        self._restore_contacts()
        self._restore_products()
        self._restore_stats()
        self._delete_lookups()
        self._refresh_figures()
        self.conn.execute("UPDATE import_batches SET undone_at = ? WHERE id = ?", (now_iso(), self.id))
        self.database.audit(
            "import",
            self.id,
            "undo",
            {
                name: [None, getattr(result, name)]
                for name in (
                    "contacts",
                    "tag_links",
                    "orders",
                    "lines",
                    "answers",
                    "tags",
                    "lookups",
                    "fields",
                    "indicator_rows",
                    "fields_kept",
                    "kept_orders",
                    "kept_answers",
                    "figures",
                )
                if getattr(result, name)
            }
            | ({"kept": [None, [k.code for k in kept]]} if kept else {}),
        )
        return result

    # -- what has changed since -----------------------------------------------------------
    def _range(self, table: str) -> tuple[str, list]:
        """WHERE clause and parameters of the rows of `table` this import created."""
        low, high = self.ranges[table]
        return "id BETWEEN ? AND ? AND import_batch = ?", [low, high, self.id]

    def _edited(self, table: str) -> list[int]:
        """This import's orders (or answers) edited since: an « update » in the audit log after it."""
        low, high = self.ranges[table]
        if high < low:
            return []
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT entity_id FROM audit_log WHERE entity = ? AND action = 'update' "
                "AND entity_id BETWEEN ? AND ? AND id > ?",
                (_ENTITIES[table], low, high, self.audit_end),
            )
        ]
        if not ids:
            return []
        where, params = self._range(table)
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT id FROM {table} WHERE {where} AND id IN (SELECT value FROM json_each(?))",
                (*params, json_ids(ids)),
            )
        ]

    def _changed_since(self, low: int, high: int) -> set[int]:
        """Contacts in [low, high] whose sheet or tags changed after the import: an
        « update » or « tags » entry in the audit log, except those written by
        imports that have been undone since (their undo put the values back)."""
        undone = []
        for (raw,) in self.conn.execute(
            "SELECT marks FROM import_batches WHERE undone_at IS NOT NULL AND id != ? AND marks IS NOT NULL", (self.id,)
        ):
            marks = json.loads(raw)
            undone.append((marks["audit"], marks.get("audit_end", marks["audit"])))
        return {
            contact_id
            for entry, contact_id in self.conn.execute(
                "SELECT id, entity_id FROM audit_log WHERE entity = 'contact' AND action IN ('update', 'tags') "
                "AND entity_id BETWEEN ? AND ? AND id > ?",
                (low, high, self.audit_end),
            )
            if not any(first < entry <= last for first, last in undone)
        }

    def _created(self, ids: Iterable[int]) -> set[int]:
        where, params = self._range("contacts")
        return {
            r[0]
            for r in self.conn.execute(
                f"SELECT id FROM contacts WHERE {where} AND id IN (SELECT value FROM json_each(?))",
                (*params, json_ids(ids)),
            )
        }

    def _kept_contacts(self, kept_rows: dict[str, list[int]]) -> list[Kept]:
        """Contacts this import created that have received data since (or whose sheet changed)."""
        low, high = self.ranges["contacts"]
        if high < low:
            return []
        conn = self.conn
        reasons: dict[int, list[str]] = defaultdict(list)
        for contact_id in self._changed_since(low, high):
            reasons[contact_id].append(_(_CHANGED_SINCE))
        pairs: list[tuple[int, int, str]] = []  # (contact, contact it points at, column)
        for table, column in references(conn, "contacts"):  # a table added later keeps its contacts too
            if table == "contact_tags":  # tags go with their contact
                continue
            if table == "contacts":
                pairs += [
                    (r[0], r[1], column)
                    for r in conn.execute(
                        f'SELECT id, "{column}" FROM contacts WHERE "{column}" BETWEEN ? AND ?', (low, high)
                    )
                ]
                continue
            clause, values = f'"{column}" BETWEEN ? AND ?', [low, high]
            if table in kept_rows:  # this import's own rows go, unless edited since
                clause += " AND (import_batch IS NOT ? OR id IN (SELECT value FROM json_each(?)))"
                values += [self.id, json_ids(kept_rows[table])]
            for contact_id, n in conn.execute(
                f'SELECT "{column}", count(*) FROM "{table}" WHERE {clause} GROUP BY 1', values
            ):
                why = _(_REASONS[table]) if table in _REASONS else _("ligne(s) de « {table} »", table=table)
                reasons[contact_id].append(f"{n} {why}")
        created = self._created([*reasons, *(p[1] for p in pairs), *(p[0] for p in pairs)])
        reasons = defaultdict(list, {k: v for k, v in reasons.items() if k in created})
        # a contact pointing at one created here keeps it there, unless it goes too
        staying = set(reasons)
        while True:
            more = {
                target
                for referrer, target, _ in pairs
                if target in created and target not in staying and (referrer not in created or referrer in staying)
            }
            if not more:
                break
            staying |= more
        pointing: dict[tuple[int, str], int] = defaultdict(int)
        for referrer, target, column in pairs:
            if target in created and referrer != target and (referrer not in created or referrer in staying):
                pointing[(target, column)] += 1
        for (target, column), n in sorted(pointing.items()):
            reasons[target].append(f"{n} {_(_REASONS.get(column, column))}")
        if not reasons:
            return []
        rows = {
            r["id"]: r
            for r in conn.execute(
                "SELECT id, code, kind, last_name, first_name, company FROM contacts "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json_ids(reasons),),
            )
        }
        return [
            Kept(contact_id, rows[contact_id]["code"], display_name(dict(rows[contact_id])), why)
            for contact_id, why in sorted(reasons.items())
        ]

    def _refusal(self, kept: list[Kept], kept_rows: dict[str, list[int]]) -> ImportUndoRefused:
        label = _(KIND_LABELS.get(self.batch["kind"], self.batch["kind"]))
        lines = [
            _(
                "L'import n° {number} ({kind}, « {file} », du {when}) n'a pas été annulé : l'annuler effacerait "
                "des données ajoutées depuis.",
                number=self.id,
                kind=label,
                file=self.batch["file_name"],
                when=when(self.batch["at"]),
            )
        ]
        if kept:
            lines.append(
                "  - "
                + _(
                    "{clients} reçu d'autres données depuis :",
                    clients=_count(
                        len(kept), N_("client créé par cet import a"), N_("clients créés par cet import ont")
                    ),
                )
            )
            lines += [f"      {k.line()}" for k in kept[:_SHOWN_KEPT]]
            if len(kept) > _SHOWN_KEPT:
                lines.append("      " + _("… et {count} autres", count=len(kept) - _SHOWN_KEPT))
        edited = len(kept_rows["orders"]), len(kept_rows["survey_answers"])
        for n, singular, plural in (
            (edited[0], N_("commande de cet import a"), N_("commandes de cet import ont")),
            (edited[1], N_("réponse d'enquête de cet import a"), N_("réponses d'enquête de cet import ont")),
        ):
            if n:
                lines.append("  - " + _("{rows} été modifiée(s) depuis.", rows=_count(n, singular, plural)))
        lines.append(
            _(
                "Rien n'a été changé. Annulez d'abord les imports plus récents qui les concernent, ou annulez "
                "celui-ci en gardant ces données (tout le reste de l'import sera défait)."
            )
        )
        return ImportUndoRefused("\n".join(lines), kept, *edited)

    # -- deleting what the import created ----------------------------------------------------
    def _delete_orders(self, kept: list[int]) -> None:
        where, params = self._range("orders")
        where, params = f"{where} AND id NOT IN (SELECT value FROM json_each(?))", (*params, json_ids(kept))
        self.touched |= {
            r[0] for r in self.conn.execute(f"SELECT DISTINCT contact_id FROM orders WHERE {where}", params)
        }
        self.result.lines = int(
            self.database.scalar(
                f"SELECT count(*) FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE {where})", params
            )
        )
        # plain DELETEs: the dashboard's triggers take each order away; the lines follow (ON DELETE CASCADE)
        self.result.orders = self.conn.execute(f"DELETE FROM orders WHERE {where}", params).rowcount

    def _delete_audited(self, table: str, entity: str, kept: list[int]) -> int:
        """Delete this import's rows of `table` but `kept`, one audit row each (set-based)."""
        where, params = self._range(table)
        where, params = f"{where} AND id NOT IN (SELECT value FROM json_each(?))", (*params, json_ids(kept))
        self.conn.execute(
            f"INSERT INTO audit_log(at, author, entity, entity_id, action, changes) "
            f"SELECT ?, ?, ?, id, 'import_undo', ? FROM {table} WHERE {where}",
            (now_iso(), self.database.author, entity, self.stamp, *params),
        )
        return self.conn.execute(f"DELETE FROM {table} WHERE {where}", params).rowcount

    def _delete_answers(self, kept: list[int]) -> None:
        self.result.answers = self._delete_audited("survey_answers", "survey_answer", kept)

    def _delete_contacts(self, kept: list[int]) -> None:
        where, params = self._range("contacts")
        self.result.tag_links = int(
            self.database.scalar(
                f"SELECT count(*) FROM contact_tags WHERE contact_id IN (SELECT id FROM contacts WHERE {where} "
                "AND id NOT IN (SELECT value FROM json_each(?)))",
                (*params, json_ids(kept)),
            )
        )
        self.result.contacts = self._delete_audited("contacts", "contact", kept)

    def _delete_lookups(self) -> None:
        """Tags, products, categories and reps the import created that nothing uses any more."""
        for table, entity in _LOOKUPS.items():
            created = {
                r[0]: r[1]
                for r in self.conn.execute(
                    f"SELECT t.id, t.name FROM {table} AS t JOIN import_created AS i ON i.entity_id = t.id "
                    "AND i.name IS t.name WHERE i.batch_id = ? AND i.entity = ?",
                    (self.id, entity),
                )
            }
            if not created:
                continue
            used: set[int] = set()
            for child, column in references(self.conn, table):
                used |= {
                    r[0]
                    for r in self.conn.execute(
                        f'SELECT DISTINCT "{column}" FROM "{child}" WHERE "{column}" IN (SELECT value '
                        f"FROM json_each(?))",
                        (json_ids(created),),
                    )
                }
            unused = sorted(set(created) - used)
            self.conn.execute(f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (json_ids(unused),))
            for record_id in unused:
                self.database.audit(entity, record_id, "import_undo", {"name": [created[record_id], None]})
            if table == "tags":
                self.result.tags += len(unused)
            else:
                self.result.lookups += len(unused)

    # -- giving changed fields back -----------------------------------------------------------
    def _changes(self, entity: str) -> list:
        return self.conn.execute(
            "SELECT entity_id, key, field, old_value, new_value FROM import_changes "
            "WHERE batch_id = ? AND entity = ? ORDER BY entity_id, key, field",
            (self.id, entity),
        ).fetchall()

    def _restore_contacts(self) -> None:
        """Fields back to their old values, by chunks of contacts: rows read and
        written in bulk; the derived columns (sort keys, search text) only for
        the contacts whose name, city, e-mail… changes."""
        conn, result = self.conn, self.result
        store = ContactStore(self.database)
        updates: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
        audits: list[tuple] = []
        at = now_iso()
        grouped = [
            (contact_id, list(changes))
            for contact_id, changes in groupby(self._changes("contact"), key=lambda r: r["entity_id"])
        ]
        for start in range(0, len(grouped), 500):
            chunk = grouped[start : start + 500]
            ids = json_ids(contact_id for contact_id, _ in chunk)
            rows = {
                r["id"]: dict(r)
                for r in conn.execute("SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?))", (ids,))
            }
            ordering = {
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT contact_id FROM orders WHERE contact_id IN (SELECT value FROM json_each(?))",
                    (ids,),
                )
            }
            for contact_id, changes in chunk:
                current = rows.get(contact_id)
                if current is None:  # deleted since: nothing to give back
                    continue
                values, diff, tags = {}, {}, None
                for change in changes:
                    name, old, new = change["field"], change["old_value"], change["new_value"]
                    if name == "tags":
                        now_tags = store.tags_of(contact_id)
                        if _same_tags(now_tags, json.loads(new or "[]")):
                            tags = json.loads(old or "[]")
                            diff["tags"] = [now_tags, tags]
                        else:
                            result.fields_kept += 1
                    elif (
                        name not in current
                        or current[name] != new
                        or (name == "stage" and old == "prospect" and contact_id in ordering)
                    ):
                        result.fields_kept += name != "updated_at"
                    else:
                        values[name] = old
                        diff[name] = [new, old]
                if "updated_at" in values and len(values) + (tags is not None) < len(changes):
                    del values["updated_at"], diff["updated_at"]  # a field changed since: so did the sheet
                if values.keys() & _DERIVED_FROM:
                    values.update(_derived({**current, **values}))
                if values:
                    updates[tuple(values)].append((*values.values(), contact_id))
                if tags is not None:
                    store.set_tags(contact_id, tags)
                if diff:
                    audits.append((at, self.database.author, contact_id, json.dumps(diff, ensure_ascii=False)))
                    result.fields += len(diff.keys() - {"updated_at"})  # what the user sees as fields
                    result.restored += 1
        for columns, params in updates.items():
            conn.executemany(f"UPDATE contacts SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?", params)
        conn.executemany(
            "INSERT INTO audit_log(at, author, entity, entity_id, action, changes) "
            "VALUES (?, ?, 'contact', ?, 'import_undo', ?)",
            audits,
        )

    def _restore_products(self) -> None:
        for change in self._changes("product"):
            product_id, old, new = change["entity_id"], change["old_value"], change["new_value"]
            row = self.conn.execute("SELECT category_id FROM products WHERE id = ?", (product_id,)).fetchone()
            if row is None:
                continue
            if row[0] != new:
                self.result.fields_kept += 1
                continue
            self.conn.execute("UPDATE products SET category_id = ? WHERE id = ?", (old, product_id))
            self.database.audit("product", product_id, "import_undo", {"category_id": [new, old]})
            self.result.fields += 1
            self.result.restored += 1

    def _restore_stats(self) -> None:
        if self.batch["kind"] not in _STATS:
            return
        table, keys = _STATS[self.batch["kind"]]
        where = " AND ".join(f"{k} = ?" for k in keys)
        for change in self._changes(table):
            key, new = json.loads(change["key"]), json.loads(change["new_value"])
            row = self.conn.execute(f"SELECT * FROM {table} WHERE {where}", key).fetchone()
            if row is None or dict(row) != new:
                self.result.fields_kept += 1
                continue
            if change["old_value"] is None:
                self.conn.execute(f"DELETE FROM {table} WHERE {where}", key)
                self.database.audit(table, None, "import_undo", {c: [v, None] for c, v in new.items()})
            else:
                old = json.loads(change["old_value"])
                self.conn.execute(
                    f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in old)} WHERE {where}", (*old.values(), *key)
                )
                self.database.audit(
                    table, None, "import_undo", {c: [new.get(c), v] for c, v in old.items() if new.get(c) != v}
                )
            self.result.indicator_rows += 1

    def _refresh_figures(self) -> None:
        from crmdesk.store.orders import OrderStore

        alive = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM contacts WHERE id IN (SELECT value FROM json_each(?))", (json_ids(self.touched),)
            )
        ]
        OrderStore(self.database).refresh_figures(alive)
        self.result.figures = len(alive)


def _same_tags(a: Iterable[str], b: Iterable[str]) -> bool:
    return sorted(t.casefold() for t in a) == sorted(t.casefold() for t in b)


# -- the rows of a batch as stored (the import wizard's preview) -------------------------------
_PREVIEWS = {
    "clients": (
        "code",
        "kind",
        "stage",
        "civility",
        "last_name",
        "first_name",
        "company",
        "email",
        "phone",
        "postal_code",
        "city",
        "birth_date",
    ),
    "orders": ("ref", "client", "date", "amount_cents", "channel"),
}


def preview(database: Database, batch_id: int, kind: str, limit: int = 20) -> tuple[tuple[str, ...], list[dict]]:
    """The first `limit` rows a batch created, as stored (normalised names,
    E.164 phones, ISO dates, cents): (column names, rows)."""
    columns = _PREVIEWS.get(kind)
    if columns is None:
        return (), []
    if kind == "clients":
        sql = f"SELECT {', '.join(columns)} FROM contacts WHERE import_batch = ? ORDER BY id LIMIT ?"
    else:
        sql = (
            "SELECT o.ref, c.code AS client, o.date, o.amount_cents, o.channel FROM orders o "
            "JOIN contacts c ON c.id = o.contact_id WHERE o.import_batch = ? ORDER BY o.id LIMIT ?"
        )
    return columns, [dict(row) for row in database.conn.execute(sql, (batch_id, limit))]
