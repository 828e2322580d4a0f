"""The command line with a server: crmdesk server copy, and export, check,
backup and restore given a postgresql:// URL instead of a file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crmdesk import demo
from crmdesk.cli.main import main
from crmdesk.store.server import migrate

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "Sweety Bio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


def test_the_demo_copied_to_a_server_exports_the_same_clients_and_comes_back(demo_file, pg_url, tmp_path, capsys):
    assert main(["server", "copy", str(demo_file), pg_url]) == 0
    said = capsys.readouterr().out
    assert "lignes copiées vers « postgresql://" in said and "50 tables, chacune comptée et vérifiée" in said

    assert main(["export", "clients", "--db", str(demo_file), "--out", str(tmp_path / "fichier.csv")]) == 0
    assert main(["export", "clients", "--db", pg_url, "--out", str(tmp_path / "serveur.csv")]) == 0
    exported = (tmp_path / "serveur.csv").read_bytes()
    assert exported == (tmp_path / "fichier.csv").read_bytes()
    assert exported.count(b"\n") == 441

    # the same client sheets and cards, read from the server
    for command in ("sheet", "cards"):
        for name, db in (("fichier", str(demo_file)), ("serveur", pg_url)):
            assert (
                main(
                    [
                        command,
                        "--db",
                        db,
                        "--client",
                        "SB00007",
                        "SB00012",
                        "--as-of",
                        "2026-11-23",
                        "--out",
                        str(tmp_path / f"{command}-{name}.pdf"),
                    ]
                )
                == 0
            )
        on_file, on_server = (_pdf_text(tmp_path / f"{command}-{name}.pdf") for name in ("fichier", "serveur"))
        assert on_server == on_file and "SB00007" in on_server and "Bio Corner" in on_server

    assert main(["server", "copy", pg_url, str(tmp_path / "retour.sqlite")]) == 0
    assert (
        main(["export", "clients", "--db", str(tmp_path / "retour.sqlite"), "--out", str(tmp_path / "retour.csv")]) == 0
    )
    assert (tmp_path / "retour.csv").read_bytes() == exported
    assert main(["check", "--db", str(tmp_path / "retour.sqlite")]) == 0


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_copy_wants_one_file_and_one_url(demo_file, tmp_path, capsys):
    assert main(["server", "copy", str(demo_file), str(tmp_path / "autre.sqlite")]) == 2
    assert "un fichier vers une adresse postgresql://" in capsys.readouterr().err
    assert not (tmp_path / "autre.sqlite").exists()


def test_check_says_what_the_server_holds_and_what_is_wrong(demo_file, pg_url, capsys):
    import psycopg

    assert main(["server", "copy", str(demo_file), pg_url]) == 0
    capsys.readouterr()
    assert main(["check", "--db", pg_url]) == 0
    said = capsys.readouterr().out
    latest = migrate.latest_version()
    assert f"schéma {latest} (cette version de crmdesk : {latest})" in said and "Aucun problème trouvé." in said

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_no_delete")
        conn.execute("UPDATE counters SET value = value + 3 WHERE name = 'contacts_live'")
    assert main(["check", "--db", pg_url]) == 1
    said = capsys.readouterr().out
    assert "le déclencheur complaint_events_no_delete de la table complaint_events est désactivé" in said
    assert "le compteur contacts_live dit 443, la table contacts en a 440" in said


def test_a_server_backup_restores_into_a_new_database(demo_file, pg_cluster, pg_url, tmp_path, capsys):
    assert main(["server", "copy", str(demo_file), pg_url]) == 0
    capsys.readouterr()
    assert main(["backup", "--db", pg_url, "--to", str(tmp_path / "sauvegardes")]) == 0
    archive = capsys.readouterr().out.strip()
    assert archive.endswith(".pgdump") and archive.startswith(str(tmp_path / "sauvegardes"))
    from pathlib import Path

    assert Path(archive).stat().st_mode & 0o077 == 0  # owner only: personal data

    other = pg_cluster.url(pg_cluster.new_database())
    assert main(["restore", archive, "--db", other]) == 0
    assert "a été restaurée dans la base" in capsys.readouterr().err
    assert main(["export", "clients", "--db", pg_url, "--out", str(tmp_path / "a.csv")]) == 0
    assert main(["export", "clients", "--db", other, "--out", str(tmp_path / "b.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    capsys.readouterr()
    # never into a database that holds something
    assert main(["restore", archive, "--db", pg_url]) == 1
    assert "n'est pas vide" in capsys.readouterr().err
    # a client file is no server archive
    third = pg_cluster.url(pg_cluster.new_database())
    assert main(["restore", str(demo_file), "--db", third]) == 1
    assert "n'est pas une sauvegarde de base de serveur" in capsys.readouterr().err


def test_a_server_that_does_not_answer_is_said_in_french(capsys):
    assert (
        main(
            [
                "export",
                "clients",
                "--db",
                "postgresql://marie@/clients?host=/nonexistent&connect_timeout=2",
                "--out",
                "-",
            ]
        )
        == 1
    )
    assert "ne répond pas" in capsys.readouterr().err


def test_the_copy_is_cancelled_cleanly_by_ctrl_c(demo_file, pg_url, monkeypatch, capsys):
    from crmdesk.store.server import transfer

    original = transfer._Counter.step

    def interrupted(self, rows=1):
        original(self, rows)
        if self.count > 20_000:
            raise KeyboardInterrupt

    monkeypatch.setattr(transfer._Counter, "step", interrupted)
    assert main(["server", "copy", str(demo_file), pg_url]) == 1
    assert "interrompu" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["server", "copy", str(demo_file), pg_url]) == 0  # nothing was left: the base is still empty
    assert sqlite3.connect(demo_file).execute("SELECT count(*) FROM contacts").fetchone()[0] == 440


@pytest.mark.parametrize("argv", [["tasks"], ["import", "list"], ["kpi"]])
def test_every_command_takes_a_server_and_an_unreachable_one_is_said_in_french(argv, capsys):
    assert main([*argv, "--db", "postgresql://marie@serveur.invalid/clients"]) == 1
    said = capsys.readouterr().err
    assert said.startswith("crmdesk : Le serveur « serveur.invalid » ne répond pas") and "Traceback" not in said
