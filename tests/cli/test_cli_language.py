"""The command line speaks the interface language all through, as a user meets it: `crmdesk --help`,
every `crmdesk COMMAND --help` and argparse's own words (« usage: », « options », its error lines),
each run in a fresh process whose environment (LANG, LANGUAGE and LC_ALL cleared) names the language.
French finds none of the English words, English none of the French vocabulary the window's test uses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from crmdesk.i18n_build import ARGPARSE_PO, argparse_messages
from tests.helpers.vocabulary import FRENCH, french_words

ROOT = Path(__file__).resolve().parents[2]

# argparse's English and the words of crmdesk's English help: none may show in French.
ENGLISH = (
    "usage",
    "positional arguments",
    "show this help message and exit",
    "error",
    "required",
    "expected",
    "invalid choice",
    "choose from",
    "unrecognized",
    "default",
    "examples",
    "example",
    "exit code",
    "FILE",
    "FOLDER",
    "the client file",
)
# The command line's own French words, on top of the domain's vocabulary: none may show in English.
FRENCH_CLI = (
    *FRENCH,
    "utilisation",
    "erreur",
    "par défaut",
    "aujourd'hui",
    "exemples",
    "exemple",
    "affiche cette aide et quitte",
    "fichier clients",
    "FICHIER",
    "DOSSIER",
    "AAAA-MM-JJ",
)

# Runs in the user's process: `crmdesk PATH… --help` for every command the parser has (walked through
# its sub-commands), each through crmdesk's main as the shell runs it; prints {"PATH…": help}.
WALK = """
import argparse, contextlib, io, json
from crmdesk.cli.main import build_parser, main

def walk(parser, path=()):
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk(sub, (*path, name))

helps = {}
for path in walk(build_parser()):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*path, "--help"]) == 0
    helps[" ".join(path)] = out.getvalue()
