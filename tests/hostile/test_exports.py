"""Formula injection and other hostile cells in every export: the client
export (CSV, Excel, vCard; `crmdesk export clients`), the mailing lists
(`crmdesk export mailing`), the GDPR access export (`crmdesk gdpr export`),
the rebate statements (`crmdesk loyalty rebate`), `crmdesk tasks` and
`crmdesk complaint list` in CSV.

A cell starting with = + - @ tab CR (or ') is neutralised — an apostrophe
before it — and crmdesk's own import reads the file back unchanged."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil

import openpyxl
import pytest

from crmdesk.cli.main import main
from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import import_clients
from crmdesk.io.csvfile import FORMULA_START, CsvSource, unneutralise
from crmdesk.io.export import export_clients
from crmdesk.io.mailing import export_mailing
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.rights import RightsStore
from tests.hostile.values import (
    FORMULAS,
    HOSTILE_TEXT,
    MAY_BE_REFUSED,
    TEXT,
    assert_french,
    code_of,
    multi_line,
    one_line,
)

# The free-text columns of the client export that hold the hostile value.
TEXT_COLUMNS = ("first_name", "company", "address", "city", "notes")


def raw_csv(data: bytes, delimiter: str = ";") -> list[list[str]]:
    """The cells exactly as written (no apostrophe taken off)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def by_code(rows: list[list[str]], column: str = "code") -> dict[str, dict[str, str]]:
    header, *body = rows
    return {row[header.index(column)]: dict(zip(header, row)) for row in body}


def assert_protected(cell: str, typed: str) -> None:
    """No spreadsheet runs `cell` as a formula, and taking the apostrophe
    off gives back what was typed."""
    assert cell[:1] not in FORMULA_START or (cell[0] == "'" and cell[1:2] in FORMULA_START), repr(cell)
    assert unneutralise(cell) == typed


def require_stored(stored, value):
    if value not in stored:  # refused at entry (test_text_fields checks the message)
        assert value in MAY_BE_REFUSED
        pytest.skip("refused at entry, nothing to export")
    return stored[value]


# -- the client export -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client_exports(hostile_db, tmp_path_factory):
    """CSV, Excel and vCard exports of the hostile file; the CSV and Excel
    files imported again into fresh files; the CSV of `crmdesk export clients`."""
    folder = tmp_path_factory.mktemp("exports")
    files = {fmt: folder / f"clients.{ext}" for fmt, ext in (("csv", "csv"), ("xlsx", "xlsx"), ("vcard", "vcf"))}
    for fmt, path in files.items():
        export_clients(hostile_db, path, fmt)
    again = {}
    for fmt in ("csv", "xlsx"):
        copy = folder / f"again-{fmt}.sqlite"
        with Database(copy, create=True) as database:
            result = import_clients(database, files[fmt])
            assert result.rejected == 0
            store = ContactStore(database)
            again[fmt] = {c["code"]: c for c in (store.get(i) for i in store.ids(ContactQuery()))}
    command = folder / "command.csv"
    assert main(["export", "clients", "--db", str(hostile_db.path), "--out", str(command)]) == 0
    return {"files": files, "again": again, "command": command}


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_csv_cells_are_protected_and_read_back_unchanged(client_exports, stored, value):
    contact = require_stored(stored, value)
    row = by_code(raw_csv(client_exports["files"]["csv"].read_bytes()))[contact["code"]]
    for column in TEXT_COLUMNS:
        assert_protected(row[column], contact[column])
    assert_protected(row["tags"], ", ".join(contact["tags"]))
    again = client_exports["again"]["csv"][contact["code"]]
    assert {c: again[c] for c in TEXT_COLUMNS} == {c: contact[c] for c in TEXT_COLUMNS}
    assert again["tags"] == contact["tags"]


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_xlsx_cells_are_text_and_read_back_unchanged(client_exports, stored, value):
    contact = require_stored(stored, value)
    sheet = openpyxl.load_workbook(client_exports["files"]["xlsx"]).active
    header = [c.value for c in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == contact["code"]]
    for column in TEXT_COLUMNS + ("tags",):
        cell = row[header.index(column)]
        typed = contact[column] if column != "tags" else ", ".join(contact["tags"])
        assert cell.data_type == "s" and cell.value == typed.replace("\r\n", "\n").replace("\r", "\n")
        if typed[:1] in FORMULA_START:
            assert cell.quotePrefix, column
    again = client_exports["again"]["xlsx"][contact["code"]]
    assert {c: again[c] for c in TEXT_COLUMNS} == {
        c: contact[c].replace("\r\n", "\n").replace("\r", "\n") for c in TEXT_COLUMNS
    }
    assert again["tags"] == contact["tags"]


def test_the_command_writes_the_same_protected_csv(client_exports):
    assert client_exports["command"].read_bytes() == client_exports["files"]["csv"].read_bytes()


