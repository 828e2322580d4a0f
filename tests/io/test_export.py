"""Export of the clients: re-importable unchanged, safe in a spreadsheet; a
selection, a filter, a status or an RFM segment; vCard (issue 7)."""

import csv
import datetime as dt
import io

import openpyxl
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmdesk.domain import rfm, segments
from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.domain.errors import CrmError
from crmdesk.io import vcard
from crmdesk.io.clients import import_clients
from crmdesk.io.csvfile import CsvSource
from crmdesk.io.export import (
    CLIENTS,
    Table,
    export_clients,
    export_phone,
    format_for_path,
    write_table_csv,
    write_table_xlsx,
)
from crmdesk.store import exports
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import OrderStore
from tests.helpers.backend import address
from tests.io.helpers import contacts_by_code

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

TRICKY = [
    {
        "code": "R1",
        "last_name": '=HYPERLINK("x")',
        "first_name": "+33 6 hack",
        "company": "@home",
        "email": "helene@exemple.fr",
        "phone": "+33 6 12 34 56 78",
        "city": "Évreux",
        "postal_code": "27000",
        "notes": '-5 kg\nsur deux lignes ; avec « guillemets » et "doubles"',
        "birth_date": "12/03/1980",
        "first_contact": "2024-05-01",
        "source": "fair",
        "consent_email": True,
        "consent_phone": True,
    },
    {
        "code": "R2",
        "kind": "company",
        "company": "Bio Corner",
        "siret": "73282932000074",
        "phone": "+32 2 555 12 12",
        "country": "BE",
        "city": "Bruxelles",
        "civility": "",
        "notes": "'=déjà protégé",
        "source": "web",
    },
    {
        "code": "R3",
        "last_name": "Œuvray",
        "first_name": "Zoé",
        "civility": "Mme",
        "phone": "01 45 67 89 10",
        "country": "FR",
        "address": "3, rue de l'Église",
        "consent_sms": True,
    },
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


def test_round_trip_through_csv_is_unchanged(filled, tmp_path):
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
    before, after = contacts_by_code(address(filled)), contacts_by_code(copy_path)
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
    assert '\'=HYPERLINK(""X"")' in text or '\'=HYPERLINK("X")' in text
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


@pytest.mark.file_only("the client file given as the output: a server database is no file to overwrite")
def test_export_refuses_to_overwrite_a_database(filled, db_path, tmp_path):
    with pytest.raises(CrmError, match="fichier clients lui-même"):
        export_clients(filled, db_path, "csv")
    other = tmp_path / "autre.sqlite"
    Database(other, create=True).close()
    before = other.read_bytes()
    with pytest.raises(CrmError, match="base de données"):
        export_clients(filled, other, "csv")
    assert other.read_bytes() == before


# -- issue 7: a selection, a filter, a status, a segment; vCard; hostile cells ------------------------
HOSTILE = ['=HYPERLINK("http://x")', "@SUM(1)", "-2+3", "\t=1", "\r=1", "+33 6 12 34 56 78", "'=quoted"]


# sweetybio: the demo open read-only, built once per session (tests/helpers/demo.py)


def _codes_of(database, column, value):
    return sorted(
        r[0]
        for r in database.query(
            f"SELECT code FROM contacts WHERE deleted_at IS NULL AND ifnull({column}, '') = ?", (value,)
        )
    )


def _csv_codes(path):
    with CsvSource(path) as source:
        return [r.cells[0] for r in source.rows()]


def _fn(row) -> str:
    """The FN value of a contact's card."""
    return next(line[3:] for line in _unfold(vcard.card(row)) if line.startswith("FN:"))


def _vcard_names(path):
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    return [line[3:] for line in text.split("\r\n") if line.startswith("FN:")]


@pytest.mark.parametrize("status", segments.STATUSES)
def test_export_of_a_status_is_exactly_its_clients(sweetybio, tmp_path, status):
    expected = _codes_of(sweetybio, "status", status)
    assert expected, "the demo has clients of every status"
    out = tmp_path / f"{status}.csv"
    assert export_clients(sweetybio, out, "csv", query=ContactQuery(sort="code", status=status)) == len(expected)
    assert _csv_codes(out) == expected  # sorted by code, nobody else
    xlsx = tmp_path / f"{status}.xlsx"
    assert export_clients(sweetybio, xlsx, "xlsx", query=ContactQuery(sort="code", status=status)) == len(expected)
    sheet = openpyxl.load_workbook(xlsx).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == expected
    assert sheet.auto_filter.ref == f"A1:V{len(expected) + 1}"


@pytest.mark.parametrize("segment", rfm.SEGMENTS)
def test_export_of_an_rfm_segment_is_exactly_its_clients(sweetybio, tmp_path, segment):
    expected = _codes_of(sweetybio, "rfm_segment", segment)
    out = tmp_path / f"{segment}.vcf"
    query = ContactQuery(sort="code", rfm_segment=segment)
    assert export_clients(sweetybio, out, "vcard", query=query) == len(expected)
    rows = {r["code"]: r for r in sweetybio.query("SELECT * FROM contacts")}
    assert _vcard_names(out) == [_fn(rows[code]) for code in expected]


def test_no_status_and_an_empty_status(sweetybio, tmp_path):
    out = tmp_path / "none.csv"
    expected = _codes_of(sweetybio, "status", "")
    assert export_clients(sweetybio, out, query=ContactQuery(sort="code", status="")) == len(expected) > 0
    assert _csv_codes(out) == expected


def test_export_of_ids_keeps_their_order_and_skips_the_trash(filled, tmp_path):
    store = ContactStore(filled)
    ids = {v["code"]: store.id_of_code(v["code"]) for v in TRICKY}
    trashed = store.id_of_code("T1")
    wanted = [ids["R3"], trashed, ids["R1"], 999_999]
    out = tmp_path / "selection.csv"
    assert export_clients(filled, out, ids=wanted) == 2
    assert _csv_codes(out) == ["R3", "R1"]
    assert [r["code"] for r in exports.clients_by_ids(filled, [ids["R2"], ids["R3"], ids["R1"]], chunk=2)] == [
        "R2",
        "R3",
        "R1",
    ]


def test_export_of_a_filter_follows_its_order(filled, tmp_path):
    out = tmp_path / "filtre.csv"
    query = ContactQuery(sort="city", descending=True, search="r")
    expected = [ContactStore(filled).get(i)["code"] for i in ContactStore(filled).ids(query)]
    assert export_clients(filled, out, query=query) == len(expected)
    assert _csv_codes(out) == expected


def test_progress_is_reported_and_can_stop_the_export(filled, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "clients.csv"
    out.write_bytes(b"previous")
    seen = []
    assert export_clients(filled, out, progress=lambda done, total: seen.append((done, total))) == 3
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)

    class Stop(Exception):
        pass

    def stop(done, total):
        if done:
            raise Stop
        out.write_bytes(b"previous")

    with pytest.raises(Stop):
        export_clients(filled, out, "xlsx", progress=stop)
    assert out.read_bytes() == b"previous"  # the old file is untouched, no temporary file left
    assert sorted(p.name for p in folder.iterdir()) == ["clients.csv"]


def test_format_from_the_extension():
    assert format_for_path("carnet.VCF") == "vcard"
    assert format_for_path("liste.xlsx") == "xlsx"
    assert format_for_path("-") == "csv"
    with pytest.raises(CrmError, match="format inconnu"):
        export_clients(None, io.BytesIO(), "pdf")


# -- vCard ------------------------------------------------------------------------------------------
PERSON = {
    "kind": "person",
    "last_name": "DUPONT, DURAND; FILS\\",
    "first_name": "Hélène",
    "civility": "Mme",
    "company": "Les Œufs d'Or; Ferme, bio",
    "phone": "+33612345678",
    "phone2": "+33145678910",
    "email": "helene@exemple.fr",
    "address": "3, rue de l'Église\nBâtiment B",
    "postal_code": "27000",
    "city": "Évreux",
    "country": "FR",
}


def _unescape(text: str) -> str:
    """A vCard text value back (and no bare , or ; in it: those would split it)."""
    out, chars = [], iter(text)
    for ch in chars:
        assert ch not in ",;", text
        if ch == "\\":
            ch = next(chars)
            out.append("\n" if ch == "n" else ch)
            assert ch in "\\,;n", text
        else:
            out.append(ch)
    return "".join(out)


def _unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_vcard_3_content_and_escaping():
    text = vcard.card(PERSON, "3.0")
    assert _unfold(text) == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Hélène DUPONT\\, DURAND\\; FILS\\\\",
        "N:DUPONT\\, DURAND\\; FILS\\\\;Hélène;;Mme;",
        "ORG:Les Œufs d'Or\\; Ferme\\, bio",
        "TEL;TYPE=CELL:+33612345678",
        "TEL;TYPE=VOICE:+33145678910",
        "EMAIL;TYPE=INTERNET:helene@exemple.fr",
        "ADR;TYPE=HOME:;;3\\, rue de l'Église\\nBâtiment B;Évreux;;27000;France",
        "END:VCARD",
    ]


