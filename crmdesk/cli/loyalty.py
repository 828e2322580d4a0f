"""crmdesk loyalty balance|earn|expire|rebate|profit and crmdesk reps (docs/domain/07-follow-up-and-loyalty.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.opening import open_database, open_for_reading
from crmdesk.cli.output import (
    cell,
    csv_text,
    db_option,
    format_option,
    info,
    number,
    plural,
    print_csv,
    print_json,
    write_text_file,
)
from crmdesk.domain import indicators
from crmdesk.domain import loyalty as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.domain.periods import Period
from crmdesk.domain.rebate import BASE_LABELS, RebateRule
from crmdesk.i18n import N_, _, speaking
from crmdesk.io import csvfile
from crmdesk.io.csvfile import neutralise
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.loyalty import LoyaltyStore, Rebate, format_points
from crmdesk.store.reps import RepStore

REBATE_COLUMNS = ("client_code", "client_name", "revenue", "orders", "basis", "rebate")
REPS_COLUMNS = (
    "code",
    "name",
    "kind",
    "clients",
    "prospects",
    "revenue",
    "orders",
    "objective_revenue",
    "revenue_reached",
    "objective_orders",
    "orders_reached",
)

_PERIOD_HELP = N_("période : 2026, 2026-T4 (ou T4 2026), 2026-11 (ou 11/2026)")

DESCRIPTION = N_("""\
Le programme de fidélité du fichier clients : points par euro dépensé,
gagnés à chaque commande par lots qui expirent chacun à leur date,
récompenses, ristourne sur le chiffre d'affaires d'une période, rentabilité.

Réglages (crmdesk config set CLÉ VALEUR, ou Fidélité › Réglages…) :
  loyalty.points_per_euro   points par euro (1) : 54,90 € → 54 points
  loyalty.validity_months   un lot de points est utilisable jusqu'à la fin
                            du mois, N mois après la commande (12)
  loyalty.card_months       validité de la carte (12 mois)
  loyalty.card_cost_cents   coût d'une carte en vigueur sur la période (0)
  referral.reward_kind      récompense du parrain : points ou voucher
  referral.reward_points    points offerts au parrain (100)
  referral.reward_cents     ou bon d'achat offert (1000 = 10,00 €)
  rebate.threshold_cents    seuil de la ristourne (1000000 = 10 000,00 €)
  rebate.rate               taux de la ristourne (0.02 = 2 %)
  rebate.base               excess : taux × (CA − seuil) au-delà du seuil
                            (par défaut) ; total : taux × CA entier dès que
                            le CA atteint le seuil
  parties.voucher_rate      bon d'achat de l'hôtesse (0.10 = 10 % des ventes
                            de sa réunion)""")

BALANCE_DESCRIPTION = N_("""\
Solde de points d'un client à une date (par défaut aujourd'hui) : points
utilisables, prochaine expiration et combien de points expirent ce jour-là,
carte de fidélité. Les points utilisés partent des lots qui expirent le plus
tôt. Le fichier n'est pas modifié.""")

EARN_DESCRIPTION = N_("""\
Crédite les points de toutes les commandes qui ne l'ont pas encore été
(jusqu'à --as-of, et depuis --since si donné), et récompense les parrains
dont le filleul a passé sa première commande — une seule fois par filleul.
Les commandes d'ouverture (« CA annuel » importé) et celles des clients à la
corbeille ne rapportent rien. Peut être relancé sans rien compter deux fois.""")

EXPIRE_DESCRIPTION = N_("""\
Enregistre les points expirés avant --as-of (par défaut aujourd'hui) : une
ligne négative « Points expirés » par lot, de ce qu'il lui restait. Le solde
se calcule d'après les dates (il ne change pas) ; l'historique du client le
montre. Peut être relancé sans rien compter deux fois.""")

REBATE_DESCRIPTION = N_("""\
Ristourne de chaque client sur une période : chiffre d'affaires des
commandes datées de la période (bornes incluses), base et ristourne selon la
règle du fichier (rebate.base) :
  excess : {excess} (par défaut) ;
  total  : {total}.
Montants arrondis au centime (demi supérieur).

Sans --client : un CSV, une ligne par client ayant commandé sur la période
(les ristournes non nulles seulement avec --earning), du plus gros CA au plus
petit : {columns} (euros, point décimal).
Avec --client : le relevé de ce client (ses commandes, son CA, le seuil, la
règle, sa ristourne), CSV pour Excel (point-virgule, virgule décimale).
Avec --statements DOSSIER : un relevé par client qui a une ristourne.
Le fichier clients n'est pas modifié.""")