def test_vcard_holds_one_card_per_client_whatever_they_typed(client_exports, stored):
    """A line break in a field never starts a card of its own."""
    text = client_exports["files"]["vcard"].read_text(encoding="utf-8")
    lines = text.replace("\r\n", "\n").split("\n")
    assert lines.count("BEGIN:VCARD") == lines.count("END:VCARD") == len(stored) + 1
    assert not any(line.startswith("FN:pirate") for line in lines)
    assert "\x00" not in text


# -- mailing lists -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mailing_lists(hostile_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mailing")
    lists = {}
    for channel in ("post", "email"):
        path = folder / f"{channel}.csv"
        export_mailing(hostile_db, path, channel)
        lists[channel] = by_code(raw_csv(path.read_bytes()))
    command = folder / "command.csv"
    assert main(["export", "mailing", "--db", str(hostile_db.path), "--channel", "post", "--out", str(command)]) == 0
    lists["command"] = by_code(raw_csv(command.read_bytes()))
    return lists


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_mailing_list_cells_are_protected(mailing_lists, stored, value):
    contact = require_stored(stored, value)
    for channel, columns in (
        ("post", ("first_name", "company", "address", "city")),
        ("command", ("first_name", "company", "address", "city")),
        ("email", ("first_name", "company", "consent_source")),
    ):
        row = mailing_lists[channel][contact["code"]]
        for column in columns:
            typed = contact["consent_email_source"] if column == "consent_source" else contact[column]
            assert_protected(row[column], typed)


# -- GDPR access export --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def access_exports(hostile_db, stored, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gdpr")
    done = {}
    for value, contact in stored.items():
        out = folder / contact["code"]
        assert (
            main(["gdpr", "export", "--db", str(hostile_db.path), "--client", contact["code"], "--out", str(out)]) == 0
        )
        done[value] = json.loads((out / f"donnees-{contact['code']}.json").read_text(encoding="utf-8"))
    return done


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_gdpr_access_json_holds_the_values_as_stored(access_exports, stored, value):
    contact = require_stored(stored, value)
    data = access_exports[value]
    assert {c: data["contact"][c] for c in TEXT_COLUMNS} == {c: contact[c] for c in TEXT_COLUMNS}
    assert [o["ref"] for o in data["orders"]] == [value]
    assert [c["subject"] for c in data["complaints"]] == [multi_line(value)]


# -- rebate statements -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def statements(hostile_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rebates") / "releves"
    summary = folder.parent / "ristournes.csv"
    assert (
        main(
            [
                "loyalty",
                "rebate",
                "--db",
                str(hostile_db.path),
                "--period",
                "2026",
                "--earning",
                "--statements",
                str(folder),
                "--out",
                str(summary),
            ]
        )
        == 0
    )
    return folder, summary


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_rebate_statement_cells_are_protected(statements, stored, value):
    contact = require_stored(stored, value)
    folder, summary = statements
    rows = raw_csv((folder / f"ristourne-{contact['code']}.csv").read_bytes())
    assert rows[1][:2] == ["Client", contact["code"]]
    assert_protected(rows[1][2], "HOSTILE " + contact["first_name"])
    (order,) = [r for r in rows if r[:1] == ["02/03/2026"]]
    assert_protected(order[1], value)
    assert order[2] == "20000,00"
    (line,) = [r for r in raw_csv(summary.read_bytes(), ",") if r[0] == contact["code"]]
    assert_protected(line[1], "HOSTILE " + contact["first_name"])


# -- tasks and complaints on the command line ------------------------------------------------------------
@pytest.fixture(scope="module")
def command_csv(hostile_path, tmp_path_factory):
    """`crmdesk tasks` in CSV and `crmdesk complaint list` in JSON, on a copy
    (tasks writes its reminders): the rows of each client code."""
    copy = tmp_path_factory.mktemp("tasks") / "clients.sqlite"
    shutil.copyfile(hostile_path, copy)
    outputs = {}
    for name, argv in (
        ("tasks", ["tasks", "--db", str(copy), "--today", "2026-11-23"]),
        ("complaints", ["complaint", "list", "--db", str(copy), "--format", "json"]),
    ):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(argv) == 0
        outputs[name] = buffer.getvalue()
    header, *rows = raw_csv(outputs["tasks"].encode(), ",")
    typed = [dict(zip(header, row)) for row in rows if not row[header.index("origin")]]  # not the reminders
    return {
        "tasks": {row["client_code"]: row for row in typed},
        "complaints": {row["client_code"]: row for row in json.loads(outputs["complaints"])},
    }


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_tasks_csv_cells_are_protected(command_csv, stored, value):
    contact = require_stored(stored, value)
    row = command_csv["tasks"].get(contact["code"])
    if row is None:  # a title longer than a task's may not be created
        assert value in MAY_BE_REFUSED
        return
    assert_protected(row["title"], multi_line(value))
    assert_protected(row["client_name"], "HOSTILE " + contact["first_name"])


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_complaint_list_json_holds_the_values_as_stored(command_csv, stored, value):
    contact = require_stored(stored, value)
    row = command_csv["complaints"][contact["code"]]
    assert (row["subject"], row["client_name"]) == (multi_line(value), "HOSTILE " + contact["first_name"])


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_always_gets_its_apostrophe(client_exports, command_csv, stored, value):
    """The other tests allow a cell that needs no protection; this one
    checks the formula values really were protected."""
    contact = require_stored(stored, value)
    if one_line(value)[:1] not in FORMULA_START:  # « \tTAB » is stored « TAB »: nothing left to protect
        assert contact["first_name"] == one_line(value)
        return
    row = by_code(raw_csv(client_exports["files"]["csv"].read_bytes()))[contact["code"]]
    assert row["first_name"] == "'" + contact["first_name"]
    assert command_csv["tasks"][contact["code"]]["title"] == "'" + multi_line(value)


