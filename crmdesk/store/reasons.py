"""SQLite's and the system's reasons, said in the interface language.

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