def test_vcard_4_content_and_a_company():
    company = {
        **PERSON,
        "kind": "company",
        "company": "Bio Corner",
        "last_name": None,
        "first_name": None,
        "civility": "",
        "phone": "+3225551212",
        "phone2": None,
        "address": "Rue Haute 1",
        "country": "BE",
        "postal_code": "1000",
        "city": "Bruxelles",
    }
    assert _unfold(vcard.card(company, "4.0")) == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        "FN:Bio Corner",
        "ORG:Bio Corner",
        "TEL;VALUE=uri;TYPE=voice:tel:+3225551212",
        "EMAIL:helene@exemple.fr",
        "ADR;TYPE=work:;;Rue Haute 1;Bruxelles;;1000;Belgique",
        "END:VCARD",
    ]
    three = _unfold(vcard.card(company, "3.0"))
    assert "N:;;;;" in three and "KIND:org" not in three  # 3.0 requires N, has no KIND


def test_vcard_lines_are_folded_at_75_octets_never_inside_a_character():
    long = {**PERSON, "address": "Résidence « Les Éléphants » — bâtiment Œ, " * 6}
    text = vcard.card(long, "4.0")
    for line in text.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8
    adr = next(line for line in _unfold(text) if line.startswith("ADR"))
    assert _unescape(adr.split(":", 1)[1].split(";")[2]) == long["address"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_fold_and_escape_round_trip(value):
    line = "NOTE:" + vcard.escape(value)
    folded = vcard.fold(line)
    for part in folded.encode("utf-8").split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == line
    assert "\r" not in line and "\n" not in line
    assert _unescape(line[5:]) == value.replace("\r\n", "\n").replace("\r", "\n")


def test_vcard_file_of_a_selection(filled, tmp_path):
    out = tmp_path / "carnet.vcf"
    assert export_clients(filled, out, format_for_path(out), vcard_version="4.0") == 3
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.count(b"BEGIN:VCARD\r\n") == 3
    assert raw.count(b"END:VCARD\r\n") == 3 and b"\n" not in raw.replace(b"\r\n", b"")


# -- hostile cells ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_cells_survive_a_round_trip_through_crmdesk(database, tmp_path, fmt):
    """Export, import into a fresh file: the same values. (A value cannot start
    with a tab or a CR in the file: the contact rules strip them on the way in;
    the table tests below write such cells directly.)"""
    store = ContactStore(database)
    for number, value in enumerate(HOSTILE):
        store.create(
            {
                "code": f"H{number}",
                "last_name": value,
                "first_name": value,
                "company": value,
                "notes": f"{value}\n{value}",
                "address": value,
                "city": value,
                "source": "web",
                "birth_date": "1980-03-12",
                "consent_sms": True,
            },
            tags=[value],
        )
    store.create({"code": "P1", "last_name": "Phone", "phone": "+32 2 555 12 12", "country": "BE"})
    exported = tmp_path / f"export.{fmt}"
    assert export_clients(database, exported, fmt) == len(HOSTILE) + 1
    if fmt == "csv":
        raw = exported.read_bytes().decode("utf-8-sig")
        cells = [cell.strip('"') for line in raw.split("\r\n") for cell in line.split(";")]
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)
    copy = tmp_path / "copie.sqlite"
    with Database(copy, create=True) as fresh:
        result = import_clients(fresh, exported)
        assert (result.inserted, result.rejected) == (len(HOSTILE) + 1, 0)
    database.close()
    before, after = contacts_by_code(address(database)), contacts_by_code(copy)
    if fmt == "xlsx":  # a workbook has no carriage returns: a note's CR comes back as a line feed
        for record in before.values():
            record["notes"] = record["notes"] and record["notes"].replace("\r", "\n")
    compared = [c for c in COMPARED if c != "rep_name"]
    assert {c: {k: after[c][k] for k in compared} for c in after} == {
        c: {k: before[c][k] for k in compared} for c in before
    }
    assert after["H0"]["last_name"] == '=HYPERLINK("HTTP://X")' and after["H2"]["company"] == "-2+3"
    assert after["H6"]["first_name"] == "'=quoted" and after["P1"]["phone"] == "+3225551212"


