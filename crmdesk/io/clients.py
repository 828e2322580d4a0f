"""Import of clients from a CSV, Excel or OpenDocument file (docs/domain/01-client-file.md).

The file (read by `crmdesk.io.tabular`) has a header row; each column goes to
a field through a `crmdesk.io.mapping.Mapping`: the one given, or the one
suggested from the headers — the canonical columns
(`crmdesk.domain.contact.CSV_COLUMNS`, plus `stage`), their French and
English names (« nom », « prénom », « code postal », « zip »…). A column no
field matches is ignored, with a warning in `ImportResult.notes`. The file
must have `last_name` or `company`. Values typed the French way are
understood: dates dd/mm/yyyy, « oui »/« non », « Madame », « Boutique »…

Three columns come from the Le Bol d'Air client file (docs/domain/11-demo-data.md):
- `is_host` (« Hôte »): the contact hosts home parties (oui/non);
- `ambassador` (« Nom Ambassadeur »): like `rep`, but a rep missing from the
  file is created with the kind « ambassador » (a file has rep or
  ambassador, not both);
- `annual_revenue` (« CA annuel »): not a field of the contact — revenue is
  always computed from orders — but an **opening order** (channel
  « opening », ref « OUV-<N° client>-<date> », same rep) of that amount,
  dated `opening_date` (1 January of the import year unless the caller
  gives another day, `--opening-date` on the command line), so that the
  revenue, status and RFM see it at once. A contact created with a positive
  CA annuel and no `stage` column is a client. An empty or zero CA annuel
  makes no order. With `update=True`, a contact that already has its
  opening order of that date keeps it (a note says so).

The whole file is imported in ONE transaction, streamed: rows are read one
by one, validated (the domain rules), and written with executemany in
chunks (crmdesk/store/bulk_contacts.py: io/ runs no SQL). A rejected row (with its line number and the French
reason) does not stop the others; with `strict=True` nothing is written if
any row is rejected.

What French Excel does to a file is undone, with a warning for each row
(`ImportResult.warn`: counted, the first lines kept): a French postal code
of 4 digits gets its leading 0 back (« 1000 » -> « 01000 »; not abroad:
Belgium has 4-digit codes), a French phone of 9 digits too (612345678 ->
06 12 34 56 78). A row whose only problems are in OPTIONAL fields (an
e-mail, a phone, a birth date…) is imported without them, each named in a
warning, rather than rejected — except with `strict=True`, where such a
row is rejected as before; with `update=True` the contact then keeps the
value it had.

Row with a N° client already in the file: rejected (« déjà présent »), or,
with `update=True`, that contact is updated with the columns of the file (an
empty cell empties the field; empty kind/stage/country cells keep theirs; a
`tags` column replaces the tags). A row without N° client gets the next free
« C000123 » code.

Consents (« oui ») are recorded with the import date and « import <file> »
as their source (docs/domain/08-personal-data.md: consent with date and source).
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left
from pathlib import Path

import phonenumbers

from crmdesk.domain import contact as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import parse_amount
from crmdesk.i18n import N_, _
from crmdesk.io.common import (
    PROGRESS_EVERY,
    ImportResult,
    ProgressHandler,
    Reject,
    RejectHandler,
    describe_source,
    synonym,
)
from crmdesk.io.mapping import CLIENTS, Mapping, Resolved, suggest_mapping
from crmdesk.io.tabular import Table, open_table
from crmdesk.store import imports
from crmdesk.store.bulk_contacts import ContactWriter
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore

ACCEPTED_COLUMNS = CLIENTS.fields
# Known header names (keys as produced by csvfile.header_key): crmdesk.io.mapping.
HEADER_ALIASES = CLIENTS.aliases
# Columns read apart from the contact's own fields.
_SPECIAL = ("rep", "ambassador", "tags", "annual_revenue")
OPENING_CHANNEL = "opening"

# French ways of typing a choice (keys as produced by csvfile.header_key).
VALUE_ALIASES = {
    "kind": {
        "personne": "person",
        "particulier": "person",
        "b2c": "person",
        "entreprise": "company",
        "societe": "company",
        "professionnel": "company",
        "pro": "company",
        "b2b": "company",
    },
    "civility": {
        "m": "M.",
        "mr": "M.",
        "monsieur": "M.",
        "madame": "Mme",
        "mme": "Mme",
        "mlle": "Mme",
        "mademoiselle": "Mme",
    },
    "source": {
        "site": "web",
        "site_web": "web",
        "internet": "web",
        "reseau_social": "social",
        "reseaux_sociaux": "social",
        "salon": "fair",
        "foire": "fair",
        "evenement": "fair",
        "salon_foire": "fair",
        "telephone": "phone",
        "tel": "phone",
        "boutique": "shop",
        "magasin": "shop",
        "reunion": "home_party",
        "reunion_a_domicile": "home_party",
        "parrainage": "referral",
        "bouche_a_oreille": "referral",
        "autre": "other",
    },
    "stage": {"ancien_client": "former", "ancien": "former"},
}

# Every contacts column an imported row sets, with its value when the file
# leaves it out or empty (one fixed layout for executemany).
_TEMPLATE = {
    "id": None,
    "code": "",
    "kind": "person",
    "stage": "prospect",
    "civility": "",
    "last_name": None,
    "first_name": None,
    "company": None,
    "siret": None,
    "email": "",
    "phone": "",
    "address": None,
    "postal_code": "",
    "city": "",
    "department": None,
    "country": "FR",
    "birth_date": None,
    "first_contact": "",
    "source": "",
    "rep_id": None,
    "notes": None,
    "is_host": False,
    "consent_email": False,
    "consent_email_date": None,
    "consent_email_source": None,
    "consent_sms": False,
    "consent_sms_date": None,
    "consent_sms_source": None,
    "consent_phone": False,
    "consent_phone_date": None,
    "consent_phone_source": None,
}
_CONSENTS = ("consent_email", "consent_sms", "consent_phone")
# Empty cell = keep the current value on update (they cannot be empty).
_KEEP_WHEN_EMPTY = {"kind", "stage", "country", "code"}
_BOOLS = (*_CONSENTS, "is_host")
_MISSING = object()
_FR_NATIONAL = re.compile(r"0([1-9])[ .-]?(\d\d)[ .-]?(\d\d)[ .-]?(\d\d)[ .-]?(\d\d)")
# Fields a row can do without: when only these are invalid, the row is imported without them (not with
# --strict), each with a warning; any other problem rejects the row.
OPTIONAL = frozenset({"email", "phone", "birth_date", "first_contact", "siret", "civility", "source", "postal_code"})
_ZERO_LABELS = {
    "postal_code": N_("code postal à 4 chiffres complété d'un 0 en tête (le tableur l'avait ôté)"),
    "phone": N_("téléphone à 9 chiffres complété d'un 0 en tête (le tableur l'avait ôté)"),
}

CHUNK = 2000
# What an import does with a row that may duplicate a contact (see _decide):
# keep = create it anyway (the pair is reported), skip = leave the row out,
# merge = complete the surest existing contact with it.
DUPLICATE_POLICIES = ("keep", "skip", "merge")
MAX_SUSPECTS = 10_000  # pairs kept in the result (all rows are counted)


def fast_phone(raw: str, country: str | None) -> str | None:
    """E.164 of a French number typed « 06 12 34 56 78 » (or 06.12…, 0612…),
    exactly as `contact.normalize_phone` would give it, without the cost of
    phonenumbers.parse; None when it is not that simple case (the caller then
    lets the domain rules decide, with their error message)."""
    if country and country.strip().upper() != "FR":
        return None
    match = _FR_NATIONAL.fullmatch(raw.strip())
    if match is None:
        return None
    nsn = "".join(match.groups())
    if not phonenumbers.is_valid_number(phonenumbers.PhoneNumber(country_code=33, national_number=int(nsn))):
        return None
    return "+33" + nsn


def split_tags(text: str) -> list[str]:
    """« bio, fidèle ,  salon 2026 » -> ['bio', 'fidèle', 'salon 2026'] (first spelling wins)."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class _Pending:
    __slots__ = ("cells", "clean", "fixes", "line", "partial", "raw", "rep", "revenue", "tags", "values")

    def __init__(self, line, cells, clean, values, raw, rep, tags, partial, revenue=0, fixes=()):
        self.line, self.cells, self.clean, self.values, self.raw = line, cells, clean, values, raw
        self.rep, self.tags, self.partial, self.revenue = rep, tags, partial, revenue
        self.fixes = fixes  # (kind, label, text) of the warnings due once the row is written