PROFIT_DESCRIPTION = N_("""\
Rentabilité du programme sur une période, comparée à une période de
référence (--compare ; par défaut la même période un an plus tôt).

  membres       clients titulaires d'une carte valable depuis le début de la
                période ou avant ; les autres : tous les autres clients ;
  CA attendu    CA des membres sur la référence × (CA des autres sur la
                période / CA des autres sur la référence) : ce qu'auraient
                acheté les membres s'ils avaient évolué comme les autres ;
  CA en plus    CA des membres sur la période − CA attendu ;
  coût          valeur des récompenses utilisées + bons d'achat utilisés +
                cartes en vigueur × loyalty.card_cost_cents ;
  résultat      CA en plus − coût ; rendement = CA en plus / coût.""")

REPS_DESCRIPTION = N_("""\
Commerciaux et ambassadeurs sur une période ({period}) :
portefeuille (clients et prospects suivis), chiffre d'affaires et nombre de
commandes — une commande compte pour son commercial, sinon pour celui du
client, comme au tableau de bord —, objectifs de la période et part atteinte.
Colonnes : {columns} (euros, point décimal ; parts : 0.627 = 62,7 %).
Fixer un objectif : --set-objective CODE --revenue EUROS [--orders N].""")


def period_arg(text: str) -> Period:
    try:
        return indicators.period_bounds(text)
    except CrmError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _db(parser) -> None:
    db_option(parser, _("fichier clients (obligatoire)"))


def _period(parser) -> None:
    parser.add_argument(
        "--period",
        metavar=_("PÉRIODE"),
        type=period_arg,
        required=True,
        help=_("{period} (obligatoire)", period=_(_PERIOD_HELP)),
    )


def _as_of(parser, what: str) -> None:
    parser.add_argument(
        "--as-of",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("{what} (aaaa-mm-jj ou jj/mm/aaaa ; par défaut aujourd'hui)", what=what),
    )