def test_tab_and_carriage_return_cells_are_neutralised_and_read_back(tmp_path):
    table = Table("Test", ("a", "b"))
    rows = [{"a": value, "b": "ok"} for value in HOSTILE]
    path = tmp_path / "t.csv"
    with open(path, "wb") as handle:
        assert write_table_csv(table, rows, handle) == len(HOSTILE)
    raw = path.read_bytes().decode("utf-8-sig")
    assert "'\t=1;" in raw and '"\'\r=1";' in raw and "''=quoted" in raw
    with CsvSource(path) as source:
        assert [r.cells[0] for r in source.rows()] == HOSTILE


def test_xlsx_cells_keep_their_text_and_get_the_quote_prefix(tmp_path):
    table = Table("Test", ("a", "b"))
    path = tmp_path / "t.xlsx"
    with open(path, "wb") as handle:
        write_table_xlsx(table, [{"a": value, "b": "ok"} for value in HOSTILE], handle, len(HOSTILE))
    sheet = openpyxl.load_workbook(path).active
    for row, value in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value.replace("\r", "\n"), "s", True)
    assert not sheet.cell(2, 2).quotePrefix


def test_xlsx_refuses_more_rows_than_a_sheet_holds():
    with pytest.raises(CrmError, match="Exportez en CSV"):
        write_table_xlsx(CLIENTS, [], io.BytesIO(), 1_048_576)


@pytest.mark.parametrize(
    "e164", ["+33612345678", "+33145678910", "+33975104776", "+33800123456", "+33899123456", "+33123"]
)
def test_french_phones_are_grouped_as_phonenumbers_does(e164):
    try:
        expected = phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        expected = e164
    assert export_phone(e164, "FR") == expected
    assert export_phone(e164, "BE").startswith("+33")


def test_an_erased_person_is_in_no_export(tmp_path):
    from crmdesk.store import gdpr

    path = tmp_path / "f.sqlite"
    with Database(path, create=True) as database:
        store = ContactStore(database)
        kept = store.create({"last_name": "Garde", "email": "garde@exemple.fr", "consent_email": True})
        gone = store.create({"last_name": "Efface", "email": "efface@exemple.fr", "consent_email": True})
        gdpr.erase(database, gone)
        out = tmp_path / "tous.csv"
        assert export_clients(database, out, "csv") == 1
        assert export_clients(database, tmp_path / "choisis.csv", "csv", ids=[kept, gone]) == 1
        text = out.read_text(encoding="utf-8-sig")
        assert "GARDE" in text and "ANON-" not in text
