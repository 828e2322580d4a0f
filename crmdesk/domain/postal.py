"""Postal addresses the French way: standard NF Z10-011 (docs/domain/13-writing-to-clients.md).

    address = postal_address(contact)
    address.lines        # ("Mme Hélène DUBOIS", "Résidence Les Tilleuls", "12 RUE DES LILAS", "69002 LYON")
    address.problems     # (AddressProblem("too_long", line=3, length=41), …): reported, never cut

The rules (La Poste's « règles d'or » of the standard):

- the lines go from the recipient to the town: (1) who — for a firm its name,
  then (2) the person or service it is for; a person's civility, first name
  and name; then the complement (flat, floor, building), the number and
  street, the locality or post-office box — as typed, one typed line each;
  the last line is « CODE POSTAL COMMUNE »;
- 6 lines at most (a 7th, the country, for an address abroad), 38
  characters at most each, spaces included;
- from the street line on, no punctuation (letters, digits and spaces only)
  and capitals (the standard asks it of the last line, La Poste of the
  last three: optical readers sort them better); the last line also
  without accents: « 69002 LYON », « 42000 SAINT ETIENNE »;
- a line too long, or too many lines, is reported (AddressProblem) and left
  whole: cutting « 12 RUE DU FAUBOURG SAINT HONORE » would lose the street.

Which typed line is the street: the first one starting with a number, else
the first one holding a street word (rue, avenue, chemin…), else the last
typed line. The lines typed before it (« Résidence Les Tilleuls »,
« Appartement 12 ») are written as typed.

`sort_key` orders addresses by postal code (La Poste's bulk rates want the
envelopes by code), then town and name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from crmdesk.i18n import N_, _

MAX_LINES = 6
MAX_LINES_ABROAD = 7
MAX_LENGTH = 38

TOO_LONG, TOO_MANY, NO_ADDRESS = "too_long", "too_many", "no_address"

# Country names as the last line of an address abroad (French, capitals, no accents).
COUNTRIES = {
    "BE": "BELGIQUE",
    "CH": "SUISSE",
    "LU": "LUXEMBOURG",
    "MC": "MONACO",
    "DE": "ALLEMAGNE",
    "ES": "ESPAGNE",
    "IT": "ITALIE",
    "GB": "ROYAUME UNI",
    "UK": "ROYAUME UNI",
    "NL": "PAYS BAS",
    "PT": "PORTUGAL",
    "CA": "CANADA",
    "US": "ETATS UNIS",
    "AT": "AUTRICHE",
    "IE": "IRLANDE",
    "DK": "DANEMARK",
    "SE": "SUEDE",
    "NO": "NORVEGE",
    "FI": "FINLANDE",
    "PL": "POLOGNE",
    "GR": "GRECE",
    "AD": "ANDORRE",
    "MA": "MAROC",
    "TN": "TUNISIE",
    "DZ": "ALGERIE",
    "SN": "SENEGAL",
}
_FRANCE = ("", "FR", "FRA", "FRANCE")

# Words that make a typed line the street line (folded, first word or after a number).
_STREET_WORDS = frozenset(
    (
        "rue",
        "avenue",
        "av",
        "bd",
        "boulevard",
        "chemin",
        "impasse",
        "allee",
        "place",
        "quai",
        "route",
        "cours",
        "square",
        "passage",
        "sentier",
        "voie",
        "faubourg",
        "rond",
        "rond-point",
        "esplanade",
        "promenade",
        "lotissement",
        "hameau",
        "lieu-dit",
        "lieudit",
        "bp",
        "cs",
        "ruelle",
        "villa",
        "parvis",
        "mail",
    )
)
_PUNCTUATION = re.compile(r"[^0-9A-Za-z ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AddressProblem:
    """What is wrong with an address: `kind` TOO_LONG (line `line`, 1-based,
    of `length` characters), TOO_MANY (`length` lines) or NO_ADDRESS."""

    kind: str
    line: int = 0
    length: int = 0

    def text(self) -> str:
        if self.kind == TOO_LONG:
            return _(
                "ligne {line} trop longue : {length} caractères pour {limit} au plus",
                line=self.line,
                length=self.length,
                limit=MAX_LENGTH,
            )
        if self.kind == TOO_MANY:
            return _("{length} lignes d'adresse pour {limit} au plus", length=self.length, limit=MAX_LINES)
        return _("sans adresse postale")


@dataclass(frozen=True)
class PostalAddress:
    lines: tuple[str, ...]
    problems: tuple[AddressProblem, ...] = ()

    @property
    def complete(self) -> bool:
        return not any(p.kind == NO_ADDRESS for p in self.problems)

    def text(self) -> str:
        return "\n".join(self.lines)


# Problem kinds, as a summary counts them (« 3 adresses avec une ligne de plus de 38 caractères »).
PROBLEM_LABELS = {
    NO_ADDRESS: N_("sans adresse postale"),
    TOO_LONG: N_("avec une ligne de plus de 38 caractères"),
    TOO_MANY: N_("de plus de 6 lignes"),
}


def _clean(value: object) -> str:
    return _SPACES.sub(" ", str(value or "")).strip()


def bare(text: str) -> str:
    """« Saint-Étienne » -> « SAINT ETIENNE »: capitals, no accents, no
    punctuation (a hyphen or an apostrophe becomes a space), single spaces."""
    decomposed = unicodedata.normalize(
        "NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss")
    )
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", plain)).strip().upper()


def person_line(contact: Mapping) -> str:
    """« Mme Hélène DUBOIS »: civility, first name, name, as typed."""
    return " ".join(p for p in (_clean(contact.get(k)) for k in ("civility", "first_name", "last_name")) if p)


def recipient_lines(contact: Mapping) -> list[str]:
    """The first lines: a firm's name then the person it is for, or the person."""
    person = person_line(contact)
    company = _clean(contact.get("company"))
    if contact.get("kind") == "company":
        return [company or person]
    return [company, person] if company else [person]


