"""The `crmdesk` command: the application window, or a command on a client file.

Exit codes: 0 everything went well; 1 a problem was found or the operation
was refused (message on stderr in the environment's language, French unless
LANGUAGE / LC_ALL / LC_MESSAGES / LANG ask for English; never a traceback for
a user error); 2 the command line is wrong (argparse).
"""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from crmdesk import __version__
from crmdesk.cli.i18n import argparse_speaking
from crmdesk.cli.output import db_option, error
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _, language_from_environment, pgettext, set_language
from crmdesk.store import health
from crmdesk.store.errors import DamagedFile
from crmdesk.store.reasons import os_reason, unreadable
from crmdesk.store.server.url import is_server_url

DEMOS = ("sweetybio", "boldair")

_MAIN_USAGE = N_("""\
crmdesk [--db FICHIER | --demo [{sweetybio,boldair}] | --install-desktop-entry]
       crmdesk COMMANDE … (voir crmdesk COMMANDE --help)
       crmdesk --version""")

_MAIN_DESCRIPTION = N_("""\
crmdesk — le fichier clients hors ligne d'une petite entreprise.

Sans commande, ouvre l'application (fenêtre) : sur FICHIER avec --db, sinon
sur le dernier fichier ouvert ; --demo ouvre une démo prête à explorer.
Les commandes ci-dessous travaillent sur un fichier clients sans fenêtre.
Partout où un FICHIER est attendu, --db accepte aussi l'adresse d'une base
sur un serveur PostgreSQL (postgresql://identifiant@serveur/base ; le mot de
passe dans ~/.pgpass ou le trousseau, jamais dans l'adresse).""")

_MAIN_EPILOG = N_("""\
exemples :
  crmdesk --db clients.sqlite                      ouvre le fichier dans l'application
  crmdesk --demo boldair                           ouvre la démo « Le Bol d'Air »
  crmdesk demo sweetybio --out demo.sqlite         écrit la démo « Sweety Bio » dans un fichier
  crmdesk import clients clients.csv --db clients.sqlite --dry-run
  crmdesk import orders commandes.csv --db clients.sqlite
  crmdesk import surveys enquetes.csv --db clients.sqlite
  crmdesk import web site.csv --db clients.sqlite
  crmdesk export clients --db clients.sqlite --out clients.xlsx
  crmdesk export clients --db clients.sqlite --segment a_risque --out a-relancer.vcf
  crmdesk export mailing --db clients.sqlite --channel email --out emailing.csv
  crmdesk check --db clients.sqlite
  crmdesk backup --db clients.sqlite
  crmdesk restore --db clients.sqlite                liste les sauvegardes (puis : restore SAUVEGARDE --db …)
  crmdesk tasks --db clients.sqlite --due-before 2026-11-30
  crmdesk loyalty rebate --db clients.sqlite --period 2026
  crmdesk reps --db clients.sqlite --period 2026
  crmdesk gdpr export --db clients.sqlite --client C000042 --out acces/
  crmdesk gdpr erase --db clients.sqlite --client C000042 --yes
  crmdesk gdpr retention --db clients.sqlite --format json
  crmdesk rfm --db clients.sqlite --method quantile --out rfm.csv
  crmdesk segments --db clients.sqlite --as-of 2026-11-23
  crmdesk complaint add --db clients.sqlite --client C000042 --subject "Colis abîmé" --kind delivery
  crmdesk complaint list --db clients.sqlite --open
  crmdesk complaint letter --db clients.sqlite --ref R-2026-0006 --kind closure --out reponse.pdf
  crmdesk config set complaints.day_kind ouvres --db clients.sqlite
  crmdesk sheet --db clients.sqlite --client SB00007 SB00012 --out fiches.pdf
  crmdesk cards --db clients.sqlite --all --out cartes.pdf
  crmdesk kpi --db clients.sqlite --from 2026-01-01 --to 2026-11-23 --format json
  crmdesk cohorts --db clients.sqlite --out cohortes.xlsx
  crmdesk pivot --db clients.sqlite --rows category --out ca-categories.xlsx
  crmdesk letters --db clients.sqlite --template "Relance des clients à risque" --segment a_risque --out relance.pdf
  crmdesk labels --db clients.sqlite --format L7163 --start 5 --sort-postal --out etiquettes.pdf
  crmdesk recall --db clients.sqlite --lot L240615 --from 2026-10-01 --to 2026-11-23 > appels.csv
  crmdesk templates list --db clients.sqlite

Aide d'une commande : crmdesk import clients --help

codes de sortie :
  0  tout s'est bien passé
  1  problème trouvé ou opération refusée (explication en français sur la sortie d'erreur)
  2  ligne de commande incorrecte""")

