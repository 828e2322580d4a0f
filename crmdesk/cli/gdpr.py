"""crmdesk gdpr export | erase | retention | requests | clean (docs/domain/08-personal-data.md)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from crmdesk.cli.opening import open_database, open_for_reading
from crmdesk.cli.output import Progress, cell, db_option, format_option, info, number, plural, print_csv, print_json
from crmdesk.domain import retention as retention_rules
from crmdesk.domain import rights as rights_rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store import gdpr
from crmdesk.store.database import Database
from crmdesk.store.files import FOLDER_MODE, write_error
from crmdesk.store.rights import RightsStore
from crmdesk.store.server import on_server

BACKUPS_NOTE = N_("""\
Sauvegardes : une sauvegarde automatique est faite juste avant. Elle, et les
sauvegardes plus anciennes, contiennent encore la personne jusqu'à ce que la
politique de conservation les supprime (au plus cinq semaines, dès qu'une
sauvegarde plus récente existe : les 3 dernières, une par jour pendant 7
jours, une par semaine pendant 5 semaines). Les sauvegardes manuelles
(crmdesk backup) ne sont jamais élaguées, ni une copie d'avant une mise à
jour du fichier restée après une mise à jour interrompue : supprimez-les
vous-même si la personne doit en disparaître. Une fois le client anonymisé,
la commande liste les sauvegardes qui le contiennent encore (avec la date où
chacune sera supprimée), les fichiers d'où ses données ont été importées, et
rappelle les exports et impressions faits avant.""")

EXPORT_DESCRIPTION = N_("""\
Droit d'accès (article 15 du RGPD) : écrit dans DOSSIER tout ce que le fichier
clients contient sur une personne, en deux fichiers :
  donnees-<N° client>.pdf   lisible, à remettre à la personne
  donnees-<N° client>.json  les mêmes données, lisibles par un programme
