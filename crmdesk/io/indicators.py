"""Import of satisfaction answers and digital figures (docs/domain/06-indicators.md).

Three kinds, same pipeline as the clients and orders imports (CSV, Excel or
OpenDocument files read by crmdesk.io.tabular, header mapping by
crmdesk.io.mapping, one transaction, rejected lines with their number and a
French reason, `strict` = all or nothing). Surveys take the `Mapping` given
or the one suggested (an unknown column is ignored with a warning); web and
social files have a fixed layout: only known header names, an unknown
column refuses the file.

* surveys — client_code, date, indicator, score, comment, complaint (« code client »,
  « date », « indicateur », « note », « commentaire », « réclamation »: the
  reference of the complaint whose satisfaction survey this answers, a
  complaint of that client; it decides whether the client is satisfied again). indicator csat (1–5),
  nps (0–10) or ces (1–7), any case (« satisfaction », « recommandation »,
  « effort » too); an integer score on its scale; dates dd/mm/yyyy or
  yyyy-mm-dd, not in the future; a known client, not in the trash. An answer
  identical to one already in the client file (or higher in the file) is
  rejected: importing the same survey twice does not count it twice.
* web — period, visitors, product_views, add_to_cart, purchases,
  average_basket (« période », « visiteurs », « pages produit », « mises au
  panier », « achats », « panier moyen »). Counts are integers (« 1 700 »),
  the basket is in euros (« 71 », « 71,50 », « 1 254,50 € »). A period
  already in the client file is replaced (counted as updated).
* social — period, network, reach, likes, comments, shares, reach_objective,
  likes_objective (« réseau », « portée », « j'aime », « commentaires »,
  « partages », « objectif portée », « objectif j'aime »); the objectives may
  be empty. A (period, network) already there is replaced.

Periods: « 2019 », « 2026-03 », « 2026-T1 » / « 2026-Q1 » (domain
parse_period). A period (or period and network) given twice in one file:
the second line is rejected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from crmdesk.domain import indicators as rules
from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import parse_amount
from crmdesk.i18n import N_, _
from crmdesk.io.common import PROGRESS_EVERY, ImportResult, ProgressHandler, Reject, RejectHandler, describe_source
from crmdesk.io.mapping import SOCIAL, SURVEYS, WEB, FieldSet, Mapping, Resolved, suggest_mapping
from crmdesk.io.tabular import open_table
from crmdesk.store import imports
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.database import Database
from crmdesk.store.indicators import IndicatorStore

CHUNK = 2000

# Columns and known header names: crmdesk.io.mapping.
SURVEY_COLUMNS, SURVEY_REQUIRED, SURVEY_ALIASES = SURVEYS.fields, SURVEYS.required, SURVEYS.aliases
WEB_COLUMNS, WEB_ALIASES = WEB.fields, WEB.aliases
SOCIAL_COLUMNS, SOCIAL_REQUIRED, SOCIAL_ALIASES = SOCIAL.fields, SOCIAL.required, SOCIAL.aliases


class _Rollback(Exception):
    pass


class _IndicatorImport:
    """The shared pipeline; subclasses read one row (`_take`) and write."""

    kind = ""
    fieldset: FieldSet

    def __init__(
        self,
        database: Database,
        path: str | Path,
        *,
        strict: bool = False,
        on_reject: RejectHandler | None = None,
        on_progress: ProgressHandler | None = None,
        mapping: Mapping | None = None,
        sheet: str | None = None,
    ):
        self.database = database
        self.path = Path(path)
        self.strict = strict
        self.mapping = mapping
        self.sheet = sheet
        self.on_reject = on_reject or (lambda reject: None)
        self.on_progress = on_progress
        self.store = IndicatorStore(database)
        self.result = ImportResult(self.kind, self.path.name)
        self.labels: dict[str, str] = {}

    @classmethod
    def resolve(cls, header: list[str], file_name: str, mapping: Mapping | None = None) -> Resolved:
        """The columns to read, every required one there (CrmError in French otherwise)."""
        return (mapping or suggest_mapping(cls.fieldset, header)).resolve(header, file_name)

    def run(self) -> ImportResult:
        with open_table(self.path, sheet=self.sheet) as source:
            describe_source(self.result, source)
            resolved = self.resolve(source.header, self.path.name, self.mapping)
            source.require_rows()
            self.result.notes.extend(resolved.warnings)
            columns, self.labels = resolved.columns, resolved.labels
            width = len(source.header)
            try:
                with self.database.atomic():
                    self.result.batch_id = imports.start_batch(self.database, self.kind, self.path.name)
                    for row in source.rows():
                        self.result.rows_read += 1
                        if self.on_progress and self.result.rows_read % PROGRESS_EVERY == 0:
                            self.on_progress(self.result.rows_read)
                        values = {name: (row.cells[i].strip() if i < len(row.cells) else "") for i, name in columns}
                        try:
                            if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
                                raise CrmError(
                                    N_(
                                        "{count} valeurs pour {width} colonnes (une valeur contient-elle "
                                        "le séparateur sans guillemets ?)"
                                    ),
                                    count=len(row.cells),
                                    width=width,
                                )
                            self._take(row.line, values)
                        except CrmError as exc:
                            self.result.rejected += 1
                            self.on_reject(Reject(row.line, str(exc), tuple(row.cells)))
                    self._flush()
                    if self.strict and self.result.rejected:
                        raise _Rollback
                    self._finish()
            except _Rollback:
                self.result.rolled_back, self.result.batch_id = True, None
        return self.result

    def _finish(self) -> None:
        """Counts of the batch, audited (the transaction is still open)."""
        done = self.result
        imports.finish_batch(
            self.database,
            done.batch_id,
            rows_ok=done.inserted + done.updated + done.unchanged,
            rows_rejected=done.rejected,
            details={"updated": done.updated, "unchanged": done.unchanged},
        )

    def _take(self, line: int, values: dict[str, str]) -> None:
        raise NotImplementedError

    def _flush(self) -> None:
        pass

    # -- cells -------------------------------------------------------------------------------
    def _cell(self, name: str, values: dict[str, str], parse: Callable[[str], object], *, optional: bool = False):
        """A cell read by `parse`; its errors are prefixed with the column as written."""
        text = values.get(name, "")
        if not text:
            if optional:
                return None
            raise CrmError(N_("{label} : valeur manquante"), label=self.labels.get(name, name))
        try:
            return parse(text)
        except CrmError as exc:
            raise CrmError(N_("{label} : {reason}"), label=self.labels.get(name, name), reason=exc) from None

    def _count(self, name: str, values: dict[str, str], *, optional: bool = False) -> int | None:
        return self._cell(name, values, rules.parse_count, optional=optional)

    def _once(self, seen: dict, key, line: int, what: str) -> None:
        if key in seen:
            raise CrmError(N_("{what} déjà donnée à la ligne {line}"), what=what, line=seen[key])
        seen[key] = line

    def _saved(self, outcome: str) -> None:
        if outcome == "inserted":
            self.result.inserted += 1
        elif outcome == "updated":
            self.result.updated += 1
        else:
            self.result.unchanged += 1


def _euros(text: str) -> int:
    cents = parse_amount(text)
    if cents < 0:
        raise CrmError(N_("montant négatif « {text} »"), text=text)
    return cents


class SurveyImport(_IndicatorImport):
    kind = "surveys"
    fieldset = SURVEYS

    def __init__(self, *args, chunk_size: int = CHUNK, **options):
        super().__init__(*args, **options)
        self.chunk_size = chunk_size
        self.today = dt.date.today()
        self._contacts: dict[str, tuple[int, bool] | None] = {}
        self.complaints = ComplaintStore(self.database)
        self._complaints: dict[str, tuple[int, int] | None] = {}
        self._pending: list[dict] = []
        self._pending_lines: dict[tuple, int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        label = self.labels.get
        code = values["client_code"]
        if not code:
            raise CrmError(N_("{label} : N° client manquant"), label=label("client_code"))
        day = self._cell("date", values, parse_date)
        if day > self.today:
            raise CrmError(N_("{label} : date dans le futur « {text} »"), label=label("date"), text=values["date"])
        indicator = self._cell("indicator", values, rules.normalize_indicator)
        score = self._cell("score", values, lambda text: rules.parse_score(indicator, text))
        if code not in self._contacts:
            self._contacts[code] = self.store.contact_by_code(code)
        found = self._contacts[code]
        if found is None:
            raise CrmError(
                N_("{label} : client « {code} » inconnu (importez d'abord les clients)"),
                label=label("client_code"),
                code=code,
            )
        if found[1]:
            raise CrmError(
                N_("{label} : le client « {code} » est dans la corbeille"), label=label("client_code"), code=code
            )
        answer = {
            "contact_id": found[0],
            "date": day.isoformat(),
            "indicator": indicator,
            "score": score,
            "comment": values.get("comment") or None,
        }
        key = tuple(answer.values())
        answer["complaint_id"] = self._complaint(values.get("complaint") or "", found[0], code)
        if key in self._pending_lines:
            raise CrmError(N_("même réponse qu'à la ligne {line} (ligne en double ?)"), line=self._pending_lines[key])
        existing = self.store.find_answer(*key)
        if existing is not None:
            raise CrmError(
                N_("même réponse qu'une ligne plus haut dans ce fichier (ligne en double ?)")
                if existing["import_batch"] == self.result.batch_id
                else N_("réponse déjà présente dans le fichier clients (enquête déjà importée ?)")
            )
        self._pending.append(answer)
        self._pending_lines[key] = line
        if len(self._pending) >= self.chunk_size:
            self._flush()

    def _complaint(self, ref: str, contact_id: int, code: str) -> int | None:
        """The id of the complaint `ref` of this client (None for an empty cell)."""
        if not ref:
            return None
        if ref not in self._complaints:
            self._complaints[ref] = self.complaints.owner_of_ref(ref)
        found = self._complaints[ref]
        if found is None:
            raise CrmError(N_("{label} : réclamation « {ref} » inconnue"), label=self.labels.get("complaint"), ref=ref)
        if found[1] != contact_id:
            raise CrmError(
                N_("{label} : la réclamation « {ref} » n'est pas celle du client « {code} »"),
                label=self.labels.get("complaint"),
                ref=ref,
                code=code,
            )
        return found[0]

    def _flush(self) -> None:
        self.store.insert_answers(self._pending, import_batch=self.result.batch_id)
        self.result.inserted += len(self._pending)
        self._pending, self._pending_lines = [], {}


class WebImport(_IndicatorImport):
    kind = "web"
    fieldset = WEB

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._seen: dict[str, int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        period = self._cell("period", values, rules.normalize_period)
        row = rules.WebRow(
            period,
            *(self._count(name, values) for name in rules.WEB_COUNTS),
            average_basket_cents=self._cell("average_basket", values, _euros),
        )
        self._once(self._seen, period, line, _("période « {period} »", period=period))
        self._saved(self.store.set_web(row))


class SocialImport(_IndicatorImport):
    kind = "social"
    fieldset = SOCIAL

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._seen: dict[tuple[str, str], int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        period = self._cell("period", values, rules.normalize_period)
        network = self._cell("network", values, rules.normalize_network)
        row = rules.SocialRow(
            period,
            network,
            *(self._count(name, values) for name in rules.SOCIAL_COUNTS),
            reach_objective=self._count("reach_objective", values, optional=True),
            likes_objective=self._count("likes_objective", values, optional=True),
        )
        self._once(
            self._seen,
            (period, rules.network_key(network)),
            line,
            _("période « {period} » pour « {network} »", period=period, network=network),
        )
        self._saved(self.store.set_social(row))


IMPORTS = {"surveys": SurveyImport, "web": WebImport, "social": SocialImport}


def import_surveys(database: Database, path: str | Path, **options) -> ImportResult:
    return SurveyImport(database, path, **options).run()


def import_web(database: Database, path: str | Path, **options) -> ImportResult:
    return WebImport(database, path, **options).run()


def import_social(database: Database, path: str | Path, **options) -> ImportResult:
    return SocialImport(database, path, **options).run()
