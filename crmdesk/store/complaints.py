"""Complaints and requests in the client file (docs/domain/05-complaints.md).

* ``create`` logs a complaint the moment it arrives: reference « REC-2026-0001 »
  (``reference``: one sequence per year of reception, continuing after any
  reference of the form « XXX-2026-NNN » already in the file; the demos use
  the same format; older references, « R-2026-0006 » or « REC-2026-001 »,
  are kept as they were printed and still found by ``id_of_ref``), the answer date from the
  settings (``complaints.deadline_days``, ``complaints.day_kind``,
  ``business.subdivision``: domain/deadline.py), and a « received » event of
  the reception phase — in one transaction, audited.
* The history (``complaint_events``) is append-only: this module has no way
  to update or delete an event, and db/001's triggers refuse a raw UPDATE or
  DELETE. A correction is a new event whose action is « correction ».
* ``advance`` moves a complaint forward through the six phases (it never
  goes back) and writes the dated event; closure needs the answer, the
  compensation and its cost, and whether the client is satisfied again;
  exploitation needs the root cause and the preventive action.
* Attachments are copied into ``<file stem>-pieces/`` beside the client file
  under a generated name; the user's file name is kept only as text. The
  folder is its owner's only (0700, its files 0600) and is never followed
  through a symbolic link someone planted in its place. On a server (whose
  PCs share no folder) the bytes are kept in the base (``attachment_contents``,
  20 MB at most each); the user's name is still only text until
  ``save_attachment`` writes the bytes where the user chose.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import uuid
from pathlib import Path

from crmdesk.domain import complaints as rules
from crmdesk.domain import deadline
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.i18n import N_, _
from crmdesk.store.database import Database, now_iso
from crmdesk.store.files import make_private, open_private, private_folder, private_output, read_regular, refuse_link
from crmdesk.store.reasons import os_reason
from crmdesk.store.server import on_server
from crmdesk.store.settings import SettingsStore

# Event action written by each phase change (advance) and by create/acknowledge.
ACTIONS = {
    "reception": "acknowledged",
    "registration": "qualified",
    "resolution": "handled",
    "closure": "closed",
    "follow_up": "followed_up",
    "exploitation": "analysed",
}

_REF = re.compile(r"^[A-Z]+-(\d{4})-(\d+)$")
REFERENCE_PREFIX = "REC"  # « réclamation »


def reference(year: int, number: int) -> str:
    """The reference of the `number`-th complaint received in `year`: « REC-2026-0006 »."""
    return f"{REFERENCE_PREFIX}-{year}-{number:04d}"


_STORED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[a-z0-9]{1,10})?$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")

_SELECT = """
SELECT c.*, k.code AS client_code, k.kind AS client_kind, k.company AS client_company,
       k.last_name AS client_last_name, k.first_name AS client_first_name, k.status AS client_status,
       k.department AS client_department, k.postal_code AS client_postal_code,
       p.name AS product_name
