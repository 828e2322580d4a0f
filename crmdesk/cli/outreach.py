"""crmdesk letters / labels / envelopes / recall / templates list: reaching
clients by post from the command line (issue 18).

One way to say who (`add_selection_options`, `selection_from_args`), shared
by every command that writes to clients (« crmdesk email » uses it too):
--segment CODE (an RFM segment of « crmdesk rfm »), --status CODE, or
--filter-file FICHIER (a list of N° client, e.g. a mailing list exported by
« crmdesk export mailing »); without any, every contact of the file. The
rules of the mailing lists apply (consent, opposition, suppression list;
anonymised, deceased, NPAI left out): who is left out, and why, is said.

Letters, labels and envelopes are recorded as an outgoing exchange on each
recipient's history (an « envoi » that the window's Courrier › Historique des
envois can undo), unless --no-record.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.exporting import segment_arg, status_arg
from crmdesk.cli.opening import open_database
from crmdesk.cli.output import db_option, info, plural, print_csv, print_json
from crmdesk.domain import labels as formats
from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.templates import KINDS, compile_template
from crmdesk.i18n import N_, _
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database

SELECTION_HELP = N_("""\
Destinataires : ceux d'un segment RFM (--segment, codes de « crmdesk rfm » :
{segments}), d'un statut (--status : {statuses}), ou d'une liste de N° client
(--filter-file : un fichier CSV, Excel ou OpenDocument avec une colonne
« code » ou « N° client » — une liste de diffusion écrite par « crmdesk export
mailing » par exemple — ou un N° client par ligne ; ses autres colonnes
s'impriment avec {{nom_de_la_colonne}}) ; sans rien de cela, tous les contacts.
Sont écartés, et comptés : les contacts en opposition, sur la liste
d'opposition, anonymisés, marqués décédés (étiquette « Décédé ») ou NPAI
(étiquette « NPAI » : le courrier est revenu), et ceux sans adresse postale
complète. Les statuts et segments sont ceux enregistrés dans le fichier.""")

LETTERS_DESCRIPTION = N_(
    """\
Imprime les lettres d'un modèle (« crmdesk templates list ») en PDF : une
page A4 par destinataire, en-tête de l'entreprise, adresse à la norme
NF Z10-011 placée pour une enveloppe à fenêtre DL, date, objet et texte du
modèle avec ses champs remplis. Un champ vide pour un destinataire n'est
jamais imprimé comme « {{adresse}} » : il reste vide et le compte est donné
(« 12 destinataires sans commande »). Chaque lettre est enregistrée comme
échange sortant dans l'historique du destinataire (sauf --no-record).

{selection}"""
)

LABELS_DESCRIPTION = N_(
    """\
Imprime des étiquettes d'adresse en PDF sur planches A4 : Avery L7160
(21 étiquettes de 63,5 × 38,1 mm), L7161 (18 de 63,5 × 46,6), L7163 (14 de
99,1 × 38,1) ou 3422 (24 de 70 × 35). Adresses à la norme NF Z10-011 (6 lignes
de 38 caractères au plus, dernière ligne « CODE POSTAL COMMUNE » en capitales
sans accents ni ponctuation) ; une ligne trop longue est signalée, pas coupée
en silence. --start commence à l'étiquette N d'une planche entamée ;
--test-grid imprime la grille d'essai de la planche (sur papier ordinaire,
pour vérifier l'alignement de l'imprimante). Chaque étiquette est enregistrée
dans l'historique du destinataire (sauf --no-record).

{selection}"""
)

ENVELOPES_DESCRIPTION = N_(
    """\
Imprime des enveloppes DL (220 × 110 mm) ou C5 (229 × 162 mm) en PDF, une
par page : adresse de l'expéditeur en haut à gauche (l'identité de
l'entreprise), adresse du destinataire à la norme NF Z10-011 à droite.

