"""crmdesk check | backup | restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.cli.output import Progress, db_option, info, number
from crmdesk.domain.dates import format_date
from crmdesk.i18n import _
from crmdesk.store import backups, maintenance, recovery

BACKUP_DESCRIPTION = """\
Copie le fichier clients (API de sauvegarde de SQLite : possible pendant que
l'application l'utilise), lisible par vous seul (droits 0600), vérifie la
copie (integrity_check) et affiche son chemin.

Sans --to, la copie va dans le dossier des sauvegardes du fichier,
« <nom>.sauvegardes » à côté de lui (clients.sqlite -> clients.sauvegardes/),
où l'application fait aussi ses sauvegardes automatiques (à l'ouverture, à la
fermeture, avant un import, une fusion ou une purge, et toutes les 15 minutes
au plus pendant les saisies). Les automatiques sont éclaircies : les 10
dernières, plus une par jour sur une semaine et une par semaine sur un mois ;
celles faites par cette commande ne sont jamais supprimées.
Avec --to DOSSIER : DOSSIER/<nom>-AAAAmmjj-HHMMSS.sqlite."""

RESTORE_DESCRIPTION = """\
Remplace le fichier clients par une de ses sauvegardes. Sans SAUVEGARDE, liste
les sauvegardes du fichier (date, taille, nombre de clients), la plus récente
d'abord, sans rien modifier.

La sauvegarde est vérifiée d'abord (une sauvegarde endommagée est refusée,
rien n'est remplacé) ; le fichier remplacé est lui-même sauvegardé avant
(motif « restauration ») ou, s'il est trop endommagé pour être copié, mis de
côté sous le nom « <nom>.endommagé-<horodatage>.sqlite ». Le remplacement est
atomique : la sauvegarde est copiée dans un fichier temporaire du même
dossier, vérifiée, puis mise à la place du fichier en une fois. Refusé si le
fichier est ouvert dans crmdesk : fermez-le d'abord."""

REASONS = {"ouverture": "à l'ouverture", "fermeture": "à la fermeture", "import": "avant un import",
           "fusion": "avant une fusion", "purge": "avant une purge", "periodique": "pendant les saisies",
           "restauration": "avant une restauration", "manuelle": "manuelle",
           "migration": "avant une mise à jour"}


def register(commands, formatter) -> None:
    """`crmdesk backup` and `crmdesk restore` (handlers « backup », « restore »)."""
    backup = commands.add_parser("backup", help="sauvegarde un fichier clients", description=BACKUP_DESCRIPTION,
                                 formatter_class=formatter, allow_abbrev=False,
                                 epilog="exemples :\n"
                                        "  crmdesk backup --db clients.sqlite\n"
                                        "  crmdesk backup --db clients.sqlite --to /media/cle/sauvegardes")
    db_option(backup, "fichier clients à sauvegarder (obligatoire)")
    backup.add_argument("--to", "--out", dest="to", metavar="DOSSIER",
                        help="dossier où écrire la copie (par défaut : « <nom>.sauvegardes » à côté du fichier)")
    backup.set_defaults(handler="backup")

    restore = commands.add_parser("restore", help="restaure une sauvegarde (ou les liste)",
                                  description=RESTORE_DESCRIPTION, formatter_class=formatter, allow_abbrev=False,
                                  epilog="exemples :\n"
                                         "  crmdesk restore --db clients.sqlite\n"
                                         "  crmdesk restore clients.sauvegardes/clients-20261123-091500-fermeture.sqlite"
                                         " --db clients.sqlite")
    restore.add_argument("backup", metavar="SAUVEGARDE", nargs="?",
                         help="la sauvegarde à restaurer (sans elle : la liste des sauvegardes)")
    db_option(restore, "fichier clients à remplacer (obligatoire)")
    restore.set_defaults(handler="restore")


def run_check(args: argparse.Namespace) -> int:
    path = Path(args.db).expanduser()
    report = maintenance.check(path)
    print(report.text())
    if not report.ok:
        print(restore_hint(path, backups.latest_good(path)))
    return 0 if report.ok else 1


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
    info(f"« {done.target.name} » a été remplacé par la sauvegarde « {Path(args.backup).name} ».")
    if done.safety is not None:
        info(f"L'ancien contenu a été sauvegardé dans « {done.safety} ».")
    if done.set_aside is not None:
        info(f"L'ancien fichier, endommagé, a été mis de côté sous « {done.set_aside} ».")
    return 0


def _list(path: Path) -> int:
    found = backups.list_backups(path)
    if not found:
        info(f"Aucune sauvegarde de « {path.name} » (dossier « {backups.folder_of(path)} »).")
        return 0
    print("date;taille;clients;motif;sauvegarde")
    for backup in found:
        clients = "illisible" if backup.clients is None else number(backup.clients)
        print(f"{when_text(backup)};{backups.format_size(backup.size)};{clients};"
              f"{REASONS.get(backup.reason, backup.reason)};{backup.path}")
    return 0


def when_text(backup: backups.BackupInfo) -> str:
    """« 23/11/2026 09:15 »."""
    return f"{format_date(backup.when.date())} {backup.when:%H:%M}"


def restore_hint(path: Path, good: backups.BackupInfo | None) -> str:
    """What to do about a damaged file: its latest good backup and the command that restores it."""
    if good is None:
        return (f"Aucune sauvegarde correcte de « {path.name} » n'a été trouvée (dossier "
                f"« {backups.folder_of(path)} »). Faites-vous aider ; ne supprimez pas le fichier.")
    clients = "" if good.clients is None else f", {number(good.clients)} client(s)"
    return (f"Dernière sauvegarde correcte : « {good.path} » du {when_text(good)}{clients}.\n"
            f"Pour la restaurer : crmdesk restore \"{good.path}\" --db \"{path}\"")


def recover(path: str | Path) -> str | None:
    """When a command could not open `path`: a damaged client file is set
    aside (renamed, never deleted) and the French message says where, names
    its latest good backup and the command that restores it. None: the file
    is not damaged (the command's own error stands)."""
    damage = recovery.recover_at_start(Path(path).expanduser())
    if damage is None:
        return None
    return (f"« {damage.path.name} » est endommagé : {damage.reason}. Il a été mis de côté, intact, sous "
            f"« {damage.set_aside.name} ».\n" + restore_hint(damage.path, damage.backup))
