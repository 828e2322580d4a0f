"""crmdesk export clients / crmdesk export mailing.

`register(commands, formatter)` adds the « export » command and its two
subcommands to the main parser (handlers « export_clients » and
« export_mailing »); `run(args)` runs either.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from crmdesk.cli.output import Progress, db_option, info, plural
from crmdesk.domain import mailing as mailing_rules
from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.io import vcard
from crmdesk.io.export import export_clients, format_for_path
from crmdesk.io.mailing import export_mailing
from crmdesk.store.database import Database
from crmdesk.store.server.url import is_server_url

CLIENTS_DESCRIPTION = N_("""\
Exporte des clients (hors corbeille), triés par N° client : tous, ou ceux
d'un statut (--status) ou d'un segment RFM (--segment) du jour (grille des
statuts, méthode et fenêtre RFM du fichier : Analyse › Statuts clients… et
Analyse RFM… de l'application).

  - csv et xlsx : les colonnes de l'import (code, kind, civility, last_name,
    … consent_phone) ; le fichier produit se réimporte tel quel avec
    « crmdesk import clients » ;
  - CSV : UTF-8 avec BOM, séparateur point-virgule (Excel l'ouvre avec les
    accents) ; dates jj/mm/aaaa ; téléphones français au format national
    « 06 12 34 56 78 », étrangers au format international ; oui/non ;
  - une cellule commençant par = + - @ ' (ou une tabulation, un retour
    chariot) est précédée d'une apostrophe, pour qu'aucun tableur ne
    l'exécute comme une formule ;
  - xlsx (Excel) : texte en cellules texte (ces cellules-là marquées comme
    texte saisi avec une apostrophe), dates en vraies dates ;
  - vcard : un fichier .vcf de toutes les fiches (nom, société, téléphones,
    e-mail, adresse) pour un carnet d'adresses ; vCard 3.0 par défaut (lu par
    Outlook, Apple, Android), 4.0 avec --vcard-version 4.0 ;
  - --figures (csv et xlsx) ajoute les chiffres du jour, tels que la liste des
    clients les montre : status (libellé), revenue_12m (chiffre d'affaires des
    12 derniers mois : « 112450,00 » en CSV, un nombre en euros en xlsx),
    orders_12m, last_order, rfm_code, rfm_segment (libellé), figures_as_of (le
    jour de ces chiffres) ; ces colonnes calculées ne se réimportent pas.

Le fichier clients est ouvert en lecture seule : l'export marche pendant que
l'application l'utilise. Il doit exister. Un fichier n'est jamais écrit à
moitié : il est remplacé seulement une fois l'export terminé (disque plein,
Ctrl+C : l'ancien fichier reste, ou rien) ; il n'est lisible que par vous.
Dans un terminal, l'avancement s'affiche sur la sortie d'erreur.""")

CLIENTS_EPILOG = N_("""\
exemples :
  crmdesk export clients --db clients.sqlite --out clients.xlsx
  crmdesk export clients --db clients.sqlite --status premium --out premium.csv
  crmdesk export clients --db clients.sqlite --segment a_risque --format vcard --out a-relancer.vcf
  crmdesk export clients --db clients.sqlite --figures --out clients-et-chiffres.xlsx""")

MAILING_DESCRIPTION = N_("""\
Écrit la liste de diffusion d'un canal, en respectant les consentements et
les oppositions (RGPD) :
  email   les contacts qui ont une adresse e-mail et ont consenti à l'e-mail ;
  sms     ceux qui ont un numéro de portable et ont consenti au SMS ;
  phone   ceux qui ont un numéro de téléphone et ont consenti au téléphone ;
  post    tous ceux qui ont une adresse postale (la prospection par courrier
          est permise sauf opposition).
Sont toujours écartés les contacts en opposition et ceux dont l'adresse
e-mail ou un numéro est sur la liste d'opposition (personnes effacées qui
s'étaient opposées). Chaque contact écarté est compté sous une seule raison,
la première qui s'applique : opposition, liste d'opposition, adresse ou
numéro manquant, consentement manquant. Le décompte s'affiche à la fin
(« 312 sans consentement e-mail, 14 en opposition… »).

Colonnes : code, civility, last_name, first_name, company, puis email,
mobile ou phone avec consent_date et consent_source (date et source du
consentement), ou, pour post, address, postal_code, city, country (nom du
pays, vide pour la France). CSV ou xlsx, protégés contre les formules comme
l'export des clients ; tous les contacts hors corbeille, par N° client.""")

