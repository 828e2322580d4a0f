"""crmdesk email: a template by e-mail to a selection — .eml files in a
folder, or sent through the user's SMTP account, throttled and resumable
(issue 18; the batch: crmdesk/io/mail_batch.py, the messages and the account:
crmdesk/io/mail.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.output import db_option, info, plural
from crmdesk.domain.emailing import sender_of
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _

DESCRIPTION = N_("""\
Envoie un modèle (« crmdesk templates list ») par e-mail, un message par
destinataire avec ses champs remplis (texte et HTML), et une phrase de
désinscription (et l'en-tête List-Unsubscribe) vers l'adresse de
l'entreprise. Seuls reçoivent un e-mail les contacts qui ont donné leur
consentement e-mail, sans opposition, absents de la liste d'opposition, ni
anonymisés ni décédés : qui est écarté, et pourquoi, est dit.

Deux façons :
  --eml-dir DOSSIER  écrit un fichier .eml par destinataire (lisible par son
                     seul propriétaire) : Outlook ou Thunderbird l'ouvrent,
                     prêt à partir. Rien à régler.
  --send             envoie par le compte SMTP du fichier (crmdesk config set
                     mail.smtp_host …, voir crmdesk config set --help), à
                     mail.per_minute messages par minute au plus. Le mot de
                     passe vient du trousseau du système (--save-password l'y
                     range) ou est demandé sur le terminal.

Chaque e-mail écrit ou envoyé est enregistré comme échange sortant dans
l'historique du destinataire (un envoi, annulable dans l'application :
Courrier › Historique des envois). Un envoi interrompu (Ctrl+C, connexion
perdue) se reprend avec --resume N : les e-mails restants partent, aucun
deux fois. Un destinataire refusé par le serveur (550…) est noté avec la
réponse du serveur. --dry-run prépare tout sans rien écrire ni envoyer.

Destinataires : ceux d'un segment RFM (--segment), d'un statut (--status) ou
d'une liste de N° client (--filter-file, ses autres colonnes s'écrivent avec
{{nom_de_la_colonne}}) ; sans rien de cela, tous les contacts, comme pour
« {letters} ».""")


def register(commands, formatter) -> None:
    from crmdesk.cli.outreach import add_selection_options

    parser = commands.add_parser(
        "email",
        help=_("e-mails d'un modèle (fichiers .eml ou envoi SMTP)"),
        formatter_class=formatter,
        description=_(DESCRIPTION, letters="crmdesk letters"),
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            '  crmdesk email --db clients.sqlite --template "Relance des clients à risque" --segment a_risque '
            "--eml-dir relance/\n"
            '  crmdesk email --db clients.sqlite --template "Joyeux anniversaire" --filter-file '
            "anniversaires.csv --send\n"
            "  crmdesk email --db clients.sqlite --resume 12 --send"
        ),
    )
    db_option(parser, _("fichier clients (obligatoire)"))
    parser.add_argument("--template", metavar=_("NOM"), help=_("nom du modèle (obligatoire, sauf avec --resume)"))
    add_selection_options(parser, postal=False)
    way = parser.add_mutually_exclusive_group()
    way.add_argument(
        "--eml-dir", metavar=_("DOSSIER"), help=_("écrit un fichier .eml par destinataire dans ce dossier")
    )
    way.add_argument("--send", action="store_true", help=_("envoie par le compte SMTP du fichier"))
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("prépare les messages et dit qui les recevrait, sans rien écrire ni envoyer"),
    )
    parser.add_argument(
        "--resume",
        metavar=_("N"),
        type=int,
        help=_("reprend l'envoi n° N interrompu (les destinataires restants seulement)"),
    )
    parser.add_argument(
        "--as-of",
        metavar=_("AAAA-MM-JJ"),
        type=date_arg,
        default=None,
        help=_("date des champs du modèle (par défaut aujourd'hui)"),
    )
    parser.add_argument(
        "--save-password",
        action="store_true",
        help=_("demande le mot de passe du compte SMTP et le range dans le trousseau du système"),
    )
    parser.set_defaults(handler="email")


def _password(settings, *, ask=getpass.getpass) -> str | None:
    """The account's password: from the keyring, else asked on a terminal (this run only)."""
    from crmdesk.io.mail import KeyringUnavailable, read_password

    if not settings.login:
        return None
    try:
        found = read_password(settings)
    except KeyringUnavailable as exc:
        info(str(exc))
        found = None
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise CrmError(
            N_(
                "Le mot de passe du compte SMTP {login} n'est pas dans le trousseau et ne peut pas être "
                "demandé (pas de terminal) : rangez-le avec « crmdesk email --db FICHIER "
                "--save-password »."
            ),
            login=settings.login,
        )
    return ask(_("Mot de passe SMTP de {login} : ", login=settings.login))


def _save_password(settings) -> None:
    from crmdesk.io.mail import store_password

    if not settings.configured or not settings.login:
        raise CrmError(
            N_("Réglez d'abord le serveur et l'identifiant : crmdesk config set mail.smtp_host … et mail.smtp_login …")
        )
    if not sys.stdin.isatty():
        raise CrmError(N_("--save-password demande le mot de passe sur un terminal."))
    password = getpass.getpass(_("Mot de passe SMTP de {login} : ", login=settings.login))
    if not password:
        raise CrmError(N_("Mot de passe vide : rien n'a été enregistré."))
    store_password(settings, password)
    info(_("Mot de passe de {account} rangé dans le trousseau du système.", account=settings.describe()))


