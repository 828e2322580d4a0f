"""crmdesk duplicates: the candidate duplicate pairs of a client file (docs/domain/01-client-file.md)."""

from __future__ import annotations

import argparse

from crmdesk.cli.opening import open_for_reading
from crmdesk.cli.output import db_option, format_option, info, plural, print_csv, print_json
from crmdesk.domain.duplicates import NAME_THRESHOLD
from crmdesk.i18n import N_, _
from crmdesk.io.csvfile import neutralise

COLUMNS = ("code_a", "code_b", "score", "reason", "name_a", "name_b")

DESCRIPTION = N_("""\
Liste les paires de clients qui sont probablement la même personne saisie deux
fois (ou importée deux fois), les plus sûres d'abord, sans rien modifier.

Deux clients (hors corbeille) forment une paire quand ils ont :
  - le même e-mail (majuscules ignorées) : « même e-mail » ;
  - le même téléphone (l'un ou l'autre de leurs deux numéros) : « même téléphone » ;
  - le même SIRET : « même SIRET » ;
  - des noms proches (accents, majuscules, tirets, ordre des mots et formes
    juridiques ignorés ; ressemblance ≥ --threshold sur 100, et chaque mot du
    nom le plus court se retrouve, à une faute près, dans l'autre) dans le même
    code postal ou, pour deux personnes, la même entreprise : « noms proches
    (92) et même code postal ».

Score de 0 à 100 : même e-mail 80 à 100 et même téléphone 75 à 95 selon la
ressemblance des noms, même SIRET 90, noms proches leur ressemblance ; chaque
raison de plus ajoute 5. Un e-mail ou un numéro partagé par plus de 50 clients
(adresse de la boutique, standard) n'est pas retenu. Les paires déclarées
« Garder les deux » dans l'application ne sont plus proposées.

Colonnes : {columns} (CSV, par défaut) ; avec --format json, une
liste d'objets avec aussi id_a et id_b. Le nombre de paires est écrit sur la
sortie d'erreur. Pour fusionner : Édition › Rechercher les doublons… dans
l'application.""")


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "duplicates",
        help=_("liste les doublons probables"),
        description=_(DESCRIPTION, columns=", ".join(COLUMNS)),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk duplicates --db clients.sqlite\n"
            "  crmdesk duplicates --db clients.sqlite --format json"
        ),
    )
    db_option(parser)
    format_option(parser)
    parser.add_argument(
        "--threshold",
        metavar=_("N"),
        type=_threshold,
        default=NAME_THRESHOLD,
        help=_("ressemblance minimale de deux noms, de 50 à 100 (par défaut {threshold})", threshold=NAME_THRESHOLD),
    )
    parser.set_defaults(handler="duplicates")


def _threshold(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("nombre entier attendu, pas « {text} »", text=text)) from None
    if not 50 <= value <= 100:
        raise argparse.ArgumentTypeError(_("la ressemblance va de 50 à 100"))
    return value


def run(args: argparse.Namespace) -> int:
    from crmdesk.store.duplicates import DuplicateStore

    with open_for_reading(args.db) as database:
        pairs = DuplicateStore(database).candidates(threshold=getattr(args, "threshold", NAME_THRESHOLD))
    if args.format == "json":
        print_json(
            [
                {
                    "id_a": p.a,
                    "id_b": p.b,
                    "code_a": p.code_a,
                    "code_b": p.code_b,
                    "score": p.score,
                    "reason": p.reason,
                    "name_a": p.name_a,
                    "name_b": p.name_b,
                }
                for p in pairs
            ]
        )
    else:
        # names are typed by users: never run as a formula
        print_csv(
            COLUMNS,
            ((p.code_a, p.code_b, p.score, p.reason, neutralise(p.name_a), neutralise(p.name_b)) for p in pairs),
        )
    info(
        f"{plural(len(pairs), N_('paire de doublons probables'), N_('paires de doublons probables'))}."
        if pairs
        else _("Aucun doublon probable.")
    )
    return 0
