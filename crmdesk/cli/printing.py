"""crmdesk sheet / crmdesk cards: client sheets and client cards in PDF (docs/domain/10-prints.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.output import Progress, db_option, info, plural
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.server.url import is_server_url

SHEET_DESCRIPTION = N_("""\
Imprime des fiches client en PDF (A4) : en-tête de l'entreprise (réglage
business), identité et coordonnées, statut et code RFM, chiffre d'affaires de
l'an dernier, de cette année et des 12 derniers mois, commandes par an,
dernières commandes, réclamations en cours avec leur échéance, solde de
fidélité, consentements, date d'impression.

Les chiffres sont ceux du jour (ou de --as-of), et la fiche dit de quel jour
(« Chiffres au 07/12/2026 ») : ils ne comptent que les commandes datées de ce
jour ou avant, et seules celles-là sont listées.

Une page par client ; une fiche trop longue continue sur la page suivante
(« Suite page suivante », « (suite) »). Avec --split, FICHIER est un dossier
(créé s'il manque) qui reçoit un PDF par client, nommé d'après son N° client
(SB00007.pdf). Rien n'est écrit si l'impression échoue ou est interrompue :
ni PDF à moitié écrit, ni dossier à moitié rempli.""")

CARDS_DESCRIPTION = N_("""\
Imprime des cartes client en PDF : format carte de crédit (85 × 55 mm), dix
par page A4 avec traits de coupe ; nom, N° client et son QR code, statut du
jour (ou de --as-of, date imprimée sur la carte), téléphone, courriel.""")


def _selection(parser: argparse.ArgumentParser) -> None:
    db_option(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--client", metavar=_("CODE"), nargs="+", help=_("N° des clients, dans l'ordre d'impression"))
    which.add_argument("--all", action="store_true", help=_("tous les clients (hors corbeille), par nom"))


def _as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_(
            "chiffres au jour dit (par défaut aujourd'hui) : statut, chiffre d'affaires, "
            "commandes et RFM ne comptent que les commandes datées de ce jour ou avant"
        ),
    )


def register(commands, formatter) -> None:
    sheet = commands.add_parser(
        "sheet",
        help=_("fiches client en PDF"),
        description=_(SHEET_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk sheet --db clients.sqlite --client SB00007 --out fiche.pdf\n"
            "  crmdesk sheet --db clients.sqlite --all --out fiches/ --split"
        ),
    )
    _selection(sheet)
    sheet.add_argument(
        "--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire) ; un dossier avec --split")
    )
    sheet.add_argument("--split", action="store_true", help=_("un PDF par client dans le dossier --out"))
    _as_of(sheet)
    sheet.set_defaults(handler="sheet")

    cards = commands.add_parser(
        "cards",
        help=_("cartes client en PDF (10 par page)"),
        description=_(CARDS_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_("exemple :\n  crmdesk cards --db clients.sqlite --all --out cartes.pdf"),
    )
    _selection(cards)
    cards.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire)"))
    _as_of(cards)
    cards.set_defaults(handler="cards")


def _ids(database: Database, args: argparse.Namespace) -> list[int]:
    store = ContactStore(database)
    if args.all:
        ids = store.ids(ContactQuery())
        if not ids:
            raise CrmError(N_("Le fichier clients ne contient aucun client : rien n'a été imprimé."))
        return ids
    ids, missing = store.ids_of_codes(args.client)
    if missing:
        listed = ", ".join(_("« {name} »", name=code) for code in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise CrmError(
            N_("{clients} (ou dans la corbeille) : {listed}. Rien n'a été imprimé."),
            clients=plural(len(missing), N_("client introuvable"), N_("clients introuvables")),
            listed=listed,
        )
    return ids


def _open(db: str) -> Database:
    if is_server_url(db):  # issue 19: a server database instead of a file
        from crmdesk.cli.opening import open_for_reading

        return open_for_reading(db)
    return Database(Path(db).expanduser(), writer=False)


def run(args: argparse.Namespace) -> int:
    from crmdesk.reports.prints import print_cards, print_sheets

    out = Path(args.out).expanduser()
    with _open(args.db) as database:
        if database.path is not None and out.resolve() == Path(database.path).resolve():
            raise CrmError(N_("« {name} » est le fichier clients lui-même : choisissez un autre nom."), name=out.name)
        ids = _ids(database, args)
        with Progress(_("Impression"), _("clients"), conn=database.conn) as progress:
            if args.handler == "cards":
                result = print_cards(database, ids, out, today=args.as_of, progress=progress)
                what = plural(result.clients, N_("carte client"), N_("cartes client"))
            else:
                result = print_sheets(database, ids, out, today=args.as_of, split=args.split, progress=progress)
                what = plural(result.clients, N_("fiche client"), N_("fiches client"))
    pages = plural(result.pages, N_("page"), N_("pages"))
    if args.handler == "sheet" and args.split:
        info(
            _(
                "{what} dans « {path} » ({files}, {pages}).",
                what=what,
                path=out,
                files=plural(result.files, N_("fichier PDF"), N_("fichiers PDF")),
                pages=pages,
            )
        )
    else:
        info(_("{what} dans « {path} » ({pages}).", what=what, path=out, pages=pages))
    return 0
