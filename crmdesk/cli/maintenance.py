"""crmdesk check | backup | restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.cli.output import Progress, db_option, info, number
from crmdesk.domain.dates import format_date
from crmdesk.i18n import N_, _, ngettext
from crmdesk.store import backups, maintenance, recovery

BACKUP_DESCRIPTION = N_("""\
Copie le fichier clients (API de sauvegarde de SQLite : possible pendant que
l'application l'utilise), lisible par vous seul (droits 0600), vérifie la
copie (integrity_check) et affiche son chemin.

Sans --to, la copie va dans le dossier des sauvegardes du fichier,
« <nom>.sauvegardes » à côté de lui (clients.sqlite -> clients.sauvegardes/),
où l'application fait aussi ses sauvegardes automatiques quand le fichier a
changé depuis la dernière : en arrière-plan pendant le travail (au plus tous
les quarts d'heure jusqu'à 50 Mo, une fois par jour au-delà), à la fermeture
(jusqu'à 50 Mo), avant un import, une fusion ou une purge. Les automatiques
sont éclaircies : la plus récente, et, sur cinq semaines au plus, les 3
dernières, une par jour sur une semaine, une par semaine ; 4 Go au plus en
tout (pour un fichier de 1 Go : 4 copies au plus). Celles faites par cette
commande ne sont jamais supprimées.
Avec --to DOSSIER : DOSSIER/<nom>-AAAAmmjj-HHMMSS.sqlite. C'est ainsi qu'on
copie un fichier ouvert dans crmdesk (une copie de fichier ordinaire pourrait
manquer ce qui est encore dans son journal « -wal »).""")

RESTORE_DESCRIPTION = N_("""\
Remplace le fichier clients par une de ses sauvegardes. Sans SAUVEGARDE, liste
les sauvegardes du fichier (date, taille, nombre de clients), la plus récente
d'abord, sans rien modifier.

La sauvegarde est vérifiée d'abord (une sauvegarde endommagée est refusée,
rien n'est remplacé) ; le fichier remplacé est lui-même sauvegardé avant
(motif « restauration ») ou, s'il est trop endommagé pour être copié, mis de
côté sous le nom « <nom>.endommagé-<horodatage>.sqlite ». Le remplacement est
atomique : la sauvegarde est copiée dans un fichier temporaire du même
dossier, vérifiée, puis mise à la place du fichier en une fois. Refusé si le
fichier est ouvert dans crmdesk : fermez-le d'abord.""")

REASONS = {
    "quotidienne": N_("quotidienne"),
    "ouverture": N_("à l'ouverture"),
    "fermeture": N_("à la fermeture"),
    "import": N_("avant un import"),
    "fusion": N_("avant une fusion"),
    "purge": N_("avant une purge"),
    "periodique": N_("pendant les saisies"),
    "restauration": N_("avant une restauration"),
    "manuelle": N_("manuelle"),
    "migration": N_("avant une mise à jour"),
    "reparation": N_("avant une réparation"),
}


def register(commands, formatter) -> None:
    """`crmdesk backup` and `crmdesk restore` (handlers « backup », « restore »)."""
    backup = commands.add_parser(
        "backup",
        help=_("sauvegarde un fichier clients"),
        description=_(BACKUP_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk backup --db clients.sqlite\n"
            "  crmdesk backup --db clients.sqlite --to /media/cle/sauvegardes"
        ),
    )
    db_option(backup, _("fichier clients à sauvegarder (obligatoire)"))
    backup.add_argument(
        "--to",
        "--out",
        dest="to",
        metavar=_("DOSSIER"),
        help=_("dossier où écrire la copie (par défaut : « <nom>.sauvegardes » à côté du fichier)"),
    )
    backup.set_defaults(handler="backup")

    restore = commands.add_parser(
        "restore",
        help=_("restaure une sauvegarde (ou les liste)"),
        description=_(RESTORE_DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
        epilog=_(
            "exemples :\n"
            "  crmdesk restore --db clients.sqlite\n"
            "  crmdesk restore "
            "clients.sauvegardes/clients-20261123-091500-fermeture.sqlite"
            " --db clients.sqlite"
        ),
    )
    restore.add_argument(
        "backup",
        metavar=_("SAUVEGARDE"),
        nargs="?",
        help=_("la sauvegarde à restaurer (sans elle : la liste des sauvegardes)"),
    )
    db_option(restore, _("fichier clients à remplacer (obligatoire)"))
    restore.set_defaults(handler="restore")


def run_check(args: argparse.Namespace) -> int:
    path = Path(args.db).expanduser()
    report = maintenance.check(path)
    print(report.text())
    unusable = backups.incomplete(path)
    if unusable:
        print(incomplete_note(unusable))
    if report.ok:
        return 0
    if getattr(args, "repair", False) and report.repairable:
        done = maintenance.repair(path)
        info(
            ngettext(
                "{count} valeur de texte réécrite, en une transaction ; sauvegarde faite avant : « {backup} ».",
                "{count} valeurs de texte réécrites, en une transaction ; sauvegarde faite avant : « {backup} ».",
                done.cells,
                backup=str(done.backup),
            )
        )
        report = maintenance.check(path)
        print(report.text())
        return 0 if report.ok else 1
    if getattr(args, "repair", False):
        info(
            _(
                "Rien n'a été réparé : --repair ne réécrit que les textes illisibles, et ne modifie jamais un "
                "fichier endommagé."
            )
        )
    if not report.repairable:
        print(restore_hint(path, backups.latest_good(path)))
    return 1


def incomplete_note(unusable: list[backups.BackupInfo]) -> str:
    """The files of the backups folder that are no backups (empty, cut), which crmdesk ignores."""
    return "\n".join(
        [
            ngettext(
                "{count} fichier du dossier des sauvegardes est incomplet ou illisible (vide ou "
                "coupé) : crmdesk ne le compte pas parmi les sauvegardes et ne le restaurera pas.",
                "{count} fichiers du dossier des sauvegardes sont incomplets ou illisibles (vides "
                "ou coupés) : crmdesk ne les compte pas parmi les sauvegardes et ne les restaurera "
                "pas.",
                len(unusable),
            )
        ]
        + [f"  - {b.path}" for b in unusable]
    )


def run_backup(args: argparse.Namespace) -> int:
    path = Path(args.db).expanduser()
    with Progress(_("Sauvegarde"), _("pages")) as progress, progress.ticking():
        target = maintenance.backup(path, args.to) if args.to else backups.automatic(path, backups.MANUAL)
    print(target)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = Path(args.db).expanduser()
    if args.backup is None:
        return _list(path)
    with Progress(_("Restauration")) as progress, progress.ticking():
        done = backups.restore(Path(args.backup).expanduser(), path)
    info(
        _(
            "« {name} » a été remplacé par la sauvegarde « {backup} ».",
            name=done.target.name,
            backup=Path(args.backup).name,
        )
    )
    if done.safety is not None:
        info(_("L'ancien contenu a été sauvegardé dans « {path} ».", path=done.safety))
    if done.set_aside is not None:
        info(_("L'ancien fichier, endommagé, a été mis de côté sous « {path} ».", path=done.set_aside))
    return 0


def _list(path: Path) -> int:
    found = backups.list_backups(path)
    if not found:
        info(
            _("Aucune sauvegarde de « {name} » (dossier « {folder} »).", name=path.name, folder=backups.folder_of(path))
        )
        return 0
    print(_("date;taille;clients;motif;sauvegarde"))
    for backup in found:
        clients = _("illisible") if backup.clients is None else number(backup.clients)
        print(
            f"{when_text(backup)};{backups.format_size(backup.size)};{clients};"
            f"{_(REASONS.get(backup.reason, backup.reason))};{backup.path}"
        )
    return 0


def when_text(backup: backups.BackupInfo) -> str:
    """« 23/11/2026 09:15 »."""
    return f"{format_date(backup.when.date())} {backup.when:%H:%M}"


def restore_hint(path: Path, good: backups.BackupInfo | None) -> str:
    """What to do about a damaged file: its latest good backup and the command that restores it."""
    if good is None:
        return _(
            "Aucune sauvegarde correcte de « {name} » n'a été trouvée (dossier « {folder} »). Faites-vous "
            "aider ; ne supprimez pas le fichier.",
            name=path.name,
            folder=backups.folder_of(path),
        )
    clients = "" if good.clients is None else _(", {count} client(s)", count=number(good.clients))
    return _(
        "Dernière sauvegarde correcte : « {path} » du {when}{clients}.\nPour la restaurer : crmdesk restore "
        '"{path}" --db "{target}"',
        path=good.path,
        when=when_text(good),
        clients=clients,
        target=path,
    )


def recover(path: str | Path, reason: str | None = None) -> str | None:
    """When a command could not open `path`: a damaged client file is set
    aside (renamed, never deleted) and the French message says where, names
    its latest good backup and the command that restores it. `reason`: the
    damage the opening found (else the file is diagnosed here). None: the file
    is not damaged (the command's own error stands)."""
    path = Path(path).expanduser()
    damage = recovery.recover_at_start(path) if reason is None else recovery.recover(path, reason)
    if damage is None:
        return None
    if damage.set_aside is None:
        where = _(
            "Il est resté à sa place, intact (il n'a pas pu être renommé : ouvert ailleurs, ou support en "
            "lecture seule)."
        )
    else:
        where = _("Il a été mis de côté, intact, sous « {name} ».", name=damage.set_aside.name)
    return (
        _("« {name} » est endommagé : {reason}.", name=damage.path.name, reason=damage.reason)
        + " "
        + where
        + "\n"
        + restore_hint(damage.path, damage.backup)
    )