def test_a_csv_with_a_nul_byte_is_refused_in_french(database, tmp_path):
    """What a NUL byte stored in a contact would have produced: refused as a whole."""
    path = tmp_path / "nul.csv"
    path.write_bytes(";".join(CSV_COLUMNS).encode() + b"\r\nX1;person;;NUL\x00;;;;;;;;;;;;;;;;non;non;non\r\n")
    with pytest.raises(CrmError) as refused:
        import_clients(database, path)
    assert_french(str(refused.value))
    assert database.scalar("SELECT count(*) FROM contacts") == 0


def test_csv_source_reads_protected_cells_back(client_exports):
    with CsvSource(client_exports["files"]["csv"]) as source:
        rows = {r.cells[0]: dict(zip(source.header, r.cells)) for r in source.rows()}
    assert rows[code_of(TEXT["formula-hyperlink"])]["first_name"] == TEXT["formula-hyperlink"]


# -- names at the start of a cell: retention list, rights register, duplicates ------------------------------
@pytest.fixture(scope="module")
def named_outputs(tmp_path_factory):
    """Two look-alike clients (same e-mail) whose NAME is each formula value,
    a rights request per value; then `crmdesk gdpr retention`, `crmdesk gdpr
    requests` and `crmdesk duplicates` in CSV."""
    path = tmp_path_factory.mktemp("named") / "clients.sqlite"
    with Database(path, create=True) as database:
        contacts, rights = ContactStore(database), RightsStore(database)
        for index, param in enumerate(FORMULAS):
            value = param.values[0]
            for twin in "AB":
                contacts.create({"code": f"N{index:02d}{twin}", "last_name": value, "email": f"n{index}@exemple.fr"})
            rights.add({"kind": "access", "requester": value, "received_on": "2026-11-20"})
    outputs = {}
    for name, argv in (
        ("retention", ["gdpr", "retention", "--db", str(path), "--as-of", "2040-01-01"]),
        ("requests", ["gdpr", "requests", "--db", str(path), "--as-of", "2026-11-23"]),
        ("duplicates", ["duplicates", "--db", str(path)]),
    ):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(argv) == 0
        header, *rows = raw_csv(buffer.getvalue().encode(), ",")
        outputs[name] = [dict(zip(header, row)) for row in rows]
    return outputs


@pytest.mark.parametrize("value", FORMULAS)
def test_names_opening_a_cell_are_protected(named_outputs, value):
    name = one_line(value).upper()
    retention = [r["name"] for r in named_outputs["retention"] if unneutralise(r["name"]) == name]
    requests = [r["requester"] for r in named_outputs["requests"] if unneutralise(r["requester"]) == one_line(value)]
    twins = [r["name_a"] for r in named_outputs["duplicates"] if unneutralise(r["name_a"]) == name]
    assert len(retention) == 2 and len(requests) == 1 and len(twins) == 1
    for cell, typed in [(c, name) for c in retention + twins] + [(c, one_line(value)) for c in requests]:
        assert_protected(cell, typed)


def test_a_file_from_before_control_characters_were_refused_still_round_trips(database, tmp_path):
    contacts = ContactStore(database)
    contact_id = contacts.create({"code": "OLD1", "last_name": "Ancien", "notes": "avant"})
    database.conn.execute("UPDATE contacts SET notes = ? WHERE id = ?", ("NUL\x00byte", contact_id))  # an old file
    database.conn.commit()
    path = tmp_path / "export.csv"
    export_clients(database, path, "csv")
    with Database(tmp_path / "copie.sqlite", create=True) as copy:
        result = import_clients(copy, path)
        assert (result.inserted, result.rejected) == (1, 0)
