"""crmdesk server copy, and check | backup | restore when --db is a server URL."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.cli.output import Progress, info, number
from crmdesk.i18n import N_, _, ngettext
from crmdesk.store.server.url import is_server_url, without_password

SERVER_DESCRIPTION = N_("""\
Travaille avec une base crmdesk sur un serveur PostgreSQL (version 15 ou
plus), partagée par plusieurs PC. Une base se désigne par son adresse :
  postgresql://identifiant@serveur/base      (postgresql://marie@compta-pc/clients)
Le mot de passe n'est jamais donné à crmdesk ni enregistré par lui : mettez-le
dans le fichier ~/.pgpass (une ligne serveur:5432:base:identifiant:motdepasse,
droits 0600) ; PostgreSQL l'y lit. Toutes les commandes qui lisent un fichier
clients acceptent cette adresse à la place (--db postgresql://…) : export,
check, backup, restore…""")

COPY_DESCRIPTION = N_("""\
Copie un fichier clients dans une base du serveur, ou une base du serveur
dans un nouveau fichier clients :
  crmdesk server copy clients.sqlite postgresql://marie@serveur/clients
  crmdesk server copy postgresql://marie@serveur/clients copie.sqlite

Vers le serveur, la base doit exister et être VIDE (createdb clients) : elle
n'est jamais mélangée à autre chose. Vers un fichier, le fichier ne doit pas
exister. Chaque table est copiée telle quelle, puis comptée et vérifiée
(somme de contrôle de chaque ligne, des deux côtés) ; la copie est une seule
transaction : interrompue (Ctrl+C) ou en échec, il ne reste rien (la base
reste vide, le nouveau fichier est supprimé). La progression s'affiche sur
un terminal.""")


def register(commands, formatter) -> None:
    """`crmdesk server copy` (handler « server_copy »)."""
    server = commands.add_parser(
        "server",
        help=_("base partagée sur un serveur PostgreSQL"),
        description=_(SERVER_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = server.add_subparsers(dest="server_command", metavar=_("ACTION"), required=True)
    copy = what.add_parser(
        "copy",
        help=_("copie un fichier clients vers le serveur, ou le serveur vers un fichier"),
        description=_(COPY_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    copy.add_argument("source", metavar=_("SOURCE"), help=_("fichier clients ou adresse postgresql://…"))
    copy.add_argument(
        "target", metavar=_("DESTINATION"), help=_("adresse postgresql://… (base vide) ou nouveau fichier")
    )
    copy.set_defaults(handler="server_copy")


def run_copy(args: argparse.Namespace) -> int:
    from crmdesk.store.server import transfer

    to_server = is_server_url(args.target)
    if to_server == is_server_url(args.source):
        info(
            _(
                "crmdesk server copy copie un fichier vers une adresse postgresql://…, ou une adresse vers un "
                "fichier : donnez l'un et l'autre."
            )
        )
        return 2
    with Progress(_("Copie"), _("lignes")) as progress:
        if to_server:
            checks = transfer.to_server(Path(args.source), args.target, progress=progress)
        else:
            checks = transfer.to_file(args.source, Path(args.target), progress=progress)
    rows = sum(check.rows for check in checks)
    target = without_password(args.target) if to_server else str(Path(args.target))
    print(
        ngettext(
            "{rows} ligne copiée vers « {target} » ({tables} tables, chacune comptée et vérifiée).",
            "{rows} lignes copiées vers « {target} » ({tables} tables, chacune comptée et vérifiée).",
            rows,
            rows=number(rows),
            target=target,
            tables=len(checks),
        )
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from crmdesk.store.server.checks import check

    report = check(args.db)
    print(report.text())
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace) -> int:
    from crmdesk.store.server import archive

    with Progress(_("Sauvegarde")) as progress, progress.ticking():
        target = archive.backup(args.db, args.to)
    print(target)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from crmdesk.store.server import archive

    if args.backup is None:
        folder = archive.default_folder(args.db)
        found = sorted(folder.glob("*" + archive.SUFFIX), reverse=True) if folder.is_dir() else []
        if not found:
            info(
                _(
                    "Aucune sauvegarde de « {url} » (dossier « {folder} »).",
                    url=without_password(args.db),
                    folder=folder,
                )
            )
        for path in found:
            print(path)
        return 0
    with Progress(_("Restauration")) as progress, progress.ticking():
        archive.restore(Path(args.backup), args.db)
    info(
        _(
            "La sauvegarde « {backup} » a été restaurée dans la base « {url} ».",
            backup=Path(args.backup).name,
            url=without_password(args.db),
        )
    )
    return 0