MAILING_EPILOG = N_("""\
exemples :
  crmdesk export mailing --db clients.sqlite --channel email --out emailing.csv
  crmdesk export mailing --db clients.sqlite --channel post --out courrier.xlsx""")

_OUT_HELP = N_(
    "fichier à écrire (remplacé s'il existe, sauf si c'est une base de données), ou - pour la "
    "sortie standard (par défaut)"
)


def register(commands, formatter) -> None:
    """The « export » command and its subcommands « clients » and « mailing »."""
    exporting = commands.add_parser(
        "export",
        help=_("exporte des clients ou une liste de diffusion"),
        description=_("Exporte des clients (CSV, Excel, vCard) ou la liste de diffusion d'un canal (CSV, Excel)."),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = exporting.add_subparsers(
        dest="what", title=_("quoi exporter"), metavar="{clients,mailing}", prog="crmdesk export"
    )
    what.required = True

    clients = what.add_parser(
        "clients",
        help=_("exporte des clients (CSV, Excel, vCard)"),
        description=_(CLIENTS_DESCRIPTION),
        epilog=_(CLIENTS_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(clients, _("fichier clients à lire (obligatoire ; doit exister)"))
    clients.add_argument(
        "--format",
        choices=("csv", "xlsx", "vcard"),
        help=_("csv, xlsx ou vcard ; par défaut d'après l'extension de --out (.xlsx, .vcf), sinon csv"),
    )
    clients.add_argument(
        "--status",
        metavar=_("STATUT"),
        type=status_arg,
        help=_(
            "seulement les clients de ce statut : {statuses} (ou aucun : sans statut)",
            statuses=", ".join(status_rules.STATUSES),
        ),
    )
    clients.add_argument(
        "--segment",
        metavar=_("SEGMENT"),
        type=segment_arg,
        help=_(
            "seulement les clients de ce segment RFM : {segments} (ou aucun : sans segment)",
            segments=", ".join(rfm_rules.SEGMENTS),
        ),
    )
    clients.add_argument(
        "--figures",
        action="store_true",
        help=_(
            "ajoute les chiffres du jour de chaque client (statut, CA et commandes des 12 "
            "derniers mois, dernière commande, code et segment RFM, leur date) ; csv et xlsx"
        ),
    )
    clients.add_argument(
        "--vcard-version",
        choices=vcard.VERSIONS,
        default=vcard.DEFAULT_VERSION,
        help=_("version des vCard (3.0 par défaut, 4.0)"),
    )
    clients.add_argument("--out", metavar=_("CHEMIN"), default="-", help=_(_OUT_HELP))
    clients.set_defaults(handler="export_clients")

    mailing = what.add_parser(
        "mailing",
        help=_("écrit la liste de diffusion d'un canal (CSV, Excel)"),
        description=_(MAILING_DESCRIPTION),
        epilog=_(MAILING_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(mailing, _("fichier clients à lire (obligatoire ; doit exister)"))
    mailing.add_argument(
        "--channel",
        choices=mailing_rules.CHANNELS,
        required=True,
        help=_("canal : email, sms, phone (téléphone) ou post (courrier) (obligatoire)"),
    )
    mailing.add_argument(
        "--format", choices=("csv", "xlsx"), help=_("csv ou xlsx ; par défaut d'après l'extension de --out, sinon csv")
    )
    mailing.add_argument("--out", metavar=_("CHEMIN"), default="-", help=_(_OUT_HELP))
    mailing.set_defaults(handler="export_mailing")


def _choice(text: str, labels: dict[str, str], what: str) -> str:
    """A code typed as its code or its label, any case, with or without accents;
    « aucun » = none ("")."""
    key = fold(text).replace(" ", "_").replace("-", "_")
    if key in ("aucun", "aucune", "none"):
        return ""
    for code, label in labels.items():
        if key in (code, fold(label).replace(" ", "_"), fold(_(label)).replace(" ", "_")):
            return code
    raise argparse.ArgumentTypeError(
        _(
            "{what} inconnu « {text} » (choisir parmi : {choices}, aucun)",
            what=_(what),
            text=text,
            choices=", ".join(labels),
        )
    )


def status_arg(text: str) -> str:
    return _choice(text, dict(status_rules.LABELS), N_("statut"))


def segment_arg(text: str) -> str:
    return _choice(text, {code: s.label for code, s in rfm_rules.SEGMENTS.items()}, N_("segment"))


def run(args: argparse.Namespace) -> int:
    return run_mailing(args) if args.handler == "export_mailing" else run_clients(args)


def _open(args: argparse.Namespace) -> Database:
    if is_server_url(args.db):  # issue 19: a server database instead of a file
        from crmdesk.cli.opening import open_for_reading

        return open_for_reading(args.db)
    return Database(Path(args.db).expanduser(), writer=False)


def _target(args: argparse.Namespace, fmt: str, binary_formats: tuple[str, ...] = ("xlsx",)):
    """(sys.stdout.buffer or the path, where it went for the message)."""
    if args.out in (None, "-"):
        if fmt in binary_formats and sys.stdout.isatty():
            raise CrmError(N_("Un classeur Excel ne s'affiche pas dans le terminal : indiquez --out fichier.xlsx."))
        sys.stdout.flush()
        return sys.stdout.buffer, ""
    out = Path(args.out).expanduser()
    return out, _(" dans « {path} »", path=out)


output_target = _target  # crmdesk cohorts and crmdesk pivot write their files the same way (cli/tabular.py)


def _selection_text(args: argparse.Namespace) -> str:
    parts = []
    if args.status is not None:
        parts.append(_("statut {label}", label=_(status_rules.LABELS.get(args.status, N_("aucun")))))
    if args.segment is not None:
        label = _(rfm_rules.SEGMENTS[args.segment].label) if args.segment else _("aucun")
        parts.append(_("segment {label}", label=label))
    return f" ({', '.join(parts)})" if parts else ""


def run_clients(args: argparse.Namespace) -> int:
    from crmdesk.store.figures import ids_where

    for name, default in (
        ("status", None),
        ("segment", None),
        ("vcard_version", vcard.DEFAULT_VERSION),
        ("figures", False),
    ):
        if not hasattr(args, name):  # a parser without these options
            setattr(args, name, default)
    fmt = format_for_path(None if args.out in (None, "-") else args.out, args.format)
    if args.figures and fmt not in ("csv", "xlsx"):
        raise CrmError(_("--figures s'exporte en CSV ou en xlsx, pas en vCard."))
    today = dt.date.today()
    selected = args.status is not None or args.segment is not None
    database = _open(args)
    try:
        out, where = _target(args, fmt)
        # the status and segment of today, not those of the day the file last computed them
        ids = ids_where(database, today, status=args.status, segment=args.segment) if selected else None
        with Progress(_("Export"), _("clients"), conn=database.conn) as progress:
            count = export_clients(
                database,
                out,
                fmt,
                ids=ids,
                vcard_version=args.vcard_version,
                figures_as_of=today if args.figures else None,
                progress=progress,
            )
        if out is sys.stdout.buffer:
            out.flush()
    finally:
        database.close()
    kind = f"vCard {args.vcard_version}" if fmt == "vcard" else fmt
    info(f"{plural(count, N_('client exporté'), N_('clients exportés'))}{_selection_text(args)}{where} ({kind}).")
    if count == 0 and selected:
        info(
            _(
                "Aucun client ne correspond au {day} (statuts et segments RFM du jour, selon la grille, la "
                "méthode et la fenêtre du fichier : Analyse › Statuts clients… et Analyse RFM… dans "
                "l'application).",
                day=f"{today:%d/%m/%Y}",
            )
        )
    return 0


def run_mailing(args: argparse.Namespace) -> int:
    fmt = format_for_path(None if args.out in (None, "-") else args.out, args.format)
    if fmt not in ("csv", "xlsx"):
        raise CrmError(
            N_(
                "une liste de diffusion s'écrit en CSV ou en xlsx, pas en {fmt} : indiquez --format "
                "csv ou un fichier .csv ou .xlsx."
            ),
            fmt=fmt,
        )
    database = _open(args)
    try:
        out, where = _target(args, fmt)
        with Progress(_("Liste de diffusion"), _("contacts lus"), conn=database.conn) as progress:
            counts = export_mailing(database, out, args.channel, fmt, progress=progress)
        if out is sys.stdout.buffer:
            out.flush()
    finally:
        database.close()
    info(_("Liste de diffusion{where} ({fmt}) : {summary}", where=where, fmt=fmt, summary=counts.summary()))
    return 0