def register(commands, formatter) -> None:
    """Add `loyalty` (with its actions) and `reps` to the crmdesk sub-commands."""
    parser = commands.add_parser(
        "loyalty",
        help=_("fidélité : points, ristourne, rentabilité"),
        description=_(DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = parser.add_subparsers(
        dest="what", title=_("action"), metavar="{balance,earn,expire,rebate,profit}", prog="crmdesk loyalty"
    )
    what.required = True

    balance = what.add_parser(
        "balance",
        help=_("solde de points d'un client"),
        description=_(BALANCE_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    _db(balance)
    balance.add_argument("--client", metavar=_("CODE"), required=True, help=_("N° du client (obligatoire)"))
    _as_of(balance, _("date du solde"))
    format_option(balance, "text")
    balance.set_defaults(handler="loyalty_balance")

    earn = what.add_parser(
        "earn",
        help=_("crédite les points des commandes et les parrainages"),
        description=_(EARN_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    _db(earn)
    _as_of(earn, _("créditer les commandes datées jusqu'à ce jour"))
    earn.add_argument(
        "--since",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("seulement les commandes datées de ce jour ou après (début du programme)"),
    )
    earn.set_defaults(handler="loyalty_earn")

    expire = what.add_parser(
        "expire",
        help=_("enregistre les points expirés"),
        description=_(EXPIRE_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    _db(expire)
    _as_of(expire, _("les lots dont le dernier jour est avant cette date expirent"))
    expire.set_defaults(handler="loyalty_expire")

    rebate = what.add_parser(
        "rebate",
        help=_("ristourne par client sur une période"),
        description=_(
            REBATE_DESCRIPTION,
            excess=_(BASE_LABELS["excess"]),
            total=_(BASE_LABELS["total"]),
            columns=", ".join(REBATE_COLUMNS),
        ),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk loyalty rebate --db clients.sqlite --period 2026 --earning\n"
            "  crmdesk loyalty rebate --db clients.sqlite --period 2026 --client C000042 "
            "--out releve.csv"
        ),
    )
    db_option(rebate)
    _period(rebate)
    rebate.add_argument("--client", metavar=_("CODE"), help=_("le relevé de ce client seulement"))
    rebate.add_argument("--earning", action="store_true", help=_("seulement les clients qui ont une ristourne"))
    rebate.add_argument("--statements", metavar=_("DOSSIER"), help=_("écrit un relevé par client ayant une ristourne"))
    rebate.add_argument("--out", metavar=_("FICHIER"), help=_("écrit dans ce fichier (par défaut la sortie standard)"))
    rebate.set_defaults(handler="loyalty_rebate")

    profit = what.add_parser(
        "profit",
        help=_("rentabilité du programme sur une période"),
        description=_(PROFIT_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(profit)
    _period(profit)
    profit.add_argument(
        "--compare",
        metavar=_("PÉRIODE"),
        type=period_arg,
        default=None,
        help=_("période de référence (par défaut la même un an plus tôt)"),
    )
    format_option(profit, "text")
    profit.set_defaults(handler="loyalty_profit")

    reps = commands.add_parser(
        "reps",
        help=_("commerciaux : portefeuille, CA, objectifs"),
        description=_(REPS_DESCRIPTION, period=_(_PERIOD_HELP), columns=", ".join(REPS_COLUMNS)),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk reps --db clients.sqlite --period 2026\n"
            "  crmdesk reps --db clients.sqlite --period 2026 --set-objective MB "
            "--revenue 20000 --orders 40"
        ),
    )
    _db(reps)
    _period(reps)
    format_option(reps)
    reps.add_argument("--set-objective", metavar=_("CODE"), help=_("fixe l'objectif de ce commercial pour la période"))
    reps.add_argument("--revenue", metavar=_("EUROS"), help=_("objectif de chiffre d'affaires (avec --set-objective)"))
    reps.add_argument("--orders", metavar=_("N"), type=int, help=_("objectif de commandes (avec --set-objective)"))
    reps.set_defaults(handler="reps")


HANDLERS = ("loyalty_balance", "loyalty_earn", "loyalty_expire", "loyalty_rebate", "loyalty_profit", "reps")


def run(args: argparse.Namespace) -> int:
    return {
        "loyalty_balance": run_balance,
        "loyalty_earn": run_earn,
        "loyalty_expire": run_expire,
        "loyalty_rebate": run_rebate,
        "loyalty_profit": run_profit,
        "reps": run_reps,
    }[args.handler](args)


# -- helpers ------------------------------------------------------------------------------------
def _today(args) -> dt.date:
    return getattr(args, "as_of", None) or dt.date.today()


def _contact(database: Database, code: str) -> int:
    contact_id = ContactStore(database).id_of_code(code.strip())
    if contact_id is None:
        raise CrmError(N_("Client « {code} » introuvable."), code=code)
    return contact_id


def euros(cents: int | None) -> str:
    """Machine-readable euros: « 1254.00 »."""
    return "" if cents is None else f"{cents / 100:.2f}"


def _french(cents: int) -> str:
    """« 1254,00 » for a French spreadsheet."""
    return f"{cents / 100:.2f}".replace(".", ",")


def _write(text: str, out: str | None, *, bom: bool = False) -> None:
    if out:
        write_text_file(out, text, encoding="utf-8-sig" if bom else "utf-8")
    else:
        sys.stdout.write(text)


# -- balance, earn, expire ---------------------------------------------------------------------
def run_balance(args: argparse.Namespace) -> int:
    today = _today(args)
    with open_for_reading(args.db) as database:
        contact_id = _contact(database, args.client)
        store = LoyaltyStore(database)
        result, card = store.balance(contact_id, today), store.card(contact_id)
    doc = {
        "client_code": args.client.strip(),
        "as_of": today.isoformat(),
        "points": result.points,
        "next_expiry": result.next_expiry.isoformat() if result.next_expiry else None,
        "expiring_points": result.expiring_points,
        "card": card and {k: card[k] for k in ("number", "valid_from", "valid_until")},
    }
    if args.format == "json":
        print_json(doc)
        return 0
    print(
        _(
            "Client {code} au {day:%d/%m/%Y} : {points}.",
            code=doc["client_code"],
            day=today,
            points=format_points(result.points),
        )
    )
    if result.next_expiry:
        print(
            _(
                "  prochaine expiration : {points} le {day:%d/%m/%Y}",
                points=format_points(result.expiring_points),
                day=result.next_expiry,
            )
        )
    if card:
        valid = card["valid_until"] >= today.isoformat()
        print(
            (
                _("  carte {number} valable du {start} au {end}")
                if valid
                else _("  carte {number} expirée du {start} au {end}")
            ).format(number=card["number"], start=format_date(card["valid_from"]), end=format_date(card["valid_until"]))
        )
    else:
        print(_("  pas de carte de fidélité"))
    return 0


def run_earn(args: argparse.Namespace) -> int:
    with open_database(args.db) as database:
        counts = LoyaltyStore(database).earn_missing(_today(args), args.since)
    info(
        _(
            "{orders} ({points}), {referrals}.",
            orders=plural(counts["orders"], N_("commande créditée"), N_("commandes créditées")),
            points=format_points(counts["points"]),
            referrals=plural(counts["referrals"], N_("parrainage récompensé"), N_("parrainages récompensés")),
        )
    )
    return 0


def run_expire(args: argparse.Namespace) -> int:
    with open_database(args.db) as database:
        counts = LoyaltyStore(database).expire(_today(args))
    if counts["batches"]:
        info(
            _(
                "{points} expirés : {batches}, {clients}.",
                points=format_points(counts["points"]),
                batches=plural(counts["batches"], N_("lot"), N_("lots")),
                clients=plural(counts["clients"], N_("client"), N_("clients")),
            )
        )
    else:
        info(_("Aucun point n'a expiré depuis le dernier passage."))
    return 0


# -- rebate --------------------------------------------------------------------------------------
def statement(store: LoyaltyStore, period: Period, rule: RebateRule, contact_id: int, row: Rebate | None) -> str:
    """One client's rebate statement (`row` from store.rebates, None without
    any order in the period), a CSV for a French spreadsheet: a document of
    the business, in French whatever the interface language."""
    with speaking("fr"):
        return _statement(store, period, rule, contact_id, row)


def _statement(store: LoyaltyStore, period: Period, rule: RebateRule, contact_id: int, row: Rebate | None) -> str:
    buffer = io.StringIO()
    writer = csvfile.writer(buffer)
    name = row.name if row else ""
    writer.writerow(["Relevé de ristourne", period.label])
    # names and order references are typed by users: never run as a formula (amounts stay numbers)
    writer.writerow(["Client", row.code if row else "", neutralise(name)])
    writer.writerow([])
    writer.writerow(["Date", "Commande", "Montant (€)"])
    for order in store.orders_in(contact_id, period):
        writer.writerow([format_date(order["date"]), neutralise(order["ref"] or ""), _french(order["amount_cents"])])
    writer.writerow([])
    writer.writerow(["Chiffre d'affaires de la période (€)", _french(row.revenue_cents if row else 0)])
    writer.writerow(["Règle", rule.describe()])
    writer.writerow(["Base (€)", _french(row.basis_cents if row else 0)])
    writer.writerow(["Ristourne (€)", _french(row.rebate_cents if row else 0)])
    return buffer.getvalue()


def run_rebate(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as database:
        store = LoyaltyStore(database)
        rule = store.rebate_rule()
        if args.client:
            contact_id = _contact(database, args.client)
            (row,) = store.rebates(args.period, rule, contact_id) or [None]
            _write(statement(store, args.period, rule, contact_id, row), args.out, bom=True)
            return 0
        rows = store.rebates(args.period, rule, earning_only=args.earning)
        if args.statements:
            folder = Path(args.statements)
            folder.mkdir(parents=True, exist_ok=True)
            for row in rows:
                if row.rebate_cents:
                    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in row.code)
                    write_text_file(
                        folder / f"ristourne-{safe}.csv",
                        statement(store, args.period, rule, row.contact_id, row),
                        encoding="utf-8-sig",
                    )
    _write(
        csv_text(
            REBATE_COLUMNS,
            (
                (
                    r.code,
                    neutralise(r.name),
                    euros(r.revenue_cents),
                    r.orders,
                    euros(r.basis_cents),
                    euros(r.rebate_cents),
                )
                for r in rows
            ),
        ),
        args.out,
    )
    earning = [r for r in rows if r.rebate_cents]
    info(
        _(
            "{period} — {rule} : {clients} avec une ristourne, {total} au total.",
            period=args.period.label,
            rule=rule.describe(),
            clients=plural(len(earning), N_("client"), N_("clients")),
            total=format_eur(sum(r.rebate_cents for r in earning)),
        )
    )
    return 0


# -- profitability ---------------------------------------------------------------------------------
def run_profit(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as database:
        report = LoyaltyStore(database).profitability(args.period, args.compare)
    result: rules.Profitability = report["result"]
    doc = {
        "period": {"from": args.period.start.isoformat(), "to": args.period.end.isoformat()},
        "compared_with": {"from": report["before"].start.isoformat(), "to": report["before"].end.isoformat()},
        "members": report["members"],
        "members_revenue": {"before": euros(result.members_before), "now": euros(result.members_now)},
        "others_revenue": {"before": euros(result.others_before), "now": euros(result.others_now)},
        "expected_revenue": euros(result.expected_cents),
        "extra_revenue": euros(result.extra_cents),
        "cost": {k: euros(v) for k, v in report["costs"].items()} | {"total": euros(result.cost_cents)},
        "net": euros(result.net_cents),
        "return_rate": result.return_rate,
    }
    if args.format == "json":
        print_json(doc)
        return 0

    def change(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:+.1f} %".replace(".", ",")

    print(
        _(
            "Rentabilité du programme de fidélité, {period} (référence : {before})",
            period=args.period.label,
            before=report["before"].label,
        )
    )
    print(_("  membres (titulaires d'une carte) : {count}", count=number(report["members"])))
    print(
        _(
            "  CA des membres      {before} → {now} ({change})",
            before=format_eur(result.members_before),
            now=format_eur(result.members_now),
            change=change(result.members_change),
        )
    )
    print(
        _(
            "  CA des autres       {before} → {now} ({change})",
            before=format_eur(result.others_before),
            now=format_eur(result.others_now),
            change=change(result.others_change),
        )
    )
    print(
        _(
            "  CA attendu des membres {expected}, CA en plus {extra}",
            expected=format_eur(result.expected_cents),
            extra=format_eur(result.extra_cents),
        )
    )
    costs = report["costs"]
    print(
        _(
            "  coût {total} (récompenses {rewards}, bons d'achat {vouchers}, cartes {cards})",
            total=format_eur(result.cost_cents),
            rewards=format_eur(costs["rewards"]),
            vouchers=format_eur(costs["vouchers"]),
            cards=format_eur(costs["cards"]),
        )
    )
    rate = "—" if result.return_rate is None else f"{result.return_rate:.2f}".replace(".", ",")
    print(_("  résultat {net} ; rendement {rate}", net=format_eur(result.net_cents), rate=rate))
    return 0


# -- reps --------------------------------------------------------------------------------------------
def run_reps(args: argparse.Namespace) -> int:
    if (args.revenue is not None or args.orders is not None) and not args.set_objective:
        raise CrmError(N_("--revenue et --orders vont avec --set-objective CODE : rien n'a été enregistré."))
    if args.set_objective:
        from crmdesk.domain.money import parse_amount
        from crmdesk.store.reps import period_key

        key = period_key(args.period)
        revenue = parse_amount(args.revenue) if args.revenue else None
        with open_database(args.db) as database:
            rep_id = RepStore(database).id_of_code(args.set_objective)
            if rep_id is None:
                raise CrmError(N_("Commercial « {code} » introuvable (code du commercial)."), code=args.set_objective)
            RepStore(database).set_objective(rep_id, key, revenue, args.orders)
        info(_("Objectif {period} de {code} enregistré.", period=key, code=args.set_objective))
    with open_for_reading(args.db) as database:
        rows = RepStore(database).figures(args.period)
    values = [[_rep_value(r, c) for c in REPS_COLUMNS] for r in rows]
    if args.format == "json":
        print_json([dict(zip(REPS_COLUMNS, v)) for v in values])
    else:
        print_csv(REPS_COLUMNS, ([cell(x) for x in v] for v in values))
    return 0


def _rep_value(row: dict, column: str):
    if column == "revenue":
        return euros(row["revenue_cents"])
    if column == "objective_revenue":
        return euros(row["objective_revenue_cents"]) or None
    if column in ("revenue_reached", "orders_reached"):
        return None if row[column] is None else round(row[column], 4)
    return row[column]
