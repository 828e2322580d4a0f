"""Seed 001, annex 2: Le Bol d'Air's client extract, as French Excel saves it, imports as it is.

`resources/demo/bol_dair_annexe2.csv` has its own headers (« N° client », « Hôte », « Nom Ambassadeur »,
« Nom Client », « Prénom », « CA annuel »), `;`, Windows-1252 and « 1 254 »: no mapping is given.
"""

import csv
import datetime as dt
import json
from decimal import Decimal

import pytest

from crmdesk.demo.boldair import annex2_path
from crmdesk.store.database import Database
from tests.helpers.cli import cli
from tests.io.workbooks import ods_row, write_ods, write_xlsx

AMBASSADORS = {"Maryse Brun", "Remy Albando"}


def annex():
    """The file read independently of crmdesk: csv + Decimal."""
    with open(annex2_path(), encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, rows = rows[0], [r for r in rows[1:] if any(r)]
    assert header == ["N° client", "Hôte", "Nom Ambassadeur", "Nom Client", "Prénom", "CA annuel"]
    return {
        number: {
            "host": host == "Oui",
            "ambassador": ambassador,
            "last_name": last,
            "first_name": first,
            "cents": int(Decimal(revenue.replace(" ", "").replace("\xa0", "")) * 100),
        }
        for number, host, ambassador, last, first, revenue in rows
    }


def stored(db):
    with Database(db, writer=False) as database:
        contacts = {
            r["code"]: dict(r)
            for r in database.query(
                "SELECT c.code, c.last_name, c.first_name, c.is_host, c.stage, c.status, c.revenue_year_cents, "
                "c.rfm_code, r.name AS rep, r.kind AS rep_kind FROM contacts c LEFT JOIN reps r ON r.id = c.rep_id"
            )
        }
        openings = {
            r[0]: (r[1], r[2], r[3])
            for r in database.query(
                "SELECT c.code, sum(o.amount_cents), min(o.date), count(*) FROM orders o "
                "JOIN contacts c ON c.id = o.contact_id WHERE o.channel = 'opening' GROUP BY c.code"
            )
        }
        reps = {r[0]: r[1] for r in database.query("SELECT name, kind FROM reps")}
        orders = database.scalar("SELECT count(*) FROM orders")
    return contacts, openings, reps, orders


def test_annex2_imports_without_any_mapping(tmp_path, capsys):
    expected = annex()
    assert len(expected) == 41
    db = tmp_path / "boldair.sqlite"
    assert cli("import", "clients", annex2_path(), "--db", db) == 0
    out, err = capsys.readouterr()
    assert "41 clients créés" in out and "41 commandes d'ouverture" in out and "0 ligne refusée" in out
    assert "Windows-1252" in out and "point-virgule" in out
    for header, field in (
        ("N° client", "code"),
        ("Hôte", "is_host"),
        ("Nom Ambassadeur", "ambassador"),
        ("CA annuel", "annual_revenue"),
    ):
        assert any(f"« {header} »" in line and f"→ {field}" in line for line in err.splitlines()), err
    assert "à vérifier" not in err and "ignorée" not in err

    contacts, openings, reps, orders = stored(db)
    assert sorted(contacts) == sorted(expected)
    assert reps == {name: "ambassador" for name in AMBASSADORS}
    day = dt.date.today().replace(month=1, day=1).isoformat()
    for code, row in expected.items():
        contact = contacts[code]
        assert (contact["last_name"], contact["first_name"]) == (row["last_name"].upper(), row["first_name"])
        assert bool(contact["is_host"]) == row["host"], code
        assert (contact["rep"], contact["rep_kind"]) == (row["ambassador"], "ambassador")
        assert openings[code] == (row["cents"], day, 1), code  # one opening order: the CA annuel
        assert contact["stage"] == "client"
        # the figures see it: revenue of the last 12 months, status, RFM
        assert contact["revenue_year_cents"] == row["cents"]
        assert contact["status"] and contact["rfm_code"]
    assert orders == 41
    assert sum(1 for row in expected.values() if row["host"]) == 16
    assert sum(row["cents"] for row in expected.values()) == 1_864_000

    assert cli("rfm", "--db", db, "--format", "json") == 0
    scored = {r["client_code"]: r for r in json.loads(capsys.readouterr().out)}
    assert {code: Decimal(str(r["monetary"])) * 100 for code, r in scored.items()} == {
        code: row["cents"] for code, row in expected.items()
    }


def test_annex2_again_is_refused_line_by_line_and_adds_no_revenue(tmp_path, capsys):
    db = tmp_path / "boldair.sqlite"
    assert cli("import", "clients", annex2_path(), "--db", db) == 0
    assert cli("import", "clients", annex2_path(), "--db", db) == 1
    assert "41 lignes refusées" in capsys.readouterr().out
    assert stored(db)[3] == 41
    # --update: the contacts are there, their opening orders too: nothing doubles
    assert cli("import", "clients", annex2_path(), "--db", db, "--update") == 0
    out, err = capsys.readouterr()
    assert "41 clients déjà à jour" in out and "existe déjà : CA annuel non repris" in err
    assert stored(db)[3] == 41


def test_opening_date_option_and_dry_run(tmp_path, capsys):
    db = tmp_path / "boldair.sqlite"
    day = dt.date.today() - dt.timedelta(days=30)
    assert cli("import", "clients", annex2_path(), "--db", db, "--dry-run") == 0
    assert "Rien n'a été enregistré" in capsys.readouterr().out
    assert not db.exists()
    assert cli("import", "clients", annex2_path(), "--db", db, "--opening-date", day.strftime("%d/%m/%Y")) == 0
    _contacts, openings, _, _ = stored(db)
    assert {date for _, date, _ in openings.values()} == {day.isoformat()}
    with Database(db, writer=False) as database:
        assert (
            database.scalar("SELECT ref FROM orders o JOIN contacts c ON c.id = o.contact_id WHERE c.code = '1'")
            == f"OUV-1-{day:%Y%m%d}"
        )
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    assert cli("import", "clients", annex2_path(), "--db", tmp_path / "x.sqlite", "--opening-date", future) == 1
    assert "dans le futur" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_annex2_as_a_spreadsheet_imports_the_same(tmp_path, capsys, kind):
    expected = annex()
    header = ["N° client", "Hôte", "Nom Ambassadeur", "Nom Client", "Prénom", "CA annuel"]
    rows = [
        [int(code), "Oui" if r["host"] else "Non", r["ambassador"], r["last_name"], r["first_name"], r["cents"] // 100]
        for code, r in expected.items()
    ]
    path = tmp_path / f"annexe2.{kind}"
    if kind == "xlsx":
        write_xlsx(path, header, rows, title="Extrait")
    else:
        write_ods(path, sheets={"Extrait": [ods_row(header), *(ods_row(r) for r in rows)]})
    db = tmp_path / "boldair.sqlite"
    assert cli("import", "clients", path, "--db", db) == 0
    assert "feuille « Extrait »" in capsys.readouterr().out
    contacts, openings, reps, _ = stored(db)
    assert {code: total for code, (total, _, _) in openings.items()} == {
        code: r["cents"] for code, r in expected.items()
    }
    assert {code: bool(c["is_host"]) for code, c in contacts.items()} == {
        code: r["host"] for code, r in expected.items()
    }
    assert reps == {name: "ambassador" for name in AMBASSADORS}
