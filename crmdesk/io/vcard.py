r"""Contacts as vCards (RFC 6350 vCard 4.0, or RFC 2426 vCard 3.0): one .vcf
file holding every card, for an address book (phone, Outlook, Thunderbird…).

Each card has FN (the name shown), N (family; given; ; civility;), ORG (the
company), TEL (each number, E.164, « cell » for a mobile), EMAIL and ADR
(; ; street; city; ; postal code; country name), and KIND:org for a
company in 4.0. Empty properties are left out (3.0 requires N: a company
gets an empty one).

Text is escaped as the RFCs say (`\` `,` `;` and line breaks become `\\`
`\,` `\;` `\n`), lines end with CRLF and are folded at 75 octets (a
continuation line starts with one space) without ever cutting a UTF-8
character in two. The file is UTF-8 without BOM.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from crmdesk.domain.mailing import is_mobile

VERSIONS = ("3.0", "4.0")
DEFAULT_VERSION = "3.0"  # what Outlook, Windows, Apple and Android all import
LINE_OCTETS = 75
CRLF = "\r\n"


def escape(text: str | None) -> str:
    """One text value (or one component of N, ORG, ADR), escaped."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at LINE_OCTETS octets, CRLF-terminated."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line + CRLF
    parts: list[str] = []
    start, room = 0, LINE_OCTETS
    while start < len(data):
        end = min(start + room, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never inside a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, room = end, LINE_OCTETS - 1  # the leading space takes one octet
    return (CRLF + " ").join(parts) + CRLF


@functools.cache
def country_name(code: str | None) -> str:
    """« FR » → « France », « BE » → « Belgique » (French names); unknown codes as they are."""
    code = (code or "FR").upper()
    try:
        from babel import Locale

        return Locale("fr").territories.get(code, code)
    except Exception:  # noqa: BLE001 - no locale data: the code is still an answer
        return code


def _property(name: str, value: str, params: str = "") -> str:
    return fold(f"{name}{params}:{value}")


def card(contact: Mapping, version: str = DEFAULT_VERSION) -> str:
    """One contact (a contacts row: kind, names, company, email, phone, phone2,
    address, postal_code, city, country) as a vCard."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}")
    v4 = version == "4.0"
    company_card = contact["kind"] == "company"
    last, first = contact["last_name"] or "", contact["first_name"] or ""
    person = " ".join(p for p in (first, last) if p)
    full = (contact["company"] or person) if company_card else (person or contact["company"] or "")
    lines = ["BEGIN:VCARD" + CRLF, f"VERSION:{version}" + CRLF]
    if v4 and company_card:
        lines.append("KIND:org" + CRLF)
    lines.append(_property("FN", escape(full)))
    if person and not company_card:
        lines.append(_property("N", ";".join((escape(last), escape(first), "", escape(contact["civility"]), ""))))
    elif not v4:
        lines.append("N:;;;;" + CRLF)
    if contact["company"]:
        lines.append(_property("ORG", escape(contact["company"])))
    for number in (contact["phone"], contact["phone2"]):
        if number:
            kind = "cell" if is_mobile(number) else "voice"
            lines.append(
                _property("TEL", f"tel:{number}", f";VALUE=uri;TYPE={kind}")
                if v4
                else _property("TEL", number, f";TYPE={kind.upper()}")
            )
    if contact["email"]:
        lines.append(_property("EMAIL", escape(contact["email"]), "" if v4 else ";TYPE=INTERNET"))
    if contact["address"] or contact["city"] or contact["postal_code"]:
        where = "work" if company_card else "home"
        value = ";".join(
            (
                "",
                "",
                escape(contact["address"]),
                escape(contact["city"]),
                "",
                escape(contact["postal_code"]),
                escape(country_name(contact["country"])),
            )
        )
        lines.append(_property("ADR", value, f";TYPE={where if v4 else where.upper()}"))
    lines.append("END:VCARD" + CRLF)
    return "".join(lines)


def write_cards(contacts: Iterable[Mapping], target: BinaryIO, version: str = DEFAULT_VERSION) -> int:
    """Every contact's card into one binary stream; returns how many."""
    count = 0
    for contact in contacts:
        target.write(card(contact, version).encode("utf-8"))
        count += 1
    return count
