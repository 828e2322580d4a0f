"""Sales reps and ambassadors: portfolio, revenue and orders per period, objectives
(docs/domain/07-follow-up-and-loyalty.md and 09-dashboards.md).

An order counts for its own rep, else for its client's current rep (the
dashboard's rule, db/005: the figures are read from its aggregates, so the
dashboard's « by rep » chart and this table always agree). The portfolio is
the live contacts whose rep is this one (clients and prospects counted
apart). Objectives are set per rep and per period « 2026 », « 2026-T1 »,
« 2026-03 » (a revenue and/or a number of orders); a custom period has none.
"""

from __future__ import annotations

from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.indicators import normalize_period, period_text
from crmdesk.domain.periods import Period
from crmdesk.i18n import N_, _
from crmdesk.store.database import Database

_FIGURES = """
SELECT r.id, r.code, r.name, r.kind, r.active,
       (SELECT count(*) FROM contacts c WHERE c.rep_id = r.id AND c.deleted_at IS NULL
         AND c.stage = 'client') AS clients,
       (SELECT count(*) FROM contacts c WHERE c.rep_id = r.id AND c.deleted_at IS NULL
         AND c.stage = 'prospect') AS prospects,
       ifnull(f.revenue_cents, 0) AS revenue_cents, ifnull(f.orders, 0) AS orders,
       o.revenue_cents AS objective_revenue_cents, o.orders AS objective_orders
  FROM reps r
  LEFT JOIN (SELECT key, sum(revenue_cents) AS revenue_cents, sum(orders) AS orders FROM dash_facts
              WHERE dimension = 'rep' AND day BETWEEN :start AND :end GROUP BY key) f ON f.key = CAST(r.id AS TEXT)
  LEFT JOIN rep_objectives o ON o.rep_id = r.id AND o.period = :period
 ORDER BY r.active DESC, r.name, r.id
"""


def period_key(period: Period) -> str | None:
    """« 2026 », « 2026-T4 », « 2026-11 » for a year, quarter or month; None for custom dates."""
    if period.kind == "year":
        return period_text("year", period.start.year)
    if period.kind == "quarter":
        return period_text("quarter", period.start.year, (period.start.month - 1) // 3 + 1)
    if period.kind == "month":
        return period_text("month", period.start.year, period.start.month)
    return None


def reached(actual: int, objective: int | None) -> float | None:
    """Share of the objective reached (1.0 = 100 %), None without objective."""
    return actual / objective if objective else None


class RepStore:
    def __init__(self, database: Database):
        self.database = database

    @property
    def conn(self):
        return self.database.conn

    def id_of_code(self, code: str) -> int | None:
        return self.database.scalar("SELECT id FROM reps WHERE code = ?", ((code or "").strip(),))

    def reps(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM reps ORDER BY active DESC, name, id")]

    def figures(self, period: Period) -> list[dict]:
        """Each rep with portfolio size, revenue and orders of `period`, objective and share reached."""
        start, end = period.iso()
        out = []
        for row in self.conn.execute(_FIGURES, {"start": start, "end": end, "period": period_key(period)}):
            item = dict(row)
            item["revenue_reached"] = reached(item["revenue_cents"], item["objective_revenue_cents"])
            item["orders_reached"] = reached(item["orders"], item["objective_orders"])
            out.append(item)
        return out

    def portfolio(self, rep_id: int) -> list[dict]:
        """The rep's live contacts, biggest yearly revenue first."""
        rows = self.conn.execute(
            "SELECT id, code, kind, last_name, first_name, company, stage, city, revenue_year_cents, last_order "
            "FROM contacts WHERE rep_id = ? AND deleted_at IS NULL "
            "ORDER BY ifnull(revenue_year_cents, -1) DESC, name_key, id",
            (rep_id,),
        )
        return [{**dict(r), "name": display_name(dict(r))} for r in rows]

    def objectives(self, rep_id: int) -> list[dict]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT period, revenue_cents, orders FROM rep_objectives WHERE rep_id = ? ORDER BY period", (rep_id,)
            )
        ]

    def set_objective(self, rep_id: int, period: str, revenue_cents: int | None, orders: int | None) -> str:
        """Set (or clear, both None) a rep's objective for a period typed « 2026 »,
        « T1 2026 », « 2026-03 »…; returns the period's canonical text."""
        key = normalize_period(period)
        problems = {}
        if revenue_cents is not None and (not isinstance(revenue_cents, int) or revenue_cents < 0):
            problems["revenue"] = _("l'objectif de chiffre d'affaires ne peut pas être négatif")
        if orders is not None and (not isinstance(orders, int) or orders < 0):
            problems["orders"] = _("l'objectif de commandes ne peut pas être négatif")
        if problems:
            raise ValidationError(problems)
        with self.database.atomic():
            if self.database.scalar("SELECT 1 FROM reps WHERE id = ?", (rep_id,)) is None:
                raise CrmError(N_("Ce commercial n'existe plus."))
            before = self.conn.execute(
                "SELECT revenue_cents, orders FROM rep_objectives WHERE rep_id = ? AND period = ?", (rep_id, key)
            ).fetchone()
            if revenue_cents is None and orders is None:
                self.conn.execute("DELETE FROM rep_objectives WHERE rep_id = ? AND period = ?", (rep_id, key))
            else:
                self.conn.execute(
                    "INSERT INTO rep_objectives(rep_id, period, revenue_cents, orders) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(rep_id, period) DO UPDATE SET revenue_cents = excluded.revenue_cents, "
                    "orders = excluded.orders",
                    (rep_id, key, revenue_cents, orders),
                )
            self.database.audit(
                "rep", rep_id, "objective", {key: [tuple(before) if before else None, (revenue_cents, orders)]}
            )
        return key
