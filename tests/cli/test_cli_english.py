"""The command line speaks the environment's language: English when LANG
(or LANGUAGE, LC_ALL, LC_MESSAGES) asks for it, French otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crmdesk import i18n
from crmdesk.cli.main import main
from tests.io.helpers import write_csv

ROOT = Path(__file__).resolve().parents[2]
# Words of crmdesk's French messages that no English message holds.
FRENCH = ("n'existe", "introuvable", "fichier", "ligne", "refusée", "il manque", "adresse", "Rien n'a")


def english_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "en_US.UTF-8", "PYTHONPATH": str(ROOT)}


def test_an_english_environment_gets_an_english_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "check", "--db", "absent.sqlite"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=english_environment(),
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("crmdesk: The file “") and "absent.sqlite” does not exist." in done.stderr
    assert not any(word in done.stderr for word in FRENCH), done.stderr


def test_a_wrong_command_line_is_refused_in_english(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "demo", "sweetybio"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=english_environment(),
        timeout=60,
    )
    assert done.returncode == 2
    assert "usage: crmdesk demo" in done.stderr and "the following arguments are required: --out" in done.stderr


def test_an_import_reports_its_refused_lines_in_the_environments_language(tmp_path, monkeypatch, capsys):
    source = write_csv(
        tmp_path / "clients.csv",
        ["last_name", "email"],
        [["DUPONT", "dupont.exemple.fr"], ["MARTIN", "martin@exemple.fr"]],
    )
    db = tmp_path / "clients.sqlite"
    assert main(["import", "clients", str(source), "--db", str(db), "--dry-run", "--strict"]) == 1
    french = capsys.readouterr()
    assert "ligne 2 : email : adresse e-mail invalide : il manque le « @ »" in french.err
    assert "2 lignes lues" in french.out

    monkeypatch.setenv("LANGUAGE", "en")
    assert main(["import", "clients", str(source), "--db", str(db), "--dry-run", "--strict"]) == 1
    english = capsys.readouterr()
    assert "line 2: email: invalid e-mail address: the “@” is missing" in english.err
    assert "2 lines read" in english.out and "1 line refused, nothing was imported" in english.out
    assert not any(word in english.err + english.out for word in FRENCH), english
    assert i18n.language() == "en"  # the suite's fixture gives French back after the test
