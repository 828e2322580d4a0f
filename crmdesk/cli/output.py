"""Talking to the user on the terminal: messages on stderr, in the language
of the environment (crmdesk.i18n; French unless it asks for English)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Self

from crmdesk.i18n import _
from crmdesk.io.csvfile import neutralise
from crmdesk.store.files import private_output

PROG = "crmdesk"


def number(n: int) -> str:
    """1234567 -> « 1 234 567 » (French grouping)."""
    return f"{n:,}".replace(",", " ")


def plural(n: int, singular: str, plural_form: str) -> str:
    """« 1 234 clients créés »: the words (marked N_ by the caller) in the interface language."""
    return f"{number(n)} {_(singular if n <= 1 else plural_form)}"


def db_option(parser, what: str | None = None) -> None:
    """The --db FICHIER option every command that works on a client file has (`what`: its help, translated)."""
    parser.add_argument(
        "--db", metavar=_("FICHIER"), required=True, help=what or _("fichier clients à lire (obligatoire)")
    )


def format_option(parser, default: str = "csv") -> None:
    """--format csv|json (or text|json) on a listing command."""
    parser.add_argument(
        "--format",
        choices=(default, "json"),
        default=default,
        help=_("{default} (par défaut) ou json", default=default),
    )


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


def write_text_file(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """A CSV or JSON a command writes with --out: all or nothing, owner-only (it holds clients'
    data), a full disk said in French (crmdesk.store.files.private_output)."""
    with private_output(Path(path).expanduser(), "w", encoding=encoding, newline="") as handle:
        handle.write(text)


def error(message: str) -> None:
    print(_("{program} : {message}", program=PROG, message=message), file=sys.stderr)


def info(message: str) -> None:
    print(message, file=sys.stderr)


class Progress:
    """How far a long command has gone, on stderr, only when it is a terminal
    (quiet when piped or redirected): one line rewritten in place —

        « Import : 300 000 lignes lues (1 min 12 s)… »      (no total known)
        « Export : 45 % — 450 000 / 1 000 000 clients »      (with a total)
        « Calcul du RFM… 12 s »                               (`ticking`: no count at all)

    Call it with the count done (and the total when known), as often as you
    like: the line changes at most every `every` seconds, and at the end.
    `done()` ends the line (before any other message). As a context manager
    it also makes Ctrl+C stop a long SQL statement of `conn` at once (a
    VACUUM, a scan of a million rows) instead of when it ends: the statement
    is interrupted, its transaction rolled back, and KeyboardInterrupt goes
    up (crmdesk.cli.main says « interrompu ; rien n'a été enregistré »)."""

    def __init__(self, label: str = "", unit: str = "", *, conn=None, stream=None, every: float = 0.2):
        self.label = label or _("Import")
        self.unit = unit or _("lignes lues")
        self.stream = stream or sys.stderr
        self.active = _is_terminal(self.stream)
        self.every = every
        self.shown = False
        self.conn = conn
        self._start = time.monotonic()
        self._last: float | None = None  # the first call is always shown
        self._width = 0
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()
        self._interrupted = False
        self._previous_handler = None

    def __call__(self, done: int | None, total: int | None = None) -> None:
        if not self.active:
            return
        now = time.monotonic()
        finished = total is not None and done is not None and done >= total
        if self._last is not None and now - self._last < self.every and not finished:
            return
        self._last = now
        self._show(self.text(done, total, now - self._start))

    def text(self, done: int | None, total: int | None, seconds: float) -> str:
        """The line shown (without its carriage return)."""
        if done is None:
            return "  " + _("{label}… {duration}", label=self.label, duration=duration(seconds))
        if total:
            percent = min(100, done * 100 // total)
            return "  " + _(
                "{label} : {percent} % — {done} / {total} {unit}",
                label=self.label,
                percent=percent,
                done=number(done),
                total=number(total),
                unit=self.unit,
            )
        return "  " + _(
            "{label} : {done} {unit} ({duration})…",
            label=self.label,
            done=number(done),
            unit=self.unit,
            duration=duration(seconds),
        )

    def _show(self, text: str) -> None:
        padding = " " * max(0, self._width - len(text))  # a shorter line wipes the longer one
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self._width = len(text)
        self.shown = True

    def done(self) -> None:
        """End the progress line (the next message starts on a line of its own)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
            self._width = 0

    @contextlib.contextmanager
    def ticking(self) -> Iterator[None]:
        """For work that reports no count: the elapsed time, every second, while the block runs."""
        if not self.active:
            yield
            return
        self._stop.clear()

        def tick() -> None:
            while not self._stop.wait(1.0):
                self(None)

        self._ticker = threading.Thread(target=tick, name="crmdesk-progress", daemon=True)
        self._ticker.start()
        try:
            yield
        finally:
            self._stop.set()
            self._ticker.join()
            self._ticker = None

    # -- Ctrl+C ---------------------------------------------------------------------------
    def __enter__(self) -> Self:
        if self.conn is not None and threading.current_thread() is threading.main_thread():
            self._previous_handler = signal.signal(signal.SIGINT, self._on_interrupt)
            # a Python call every so many SQLite instructions: the moment where Ctrl+C is handled
            self.conn.set_progress_handler(_let_signals_in, _SQL_STEPS)
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.done()
        if self._previous_handler is not None:
            with contextlib.suppress(Exception):  # the connection may be closed by now
                self.conn.set_progress_handler(None, 0)
            signal.signal(signal.SIGINT, self._previous_handler)
            self._previous_handler = None
        if self._interrupted and exc is not None and not isinstance(exc, KeyboardInterrupt):
            # the statement stopped by Ctrl+C failed with « interrupted »: say what happened
            raise KeyboardInterrupt from None

    def _on_interrupt(self, signum, frame) -> None:
        self._interrupted = True
        raise KeyboardInterrupt


_SQL_STEPS = 100_000


def _let_signals_in() -> int:
    return 0


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def duration(seconds: float) -> str:
    """« 12 s », « 3 min 05 s », « 1 h 02 min »."""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
