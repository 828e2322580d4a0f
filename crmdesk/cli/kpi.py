"""crmdesk kpi: every dashboard indicator of a period in one document
(docs/domain/03-statuses.md, 04-rfm.md, 05-complaints.md, 06-indicators.md and 09-dashboards.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.opening import open_for_reading
from crmdesk.cli.output import db_option, print_json
from crmdesk.domain import indicators as rules
from crmdesk.domain import periods
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _

DESCRIPTION = N_("""\
Calcule les indicateurs du tableau de bord sur une période et les écrit en un
seul document (JSON avec --format json, un résumé lisible sinon).

Clés du JSON :
  period        début et fin (AAAA-MM-JJ, incluses)
  figures_as_of le jour des statuts et des codes RFM : le dernier jour de la
                période (aujourd'hui s'il n'est pas encore passé)
  status        clients et CA (12 mois finissant ce jour-là) par statut, parts en
                volume et en valeur
  rfm           clients par segment RFM et matrice R × F ce jour-là (méthode et
                fenêtre du fichier)
  revenue       CA et commandes de la période par mois, catégorie, région, commercial
  complaints    réclamations de la période : taux, délais, part traitée dans les
                délais, par type et par mois
  satisfaction  CSAT, NPS (promoteurs, passifs, détracteurs), CES de la période,
                chacun face à son seuil (indicators.thresholds)
  retention     clients au début de la période (ceux qui ont commandé pendant la
                période précédente de même longueur), fidélisés, perdus,
                taux de rétention et d'attrition
  digital       indicateurs web par période saisie (taux de consultation produit,
                de transformation, de conversion, paniers perdus, abandon, CA,
                panier moyen, évolutions sur un an)
  social        engagement par réseau et période, portée et « J'aime » face aux objectifs

Taux en pourcentage à deux décimales, montants en euros. Les lignes web et
réseaux sociaux retenues sont celles dont la période touche --from … --to
(toutes sans --from ni --to). Par défaut : du 1er janvier à aujourd'hui.""")


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "kpi",
        help=_("indicateurs du tableau de bord (JSON)"),
        description=_(DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk kpi --db clients.sqlite --format json\n"
            "  crmdesk kpi --db clients.sqlite --from 2026-10-01 --to 2026-12-31"
        ),
    )
    db_option(parser)
    parser.add_argument(
        "--from",
        dest="start",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("premier jour de la période (par défaut le 1er janvier de l'année de --to)"),
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("dernier jour de la période (par défaut aujourd'hui)"),
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=_("text (résumé, par défaut) ou json (tout)")
    )
    parser.set_defaults(handler="kpi")