def _street_index(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if line[:1].isdigit():
            return index
    for index, line in enumerate(lines):
        words = bare(line).lower().split()
        if any(word in _STREET_WORDS for word in words[:3]):
            return index
    return len(lines) - 1


def city_line(contact: Mapping) -> str:
    """« 69002 LYON », « 75008 PARIS CEDEX 08 »."""
    return " ".join(p for p in (bare(_clean(contact.get("postal_code"))), bare(_clean(contact.get("city")))) if p)


def is_abroad(contact: Mapping) -> bool:
    return _clean(contact.get("country")).upper() not in _FRANCE


def postal_address(contact: Mapping) -> PostalAddress:
    """The address block of a contact (see the module docstring); an address
    without street or town has the problem NO_ADDRESS (and only the
    recipient's lines)."""
    top = [line for line in recipient_lines(contact) if line]
    typed = [_clean(line) for line in str(contact.get("address") or "").splitlines()]
    typed = [line for line in typed if line]
    town = city_line(contact)
    abroad = is_abroad(contact)
    if not typed or not _clean(contact.get("city")) or (not abroad and not _clean(contact.get("postal_code"))):
        return PostalAddress(tuple(top), (AddressProblem(NO_ADDRESS),))
    street = _street_index(typed)
    lines = top + typed[:street] + [bare(line) for line in typed[street:]] + [town]
    if abroad:
        code = _clean(contact.get("country")).upper()
        lines.append(COUNTRIES.get(code) or bare(code))
    problems = [
        AddressProblem(TOO_LONG, number, len(line))
        for number, line in enumerate(lines, start=1)
        if len(line) > MAX_LENGTH
    ]
    limit = MAX_LINES_ABROAD if abroad else MAX_LINES
    if len(lines) > limit:
        problems.append(AddressProblem(TOO_MANY, 0, len(lines)))
    return PostalAddress(tuple(lines), tuple(problems))


_WIDENING = re.compile("[œŒæÆß]")  # the only letters `bare` writes with two


def problems(contact: Mapping) -> tuple[AddressProblem, ...]:
    """`postal_address(contact).problems`, without building the address when the
    raw lengths show it cannot break a rule (a mailing to a million contacts)."""
    get = contact.get
    typed = str(get("address") or "").splitlines()
    company, city, code = str(get("company") or ""), str(get("city") or ""), str(get("postal_code") or "")
    parts = (
        f"{get('civility') or ''} {get('first_name') or ''} {get('last_name') or ''}",
        company,
        f"{code} {city}",
        *typed,
    )
    lines = 2 + len(typed) + (1 if company and get("kind") != "company" else 0)
    if (
        typed
        and city.strip()
        and code.strip()
        and lines <= MAX_LINES
        and max(map(len, parts)) <= MAX_LENGTH
        and not is_abroad(contact)
        and not any(_WIDENING.search(part) for part in parts)
    ):
        return ()
    return postal_address(contact).problems


def sort_key(contact: Mapping) -> tuple:
    """By postal code (France first), then town, then name (the folded keys the
    file keeps, `city_key` and `name_key`, when the contact has them)."""
    from crmdesk.domain.text import fold

    town = contact["city_key"] if "city_key" in contact else fold(_clean(contact.get("city")))
    name = (
        contact["name_key"] if "name_key" in contact else fold(person_line(contact) or _clean(contact.get("company")))
    )
    return (is_abroad(contact), _clean(contact.get("postal_code")), town, name, contact.get("id") or 0)
