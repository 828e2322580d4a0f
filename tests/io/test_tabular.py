"""One reader for CSV, XLSX and ODS: header, rows as text, line numbers, streaming."""

import datetime as dt
import tracemalloc

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.tabular import Table, number_text, open_table
from tests.io.helpers import write_csv
from tests.io.workbooks import ods_cell, ods_content, ods_row, replace_member, sheet_xml, write_ods, write_xlsx

pytestmark = pytest.mark.both_kinds

HEADER = ["N° client", "Nom", "Code postal", "Né le", "CA annuel", "Hôte"]
TEXT_ROWS = [
    ["1", "REVEL", "06000", "12/03/1980", "1254.5", "oui"],
    ["2", "AGNELLINI", "75011", "01/01/1990", "89", "non"],
]


def read(path, **options):
    with open_table(path, **options) as table:
        return table.format, table.header_line, table.header, [(r.line, r.cells) for r in table.rows()]


def typed_rows():
    """The same rows as a spreadsheet stores them: numbers, dates, booleans."""
    return [
        [1, "REVEL", 6000, dt.date(1980, 3, 12), 1254.5, True],
        [2, "AGNELLINI", 75011, dt.date(1990, 1, 1), 89, False],
    ]


def test_the_three_formats_read_alike(tmp_path):
    csv_path = write_csv(tmp_path / "c.csv", HEADER, TEXT_ROWS, encoding="cp1252", delimiter=";")
    xlsx = write_xlsx(tmp_path / "c.xlsx", HEADER, typed_rows(), formats={"C2": "00000"})
    ods = tmp_path / "c.ods"
    ods_rows = typed_rows()
    ods_rows[0][2] = (
        b'<table:table-cell office:value-type="float" office:value="6000"><text:p>06000</text:p></table:table-cell>'
    )
    write_ods(ods, HEADER, ods_rows)
    expected = (1, HEADER, [(2, TEXT_ROWS[0]), (3, TEXT_ROWS[1])])
    assert read(csv_path) == ("csv", *expected)
    assert read(xlsx) == ("xlsx", *expected)
    assert read(ods) == ("ods", *expected)
    with open_table(csv_path) as table:
        assert table.description == "Windows-1252 (Excel), séparateur point-virgule"
    with open_table(xlsx) as table:
        assert table.description == "classeur Excel, feuille « Feuil1 »"
    with open_table(ods) as table:
        assert table.description == "classeur OpenDocument, feuille « Feuille1 »"


def test_the_format_comes_from_the_content_not_the_name(tmp_path):
    xlsx = write_xlsx(tmp_path / "clients.csv", ["nom"], [["Dupont"]])
    assert read(xlsx)[0] == "xlsx"
    text = write_csv(tmp_path / "clients.xlsx", ["nom"], [["Dupont"]])
    assert read(text)[0] == "csv"


@pytest.mark.parametrize(
    "value,digits,text",
    [
        (1254.0, 0, "1254"),
        (12.5, 0, "12.5"),
        (0.1 + 0.2, 0, "0.3"),
        (6000, 5, "06000"),
        (-3, 0, "-3"),
        (1254.3000000000002, 0, "1254.3"),
        (75011, 5, "75011"),
        (1e20, 0, "1e+20"),
    ],
)
def test_numbers_read_as_the_spreadsheet_shows_them(value, digits, text):
    assert number_text(value, digits) == text


def test_xlsx_formulas_give_their_saved_value_and_are_never_run(tmp_path):
    path = write_xlsx(
        tmp_path / "f.xlsx", ["nom", "total", "dde", "jamais calculée"], [["A", "=1+1", "=cmd|' /C calc'!A0", "=NOW()"]]
    )
    xml = sheet_xml(path)
    xml = xml.replace("<f>1+1</f><v />", "<f>1+1</f><v>2</v>")
    xml = xml.replace("<f>cmd|' /C calc'!A0</f><v />", "<f>cmd|' /C calc'!A0</f><v>0</v>")
    replace_member(path, "xl/worksheets/sheet1.xml", xml)
    assert read(path)[3] == [(2, ["A", "2", "0"])]  # =NOW() was never computed: empty


def test_xlsx_gaps_header_lower_down_and_row_numbers(tmp_path):
    path = tmp_path / "g.xlsx"
    write_xlsx(
        path,
        [],
        [
            [],
            ["Extrait du fichier"],
            [],
            ["nom", "ville", None],
            ["A", "Nice"],
            [],
            [],
            ["B", None, None, "  "],
            [None, None],
        ],
    )
    # a title row is data to the reader: the header is the first non-empty row
    _fmt, header_line, header, rows = read(path)
    assert (header_line, header) == (3, ["Extrait du fichier"])
    assert rows == [(5, ["nom", "ville"]), (6, ["A", "Nice"]), (9, ["B", "", "", "  "])]


def test_a_sheet_can_be_chosen(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["rien"])
    second = book.create_sheet("Clients")
    second.append(["nom"])
    second.append(["Dupont"])
    book.save(tmp_path / "s.xlsx")
    assert read(tmp_path / "s.xlsx")[2] == ["rien"]
    assert read(tmp_path / "s.xlsx", sheet="Clients")[3] == [(2, ["Dupont"])]
    with pytest.raises(CrmError, match="pas de feuille « Autre » \\(feuilles : « Notes », « Clients »\\)"):
        open_table(tmp_path / "s.xlsx", sheet="Autre")
    ods = write_ods(
        tmp_path / "s.ods",
        sheets={
            "Notes": [ods_row(["rien"]), ods_row(["x"], repeated=3)],
            "Clients": [ods_row(["nom"]), ods_row(["Dupont"])],
        },
    )
    assert read(ods, sheet="Clients")[3] == [(2, ["Dupont"])]
    with open_table(ods, sheet="Clients") as table:
        assert table.sheet == "Clients"
    with pytest.raises(CrmError, match="pas de feuille « Autre »"):
        open_table(ods, sheet="Autre")
    with pytest.raises(CrmError, match="pas de feuilles"):
        open_table(write_csv(tmp_path / "c.csv", ["nom"], [["A"]]), sheet="Clients")