print(json.dumps(helps))
"""


def environment(lang: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    if lang is not None:
        env["LANG"] = lang
    return {**env, "PYTHONPATH": str(ROOT)}


def run(tmp_path, lang: str | None, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, env=environment(lang), timeout=120
    )


def crmdesk(tmp_path, lang: str | None, *args: str) -> subprocess.CompletedProcess:
    return run(tmp_path, lang, "-m", "crmdesk", *args)


def every_help(tmp_path, lang: str) -> dict[str, str]:
    done = run(tmp_path, lang, "-c", WALK)
    assert done.returncode == 0, done.stderr
    helps = json.loads(done.stdout)
    assert len(helps) > 50 and "import clients" in helps and "gdpr erase" in helps  # the walk went everywhere
    return helps


def test_every_help_in_french_holds_no_english(tmp_path):
    helps = every_help(tmp_path, "fr_FR.UTF-8")
    english = {command: sorted(french_words([text], ENGLISH)) for command, text in helps.items()}
    assert {command: words for command, words in english.items() if words} == {}
    for command, text in helps.items():
        assert text.startswith("utilisation : crmdesk"), command
        assert "  -h, --help" in text and "affiche cette aide et quitte" in text, command
    assert "\narguments:\n  FICHIER" in helps["import clients"]  # argparse's « positional arguments »
    assert "  --db FICHIER  " in helps["check"]


def test_every_help_in_english_holds_no_french(tmp_path):
    helps = every_help(tmp_path, "en_US.UTF-8")
    french = {command: sorted(french_words([text], FRENCH_CLI)) for command, text in helps.items()}
    assert {command: words for command, words in french.items() if words} == {}
    for command, text in helps.items():
        assert text.startswith("usage: crmdesk"), command
        assert "show this help message and exit" in text, command
    assert "positional arguments:\n  FILE" in helps["import clients"]
    assert "  --db FILE  " in helps["check"]


def test_the_vocabulary_lists_find_what_they_look_for(tmp_path):
    """The two checks above can fail: each finds its words in the other language."""
    french, english = every_help(tmp_path, "fr_FR.UTF-8"), every_help(tmp_path, "en_US.UTF-8")
    assert {"utilisation", "par défaut", "obligatoire", "FICHIER"} <= french_words(list(french.values()), FRENCH_CLI)
    assert {"usage", "default", "required", "FILE"} <= french_words(list(english.values()), ENGLISH)


def test_crmdesk_help_as_the_user_types_it(tmp_path):
    french = crmdesk(tmp_path, "fr_FR.UTF-8", "--help")
    assert french.returncode == 0
    assert french.stdout.startswith("utilisation : crmdesk [--db FICHIER | --demo [{sweetybio,boldair}]")
    assert "\noptions:\n  -h, --help            affiche cette aide et quitte\n" in french.stdout
    assert "  --version             affiche la version et quitte\n" in french.stdout
    assert "\ncommandes:\n  COMMANDE\n    demo                écrit un fichier de démonstration\n" in french.stdout

    english = crmdesk(tmp_path, "en_US.UTF-8", "--help")
    assert english.returncode == 0
    assert english.stdout.startswith("usage: crmdesk [--db FILE | --demo [{sweetybio,boldair}]")
    assert "\noptions:\n  -h, --help            show this help message and exit\n" in english.stdout
    assert "  --version             show the version and exit\n" in english.stdout
    assert "\ncommands:\n  COMMAND\n    demo                write a demo file\n" in english.stdout
    assert not french_words([english.stdout], FRENCH_CLI)


# (command line, its error in French, in English): what argparse refuses, in the user's words.
WRONG = [
    (
        ("demo", "sweetybio"),
        "crmdesk demo : erreur : arguments obligatoires manquants : --out",
        "crmdesk demo: error: the following arguments are required: --out",
    ),
    (
        ("demo", "bolair", "--out", "demo.sqlite"),
        "crmdesk demo : erreur : argument {sweetybio,boldair} : choix invalide : 'bolair' "
        "(au choix : 'sweetybio', 'boldair')",
        "crmdesk demo: error: argument {sweetybio,boldair}: invalid choice: 'bolair' "
        "(choose from 'sweetybio', 'boldair')",
    ),
    (
        ("check", "--db"),
        "crmdesk check : erreur : argument --db : une valeur est attendue",
        "crmdesk check: error: argument --db: expected one argument",
    ),
    (
        ("check", "--db", "clients.sqlite", "--réparer"),
        "crmdesk : erreur : arguments non reconnus : --réparer",
        "crmdesk: error: unrecognized arguments: --réparer",
    ),
    (
        ("--db", "clients.sqlite", "--demo"),
        "crmdesk : erreur : argument --demo : impossible avec l'argument --db",
        "crmdesk: error: argument --demo: not allowed with argument --db",
    ),
    (
        ("sheet", "--db", "clients.sqlite", "--out", "fiches.pdf"),
        "crmdesk sheet : erreur : l'un des arguments --client --all est obligatoire",
        "crmdesk sheet: error: one of the arguments --client --all is required",
    ),
    (
        ("email", "--db", "clients.sqlite", "--resume", "douze"),
        "crmdesk email : erreur : argument --resume : valeur invalide (int) : 'douze'",
        "crmdesk email: error: argument --resume: invalid int value: 'douze'",
    ),
    (
        ("exporter",),
        "crmdesk : erreur : argument COMMANDE : choix invalide : 'exporter'",
        "crmdesk: error: argument COMMAND: invalid choice: 'exporter'",
    ),
]


@pytest.mark.parametrize(("args", "french", "english"), WRONG, ids=[" ".join(w[0]) for w in WRONG])
def test_a_wrong_command_line_is_refused_in_the_interface_language(tmp_path, args, french, english):
    fr = crmdesk(tmp_path, "fr_FR.UTF-8", *args)
    assert fr.returncode == 2 and fr.stdout == ""
    assert fr.stderr.startswith("utilisation : crmdesk") and french in fr.stderr, fr.stderr
    assert not french_words([fr.stderr], ENGLISH), fr.stderr

    en = crmdesk(tmp_path, "en_US.UTF-8", *args)
    assert en.returncode == 2 and en.stdout == ""
    assert en.stderr.startswith("usage: crmdesk") and english in en.stderr, en.stderr
    assert not french_words([en.stderr], FRENCH_CLI), en.stderr
    assert not list(tmp_path.iterdir())  # refused before anything was written


def test_an_environment_that_names_no_language_gets_french_all_through(tmp_path):
    """Windows sets no LANG, a service runs with LANG=C: crmdesk speaks French there, argparse too
    (gettext's default domain, which reads the language from those variables alone, would not)."""
    for lang in (None, "C", "de_DE.UTF-8"):
        done = crmdesk(tmp_path, lang, "demo", "sweetybio")
        assert done.returncode == 2
        assert "crmdesk demo : erreur : arguments obligatoires manquants : --out" in done.stderr, (lang, done.stderr)


def test_argparse_leaves_crmdesk_with_its_own_words(capsys):
    """argparse's words are French only while crmdesk's parser works: a parser made afterwards in the
    same process (a test, a plug-in) speaks argparse's English."""
    import argparse

    from crmdesk.cli.main import main

    assert main(["demo", "--help"]) == 0
    assert capsys.readouterr().out.startswith("utilisation : crmdesk demo")
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other")


def test_every_argparse_message_has_its_french():
    with open(ARGPARSE_PO, "rb") as handle:
        catalogue = read_po(handle, locale="fr")
    untranslated = []
    for message, _context in argparse_messages():
        entry = catalogue.get(message)
        strings = (
            entry.string if entry is not None and isinstance(entry.string, tuple) else [getattr(entry, "string", "")]
        )
        if not all(strings):
            untranslated.append(message)
    assert untranslated == [], "run python -m crmdesk.i18n, then translate argparse_fr.po"
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert ARGPARSE_PO.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run python -m crmdesk.i18n"