class ClientImport:
    """One run of the clients import on an open (writer) Database."""

    def __init__(
        self,
        database: Database,
        path: str | Path,
        *,
        update: bool = False,
        strict: bool = False,
        on_reject: RejectHandler | None = None,
        on_progress: ProgressHandler | None = None,
        chunk_size: int = CHUNK,
        mapping: Mapping | None = None,
        opening_date: dt.date | None = None,
        sheet: str | None = None,
        duplicates: str | None = None,
        decisions: dict[int, str | int] | None = None,
    ):
        self.database = database
        self.path = Path(path)
        self.update = update
        self.strict = strict
        self.mapping = mapping
        self.sheet = sheet
        self.opening_date = opening_date or opening_day()
        self.on_reject = on_reject or (lambda reject: None)
        self.on_progress = on_progress
        self.chunk_size = chunk_size
        self.contacts = ContactStore(database)
        self.lookups = OrderStore(database)
        self.result = ImportResult("clients", self.path.name)
        self.today = dt.date.today().isoformat()
        self.consent_source = f"import {self.path.name}"
        self.writer = ContactWriter(database)
        # distinct values seen in the columns with few of them
        self._memo: dict[str, dict] = {name: {} for name in (*VALUE_ALIASES, *_BOOLS)}
        # each contact this import inserted: its id (increasing) and its line in the file
        self._inserted_ids = array("Q")
        self._inserted_lines = array("L")
        if duplicates not in (None, *DUPLICATE_POLICIES):
            raise ValueError(duplicates)
        self.duplicates = duplicates
        self.decisions = decisions or {}
        self._matcher = None

    @staticmethod
    def resolve(header: list[str], file_name: str, mapping: Mapping | None = None, *, update: bool = False) -> Resolved:
        """The columns to read (the mapping given, or the one suggested from the
        header), or CrmError (French) when the file cannot be imported."""
        resolved = (mapping or suggest_mapping(CLIENTS, header)).resolve(header, file_name)
        names = resolved.fields
        if not names & {"last_name", "company"} and not (update and "code" in names):
            raise CrmError(
                N_(
                    "« {name} » : il faut une colonne last_name (nom) ou company (raison sociale) — ou, "
                    "avec --update, la colonne code."
                )
                if update
                else N_("« {name} » : il faut une colonne last_name (nom) ou company (raison sociale)."),
                name=file_name,
            )
        return resolved

    # -- entry point ------------------------------------------------------------------
    def run(self) -> ImportResult:
        with open_table(self.path, sheet=self.sheet) as source:
            describe_source(self.result, source)
            resolved = self.resolve(source.header, self.path.name, self.mapping, update=self.update)
            source.require_rows()
            self.result.notes.extend(resolved.warnings)
            self.columns = [(i, name) for i, name in resolved.columns if name not in _SPECIAL]
            self.special = [(i, name) for i, name in resolved.columns if name in _SPECIAL]
            self.labels = resolved.labels
            self.rep_kind = "ambassador" if "ambassador" in resolved.labels else "rep"
            self.width = len(source.header)
            self._openings: list[tuple[int, NewOrder]] = []  # (line, order) not written yet
            self._opened: list[int] = []  # contacts given an opening order
            self._promote: list[int] = []  # updated contacts with a CA annuel
            try:
                with self.database.atomic(), imports.bulk_contact_inserts(self.database) as index:
                    self._index = index
                    self._begin()
                    self._stream(source)
                    self._write_openings()
                    if self.strict and self.result.rejected:
                        raise _Rollback
                    imports.finish_batch(
                        self.database,
                        self.result.batch_id,
                        rows_ok=self.result.inserted + self.result.updated + self.result.merged,
                        rows_rejected=self.result.rejected,
                        details={
                            "inserted": self.result.inserted,
                            "updated": self.result.updated,
                            "merged": self.result.merged,
                            "skipped": self.result.skipped,
                        },
                    )
            except _Rollback:
                self.result.rolled_back = True
                self.result.batch_id = None
        return self.result

    def _begin(self) -> None:
        self.result.batch_id = imports.start_batch(self.database, "clients", self.path.name)
        self.codes = self.contacts.code_sequence()  # the file's own numbering: « SB00441 »…
        if self.duplicates is not None:
            from crmdesk.store.import_duplicates import ImportMatcher

            self._matcher = ImportMatcher(self.database)

    # -- reading and checking ----------------------------------------------------------
    def _stream(self, source: Table) -> None:
        pending: list[_Pending] = []
        result = self.result
        check = self._check
        for row in source.rows():
            result.rows_read += 1
            item = check(row.line, row.cells)
            if item is not None:
                pending.append(item)
                if len(pending) >= self.chunk_size:
                    self._flush(pending)
                    pending = []
            if self.on_progress and result.rows_read % PROGRESS_EVERY == 0:
                self.on_progress(result.rows_read)
        self._flush(pending)

    def _reject(self, line: int, reason: str, cells=()) -> None:
        self.result.rejected += 1
        self.on_reject(Reject(line, reason, tuple(cells)))

    def _check(self, line: int, cells: list[str]) -> _Pending | None:
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            self._reject(
                line,
                _(
                    "{count} valeurs pour {width} colonnes (une valeur contient-elle le séparateur sans guillemets ?)",
                    count=len(cells),
                    width=self.width,
                ),
                cells,
            )
            return None
        width = len(cells)
        values: dict[str, str] = {}
        raw: dict[str, str] | None = {} if self.update else None
        for index, name in self.columns:
            text = cells[index] if index < width else ""
            if raw is not None:
                raw[name] = text
            if not text or text.isspace():
                continue
            memo = self._memo.get(name)
            if memo is None:
                values[name] = text
            else:
                value = memo.get(text, _MISSING)
                if value is _MISSING:
                    value = self._memo_value(name, text)
                    if len(memo) < 10_000:
                        memo[text] = value
                values[name] = value
        rep = tags = None
        revenue, problems = 0, {}
        for index, name in self.special:
            text = cells[index] if index < width else ""
            if raw is not None and name != "annual_revenue":
                raw["rep" if name == "ambassador" else name] = text  # what _update knows
            if not text or text.isspace():
                continue
            if name == "tags":
                tags = split_tags(text)
            elif name == "annual_revenue":
                try:
                    revenue = parse_amount(text)
                    if revenue < 0:
                        raise CrmError(N_("montant négatif « {text} »"), text=text)
                except CrmError as exc:
                    problems["annual_revenue"] = str(exc)
            else:
                rep = text
        fixes = self._excel_zeros(values) if "postal_code" in values or "phone" in values else []
        phone = None
        if "phone" in values:
            phone = fast_phone(values["phone"], values.get("country"))
            if phone is not None:
                del values["phone"]
        partial = self.update and bool(values.get("code"))
        try:
            clean = rules.validate(values, partial=partial)
        except ValidationError as exc:
            problems = {**exc.problems, **problems}
        if problems and not self.strict and problems.keys() <= OPTIONAL:
            # only optional fields are wrong: the row goes in without them, each named in a warning
            clean, fixes = self._without(problems, values, raw, partial, fixes)
            problems = {} if clean is not None else problems
        if problems:
            self._reject(line, self._reasons(problems), cells)
            return None
        if phone is not None:
            clean["phone"] = values["phone"] = phone
        return _Pending(line, cells, clean, values if partial else None, raw, rep, tags, partial, revenue, fixes)

    def _excel_zeros(self, values: dict) -> list[tuple[str, str, str]]:
        """A French spreadsheet turns « 01000 » into the number 1000 and « 0612345678 »
        into 612345678: the zero goes back, each with a warning (kind, label, text)."""
        fixes = []
        if (values.get("country") or "FR").strip().upper() != "FR":
            return fixes
        postal = values.get("postal_code")
        if postal is not None and len(postal) == 4 and postal.isdigit():
            values["postal_code"] = "0" + postal
            fixes.append(
                (
                    "zero:postal_code",
                    _(_ZERO_LABELS["postal_code"]),
                    _(
                        "{field} « {old} » complété en « {new} »",
                        field=self.labels["postal_code"],
                        old=postal,
                        new=values["postal_code"],
                    ),
                )
            )
        phone = values.get("phone")
        if phone is not None and len(phone) == 9 and phone.isdigit() and phone[0] != "0":
            values["phone"] = "0" + phone
            fixes.append(
                (
                    "zero:phone",
                    _(_ZERO_LABELS["phone"]),
                    _(
                        "{field} « {old} » complété en « {new} »",
                        field=self.labels["phone"],
                        old=phone,
                        new=values["phone"],
                    ),
                )
            )
        return fixes

    def _without(
        self, problems: dict[str, str], values: dict, raw: dict | None, partial: bool, fixes: list
    ) -> tuple[dict | None, list]:
        """The row checked again without its invalid optional fields (None if it still fails),
        and the warnings saying which were left empty and why."""
        for name, why in problems.items():
            label = self.labels.get(name, name)
            fixes = [fix for fix in fixes if fix[0] != f"zero:{name}"]  # a zero put back in vain
            fixes.append(
                (
                    f"dropped:{name}",
                    _("{field} invalide : ligne importée sans cette valeur", field=label),
                    _(
                        "{field} : « {value} » n'a pas été repris ({reason})",
                        field=label,
                        value=values.pop(name),
                        reason=why,
                    ),
                )
            )
            if raw is not None:
                raw.pop(name, None)  # --update: the contact keeps the value it has
        try:
            return rules.validate(values, partial=partial), fixes
        except ValidationError:
            return None, fixes

    @staticmethod
    def _memo_value(name: str, text: str):
        """Typed value -> what validate() gets (same result, computed once per distinct text)."""
        if name in _BOOLS:
            try:
                return rules.parse_bool(text)
            except CrmError:
                return text  # validate() reports it
        return synonym(text, VALUE_ALIASES[name])

    def _written(self, item: _Pending) -> None:
        """The row is in the file: its warnings count now."""
        for kind, label, text in item.fixes:
            self.result.warn(item.line, kind, label, text)

    def _reasons(self, problems: dict[str, str]) -> str:
        return _(" ; ").join(
            _("{label} : {reason}", label=self.labels.get(f, f), reason=why) for f, why in problems.items()
        )

    # -- writing -------------------------------------------------------------------------
    def _flush(self, pending: list[_Pending]) -> None:
        if not pending:
            return
        codes = [p.clean["code"] for p in pending if p.clean.get("code")]
        existing = self.writer.by_code(codes)
        in_chunk: dict[str, int] = {}
        inserts: list[_Pending] = []
        for item in pending:
            code = item.clean.get("code")
            if not code:
                inserts.append(item)
            elif code in in_chunk:
                self._reject(
                    item.line,
                    _(
                        "N° client « {code} » en double dans le fichier (déjà ligne {line})",
                        code=code,
                        line=in_chunk[code],
                    ),
                    item.cells,
                )
            elif code in existing:
                contact_id, deleted = existing[code]
                first = self._line_of(contact_id)
                if first is not None:
                    self._reject(
                        item.line,
                        _("N° client « {code} » en double dans le fichier (déjà ligne {line})", code=code, line=first),
                        item.cells,
                    )
                elif not self.update:
                    self._reject(
                        item.line,
                        _(
                            "N° client « {code} » déjà présent dans le fichier clients (utilisez "
                            "--update pour mettre à jour les clients existants)",
                            code=code,
                        ),
                        item.cells,
                    )
                elif deleted:
                    self._reject(
                        item.line,
                        _("N° client « {code} » : ce client est dans la corbeille ; restaurez-le d'abord", code=code),
                        item.cells,
                    )
                else:
                    self._updated(contact_id, item)
            else:
                in_chunk[code] = item.line
                inserts.append(item)
        if self._matcher is not None or self.decisions:
            inserts = self._decide(inserts)
        self._insert(inserts, in_chunk)

    # -- probable duplicates: merge, keep both or skip the row ---------------------------
    def _decide(self, items: list[_Pending]) -> list[_Pending]:
        """The rows to create, once each row that may duplicate a contact is
        skipped or merged as decided (`decisions`, else the `duplicates` policy)."""
        surest: dict[int, int] = {}  # line -> the existing contact it most resembles
        if self._matcher is not None:
            for suspect in self._matcher.check((item.line, item.clean) for item in items):
                self.result.duplicate_rows.add(suspect.line)
                if len(self.result.duplicates) < MAX_SUSPECTS:
                    self.result.duplicates.append(suspect)
                if suspect.existing and suspect.line not in surest:
                    surest[suspect.line] = suspect.contact_id
        kept = []
        for item in items:
            decision = self.decisions.get(item.line)
            if decision is None and item.line in self.result.duplicate_rows:
                decision = {"skip": "skip", "merge": surest.get(item.line, "keep")}.get(self.duplicates, "keep")
            if decision == "skip":
                self.result.skipped += 1
            elif isinstance(decision, int) and not isinstance(decision, bool):
                if not self._merge_into(decision, item):
                    kept.append(item)
            else:
                kept.append(item)
        return kept

    def _merge_into(self, contact_id: int, item: _Pending) -> bool:
        """Row merged into an existing contact: the file fills the fields that
        contact leaves empty (never overwrites one), adds its tags, consents and
        « CA annuel ». False (the row is created instead, with a note) when the
        contact is no longer there."""
        current = self.contacts.get(contact_id) if self._line_of(contact_id) is None else None
        if current is None or current.get("deleted_at"):
            self.result.warn(
                item.line,
                "merge_gone",
                _("le client à compléter n'existe plus : ligne importée comme un nouveau client"),
                _("le client à compléter n'existe plus ; la ligne est importée comme un nouveau client"),
            )
            return False
        changes = {
            name: value
            for name, value in item.clean.items()
            if name not in _KEEP_WHEN_EMPTY and not _empty(value) and _empty(current.get(name))
        }
        if item.tags:
            known = {t.casefold() for t in current["tags"]}
            added = [t for t in item.tags if t.casefold() not in known]
            if added:
                changes["tags"] = [*current["tags"], *added]
        if item.rep and current.get("rep_id") is None:
            changes["rep_id"] = self.lookups.rep_id(item.rep, kind=self.rep_kind)
        for key in _CONSENTS:
            if changes.get(key):
                changes[key + "_date"] = self.today
                changes[key + "_source"] = self.consent_source
        before = self.contacts.update(contact_id, changes) if changes else {}
        if before:
            imports.record_old_values(
                self.database, self.result.batch_id, contact_id, {**before, "updated_at": current["updated_at"]}
            )
        self.result.merged += 1
        self._written(item)
        if item.revenue:
            self._promote.append(contact_id)
            self._opening(contact_id, current["code"], item, current.get("rep_id") or changes.get("rep_id"))
        return True

    def _auto_code(self, taken: dict[str, int]) -> str:
        while True:
            code = self.codes.take()
            if code not in taken and not self.writer.code_taken(code):
                return code

    def _line_of(self, contact_id: int) -> int | None:
        """The file's line of a contact this import inserted, else None."""
        at = bisect_left(self._inserted_ids, contact_id)
        found = at < len(self._inserted_ids) and self._inserted_ids[at] == contact_id
        return self._inserted_lines[at] if found else None

    def _insert(self, items: list[_Pending], taken: dict[str, int]) -> None:
        records, tag_rows, openings = [], [], []
        template = _TEMPLATE
        ids = iter(self.writer.new_ids(len(items)))  # on a server, from its sequence: other PCs insert too
        for item in items:
            clean = item.clean
            if item.partial:  # update mode, but the code is new: the full rules apply
                try:
                    clean = rules.validate(item.values)
                except ValidationError as exc:
                    self._reject(item.line, self._reasons(exc.problems), item.cells)
                    continue
            record = template.copy()
            record.update(clean)
            if not record["code"]:
                record["code"] = self._auto_code(taken)
            contact_id = next(ids)
            record["id"] = contact_id
            record["import_batch"] = self.result.batch_id  # what undo_batch deletes
            self._inserted_ids.append(contact_id)
            self._inserted_lines.append(item.line)
            self._written(item)
            if item.rep:
                record["rep_id"] = self.lookups.rep_id(item.rep, kind=self.rep_kind)
            for key in _CONSENTS:
                if record[key]:
                    record[key + "_date"] = self.today
                    record[key + "_source"] = self.consent_source
            if item.revenue:
                if record["stage"] == "prospect":
                    record["stage"] = "client"  # who has bought is a client (as for an imported order)
                openings.append((contact_id, record["code"], item, record["rep_id"]))
            records.append(record)
            if item.tags:
                for tag_id in {self.writer.tag_id(name) for name in item.tags}:
                    tag_rows.append((contact_id, tag_id))
        if not records:
            return
        self.writer.insert(records)
        self._index(records[0]["id"], records[-1]["id"])
        imports.audit_imported(self.database, "contact", (r["id"] for r in records), self.result.batch_id)
        self.writer.tag(tag_rows)
        self.result.inserted += len(records)
        for contact_id, code, item, rep_id in openings:
            self._opening(contact_id, code, item, rep_id)

    # -- « CA annuel »: opening orders ---------------------------------------------------
    def _updated(self, contact_id: int, item: _Pending) -> None:
        """--update of one contact, then its opening order (if the row was taken)."""
        if item.rep and self.rep_kind != "rep":
            self.lookups.rep_id(item.rep, kind=self.rep_kind)  # created as an ambassador if missing
        rejected = self.result.rejected
        self._update(contact_id, item)
        if self.result.rejected == rejected:
            self._written(item)
        if item.revenue and self.result.rejected == rejected:
            self._promote.append(contact_id)
            self._opening(contact_id, item.clean["code"], item, self.lookups.rep_of_contact(contact_id))

    def _opening(self, contact_id: int, code: str, item: _Pending, rep_id: int | None) -> None:
        day = self.opening_date
        self._openings.append(
            (
                item.line,
                NewOrder(
                    contact_id=contact_id,
                    date=day.isoformat(),
                    amount_cents=item.revenue,
                    channel=OPENING_CHANNEL,
                    rep_id=rep_id,
                    ref=f"OUV-{code}-{day:%Y%m%d}",
                    notes=_("CA annuel repris de « {name} » (ligne {line})", name=self.path.name, line=item.line),
                ),
            )
        )
        if len(self._openings) >= self.chunk_size:
            self._flush_openings()

    def _flush_openings(self) -> None:
        if not self._openings:
            return
        taken = self.lookups.existing_refs([order.ref for _, order in self._openings])
        orders = []
        for line, order in self._openings:
            if order.ref in taken:  # already in the file, or twice in an --update file
                self.result.warn(
                    line,
                    "opening_exists",
                    _("commande d'ouverture déjà présente : CA annuel non repris"),
                    _("la commande d'ouverture « {ref} » existe déjà : CA annuel non repris", ref=order.ref),
                )
            else:
                taken.add(order.ref)
                orders.append(order)
                self._opened.append(order.contact_id)
        self.lookups.insert_many(orders, import_batch=self.result.batch_id)
        self.result.opening_orders += len(orders)
        self._openings = []

    def _write_openings(self) -> None:
        """The last opening orders; prospects updated with a CA become clients; figures refreshed."""
        self._flush_openings()
        if self._promote:
            imports.record_promotions(self.database, self.result.batch_id, self._promote)  # for undo
            self.result.promoted = self.lookups.promote_to_client(self._promote)
        if self._opened:
            self.lookups.refresh_figures(self._opened)

    def _update(self, contact_id: int, item: _Pending) -> None:
        changes: dict = {}
        for name, text in item.raw.items():
            empty = not text or text.isspace()
            if name == "tags":
                changes["tags"] = split_tags(text)
            elif name == "rep":
                changes["rep_id"] = None if empty else self.lookups.rep_id(text)
            elif empty and name in _KEEP_WHEN_EMPTY:
                continue
            elif name in item.clean:
                changes[name] = item.clean[name]
            else:
                changes[name] = None
        current = self.contacts.get(contact_id)
        if "tags" in changes and ({t.casefold() for t in changes["tags"]} == {t.casefold() for t in current["tags"]}):
            del changes["tags"]  # same tags (names are case-blind), maybe listed in another order
        for key in _CONSENTS:
            if changes.get(key) and not current[key]:
                changes[key + "_date"] = self.today
                changes[key + "_source"] = self.consent_source
        try:
            before = self.contacts.update(contact_id, changes)
        except ValidationError as exc:
            self._reject(item.line, self._reasons(exc.problems), item.cells)
            return
        except CrmError as exc:
            self._reject(item.line, str(exc), item.cells)
            return
        if before:  # the old values, for undo_batch (and when the contact last changed)
            imports.record_old_values(
                self.database, self.result.batch_id, contact_id, {**before, "updated_at": current["updated_at"]}
            )
            self.result.updated += 1
        else:
            self.result.unchanged += 1


def _empty(value) -> bool:
    return value is None or value == "" or value is False or value == 0


class _Rollback(Exception):
    """--strict: a row was rejected, undo everything."""


def opening_day(today: dt.date | None = None) -> dt.date:
    """Date of the opening orders made from « CA annuel »: 1 January of this year."""
    return (today or dt.date.today()).replace(month=1, day=1)


def import_clients(database: Database, path: str | Path, **options) -> ImportResult:
    return ClientImport(database, path, **options).run()