FROM complaints c
LEFT JOIN contacts k ON k.id = c.contact_id
LEFT JOIN products p ON p.id = c.product_id
"""


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "oui", "true", "vrai", "yes", "o")
    return bool(value)


def _stamp(moment: dt.datetime | None) -> str:
    if moment is None:
        return now_iso()
    if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def _parse_stamp(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text)


class ComplaintStore:
    def __init__(self, database: Database):
        self.database = database
        self.settings = SettingsStore(database)

    # -- settings -------------------------------------------------------------------
    def deadline_rule(self) -> tuple[int, str, str | None]:
        """(days, day kind, subdivision) from the settings, with the defaults."""
        days = self.settings.get("complaints.deadline_days", deadline.DEFAULT_DAYS)
        kind = self.settings.get("complaints.day_kind", deadline.DEFAULT_DAY_KIND)
        subdivision = self.settings.get("business.subdivision", None)
        if not subdivision:
            business = self.settings.get("business", None)
            if isinstance(business, dict):
                subdivision = business.get("subdivision") or None
        try:
            days = int(days)
        except (TypeError, ValueError):
            days = deadline.DEFAULT_DAYS
        try:
            kind = deadline.normalize_day_kind(kind)
        except ValueError:
            kind = deadline.DEFAULT_DAY_KIND
        try:
            subdivision = deadline.normalize_subdivision(subdivision)
        except ValueError:
            subdivision = None
        return days, kind, subdivision

    def due_date_for(self, received: dt.datetime | dt.date) -> dt.date:
        days, kind, subdivision = self.deadline_rule()
        return deadline.due_date(received, days, kind, subdivision)

    # -- logging --------------------------------------------------------------------
    def create(self, values: dict, *, received_at: dt.datetime | None = None) -> int:
        row = self._check_new(values)
        received = received_at or dt.datetime.now().replace(microsecond=0)
        stamp = _stamp(received)
        due = self.due_date_for(_parse_stamp(stamp))
        db = self.database
        with db.atomic() as conn:
            ref = self._next_ref(int(stamp[:4]))
            row.update(ref=ref, received_at=stamp, due_date=due.isoformat(), phase="reception")
            columns = list(row)
            cursor = conn.execute(
                f"INSERT INTO complaints ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [row[c] for c in columns],
            )
            complaint_id = cursor.lastrowid
            self._insert_event(
                complaint_id, "reception", "received", {"channel": row["channel"], "due_date": due.isoformat()}, stamp
            )
            db.audit("complaint", complaint_id, "create", {k: row[k] for k in columns})
        return complaint_id

    def _check_new(self, values: dict) -> dict:
        problems: dict[str, str] = {}
        known = {
            "contact_id",
            "channel",
            "kind",
            "nature",
            "service",
            "subject",
            "product_id",
            "lot",
            "description",
            "priority",
            "owner",
            "perishable",
            "urgent",
        }
        unknown = sorted(set(values) - known)
        if unknown:
            problems[N_("champs")] = _("inconnus : {fields}", fields=", ".join(unknown))
        contact_id = values.get("contact_id")
        if contact_id in (None, ""):
            problems["client"] = _("obligatoire")
        elif not self.database.scalar("SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", (contact_id,)):
            problems["client"] = _("introuvable (ou dans la corbeille)")
        subject = (values.get("subject") or "").strip()
        if not subject:
            problems[N_("objet")] = _("obligatoire")
        channel = values.get("channel") or "phone"
        if channel not in rules.CHANNELS:
            problems[N_("canal")] = _(
                "« {code} » inconnu ({expected})", code=channel, expected=", ".join(rules.CHANNELS)
            )
        kind = values.get("kind") or "other"
        if kind not in rules.KINDS:
            problems[N_("type")] = _("« {code} » inconnu ({expected})", code=kind, expected=", ".join(rules.KINDS))
        nature = values.get("nature") or ""
        if nature and nature not in rules.NATURES:
            problems["nature"] = _("« {code} » inconnue ({expected})", code=nature, expected=", ".join(rules.NATURES))
        service = (values.get("service") or "").strip()
        if service and service not in rules.SERVICES:
            problems["service"] = _("« {code} » inconnu ({expected})", code=service, expected=", ".join(rules.SERVICES))
        product_id = values.get("product_id")
        if product_id in ("",):
            product_id = None
        if product_id is not None and not self.database.scalar("SELECT 1 FROM products WHERE id = ?", (product_id,)):
            problems[N_("produit")] = _("introuvable")
        perishable, urgent = _bool(values.get("perishable")), _bool(values.get("urgent"))
        priority = values.get("priority")
        if priority in (None, ""):
            priority = rules.suggest_priority(
                kind if kind in rules.KINDS else "other", perishable=perishable, urgent=urgent
            )
        else:
            try:
                priority = int(priority)
                if not 1 <= priority <= 10:
                    raise ValueError
            except (TypeError, ValueError):
                problems[N_("priorité")] = _("un nombre de 1 (d'abord) à 10")
        if problems:
            raise ValidationError(problems)
        text = lambda key: (values.get(key) or "").strip() or None  # noqa: E731
        return {
            "contact_id": int(contact_id),
            "channel": channel,
            "kind": kind,
            "nature": nature,
            "service": service,
            "subject": subject,
            "product_id": product_id,
            "lot": text("lot"),
            "description": text("description"),
            "priority": priority,
            "owner": text("owner"),
            "perishable": int(perishable),
            "urgent": int(urgent),
        }

    def _next_ref(self, year: int) -> str:
        highest = 0
        for (ref,) in self.database.query("SELECT ref FROM complaints WHERE ref LIKE ?", (f"%-{year}-%",)):
            match = _REF.match(ref or "")
            if match and int(match.group(1)) == year:
                highest = max(highest, int(match.group(2)))
        return reference(year, highest + 1)

    # -- reading --------------------------------------------------------------------
    def _decorate(self, row, today: dt.date) -> dict:
        c = dict(row)
        c["client_name"] = display_name(
            {
                "kind": c.get("client_kind"),
                "company": c.get("client_company"),
                "last_name": c.get("client_last_name"),
                "first_name": c.get("client_first_name"),
            }
        )
        c["perishable"] = bool(c.get("perishable"))
        c["urgent"] = bool(c.get("urgent"))
        for key in ("justified", "resatisfied"):
            if c.get(key) is not None:
                c[key] = bool(c[key])
        c["status"] = c.get("client_status")
        c["kind_label"] = rules.KINDS.get(c["kind"], c["kind"])
        c["channel_label"] = rules.CHANNELS.get(c["channel"], c["channel"])
        c["phase_label"] = rules.PHASES.get(c["phase"], c["phase"])
        due = dt.date.fromisoformat(c["due_date"]) if c.get("due_date") else None
        c["state"] = rules.deadline_state(due, today, c.get("closed_at") is not None)
        c["state_label"] = rules.DEADLINE_STATES[c["state"]]
        c["reason"] = rules.triage_reason(c, today)
        return c

    def get(self, complaint_id: int, *, today: dt.date | None = None) -> dict | None:
        row = self.database.conn.execute(_SELECT + " WHERE c.id = ?", (complaint_id,)).fetchone()
        return None if row is None else self._decorate(row, today or dt.date.today())

    def id_of_ref(self, ref: str) -> int | None:
        """The complaint of a reference as printed; an older or retyped form of it
        (« R-2026-6 », « rec-2026-0006 ») finds the complaint of that year and number."""
        found = self.database.scalar("SELECT id FROM complaints WHERE ref = ?", (ref,))
        match = _REF.match(ref.strip().upper()) if found is None else None
        if match is None:
            return found
        year, number = match.group(1), int(match.group(2))
        for complaint_id, other in self.database.query(
            "SELECT id, ref FROM complaints WHERE ref LIKE ?", (f"%-{year}-%",)
        ):
            known = _REF.match(other or "")
            if known and known.group(1) == year and int(known.group(2)) == number:
                return complaint_id
        return None

    def owner_of_ref(self, ref: str) -> tuple[int, int | None] | None:
        """(complaint id, its client's id) of the reference, None when unknown."""
        row = self.database.conn.execute(
            "SELECT id, contact_id FROM complaints WHERE ref = ?", (ref.strip().upper(),)
        ).fetchone()
        return (int(row[0]), row[1]) if row else None

    def events(self, complaint_id: int) -> list[dict]:
        out = []
        for row in self.database.query(
            "SELECT * FROM complaint_events WHERE complaint_id = ? ORDER BY at, id", (complaint_id,)
        ):
            event = dict(row)
            event["details"] = json.loads(event["details"]) if event["details"] else {}
            event["phase_label"] = rules.PHASES.get(event["phase"], event["phase"])
            out.append(event)
        return out

    def queue(self, today: dt.date | None = None, *, open_only: bool = True) -> list[dict]:
        """Complaints in triage order (domain/complaints.py), each with its
        « reason » and deadline « state »; open ones only by default (closed
        ones, when asked for, come after the open ones)."""
        today = today or dt.date.today()
        where = " WHERE c.closed_at IS NULL" if open_only else ""
        rows = [self._decorate(r, today) for r in self.database.query(_SELECT + where)]
        rows.sort(key=lambda c: (c["closed_at"] is not None, rules.triage_key(c, today)))
        return rows

    def of_contact(self, contact_id: int, *, today: dt.date | None = None) -> list[dict]:
        """The client's complaints, the latest received first."""
        today = today or dt.date.today()
        return [
            self._decorate(r, today)
            for r in self.database.query(
                _SELECT + " WHERE c.contact_id = ? ORDER BY c.received_at DESC, c.id DESC", (contact_id,)
            )
        ]

    def counts_by_state(self, today: dt.date | None = None) -> dict:
        """{"open": n, "overdue": n, "due_soon": n} for the status bar."""
        today = today or dt.date.today()
        counts = {"open": 0, "overdue": 0, "due_soon": 0}
        for (due,) in self.database.query("SELECT due_date FROM complaints WHERE closed_at IS NULL"):
            counts["open"] += 1
            state = rules.deadline_state(dt.date.fromisoformat(due) if due else None, today, False)
            if state in counts:
                counts[state] += 1
        return counts

    # -- the history ----------------------------------------------------------------
    def _require(self, complaint_id: int) -> dict:
        row = self.database.conn.execute("SELECT * FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
        if row is None:
            raise CrmError(N_("Réclamation n° {number} introuvable."), number=complaint_id)
        return dict(row)

    def _insert_event(self, complaint_id: int, phase: str, action: str, details: dict | None, at: str) -> int:
        cursor = self.database.conn.execute(
            "INSERT INTO complaint_events(complaint_id, at, phase, action, details, author) VALUES (?, ?, ?, ?, ?, ?)",
            (
                complaint_id,
                at,
                phase,
                action,
                json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) if details else None,
                self.database.author,
            ),
        )
        return cursor.lastrowid

    def add_event(
        self, complaint_id: int, phase: str, action: str, details: dict | None = None, *, at: dt.datetime | None = None
    ) -> int:
        """Append a dated event (a note, a call, a « correction »…); never
        changes an earlier one. Returns the event id."""
        problems = {}
        if phase not in rules.PHASES:
            problems["phase"] = _("« {code} » inconnue ({expected})", code=phase, expected=", ".join(rules.PHASES))
        if not (action or "").strip():
            problems["action"] = _("obligatoire")
        if details is not None and not isinstance(details, dict):
            problems[N_("détails")] = _("un dictionnaire")
        if problems:
            raise ValidationError(problems)
        self._require(complaint_id)
        with self.database.atomic():
            event_id = self._insert_event(complaint_id, phase, action.strip(), details, _stamp(at))
            self.database.audit(
                "complaint", complaint_id, "event", {"phase": phase, "action": action.strip(), "details": details}
            )
        return event_id

    def acknowledge(self, complaint_id: int, *, at: dt.datetime | None = None, details: dict | None = None) -> int:
        """Record the acknowledgement of receipt (letter sent, call back…):
        sets acknowledged_at (the first one counts) and writes the event."""
        current = self._require(complaint_id)
        stamp = _stamp(at)
        with self.database.atomic() as conn:
            if current["acknowledged_at"] is None:
                conn.execute("UPDATE complaints SET acknowledged_at = ? WHERE id = ?", (stamp, complaint_id))
            event_id = self._insert_event(complaint_id, "reception", "acknowledged", details, stamp)
            self.database.audit("complaint", complaint_id, "acknowledge", {"at": stamp})
        return event_id

    def advance(
        self, complaint_id: int, phase: str, details: dict | None = None, *, at: dt.datetime | None = None
    ) -> int:
        """Move the complaint to `phase` (forward only; phases may be skipped)
        and write the event; returns the event id.

        details by phase:
          reception     (acknowledgement: same as acknowledge())
          registration  kind, nature, justified (bool), service, priority — optional
          resolution    service, owner, handling (text) — optional
          closure       answer (text), compensation_kind (domain COMPENSATIONS),
                        cost_cents (int >= 0), resatisfied (bool) — required;
                        sets closed_at
          follow_up     free
          exploitation  root_cause, preventive_action (text) — required
        """
        if phase not in rules.PHASES:
            raise ValidationError(
                {"phase": _("« {code} » inconnue ({expected})", code=phase, expected=", ".join(rules.PHASES))}
            )
        details = dict(details or {})
        current = self._require(complaint_id)
        order = rules.PHASE_ORDER
        if phase == "reception":
            return self.acknowledge(complaint_id, at=at, details=details or None)
        if order.index(phase) < order.index(current["phase"]):
            raise CrmError(
                N_(
                    "La réclamation {ref} est déjà à l'étape « {current} » : elle ne revient pas à "
                    "« {wanted} ». Ajoutez plutôt un événement de correction."
                ),
                ref=current["ref"],
                current=_(rules.PHASES[current["phase"]]),
                wanted=_(rules.PHASES[phase]),
            )
        changes, problems = self._phase_changes(phase, details, current)
        if problems:
            raise ValidationError(problems)
        stamp = _stamp(at)
        changes["phase"] = phase
        if phase == "closure":
            changes["closed_at"] = stamp
        with self.database.atomic() as conn:
            sets = ", ".join(f"{k} = ?" for k in changes)
            conn.execute(f"UPDATE complaints SET {sets} WHERE id = ?", [*changes.values(), complaint_id])
            event_id = self._insert_event(complaint_id, phase, ACTIONS[phase], details or None, stamp)
            self.database.audit(
                "complaint", complaint_id, "advance", {k: [current.get(k), v] for k, v in changes.items()}
            )
        return event_id

    def _phase_changes(self, phase: str, d: dict, current: dict) -> tuple[dict, dict]:
        changes, problems = {}, {}
        if phase == "registration":
            if "kind" in d:
                if d["kind"] not in rules.KINDS:
                    problems[N_("type")] = _("« {code} » inconnu", code=d["kind"])
                else:
                    changes["kind"] = d["kind"]
            if "nature" in d:
                if d["nature"] not in rules.NATURES:
                    problems["nature"] = _("« {code} » inconnue", code=d["nature"])
                else:
                    changes["nature"] = d["nature"]
            if "justified" in d and d["justified"] is not None:
                changes["justified"] = int(_bool(d["justified"]))
            for key in ("perishable", "urgent"):
                if key in d:
                    changes[key] = int(_bool(d[key]))
            if "priority" in d:
                try:
                    changes["priority"] = int(d["priority"])
                    if not 1 <= changes["priority"] <= 10:
                        raise ValueError
                except (TypeError, ValueError):
                    problems[N_("priorité")] = _("un nombre de 1 à 10")
        if phase in ("registration", "resolution"):
            if "service" in d:
                if d["service"] and d["service"] not in rules.SERVICES:
                    problems["service"] = _(
                        "« {code} » inconnu ({expected})", code=d["service"], expected=", ".join(rules.SERVICES)
                    )
                else:
                    changes["service"] = d["service"] or ""
            if phase == "resolution" and "owner" in d:
                changes["owner"] = (d["owner"] or "").strip() or None
        if phase == "closure":
            if current.get("closed_at"):
                problems[N_("clôture")] = _("la réclamation est déjà clôturée")
            if not str(d.get("answer") or "").strip():
                problems[N_("réponse")] = _("obligatoire pour clôturer")
            if d.get("compensation_kind") not in rules.COMPENSATIONS:
                problems["compensation"] = _("obligatoire ({expected})", expected=", ".join(rules.COMPENSATIONS))
            cost = d.get("cost_cents")
            if isinstance(cost, bool) or not isinstance(cost, int) or cost < 0:
                problems[N_("coût")] = _("obligatoire, en centimes (entier positif ou nul)")
            if not isinstance(d.get("resatisfied"), bool):
                problems[N_("client satisfait")] = _("obligatoire (oui ou non)")
            if not problems:
                changes.update(
                    compensation_kind=d["compensation_kind"],
                    compensation_cost_cents=cost,
                    resatisfied=int(d["resatisfied"]),
                )
        if phase == "exploitation":
            for key, label in (("root_cause", N_("cause")), ("preventive_action", N_("action préventive"))):
                if not str(d.get(key) or "").strip():
                    problems[label] = _("obligatoire")
        return changes, problems

    # -- satisfaction survey ---------------------------------------------------------
    def _linked_answers(self, complaints_sql: str, params: tuple) -> dict[int, list[dict]]:
        """complaint id -> its linked survey answers, for the complaints the SQL selects."""
        linked: dict[int, list[dict]] = {}
        for row in self.database.query(
            "SELECT id, complaint_id, date, indicator, score, comment FROM survey_answers "
            f"WHERE complaint_id IN ({complaints_sql}) ORDER BY date, id",
            params,
        ):
            linked.setdefault(row["complaint_id"], []).append(dict(row))
        return linked

    def satisfaction(self, complaint_id: int) -> dict:
        """{"at_closure": bool or None, "answers": the linked survey answers
        (oldest first), "resatisfied": the verdict (domain resatisfied)}."""
        at_closure = self.database.scalar("SELECT resatisfied FROM complaints WHERE id = ?", (complaint_id,))
        at_closure = None if at_closure is None else bool(at_closure)
        answers = self._linked_answers("?", (complaint_id,)).get(complaint_id, [])
        return {"at_closure": at_closure, "answers": answers, "resatisfied": rules.resatisfied(at_closure, answers)}

    def closure_details(self, complaint_id: int) -> dict:
        """What was decided at closure (answer, compensation_kind, cost_cents,
        resatisfied): the details of the « closed » event, {} before it."""
        events = [e for e in self.events(complaint_id) if e["action"] == ACTIONS["closure"]]
        return dict(events[-1]["details"]) if events else {}

    def letter_sent(
        self, complaint_id: int, letter: str, details: dict | None = None, *, at: dt.datetime | None = None
    ) -> int:
        """Record in the history that a letter went out (« closure », « survey »)."""
        current = self._require(complaint_id)
        return self.add_event(complaint_id, current["phase"], "letter", {"letter": letter, **(details or {})}, at=at)

    # -- attachments ------------------------------------------------------------------
    @property
    def attachments_dir(self) -> Path:
        path = self.database.path
        if path is None:  # a server's PCs share no folder: its attachments are in attachment_contents
            raise CrmError(N_("Sur un serveur, les pièces jointes sont gardées dans la base, pas dans un dossier."))
        return path.parent / f"{path.stem}-pieces"

    def attach(self, complaint_id: int, source: Path) -> str:
        """Copy `source` into the managed folder under a generated name and
        record it; returns the stored name. The original name is kept as
        text only."""
        current = self._require(complaint_id)
        source = Path(source)
        try:
            readable = source.is_file()
        except OSError:  # a name longer than the system allows: is_file() raises instead of saying no
            readable = False
        if not readable:
            raise CrmError(
                N_("« {name} » n'est pas un fichier lisible : aucune pièce jointe ajoutée."), name=source.name
            )
        suffix = source.suffix.lower()
        if not _SUFFIX.match(suffix):
            suffix = ""
        safe_ref = re.sub(r"[^A-Za-z0-9-]", "", current["ref"]) or "R"
        stored = f"{safe_ref}-{uuid.uuid4().hex[:12]}{suffix}"
        target, content = None, None
        if on_server(self.database):  # its bytes go into the base: no folder, no path
            content = _server_content(source)
        else:
            target = self._copy_in(source, stored)
        try:
            with self.database.atomic() as conn:
                added = conn.execute(
                    "INSERT INTO attachments(complaint_id, contact_id, stored_name, original_name, "
                    "added_at) VALUES (?, ?, ?, ?, ?)",
                    (complaint_id, current["contact_id"], stored, source.name, now_iso()),
                )
                if content is not None:
                    conn.execute(
                        "INSERT INTO attachment_contents(attachment_id, content) VALUES (?, ?)",
                        (added.lastrowid, content),
                    )
                self._insert_event(
                    complaint_id,
                    current["phase"],
                    "attachment",
                    {"stored_name": stored, "original_name": source.name},
                    now_iso(),
                )
                self.database.audit(
                    "complaint", complaint_id, "attach", {"stored_name": stored, "original_name": source.name}
                )
        except BaseException:
            if target is not None:
                target.unlink(missing_ok=True)
            raise
        return stored

    def _copy_in(self, source: Path, stored: str) -> Path:
        """`source` copied into the file's attachments folder as `stored`; its path."""
        folder = private_folder(self.attachments_dir)  # never through a planted link
        make_private(folder)
        target = self.attachment_path(stored)
        try:
            with (
                open(source, "rb") as original,
                os.fdopen(open_private(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb") as copy,
            ):
                shutil.copyfileobj(original, copy)
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise CrmError(
                N_("« {name} » n'a pas pu être copié ({reason}) : aucune pièce jointe ajoutée."),
                name=source.name,
                reason=os_reason(exc),
            ) from None
        return target

    def attachment_content(self, stored_name: str) -> bytes:
        """The bytes of a stored attachment (from the base on a server, from its folder on a file)."""
        if not on_server(self.database):
            path = self.attachment_path(stored_name)
            try:
                return path.read_bytes()
            except OSError as exc:
                raise CrmError(
                    N_("La pièce jointe « {name} » ne peut pas être lue ({reason})."),
                    name=stored_name,
                    reason=os_reason(exc),
                ) from None
        content = self.database.scalar(
            "SELECT c.content FROM attachments AS a JOIN attachment_contents AS c ON c.attachment_id = a.id "
            "WHERE a.stored_name = ?",
            (str(stored_name or ""),),
        )
        if content is None:
            raise CrmError(
                N_("Le contenu de la pièce jointe « {name} » n'est pas dans la base du serveur."), name=stored_name
            )
        return bytes(content)

    def save_attachment(self, stored_name: str, target: Path) -> Path:
        """Write a stored attachment where the user chose (« Enregistrer sous »), all or nothing;
        the original name was only a suggestion: `target` is the user's path."""
        content = self.attachment_content(stored_name)
        with private_output(Path(target), "wb") as out:
            out.write(content)
        return Path(target)

    def attachments(self, complaint_id: int) -> list[dict]:
        return [
            dict(r)
            for r in self.database.query(
                "SELECT id, stored_name, original_name, added_at FROM attachments WHERE complaint_id = ? "
                "ORDER BY added_at, id",
                (complaint_id,),
            )
        ]

    def attachment_path(self, stored_name: str) -> Path:
        """Where a stored attachment lives; CrmError for any name that could
        point outside the managed folder."""
        name = str(stored_name or "")
        refuse_link(self.attachments_dir)  # a planted link would send the files elsewhere
        folder = self.attachments_dir.resolve()
        if not _STORED_NAME.match(name) or ".." in name:
            raise CrmError(
                N_(
                    "Nom de pièce jointe refusé : « {name} » (il doit désigner un fichier du dossier des "
                    "pièces jointes, sans chemin)."
                ),
                name=name,
            )
        target = (folder / name).resolve()
        if target.parent != folder:
            raise CrmError(N_("Nom de pièce jointe refusé : « {name} » sort du dossier des pièces jointes."), name=name)
        return target

    # -- indicators ---------------------------------------------------------------------
    def indicators(self, start: dt.date, end: dt.date) -> dict:
        """Seed 003's indicators for the complaints received from `start` to
        `end` (inclusive) and the orders dated in the same period.

        complaint_rate_transactions = complaints / orders × 100;
        complaint_rate_clients = complaints / distinct clients who ordered × 100;
        loss_rate = compensation costs of these complaints / revenue × 100;
        ack_* in hours (received → acknowledged), close_* in calendar days
        (received → closed), p90 by nearest rank; closed_in_time = share of
        the closed ones closed on or before their due date; resatisfied =
        share of the closed ones whose client is satisfied again (percent, None
        when nothing to count): the client's survey answers linked to the
        complaint outrank the judgement typed at closure (domain resatisfied);
        resatisfied_by_survey = how many of them the client's answer decided.
        by_region: the client's department (else the first 2–3 digits of the
        postal code).
        """
        lo, hi = start.isoformat(), (end + dt.timedelta(days=1)).isoformat()
        rows = [
            dict(r)
            for r in self.database.query(
                _SELECT + " WHERE c.received_at >= ? AND c.received_at < ? ORDER BY c.received_at", (lo, hi)
            )
        ]
        orders = self.database.conn.execute(
            "SELECT count(*), count(DISTINCT contact_id), ifnull(sum(amount_cents), 0) FROM orders "
            "WHERE date >= ? AND date <= ?",
            (start.isoformat(), end.isoformat()),
        ).fetchone()
        transactions, clients, revenue = int(orders[0]), int(orders[1]), int(orders[2])
        linked = self._linked_answers(
            "SELECT id FROM complaints WHERE received_at >= ? AND received_at < ? AND closed_at IS NOT NULL", (lo, hi)
        )
        count = len(rows)
        cost = sum(int(r["compensation_cost_cents"] or 0) for r in rows)
        ack, close = [], []
        closed = in_time = resat_known = resat = by_survey = 0
        by_kind: dict[str, int] = {}
        by_lot: dict[tuple, int] = {}
        by_region: dict[str, int] = {}
        by_month: dict[str, int] = {}
        for r in rows:
            received = _parse_stamp(r["received_at"])
            if r["acknowledged_at"]:
                ack.append((_parse_stamp(r["acknowledged_at"]) - received).total_seconds() / 3600)
            if r["closed_at"]:
                closed_at = _parse_stamp(r["closed_at"])
                close.append((closed_at - received).total_seconds() / 86400)
                closed += 1
                if r["due_date"] and closed_at.date().isoformat() <= r["due_date"]:
                    in_time += 1
                said = rules.resatisfied(None, linked.get(r["id"], []))  # the client's own word
                verdict = said if said is not None else r["resatisfied"]
                if verdict is not None:
                    resat_known += 1
                    resat += int(verdict)
                    by_survey += said is not None
            by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
            if r["product_id"] is not None or r["lot"]:
                key = (r["product_name"] or "", r["lot"] or "")
                by_lot[key] = by_lot.get(key, 0) + 1
            region = _department(r.get("client_department"), r.get("client_postal_code"))
            by_region[region] = by_region.get(region, 0) + 1
            month = r["received_at"][:7]
            by_month[month] = by_month.get(month, 0) + 1
        ack_mean, ack_p90 = rules.mean_and_p90(ack)
        close_mean, close_p90 = rules.mean_and_p90(close)
        return {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "complaints": count,
            "transactions": transactions,
            "clients": clients,
            "complaint_rate_transactions": rules.complaint_rate(count, transactions),
            "complaint_rate_clients": rules.complaint_rate(count, clients),
            "cost_cents": cost,
            "revenue_cents": revenue,
            "loss_rate": rules.loss_rate(cost, revenue),
            "ack_mean_hours": ack_mean,
            "ack_p90_hours": ack_p90,
            "close_mean_days": close_mean,
            "close_p90_days": close_p90,
            "closed": closed,
            "closed_in_time": rules.share(in_time, closed),
            "resatisfied": rules.share(resat, resat_known),
            "resatisfied_by_survey": by_survey,
            "by_kind": dict(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_product_lot": [
                {"product": p, "lot": l, "count": n}
                for (p, l), n in sorted(by_lot.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "by_region": dict(sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_month": dict(sorted(by_month.items())),
        }


def _department(department: str | None, postal_code: str | None) -> str:
    if department:
        return department
    code = (postal_code or "").strip()
    if len(code) == 5 and code.isdigit():
        if code.startswith("97") or code.startswith("98"):
            return code[:3]
        if code.startswith("20"):  # Corsica: 2A below 20200, 2B from it
            return "2A" if code < "20200" else "2B"
        return code[:2]
    return "?"


# A server keeps an attachment's bytes in its database (db/postgresql 015): a cap keeps the base and
# its backups to a size a small firm's server carries (a phone photo, a scanned letter, a PDF).
SERVER_ATTACHMENT_LIMIT = 20_000_000


def _server_content(source: Path) -> bytes:
    """The bytes of the user's file for a server, refused past SERVER_ATTACHMENT_LIMIT with the reason."""
    try:
        size = source.stat().st_size
        if size > SERVER_ATTACHMENT_LIMIT:
            raise _too_big(source, size)
        return read_regular(source, SERVER_ATTACHMENT_LIMIT)  # a file grown meanwhile: refused there too
    except OSError as exc:
        raise CrmError(
            N_("« {name} » n'a pas pu être lu ({reason}) : aucune pièce jointe ajoutée."),
            name=source.name,
            reason=os_reason(exc),
        ) from None


def _too_big(source: Path, size: int) -> CrmError:
    return CrmError(
        N_(
            "« {name} » pèse {size} Mo : sur un serveur, une pièce jointe fait au plus {most} Mo (elle est "
            "gardée dans la base, que tous les postes partagent). Réduisez-la (photo moins lourde, PDF "
            "compressé) ou gardez-la dans vos dossiers : aucune pièce jointe ajoutée."
        ),
        name=source.name,
        size=-(-size // 1_000_000),  # rounded up: « 21 Mo » for 20.3
        most=SERVER_ATTACHMENT_LIMIT // 1_000_000,
    )


def attachment_save_name(original: str | None, stored: str) -> str:
    """The name « Save as » suggests for an attachment: the user's original name as a bare file
    name (no folder, no control or direction characters, none of Windows' reserved signs),
    else the stored one. Only a suggestion: the path written is the one the user picks."""
    name = re.split(r"[\\/]", str(original or ""))[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return name or stored
