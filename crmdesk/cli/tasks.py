"""crmdesk tasks: the open tasks of a client file, after generating the reminders due
(docs/domain/07-follow-up-and-loyalty.md)."""

from __future__ import annotations

import argparse
import datetime as dt

from crmdesk.cli.analytics import date_arg
from crmdesk.cli.output import cell, db_option, format_option, info, plural, print_csv, print_json
from crmdesk.i18n import N_, _

COLUMNS = ("id", "due_at", "kind", "title", "client_code", "client_name", "rep", "origin")

DESCRIPTION = N_("""\
Crée d'abord les relances automatiques dues à la date du jour (comme
l'application au démarrage), puis liste les tâches non faites, par échéance
(les tâches sans échéance à la fin).

Relances, chacune activable dans les réglages (« crmdesk config set ») :
  reminders.reorder.enabled        réachat : client en retard sur son rythme
                                   habituel (écart médian entre ses commandes,
                                   au moins 2 jours de commande)
  reminders.followup.enabled       relance N jours après un rendez-vous ou un
  reminders.followup.days          devis (7 par défaut)
  reminders.birthday.enabled       anniversaire (le 29 février tombe le 28 les
  reminders.birthday.days_before   années non bissextiles ; 0 jour avant par défaut)
  reminders.loyalty.enabled        carte ou points de fidélité qui expirent
  reminders.loyalty.days_before    (30 jours avant par défaut)
  reminders.complaint.enabled      réclamation à répondre (1 jour avant
  reminders.complaint.days_before  l'échéance par défaut)
  reminders.lookahead_days         créées N jours à l'avance (7 par défaut)
Une relance n'est jamais créée deux fois, même cochée faite depuis.

Colonnes : {columns} (CSV, par défaut ; due_at AAAA-MM-JJ ou
AAAA-MM-JJTHH:MM) ; avec --format json, une liste d'objets avec aussi
contact_id et notes. Le nombre de relances créées est écrit sur la sortie
d'erreur.""")

EPILOG = N_("""\
exemples :
  crmdesk tasks --db clients.sqlite
  crmdesk tasks --db clients.sqlite --due-before 2026-11-30 --format json""")


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "tasks",
        help=_("crée les relances dues et liste les tâches à faire"),
        description=_(DESCRIPTION, columns=", ".join(COLUMNS)),
        epilog=_(EPILOG),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    db_option(parser, _("fichier clients (obligatoire ; les relances dues y sont enregistrées)"))
    parser.add_argument(
        "--due-before",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("seulement les tâches à faire au plus tard ce jour (inclus ; jj/mm/aaaa ou aaaa-mm-jj)"),
    )
    parser.add_argument(
        "--today",
        metavar=_("DATE"),
        type=date_arg,
        default=None,
        help=_("date du jour pour les relances (par défaut aujourd'hui)"),
    )
    format_option(parser)
    parser.set_defaults(handler="tasks")


def _public(task: dict) -> dict:
    return {
        "id": task["id"],
        "due_at": task["due_at"] or "",
        "kind": task["kind"],
        "title": task["title"],
        "client_code": task["client_code"] or "",
        "client_name": task["client_name"],
        "rep": task["rep_name"] or "",
        "origin": task["origin"] or "",
        "contact_id": task["contact_id"],
        "notes": task["notes"] or "",
    }


def run(args: argparse.Namespace) -> int:

    from crmdesk.cli.opening import open_database
    from crmdesk.store.tasks import TaskStore

    today = args.today or dt.date.today()
    with open_database(args.db) as database:
        store = TaskStore(database)
        created = store.generate_reminders(today)
        before = args.due_before + dt.timedelta(days=1) if args.due_before else None
        tasks = [_public(t) for t in store.open_tasks(before)]
    info(
        _(
            "{created} ; {tasks}.",
            created=plural(created, N_("relance créée"), N_("relances créées")),
            tasks=plural(len(tasks), N_("tâche à faire"), N_("tâches à faire")),
        )
    )
    if args.format == "json":
        print_json(tasks)
    else:
        print_csv(COLUMNS, ([cell(task[c]) for c in COLUMNS] for task in tasks))
    return 0
