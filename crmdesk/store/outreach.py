"""Letters, labels, envelopes and e-mails: who they go to, what their merge
fields hold, and the batches that record them on the clients' history
(issue 18; rules in crmdesk/domain/outreach.py, templates.py, postal.py).

**Who** — one `Selection` for every way out (the window's selection, a
filter, a status, an RFM segment, a file of N° client, a product recall),
planned in two steps so that a big one never sits in memory:

    plan = plan_selection(database, selection, "post", sort_postal=True)
    plan.ids            # the recipients kept, in order
    plan.counts         # SelectionCounts: who was left out and why (docs/domain/08-personal-data.md)
    for recipient in recipients(database, plan.ids, today=…, rows=selection.rows):
        recipient.contact, recipient.fields     # the row, the merge values (domain/templates.py)

**Batches** — every letter printed, label sheet, envelope or e-mail is an
outgoing exchange on each recipient's history, and the batch can be undone
in one action, like an import:

    batch_id = record_batch(database, "letter", ids, template=template, subject=…, selection="segment À risque")
    # or, for what is sent one by one and may be interrupted (e-mails):
    batch_id = open_batch(database, "email", ids, template=…, subject=…, selection=…)
    complete(database, batch_id, [contact_id], at=…)     # sent: its exchange is written
    refuse(database, batch_id, contact_id, "550 unknown user")
    pending(database, batch_id)                          # what is left to send after an interruption
    undo_batch(database, batch_id)                       # exchanges removed (unless changed since)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from crmdesk.domain import outreach as rules
from crmdesk.domain import postal
from crmdesk.domain.errors import CrmError
from crmdesk.domain.mailing import suppression_check
from crmdesk.domain.templates import Facts, recipient_fields
from crmdesk.i18n import N_, _, ngettext
from crmdesk.store import mailing as mailing_store
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import CHUNK, Database, chunks, json_ids, now_iso
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.settings import SettingsStore
from crmdesk.store.sheets import segment_label, status_label


@dataclass(frozen=True)
class Selection:
    """Who a batch is for: `ids` (in their order) or every contact of `query`.
    `rows` gives, per contact id, the columns of its row in the selection (a
    mailing list file, a recall's purchases): extra merge fields.
    `description` says it in words for the batch's record; `purpose` SAFETY
    for a product recall (domain/outreach.py)."""

    ids: tuple[int, ...] | None = None
    query: ContactQuery | None = None
    rows: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    description: str = ""
    purpose: str = rules.MARKETING

    def contact_ids(self, database: Database) -> list[int]:
        if self.ids is not None:
            return list(dict.fromkeys(self.ids))
        return ContactStore(database).ids(self.query or ContactQuery(sort="code"))


@dataclass
class Plan:
    ids: list[int]
    counts: rules.SelectionCounts
    problems: dict[int, tuple[postal.AddressProblem, ...]] = field(default_factory=dict)  # address problems
    reasons: dict[int, str] = field(default_factory=dict)  # who was left out, why (with keep_reasons)

    def address_summary(self) -> list[str]:
        """« 3 adresses avec une ligne de plus de 38 caractères » (the lines are printed whole)."""
        counts: dict[str, int] = {}
        for problems in self.problems.values():
            for kind in dict.fromkeys(p.kind for p in problems):
                counts[kind] = counts.get(kind, 0) + 1
        return [
            ngettext(
                "{number} adresse {what}", "{number} adresses {what}", n, number=n, what=_(postal.PROBLEM_LABELS[kind])
            )
            for kind, n in counts.items()
        ]


_PLAN = """
SELECT c.id, c.code, c.kind, c.civility, c.last_name, c.first_name, c.company, c.email, c.phone, c.phone2,
       c.address, c.postal_code, c.city, c.country, c.consent_email, c.consent_sms, c.consent_phone,
       c.opposition, c.erased_at, c.city_key, c.name_key,
       (SELECT group_concat(t.name, char(31)) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id) AS tags
  FROM contacts c
 WHERE c.deleted_at IS NULL AND c.id IN ({marks})
"""


def _tags(row: Mapping) -> list[str]:
    return row["tags"].split("\x1f") if row["tags"] else []


def plan_selection(
    database: Database,
    selection: Selection,
    channel: str,
    *,
    sort_postal: bool = False,
    progress=None,
    keep_reasons: bool = False,
) -> Plan:
    """The recipients `selection` keeps on `channel` (« post » or « email »),
    who it leaves out and why; contacts in the trash or gone are skipped
    (and not counted). With `sort_postal` the ids go by postal code; with
    `keep_reasons` the plan names each one left out (`Plan.reasons`)."""
    ids = selection.contact_ids(database)
    counts = rules.SelectionCounts(channel)
    suppressed = suppression_check(mailing_store.suppressed_hashes(database))
    kept: list[tuple] = []
    problems: dict[int, tuple] = {}
    reasons: dict[int, str] = {}
    done = 0
    for part, marks in chunks(ids, CHUNK):
        found = {row["id"]: dict(row) for row in database.conn.execute(_PLAN.format(marks=marks), part)}
        for contact_id in part:
            contact = found.get(contact_id)
            if contact is None:
                continue
            reason = rules.exclusion(channel, contact, suppressed, tags=_tags(contact), purpose=selection.purpose)
            counts.add(reason)
            if reason is not None and keep_reasons:
                reasons[contact_id] = reason
            if reason is None:
                kept.append((postal.sort_key(contact) if sort_postal else len(kept), contact_id))
                found_problems = postal.problems(contact) if channel == "post" else ()
                if found_problems:
                    problems[contact_id] = found_problems
        done += len(part)
        if progress is not None:
            progress(done, len(ids))
    if sort_postal:
        kept.sort()
    return Plan([contact_id for _key, contact_id in kept], counts, problems, reasons)


_ADDRESSES = (
    "SELECT id, kind, civility, last_name, first_name, company, address, postal_code, city, country "
    "FROM contacts WHERE id IN ({marks})"
)


def addresses(database: Database, ids: Sequence[int]) -> Iterator[tuple[int, postal.PostalAddress]]:
    """(contact id, NF Z10-011 address) of each of `ids` still there, in order, read by chunks."""
    for part, marks in chunks(list(ids), CHUNK):
        found = {row["id"]: dict(row) for row in database.conn.execute(_ADDRESSES.format(marks=marks), part)}
        for contact_id in part:
            if contact_id in found:
                yield contact_id, postal.postal_address(found[contact_id])


# -- the merge values of each recipient -----------------------------------------------------------
@dataclass
class Recipient:
    contact: dict
    fields: dict[str, str]


_CONTACTS = """
SELECT c.*, r.name AS rep_name
  FROM contacts c LEFT JOIN reps r ON r.id = c.rep_id
 WHERE c.id IN ({marks})
"""
_LAST_ORDER = (
    "SELECT date, amount_cents FROM orders WHERE contact_id = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1"
)


def recipients(
    database: Database,
    ids: Sequence[int],
    *,
    today: dt.date,
    rows: Mapping[int, Mapping[str, str]] | None = None,
    business: Mapping | None = None,
    chunk: int = 200,
) -> Iterator[Recipient]:
    """Each recipient of `ids`, in order, with its merge values: FIELDS and
    ROW_FIELDS of domain/templates.py, then the columns of its row in `rows`
    (a column never hides a field of the same name). Read by chunks."""
    from crmdesk.domain.templates import row_columns

    business = SettingsStore(database).business() if business is None else business
    loyalty = LoyaltyStore(database)
    rows = rows or {}
    conn = database.conn
    for part, marks in chunks(list(ids), chunk):
        found = {row["id"]: dict(row) for row in conn.execute(_CONTACTS.format(marks=marks), part)}
        for contact_id in part:
            contact = found.get(contact_id)
            if contact is None:
                continue
            values = row_columns(rows.get(contact_id, {}))
            values.update(
                recipient_fields(contact, _facts(conn, loyalty, contact, today), business=business, today=today)
            )
            yield Recipient(contact, values)


def _facts(conn, loyalty: LoyaltyStore, contact: Mapping, today: dt.date) -> Facts:
    last = conn.execute(_LAST_ORDER, (contact["id"], today.isoformat())).fetchone()
    balance = loyalty.balance(contact["id"], today)
    return Facts(
        status_label=status_label(contact.get("status"), contact.get("figures_as_of")) or "",
        segment_label=segment_label(contact.get("rfm_segment")) or "",
        rep_name=contact.get("rep_name") or "",
        points=balance.points or None,
        expiring_points=balance.expiring_points or None,
        next_expiry=balance.next_expiry,
        last_order_date=last["date"] if last else None,
        last_order_cents=last["amount_cents"] if last else None,
    )


def preview_fields(
    database: Database, contact_id: int, *, today: dt.date, row: Mapping[str, str] | None = None
) -> dict[str, str] | None:
    """The merge values of one contact (a preview), None when it is gone."""
    found = list(recipients(database, [contact_id], today=today, rows={contact_id: row or {}}))
    return found[0].fields if found else None


# -- batches ----------------------------------------------------------------------------------------
# What a batch writes on each recipient's history (French: the file's own words, like a letter).
_SUBJECTS = {
    "letter": N_("Lettre « {name} »"),
    "labels": N_("Étiquette d'adresse"),
    "envelope": N_("Enveloppe"),
    "email": N_("E-mail « {name} »"),
}


_UNNAMED = {"letter": N_("Lettre"), "email": N_("E-mail")}


def _interaction_subject(channel: str, name: str) -> str:
    """Written as data, in French: not translated (the history of a French file)."""
    text = _SUBJECTS[channel] if name or channel not in _UNNAMED else _UNNAMED[channel]
    return text.format(name=name)[:200]


def open_batch(
    database: Database,
    channel: str,
    contact_ids: Iterable[int],
    *,
    template: Mapping | None = None,
    subject: str = "",
    selection: str = "",
    at: dt.datetime | None = None,
) -> int:
    """Record a batch about to go out, each recipient 'pending' (the caller
    may hold the transaction); returns its id."""
    if channel not in rules.BATCH_CHANNELS:
        raise ValueError(f"unknown batch channel {channel!r}")
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        raise CrmError(N_("Aucun destinataire : rien n'a été enregistré."))
    moment = (at or dt.datetime.now()).replace(second=0, microsecond=0, tzinfo=None)
    with database.atomic() as conn:
        cursor = conn.execute(
            "INSERT INTO outreach_batches(channel, template_id, template_name, subject, selection, at, recipients) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                channel,
                template.get("id") if template else None,
                (template or {}).get("name") or "",
                subject or "",
                selection or "",
                moment.isoformat(timespec="minutes"),
                len(ids),
            ),
        )
        batch_id = int(cursor.lastrowid)
        conn.executemany(
            "INSERT INTO outreach_recipients(batch_id, contact_id, state) VALUES (?, ?, 'pending')",
            [(batch_id, contact_id) for contact_id in ids],
        )
        database.audit(
            "outreach_batch",
            batch_id,
            "create",
            {
                "channel": [None, channel],
                "template": [None, (template or {}).get("name")],
                "recipients": [None, len(ids)],
                "selection": [None, selection or None],
            },
        )
    return batch_id


def complete(
    database: Database,
    batch_id: int,
    contact_ids: Iterable[int],
    *,
    at: dt.datetime | None = None,
    recall_id: int | None = None,
    subjects: Mapping[int, str] | None = None,
) -> int:
    """These recipients got it: their outgoing exchange is written on their
    history (with the batch; « Objet : » its subject, or each one's own in
    `subjects`, the template filled for them), their « last contact » moves
    to that day (the former one kept for an undo), a recall's « prévenu le »
    is ticked. Returns how many were written (a recipient already done is
    skipped)."""
    batch = _batch(database, batch_id)
    moment = (at or dt.datetime.fromisoformat(batch["at"])).replace(second=0, microsecond=0, tzinfo=None)
    stamp, day = moment.isoformat(timespec="minutes"), moment.date().isoformat()
    channel = batch["channel"]
    subject = _interaction_subject(channel, batch["template_name"])
    subjects = subjects or {}

    def notes(contact_id: int) -> str | None:
        subject = subjects.get(contact_id) or batch["subject"]
        return f"Objet : {subject}" if subject else None

    with database.atomic() as conn:
        waiting = [
            r[0]
            for r in conn.execute(
                "SELECT contact_id FROM outreach_recipients WHERE batch_id = ? AND state != 'done' "
                "AND contact_id IN (SELECT value FROM json_each(?))",
                (batch_id, json_ids(contact_ids)),
            )
        ]
        if not waiting:
            return 0
        ids = json_ids(waiting)
        conn.execute(
            "UPDATE outreach_recipients SET state = 'done', detail = NULL, "
            "last_contact = (SELECT last_contact FROM contacts WHERE contacts.id = contact_id) "
            "WHERE batch_id = ? AND contact_id IN (SELECT value FROM json_each(?))",
            (batch_id, ids),
        )
        conn.executemany(
            "INSERT INTO interactions(contact_id, at, channel, direction, kind, subject, notes, outreach_batch) "
            "VALUES (?, ?, ?, 'out', 'contact', ?, ?, ?)",
            [
                (contact_id, stamp, rules.INTERACTION_CHANNELS[channel], subject, notes(contact_id), batch_id)
                for contact_id in waiting
            ],
        )
        conn.execute(
            "UPDATE contacts SET last_contact = ? WHERE id IN (SELECT value FROM json_each(?)) "
            "AND (last_contact IS NULL OR last_contact < ?)",
            (day, ids, day),
        )
        if recall_id is not None:
            conn.execute(
                "INSERT INTO recall_contacts(recall_id, contact_id, notified_on, batch_id) "
                "SELECT ?, value, ?, ? FROM json_each(?) WHERE true "
                "ON CONFLICT (recall_id, contact_id) DO NOTHING",
                (recall_id, day, batch_id, ids),
            )
    return len(waiting)


def refuse(database: Database, batch_id: int, contact_id: int, detail: str) -> None:
    """A recipient it could not reach (an SMTP refusal): kept, with why; nothing on its history."""
    with database.atomic() as conn:
        conn.execute(
            "UPDATE outreach_recipients SET state = 'refused', detail = ? WHERE batch_id = ? "
            "AND contact_id = ? AND state != 'done'",
            (detail, batch_id, contact_id),
        )


def pending(database: Database, batch_id: int) -> list[int]:
    """Recipients not done yet (an interrupted batch goes on with these, none twice)."""
    return [
        r[0]
        for r in database.conn.execute(
            "SELECT contact_id FROM outreach_recipients WHERE batch_id = ? AND state = 'pending'", (batch_id,)
        )
    ]


def record_batch(
    database: Database,
    channel: str,
    contact_ids: Sequence[int],
    *,
    template: Mapping | None = None,
    subject: str = "",
    selection: str = "",
    at: dt.datetime | None = None,
    recall_id: int | None = None,
    subjects: Mapping[int, str] | None = None,
) -> int:
    """A batch printed at once (letters, labels, envelopes): opened and
    completed in one transaction; returns its id."""
    with database.atomic():
        batch_id = open_batch(
            database, channel, contact_ids, template=template, subject=subject, selection=selection, at=at
        )
        complete(database, batch_id, contact_ids, recall_id=recall_id, subjects=subjects)
    return batch_id


def _batch(database: Database, batch_id: int) -> dict:
    row = database.conn.execute("SELECT * FROM outreach_batches WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        raise CrmError(N_("Envoi n° {number} introuvable."), number=batch_id)
    return dict(row)


def batches(database: Database) -> list[dict]:
    """Every batch, newest first, with how many recipients were done and how
    many of its exchanges are still on the clients' history."""
    rows = database.query(
        "SELECT b.*, (SELECT count(*) FROM outreach_recipients r WHERE r.batch_id = b.id AND r.state = 'done') "
        "AS done, (SELECT count(*) FROM outreach_recipients r WHERE r.batch_id = b.id AND r.state = 'refused') "
        "AS refused, (SELECT count(*) FROM interactions i WHERE i.outreach_batch = b.id) AS on_history "
        "FROM outreach_batches b ORDER BY b.at DESC, b.id DESC"
    )
    return [dict(r) for r in rows]


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed: int  # exchanges taken off the history
    kept: int  # changed by hand since: left on the history

    def summary(self) -> str:
        text = ngettext(
            "Envoi n° {batch} annulé : {number} échange retiré de l'historique des clients.",
            "Envoi n° {batch} annulé : {number} échanges retirés de l'historique des clients.",
            self.removed,
            batch=self.batch_id,
            number=self.removed,
        )
        if self.kept:
            text += " " + ngettext(
                "{number} échange modifié depuis est conservé.",
                "{number} échanges modifiés depuis sont conservés.",
                self.kept,
                number=self.kept,
            )
        return text


def undo_batch(database: Database, batch_id: int) -> UndoResult:
    """Take a batch off the clients' history in one transaction (audited): its
    exchanges go, except those changed by hand since (kept); « last contact »
    goes back where it still is the batch's day; the recall ticks it made go.
    The batch stays listed, marked undone; undoing it again is refused."""
    batch = _batch(database, batch_id)
    if batch["undone_at"]:
        raise CrmError(
            N_("L'envoi n° {number} a déjà été annulé le {day}."),
            number=batch_id,
            day=dt.date.fromisoformat(batch["undone_at"][:10]).strftime("%d/%m/%Y"),
        )
    day = batch["at"][:10]
    with database.atomic() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM interactions WHERE outreach_batch = ?", (batch_id,))]
        edited = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'interaction' AND action = 'update' "
                "AND entity_id IN (SELECT value FROM json_each(?))",
                (json_ids(ids),),
            )
        }
        removed = [i for i in ids if i not in edited]
        conn.execute("DELETE FROM interactions WHERE id IN (SELECT value FROM json_each(?))", (json_ids(removed),))
        conn.execute(
            """
            UPDATE contacts SET last_contact = (
                   SELECT max(v) FROM (
                          SELECT r.last_contact AS v FROM outreach_recipients r
                           WHERE r.batch_id = :batch AND r.contact_id = contacts.id
                          UNION ALL
                          SELECT substr(max(i.at), 1, 10) FROM interactions i WHERE i.contact_id = contacts.id))
             WHERE id IN (SELECT contact_id FROM outreach_recipients WHERE batch_id = :batch AND state = 'done')
               AND last_contact = :day""",
            {"batch": batch_id, "day": day},
        )
        conn.execute("DELETE FROM recall_contacts WHERE batch_id = ?", (batch_id,))
        conn.execute("UPDATE outreach_batches SET undone_at = ? WHERE id = ?", (now_iso(), batch_id))
        database.audit(
            "outreach_batch",
            batch_id,
            "undo",
            {"removed": [len(ids), len(ids) - len(removed)], "kept": [None, len(edited)]},
        )
    return UndoResult(batch_id, len(removed), len(edited))