def _progress():
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        print(f"\r  {done} / {total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    return report


def run_email(args: argparse.Namespace) -> int:
    from crmdesk.cli.opening import open_database
    from crmdesk.store import mail_settings
    from crmdesk.store.settings import SettingsStore

    if not (args.template or args.resume or args.save_password):
        raise CrmError(N_("Il manque --template NOM (ou --resume N pour reprendre un envoi)."))
    if not (args.send or args.eml_dir or args.dry_run):
        if args.save_password:
            with open_database(args.db, writer=False) as database:
                _save_password(mail_settings.load(database))
            return 0
        raise CrmError(N_("Choisissez --eml-dir DOSSIER (des fichiers .eml) ou --send (le compte SMTP)."))
    with open_database(args.db, writer=not args.dry_run) as database:
        settings = mail_settings.load(database)
        if args.save_password:
            _save_password(settings)
        sender = sender_of(settings, SettingsStore(database).business())
        if sender is None:
            raise CrmError(
                N_(
                    "Aucune adresse d'expéditeur : crmdesk config set mail.sender_address … (ou "
                    "business.email, le courriel de l'entreprise)."
                )
            )
        return _run(database, args, settings, sender)


def _run(database, args: argparse.Namespace, settings, sender) -> int:
    from crmdesk.cli.outreach import selection_from_args
    from crmdesk.domain import outreach as rules
    from crmdesk.io.mail import EmlFolder, SmtpTransport
    from crmdesk.io.mail_batch import send_batch, template_content
    from crmdesk.store import mail_batches
    from crmdesk.store.outreach import open_batch, pending, plan_selection, recipients
    from crmdesk.store.templates import TemplateStore

    today = args.as_of or dt.date.today()
    templates = TemplateStore(database)
    if args.resume is not None:
        batch = mail_batches.check_resumable(database, args.resume)
        template = (templates.get(batch["template_id"]) if batch["template_id"] else None) or templates.find(
            args.template or batch["template_name"]
        )
        recall_id = mail_batches.recall_of(database, args.resume)
        selection = selection_from_args(database, args) if args.filter_file else None
        rows = selection.rows if selection is not None else {}
        purpose = rules.SAFETY if recall_id is not None else rules.MARKETING
        left = mail_batches.state_counts(database, args.resume)["pending"]
        info(
            _(
                "Reprise de l'envoi n° {batch} : {left}.",
                batch=args.resume,
                left=plural(left, N_("destinataire restant"), N_("destinataires restants")),
            )
        )
        ids = None
    else:
        template = templates.find(args.template)
        selection = selection_from_args(database, args)
        plan = plan_selection(database, selection, "email")
        info(_("{what} : {summary}", what=selection.description, summary=plan.counts.summary()))
        if not plan.ids:
            raise CrmError(N_("Personne à qui écrire : aucun e-mail n'a été préparé."))
        ids, rows, recall_id, purpose = plan.ids, selection.rows, None, selection.purpose
    content = template_content(template)
    if args.dry_run:
        from crmdesk.domain.templates import MissingReport

        missing = MissingReport()
        wanted = ids if ids is not None else pending(database, args.resume)
        for recipient in recipients(database, wanted, today=today, rows=rows):
            missing.add(content(recipient))
        for line in missing.lines():
            info(_("  {line} : ce champ reste vide dans son e-mail", line=line))
        info(
            _(
                "Essai : {count} prêts, rien n'a été écrit ni envoyé.",
                count=plural(len(wanted), N_("e-mail"), N_("e-mails")),
            )
        )
        return 0
    if args.send:
        transport = SmtpTransport(settings, _password(settings))
        interval, commit_every = settings.interval(), 1
    else:
        transport = EmlFolder(Path(args.eml_dir))
        interval, commit_every = 0.0, 200
    with transport:
        batch_id = (
            args.resume
            if ids is None
            else open_batch(
                database, "email", ids, template=template, subject=template["subject"], selection=selection.description
            )
        )
        try:
            report = send_batch(
                database,
                batch_id,
                transport,
                content=content,
                sender=sender,
                today=today,
                rows=rows,
                purpose=purpose,
                recall_id=recall_id,
                interval=interval,
                progress=_progress(),
                commit_every=commit_every,
            )
        except KeyboardInterrupt:
            counts = mail_batches.state_counts(database, batch_id)
            info("")
            info(
                _(
                    "Interrompu : {done} ; {left} — reprenez avec « crmdesk email --db {db} --resume {batch} {way} ».",
                    done=plural(counts["done"], N_("e-mail parti"), N_("e-mails partis")),
                    left=plural(counts["pending"], N_("reste à envoyer"), N_("restent à envoyer")),
                    db=args.db,
                    batch=batch_id,
                    way="--send" if args.send else f"--eml-dir {args.eml_dir}",
                )
            )
            return 1
    for row in mail_batches.report_rows(database, batch_id):
        if row["contact_id"] in report.refused:
            info(_("  refusé : {code} {email} — {detail}", code=row["code"], email=row["email"], detail=row["detail"]))
        elif row["contact_id"] in report.deferred:
            info(
                _(
                    "  à réessayer : {code} {email} — {detail}",
                    code=row["code"],
                    email=row["email"],
                    detail=row["detail"],
                )
            )
    for line in report.missing.lines():
        info(_("  {line} : ce champ reste vide dans son e-mail", line=line))
    info(report.summary(eml=not args.send))
    if args.eml_dir:
        info(_("Fichiers dans « {folder} ».", folder=Path(args.eml_dir).expanduser()))
    info(
        _(
            "Envoi n° {batch} enregistré dans l'historique des clients (il s'annule dans l'application, "
            "Courrier › Historique des envois).",
            batch=batch_id,
        )
    )
    if report.remaining:
        info(
            _(
                "Pour envoyer les autres : crmdesk email --db {db} --resume {batch} {way}",
                db=args.db,
                batch=batch_id,
                way="--send" if args.send else f"--eml-dir {args.eml_dir}",
            )
        )
    return 1 if report.stopped else 0
