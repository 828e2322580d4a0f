"""Export of the clients: re-importable unchanged, safe in a spreadsheet."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import import_clients
from crmdesk.io.csvfile import CsvSource
from crmdesk.io.export import export_clients, export_phone, format_for_path
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import OrderStore
from tests.io.helpers import contacts_by_code

TRICKY = [
    {"code": "R1", "last_name": '=HYPERLINK("x")', "first_name": "+33 6 hack", "company": "@home",
     "email": "helene@exemple.fr", "phone": "+33 6 12 34 56 78", "city": "Évreux", "postal_code": "27000",
     "notes": "-5 kg\nsur deux lignes ; avec « guillemets » et \"doubles\"", "birth_date": "12/03/1980",
     "first_contact": "2024-05-01", "source": "fair", "consent_email": True, "consent_phone": True},
    {"code": "R2", "kind": "company", "company": "Bio Corner", "siret": "73282932000074",
     "phone": "+32 2 555 12 12", "country": "BE", "city": "Bruxelles", "civility": "",
     "notes": "'=déjà protégé", "source": "web"},
    {"code": "R3", "last_name": "Œuvray", "first_name": "Zoé", "civility": "Mme", "phone": "01 45 67 89 10",
     "country": "FR", "address": "3, rue de l'Église", "consent_sms": True},
]
TAGS = {"R1": ["salon 2026", "VIP"], "R3": ["bio"]}
COMPARED = [c for c in CSV_COLUMNS if c not in ("rep", "tags")] + ["rep_name", "tags"]


@pytest.fixture
def filled(database):
    store = ContactStore(database)
    orders = OrderStore(database)
    for values in TRICKY:
        contact_id = store.create(values, tags=TAGS.get(values["code"], ()))
        if values["code"] == "R1":
            with database.atomic():
                rep = orders.rep_id("Maryse Brun")
            store.update(contact_id, {"rep_id": rep})
    trashed = store.create({"code": "T1", "last_name": "Corbeille"})
    store.trash(trashed)
    return database


def test_round_trip_through_csv_is_unchanged(filled, db_path, tmp_path):
    exported = tmp_path / "export.csv"
    assert export_clients(filled, exported, "csv") == len(TRICKY)
    copy_path = tmp_path / "copie.sqlite"
    with Database(copy_path, create=True) as copy:
        result = import_clients(copy, exported)
        assert (result.inserted, result.rejected) == (len(TRICKY), 0)
        again = tmp_path / "again.csv"
        export_clients(copy, again, "csv")
    assert again.read_bytes() == exported.read_bytes()
    filled.close()
    before, after = contacts_by_code(db_path), contacts_by_code(copy_path)
    assert sorted(after) == sorted(v["code"] for v in TRICKY)  # not the trashed one
    for code in after:
        assert {k: after[code][k] for k in COMPARED} == {k: before[code][k] for k in COMPARED}
    assert after["R1"]["last_name"] == TRICKY[0]["last_name"].upper()


def test_csv_is_french_excel_friendly_and_protected(filled, tmp_path):
    path = tmp_path / "export.csv"
    export_clients(filled, path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(CSV_COLUMNS)
    assert "\r\n" in text
    with CsvSource(path) as source:
        rows = {r.cells[0]: dict(zip(source.header, r.cells)) for r in source.rows()}
    assert source.delimiter == ";"
    raw_cells = text.split(";")
    assert "'=HYPERLINK(\"\"X\"\")" in text or "'=HYPERLINK(\"X\")" in text
    assert not any(cell.startswith(("=", "+", "@")) for cell in raw_cells)
    assert rows["R1"]["phone"] == "06 12 34 56 78"
    assert rows["R1"]["birth_date"] == "12/03/1980" and rows["R1"]["consent_email"] == "oui"
    assert rows["R2"]["phone"] == export_phone("+3225551212", "BE")
    assert rows["R2"]["siret"].replace(" ", "") == TRICKY[1]["siret"]


def test_xlsx_is_readable_with_openpyxl(filled, tmp_path):
    path = tmp_path / "export.xlsx"
    assert export_clients(filled, path, format_for_path(path)) == len(TRICKY)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_code = {r[0]: dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    assert sorted(by_code) == sorted(v["code"] for v in TRICKY)
    assert by_code["R1"]["last_name"] == TRICKY[0]["last_name"].upper()
    assert sheet["D2"].data_type == "s"  # text, not a formula
    assert by_code["R1"]["birth_date"] == dt.datetime(1980, 3, 12)
    assert by_code["R3"]["tags"] == "bio"


def test_export_to_a_stream_and_format_choice(filled):
    buffer = io.BytesIO()
    export_clients(filled, buffer, "csv")
    records = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[0] for r in records[1:]] == sorted(v["code"] for v in TRICKY)
    assert format_for_path("x.XLSX") == "xlsx"
    assert format_for_path("x.csv", "xlsx") == "xlsx"
    assert format_for_path(None) == "csv"


def test_export_refuses_to_overwrite_a_database(filled, db_path, tmp_path):
    with pytest.raises(CrmError, match="fichier clients lui-même"):
        export_clients(filled, db_path, "csv")
    other = tmp_path / "autre.sqlite"
    Database(other, create=True).close()
    before = other.read_bytes()
    with pytest.raises(CrmError, match="base de données"):
        export_clients(filled, other, "csv")
    assert other.read_bytes() == before
