"""Talking to the user on the terminal: messages on stderr, in the language
of the environment (crmdesk.i18n; French unless it asks for English)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable

from crmdesk.i18n import _, ngettext
from crmdesk.io.csvfile import neutralise

PROG = "crmdesk"


def number(n: int) -> str:
    """1234567 -> « 1 234 567 » (French grouping)."""
    return f"{n:,}".replace(",", " ")


def plural(n: int, singular: str, plural_form: str) -> str:
    """« 1 234 clients créés »: the words (marked N_ by the caller) in the interface language."""
    return f"{number(n)} {_(singular if n <= 1 else plural_form)}"


def db_option(parser, what: str = "fichier clients à lire (obligatoire)") -> None:
    """The --db FICHIER option every command that works on a client file has."""
    parser.add_argument("--db", metavar="FICHIER", required=True, help=what)


def format_option(parser, default: str = "csv") -> None:
    """--format csv|json (or text|json) on a listing command."""
    parser.add_argument("--format", choices=(default, "json"), default=default, help=f"{default} (par défaut) ou json")


def print_json(doc) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def cell(value):
    """A CSV cell for the terminal: None empty, True/False 1/0, text typed by
    users neutralised (no spreadsheet may run it as a formula), numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return neutralise(value) if isinstance(value, str) else value


def csv_text(columns: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A header and rows, `,` and LF (for scripts and pipes; the cells are
    written as given: see `cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def print_csv(columns: Iterable[str], rows: Iterable[Iterable]) -> None:
    sys.stdout.write(csv_text(columns, rows))


def error(message: str) -> None:
    print(_("{program} : {message}", program=PROG, message=message), file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


class Progress:
    """« 300 000 lignes lues… » on stderr, only when it is a terminal."""

    def __init__(self):
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, rows: int) -> None:
        if self.active:
            print("\r  " + ngettext("{number} ligne lue…", "{number} lignes lues…", rows, number=number(rows)),
                  end="", file=sys.stderr, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False
