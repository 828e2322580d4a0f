"""crmdesk import list / crmdesk import undo: the imports made into a client
file, and undoing one of them in one action (issue 7; the rule is in
crmdesk/store/imports.py)."""

from __future__ import annotations

import argparse

from crmdesk.cli.opening import db_name, open_database, open_for_reading
from crmdesk.cli.output import Progress, db_option, error, format_option, number, print_json
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.imports import ImportUndoRefused, history, undo_batch, when

LIST_DESCRIPTION = N_("""\
Liste les imports faits dans le fichier clients, du plus récent au plus
ancien : numéro, date, type (clients, commandes, réponses d'enquête, chiffres
du site web ou des réseaux sociaux), fichier importé, lignes importées et
refusées, et s'il a été annulé.

Le numéro sert à « crmdesk import undo ». Avec --format json, chaque import
porte aussi undoable (peut-il être annulé ?) et why_not (pourquoi pas).""")

UNDO_DESCRIPTION = N_("""\
Annule un import, en une seule opération (une transaction, tracée dans le
journal) :
  - ce qu'il a créé est supprimé : clients, commandes et leurs lignes,
    réponses d'enquête, étiquettes posées, et les étiquettes, commerciaux,
    produits et catégories qu'il a créés s'ils ne servent plus ;
  - les champs qu'il a modifiés (--update, prospects devenus clients,
    chiffres du site ou des réseaux remplacés) reprennent leur valeur
    d'avant, sauf ceux modifiés depuis, qui restent tels quels ;
  - les chiffres des clients touchés (CA, statut, RFM) sont recalculés.

Rien de ce qui a été ajouté depuis n'est perdu : si un client créé par
l'import a reçu depuis d'autres données (commande saisie ou venue d'un autre
import, réclamation, échange, tâche, fiche modifiée…), ou si une commande de
l'import a été modifiée, l'annulation est refusée (code 1, rien n'est
changé) et la liste dit pourquoi. Annulez alors d'abord les imports plus
récents, ou relancez avec --keep-used pour tout annuler sauf ces données-là.

Un import déjà annulé, ou fait avant cette version de crmdesk, ne s'annule
pas (code 1). Ce n'est pas un Ctrl+Z : faites une sauvegarde avant
(« crmdesk backup ») si vous hésitez, ou essayez avec --dry-run.""")

UNDO_EPILOG = N_("""\
exemples :
  crmdesk import list --db clients.sqlite
  crmdesk import undo 12 --db clients.sqlite --dry-run
  crmdesk import undo 12 --db clients.sqlite""")

_COLUMNS = (N_("N°"), N_("date"), N_("type"), N_("fichier"), N_("importées"), N_("refusées"), N_("annulé"))


def batch_number(text: str) -> int:
    digits = text.strip().removeprefix("n°").removeprefix("#").strip()
    if not digits.isdigit() or int(digits) == 0:
        raise argparse.ArgumentTypeError(
            _("numéro d'import attendu (voir « crmdesk import list »), pas « {text} »", text=text)
        )
    return int(digits)


def register_undo_list(import_subparsers, formatter) -> None:
    """Add `list` and `undo` to the subcommands of `crmdesk import`."""
    listing = import_subparsers.add_parser(
        "list",
        help=_("liste les imports faits dans le fichier clients"),
        description=_(LIST_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(listing)
    format_option(listing, "text")
    listing.set_defaults(handler="import_list")

    undo = import_subparsers.add_parser(
        "undo",
        help=_("annule un import (ce qu'il a créé et modifié)"),
        description=_(UNDO_DESCRIPTION),
        epilog=_(UNDO_EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    undo.add_argument(
        "batch",
        metavar=_("N_IMPORT"),
        type=batch_number,
        help=_("numéro de l'import (colonne N° de « crmdesk import list »)"),
    )
    db_option(undo, _("fichier clients (obligatoire ; doit exister)"))
    undo.add_argument(
        "--keep-used",
        action="store_true",
        help=_(
            "annule tout sauf les clients, commandes et réponses qui ont reçu ou subi des "
            "changements depuis l'import (au lieu de refuser)"
        ),
    )
    undo.add_argument(
        "--dry-run",
        action="store_true",
        help=_("simulation : dit ce qui serait supprimé et remis comme avant, sans rien changer"),
    )
    undo.set_defaults(handler="import_undo")


def run_list(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as database:
        rows = history(database)
    if args.format == "json":
        print_json(
            [
                {
                    "id": r["id"],
                    "date": r["at"],
                    "kind": r["kind"],
                    "file": r["file_name"],
                    "rows_ok": r["rows_ok"],
                    "rows_rejected": r["rows_rejected"],
                    "undone": r["undone_at"] is not None,
                    "undone_at": r["undone_at"],
                    "undoable": r["undoable"],
                    "why_not": r["why_not"],
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(_("Aucun import dans ce fichier clients."))
        return 0
    table = [tuple(_(c) for c in _COLUMNS)] + [
        (
            str(r["id"]),
            when(r["at"]).replace(_(" à "), " "),
            r["kind_label"],
            r["file_name"] or "",
            number(r["rows_ok"]),
            number(r["rows_rejected"]),
            _("oui, le {when}", when=when(r["undone_at"])) if r["undone_at"] else _("non"),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(_COLUMNS))]
    right = {0, 4, 5}
    for row in table:
        print(
            "  ".join(
                cell.rjust(width) if i in right else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths))
            ).rstrip()
        )
    return 0


def run_undo(args: argparse.Namespace) -> int:
    try:
        with (
            open_database(args.db) as database,
            Progress(_("Annulation de l'import"), conn=database.conn) as progress,
            progress.ticking(),
        ):
            result = undo_batch(database, args.batch, keep_used=args.keep_used, dry_run=args.dry_run)
    except ImportUndoRefused as refused:
        error(str(refused))
        error(
            _(
                "Pour annuler quand même en gardant ces données : crmdesk import undo {number} --db {path} --keep-used",
                number=args.batch,
                path=args.db,
            )
        )
        return 1
    except CrmError as exc:
        error(str(exc))
        return 1
    print("\n".join(result.summary()))
    if result.dry_run:
        print(_("Simulation (--dry-run) : rien n'a été changé dans « {name} ».", name=db_name(args.db)))
    return 0