def pct(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def euros(cents: int | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


def _share(part: int, whole: int) -> float | None:
    return pct(100 * part / whole) if whole else None


def status_section(split: list[dict]) -> list[dict]:
    graded = [row for row in split if row["status"]]
    clients = sum(row["clients"] for row in graded)
    revenue = sum(row["revenue_cents"] for row in graded)
    return [
        {
            "status": row["status"] or None,
            "label": row["label"],
            "clients": row["clients"],
            "revenue": euros(row["revenue_cents"]),
            "volume_share": _share(row["clients"], clients) if row["status"] else None,
            "value_share": _share(row["revenue_cents"], revenue) if row["status"] else None,
        }
        for row in split
    ]


def revenue_section(rows: list[dict]) -> list[dict]:
    return [
        {"key": row["key"], "label": row["label"], "revenue": euros(row["revenue_cents"]), "orders": row["orders"]}
        for row in rows
    ]


def complaints_section(figures: dict, months: list[dict]) -> dict:
    keep = ("complaints", "transactions", "clients", "closed")
    out = {key: figures[key] for key in keep}
    for key in (
        "complaint_rate_transactions",
        "complaint_rate_clients",
        "loss_rate",
        "closed_in_time",
        "resatisfied",
        "ack_mean_hours",
        "ack_p90_hours",
        "close_mean_days",
        "close_p90_days",
    ):
        out[key] = pct(figures[key])  # rates and durations, two decimals
    out["cost"] = euros(figures["cost_cents"])
    out["by_kind"] = figures["by_kind"]
    out["by_month"] = [
        {
            "month": m["month"],
            "total": m["total"],
            "by_kind": {k: n for k, n in m["by_kind"].items() if n},
            "closed": m["closed"],
            "closed_in_time": m["closed_in_time"],
            "in_time_share": pct(m["in_time_share"]),
        }
        for m in months
    ]
    return out


def satisfaction_section(figures: dict, thresholds: dict) -> dict:
    csat, nps, ces = figures["csat"], figures["nps"], figures["ces"]

    def judged(name: str, value: float | None) -> dict:
        return {"threshold": thresholds.get(name), "against_threshold": rules.judge(name, value, thresholds)}

    return {
        "csat": {"value": pct(csat), "answers": figures["answers"]["csat"], **judged("csat", csat)},
        "nps": {
            "value": pct(nps.nps) if nps else None,
            "promoters": pct(nps.promoters) if nps else None,
            "passives": pct(nps.passives) if nps else None,
            "detractors": pct(nps.detractors) if nps else None,
            "answers": figures["answers"]["nps"],
            **judged("nps", nps.nps if nps else None),
        },
        "ces": {
            "value": pct(ces.mean) if ces else None,
            "easy_share": pct(ces.easy_share) if ces else None,
            "answers": figures["answers"]["ces"],
            **judged("ces", ces.mean if ces else None),
        },
    }


def retention_section(row: dict, thresholds: dict) -> dict:
    before = periods.previous(row["period"])
    return {
        "previous_period": {"from": before.start.isoformat(), "to": before.end.isoformat()},
        "at_start": row["at_start"],
        "retained": row["retained"],
        "lost": row["lost"],
        "retention": pct(row["retention"]),
        "attrition": pct(row["attrition"]),
        "threshold": thresholds.get("retention"),
        "against_threshold": rules.judge("retention", row["retention"], thresholds),
    }


def _touches(period_text: str, period: periods.Period | None) -> bool:
    if period is None:
        return True
    bounds = rules.period_bounds(period_text)
    return bounds.start <= period.end and period.start <= bounds.end


def digital_section(report: rules.WebReport, period: periods.Period | None) -> list[dict]:
    out = []
    for item in report.items:
        if not _touches(item.period, period):
            continue
        row = item.row
        out.append(
            {
                "period": item.period,
                "visitors": row.visitors,
                "product_views": row.product_views,
                "add_to_cart": row.add_to_cart,
                "purchases": row.purchases,
                "average_basket": euros(item.average_basket_cents),
                "revenue": euros(item.revenue_cents),
                "product_view_rate": pct(item.product_view_rate),
                "transformation_rate": pct(item.transformation_rate),
                "conversion_rate": pct(item.conversion_rate),
                "lost_carts": item.lost_carts,
                "abandonment_rate": pct(item.abandonment_rate),
                "compared_with": item.previous,
                "evolution": {k: pct(v) for k, v in (item.evolution or {}).items()},
            }
        )
    return out


def social_section(items: list[rules.SocialIndicators], period: periods.Period | None, thresholds: dict) -> list[dict]:
    out = []
    for item in items:
        if not _touches(item.period, period):
            continue
        row = item.row
        threshold = rules.engagement_threshold(thresholds, item.network)
        out.append(
            {
                "period": item.period,
                "network": item.network,
                "reach": row.reach,
                "likes": row.likes,
                "comments": row.comments,
                "shares": row.shares,
                "engaged": item.engaged,
                "engagement_rate": pct(item.engagement_rate),
                "engagement_threshold": threshold,
                "against_threshold": rules.against(item.engagement_rate, threshold),
                "reach_objective": row.reach_objective,
                "reach_vs_objective": pct(item.reach_vs_objective),
                "likes_objective": row.likes_objective,
                "like_rate": pct(item.like_rate),
                "like_objective_rate": pct(item.like_objective_rate),
                "likes_vs_objective": pct(item.likes_vs_objective),
            }
        )
    return out


def compute(database, period: periods.Period, explicit: bool, today: dt.date | None = None) -> dict:
    """The whole document for `period` (explicit: --from or --to was given); status
    and RFM as of the period's last day, or `today` (default: the real today) if
    it is not over yet."""
    from crmdesk.store.complaints import ComplaintStore
    from crmdesk.store.dashboard import DashboardStore
    from crmdesk.store.indicators import IndicatorStore

    board = DashboardStore(database)
    figures = IndicatorStore(database)
    thresholds = figures.thresholds()
    as_of = min(period.end, today or dt.date.today())
    counts = board._figures(as_of)
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "figures_as_of": as_of.isoformat(),
        "status": status_section(board.status_split(counts)),
        "rfm": {
            "segments": board.rfm_segments(counts),
            "method": board.rfm_method(),
            "rf_matrix": [{"r": r, "f": f, "clients": n} for (r, f), n in sorted(board.rf_matrix(counts).items())],
        },
        "revenue": {
            "by_month": [
                {"month": m["month"], "revenue": euros(m["revenue_cents"]), "orders": m["orders"]}
                for m in board.revenue_by_month(period)
            ],
            **{f"by_{d}": revenue_section(board.revenue_by(d, period)) for d in ("category", "region", "rep")},
        },
        "complaints": complaints_section(
            ComplaintStore(database).indicators(period.start, period.end), board.complaints_by_month(period)
        ),
        "satisfaction": satisfaction_section(figures.satisfaction(period.start, period.end), thresholds),
        "retention": retention_section(board.retention([period])[0], thresholds),
        "digital": digital_section(figures.web_indicators(), period if explicit else None),
        "social": social_section(figures.social_indicators(), period if explicit else None, thresholds),
    }


def _fr(value: float | None, unit: str = " %") -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",") + unit