_DEMO_DESCRIPTION = N_("""\
Écrit un fichier clients de démonstration, identique à chaque fois :
  sweetybio  Sweety Bio (épicerie bio, clients B2B et B2C, un an de commandes)
  boldair    Le Bol d'Air (art de la table, vente en réunions à domicile)
Un FICHIER existant n'est remplacé qu'avec --force (sinon refus, code 1).""")

_FILES_HELP = N_("""\
Le fichier : CSV (encodage UTF-8 avec ou sans BOM, ou Windows-1252 comme
l'enregistre Excel ; séparateur point-virgule, virgule ou tabulation : tout
est détecté), classeur Excel (.xlsx) ou OpenDocument (.ods) : la première
feuille, ou celle de --sheet ; une formule donne la valeur que le tableur a
enregistrée, elle n'est jamais exécutée. Un fichier vide, sans ligne après
l'en-tête, binaire, piégé (archive qui se décompresserait en gigaoctets, XML
à entités) est refusé avant toute écriture.

Colonnes : sans --mapping, crmdesk propose une correspondance d'après les
en-têtes (noms français ou anglais, sans tenir compte des majuscules, des
accents ni de la ponctuation) et l'affiche avant d'importer ; une colonne qui
ne correspond à rien est ignorée (signalée) ; deux colonnes pour un même
champ font refuser le fichier. --save-mapping FICHIER.json écrit cette
correspondance sans rien importer : modifiez-la (null = colonne ignorée)
puis relancez avec --mapping FICHIER.json.""")

_IMPORT_CLIENTS_DESCRIPTION = N_(
    """\
Importe des clients depuis un fichier CSV, Excel ou OpenDocument dans le
fichier clients (créé s'il n'existe pas).

{files}

Les clients :
  - les champs, dans n'importe quel ordre : code, kind, civility, last_name,
      first_name, company, siret, email, phone, address, postal_code, city,
      country, birth_date, first_contact, source, rep, tags, notes,
      consent_email, consent_sms, consent_phone, stage, is_host, ambassador,
      annual_revenue
    (ou N° client, nom, prénom, société, e-mail, tél., adresse, code postal,
    ville, pays, commercial, étiquettes, hôte, nom ambassadeur, CA annuel…) ;
    il faut au moins last_name (nom) ou company (raison sociale) ;
  - is_host (« Hôte ») : oui/non, le client reçoit des réunions à domicile ;
  - ambassador (« Nom Ambassadeur ») : comme rep, mais créé avec le type
    « ambassadeur » s'il n'existe pas (rep ou ambassador, pas les deux) ;
  - annual_revenue (« CA annuel ») : le chiffre d'affaires se calcule
    toujours à partir des commandes ; le CA annuel devient donc une
    commande d'ouverture (canal « opening », réf. OUV-<N° client>-<date>)
    de ce montant, datée du 1er janvier de l'année en cours ou de
    --opening-date, pour que CA, statut et RFM en tiennent compte ; un client
    créé avec un CA annuel est un client (plus un prospect) ;
  - dates jj/mm/aaaa ou aaaa-mm-jj ; oui/non, 1/0, true/false ;
    kind : person ou company (particulier, entreprise) ; civility : M. ou Mme ;
    source : web, social, fair, phone, shop, home_party, referral, other
    (ou site web, salon, boutique, réunion, parrainage…) ;
    stage : prospect (par défaut), client ou former ;
  - rep : nom du commercial ou de l'ambassadrice, créé s'il n'existe pas ;
  - tags : étiquettes séparées par des virgules ;
  - une cellule « '=… » ou « '+33… » (protégée par l'export de crmdesk) est
    lue sans son apostrophe.

Tout l'import se fait en une seule transaction. Une ligne invalide est
refusée avec son numéro et la raison (sur la sortie d'erreur), les autres sont
importées — sauf avec --strict.

Fichiers enregistrés par Excel : un code postal français de 4 chiffres
retrouve son 0 (« 1000 » → « 01000 »), un téléphone français de 9 chiffres
aussi (612345678 → 06 12 34 56 78) ; une ligne dont seule une valeur
facultative est invalide (e-mail, téléphone, date de naissance, date du
premier contact, SIRET, civilité, origine, code postal) est importée sans
cette valeur. Chaque cas est signalé (« attention : … », compté, avec ses
premières lignes). Avec --strict, une telle ligne est refusée.

N° client (colonne code) :
  - vide ou absent : le numéro suivant du fichier est donné (SB00441 après
    SB00440 ; C000001 dans un fichier neuf ; réglages clients.code_prefix et
    clients.code_width) ;
  - déjà présent dans le fichier clients : la ligne est refusée (« N° client
    déjà présent ») ; avec --update, ce client est mis à jour avec les
    colonnes du CSV (une cellule vide vide le champ ; kind, stage et country
    vides ne changent pas ; la colonne tags remplace les étiquettes) ;
  - deux fois dans le CSV : la seconde ligne est refusée.

Un consentement « oui » est enregistré avec la date du jour et la source
« import <nom du CSV> »."""
)

