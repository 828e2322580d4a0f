"""Talking to the user on the terminal: French messages on stderr."""

from __future__ import annotations

import sys

PROG = "crmdesk"


def number(n: int) -> str:
    """1234567 -> « 1 234 567 » (French grouping)."""
    return f"{n:,}".replace(",", " ")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{number(n)} {singular if n <= 1 else (plural_form or singular + 's')}"


def error(message: str) -> None:
    print(f"{PROG} : {message}", file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


class Progress:
    """« 300 000 lignes lues… » on stderr, only when it is a terminal."""

    def __init__(self):
        self.active = sys.stderr.isatty()
        self.shown = False

    def __call__(self, rows: int) -> None:
        if self.active:
            print(f"\r  {number(rows)} lignes lues…", end="", file=sys.stderr, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print(file=sys.stderr)
            self.shown = False