{selection}"""
)

RECALL_DESCRIPTION = N_("""\
Rappel de produit (règlement CE 178/2002, art. 18) : qui a acheté le produit
(--product : son code ou son nom) ou le lot (--lot : le n° de lot des lignes
de commande) entre deux dates incluses, avec ses coordonnées et ce qu'il a
acheté, et s'il a été prévenu (rappel enregistré dans l'application). Tous
les acheteurs sont listés, opposition ou pas : un rappel n'est pas de la
prospection. CSV (par défaut, pour une liste d'appels) ou JSON sur la sortie
standard.""")

TEMPLATES_DESCRIPTION = N_("""\
Liste les modèles de lettres et d'e-mails du fichier clients : nom, type
(letter ou email), objet et champs utilisés. Huit modèles sont fournis
(points de fidélité bientôt expirés, anniversaire, relance des clients à
risque, remerciement après une première commande, invitation à une réunion à
domicile, réponse à une réclamation, enquête de satisfaction, rappel de
produit) ; ils se modifient dans l'application (Courrier › Modèles de
lettres…).""")


# -- the selection every outreach command shares --------------------------------------------------
def selection_help() -> str:
    """Who receives a mailing (the end of letters', labels', envelopes' and e-mails' descriptions)."""
    return _(SELECTION_HELP, segments=", ".join(rfm_rules.SEGMENTS), statuses=", ".join(status_rules.STATUSES))


def add_selection_options(parser: argparse.ArgumentParser, *, postal: bool = True) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--segment",
        metavar=_("SEGMENT"),
        type=segment_arg,
        help=_("les clients de ce segment RFM : {segments}", segments=", ".join(rfm_rules.SEGMENTS)),
    )
    which.add_argument(
        "--status",
        metavar=_("STATUT"),
        type=status_arg,
        help=_("les clients de ce statut : {statuses}", statuses=", ".join(status_rules.STATUSES)),
    )
    which.add_argument(
        "--filter-file",
        metavar=_("FICHIER"),
        help=_(
            "les N° client d'un fichier (CSV, .xlsx, .ods : colonne « code » ou « N° client », "
            "ou un N° par ligne), dans son ordre"
        ),
    )
    if postal:
        parser.add_argument(
            "--sort-postal",
            action="store_true",
            help=_("dans l'ordre des codes postaux (tarifs de La Poste pour les envois en nombre)"),
        )


def selection_from_args(database: Database, args: argparse.Namespace, *, purpose: str | None = None):
    """The Selection the options name (crmdesk/store/outreach.py)."""
    from crmdesk.store.outreach import Selection

    extra = {} if purpose is None else {"purpose": purpose}
    if getattr(args, "filter_file", None):
        from crmdesk.io.outreach import read_codes

        path = Path(args.filter_file).expanduser()
        found = read_codes(path)
        store = ContactStore(database)
        id_rows, missing = {}, []
        for code in found.codes:
            ids, _missing = store.ids_of_codes([code])
            if ids:
                id_rows.setdefault(ids[0], found.rows[code])
            else:
                missing.append(code)
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            info(
                _(
                    "{count} du fichier ignorés (introuvables ou dans la corbeille) : {codes}",
                    count=plural(len(missing), N_("N° client"), N_("N° client")),
                    codes=shown,
                )
            )
        ids = list(id_rows)
        return Selection(ids=tuple(ids), rows=id_rows, description=_("fichier « {name} »", name=path.name), **extra)
    if getattr(args, "segment", None) is not None:
        label = _(rfm_rules.SEGMENTS[args.segment].label) if args.segment else _("aucun")
        return Selection(
            query=ContactQuery(sort="code", rfm_segment=args.segment),
            description=_("segment {label}", label=label),
            **extra,
        )
    if getattr(args, "status", None) is not None:
        label = _(status_rules.LABELS.get(args.status, N_("aucun")))
        return Selection(
            query=ContactQuery(sort="code", status=args.status), description=_("statut {label}", label=label), **extra
        )
    return Selection(query=ContactQuery(sort="code"), description=_("tous les contacts"), **extra)


def _record_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-record", action="store_true", help=_("n'enregistre rien dans l'historique des clients (un essai)")
    )


def register(commands, formatter) -> None:
    letters = commands.add_parser(
        "letters",
        help=_("lettres d'un modèle en PDF (une par destinataire)"),
        description=_(LETTERS_DESCRIPTION, selection=selection_help()),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            '  crmdesk letters --db clients.sqlite --template "Relance des clients à '
            'risque" --segment a_risque --out relance.pdf\n'
            '  crmdesk letters --db clients.sqlite --template "Joyeux anniversaire" '
            "--filter-file anniversaires.csv --out lettres.pdf"
        ),
    )
    db_option(letters, _("fichier clients (obligatoire)"))
    letters.add_argument("--template", metavar=_("NOM"), required=True, help=_("nom du modèle (obligatoire)"))
    add_selection_options(letters)
    letters.add_argument(
        "--as-of",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_("date des lettres (par défaut aujourd'hui)"),
    )
    letters.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire)"))
    _record_option(letters)
    letters.set_defaults(handler="letters")

    labels = commands.add_parser(
        "labels",
        help=_("étiquettes d'adresse en PDF (planches Avery)"),
        description=_(LABELS_DESCRIPTION, selection=selection_help()),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk labels --db clients.sqlite --format L7163 --start 5 --sort-postal "
            "--status premium --out etiquettes.pdf\n"
            "  crmdesk labels --db clients.sqlite --format L7160 --test-grid "
            "--out essai.pdf"
        ),
    )
    db_option(labels, _("fichier clients (obligatoire)"))
    labels.add_argument(
        "--format",
        metavar=_("FORMAT"),
        required=True,
        type=str.upper,
        choices=tuple(formats.LABEL_FORMATS),
        help=_("planche : {formats}", formats=", ".join(f.description() for f in formats.LABEL_FORMATS.values())),
    )
    labels.add_argument(
        "--start",
        metavar=_("N"),
        type=int,
        default=1,
        help=_("première étiquette à utiliser sur la planche entamée (1 par défaut)"),
    )
    labels.add_argument("--test-grid", action="store_true", help=_("imprime seulement la grille d'essai de la planche"))
    add_selection_options(labels)
    labels.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire)"))
    _record_option(labels)
    labels.set_defaults(handler="labels")

    envelopes = commands.add_parser(
        "envelopes",
        help=_("enveloppes DL ou C5 en PDF"),
        description=_(ENVELOPES_DESCRIPTION, selection=selection_help()),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemple :\n  crmdesk envelopes --db clients.sqlite --format DL --segment champions --out enveloppes.pdf"
        ),
    )
    db_option(envelopes, _("fichier clients (obligatoire)"))
    envelopes.add_argument(
        "--format",
        metavar=_("FORMAT"),
        required=True,
        type=str.upper,
        choices=tuple(formats.ENVELOPE_FORMATS),
        help=_("DL (220 × 110 mm) ou C5 (229 × 162 mm)"),
    )
    add_selection_options(envelopes)
    envelopes.add_argument("--out", metavar=_("FICHIER"), required=True, help=_("PDF à écrire (obligatoire)"))
    _record_option(envelopes)
    envelopes.set_defaults(handler="envelopes")

    recall = commands.add_parser(
        "recall",
        help=_("rappel de produit : qui a acheté un produit ou un lot"),
        description=_(RECALL_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk recall --db clients.sqlite --lot L240615 --from 2026-10-01 "
            "--to 2026-11-23 > appels.csv\n"
            "  crmdesk recall --db clients.sqlite --product EP-MIE-ACA --from 01/10/2026 "
            "--to 23/11/2026 --format json"
        ),
    )
    db_option(recall, _("fichier clients (obligatoire)"))
    what = recall.add_mutually_exclusive_group(required=True)
    what.add_argument("--product", metavar=_("PRODUIT"), help=_("code ou nom du produit"))
    what.add_argument("--lot", metavar=_("LOT"), help=_("n° de lot (majuscules indifférentes)"))
    recall.add_argument(
        "--from",
        dest="date_from",
        metavar=_("DATE"),
        type=date_arg,
        required=True,
        help=_("première date d'achat (incluse)"),
    )
    recall.add_argument(
        "--to",
        dest="date_to",
        metavar=_("DATE"),
        type=date_arg,
        required=True,
        help=_("dernière date d'achat (incluse)"),
    )
    recall.add_argument("--format", choices=("csv", "json"), default="csv", help=_("csv (par défaut) ou json"))
    recall.set_defaults(handler="recall")

    templates = commands.add_parser(
        "templates",
        help=_("modèles de lettres et d'e-mails"),
        description=_(TEMPLATES_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    which = templates.add_subparsers(dest="what", title=_("action"), metavar="{list}", prog="crmdesk templates")
    which.required = True
    listing = which.add_parser(
        "list",
        help=_("liste les modèles"),
        description=_(TEMPLATES_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text", help=_("text (par défaut) ou json"))
    listing.set_defaults(handler="templates_list")


HANDLERS = ("letters", "labels", "envelopes", "recall", "templates_list")


def run(args: argparse.Namespace) -> int:
    return {
        "letters": run_letters,
        "labels": run_labels,
        "envelopes": run_labels,
        "recall": run_recall,
        "templates_list": run_templates,
    }[args.handler](args)


def _open(args: argparse.Namespace, *, write: bool) -> Database:
    return open_database(args.db, writer=write)


def _out(args: argparse.Namespace, database: Database) -> Path:
    out = Path(args.out).expanduser()
    if database.path is not None and out.resolve() == Path(database.path).resolve():
        raise CrmError(N_("« {name} » est le fichier clients lui-même : choisissez un autre nom."), name=out.name)
    return out


def _plan(database: Database, args: argparse.Namespace, *, purpose: str | None = None):
    from crmdesk.store.outreach import plan_selection

    selection = selection_from_args(database, args, purpose=purpose)
    plan = plan_selection(database, selection, "post", sort_postal=args.sort_postal)
    info(_("{what} : {summary}", what=selection.description, summary=plan.counts.summary()))
    for line in plan.address_summary():
        info(_("  {line} (imprimées entières : à corriger dans leur fiche)", line=line))
    if not plan.ids:
        raise CrmError(N_("Personne à qui écrire : rien n'a été imprimé."))
    return selection, plan


def _record(
    database: Database,
    args,
    channel: str,
    ids: list[int],
    *,
    template=None,
    subject: str = "",
    selection: str = "",
    subjects=None,
) -> None:
    from crmdesk.store.outreach import record_batch

    if args.no_record or not ids:
        return
    batch_id = record_batch(
        database, channel, ids, template=template, subject=subject, selection=selection, subjects=subjects
    )
    info(
        _(
            "Enregistré dans l'historique de {clients} (envoi n° {batch} ; il s'annule dans l'application, "
            "Courrier › Historique des envois).",
            clients=plural(len(ids), N_("client"), N_("clients")),
            batch=batch_id,
        )
    )


def _progress():
    """A progress line on stderr while a batch is drawn, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        print(f"\r  {done} / {total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report


def run_letters(args: argparse.Namespace) -> int:
    import datetime as dt

    from crmdesk.reports.letters import print_letters
    from crmdesk.store.templates import TemplateStore

    with _open(args, write=not args.no_record) as database:
        out = _out(args, database)
        template = TemplateStore(database).find(args.template)
        selection, plan = _plan(database, args)
        today = args.as_of or dt.date.today()
        result = print_letters(
            database, template, plan.ids, out, today=today, rows=selection.rows, progress=_progress()
        )
        for line in result.missing.lines():
            info(_("  {line} : ce champ reste vide dans sa lettre", line=line))
        info(
            _(
                "{what} dans « {path} » ({pages}).",
                what=plural(result.letters, N_("lettre"), N_("lettres")),
                path=out,
                pages=plural(result.pages, N_("page"), N_("pages")),
            )
        )
        _record(
            database,
            args,
            "letter",
            result.contact_ids,
            template=template,
            subject=template["subject"],
            selection=selection.description,
            subjects=result.subjects,
        )
    return 0


def run_labels(args: argparse.Namespace) -> int:
    from crmdesk.reports.labels import print_labels, render_test_grid
    from crmdesk.reports.output import atomic_file

    envelope = args.handler == "envelopes"
    if not envelope and args.test_grid:
        fmt = formats.label_format(args.format)
        out = Path(args.out).expanduser()
        with atomic_file(out) as stream:
            render_test_grid(stream, fmt)
        info(
            _(
                "Grille d'essai {code} dans « {path} » : imprimez-la sur du papier ordinaire et posez-la sur une "
                "planche à contre-jour.",
                code=fmt.code,
                path=out,
            )
        )
        return 0
    with _open(args, write=not args.no_record) as database:
        out = _out(args, database)
        selection, plan = _plan(database, args)
        if envelope:
            from crmdesk.reports.envelopes import print_envelopes

            result = print_envelopes(
                database, plan.ids, out, formats.envelope_format(args.format), progress=_progress()
            )
            info(
                _(
                    "{what} {code} dans « {path} ».",
                    what=plural(result.envelopes, N_("enveloppe"), N_("enveloppes")),
                    code=args.format,
                    path=out,
                )
            )
            _record(database, args, "envelope", result.contact_ids, selection=selection.description)
            return 0
        fmt = formats.label_format(args.format)
        start = formats.check_start(fmt, args.start)
        result = print_labels(database, plan.ids, out, fmt, start=start, progress=_progress())
        info(
            _(
                "{what} {code} dans « {path} » ({sheets}).",
                what=plural(result.labels, N_("étiquette"), N_("étiquettes")),
                code=fmt.code,
                path=out,
                sheets=plural(result.pages, N_("planche"), N_("planches")),
            )
        )
        _record(database, args, "labels", result.contact_ids, selection=selection.description)
    return 0


def run_recall(args: argparse.Namespace) -> int:
    from crmdesk.io.outreach import CALL_LIST, call_list_rows
    from crmdesk.store.recall import RecallCriteria, RecallStore, find, product_of

    with _open(args, write=False) as database:
        product = product_of(database, args.product) if args.product else None
        criteria = RecallCriteria(
            product["id"] if product else None, args.lot, args.date_from.isoformat(), args.date_to.isoformat()
        ).checked()
        result = find(database, criteria, recall_id=RecallStore(database).saved(criteria))
    if args.format == "json":
        print_json(
            {
                "product": product["name"] if product else None,
                "lot": criteria.lot,
                "from": criteria.date_from,
                "to": criteria.date_to,
                "clients": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "phone": c.phone,
                        "email": c.contact.get("email") or "",
                        "city": c.contact.get("city") or "",
                        "notified_on": c.notified_on,
                        "purchases": [
                            {"date": p.date, "ref": p.ref, "product": p.product, "lot": p.lot, "quantity": p.quantity}
                            for p in c.purchases
                        ],
                    }
                    for c in result.clients
                ],
                "to_reach": result.to_reach,
            }
        )
    else:
        from crmdesk.cli.output import cell

        print_csv(
            CALL_LIST.columns, ([cell(row[name]) for name in CALL_LIST.columns] for row in call_list_rows(result))
        )
    info(
        _(
            "{clients} ; {left} à prévenir.",
            clients=plural(len(result.clients), N_("acheteur"), N_("acheteurs")),
            left=result.to_reach,
        )
    )
    if result.hidden:
        info(
            _(
                "{count} de personnes anonymisées ou dans la corbeille (non listés).",
                count=plural(result.hidden, N_("achat"), N_("achats")),
            )
        )
    return 0


def run_templates(args: argparse.Namespace) -> int:
    from crmdesk.store.templates import TemplateStore

    with _open(args, write=False) as database:
        rows = TemplateStore(database).all()
    listed = []
    for row in rows:
        compiled = compile_template(row["subject"], row["body"])
        listed.append(
            {
                "name": row["name"],
                "kind": row["kind"],
                "subject": row["subject"],
                "purpose": row["purpose"] or None,
                "fields": list(compiled.fields),
            }
        )
    if args.format == "json":
        print_json(listed)
        return 0
    for item in listed:
        fields = ", ".join("{" + f + "}" for f in item["fields"])
        sys.stdout.write(f"{item['name']}\t{_(KINDS[item['kind']])}\t{item['subject']}\t{fields}\n")
    if not listed:
        info(_("Aucun modèle dans ce fichier."))
    return 0
