"""Exports, reject reports and the access export hold personal data: readable by their owner only,
whatever the umask; a reject report keeps only the columns the import reads."""

from __future__ import annotations

import contextlib
import os
import stat

import pytest

from crmdesk.io.csvfile import CsvSource
from crmdesk.store.database import Database
from tests.helpers.cli import cli
from tests.helpers.gdpr_person import CODE, make_person
from tests.io.helpers import write_csv

pytestmark = pytest.mark.skipif(os.name != "posix", reason="owner-only rights are POSIX modes")


@contextlib.contextmanager
def open_umask():
    """What a careless session may have: every new file readable and writable by all."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", ["clients.csv", "clients.xlsx", "clients.vcf"])
def test_client_exports_are_owner_only(sweetybio, tmp_path, name):
    out = tmp_path / name
    out.write_text("ancien")
    out.chmod(0o644)  # an older export, readable by all: replaced owner-only
    with open_umask():
        assert cli("export", "clients", "--db", sweetybio.path, "--out", out) == 0
    assert mode(out) == 0o600


def test_mailing_lists_are_owner_only(sweetybio, tmp_path):
    out = tmp_path / "emailing.csv"
    with open_umask():
        assert cli("export", "mailing", "--db", sweetybio.path, "--channel", "email", "--out", out) == 0
    assert mode(out) == 0o600


@pytest.mark.parametrize("dry_run", [False, True])
def test_reject_reports_are_owner_only_and_keep_only_the_imported_columns(tmp_path, dry_run):
    source = write_csv(
        tmp_path / "clients.csv",
        ["nom", "email", "Groupe sanguin"],
        [["Dupont", "dupont@exemple.fr", "A+"], ["", "x@@y", "O- rare 555"]],
    )
    report = tmp_path / "rejets.csv"
    with open_umask():
        assert (
            cli(
                "import",
                "clients",
                source,
                "--db",
                tmp_path / "c.sqlite",
                "--rejects",
                report,
                *(["--dry-run"] if dry_run else []),
            )
            == 1
        )
    assert mode(report) == 0o600
    with CsvSource(report) as rejects:
        assert rejects.header == ["ligne", "motif", "nom", "email"]
        (row,) = list(rejects.rows())
    assert row.cells[0] == "3" and row.cells[2:] == ["", "x@@y"]
    assert "555" not in report.read_text(encoding="utf-8-sig")  # the ignored column stays in the source


def test_an_interrupted_import_leaves_no_reject_report(tmp_path):
    source = tmp_path / "clients.csv"
    source.write_text('nom;notes\r\n;x\r\nDupont;"' + "y\r\n" * 600_000 + '"\r\n', encoding="utf-8")
    report = tmp_path / "rejets.csv"
    assert cli("import", "clients", source, "--db", tmp_path / "c.sqlite", "--rejects", report) == 1
    assert not report.exists() and list(tmp_path.glob(".rejets*")) == []


def test_the_access_export_is_owner_only(tmp_path):
    db = tmp_path / "clients.sqlite"
    with Database(db, create=True) as database:
        make_person(database, tmp_path)
    out = tmp_path / "acces"
    with open_umask():
        assert cli("gdpr", "export", "--db", db, "--client", CODE, "--out", out) == 0
    assert mode(out) == 0o700
    assert {p.name: mode(p) for p in out.iterdir()} == {f"donnees-{CODE}.json": 0o600, f"donnees-{CODE}.pdf": 0o600}


def test_command_line_csv_outputs_are_owner_only(sweetybio, tmp_path):
    rfm = tmp_path / "rfm.csv"
    with open_umask():
        assert cli("rfm", "--db", sweetybio.path, "--as-of", "2026-11-23", "--out", rfm) == 0
    assert mode(rfm) == 0o600 and rfm.read_text(encoding="utf-8").startswith("client_code")