(identité, coordonnées, consentements, commandes, échanges, tâches,
réclamations et leur historique, enquêtes, fidélité, réunions, demandes,
historique des modifications, anciennes valeurs gardées par les imports).
DOSSIER est créé s'il n'existe pas ; des fichiers du même nom sont remplacés.""")

ERASE_DESCRIPTION = N_("""\
Droit à l'effacement : anonymise un client. Ses commandes restent (montants et
dates, pour les statistiques) mais toute donnée qui l'identifie disparaît :
identité, coordonnées, notes, textes des échanges, des tâches, des
réclamations et de leur historique, commentaires d'enquête, pièces jointes,
étiquettes, index de recherche, historique des modifications (les valeurs,
pas les noms des champs) et anciennes valeurs gardées par les imports. Les
fiches en double fusionnées dans ce client sont anonymisées aussi. Si la
personne s'était opposée à la prospection, son courriel et ses téléphones
(sous forme d'empreintes) restent sur la liste d'opposition.

Le fichier est ensuite nettoyé (effacement sécurisé, VACUUM) pour que les
données effacées n'y restent pas. Irréversible : il faut --yes.

{backups}""")

RETENTION_DESCRIPTION = N_("""\
Liste les données à purger : les prospects sans contact depuis
gdpr.prospect_years ans (3 par défaut) et les clients sans achat depuis
gdpr.client_years ans (3 par défaut) ; une date « conserver jusqu'au » saisie
sur la fiche remplace ce calcul. Les clients à la corbeille comptent ; les
clients déjà anonymisés non. Réglages : crmdesk config set gdpr.client_years 5.

Colonnes : code, name, stage, reason (no_contact, no_purchase, keep_until),
reason_text, last_activity, keep_until, in_trash.
Avec --purge --yes, anonymise tous ceux de la liste (une seule transaction,
puis un seul nettoyage du fichier).""")

REQUESTS_DESCRIPTION = N_("""\
Registre des demandes de droits (accès, rectification, effacement,
opposition) : réponse due sous un mois (même jour du mois suivant, ou dernier
jour de ce mois). Sans option, liste les demandes, les ouvertes d'abord par
échéance (state : overdue = en retard, due_soon = à rendre dans les
{days} jours, open, answered).
  --add TYPE (--client CODE ou --requester NOM) [--received DATE] [--notes TEXTE]
  --answer N [--on DATE]""")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("date AAAA-MM-JJ attendue, pas « {text} »", text=text)) from None


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "gdpr",
        help=_("données personnelles (RGPD) : accès, effacement, conservation, demandes"),
        description=_("Droits des personnes sur leurs données (RGPD)."),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = parser.add_subparsers(
        dest="what", title=_("action"), metavar="{export,erase,retention,requests,clean}", prog="crmdesk gdpr"
    )
    what.required = True

    def sub(name: str, help_text: str, description: str, *, reading: bool = False):
        command = what.add_parser(
            name, help=help_text, description=description, formatter_class=formatter, allow_abbrev=False
        )
        db_option(command, _("fichier clients à lire (obligatoire)") if reading else _("fichier clients (obligatoire)"))
        command.set_defaults(handler="gdpr")
        return command

    export = sub("export", _("écrit les données d'un client (PDF et JSON)"), _(EXPORT_DESCRIPTION), reading=True)
    export.add_argument("--client", metavar=_("CODE"), required=True, help=_("N° du client (obligatoire)"))
    export.add_argument("--out", metavar=_("DOSSIER"), required=True, help=_("dossier où écrire les deux fichiers"))

    erase = sub("erase", _("anonymise un client (irréversible)"), _(ERASE_DESCRIPTION, backups=_(BACKUPS_NOTE)))
    erase.add_argument("--client", metavar=_("CODE"), required=True, help=_("N° du client (obligatoire)"))
    erase.add_argument("--yes", action="store_true", help=_("confirme l'anonymisation (obligatoire)"))

    keep = sub(
        "retention",
        _("liste les données à purger (durées de conservation dépassées)"),
        _(RETENTION_DESCRIPTION),
        reading=True,
    )
    format_option(keep)
    keep.add_argument("--as-of", metavar=_("DATE"), type=_date, default=None, help=_("date de référence (aujourd'hui)"))
    keep.add_argument("--purge", action="store_true", help=_("anonymise tous les clients de la liste (avec --yes)"))
    keep.add_argument("--yes", action="store_true", help=_("confirme la purge"))

    requests = sub(
        "requests", _("registre des demandes de droits"), _(REQUESTS_DESCRIPTION, days=rights_rules.ALERT_DAYS)
    )
    requests.add_argument(
        "--add",
        metavar=_("TYPE"),
        choices=tuple(rights_rules.KINDS),
        help=_("enregistre une demande : {kinds}", kinds=", ".join(rights_rules.KINDS)),
    )
    requests.add_argument("--client", metavar=_("CODE"), help=_("N° du client qui la fait"))
    requests.add_argument("--requester", metavar=_("NOM"), help=_("nom du demandeur (s'il n'est pas dans le fichier)"))
    requests.add_argument("--received", metavar=_("DATE"), type=_date, default=None, help=_("reçue le (aujourd'hui)"))
    requests.add_argument("--notes", metavar=_("TEXTE"), help=_("notes"))
    requests.add_argument("--answer", metavar=_("N"), type=int, help=_("note la réponse à la demande N"))
    requests.add_argument(
        "--on", metavar=_("DATE"), type=_date, default=None, help=_("date de la réponse (aujourd'hui)")
    )
    requests.add_argument("--open", action="store_true", help=_("seulement les demandes sans réponse"))
    requests.add_argument(
        "--as-of", metavar=_("DATE"), type=_date, default=None, help=_("date de référence (aujourd'hui)")
    )
    format_option(requests)

    sub(
        "clean",
        _("refait le nettoyage du fichier après une anonymisation"),
        _(
            "Efface du fichier les traces de données supprimées (index de recherche fusionné, VACUUM, "
            "journal WAL vidé)."
        ),
    )


def run(args: argparse.Namespace) -> int:
    return {
        "export": run_export,
        "erase": run_erase,
        "retention": run_retention,
        "requests": run_requests,
        "clean": run_clean,
    }[args.what](args)


def run_export(args: argparse.Namespace) -> int:
    from crmdesk.reports.access_report import export_access

    folder = Path(args.out).expanduser()
    if not folder.parent.is_dir():
        raise CrmError(N_("Le dossier « {folder} » n'existe pas : rien n'a été écrit."), folder=folder.parent)
    if folder.exists() and not folder.is_dir():
        raise CrmError(N_("« {path} » est un fichier : donnez un dossier."), path=folder)
    with open_for_reading(args.db) as database:
        contact_id = gdpr.contact_id_of_code(database, args.client)
        try:
            folder.mkdir(mode=FOLDER_MODE, exist_ok=True)  # it holds personal data: owner-only
        except OSError as exc:
            raise write_error(folder.parent, exc) from None
        json_path, pdf_path = export_access(database, contact_id, folder)
    print(pdf_path)
    print(json_path)
    return 0


def _backup(database: Database, db: str) -> None:
    """The automatic backup before an erasure (crmdesk/store/backups.py; on a
    server a pg_dump archive, as crmdesk backup makes); an error stops the
    command before anything is erased."""
    from crmdesk.store import backups

    if on_server(database):
        from crmdesk.store.server import archive

        with Progress(_("Sauvegarde avant l'anonymisation")) as progress, progress.ticking():
            made = archive.backup(db, None)
    else:
        with Progress(_("Sauvegarde avant l'anonymisation"), _("pages")) as progress:
            made = backups.automatic(database, "purge", reuse=True, progress=progress)
    if made is not None:
        info(_("Sauvegarde faite avant l'anonymisation : {path}", path=made))


def _erased_message(result: gdpr.ErasureResult, codes: list[str]) -> None:
    kept = plural(result.orders_kept, N_("commande conservée"), N_("commandes conservées"))
    info(
        _(
            "{clients} ({codes}) : {kept} pour les statistiques.",
            clients=plural(len(result.erased), N_("client anonymisé"), N_("clients anonymisés")),
            codes=", ".join(codes),
            kept=kept,
        )
    )
    if result.suppressed:
        info(
            _(
                "Opposition à la prospection conservée : {prints} ajoutée(s) à la liste d'opposition.",
                prints=plural(result.suppressed, N_("empreinte"), N_("empreintes")),
            )
        )
    if not result.cleaned:
        info(
            _(
                "Attention : un autre programme lisait le fichier, son journal n'a pas pu être vidé. "
                "Fermez-le puis lancez « crmdesk gdpr clean »."
            )
        )


def _clean(database: Database) -> bool:
    """The file cleaned after an erasure (VACUUM: a minute on a big file), with the elapsed time shown."""
    with Progress(_("Nettoyage du fichier"), conn=database.conn) as progress, progress.ticking():
        cleaned = gdpr.clean_file(database)
    if on_server(database):
        info(
            _(
                "Sur un serveur, les anciennes versions des lignes effacées restent dans ses fichiers jusqu'à "
                "ce qu'il les réutilise, et dans ses journaux et sauvegardes : son administrateur peut les "
                "effacer tout de suite (VACUUM FULL)."
            )
        )
    return cleaned


def run_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CrmError(
            N_(
                "L'anonymisation du client « {code} » est irréversible : relancez avec --yes pour "
                "confirmer. Rien n'a été changé."
            ),
            code=args.client,
        )
    with open_database(args.db) as database:
        contact_id = gdpr.contact_id_of_code(database, args.client)
        _backup(database, args.db)
        copies = gdpr.copies_left(database, contact_id)  # before: the import records go with the person
        with Progress(_("Anonymisation"), conn=database.conn):
            result = gdpr.erase(database, contact_id, clean=False)
        result.cleaned = _clean(database)
        codes = [retention_rules.anonymous_code(i) for i in result.erased]
    _erased_message(result, codes)
    list_copies(copies)
    print(codes[0])
    return 0


def list_copies(copies: list[gdpr.Copy]) -> None:
    """Where the person may still be, on stderr."""
    info(_("Des copies de ces données peuvent rester hors du fichier clients :"))
    for copy in copies:
        info(f"  - {copy.text}")


_RETENTION_COLUMNS = ("code", "name", "stage", "reason", "reason_text", "last_activity", "keep_until", "in_trash")


def run_retention(args: argparse.Namespace) -> int:
    if args.purge and not args.yes:
        raise CrmError(
            N_(
                "La purge anonymise tous les clients de la liste, sans retour possible : relancez avec "
                "--purge --yes pour confirmer. Rien n'a été changé."
            )
        )
    opener = (lambda: open_database(args.db)) if args.purge else (lambda: open_for_reading(args.db))
    with opener() as database:
        found = gdpr.retention_candidates(database, args.as_of)
        if args.purge:
            if not found:
                info(_("Aucune donnée à purger."))
                return 0
            _backup(database, args.db)
            with Progress(_("Anonymisation"), _("clients"), conn=database.conn) as progress:
                result = gdpr.purge(database, [c.contact_id for c in found], clean=False, progress=progress)
            result.cleaned = _clean(database)
            _erased_message(result, [c.code for c in found])
            return 0
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "stage": c.stage,
            "reason": c.reason,
            "reason_text": c.reason_text(),
            "last_activity": c.last_activity.isoformat() if c.last_activity else "",
            "keep_until": c.keep_until.isoformat() if c.keep_until else "",
            "in_trash": c.in_trash,
        }
        for c in found
    ]
    _write(rows, _RETENTION_COLUMNS, args.format)
    info(f"{plural(len(rows), N_('client à purger'), N_('clients à purger'))}.")
    return 0


_REQUEST_COLUMNS = (
    "id",
    "kind",
    "client_code",
    "requester",
    "received_on",
    "due_on",
    "answered_on",
    "state",
    "days_left",
)


def run_requests(args: argparse.Namespace) -> int:
    today = args.as_of or dt.date.today()
    writing = args.add is not None or args.answer is not None
    with open_database(args.db) if writing else open_for_reading(args.db) as database:
        store = RightsStore(database)
        if args.add:
            contact_id = gdpr.contact_id_of_code(database, args.client) if args.client else None
            request_id = store.add(
                {
                    "kind": args.add,
                    "contact_id": contact_id,
                    "requester": args.requester,
                    "received_on": (args.received or today).isoformat(),
                    "notes": args.notes,
                }
            )
            request = store.get(request_id, today)
            print(
                _(
                    "Demande n° {number} ({kind}) enregistrée : réponse due le {day}.",
                    number=request_id,
                    kind=_(rights_rules.KINDS[args.add]),
                    day=format_date(request["due_on"]),
                )
            )
            return 0
        if args.answer is not None:
            store.answer(args.answer, args.on or today)
            print(_("Réponse à la demande n° {number} notée.", number=args.answer))
            return 0
        rows = store.listing(today, open_only=args.open)
        alerts = store.alerts(today)
    _write([{c: r[c] for c in _REQUEST_COLUMNS} for r in rows], _REQUEST_COLUMNS, args.format)
    if alerts["overdue"] or alerts["due_soon"]:
        info(
            _(
                "{late}, {soon} à rendre dans les {days} jours.",
                late=plural(alerts["overdue"], N_("demande en retard"), N_("demandes en retard")),
                soon=number(alerts["due_soon"]),
                days=rights_rules.ALERT_DAYS,
            )
        )
    return 0


def run_clean(args: argparse.Namespace) -> int:
    with open_database(args.db) as database:
        cleaned = gdpr.clean_file(database)
    if not cleaned:
        raise CrmError(
            N_("Un autre programme lit le fichier : son journal n'a pas pu être vidé. Fermez-le puis recommencez.")
        )
    info(_("Fichier nettoyé."))
    return 0


def _write(rows: list[dict], columns: tuple[str, ...], fmt: str) -> None:
    if fmt == "json":
        print_json(rows)
    else:  # names and requesters are typed by users: `cell` neutralises them
        print_csv(columns, ([cell(row[c]) for c in columns] for row in rows))
