"""Import of satisfaction answers and digital figures from CSV files (DOMAIN §6, §9).

Three kinds, same pipeline as the clients and orders imports (encoding and
separator detected, French headers, one transaction, rejected lines with
their number and a French reason, `strict` = all or nothing):

* surveys — client_code, date, indicator, score, comment (« code client »,
  « date », « indicateur », « note », « commentaire »). indicator csat (1–5),
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
from pathlib import Path
from typing import Callable

from crmdesk.domain import indicators as rules
from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import parse_amount
from crmdesk.io.common import PROGRESS_EVERY, ImportResult, ProgressHandler, Reject, RejectHandler, map_header
from crmdesk.io.csvfile import CsvSource
from crmdesk.store import imports
from crmdesk.store.database import Database
from crmdesk.store.indicators import IndicatorStore

CHUNK = 2000

SURVEY_COLUMNS = ("client_code", "date", "indicator", "score", "comment")
SURVEY_REQUIRED = ("client_code", "date", "indicator", "score")
SURVEY_ALIASES = {
    "code_client": "client_code", "n_client": "client_code", "no_client": "client_code",
    "numero_client": "client_code", "client": "client_code", "code": "client_code",
    "date_reponse": "date", "date_de_reponse": "date", "date_de_l_enquete": "date",
    "indicateur": "indicator", "type": "indicator", "question": "indicator",
    "note": "score", "reponse": "score", "valeur": "score",
    "commentaire": "comment", "commentaires": "comment", "remarque": "comment", "verbatim": "comment",
}
WEB_COLUMNS = ("period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket")
WEB_ALIASES = {
    "periode": "period", "annee": "period", "mois": "period", "trimestre": "period",
    "visiteurs": "visitors", "nombre_de_visiteurs": "visitors", "visites": "visitors",
    "pages_produit": "product_views", "page_produit": "product_views", "vues_produit": "product_views",
    "consultations_page_produit": "product_views", "pages_produit_vues": "product_views",
    "mises_au_panier": "add_to_cart", "mise_au_panier": "add_to_cart", "ajouts_au_panier": "add_to_cart",
    "paniers": "add_to_cart",
    "achats": "purchases", "ventes": "purchases", "commandes": "purchases",
    "panier_moyen": "average_basket", "panier_moyen_eur": "average_basket",
}
SOCIAL_COLUMNS = ("period", "network", "reach", "likes", "comments", "shares", "reach_objective",
                  "likes_objective")
SOCIAL_REQUIRED = ("period", "network", "reach", "likes", "comments", "shares")
SOCIAL_ALIASES = {
    "periode": "period", "annee": "period", "mois": "period", "trimestre": "period",
    "reseau": "network", "reseau_social": "network",
    "portee": "reach", "portee_de_publication": "reach", "personnes_atteintes": "reach",
    "j_aime": "likes", "mentions_j_aime": "likes",
    "commentaires": "comments", "partages": "shares",
    "objectif_portee": "reach_objective", "objectif_de_portee": "reach_objective",
    "objectif_j_aime": "likes_objective", "objectif_de_j_aime": "likes_objective",
    "objectif_likes": "likes_objective",
}


class _Rollback(Exception):
    pass


class _IndicatorImport:
    """The shared pipeline; subclasses read one row (`_take`) and write."""

    kind = ""
    columns: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    aliases: dict[str, str] = {}

    def __init__(self, database: Database, path: str | Path, *, strict: bool = False,
                 on_reject: RejectHandler | None = None, on_progress: ProgressHandler | None = None):
        self.database = database
        self.path = Path(path)
        self.strict = strict
        self.on_reject = on_reject or (lambda reject: None)
        self.on_progress = on_progress
        self.store = IndicatorStore(database)
        self.result = ImportResult(self.kind, self.path.name)
        self.labels: dict[str, str] = {}

    @classmethod
    def check_header(cls, header: list[str], file_name: str) -> tuple[list[tuple[int, str]], dict[str, str]]:
        """map_header, and every required column there (CrmError in French)."""
        columns, labels = map_header(header, file_name=file_name, accepted=cls.columns, aliases=cls.aliases)
        missing = [name for name in cls.required if name not in labels]
        if missing:
            raise CrmError(f"« {file_name} » : colonne(s) obligatoire(s) manquante(s) : "
                           f"{', '.join(missing)}. Rien n'a été importé.")
        return columns, labels

    def run(self) -> ImportResult:
        with CsvSource(self.path) as source:
            self.result.encoding = source.encoding_name
            self.result.delimiter = source.delimiter_name
            columns, self.labels = self.check_header(source.header, self.path.name)
            width = len(source.header)
            try:
                with self.database.atomic():
                    self.result.batch_id = imports.start_batch(self.database, self.kind, self.path.name)
                    for row in source.rows():
                        self.result.rows_read += 1
                        if self.on_progress and self.result.rows_read % PROGRESS_EVERY == 0:
                            self.on_progress(self.result.rows_read)
                        values = {name: (row.cells[i].strip() if i < len(row.cells) else "")
                                  for i, name in columns}
                        try:
                            if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
                                raise CrmError(f"{len(row.cells)} valeurs pour {width} colonnes (une valeur "
                                               "contient-elle le séparateur sans guillemets ?)")
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
        imports.finish_batch(self.database, done.batch_id, rows_ok=done.inserted + done.updated + done.unchanged,
                             rows_rejected=done.rejected, details={"updated": done.updated,
                                                                  "unchanged": done.unchanged})

    def _take(self, line: int, values: dict[str, str]) -> None:
        raise NotImplementedError

    def _flush(self) -> None:
        pass

    # -- cells -------------------------------------------------------------------------------
    def _cell(self, name: str, values: dict[str, str], parse: Callable[[str], object], *,
              optional: bool = False):
        """A cell read by `parse`; its errors are prefixed with the column as written."""
        text = values.get(name, "")
        if not text:
            if optional:
                return None
            raise CrmError(f"{self.labels.get(name, name)} : valeur manquante")
        try:
            return parse(text)
        except CrmError as exc:
            raise CrmError(f"{self.labels.get(name, name)} : {exc}") from None

    def _count(self, name: str, values: dict[str, str], *, optional: bool = False) -> int | None:
        return self._cell(name, values, rules.parse_count, optional=optional)

    def _once(self, seen: dict, key, line: int, what: str) -> None:
        if key in seen:
            raise CrmError(f"{what} déjà donnée à la ligne {seen[key]}")
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
        raise CrmError(f"montant négatif « {text} »")
    return cents


class SurveyImport(_IndicatorImport):
    kind = "surveys"
    columns = SURVEY_COLUMNS
    required = SURVEY_REQUIRED
    aliases = SURVEY_ALIASES

    def __init__(self, *args, chunk_size: int = CHUNK, **options):
        super().__init__(*args, **options)
        self.chunk_size = chunk_size
        self.today = dt.date.today()
        self._contacts: dict[str, tuple[int, bool] | None] = {}
        self._pending: list[dict] = []
        self._pending_lines: dict[tuple, int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        label = self.labels.get
        code = values["client_code"]
        if not code:
            raise CrmError(f"{label('client_code')} : N° client manquant")
        day = self._cell("date", values, parse_date)
        if day > self.today:
            raise CrmError(f"{label('date')} : date dans le futur « {values['date']} »")
        indicator = self._cell("indicator", values, rules.normalize_indicator)
        score = self._cell("score", values, lambda text: rules.parse_score(indicator, text))
        if code not in self._contacts:
            self._contacts[code] = self.store.contact_by_code(code)
        found = self._contacts[code]
        if found is None:
            raise CrmError(f"{label('client_code')} : client « {code} » inconnu (importez d'abord les clients)")
        if found[1]:
            raise CrmError(f"{label('client_code')} : le client « {code} » est dans la corbeille")
        answer = {"contact_id": found[0], "date": day.isoformat(), "indicator": indicator, "score": score,
                  "comment": values.get("comment") or None}
        key = tuple(answer.values())
        if key in self._pending_lines:
            raise CrmError(f"même réponse qu'à la ligne {self._pending_lines[key]} (ligne en double ?)")
        existing = self.store.find_answer(*key)
        if existing is not None:
            raise CrmError("même réponse qu'une ligne plus haut dans ce fichier (ligne en double ?)"
                           if existing["import_batch"] == self.result.batch_id else
                           "réponse déjà présente dans le fichier clients (enquête déjà importée ?)")
        self._pending.append(answer)
        self._pending_lines[key] = line
        if len(self._pending) >= self.chunk_size:
            self._flush()

    def _flush(self) -> None:
        self.store.insert_answers(self._pending, import_batch=self.result.batch_id)
        self.result.inserted += len(self._pending)
        self._pending, self._pending_lines = [], {}


class WebImport(_IndicatorImport):
    kind = "web"
    columns = required = WEB_COLUMNS
    aliases = WEB_ALIASES

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._seen: dict[str, int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        period = self._cell("period", values, rules.normalize_period)
        row = rules.WebRow(period, *(self._count(name, values) for name in rules.WEB_COUNTS),
                           average_basket_cents=self._cell("average_basket", values, _euros))
        self._once(self._seen, period, line, f"période « {period} »")
        self._saved(self.store.set_web(row))


class SocialImport(_IndicatorImport):
    kind = "social"
    columns = SOCIAL_COLUMNS
    required = SOCIAL_REQUIRED
    aliases = SOCIAL_ALIASES

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._seen: dict[tuple[str, str], int] = {}

    def _take(self, line: int, values: dict[str, str]) -> None:
        period = self._cell("period", values, rules.normalize_period)
        network = self._cell("network", values, rules.normalize_network)
        row = rules.SocialRow(period, network, *(self._count(name, values) for name in rules.SOCIAL_COUNTS),
                              reach_objective=self._count("reach_objective", values, optional=True),
                              likes_objective=self._count("likes_objective", values, optional=True))
        self._once(self._seen, (period, rules.network_key(network)), line,
                   f"période « {period} » pour « {network} »")
        self._saved(self.store.set_social(row))


IMPORTS = {"surveys": SurveyImport, "web": WebImport, "social": SocialImport}


def import_surveys(database: Database, path: str | Path, **options) -> ImportResult:
    return SurveyImport(database, path, **options).run()


def import_web(database: Database, path: str | Path, **options) -> ImportResult:
    return WebImport(database, path, **options).run()


def import_social(database: Database, path: str | Path, **options) -> ImportResult:
    return SocialImport(database, path, **options).run()