_IMPORT_CLIENTS_EPILOG = N_("""\
exemples :
  crmdesk import clients clients.csv --db clients.sqlite --dry-run
  crmdesk import clients clients.csv --db clients.sqlite --rejects refus.csv
  crmdesk import clients fichier.xlsx --db clients.sqlite --save-mapping colonnes.json
  crmdesk import clients fichier.xlsx --db clients.sqlite --mapping colonnes.json

code de sortie 1 si au moins une ligne est refusée (les autres sont importées,
sauf avec --strict), ou si l'import est impossible.""")

_IMPORT_ORDERS_DESCRIPTION = N_(
    """\
Importe des commandes (historique d'achats) depuis un fichier CSV, Excel ou
OpenDocument dans le fichier clients (créé s'il n'existe pas).

{files}

Champs : client_code, date, amount, et au choix order_ref, channel, rep,
product, category, quantity, unit_price, lot (ou code client, date, montant,
réf commande, canal, commercial, produit, catégorie, quantité, prix unitaire,
n° de lot).

  - sans order_ref, chaque ligne est une commande ; les lignes qui ont la même
    order_ref forment UNE commande (montant = somme des lignes) et doivent
    avoir le même client, la même date, le même canal et le même commercial ;
  - amount : montant de la ligne en euros, « 1 254,50 », « 1 254,50 € » ou
    « 1254.50 » ; date : jj/mm/aaaa ou aaaa-mm-jj (pas dans le futur) ;
  - channel : shop, web, phone, home_party, fair, opening ou vide (boutique,
    site, téléphone, réunion, salon, ouverture sont compris) ;
  - product, category, quantity, unit_price décrivent le détail de la ligne
    (montant = quantité × prix unitaire − remise) ; produits, catégories et
    commerciaux inconnus sont créés ; lot : le n° de lot du produit vendu,
    gardé sur la ligne (un rappel de produit retrouve ainsi ses acheteurs) ;
  - client_code inconnu : la ligne est refusée, sauf avec --create-missing ;
  - une order_ref déjà présente dans le fichier clients est refusée (un même
    fichier importé deux fois ne double pas le chiffre d'affaires) ; une ligne
    refusée fait refuser toute sa commande.

Un prospect qui reçoit une commande devient client. Tout l'import se fait en
une seule transaction."""
)

_IMPORT_ORDERS_EPILOG = N_("""\
exemple :
  crmdesk import orders commandes.csv --db clients.sqlite --create-missing

code de sortie 1 si au moins une ligne est refusée (les autres sont importées,
sauf avec --strict), ou si l'import est impossible.""")

