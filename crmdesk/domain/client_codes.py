"""Client numbers (« N° client »): the pattern new clients follow.

A file has its own numbering — « SB00440 » in Sweety Bio's file, « C000012 »
in a new one: a prefix, then a number written on a fixed number of digits.
A new client takes the next number of that pattern (« SB00441 »). The
pattern is the settings' `clients.code_prefix` / `clients.code_width` when
set, else the one most of the file's latest clients follow, else « C » and
6 digits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import _

PREFIX_KEY, WIDTH_KEY = "clients.code_prefix", "clients.code_width"
DEFAULT_PREFIX, DEFAULT_WIDTH = "C", 6
MAX_PREFIX, MIN_WIDTH, MAX_WIDTH = 10, 1, 12

# a prefix (ending with anything but a digit, possibly empty), then the number
_NUMBERED = re.compile(r"(?P<prefix>(?:.*\D)?)(?P<digits>\d+)")
_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_-]*")  # what a code may start with (domain/contact.py)


@dataclass
class CodeSequence:
    """The numbering of new clients: « SB » + the next number on 5 digits."""

    prefix: str
    width: int
    number: int = 1  # the next number to give

    def code(self, number: int | None = None) -> str:
        return f"{self.prefix}{(self.number if number is None else number):0{self.width}d}"

    def take(self) -> str:
        """The next code, and move on (a batch of new clients: an import)."""
        code = self.code()
        self.number += 1
        return code

    def number_of(self, code: str) -> int | None:
        """The number of a code of this pattern (any width, any case), None for another pattern."""
        match = _NUMBERED.fullmatch(code or "")
        if match is None or match.group("prefix").casefold() != self.prefix.casefold():
            return None
        return int(match.group("digits"))


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def sort_key(code: str | None) -> str:
    """The natural order of client numbers: the text before the final number (lower
    case), that number's length on two digits, then the number without its leading
    zeros — « SB2 » -> « sb012 » < « SB10 » -> « sb0210 ». db/014's generated column
    contacts.code_key is the same text, computed by SQLite (the client table sorts on it)."""
    code = code or ""
    head = code.rstrip("0123456789")
    number = code[len(head) :].lstrip("0")
    return f"{head.translate(_ASCII_LOWER)}{len(number):02d}{number}"


def pattern_of(code: str) -> tuple[str, int] | None:
    """(prefix, digits) of « SB00440 » -> ("SB", 5); None for a code without a final number."""
    match = _NUMBERED.fullmatch(code or "")
    return (match.group("prefix"), len(match.group("digits"))) if match else None


def usual_pattern(codes: Iterable[str]) -> tuple[str, int] | None:
    """The prefix most of `codes` have, and the width most of those are written on
    (`codes` the latest first: the latest wins a tie)."""
    prefixes: Counter[str] = Counter()
    widths: Counter[tuple[str, int]] = Counter()
    for code in codes:
        pattern = pattern_of(code)
        if pattern is not None:
            prefixes[pattern[0]] += 1  # most_common and max keep the first seen of equals: the latest
            widths[pattern] += 1
    if not prefixes:
        return None
    prefix = prefixes.most_common(1)[0][0]
    width = max((w for p, w in widths if p == prefix), key=lambda w: widths[(prefix, w)])
    return prefix, width


def check_prefix(value) -> str:
    """A prefix: letters, digits and « . - / _ », not ending with a digit; "" = none.
    CrmError (the reason, in the interface language) otherwise."""
    if value is not None and not isinstance(value, str):
        raise CrmError(_("du texte est attendu (ex. « SB »)"))
    text = value.strip() if value else ""
    if text and (len(text) > MAX_PREFIX or not _PREFIX.fullmatch(text) or text[-1].isdigit()):
        raise CrmError(
            _(
                "{most} caractères au plus : lettres, chiffres, « . - / _ », sans chiffre à la fin (ex. « SB »)",
                most=MAX_PREFIX,
            )
        )
    return text


def check_width(value) -> int:
    """The digits of the number, 1 to 12."""
    try:
        width = None if isinstance(value, bool) else int(str(value).strip())
    except ValueError:
        width = None
    if width is None or not MIN_WIDTH <= width <= MAX_WIDTH:
        raise CrmError(_("un nombre de chiffres de {low} à {high}", low=MIN_WIDTH, high=MAX_WIDTH))
    return width


def check_setting(key: str, value):
    """The value to store for a client-number setting; CrmError naming the setting."""
    try:
        return check_prefix(value) if key == PREFIX_KEY else check_width(value)
    except CrmError as exc:
        raise CrmError(_("{key} : {reason}, pas « {value} ».", key=key, reason=str(exc), value=value)) from None
