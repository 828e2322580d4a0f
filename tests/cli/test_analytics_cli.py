"""crmdesk rfm / crmdesk segments, in-process."""

import csv
import io
import json

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.server import is_server_url
from tests.helpers.backend import handed_over, written
from tests.helpers.cli import cli

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def sweetybio(sweetybio_db):
    return sweetybio_db


def test_segments_csv_gives_the_worked_distribution_of_statuses(sweetybio, capsys):
    before = written(sweetybio)
    assert cli("segments", "--db", sweetybio, "--as-of", "2026-11-23") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "status,clients,revenue,volume_share,value_share",
        "premium,39,568260.00,9.75,21.00",
        "actif,196,1677720.00,49.00,62.00",
        "standard,113,270600.00,28.25,10.00",
        "occasionnel,52,189420.00,13.00,7.00",
    ]
    assert lines[5].startswith("hors_grille,15,0.00")
    assert written(sweetybio) == before  # read-only


def test_segments_json(sweetybio, capsys):
    assert cli("segments", "--db", sweetybio, "--as-of", "23/11/2026", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "status": "premium",
        "clients": 39,
        "revenue": 568260.0,
        "volume_share": 9.75,
        "value_share": 21.0,
    }


def test_rfm_csv_grid(sweetybio, capsys, tmp_path):
    out = tmp_path / "rfm.csv"
    assert cli("rfm", "--db", sweetybio, "--as-of", "2026-11-23", "--out", out) == 0
    assert "clients notés" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["client_code", "recency_days", "frequency", "monetary", "r", "f", "m", "score", "segment"]
    assert [r["client_code"] for r in rows] == sorted(r["client_code"] for r in rows)
    corner = next(r for r in rows if r["client_code"] == "SB00007")  # Bio Corner (docs/domain/04-rfm.md)
    assert corner == {
        "client_code": "SB00007",
        "recency_days": "6",
        "frequency": "18",
        "monetary": "112450.00",
        "r": "4",
        "f": "4",
        "m": "4",
        "score": "12",
        "segment": "champions",
    }
    assert all(r["monetary"].count(".") == 1 and len(r["monetary"].split(".")[1]) == 2 for r in rows)


def test_rfm_json_quantile_and_all_history(sweetybio, capsys):
    assert cli("rfm", "--db", sweetybio, "--as-of", "2026-11-23", "--method", "quantile", "--format", "json") == 0
    year = json.loads(capsys.readouterr().out)
    assert all(1 <= r["r"] <= 5 and r["score"] == r["r"] + r["f"] + r["m"] for r in year)
    assert cli("rfm", "--db", sweetybio, "--as-of", "2026-11-23", "--window-days", "0", "--format", "json") == 0
    every = {r["client_code"]: r for r in json.loads(capsys.readouterr().out)}
    by_year = {r["client_code"]: r for r in year}
    assert every.keys() == by_year.keys()
    assert all(every[c]["frequency"] >= by_year[c]["frequency"] for c in every)
    assert any(every[c]["frequency"] > by_year[c]["frequency"] for c in every)


def test_clients_without_orders_are_counted_apart(database, capsys):
    ContactStore(database).create({"code": "Z1", "last_name": "Sans", "stage": "client"})
    path = handed_over(database)
    assert cli("rfm", "--db", path, "--as-of", "2026-11-23", "--format", "json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "1 client sans commande" in captured.err


def test_usage_and_file_errors(tmp_path, capsys, sweetybio):
    assert cli("rfm", "--help") == 0
    out = capsys.readouterr().out
    assert "utilisation" in out and "récence" in out and "quantile" in out
    assert cli("rfm", "--db", sweetybio, "--window-days", "-3") == 2
    assert cli("rfm", "--db", sweetybio, "--as-of", "31/02/2026") == 2
    assert "impossible" in capsys.readouterr().err
    assert cli("segments", "--db", tmp_path / "absent.sqlite") == 1
    assert "n'existe pas" in capsys.readouterr().err
    if not is_server_url(sweetybio):  # the client file as the output: a server database is no file
        assert cli("rfm", "--db", sweetybio, "--as-of", "2026-11-23", "--out", sweetybio) == 1
        assert "base de données" in capsys.readouterr().err
