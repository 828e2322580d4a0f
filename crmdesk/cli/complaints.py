"""crmdesk complaint add / list / letter (docs/domain/05-complaints.md)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.opening import open_database, open_for_reading
from crmdesk.cli.output import (
    cell,
    db_option,
    format_option,
    info,
    print_csv,
    print_json,
)
from crmdesk.domain import complaints as rules
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import OrderStore

LIST_COLUMNS = ("reference", "client_code", "kind", "received", "due_date", "phase", "priority")

ADD_DESCRIPTION = N_("""\
Enregistre une réclamation (ou une demande) dans le fichier clients, au moment
où elle arrive, et affiche sa référence (R-AAAA-NNNN) et sa date de réponse
due (AAAA-MM-JJ).

  - l'échéance suit les réglages du fichier : complaints.deadline_days jours
    (5 par défaut), en complaints.day_kind (ouvrables : lundi–samedi, par défaut ;
    ouvres : lundi–vendredi), jours fériés français de business.subdivision
    (vide = métropole ; 57 Moselle, 6AE ou 67/68 Alsace…) ; le jour de
    réception ne compte pas (voir « crmdesk config ») ;
  - canaux : {channels} ;
  - types : {kinds} ;
  - la priorité proposée suit les règles de tri (1 = à traiter d'abord).""")

LIST_DESCRIPTION = N_("""\
Liste les réclamations dans l'ordre de traitement : risque santé / sécurité,
livraison de produits frais, livraison, rupture sur commande urgente,
commande spéciale, rupture, produit défectueux, facturation, information,
autre ; puis par échéance, puis par valeur du client (statut).

Colonnes : reference, client_code, kind, received (date-heure ISO),
due_date (AAAA-MM-JJ), phase, priority. Avec --format json, chaque
réclamation porte aussi son état (state : overdue, due_soon, ok, closed) et
la raison de sa place (reason).""")


LETTER_DESCRIPTION = N_("""\
Écrit en PDF (A4, adresse placée pour une enveloppe DL à fenêtre) une lettre
d'une réclamation :

  ack      l'accusé de réception (à tout moment) ;
  closure  la réponse à la clôture : la réponse donnée, le geste commercial,
           et, pour un consommateur, le médiateur de la consommation ;
  survey   l'invitation à l'enquête de satisfaction, avec un coupon-réponse
           (satisfaction de 1 à 5, recommandation de 0 à 10, commentaire,
           référence de la réclamation) et un QR code : il ouvre l'enquête en
           ligne de l'entreprise (business.survey_url) ou, à défaut, un
           courriel prêt à l'entreprise avec la référence en objet.

closure et survey viennent une fois la réclamation clôturée. La lettre écrite
est notée dans l'historique de la réclamation (l'accusé de réception date la
première réception accusée). Le médiateur se règle avec « crmdesk config set
business.mediator_name … » (et .mediator_address, .mediator_website) ; sans
lui, la lettre est écrite et un avertissement le dit (business.no_consumer_sales
true pour une entreprise qui ne vend pas aux consommateurs).""")


def received_arg(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("date-heure ISO attendue (2026-11-23T10:15 ou 2026-11-23), pas « {text} »", text=text)
        ) from None
    return value.replace(tzinfo=None)


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "complaint",
        help=_("réclamations : enregistrer, lister, lettres"),
        description=_("Réclamations et demandes des clients."),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = parser.add_subparsers(dest="what", title=_("action"), metavar="{add,list,letter}", prog="crmdesk complaint")
    what.required = True
    add = what.add_parser(
        "add",
        help=_("enregistre une réclamation"),
        description=_(ADD_DESCRIPTION, channels=", ".join(rules.CHANNELS), kinds=", ".join(rules.KINDS)),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(add, _("fichier clients (obligatoire ; doit exister)"))
    add.add_argument("--client", metavar=_("CODE"), required=True, help=_("N° du client (obligatoire)"))
    add.add_argument("--subject", metavar=_("TEXTE"), required=True, help=_("objet (obligatoire)"))
    add.add_argument(
        "--received",
        metavar=_("DATE_HEURE"),
        type=received_arg,
        default=None,
        help=_("reçue le (ISO : 2026-11-23T10:15 ; par défaut maintenant)"),
    )
    add.add_argument(
        "--channel", choices=tuple(rules.CHANNELS), default="phone", help=_("canal de réception (phone par défaut)")
    )
    add.add_argument("--kind", choices=tuple(rules.KINDS), default="other", help=_("type (other par défaut)"))
    add.add_argument("--product", metavar=_("PRODUIT"), help=_("code ou nom du produit concerné"))
    add.add_argument("--lot", metavar=_("LOT"), help=_("numéro de lot"))
    add.add_argument("--description", metavar=_("TEXTE"), help=_("description"))
    add.add_argument("--perishable", action="store_true", help=_("produits frais (périssables)"))
    add.add_argument("--urgent", action="store_true", help=_("commande urgente"))
    add.add_argument("--format", choices=("text", "json"), default="text", help=_("text (par défaut) ou json"))
    add.set_defaults(handler="complaint_add")

    listing = what.add_parser(
        "list",
        help=_("liste les réclamations dans l'ordre de traitement"),
        description=_(LIST_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(listing)
    listing.add_argument("--open", action="store_true", help=_("seulement les réclamations non clôturées"))
    format_option(listing)
    listing.set_defaults(handler="complaint_list")

    letter = what.add_parser(
        "letter",
        help=_("écrit une lettre de la réclamation en PDF"),
        description=_(LETTER_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk complaint letter --db clients.sqlite --ref R-2026-0006 --kind ack "
            "--out ar.pdf\n"
            "  crmdesk complaint letter --db clients.sqlite --ref R-2026-0006 --kind survey "
            "--out enquete.pdf"
        ),
    )
    db_option(letter, _("fichier clients (obligatoire ; doit exister)"))
    letter.add_argument(
        "--ref", metavar=_("RÉFÉRENCE"), required=True, help=_("référence de la réclamation (R-2026-0006)")
    )
    letter.add_argument(
        "--kind",
        choices=("ack", "closure", "survey"),
        required=True,
        help=_("ack (accusé de réception), closure (réponse à la clôture) ou survey (enquête)"),
    )
    letter.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire)"))
    letter.add_argument(
        "--date",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_("date de la lettre (par défaut aujourd'hui)"),
    )
    letter.set_defaults(handler="complaint_letter")


def _product_id(database: Database, text: str | None) -> int | None:
    if not text:
        return None
    matches = OrderStore(database).product_by_code_or_name(text)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CrmError(N_("Produit « {text} » introuvable (code ou nom exact) : rien n'a été enregistré."), text=text)
    raise CrmError(
        N_("Plusieurs produits s'appellent « {text} » : donnez son code. Rien n'a été enregistré."), text=text
    )


def _public(c: dict) -> dict:
    return {
        "reference": c["ref"],
        "client_code": c["client_code"],
        "client_name": c["client_name"],
        "kind": c["kind"],
        "channel": c["channel"],
        "received": c["received_at"],
        "due_date": c["due_date"],
        "phase": c["phase"],
        "priority": c["priority"],
        "subject": c["subject"],
        "product": c["product_name"],
        "lot": c["lot"],
        "state": c["state"],
        "reason": c["reason"],
    }


def run_add(args: argparse.Namespace) -> int:
    with open_database(args.db) as database:
        contact_id = ContactStore(database).id_of_code(args.client.strip())
        if contact_id is None:
            raise CrmError(N_("Client « {code} » introuvable : rien n'a été enregistré."), code=args.client)
        store = ComplaintStore(database)
        values = {
            "contact_id": contact_id,
            "subject": args.subject,
            "channel": args.channel,
            "kind": args.kind,
            "product_id": _product_id(database, args.product),
            "lot": args.lot,
            "description": args.description,
            "perishable": args.perishable,
            "urgent": args.urgent,
        }
        complaint_id = store.create(values, received_at=args.received)
        complaint = _public(store.get(complaint_id))
        days, kind, _subdivision = store.deadline_rule()
    if args.format == "json":
        print_json(complaint)
        return 0
    due = dt.date.fromisoformat(complaint["due_date"])
    print(_("Réclamation {ref} enregistrée.", ref=complaint["reference"]))
    print(_("  client        {code} {name}", code=complaint["client_code"], name=complaint["client_name"]))
    print(_("  reçue le      {at}", at=complaint["received"].replace("T", " ")))
    print(
        _(
            "  type          {kind} (priorité {priority})",
            kind=_(rules.KINDS[complaint["kind"]]),
            priority=complaint["priority"],
        )
    )
    print(
        _(
            "  réponse due   {day} ({due:%d/%m/%Y}, {days} jours {kind})",
            day=complaint["due_date"],
            due=due,
            days=days,
            kind=kind,
        )
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_for_reading(args.db) as database:
        rows = [_public(c) for c in ComplaintStore(database).queue(open_only=args.open)]
    if args.format == "json":
        print_json(rows)
    else:
        print_csv(LIST_COLUMNS, ([cell(row[c]) for c in LIST_COLUMNS] for row in rows))
    return 0


def run_letter(args: argparse.Namespace) -> int:
    from crmdesk.reports.complaint_letters import record_letter, write_complaint_letter

    out = Path(args.out).expanduser()
    with open_database(args.db) as database:
        complaint_id = ComplaintStore(database).id_of_ref(args.ref.strip().upper())
        if complaint_id is None:
            raise CrmError(N_("Réclamation « {ref} » introuvable : aucune lettre écrite."), ref=args.ref)
        result = write_complaint_letter(database, complaint_id, args.kind, out, today=args.date)
        record_letter(database, complaint_id, args.kind, {"document": out.name})
    for warning in result.warnings:
        info(_("Attention : {warning}", warning=warning))
    info(_("Lettre de la réclamation {ref} dans « {path} ».", ref=result.reference, path=out))
    return 0