def test_ods_repeats_spaces_and_paragraphs(tmp_path):
    rows = [
        ods_row(["nom", "ville", "notes", "cp"]),
        # a cell repeated over 3 columns, then the trailing empty columns of the sheet
        b'<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="3">'
        b'<text:p>X</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/>'
        b"</table:table-row>".decode(),
        ods_row(["Dupont", "", "deux\nlignes", 6000]),
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b'
        b"<text:span>c</text:span><text:tab/>d</text:p></table:table-cell><table:covered-table-cell/>"
        b'<table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12,5 %</text:p>'
        b"</table:table-cell></table:table-row>".decode(),
        ods_row([""], repeated=5),  # empty rows: skipped, counted
        ods_row(["Martin", "Lyon"], repeated=2),  # a repeated row is two rows
        ods_row([""], repeated=1_048_000),  # LibreOffice's trailing empty rows: nothing to expand
    ]
    path = write_ods(tmp_path / "r.ods", sheets={"F": rows})
    _fmt, _, header, got = read(path)
    assert header == ["nom", "ville", "notes", "cp"]
    assert got == [
        (2, ["X", "X", "X"]),
        (3, ["Dupont", "", "deux\nlignes", "6000"]),
        (4, ["a   bc\td", "", "0.125"]),
        (10, ["Martin", "Lyon"]),
        (11, ["Martin", "Lyon"]),
    ]


def test_ods_dates_and_booleans(tmp_path):
    cells = [
        dt.date(2026, 3, 1),
        True,
        False,
        b'<table:table-cell office:value-type="date" office:date-value="2026-03-01T14:30:00">'
        b"<text:p>01/03/2026 14:30</text:p></table:table-cell>",
    ]
    assert ods_cell(True).startswith("<table:table-cell")
    path = write_ods(tmp_path / "d.ods", ["a", "b", "c", "d"], [cells])
    assert read(path)[3] == [(2, ["01/03/2026", "oui", "non", "01/03/2026 14:30:00"])]


def test_require_rows_keeps_the_first_row(tmp_path):
    path = write_csv(tmp_path / "c.csv", ["nom"], [["A"], ["B"]])
    with open_table(path) as table:
        table.require_rows()
        assert [r.cells for r in table.rows()] == [["A"], ["B"]]
    assert isinstance(table, Table)


@pytest.mark.slow
def test_a_big_csv_is_streamed_not_loaded(tmp_path):
    path = tmp_path / "big.csv"
    line = "C{:07d};DUPONT;Hélène;helene@exemple.fr;06 12 34 56 78;27000;Évreux\r\n"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("code;last_name;first_name;email;phone;postal_code;city\r\n")
        handle.writelines(line.format(i) for i in range(150_000))
    size = path.stat().st_size
    assert size > 10_000_000
    tracemalloc.start()
    try:
        with open_table(path) as table:
            count = sum(1 for _ in table.rows())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 150_000
    assert peak < min(6_000_000, size / 2), peak  # the scan's 1 Mio chunks, decoded; never the file


def test_ods_content_helper_makes_valid_xml():
    assert ods_content({"F": [ods_row(["a"])]}).startswith('<?xml version="1.0"')


def test_sheet_names_to_choose_from(tmp_path):
    import openpyxl

    from crmdesk.io.tabular import sheet_names

    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.create_sheet("Clients")
    book.save(tmp_path / "s.xlsx")
    assert sheet_names(tmp_path / "s.xlsx") == ["Notes", "Clients"]
    ods = write_ods(tmp_path / "s.ods", sheets={"Notes": [ods_row(["a"])], "Clients": [], "Bilan": []})
    assert sheet_names(ods) == ["Notes", "Clients", "Bilan"]
    assert sheet_names(write_csv(tmp_path / "c.csv", ["nom"], [["A"]])) == []
    with pytest.raises(CrmError, match="introuvable"):
        sheet_names(tmp_path / "absent.xlsx")


def test_orders_and_surveys_from_spreadsheets(database, tmp_path):
    from crmdesk.io.clients import import_clients
    from crmdesk.io.indicators import import_surveys
    from crmdesk.io.orders import import_orders

    import_clients(database, write_ods(tmp_path / "c.ods", ["N° client", "Nom"], [["C1", "Durand"]]))
    orders = write_xlsx(
        tmp_path / "o.xlsx",
        ["Code client", "Date", "Montant", "Réf commande", "Produit"],
        [["C1", dt.date(2026, 2, 1), 10.5, "F1", "Miel"], ["C1", dt.date(2026, 2, 1), 4, "F1", "Thé"]],
    )
    result = import_orders(database, orders)
    assert (result.inserted, result.lines, result.rejected, result.source) == (
        1,
        2,
        0,
        "classeur Excel, feuille « Feuil1 »",
    )
    assert database.scalar("SELECT amount_cents FROM orders") == 1450
    answers = write_ods(
        tmp_path / "s.ods",
        ["code client", "date", "indicateur", "note"],
        [["C1", dt.date(2026, 2, 2), "nps", 9], ["C1", dt.date(2026, 2, 3), "csat", 9]],
    )
    rejects = []
    result = import_surveys(database, answers, on_reject=rejects.append)
    assert result.inserted == 1 and [r.line for r in rejects] == [3]
