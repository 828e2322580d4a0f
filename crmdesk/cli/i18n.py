"""argparse in French: its few messages are translated while crmdesk's
parser is built and used (the module reads `_` at call time)."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "argument(s) obligatoire(s) manquant(s) : %s",
    "unrecognized arguments: %s": "argument(s) non reconnu(s) : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "not allowed with argument %s": "incompatible avec %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "ignored explicit argument %r": "valeur ignorée %r",
}


def _gettext(message: str) -> str:
    return _FR.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "%s valeur(s) attendue(s)"
    return singular if n == 1 else plural


@contextlib.contextmanager
def french_argparse() -> Iterator[None]:
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
