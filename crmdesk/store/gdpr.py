"""Personal-data rights in the client file (docs/domain/08-personal-data.md): access, erasure, retention.

* ``access_data`` gathers everything the file holds about one person (the
  contact, tags, orders and lines, interactions, tasks, complaints with their
  history and attachment names, survey answers, loyalty, home parties, rights
  requests, the audit history and the old values kept by imports), plus the
  rows of any later table that refers to a contact.
* ``erase`` anonymises one contact in one transaction: the row stays (its
  orders keep their amounts and dates, for the statistics) but every
  identifying value goes — identity and reach, notes, interaction and task
  texts, complaint texts and the text of their events (db/009 lets the
  erasure, and only it, blank `complaint_events.details`), survey comments,
  attachments (rows and files), tags, the search index entry, the old values
  of imports (`import_changes`) and the text of the audit history about the
  person (`domain.retention.scrub`: field names, coded values and dates stay).
  When the person had opposed prospecting, the hashes of their e-mail and
  phones go to the suppression list first: mailing lists keep honouring the
  opposition after the erasure.
  Then ``clean_file`` makes the file forget the bytes: the erasure runs with
  PRAGMA secure_delete=ON (freed pages are zeroed), the search index is
  merged (its shadow tables keep deleted entries until then), the WAL is
  checkpointed and truncated, the file is VACUUMed (outside any transaction)
  and the WAL truncated again.
* ``retention_candidates`` lists the contacts whose retention period is over
  (rules in domain/retention.py); ``purge`` erases several in one
  transaction, then cleans the file once.

Backups: the window and the command take a backup just before an erasure
or a purge; it, and older ones, still hold the person until the backup
policy thins them out (crmdesk/store/backups.py: once a newer one exists,
five weeks at most). Manual backups, and a copy made before a schema
migration that was interrupted, are never thinned: delete them by hand when
the person must disappear from them too.
``copies_left`` (called just before an erasure) lists each backup that
still holds the person with the day the policy will delete it, the files
their data was imported from, and reminds of earlier exports and prints.
Texts written about the person in *other* records (another client's notes)
are not searched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crmdesk.domain import retention as rules
from crmdesk.domain.contact import display_name, search_text
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.store import mailing
from crmdesk.store.database import Database, json_ids, now_iso, references
from crmdesk.store.errors import StoreError
from crmdesk.store.server import on_server
from crmdesk.store.settings import SettingsStore

# Tables this module handles by name; any other table with a foreign key to
# contacts is exported whole and has its free text blanked by an erasure.
_KNOWN = frozenset(
    {
        "contacts",
        "contact_tags",
        "orders",
        "interactions",
        "tasks",
        "complaints",
        "attachments",
        "survey_answers",
        "loyalty_ledger",
        "loyalty_cards",
        "parties",
        "party_guests",
        "rights_requests",
    }
)
_DERIVED = ("name_key", "company_key", "city_key", "search_text", "code_key")
# Audit entities of records that belong to a contact (entity, table, column), besides
# orders, complaints, survey answers and rights requests.
_OWNED_HISTORY = (
    ("interaction", "interactions", "contact_id"),
    ("task", "tasks", "contact_id"),
    ("party", "parties", "host_id"),
)
_DATE_LIKE = ("at", "date", "day")


# -- helpers ---------------------------------------------------------------------------------
def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    return [dict(r) for r in conn.execute(sql, tuple(params))]


def _other_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(t, c) for t, c in references(conn, "contacts") if t not in _KNOWN]


def contact_id_of_code(database: Database, code: str) -> int:
    """The contact of a N° client; CrmError (French) when there is none."""
    contact_id = database.scalar("SELECT id FROM contacts WHERE code = ?", ((code or "").strip(),))
    if contact_id is None:
        raise CrmError(N_("Client « {code} » introuvable : rien n'a été fait."), code=code)
    return int(contact_id)


def _contact(conn: sqlite3.Connection, contact_id: int) -> dict:
    row = conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise CrmError(N_("Ce client n'existe plus : rien n'a été fait."))
    return dict(row)


def _code_name(conn: sqlite3.Connection, contact_id: int | None) -> dict | None:
    if contact_id is None:
        return None
    row = conn.execute(
        "SELECT code, kind, last_name, first_name, company FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    return None if row is None else {"code": row["code"], "name": display_name(dict(row))}


# -- the right of access -----------------------------------------------------------------------
def access_data(database: Database, contact_id: int) -> dict:
    """Everything the file holds about one contact (see the module docstring),
    as plain JSON-ready values; CrmError for an erased contact."""
    conn = database.conn
    contact = _contact(conn, contact_id)
    if contact["erased_at"]:
        raise CrmError(
            N_(
                "Le client {code} a été anonymisé le {day} : le fichier ne contient plus de données "
                "personnelles à son sujet."
            ),
            code=contact["code"],
            day=contact["erased_at"][:10],
        )
    person = {k: v for k, v in contact.items() if k not in _DERIVED}
    orders = _rows(
        conn,
        "SELECT id, ref, date, amount_cents, channel, notes, "
        "(SELECT name FROM reps WHERE reps.id = orders.rep_id) AS rep "
        "FROM orders WHERE contact_id = ? ORDER BY date, id",
        (contact_id,),
    )
    for order in orders:
        order["lines"] = _rows(
            conn,
            "SELECT l.label, p.name AS product, c.name AS category, l.quantity, "
            "l.unit_price_cents, l.discount_cents FROM order_lines AS l "
            "LEFT JOIN products AS p ON p.id = l.product_id "
            "LEFT JOIN categories AS c ON c.id = coalesce(l.category_id, p.category_id) "
            "WHERE l.order_id = ? ORDER BY l.id",
            (order["id"],),
        )
    complaints = _rows(conn, "SELECT * FROM complaints WHERE contact_id = ? ORDER BY received_at, id", (contact_id,))
    for complaint in complaints:
        complaint["events"] = _rows(
            conn,
            "SELECT at, phase, action, details, author FROM complaint_events WHERE complaint_id = ? ORDER BY at, id",
            (complaint["id"],),
        )
        for event in complaint["events"]:
            event["details"] = _json(event["details"])
    audit = _rows(
        conn,
        "SELECT at, author, action, changes FROM audit_log WHERE entity = 'contact' AND entity_id = ? ORDER BY id",
        (contact_id,),
    )
    for entry in audit:
        entry["changes"] = _json(entry["changes"])
    others = {}
    for table, column in _other_tables(conn):
        rows = _rows(conn, f'SELECT * FROM "{table}" WHERE "{column}" = ?', (contact_id,))
        if rows:
            others[f"{table}.{column}"] = rows
    return {
        "format": "crmdesk-acces-1",
        "generated_at": now_iso(),
        "contact": person,
        "rep": database.scalar("SELECT name FROM reps WHERE id = ?", (contact["rep_id"],)),
        "company": _code_name(conn, contact["company_id"]),
        "referred_by": _code_name(conn, contact["referred_by"]),
        "members": _rows(
            conn,
            "SELECT code, last_name, first_name, job_title FROM contacts WHERE company_id = ? ORDER BY name_key",
            (contact_id,),
        ),
        "tags": [
            r[0]
            for r in conn.execute(
                "SELECT t.name FROM tags AS t JOIN contact_tags AS ct ON ct.tag_id = t.id WHERE ct.contact_id = ? "
                "ORDER BY t.name",
                (contact_id,),
            )
        ],
        "on_suppression_list": any(
            mailing.is_suppressed(database, kind, contact[name])
            for kind, name in (("email", "email"), ("phone", "phone"), ("phone", "phone2"))
        ),
        "orders": orders,
        "interactions": _rows(conn, "SELECT * FROM interactions WHERE contact_id = ? ORDER BY at, id", (contact_id,)),
        "tasks": _rows(conn, "SELECT * FROM tasks WHERE contact_id = ? ORDER BY due_at, id", (contact_id,)),
        "complaints": complaints,
        "attachments": _rows(
            conn,
            "SELECT original_name, added_at, complaint_id FROM attachments WHERE contact_id = ? ORDER BY added_at, id",
            (contact_id,),
        ),
        "survey_answers": _rows(
            conn,
            "SELECT date, indicator, score, comment FROM survey_answers WHERE contact_id = ? ORDER BY date, id",
            (contact_id,),
        ),
        "loyalty": {
            "card": next(
                iter(
                    _rows(
                        conn,
                        "SELECT number, valid_from, valid_until FROM loyalty_cards WHERE contact_id = ?",
                        (contact_id,),
                    )
                ),
                None,
            ),
            "ledger": _rows(
                conn,
                "SELECT at, points, reason, expires_on FROM loyalty_ledger WHERE contact_id = ? ORDER BY at, id",
                (contact_id,),
            ),
        },
        "parties_hosted": _rows(
            conn, "SELECT date, voucher_rate, notes FROM parties WHERE host_id = ? ORDER BY date", (contact_id,)
        ),
        "parties_attended": _rows(
            conn,
            "SELECT p.date FROM parties AS p JOIN party_guests AS g ON g.party_id = p.id "
            "WHERE g.contact_id = ? ORDER BY p.date",
            (contact_id,),
        ),
        "rights_requests": _rows(
            conn,
            "SELECT kind, received_on, due_on, answered_on, channel, notes "
            "FROM rights_requests WHERE contact_id = ? ORDER BY received_on, id",
            (contact_id,),
        ),
        "history": audit,
        "import_old_values": _rows(
            conn,
            "SELECT batch_id, field, old_value, new_value FROM import_changes "
            "WHERE entity = 'contact' AND entity_id = ? ORDER BY batch_id, field",
            (contact_id,),
        ),
        "other": others,
    }


def _json(text):
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


# -- erasure ---------------------------------------------------------------------------------
@dataclass
class ErasureResult:
    erased: list[int] = field(default_factory=list)  # contact ids
    orders_kept: int = 0
    suppressed: int = 0  # hashes added to the suppression list
    files_removed: int = 0
    cleaned: bool = False  # the file was vacuumed with no reader in the way
    files: list[Path] = field(default_factory=list)  # attachments to delete once committed


@contextlib.contextmanager
def _secure_delete(conn: sqlite3.Connection) -> Iterator[None]:
    if on_server(conn):  # a server has no such switch: see clean_file
        yield
        return
    before = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(before)}")


def erase(database: Database, contact_id: int, *, clean: bool = True) -> ErasureResult:
    """Anonymise one contact (one transaction), then clean the file."""
    return purge(database, [contact_id], clean=clean)


def purge(
    database: Database,
    contact_ids: Iterable[int],
    *,
    clean: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ErasureResult:
    """Anonymise every contact of `contact_ids` in ONE transaction (an
    exception from `progress`, a cancel, rolls it all back), delete their
    attachment files, then clean the file once."""
    asked = list(dict.fromkeys(contact_ids))
    ids = _with_merged(database, asked)
    result = ErasureResult()
    conn = database.conn
    with _secure_delete(conn):
        with database.atomic():
            for done, contact_id in enumerate(ids, 1):
                _anonymise(database, contact_id, result)
                if progress is not None:
                    progress(done, len(ids))
            _scrub_deleted_records(database.conn, ids)
            if len(asked) > 1:
                database.audit("gdpr", None, "purge", {"contacts": [None, len(ids)]})
        for path in result.files:
            with contextlib.suppress(OSError):
                path.unlink()
                result.files_removed += 1
        if clean:
            result.cleaned = clean_file(database)
    return result


def _with_merged(database: Database, contact_ids: Iterable[int]) -> list[int]:
    """`contact_ids` and the duplicates merged into them (the same person,
    left in the trash by the merge, still holding their old values); each once."""
    ids = list(dict.fromkeys(contact_ids))
    seen = set(ids)
    for contact_id in ids:  # grows while it is read: duplicates of duplicates
        for (other,) in database.conn.execute(
            "SELECT CAST(json_extract(a.changes, '$.merged_id') AS INTEGER) FROM audit_log AS a "
            "WHERE a.entity = 'contact' AND a.entity_id = ? AND a.action = 'merge' AND json_valid(a.changes)",
            (contact_id,),
        ):
            if other is None or other in seen:
                continue
            row = database.conn.execute("SELECT deleted_at, erased_at FROM contacts WHERE id = ?", (other,)).fetchone()
            if row is not None and row["deleted_at"] and not row["erased_at"]:
                seen.add(other)
                ids.append(other)
    return ids


def _anonymise(database: Database, contact_id: int, result: ErasureResult) -> None:
    conn = database.conn
    contact = _contact(conn, contact_id)
    if contact["erased_at"]:
        raise CrmError(N_("Le client {code} est déjà anonymisé : rien n'a été fait."), code=contact["code"])
    stamp = now_iso()
    if contact["opposition"]:  # the opposition outlives the erasure (as hashes)
        for kind, name in (("email", "email"), ("phone", "phone"), ("phone", "phone2")):
            result.suppressed += mailing.suppress(database, kind, contact[name], at=stamp)
    one = (contact_id,)
    complaints = [r[0] for r in conn.execute("SELECT id FROM complaints WHERE contact_id = ?", one)]
    orders = [r[0] for r in conn.execute("SELECT id FROM orders WHERE contact_id = ?", one)]
    answers = [r[0] for r in conn.execute("SELECT id FROM survey_answers WHERE contact_id = ?", one)]
    requests = [r[0] for r in conn.execute("SELECT id FROM rights_requests WHERE contact_id = ?", one)]

    # Complaint history: db/009 allows blanking `details` while the contact is in gdpr_erasing.
    conn.execute("INSERT INTO gdpr_erasing(contact_id) VALUES (?)", one)
    events = conn.execute(
        "SELECT id, details FROM complaint_events WHERE details IS NOT NULL AND complaint_id IN "
        "(SELECT value FROM json_each(?))",
        (json_ids(complaints),),
    ).fetchall()
    conn.executemany(
        "UPDATE complaint_events SET details = ? WHERE id = ?",
        [(_scrubbed(details), event_id) for event_id, details in events],
    )
    conn.execute("DELETE FROM gdpr_erasing WHERE contact_id = ?", one)
    conn.execute(
        "UPDATE complaints SET subject = ?, description = NULL WHERE contact_id = ?", (rules.ERASED, contact_id)
    )

    from crmdesk.store.complaints import ComplaintStore

    pieces = ComplaintStore(database)
    for (stored,) in conn.execute(
        "SELECT stored_name FROM attachments WHERE contact_id = ? OR complaint_id IN (SELECT value FROM json_each(?))",
        (contact_id, json_ids(complaints)),
    ):
        with contextlib.suppress(CrmError):
            result.files.append(pieces.attachment_path(stored))
    conn.execute(
        "DELETE FROM attachments WHERE contact_id = ? OR complaint_id IN (SELECT value FROM json_each(?))",
        (contact_id, json_ids(complaints)),
    )

    new_code = rules.anonymous_code(contact_id)
    conn.execute(
        "UPDATE orders SET notes = NULL, ref = replace(ref, ?, ?) WHERE contact_id = ?",
        (contact["code"], new_code, contact_id),
    )
    conn.execute("UPDATE interactions SET subject = NULL, notes = NULL WHERE contact_id = ?", one)
    conn.execute("UPDATE tasks SET title = ?, notes = NULL WHERE contact_id = ?", (rules.ERASED, contact_id))
    conn.execute("UPDATE parties SET notes = NULL WHERE host_id = ?", one)
    conn.execute("UPDATE survey_answers SET comment = NULL WHERE contact_id = ?", one)
    conn.execute("UPDATE loyalty_cards SET number = ? WHERE contact_id = ?", (new_code, contact_id))
    conn.execute("UPDATE rights_requests SET requester = NULL, notes = NULL WHERE contact_id = ?", one)
    tags = json_ids(r[0] for r in conn.execute("SELECT tag_id FROM contact_tags WHERE contact_id = ?", one))
    conn.execute("DELETE FROM contact_tags WHERE contact_id = ?", one)
    # a tag nobody else has may name the person (« Amie de Mme X »): it goes, with its import record
    orphans = json_ids(
        r[0]
        for r in conn.execute(
            "SELECT id FROM tags WHERE id IN (SELECT value FROM json_each(?)) "
            "AND NOT EXISTS (SELECT 1 FROM contact_tags WHERE tag_id = tags.id)",
            (tags,),
        )
    )
    conn.execute("DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))", (orphans,))
    conn.execute(
        "DELETE FROM import_created WHERE entity = 'tag' AND entity_id IN (SELECT value FROM json_each(?))", (orphans,)
    )
    conn.execute("DELETE FROM import_changes WHERE entity = 'contact' AND entity_id = ?", one)
    _blank_other_tables(conn, contact_id)
    owned = {"order": orders, "complaint": complaints, "survey_answer": answers, "rights_request": requests}
    for entity, table, column in _OWNED_HISTORY:
        owned[entity] = [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", one)]
    _scrub_history(conn, contact_id, owned)

    anonymous = {"kind": "person", "last_name": rules.ANONYMOUS_NAME, "code": new_code}
    conn.execute(
        "UPDATE contacts SET code = ?, civility = '', last_name = ?, first_name = NULL, company = NULL, "
        "job_title = NULL, siret = NULL, email = '', phone = '', phone2 = NULL, address = NULL, postal_code = '', "
        "city = '', birth_date = NULL, company_id = NULL, referred_by = NULL, notes = NULL, interests = NULL, "
        "consent_email = 0, consent_email_date = NULL, consent_email_source = NULL, "
        "consent_sms = 0, consent_sms_date = NULL, consent_sms_source = NULL, "
        "consent_phone = 0, consent_phone_date = NULL, consent_phone_source = NULL, "
        "last_contact = NULL, retention_end = NULL, "
        "name_key = ?, company_key = '', city_key = '', search_text = ?, updated_at = ?, erased_at = ? "
        "WHERE id = ?",
        (
            new_code,
            rules.ANONYMOUS_NAME,
            fold(display_name(anonymous)),
            search_text(anonymous),
            stamp,
            stamp,
            contact_id,
        ),
    )
    database.audit("contact", contact_id, "erase", {"erased_at": [None, stamp], "code": [None, new_code]})
    result.erased.append(contact_id)
    result.orders_kept += len(orders)


def _scrubbed(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return json.dumps(rules.ERASED, ensure_ascii=False)
    return json.dumps(rules.scrub(value), ensure_ascii=False, sort_keys=True)


def _scrub_history(conn: sqlite3.Connection, contact_id: int, owned: dict[str, list[int]]) -> None:
    """The audit entries about the person keep their shape, not their text:
    the contact's own, those of its orders, complaints, answers and
    requests, and the merges it took part in."""
    rows = conn.execute(
        "SELECT id, changes FROM audit_log WHERE entity = 'contact' AND entity_id = ? AND changes IS NOT NULL",
        (contact_id,),
    ).fetchall()
    for entity, ids in owned.items():
        if ids:
            rows += conn.execute(
                "SELECT id, changes FROM audit_log WHERE entity = ? AND changes IS NOT NULL "
                "AND entity_id IN (SELECT value FROM json_each(?))",
                (entity, json_ids(ids)),
            ).fetchall()
    rows += conn.execute(
        "SELECT id, changes FROM audit_log INDEXED BY audit_log_merges "  # db/009: merges only
        "WHERE action IN ('merge', 'unmerge') AND entity = 'contact' "
        "AND json_valid(changes) AND CAST(json_extract(changes, '$.merged_id') AS INTEGER) = ?",
        (contact_id,),
    ).fetchall()
    conn.executemany(
        "UPDATE audit_log SET changes = ? WHERE id = ?", [(_scrubbed(changes), entry_id) for entry_id, changes in rows]
    )


def _scrub_deleted_records(conn: sqlite3.Connection, contact_ids: list[int]) -> None:
    """The history of the person's records deleted before the erasure (an
    order, an interaction…): found by their « delete » entry, which names
    the contact (db/009's partial index keeps this a small read)."""
    records = conn.execute(
        "SELECT DISTINCT entity, entity_id FROM audit_log INDEXED BY audit_log_deletes WHERE action = 'delete' "
        "AND entity != 'contact' AND json_valid(changes) "
        "AND CAST(json_extract(changes, '$.contact_id[0]') AS INTEGER) IN (SELECT value FROM json_each(?))",
        (json_ids(contact_ids),),
    ).fetchall()
    for entity, entity_id in records:
        rows = conn.execute(
            "SELECT id, changes FROM audit_log WHERE entity = ? AND entity_id = ? AND changes IS NOT NULL",
            (entity, entity_id),
        ).fetchall()
        conn.executemany(
            "UPDATE audit_log SET changes = ? WHERE id = ?",
            [(_scrubbed(changes), entry_id) for entry_id, changes in rows],
        )


def _table_info(conn, table: str) -> list:
    if on_server(conn):
        return conn.table_info(table)
    return conn.execute(f'SELECT * FROM pragma_table_info("{table}")').fetchall()


def _blank_other_tables(conn: sqlite3.Connection, contact_id: int) -> None:
    """Tables added later that refer to a contact: their nullable free-text
    columns (not keys, not dates) become NULL for the person's rows."""
    for table, column in _other_tables(conn):
        names = [
            r["name"]
            for r in _table_info(conn, table)
            if "TEXT" in (r["type"] or "").upper()
            and not r["notnull"]
            and not r["pk"]
            and r["name"] != column
            and not _date_like(r["name"])
        ]
        if names:
            sets = ", ".join(f'"{n}" = NULL' for n in names)
            conn.execute(f'UPDATE "{table}" SET {sets} WHERE "{column}" = ?', (contact_id,))


def _clean_server(database: Database) -> bool:
    """On a server: VACUUM marks the erased rows' old versions free for reuse
    (the owner's tables; another login's VACUUM is skipped by the server). It
    does not overwrite them at once, and the server's own WAL, archives and
    dumps are its administrator's (crmdesk gdpr says so)."""
    with contextlib.suppress(sqlite3.Error):
        database.conn.execute("VACUUM (ANALYZE) contacts, audit_log, import_changes, interactions, complaints")
    return True


def _date_like(name: str) -> bool:
    parts = name.lower().split("_")
    return name.lower() in _DATE_LIKE or parts[-1] in ("at", "on", "date", "until", "from") or parts[0] == "due"


def clean_file(database: Database) -> bool:
    """Make the file forget erased values (see the module docstring); True
    when the WAL could be emptied (no other program reading the file)."""
    conn = database.conn
    if conn.in_transaction:
        raise RuntimeError("clean_file cannot run inside a transaction (VACUUM)")
    if on_server(database):
        return _clean_server(database)
    try:
        with _secure_delete(conn):
            conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('optimize')")
            if database.scalar("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'"):
                conn.execute("ANALYZE")  # its samples are copies of indexed values
            first = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.execute("VACUUM")
            second = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as exc:
        raise StoreError(
            N_(
                "L'anonymisation est enregistrée, mais le nettoyage du fichier a échoué ({reason}) : des "
                "traces des données effacées peuvent rester dans le fichier. Libérez de la place sur le "
                "disque, fermez les autres programmes qui lisent le fichier, puis relancez le nettoyage "
                "(crmdesk gdpr clean)."
            ),
            reason=exc,
        ) from None
    return not first[0] and not second[0]


# -- where copies of a person may remain after an erasure ----------------------------------------
@dataclass(frozen=True)
class Copy:
    """A place outside the file that may still hold the person: a backup (with the day the
    backups policy deletes it; None: never on its own), a file once imported, or the outputs."""

    kind: str  # « backup », « import », « outputs »
    text: str  # French, for the user
    path: Path | None = None
    gone_on: dt.date | None = None


def copies_left(database: Database, contact_id: int, *, today: dt.datetime | None = None, policy=None) -> list[Copy]:
    """Where the person may still be once erased from the file (call it BEFORE the erasure: the
    import records it reads go with the person): each backup that holds them — asked to
    crmdesk/store/backups.py, with the day its policy thins it out if crmdesk is opened every day,
    or « never » for manual and pre-migration copies —, the files their data was imported from,
    and the exports, prints and access exports written earlier (crmdesk keeps no list of those)."""
    from crmdesk.store import backups

    now = today or dt.datetime.now()
    policy = policy or backups.DEFAULT_POLICY
    found = (
        []  # a server's dumps are not read back here (crmdesk restore makes a new database of one)
        if on_server(database)
        else [b for b in backups.list_backups(database.path, counts=False) if _holds(b.path, contact_id)]
    )
    thinned = backups.folder_of(database.path) if found else None
    gone = _thinning_days([b for b in found if b.path.parent == thinned], policy, now)
    copies = []
    for backup in found:
        day = gone.get(backup.path)
        when = format_date(backup.when.date())
        if day is not None:
            text = _(
                "sauvegarde « {name} » du {when} : supprimée automatiquement vers le {day} (si le fichier "
                "est ouvert chaque jour)",
                name=backup.path.name,
                when=when,
                day=format_date(day),
            )
        else:
            text = _(
                "sauvegarde « {name} » du {when} : jamais supprimée automatiquement ({why}) ; "
                "supprimez-la vous-même si la personne doit en disparaître",
                name=backup.path.name,
                when=when,
                why=_("copie d'avant une mise à jour du fichier")
                if backup.reason == "migration"
                else _("sauvegarde manuelle"),
            )
        copies.append(Copy("backup", text, backup.path, day))
    for file_name, at in database.conn.execute(_IMPORTED_FROM, {"id": contact_id}):
        copies.append(
            Copy(
                "import",
                _(
                    "fichier importé « {name} » le {when} (et son rapport de lignes refusées, s'il a été enregistré)",
                    name=file_name,
                    when=format_date(at),
                ),
            )
        )
    copies.append(
        Copy(
            "outputs",
            _(
                "les exports (CSV, Excel, vCard, listes de diffusion), fiches imprimées et "
                "exports de ses données (droit d'accès) faits avant aujourd'hui : crmdesk ne "
                "garde pas la liste de ces fichiers"
            ),
        )
    )
    return copies


_IMPORTED_FROM = """
SELECT file_name, at FROM import_batches
 WHERE id IN (SELECT import_batch FROM contacts WHERE id = :id
              UNION SELECT import_batch FROM orders WHERE contact_id = :id
              UNION SELECT import_batch FROM survey_answers WHERE contact_id = :id
              UNION SELECT batch_id FROM import_changes WHERE entity = 'contact' AND entity_id = :id)
 ORDER BY at
"""


def _holds(backup: Path, contact_id: int) -> bool:
    """Does this backup hold the contact, not yet erased? (True when it cannot be read: it may.)"""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return True
    try:
        row = conn.execute("SELECT erased_at FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return row is not None and not row[0]
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def _thinning_days(found: list, policy, now: dt.datetime, horizon: int = 3 * 366) -> dict[Path, dt.date]:
    """The day each automatic backup of `found` would be deleted by `policy`, if the file got one
    automatic backup a day from tomorrow on (each followed by a thinning, as crmdesk does)."""
    from crmdesk.store import backups

    existing = [b for b in found if b.reason != backups.MANUAL]
    waiting = {b.path for b in existing}
    kept = list(existing)
    days: dict[Path, dt.date] = {}
    for day in range(1, horizon + 1):
        if not waiting:
            break
        moment = dt.datetime.combine(now.date() + dt.timedelta(days=day), dt.time(9))
        kept.append(backups.BackupInfo(Path(f"<à venir {day}>"), moment, "ouverture", 0))
        doomed = {b.path for b in policy.to_delete(kept, moment)}
        for path in doomed & waiting:
            days[path] = moment.date()
        waiting -= doomed
        kept = [b for b in kept if b.path not in doomed]
    return days


# -- retention -------------------------------------------------------------------------------
def retention_years(database: Database) -> tuple[int, int]:
    """(prospect years, client years) from the settings (defaults 3 and 3)."""
    settings = SettingsStore(database)
    return tuple(
        rules.check_years(key, settings.get(key, default))  # type: ignore[return-value]
        for key, default in rules.SETTINGS.items()
    )


_CANDIDATES = """
SELECT * FROM (
    SELECT c.id, c.code, c.kind, c.last_name, c.first_name, c.company, c.stage, c.last_contact, c.first_contact,
           c.created_at, c.retention_end, c.deleted_at,
           (SELECT max(o.date) FROM orders AS o WHERE o.contact_id = c.id) AS last_purchase,
           (SELECT max(i.at) FROM interactions AS i WHERE i.contact_id = c.id) AS last_interaction
      FROM contacts AS c
     WHERE c.erased_at IS NULL)
 WHERE CASE WHEN ifnull(retention_end, '') != '' THEN substr(retention_end, 1, 10) < :today
            WHEN stage != 'prospect' AND last_purchase IS NOT NULL THEN substr(last_purchase, 1, 10) < :client
            -- the day the record was made (an import of an old file) only when it has no other date
            ELSE coalesce(nullif(max(ifnull(substr(last_contact, 1, 10), ''),
                                     ifnull(substr(last_interaction, 1, 10), ''),
                                     ifnull(substr(first_contact, 1, 10), '')), ''),
                          substr(created_at, 1, 10), '')
                 < CASE WHEN stage = 'prospect' THEN :prospect ELSE :client END
       END
 ORDER BY code
"""


def retention_candidates(database: Database, today: dt.date | None = None) -> list[rules.Candidate]:
    """Contacts (live or in the trash, not yet erased) whose retention period
    is over, by N° client. SQL narrows the file down (one index seek per
    contact into orders and interactions); domain/retention.py decides."""
    today = today or dt.date.today()
    prospect_years, client_years = retention_years(database)
    params = {
        "today": today.isoformat(),
        "prospect": rules.cutoff(today, prospect_years).isoformat(),
        "client": rules.cutoff(today, client_years).isoformat(),
    }
    found = []
    for row in database.conn.execute(_CANDIDATES, params):
        values = dict(row)
        values["name"] = display_name(values)
        candidate = rules.judge(values, today, prospect_years, client_years)
        if candidate is not None:
            found.append(candidate)
    return found
