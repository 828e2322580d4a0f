"""The hostile values every test of this package feeds through the
application, and what « stored literally » means for them.

Each value is a `pytest.param` with a readable id, so a failure names the
value (« formula-hyperlink », « nul-byte »…).
"""

from __future__ import annotations

import re

import pytest

from crmdesk.io.csvfile import FORMULA_START

LONG = "Long" + "é" * 4_996  # 5,000 characters, one word

# (id, value)
_TEXT = (
    ("formula-hyperlink", '=HYPERLINK("http://x","clic")'),
    ("formula-plus-phone", "+33 6 12 34 56 78"),
    ("formula-minus-amount", "-12,50"),
    ("formula-at", "@SUM(A1)"),
    ("formula-tab", "\tTAB"),
    ("formula-cr", "\rCR"),
    ("formula-quote", "'=déjà protégé"),
    ("markup", "<b>gras</b> & <img src=x>"),
    ("sql-drop", "'; DROP TABLE contacts; --"),
    ("sql-wildcards", "%_\\"),
    ("double-quotes", '"quoted"'),
    ("nul-byte", "NUL\x00byte"),
    ("rtl-override", "\u202eRTL override"),
    ("rlm", "\u200fRLM"),
    ("unicode-emoji", "ünïcödé 😀"),
    ("newline-injection", "L1\r\nEND:VCARD\nBEGIN:VCARD"),
    ("long-5000", LONG),
    ("path-up", "../../etc/passwd"),
    ("path-windows", "C:\\Windows\\win.ini"),
    ("device-name", "con.txt"),
)
TEXT = dict(_TEXT)
HOSTILE_TEXT = [pytest.param(value, id=name) for name, value in _TEXT]
# Values a spreadsheet would run as a formula (or that look like it).
FORMULAS = [pytest.param(value, id=name) for name, value in _TEXT if value[:1] in FORMULA_START]

# A value the application may refuse (with a French message) rather than
# store: a NUL byte (no spreadsheet, no CSV reader wants it) and, where a
# field has a length limit, the 5,000-character word. Any other value must
# be stored.
MAY_BE_REFUSED = {TEXT["nul-byte"], LONG}

_DATES = (
    ("feb-31", "31/02/2026"),
    ("feb-29-not-leap", "29/02/2027"),
    ("two-digit-year", "01/02/03"),
    ("month-13", "2026-13-01"),
)
HOSTILE_DATES = [pytest.param(value, id=name) for name, value in _DATES]

_PATHS = (
    ("path-up", "../../etc/passwd"),
    ("path-windows", "C:\\Windows\\win.ini"),
    ("device-name", "con.txt"),
    ("absolute", "/etc/passwd"),
    ("dot-dot", ".."),
    ("rtl-extension", "facture\u202etxt.exe"),
    ("nul-byte", "piece\x00.pdf"),
)
HOSTILE_PATHS = [pytest.param(value, id=name) for name, value in _PATHS]

_ENGLISH = re.compile(
    r"\b(invalid|must|cannot|error|unknown|not found|expected|traceback|errno|file name|"
    r"no such|too long|permission denied)\b",
    re.IGNORECASE,
)
_FRENCH = re.compile(r"[«»éèêàçù]|\b(le|la|les|de|du|des|un|une|est|pas|obligatoire|introuvable)\b", re.IGNORECASE)


def assert_french(message: str) -> None:
    """A message a French user can read: French words, no English ones, no traceback."""
    assert message and _FRENCH.search(message), message
    assert not _ENGLISH.search(message), message


def one_line(value: str) -> str:
    """What a one-line field keeps of a typed value: runs of white space
    (tabs, carriage returns, line feeds) are one space, none at the ends."""
    return " ".join(value.split())


def multi_line(value: str) -> str:
    """What a notes field keeps: the text without white space at its ends."""
    return value.strip()


def code_of(value: str) -> str:
    """The N° client of the contact holding `value` in the hostile file."""
    return f"H{list(TEXT.values()).index(value):02d}"
