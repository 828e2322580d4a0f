"""Satisfaction answers, indicator thresholds and digital figures in the client file
(docs/domain/06-indicators.md; tables of db/001 and db/004, formulas in crmdesk/domain/indicators.py).

* Survey answers (``survey_answers``): one row per answer of one client to one
  question (CSAT 1–5, NPS 0–10, CES 1–7), dated, with an optional comment.
  ``satisfaction(start, end)`` counts the answers per score in SQL through the
  covering index (indicator, date, score) — never loads the answers — and the
  domain turns the counts into CSAT, NPS and CES. An answer survives its
  client's erasure (contact_id becomes NULL): statistics stay right.
* Thresholds: the settings key « indicators.thresholds » holds what the
  business changed; ``thresholds()`` merges it over
  ``domain.indicators.DEFAULT_THRESHOLDS``.
* Web and social figures (``web_stats``, ``social_stats``): entered per period
  (« 2019 », « 2026-03 », « 2026-T1 »); ``set_web`` / ``set_social`` replace the
  figures of a period that is already there.

Every write is one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict

from crmdesk.domain import indicators as rules
from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import Period
from crmdesk.i18n import N_, _
from crmdesk.store import imports
from crmdesk.store.database import Database, new_ids, now_iso
from crmdesk.store.settings import SettingsStore

THRESHOLDS_KEY = "indicators.thresholds"
# complaint_id: the complaint whose satisfaction survey this answers (db/011), or None
ANSWER_FIELDS = ("contact_id", "date", "indicator", "score", "comment", "complaint_id")
_WEB_COLUMNS = ("period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket_cents")
_SOCIAL_COLUMNS = ("period", "network", "reach", "likes", "comments", "shares", "reach_objective", "likes_objective")


def _iso(day: dt.date | str) -> str:
    return day.isoformat()[:10] if isinstance(day, dt.date) else parse_date(day).isoformat()


class IndicatorStore:
    def __init__(self, database: Database):
        self.database = database
        self.settings = SettingsStore(database)

    # -- survey answers -------------------------------------------------------------------
    def check_answer(self, values: Mapping, *, today: dt.date | None = None) -> dict:
        """The answer to store (date ISO, indicator code, integer score,
        comment or None); ValidationError with French reasons keyed by field
        (client, date, indicateur, note). The client must exist, outside the
        trash; the date must not be in the future."""
        problems: dict[str, str] = {}
        clean: dict = {}
        unknown = sorted(set(values) - set(ANSWER_FIELDS))
        if unknown:
            problems[N_("champs")] = _("inconnus : {fields}", fields=", ".join(unknown))
        contact_id = values.get("contact_id")
        if contact_id in (None, ""):
            problems["client"] = _("obligatoire")
        elif not self.database.scalar("SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", (contact_id,)):
            problems["client"] = _("introuvable (ou dans la corbeille)")
        else:
            clean["contact_id"] = int(contact_id)
        try:
            day = values.get("date")
            if not day:
                raise CrmError(N_("obligatoire"))
            clean["date"] = _iso(day)
            if dt.date.fromisoformat(clean["date"]) > (today or dt.date.today()):
                raise CrmError(N_("date dans le futur « {day} »"), day=day)
        except CrmError as exc:
            problems["date"] = str(exc)
        try:
            clean["indicator"] = rules.normalize_indicator(str(values.get("indicator") or ""))
            score = values.get("score")
            if isinstance(score, str) or score is None:
                clean["score"] = rules.parse_score(clean["indicator"], score)
            else:
                clean["score"] = rules.check_score(clean["indicator"], score)
        except CrmError as exc:
            problems[N_("indicateur") if "indicator" not in clean else N_("note")] = str(exc)
        clean["comment"] = str(values.get("comment") or "").strip() or None
        clean["complaint_id"] = None
        if values.get("complaint_id") not in (None, ""):
            owner = self.database.conn.execute(
                "SELECT contact_id, ref FROM complaints WHERE id = ?", (values["complaint_id"],)
            ).fetchone()
            if owner is None:
                problems[N_("réclamation")] = _("introuvable")
            elif clean.get("contact_id") is not None and owner[0] != clean["contact_id"]:
                problems[N_("réclamation")] = _("la réclamation {ref} est celle d'un autre client", ref=owner[1])
            else:
                clean["complaint_id"] = int(values["complaint_id"])
        if problems:
            raise ValidationError(problems)
        return clean

    def add_answer(
        self,
        contact_id: int,
        date: dt.date | str,
        indicator: str,
        score: int | str,
        comment: str | None = None,
        complaint_id: int | None = None,
    ) -> int:
        """Record one answer (checked by `check_answer`); returns its id."""
        row = self.check_answer(
            {
                "contact_id": contact_id,
                "date": date,
                "indicator": indicator,
                "score": score,
                "comment": comment,
                "complaint_id": complaint_id,
            }
        )
        with self.database.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO survey_answers(contact_id, date, indicator, score, comment, "
                "complaint_id) VALUES (?, ?, ?, ?, ?, ?)",
                [row[f] for f in ANSWER_FIELDS],
            )
            answer_id = int(cursor.lastrowid)
            self.database.audit("survey_answer", answer_id, "create", {f: [None, row[f]] for f in ANSWER_FIELDS})
        return answer_id

    def answer(self, answer_id: int) -> dict | None:
        row = self.database.conn.execute(
            "SELECT id, contact_id, date, indicator, score, comment, complaint_id FROM survey_answers WHERE id = ?",
            (answer_id,),
        ).fetchone()
        return dict(row) if row else None

    def update_answer(self, answer_id: int, **changes) -> dict:
        """Change some fields of an answer (contact_id, date, indicator, score,
        comment); the whole answer is checked again. Returns it as stored."""
        old = self.answer(answer_id)
        if old is None:
            raise CrmError(N_("Cette réponse n'existe plus."))
        if old["contact_id"] is None and "contact_id" not in changes:
            raise CrmError(
                N_(
                    "Cette réponse n'est plus rattachée à un client (fiche effacée) : elle compte toujours "
                    "dans les statistiques mais ne se modifie plus."
                )
            )
        merged = {**{f: old[f] for f in ANSWER_FIELDS}, **changes}
        row = self.check_answer(merged)
        diff = {f: [old[f], row[f]] for f in ANSWER_FIELDS if old[f] != row[f]}
        if not diff:
            return {"id": answer_id, **row}
        with self.database.atomic() as conn:
            conn.execute(
                "UPDATE survey_answers SET contact_id = ?, date = ?, indicator = ?, score = ?, "
                "comment = ?, complaint_id = ? WHERE id = ?",
                [*(row[f] for f in ANSWER_FIELDS), answer_id],
            )
            self.database.audit("survey_answer", answer_id, "update", diff)
        return {"id": answer_id, **row}

    def delete_answer(self, answer_id: int) -> None:
        old = self.answer(answer_id)
        if old is None:
            raise CrmError(N_("Cette réponse n'existe plus."))
        with self.database.atomic() as conn:
            conn.execute("DELETE FROM survey_answers WHERE id = ?", (answer_id,))
            self.database.audit("survey_answer", answer_id, "delete", {f: [old[f], None] for f in ANSWER_FIELDS})

    def answers_of(self, contact_id: int) -> list[dict]:
        """A client's answers, newest first: id, contact_id, date, indicator, score, comment,
        complaint_id and complaint_ref (the complaint whose survey it answers, or None)."""
        return [
            dict(r)
            for r in self.database.query(
                "SELECT s.id, s.contact_id, s.date, s.indicator, s.score, s.comment, s.complaint_id, "
                "c.ref AS complaint_ref FROM survey_answers s LEFT JOIN complaints c ON c.id = s.complaint_id "
                "WHERE s.contact_id = ? ORDER BY s.date DESC, s.id DESC",
                (contact_id,),
            )
        ]

    # -- bulk (imports; the caller holds the transaction) ----------------------------------
    def contact_by_code(self, code: str) -> tuple[int, bool] | None:
        """(id, in the trash) of the contact with this N° client."""
        row = self.database.conn.execute("SELECT id, deleted_at FROM contacts WHERE code = ?", (code,)).fetchone()
        return (int(row[0]), row[1] is not None) if row else None

    def find_answer(self, contact_id: int, date: str, indicator: str, score: int, comment: str | None) -> dict | None:
        """{"id", "import_batch"} of an identical answer already in the file
        (the same survey imported twice), or None."""
        row = self.database.conn.execute(
            "SELECT id, import_batch FROM survey_answers WHERE contact_id = ? AND date = ? AND indicator = ? "
            "AND score = ? AND comment IS ? LIMIT 1",
            (contact_id, date, indicator, score, comment),
        ).fetchone()
        return dict(row) if row else None

    def insert_answers(self, rows: Sequence[Mapping], *, import_batch: int | None = None) -> list[int]:
        """Insert checked answers (dicts of ANSWER_FIELDS) in bulk, each
        audited as imported with its batch; returns their ids."""
        if not rows:
            return []
        ids = new_ids(self.database, "survey_answers", len(rows))
        self.database.insert_many(
            "survey_answers",
            ("id", *ANSWER_FIELDS, "import_batch"),
            ((answer_id, *(row[f] for f in ANSWER_FIELDS), import_batch) for answer_id, row in zip(ids, rows)),
        )
        imports.audit_imported(self.database, "survey_answer", ids, import_batch)
        return ids

    # -- satisfaction ------------------------------------------------------------------------
    def score_counts(self, indicator: str, start: dt.date | str, end: dt.date | str) -> dict[int, int]:
        """{score: number of answers} of one indicator dated in [start, end]."""
        return {
            int(r[0]): int(r[1])
            for r in self.database.query(
                "SELECT score, count(*) FROM survey_answers WHERE indicator = ? AND date BETWEEN ? AND ? "
                "GROUP BY score",
                (indicator, _iso(start), _iso(end)),
            )
        }

    def satisfaction(self, start: dt.date | str, end: dt.date | str) -> dict:
        """{"csat": % or None, "nps": Nps or None, "ces": Ces or None,
        "answers": {"csat": n, "nps": n, "ces": n}} for the answers dated
        from `start` to `end` (both included)."""
        counts = {indicator: self.score_counts(indicator, start, end) for indicator in rules.INDICATORS}
        return {
            "csat": rules.csat(counts["csat"]),
            "nps": rules.nps(counts["nps"]),
            "ces": rules.ces(counts["ces"]),
            "answers": {indicator: sum(c.values()) for indicator, c in counts.items()},
        }

    def satisfaction_series(self, periods: Iterable[Period]) -> list[dict]:
        """`satisfaction` of each period, with the period under "period"."""
        return [{"period": period, **self.satisfaction(period.start, period.end)} for period in periods]

    # -- thresholds --------------------------------------------------------------------------
    def thresholds(self) -> dict[str, float | None]:
        """The defaults (domain DEFAULT_THRESHOLDS) with the business's own over them."""
        return rules.merge_thresholds(self.settings.get(THRESHOLDS_KEY))

    def set_thresholds(self, values: Mapping) -> dict[str, float | None]:
        """Change some thresholds (None = no threshold); the others are kept.
        ValidationError (French) when one is wrong, and then nothing changes.
        Returns all the thresholds."""
        clean = rules.validate_thresholds(values)
        kept = rules.valid_thresholds(self.settings.get(THRESHOLDS_KEY))
        self.settings.set(THRESHOLDS_KEY, {**kept, **clean})
        return self.thresholds()

    def reset_thresholds(self) -> dict[str, float | None]:
        """Back to the shipped defaults."""
        self.settings.set(THRESHOLDS_KEY, {})
        return self.thresholds()

    # -- web and social figures ----------------------------------------------------------------
    def _upsert(self, table: str, entity: str, columns: tuple[str, ...], keys: tuple[str, ...], row: dict) -> str:
        where = " AND ".join(f"{k} = ?" for k in keys)
        old = self.database.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", [row[k] for k in keys]
        ).fetchone()
        old = dict(old) if old else None
        if old == row:
            return "unchanged"
        # every column but the period: « facebook » typed again keeps one row, spelt the new way
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*columns, "updated_at") if c != "period")
        with self.database.atomic() as conn:
            conn.execute(
                f"INSERT INTO {table} ({', '.join(columns)}, updated_at) "
                f"VALUES ({', '.join('?' for _ in columns)}, ?) "
                f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET {updates}",
                [*(row[c] for c in columns), now_iso()],
            )
            if old is None:
                self.database.audit(entity, None, "create", {c: [None, row[c]] for c in columns})
            else:
                self.database.audit(
                    entity,
                    None,
                    "update",
                    {
                        **{k: [old[k], row[k]] for k in keys},
                        **{c: [old[c], row[c]] for c in columns if c not in keys and old[c] != row[c]},
                    },
                )
        return "inserted" if old is None else "updated"

    def _delete(self, table: str, entity: str, columns: tuple[str, ...], key: dict) -> bool:
        where = " AND ".join(f"{k} = ?" for k in key)
        old = self.database.conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", list(key.values())
        ).fetchone()
        if old is None:
            return False
        with self.database.atomic() as conn:
            conn.execute(f"DELETE FROM {table} WHERE {where}", list(key.values()))
            self.database.audit(entity, None, "delete", {c: [old[c], None] for c in columns})
        return True

    def set_web(self, row: rules.WebRow | Mapping) -> str:
        """Store the figures of one period (checked by domain make_web_row:
        ValidationError); a period already there is replaced. Returns
        "inserted", "updated" or "unchanged"."""
        clean = rules.make_web_row(row)
        return self._upsert("web_stats", "web_stats", _WEB_COLUMNS, ("period",), asdict(clean))

    def delete_web(self, period: str) -> bool:
        """False when the period was not there."""
        return self._delete("web_stats", "web_stats", _WEB_COLUMNS, {"period": rules.normalize_period(period)})

    def web_rows(self) -> list[rules.WebRow]:
        """Every period's figures, in chronological order."""
        rows = [
            rules.WebRow(**dict(r)) for r in self.database.query(f"SELECT {', '.join(_WEB_COLUMNS)} FROM web_stats")
        ]
        return sorted(rows, key=lambda r: rules.period_sort_key(r.period))

    def web_indicators(self) -> rules.WebReport:
        """Rates, revenue and evolutions of the stored periods (domain web_report)."""
        return rules.web_report(self.web_rows())

    def set_social(self, row: rules.SocialRow | Mapping) -> str:
        """Like `set_web`, keyed by (period, network)."""
        clean = rules.make_social_row(row)
        return self._upsert("social_stats", "social_stats", _SOCIAL_COLUMNS, ("period", "network"), asdict(clean))

    def delete_social(self, period: str, network: str) -> bool:
        key = {"period": rules.normalize_period(period), "network": rules.normalize_network(network)}
        return self._delete("social_stats", "social_stats", _SOCIAL_COLUMNS, key)

    def social_rows(self) -> list[rules.SocialRow]:
        """Every (period, network) row, by period then network."""
        rows = [
            rules.SocialRow(**dict(r))
            for r in self.database.query(f"SELECT {', '.join(_SOCIAL_COLUMNS)} FROM social_stats")
        ]
        return sorted(rows, key=lambda r: (rules.period_sort_key(r.period), rules.network_key(r.network)))

    def social_indicators(self) -> list[rules.SocialIndicators]:
        return rules.social_report(self.social_rows())
