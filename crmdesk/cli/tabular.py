"""crmdesk cohorts / crmdesk pivot: the cohort matrix and the revenue pivot
tables of a client file (crmdesk/io/cohorts.py, crmdesk/io/pivot.py).

`register(commands, formatter)` adds both commands (handlers « cohorts » and
« pivot »); `run(args)` runs either. Progress on stderr only when it is a
terminal; Ctrl+C stops and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.exporting import output_target
from crmdesk.cli.opening import open_for_reading
from crmdesk.cli.output import db_option, info, number
from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import custom
from crmdesk.i18n import N_, _, ngettext

ROWS = ("client", "category", "rep")

COHORTS_DESCRIPTION = N_("""\
La matrice de rétention par cohorte : chaque ligne est une cohorte, les
clients dont la première commande date de ce mois-là ; la colonne M+k dit
combien d'entre eux ont commandé k mois plus tard, et leur part de la
cohorte (M+0 = 100 %). Au --to inclus (aujourd'hui par défaut) : les
commandes postérieures ne comptent pas ; les cellules du mois de --to sont
« en cours » tant qu'il n'est pas fini. Cohortes depuis le mois de --from
(par défaut depuis la première commande du fichier). Toutes les commandes
comptent, celles des clients à la corbeille aussi (comme au tableau de bord).

Formats : csv (par cohorte : clients, puis pour chaque mois M+k le nombre de
clients et leur part en %), xlsx (une feuille des parts colorées, une des
nombres de clients), json (cohort, clients, months : months_since, month,
clients, share en %). Par défaut d'après l'extension de --out, sinon csv.
Le fichier clients est ouvert en lecture seule.""")

PIVOT_DESCRIPTION = N_("""\
Le chiffre d'affaires d'une période en tableau croisé : une ligne par client
(N° client et nom), par catégorie de produits ou par commercial (--rows), une
colonne par mois (« 2026-03 » ; un mois coupé par la période ne compte que ses
jours dedans), puis le total ; une dernière ligne « Total ». Montants en
euros, au centime.

Comme au tableau de bord : une commande compte pour son client ; pour une
catégorie, la valeur de chacune de ses lignes (une commande sans lignes :
son montant, « Sans catégorie ») ; pour son commercial, sinon celui du client.
Clients triés par N° client, catégories et commerciaux du plus gros CA au plus
petit. CSV (UTF-8 avec BOM, point-virgule, virgule décimale : Excel l'ouvre
tel quel) ou xlsx, protégés contre les formules comme les autres exports ;
pour des centaines de milliers de clients, le CSV est bien plus rapide.
Par défaut du 1er janvier de l'année de --to à --to (aujourd'hui).""")


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "cohorts",
        help=_("matrice de rétention par mois de première commande"),
        description=_(COHORTS_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk cohorts --db clients.sqlite --out cohortes.xlsx\n"
            "  crmdesk cohorts --db clients.sqlite --from 2025-01-01 --format json"
        ),
    )
    db_option(parser)
    _period_options(
        parser,
        _("mois de la première cohorte (par défaut : celui de la première commande)"),
        _("date de référence, incluse (par défaut aujourd'hui)"),
    )
    parser.add_argument(
        "--format",
        choices=("csv", "json", "xlsx"),
        help=_("csv, json ou xlsx ; par défaut d'après l'extension de --out, sinon csv"),
    )
    _out_option(parser)
    parser.set_defaults(handler="cohorts")

    parser = commands.add_parser(
        "pivot",
        help=_("CA par client, catégorie ou commercial et par mois (CSV, Excel)"),
        description=_(PIVOT_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk pivot --db clients.sqlite --rows client --out ca-clients.xlsx\n"
            "  crmdesk pivot --db clients.sqlite --rows category --from 2026-01-01 "
            "--to 2026-06-30 --out ca.csv"
        ),
    )
    db_option(parser)
    parser.add_argument(
        "--rows",
        choices=ROWS,
        required=True,
        help=_("une ligne par client, par catégorie (category) ou par commercial (rep) (obligatoire)"),
    )
    _period_options(
        parser,
        _("premier jour (par défaut le 1er janvier de l'année de --to)"),
        _("dernier jour, inclus (par défaut aujourd'hui)"),
    )
    parser.add_argument(
        "--format", choices=("csv", "xlsx"), help=_("csv ou xlsx ; par défaut d'après l'extension de --out, sinon csv")
    )
    _out_option(parser)
    parser.set_defaults(handler="pivot")


def _period_options(parser, start: str, end: str) -> None:
    parser.add_argument("--from", dest="start", metavar=_("DATE"), type=date_arg, default=None, help=start)
    parser.add_argument("--to", dest="end", metavar=_("DATE"), type=date_arg, default=None, help=end)


def _out_option(parser) -> None:
    parser.add_argument(
        "--out",
        metavar=_("CHEMIN"),
        default="-",
        help=_(
            "fichier à écrire (remplacé s'il existe, sauf si c'est une base de données), ou - "
            "pour la sortie standard (par défaut)"
        ),
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower() if args.out not in (None, "-") else ""
    return {".xlsx": "xlsx", ".json": "json"}.get(suffix, "csv")


class TerminalProgress:
    """« 300 000 lignes lues… », then « 12 000 / 397 000 lignes écrites… » on
    stderr, only when it is a terminal."""

    def __init__(self):
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active:
            return
        if total:
            text = ngettext(
                "{done} / {total} ligne écrite…",
                "{done} / {total} lignes écrites…",
                total,
                done=number(done),
                total=number(total),
            )
        else:
            text = ngettext("{number} ligne lue…", "{number} lignes lues…", done, number=number(done))
        print(f"\r  {text}\033[K", end="", file=sys.stderr, flush=True)
        self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False


def run(args: argparse.Namespace) -> int:
    return run_pivot(args) if args.handler == "pivot" else run_cohorts(args)


def run_cohorts(args: argparse.Namespace) -> int:
    from crmdesk.io import cohorts as matrix
    from crmdesk.io.export import write_output

    as_of = args.end or dt.date.today()
    fmt = _format(args)
    progress = TerminalProgress()
    database = open_for_reading(args.db)
    try:
        out, where = output_target(args, fmt)
        try:
            result = matrix.compute(database, as_of, args.start, progress)
            if fmt == "json":
                text = json.dumps(matrix.as_json(result), ensure_ascii=False, indent=2) + "\n"
                write_output(database, out, lambda handle: handle.write(text.encode("utf-8")))
            else:
                matrix.export(database, out, result, fmt, progress)
        finally:
            progress.done()
        if out is sys.stdout.buffer:
            out.flush()
    finally:
        database.close()
    count = len(result.months)
    info(
        _(
            "{cohorts} au {day:%d/%m/%Y}{where} ({fmt}).",
            cohorts=ngettext("{count} cohorte", "{count} cohortes", count),
            day=as_of,
            where=where,
            fmt=fmt,
        )
    )
    if count == 0:
        info(_("Aucune commande jusqu'à cette date : la matrice est vide."))
    return 0


def run_pivot(args: argparse.Namespace) -> int:
    from crmdesk.io import pivot

    end = args.end or dt.date.today()
    start = args.start or end.replace(month=1, day=1)
    if start > end:
        raise CrmError(
            N_("La période commence le {start:%d/%m/%Y}, après sa fin le {end:%d/%m/%Y}."), start=start, end=end
        )
    fmt = _format(args)
    progress = TerminalProgress()
    database = open_for_reading(args.db)
    try:
        out, where = output_target(args, fmt)
        try:
            result = pivot.export(database, out, args.rows, custom(start, end), fmt, progress)
        finally:
            progress.done()
        if out is sys.stdout.buffer:
            out.flush()
    finally:
        database.close()
    count = result.count
    rows = (
        ngettext("{count} client", "{count} clients", count)
        if args.rows == "client"
        else ngettext("{count} catégorie", "{count} catégories", count)
        if args.rows == "category"
        else ngettext("{count} commercial", "{count} commerciaux", count)
    )
    info(
        _(
            "{rows} × {months} du {start:%d/%m/%Y} au {end:%d/%m/%Y}{where} ({fmt}).",
            rows=rows,
            months=ngettext("{count} mois", "{count} mois", len(result.months)),
            start=start,
            end=end,
            where=where,
            fmt=fmt,
        )
    )
    return 0
