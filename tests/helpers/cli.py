"""The command line run in-process, as `crmdesk …` runs it (crmdesk.cli.main.main): every test
of a command goes through the same parser, dispatch and error handling as the user's shell."""

from crmdesk.cli.main import main


def cli(*args) -> int:
    """`crmdesk ARGS…` (paths and numbers as they are): its exit code. What it prints is the
    test's own stdout/stderr: pytest's `capsys` reads it."""
    return main([str(a) for a in args])
