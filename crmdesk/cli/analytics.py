"""crmdesk rfm / crmdesk segments: the figures of a client file, read-only."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from crmdesk.cli.output import Progress, info, plural, write_text_file
from crmdesk.domain import rfm
from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _

RFM_COLUMNS = ("client_code", "recency_days", "frequency", "monetary", "r", "f", "m", "score", "segment")
SEGMENT_COLUMNS = ("status", "clients", "revenue", "volume_share", "value_share")

RFM_DESCRIPTION = N_("""\
Calcule le score RFM de chaque client (récence, fréquence, montant) à une
date de référence, sans modifier le fichier clients (ouvert en lecture seule).

  - récence : jours entre la dernière commande (au plus tard à la date de
    référence) et la date de référence ; une commande ce jour-là donne 0 ;
  - fréquence : nombre de commandes des N jours qui finissent à la date de
    référence (de la date − N + 1 jour à la date incluse ; N = --window-days,
    365 par défaut, 0 = tout l'historique) ; montant : leur total ;
  - les commandes postérieures à la date de référence sont ignorées ; un
    client sans aucune commande n'est pas noté (il est compté à part) ;
  - méthode grid : la grille de points du fichier (par défaut docs/domain/04-rfm.md :
    R 4 = moins de 15 jours … 1 = 61 à 90 jours, 0 hors grille) ;
    méthode quantile : notes 1 à 5 (5 = meilleur) ; note = 1 + partie
    entière de 5 × (nombre de clients strictement moins bons) / (nombre de
    clients) : deux valeurs égales ont toujours la même note.

Une ligne par client noté, triée par N° client : client_code, recency_days,
frequency, monetary (euros, point décimal, 2 décimales), r, f, m, score
(r + f + m) et segment (champions, fideles, prometteurs, nouveaux,
a_surveiller, a_risque, hibernation, perdus).""")

SEGMENTS_DESCRIPTION = N_("""\
Répartition des clients par statut (Premium, Actif, Standard, Occasionnel)
selon la grille des statuts du fichier, sur les 365 jours qui finissent à la
date de référence : nombre de clients, chiffre d'affaires (euros, point
décimal), part en volume et part en valeur (en %, sur les clients qui ont un
statut). Les clients « hors grille » forment une ligne à part (hors_grille),
sans part. Le fichier clients est ouvert en lecture seule.""")


def date_arg(text: str) -> dt.date:
    try:
        return parse_date(text)
    except CrmError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def window_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("nombre de jours attendu, pas « {text} »", text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("le nombre de jours doit être positif (0 = tout l'historique)"))
    return value


def register(commands, formatter) -> None:
    """Add `rfm` and `segments` to the crmdesk sub-commands."""
    parser = commands.add_parser(
        "rfm",
        help=_("scores RFM des clients (CSV ou JSON)"),
        description=_(RFM_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    parser.add_argument("--db", metavar=_("FICHIER"), required=True, help=_("fichier clients à lire (obligatoire)"))
    parser.add_argument(
        "--as-of",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_("date de référence (aaaa-mm-jj ou jj/mm/aaaa ; par défaut aujourd'hui)"),
    )
    parser.add_argument(
        "--method",
        choices=rfm.METHODS,
        default="grid",
        help=_("grid : grille de points (par défaut) ; quantile : notes 1 à 5 par quintile"),
    )
    parser.add_argument(
        "--window-days",
        metavar=_("N"),
        type=window_arg,
        default=rfm.DEFAULT_WINDOW_DAYS,
        help=_("fenêtre de la fréquence et du montant, en jours (365 par défaut ; 0 = tout l'historique)"),
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help=_("csv (par défaut) ou json"))
    parser.add_argument(
        "--out", metavar=_("CHEMIN"), default="-", help=_("fichier à écrire, ou - pour la sortie standard (par défaut)")
    )
    parser.set_defaults(handler="rfm")

    parser = commands.add_parser(
        "segments",
        help=_("répartition des clients par statut"),
        description=_(SEGMENTS_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    parser.add_argument("--db", metavar=_("FICHIER"), required=True, help=_("fichier clients à lire (obligatoire)"))
    parser.add_argument(
        "--as-of",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_("date de référence (par défaut aujourd'hui)"),
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help=_("csv (par défaut) ou json"))
    parser.set_defaults(handler="segments")


def euros(cents: int) -> Decimal:
    """Cents -> euros with exactly two decimals (written « 1254.50 »)."""
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def percent(share: Fraction) -> Decimal:
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"))


def _open(path: str):
    from crmdesk.cli.opening import open_database

    return open_database(path, writer=False)


def _write(text: str, out: str | None) -> None:
    if out in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        target = Path(out).expanduser()
        if target.exists() and target.is_file():
            with open(target, "rb") as handle:
                if handle.read(16) == b"SQLite format 3\x00":
                    raise CrmError(
                        N_("« {name} » est une base de données : elle n'est pas remplacée."), name=target.name
                    )
        write_text_file(target, text)


def _table(columns, records, fmt: str) -> str:
    if fmt == "json":
        # Decimal amounts are written as JSON numbers with their two decimals (568260.00)
        def value(v) -> str:
            return str(v) if isinstance(v, Decimal) else json.dumps(v, ensure_ascii=False)

        objects = ("{" + ", ".join(f"{json.dumps(c)}: {value(v)}" for c, v in zip(columns, r)) + "}" for r in records)
        if not records:
            return "[]\n"
        return "[\n" + ",\n".join(f" {o}" for o in objects) + "\n]\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(records)
    return buffer.getvalue()


def run_rfm(args: argparse.Namespace) -> int:
    from crmdesk.store import analytics

    as_of = args.as_of or dt.date.today()
    database = _open(args.db)
    try:
        with Progress(_("Calcul du RFM"), conn=database.conn) as progress, progress.ticking():
            rows, unordered = analytics.rfm_rows(database, as_of, args.method, args.window_days or None)
    finally:
        database.close()
    records = [
        (r.client_code, r.recency_days, r.frequency, euros(r.monetary_cents), r.r, r.f, r.m, r.score, r.segment)
        for r in rows
    ]
    _write(_table(RFM_COLUMNS, records, args.format), args.out)
    message = _(
        "{clients} au {day:%d/%m/%Y} ({method})",
        clients=plural(len(rows), N_("client noté"), N_("clients notés")),
        day=as_of,
        method=args.method,
    )
    if unordered:
        message += _(
            " ; {clients}, non noté(s)",
            clients=plural(len(unordered), N_("client sans commande"), N_("clients sans commande")),
        )
    info(message + ".")
    return 0


def run_segments(args: argparse.Namespace) -> int:
    from crmdesk.store import analytics

    as_of = args.as_of or dt.date.today()
    database = _open(args.db)
    try:
        with Progress(_("Calcul des statuts"), conn=database.conn) as progress, progress.ticking():
            d = analytics.segments(database, as_of)
    finally:
        database.close()
    empty = None if args.format == "json" else ""
    records = [
        (r.status, r.clients, euros(r.revenue_cents), percent(r.volume_share), percent(r.value_share)) for r in d.rows
    ]
    if d.outside.clients:
        records.append(("hors_grille", d.outside.clients, euros(d.outside.revenue_cents), empty, empty))
    _write(_table(SEGMENT_COLUMNS, records, args.format), "-")
    return 0