_CHECK_DESCRIPTION = N_("""\
Vérifie un fichier clients sans le modifier : intégrité SQLite
(integrity_check), références entre tables (foreign_key_check), textes
illisibles (octets qui ne sont pas de l'UTF-8, écrits par un autre programme :
chaque cellule est nommée, table, ligne et colonne), version du schéma.
Affiche un rapport en français ; code de sortie 1 si un problème est trouvé
(fichier endommagé, références cassées, texte illisible, pas un fichier
crmdesk, version plus récente de crmdesk). Un schéma plus ancien n'est pas un
problème : il est mis à jour à la prochaine ouverture en écriture. Un fichier
sur un support en lecture seule (CD, partage) est vérifié sans rien y écrire.

Avec --repair : les textes illisibles sont réécrits tels que crmdesk les
affiche (« \ufffd » à la place de chaque octet illisible), tous en une
transaction, après une sauvegarde vérifiée (motif « reparation ») ; corrigez
ensuite ces valeurs à la main. Un fichier endommagé n'est jamais modifié :
restaurez plutôt sa dernière sauvegarde (crmdesk restore).""")

# Options of every `crmdesk import …` that name a file or a sheet: (flag, metavar, help).
_IMPORT_FILE_OPTIONS = (
    (
        "--rejects",
        N_("FICHIER"),
        N_("écrit aussi les lignes refusées dans ce CSV (ligne, motif, valeurs), pour les corriger et les réimporter"),
    ),
    (
        "--mapping",
        N_("FICHIER.json"),
        N_(
            "correspondance des colonnes à utiliser (écrite par --save-mapping puis "
            "modifiée), au lieu de celle proposée d'après les en-têtes"
        ),
    ),
    (
        "--save-mapping",
        N_("FICHIER.json"),
        N_(
            "écrit la correspondance des colonnes (proposée, ou celle de --mapping) "
            "dans ce fichier, à modifier, et s'arrête sans rien importer"
        ),
    ),
    ("--sheet", N_("FEUILLE"), N_("classeur (.xlsx, .ods) : la feuille à lire (la première par défaut)")),
)


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="crmdesk",
        usage=_(_MAIN_USAGE),
        description=_(_MAIN_DESCRIPTION),
        epilog=_(_MAIN_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--version", action="version", version=f"crmdesk {__version__}", help=_("affiche la version et quitte")
    )
    opening = parser.add_mutually_exclusive_group()
    opening.add_argument(
        "--db",
        metavar=_("FICHIER"),
        default=None,
        help=_("fichier clients à ouvrir (.sqlite), ou postgresql://identifiant@serveur/base"),
    )
    opening.add_argument(
        "--demo",
        nargs="?",
        const="sweetybio",
        choices=DEMOS,
        metavar="{sweetybio,boldair}",
        help=_("ouvre une démo dans l'application (sweetybio par défaut), sans toucher à vos fichiers"),
    )
    opening.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help=_(
            "ajoute crmdesk au menu des applications (Linux : entrée et icônes dans votre "
            "dossier de données, ~/.local/share), puis quitte"
        ),
    )
    commands = parser.add_subparsers(
        dest="command", title=pgettext("ligne de commande", "commandes"), metavar=_("COMMANDE"), prog="crmdesk"
    )

    demo = commands.add_parser(
        "demo",
        help=_("écrit un fichier de démonstration"),
        description=_(_DEMO_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    demo.add_argument("name", choices=DEMOS, metavar="{sweetybio,boldair}", help=_("quelle démo"))
    demo.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("fichier à écrire (obligatoire)"))
    demo.add_argument("--force", action="store_true", help=_("remplace FICHIER s'il existe (sinon refus, code 1)"))
    demo.set_defaults(handler="demo")

    importing = commands.add_parser(
        "import",
        help=_("importe des clients, des commandes ou des indicateurs (CSV, Excel, OpenDocument)"),
        description=_(
            "Importe un fichier CSV, Excel (.xlsx) ou OpenDocument (.ods) : "
            "clients, commandes, réponses aux enquêtes de satisfaction, "
            "chiffres du site ou des réseaux sociaux."
        ),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = importing.add_subparsers(
        dest="what",
        title=_("quoi importer"),
        metavar="{clients,orders,surveys,web,social,list,undo}",
        prog="crmdesk import",
    )
    what.required = True
    clients = what.add_parser(
        "clients",
        help=_("importe des clients"),
        description=_(_IMPORT_CLIENTS_DESCRIPTION, files=_(_FILES_HELP)),
        epilog=_(_IMPORT_CLIENTS_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    orders = what.add_parser(
        "orders",
        help=_("importe des commandes"),
        description=_(_IMPORT_ORDERS_DESCRIPTION, files=_(_FILES_HELP)),
        epilog=_(_IMPORT_ORDERS_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    from crmdesk.cli import indicators

    kinds = [
        (clients, _("le fichier des clients (CSV, .xlsx ou .ods)")),
        (orders, _("le fichier des commandes (CSV, .xlsx ou .ods)")),
    ]
    for kind, (summary, description, file_help) in indicators.IMPORTS.items():
        sub = what.add_parser(
            kind,
            help=_(summary),
            description=_(description),
            epilog=_(indicators.IMPORT_EPILOG),
            formatter_class=formatter,
            allow_abbrev=False,
        )
        sub.set_defaults(handler="import_indicators")
        kinds.append((sub, _(file_help)))
    for sub, file_help in kinds:
        sub.add_argument("file", metavar=_("FICHIER"), help=file_help)
        db_option(sub, _("fichier clients où importer (obligatoire ; créé s'il n'existe pas)"))
        sub.add_argument(
            "--dry-run",
            action="store_true",
            help=_(
                "simulation : tout est vérifié et compté, rien n'est enregistré (le fichier "
                "clients n'est ni créé ni modifié)"
            ),
        )
        sub.add_argument(
            "--strict",
            action="store_true",
            help=_(
                "tout ou rien : si une ligne est refusée, rien n'est importé (clients : une "
                "valeur facultative invalide fait refuser sa ligne au lieu d'être laissée vide)"
            ),
        )
        for flag, metavar, text in _IMPORT_FILE_OPTIONS:
            sub.add_argument(flag, metavar=_(metavar), help=_(text))
    clients.add_argument(
        "--update",
        action="store_true",
        help=_("met à jour les clients dont le N° (code) existe déjà, au lieu de refuser ces lignes"),
    )
    clients.add_argument(
        "--duplicates",
        choices=("keep", "skip", "merge"),
        help=_(
            "cherche les doublons probables (même e-mail, même téléphone, même SIRET, noms "
            "proches dans le même code postal ou la même entreprise) parmi les clients du "
            "fichier et les lignes déjà lues, les liste, puis : keep les importe quand même, "
            "skip ignore ces lignes, merge complète le client existant le plus ressemblant "
            "(seuls ses champs vides sont remplis). Sans cette option, pas de recherche "
            "(plus rapide pour les gros fichiers)"
        ),
    )
    clients.add_argument(
        "--opening-date",
        metavar=_("DATE"),
        help=_(
            "date des commandes d'ouverture faites du « CA annuel » (jj/mm/aaaa ; par défaut "
            "le 1er janvier de l'année en cours)"
        ),
    )
    orders.add_argument(
        "--create-missing",
        action="store_true",
        help=_("crée un client minimal « À COMPLÉTER » pour chaque code client inconnu, au lieu de refuser ses lignes"),
    )
    clients.set_defaults(handler="import_clients")
    orders.set_defaults(handler="import_orders")
    from crmdesk.cli.import_batches import register_undo_list

    register_undo_list(what, formatter)

    from crmdesk.cli.exporting import register as register_exports

    register_exports(commands, formatter)

    check = commands.add_parser(
        "check",
        help=_("vérifie un fichier clients"),
        description=_(_CHECK_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(check, _("fichier clients à vérifier (obligatoire)"))
    check.add_argument(
        "--repair",
        action="store_true",
        help=_("réécrit les textes illisibles (après une sauvegarde), en une transaction"),
    )
    check.set_defaults(handler="check")

    from crmdesk.cli.maintenance import register as register_maintenance

    register_maintenance(commands, formatter)  # backup, restore

    from crmdesk.cli.analytics import register as register_analytics

    register_analytics(commands, formatter)
    from crmdesk.cli.complaints import register as register_complaints

    register_complaints(commands, formatter)
    from crmdesk.cli.config import register as register_config

    register_config(commands, formatter)
    from crmdesk.cli.printing import register as register_printing

    register_printing(commands, formatter)
    from crmdesk.cli.kpi import register as register_kpi

    register_kpi(commands, formatter)
    from crmdesk.cli.duplicates import register as register_duplicates

    register_duplicates(commands, formatter)
    from crmdesk.cli.tasks import register as register_tasks

    register_tasks(commands, formatter)
    from crmdesk.cli.loyalty import register as register_loyalty

    register_loyalty(commands, formatter)
    from crmdesk.cli.gdpr import register as register_gdpr

    register_gdpr(commands, formatter)
    from crmdesk.cli.tabular import register as register_tabular

    register_tabular(commands, formatter)  # cohorts, pivot
    from crmdesk.cli.outreach import register as register_outreach

    register_outreach(commands, formatter)  # letters, labels, envelopes, recall, templates
    from crmdesk.cli.emailing import register as register_email

    register_email(commands, formatter)  # email (its selection options are outreach's)
    from crmdesk.cli.server import register as register_server

    register_server(commands, formatter)  # server copy (issue 19)
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    handler = args.handler
    if handler == "demo":
        from crmdesk.cli.demo import run_demo

        return run_demo(args)
    if handler == "import_clients":
        from crmdesk.cli.importing import run_clients

        return run_clients(args)
    if handler == "import_orders":
        from crmdesk.cli.importing import run_orders

        return run_orders(args)
    if handler == "import_indicators":
        from crmdesk.cli.indicators import run_import

        return run_import(args)
    if handler in ("import_list", "import_undo"):
        from crmdesk.cli import import_batches

        return import_batches.run_list(args) if handler == "import_list" else import_batches.run_undo(args)
    if handler in ("export_clients", "export_mailing"):
        from crmdesk.cli import exporting

        return exporting.run(args)
    if handler == "server_copy" or (handler in ("check", "backup", "restore") and is_server_url(args.db)):
        # a postgresql:// URL instead of a file (issue 19)
        from crmdesk.cli import server

        return {
            "server_copy": server.run_copy,
            "check": server.run_check,
            "backup": server.run_backup,
            "restore": server.run_restore,
        }[handler](args)
    if handler == "check":
        from crmdesk.cli.maintenance import run_check

        return run_check(args)
    if handler == "backup":
        from crmdesk.cli.maintenance import run_backup

        return run_backup(args)
    if handler == "restore":
        from crmdesk.cli.maintenance import run_restore

        return run_restore(args)
    if handler == "tasks":
        from crmdesk.cli import tasks

        return tasks.run(args)
    if handler.startswith("loyalty_") or handler == "reps":
        from crmdesk.cli import loyalty

        return loyalty.run(args)
    if handler == "gdpr":
        from crmdesk.cli import gdpr

        return gdpr.run(args)
    if handler == "rfm":
        from crmdesk.cli.analytics import run_rfm

        return run_rfm(args)
    if handler == "segments":
        from crmdesk.cli.analytics import run_segments

        return run_segments(args)
    if handler in ("complaint_add", "complaint_list", "complaint_letter"):
        from crmdesk.cli import complaints

        return {
            "complaint_add": complaints.run_add,
            "complaint_list": complaints.run_list,
            "complaint_letter": complaints.run_letter,
        }[handler](args)
    if handler in ("config_get", "config_set"):
        from crmdesk.cli import config

        return config.run_get(args) if handler == "config_get" else config.run_set(args)
    if handler == "duplicates":
        from crmdesk.cli import duplicates

        return duplicates.run(args)
    if handler in ("cohorts", "pivot"):
        from crmdesk.cli import tabular

        return tabular.run(args)
    if handler == "kpi":
        from crmdesk.cli import kpi

        return kpi.run(args)
    if handler in ("sheet", "cards"):
        from crmdesk.cli import printing

        return printing.run(args)
    if handler in ("letters", "labels", "envelopes", "recall", "templates_list"):
        from crmdesk.cli import outreach

        return outreach.run(args)
    if handler == "email":
        from crmdesk.cli.emailing import run_email

        return run_email(args)
    raise AssertionError(handler)  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = language_from_environment()
    set_language(language)  # the command line speaks the environment's language
    with argparse_speaking(language):
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version (0) or a usage error (2)
            return int(exc.code or 0)
        if args.command is not None and args.demo is not None:
            return _usage_error(parser, _("--demo ouvre l'application : il ne se combine pas avec une commande"))
        if args.command is not None and args.install_desktop_entry:
            return _usage_error(parser, _("--install-desktop-entry ne se combine pas avec une commande"))
    try:
        if args.command is None and args.install_desktop_entry:
            from crmdesk.cli.launch import install_desktop_entry

            return install_desktop_entry()
        if args.command is None:
            from crmdesk.cli.launch import run_gui

            return run_gui(args.db, args.demo)
        return _dispatch(args)
    except CrmError as exc:
        error(str(exc))
        _recovery_hint(args, exc)
        return 1
    except sqlite3.DatabaseError as exc:  # a page found damaged in the middle of a command
        error(_sqlite_message(args, exc))
        if health.is_damage(exc):
            _recovery_hint(args, DamagedFile("", unreadable(str(exc))))
        return 1
    except BrokenPipeError:  # « crmdesk export clients --db f | head »
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        error(_("interrompu : ce qui était en cours n'a pas été enregistré."))
        return 1
    except OSError as exc:
        error(_os_message(exc))
        return 1


def _recovery_hint(args: argparse.Namespace, exc: CrmError) -> None:
    """A damaged client file: it is set aside and the latest good backup named
    (not by check, which reports, nor by restore, which replaces it)."""
    from crmdesk.store.errors import NotCrmdeskFile

    if (
        not isinstance(exc, (NotCrmdeskFile, DamagedFile))
        or not getattr(args, "db", None)
        or args.command in ("check", "restore")
    ):
        return
    from crmdesk.cli.maintenance import recover
    from crmdesk.cli.output import info

    hint = recover(args.db, exc.reason if isinstance(exc, DamagedFile) else None)
    if hint:
        info(hint)


def _sqlite_message(args: argparse.Namespace, exc: sqlite3.DatabaseError) -> str:
    """French for an SQLite error no layer translated (the command stopped; its
    transaction, if any, was rolled back)."""
    name = Path(args.db).name if getattr(args, "db", None) else "?"
    if health.is_damage(exc):
        return _(
            "le fichier clients « {name} » est endommagé : SQLite n'a pas pu lire une de ses pages ({detail}). "
            "La commande s'est arrêtée ; rien n'a été enregistré.",
            name=name,
            detail=str(exc),
        )
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return _(
            "le fichier clients « {name} » est en lecture seule : la commande s'est arrêtée, rien n'a été enregistré.",
            name=name,
        )
    if "locked" in text or "busy" in text:
        return _(
            "le fichier clients « {name} » est occupé par un autre programme : réessayez dans un instant ; "
            "rien n'a été enregistré.",
            name=name,
        )
    return _(
        "la commande s'est arrêtée sur une erreur de SQLite dans « {name} » ({detail}) ; rien n'a été enregistré.",
        name=name,
        detail=str(exc),
    )


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    try:
        parser.error(message)
    except SystemExit as exc:
        return int(exc.code or 2)
    return 2  # pragma: no cover


def _os_message(exc: OSError) -> str:
    name = _("« {name} »", name=exc.filename) if exc.filename else _("un fichier")
    if isinstance(exc, FileNotFoundError):
        return _("{name} est introuvable.", name=name)
    if isinstance(exc, IsADirectoryError):
        return _("{name} est un dossier, pas un fichier.", name=name)
    if isinstance(exc, PermissionError):
        return _("accès refusé à {name} (droits insuffisants).", name=name)
    if exc.errno == errno.ENOSPC:
        return _("le disque est plein : {name} n'a pas pu être écrit.", name=name)
    return _("erreur de fichier sur {name} : {reason}.", name=name, reason=os_reason(exc))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
