"""crmdesk import surveys | web | social: satisfaction answers and digital figures.

The pipeline (rejects on stderr and in --rejects, --dry-run on a scratch
copy, --strict, exit codes, summary) is crmdesk/cli/importing.py's; the
files are read by crmdesk/io/indicators.py. Heavy modules are imported
when a command runs, not when the parser is built.
"""

from __future__ import annotations

import argparse

from crmdesk.cli.output import plural
from crmdesk.i18n import N_

SURVEYS_DESCRIPTION = N_("""\
Importe des réponses aux enquêtes de satisfaction (CSAT, NPS, CES) depuis un
fichier CSV, Excel (.xlsx) ou OpenDocument (.ods) dans le fichier clients
(créé s'il n'existe pas). Sans --mapping, les colonnes sont reconnues
d'après leurs en-têtes, français ou anglais (une colonne inconnue est
ignorée et signalée) ; --save-mapping écrit cette correspondance pour la
modifier.

Colonnes : client_code, date, indicator, score, et au choix comment et
complaint (ou code client, date, indicateur, note, commentaire, réclamation).

  - indicator : csat (satisfaction, note de 1 à 5), nps (recommandation, 0 à
    10) ou ces (effort, 1 à 7), en majuscules ou minuscules ;
  - score : un nombre entier sur l'échelle de l'indicateur ;
  - date : jj/mm/aaaa ou aaaa-mm-jj (pas dans le futur) ;
  - client_code : N° d'un client du fichier (hors corbeille) ;
  - complaint : référence d'une réclamation de ce client (R-2026-0006) quand
    la réponse est celle de l'enquête envoyée à sa clôture : l'avis du client
    compte alors dans « satisfaits de nouveau » ;
  - une réponse identique à une réponse déjà enregistrée (même client, date,
    indicateur, note et commentaire) est refusée : une même enquête importée
    deux fois ne compte pas double.

Une ligne invalide est refusée avec son numéro et la raison (sur la sortie
d'erreur), les autres sont importées — sauf avec --strict. Tout l'import se
fait en une seule transaction.""")

WEB_DESCRIPTION = N_("""\
Importe les chiffres du site marchand, une ligne par période, depuis un
fichier CSV, Excel (.xlsx) ou OpenDocument (.ods) dans le fichier clients
(créé s'il n'existe pas).

Colonnes (toutes obligatoires) : period, visitors, product_views,
add_to_cart, purchases, average_basket (ou période, visiteurs, pages
produit, mises au panier, achats, panier moyen).

  - period : 2021 (année), 2026-03 (mois) ou 2026-T1 / 2026-Q1 (trimestre) ;
  - visiteurs, pages produit, mises au panier, achats : nombres entiers
    positifs ou nuls, « 1 700 » compris ;
  - average_basket : panier moyen en euros, « 71 », « 71,50 » ou
    « 1 254,50 € » ;
  - une période déjà enregistrée est remplacée par la ligne du fichier
    (comptée « mise à jour ») ; une période deux fois dans le fichier : la
    seconde ligne est refusée.

Les taux (consultation, transformation, conversion, abandon de panier), le
chiffre d'affaires et les évolutions d'une année sur l'autre en sont
calculés. Tout l'import se fait en une seule transaction.""")

SOCIAL_DESCRIPTION = N_("""\
Importe les chiffres des réseaux sociaux, une ligne par période et par
réseau, depuis un fichier CSV, Excel (.xlsx) ou OpenDocument (.ods) dans le
fichier clients (créé s'il n'existe pas).

Colonnes : period, network, reach, likes, comments, shares, et au choix
reach_objective, likes_objective (ou période, réseau, portée, j'aime,
commentaires, partages, objectif portée, objectif j'aime).

  - period : 2021 (année), 2026-03 (mois) ou 2026-T1 / 2026-Q1 (trimestre) ;
  - network : Facebook, Twitter, Instagram, LinkedIn… (majuscules
    indifférentes) ;
  - nombres entiers positifs ou nuls, « 4 560 » compris ; les objectifs
    peuvent rester vides ;
  - une période déjà enregistrée pour ce réseau est remplacée (comptée
    « mise à jour »).

Taux d'engagement = (j'aime + commentaires + partages) / portée ; portée et
j'aime sont aussi comparés à leurs objectifs. Tout l'import se fait en une
seule transaction.""")

IMPORT_EPILOG = N_("""\
exemples :
  crmdesk import surveys enquetes.csv --db clients.sqlite --dry-run
  crmdesk import web site.csv --db clients.sqlite
  crmdesk import social reseaux.csv --db clients.sqlite --rejects refus.csv

code de sortie 1 si au moins une ligne est refusée (les autres sont importées,
sauf avec --strict), ou si l'import est impossible.""")

# what -> (help, description, help of its FICHIER argument), marked N_: translated when the parser is built
IMPORTS = {
    "surveys": (
        N_("importe des réponses aux enquêtes de satisfaction (CSAT, NPS, CES)"),
        SURVEYS_DESCRIPTION,
        N_("le fichier des réponses aux enquêtes (CSV, .xlsx ou .ods)"),
    ),
    "web": (
        N_("importe les chiffres du site marchand par période"),
        WEB_DESCRIPTION,
        N_("le fichier des chiffres du site (CSV, .xlsx ou .ods)"),
    ),
    "social": (
        N_("importe les chiffres des réseaux sociaux par période"),
        SOCIAL_DESCRIPTION,
        N_("le fichier des chiffres des réseaux sociaux (CSV, .xlsx ou .ods)"),
    ),
}


def _saved(result, added: tuple[str, str], updated: tuple[str, str], same: tuple[str, str]) -> list[str]:
    done = [plural(result.inserted, *added), plural(result.updated, *updated)]
    if result.unchanged:
        done.append(plural(result.unchanged, *same))
    return done


def _counts(kind: str):
    if kind == "surveys":
        return lambda result: [plural(result.inserted, N_("réponse importée"), N_("réponses importées"))]
    if kind == "web":
        return lambda result: _saved(
            result,
            (N_("période ajoutée"), N_("périodes ajoutées")),
            (N_("période mise à jour"), N_("périodes mises à jour")),
            (N_("période déjà à jour"), N_("périodes déjà à jour")),
        )
    return lambda result: _saved(
        result,
        (N_("ligne ajoutée"), N_("lignes ajoutées")),
        (N_("ligne mise à jour"), N_("lignes mises à jour")),
        (N_("ligne déjà à jour"), N_("lignes déjà à jour")),
    )


def run_import(args: argparse.Namespace) -> int:
    """`crmdesk import surveys|web|social FICHIER --db FICHIER …`."""
    from crmdesk.cli.importing import preflight
    from crmdesk.cli.importing import run_import as run
    from crmdesk.io import indicators as reader

    kind = args.what
    importer = reader.IMPORTS[kind]
    ready = preflight(args, kind, importer.resolve)  # a missing column: refused before the client file is touched
    if ready.resolved is None:
        return 0
    return run(
        args,
        ready.header,
        lambda database, rejects, progress: importer(
            database,
            ready.path,
            strict=args.strict,
            on_reject=rejects,
            on_progress=progress,
            mapping=ready.mapping,
            sheet=args.sheet,
        ).run(),
        _counts(kind),
        columns=ready.columns,
    )