def summary(doc: dict) -> str:
    """A few lines a person reads in a terminal; everything is in the JSON."""
    lines = [
        _("Indicateurs du {start} au {end}", start=doc["period"]["from"], end=doc["period"]["to"]),
        "  " + _("Statuts au {day}", day=f"{dt.date.fromisoformat(doc['figures_as_of']):%d/%m/%Y}"),
    ]
    total = sum(m["revenue"] for m in doc["revenue"]["by_month"])
    orders = sum(m["orders"] for m in doc["revenue"]["by_month"])
    lines.append(_("  CA de la période        {revenue} ({orders} commandes)", revenue=_fr(total, " €"), orders=orders))
    for row in doc["status"]:
        if row["status"]:
            lines.append(
                _(
                    "  {label:<24}{clients} clients ({volume}), CA {revenue} ({value})",
                    label=row["label"],
                    clients=row["clients"],
                    volume=_fr(row["volume_share"]),
                    revenue=_fr(row["revenue"], " €"),
                    value=_fr(row["value_share"]),
                )
            )
    c = doc["complaints"]
    lines.append(
        _(
            "  Réclamations            {count} ; traitées dans les délais {share}",
            count=c["complaints"],
            share=_fr(c["closed_in_time"]),
        )
    )
    s = doc["satisfaction"]
    lines.append(
        f"  CSAT {_fr(s['csat']['value'])} · NPS {_fr(s['nps']['value'], '')} · CES {_fr(s['ces']['value'], '')}"
    )
    r = doc["retention"]
    lines.append(
        _(
            "  Rétention               {retention} ({retained} / {at_start}), attrition {attrition}",
            retention=_fr(r["retention"]),
            retained=r["retained"],
            at_start=r["at_start"],
            attrition=_fr(r["attrition"]),
        )
    )
    for item in doc["digital"]:
        lines.append(
            _(
                "  Web {period:<19} conversion {conversion}, abandon {abandonment}, CA {revenue}",
                period=item["period"],
                conversion=_fr(item["conversion_rate"]),
                abandonment=_fr(item["abandonment_rate"]),
                revenue=_fr(item["revenue"], " €"),
            )
        )
    for item in doc["social"]:
        lines.append(
            _(
                "  {network} {period:<12} engagement {engagement}, portée {reach} de l'objectif",
                network=item["network"],
                period=item["period"],
                engagement=_fr(item["engagement_rate"]),
                reach=_fr(item["reach_vs_objective"]),
            )
        )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    end = args.end or dt.date.today()
    start = args.start or dt.date(end.year, 1, 1)
    if start > end:
        raise CrmError(N_("--from ({start:%d/%m/%Y}) est après --to ({end:%d/%m/%Y})."), start=start, end=end)
    period = periods.custom(start, end)
    with open_for_reading(args.db) as database:
        doc = compute(database, period, explicit=args.start is not None or args.end is not None)
    if args.format == "json":
        print_json(doc)
    else:
        sys.stdout.write(summary(doc))
    return 0
