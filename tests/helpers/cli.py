"""The command line run in-process, as `crmdesk …` would run it (crmdesk.cli.main.main)."""

from __future__ import annotations

import contextlib
import io
from typing import NamedTuple

from crmdesk.cli.main import main


def cli(*args) -> int:
    """`crmdesk ARGS…` (paths and numbers as they are): its exit code; what it prints goes to
    the test's own stdout/stderr (pytest's capsys reads it)."""
    return main([str(a) for a in args])


class Run(NamedTuple):
    code: int
    out: str
    err: str


def cli_output(*args) -> Run:
    """`crmdesk ARGS…` with its output captured: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(*args)
    return Run(code, out.getvalue(), err.getvalue())
