"""SQLite's, the system's and PostgreSQL's reasons, said in the interface language.

SQLite and Python's OSError speak English (« database disk image is
malformed », « No space left on device »). A message the user reads gives
the reason in French (English in the English interface); the technical
words stay available to `crmdesk check` and the logs, not in the sentence.
"""

from __future__ import annotations

import errno

from crmdesk.i18n import N_, _

# SQLite's words (lowercase) -> what they mean for the user
_SQLITE = (
    ("malformed", N_("son contenu est incohérent")),
    ("not a database", N_("il n'a plus la forme d'une base de données")),
    ("disk i/o error", N_("le disque n'a pas pu être lu ou écrit")),
    ("database or disk is full", N_("le disque est plein")),
    ("unable to open", N_("il n'a pas pu être ouvert")),
    ("readonly", N_("il est en lecture seule")),
    ("read-only", N_("il est en lecture seule")),
    ("locked", N_("il est occupé par un autre programme")),
    ("busy", N_("il est occupé par un autre programme")),
)
# integrity_check's lines name pages, cells, b-trees and indexes
_STRUCTURE = ("page", "btree", "cell", "index", "rowid", "freelist", "row ", "wrong # of entries", "nul")

_ERRNO = {
    errno.ENOSPC: N_("le disque est plein"),
    errno.EDQUOT: N_("le quota du disque est atteint"),
    errno.EACCES: N_("accès refusé"),
    errno.EPERM: N_("accès refusé"),
    errno.EROFS: N_("le support est en lecture seule"),
    errno.ENOENT: N_("introuvable"),
    errno.EEXIST: N_("existe déjà"),
    errno.EISDIR: N_("c'est un dossier"),
    errno.ENOTDIR: N_("un élément du chemin n'est pas un dossier"),
    errno.ELOOP: N_("un lien symbolique est sur le chemin"),
    errno.ENAMETOOLONG: N_("le nom est trop long"),
    errno.EIO: N_("le disque n'a pas pu être lu ou écrit"),
    errno.EBUSY: N_("le fichier est occupé"),
    errno.EMFILE: N_("trop de fichiers ouverts"),
    errno.EXDEV: N_("le dossier est sur un autre disque"),
}

# libpq's and the server's words (lowercase, English or French; all of a tuple's) -> what they mean for the user
_SERVER = (
    (("password authentication failed",), N_("le mot de passe est incorrect")),
    (("authentification par mot de passe",), N_("le mot de passe est incorrect")),
    (("no password supplied",), N_("aucun mot de passe n'a été donné")),
    (("role", "does not exist"), N_("cet identifiant n'existe pas sur le serveur")),
    (("no pg_hba.conf entry",), N_("ce poste n'est pas autorisé à s'y connecter")),
    (("database", "does not exist"), N_("la base n'existe pas")),
    (("permission denied for database",), N_("cet identifiant n'a pas le droit d'ouvrir cette base")),
    (("connection refused",), N_("il refuse les connexions (PostgreSQL n'y tourne pas, ou pas sur ce port)")),
    (("could not translate host name",), N_("ce nom de serveur est inconnu du réseau")),
    (("failed to resolve host",), N_("ce nom de serveur est inconnu du réseau")),
    (("name or service not known",), N_("ce nom de serveur est inconnu du réseau")),
    (("temporary failure in name resolution",), N_("ce nom de serveur est inconnu du réseau")),
    (("timeout expired",), N_("il n'a pas répondu à temps")),
    (("timed out",), N_("il n'a pas répondu à temps")),
    (("no such file or directory", "socket"), N_("aucun serveur PostgreSQL n'écoute à cet endroit")),
    (("permission denied",), N_("accès refusé")),
    (("ssl",), N_("la connexion chiffrée (SSL) a échoué")),
    (("network is unreachable",), N_("le réseau ne permet pas de le joindre")),
    (("no route to host",), N_("le réseau ne permet pas de le joindre")),
)


def sqlite_reason(detail: str) -> str:
    """What SQLite's `detail` (an error's text or integrity_check lines) means."""
    words = detail.lower()
    for found, said in _SQLITE:
        if found in words:
            return _(said)
    if any(part in words for part in _STRUCTURE):
        return _("des pages ou des index ne sont plus cohérents")
    return _("SQLite signale une erreur inconnue")


def unreadable(detail: str) -> str:
    """The reason a damaged client file gives (DamagedFile.reason)."""
    return _("SQLite ne peut pas le lire en entier : {what}", what=sqlite_reason(detail))


def os_reason(exc: OSError) -> str:
    """An OSError's reason: its errno said in the interface language."""
    said = _ERRNO.get(exc.errno or 0)
    if said is not None:
        return _(said)
    if exc.errno:
        return _("erreur système {code}", code=errno.errorcode.get(exc.errno, exc.errno))
    return str(exc)


def server_reason(detail: str) -> str:
    """What libpq's or the server's `detail` (an OperationalError's text) means;
    the first line of the text itself when it is none of the common reasons."""
    words = detail.lower()
    for found, said in _SERVER:
        if all(part in words for part in found):
            return _(said)
    return (detail.strip().splitlines() or [""])[0]
