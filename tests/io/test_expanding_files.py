"""Files small on disk that expand enormously, overlong values, mixed encodings: a French answer, at once."""

import tracemalloc

import pytest

from crmdesk.io.csvfile import MAX_FIELD_CHARS
from crmdesk.io.tabular import MAX_CELLS, open_table
from crmdesk.store.database import Database
from tests.helpers.cli import cli
from tests.io.workbooks import inline_cell, ods_content, ods_row, styled_xlsx, write_ods

ALL_ROWS, ALL_COLUMNS = 1_048_576, 16_384


def imported(tmp_path, path, capsys, *options):
    """(exit code, stdout, stderr, names stored) of `crmdesk import clients path`."""
    db = tmp_path / "clients.sqlite"
    code = cli("import", "clients", path, "--db", db, *options)
    out, err = capsys.readouterr()
    names = []
    if db.exists():
        with Database(db, writer=False) as database:
            names = [r[0] for r in database.query("SELECT last_name FROM contacts ORDER BY id")]
    assert "Traceback" not in err
    return code, out, err, names


def test_an_ods_repeating_one_row_over_the_whole_sheet_is_refused_before_expanding(tmp_path, capsys):
    row = (
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string" '
        f'table:number-columns-repeated="{ALL_COLUMNS}"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    path = write_ods(tmp_path / "bombe.ods", content=ods_content({"Feuille1": [ods_row(["nom"]), row]}))
    assert path.stat().st_size < 1000
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert "« bombe.ods » est refusé : ses lignes se déploieraient en plus de 67 millions de cellules" in err
    assert "rien n'a été importé" in err
    assert len(err) < 2000  # one message, not one per row


def test_repeated_rows_within_the_budget_are_all_read(tmp_path):
    rows = [ods_row(["nom", "ville"]), ods_row(["Dupont", "Nice"], repeated=3)]
    with open_table(write_ods(tmp_path / "rep.ods", content=ods_content({"F": rows}))) as table:
        assert [(r.line, r.cells) for r in table.rows()] == [(n, ["Dupont", "Nice"]) for n in (2, 3, 4)]


def test_an_empty_styled_cell_at_column_xfd_costs_nothing(tmp_path, capsys):
    def rows():
        yield '<row r="1">' + inline_cell("A1", "nom", 1) + '<c r="XFD1" s="1"/></row>'
        for n in range(2, 2002):
            yield f'<row r="{n}">' + inline_cell(f"A{n}", f"Nom{n}") + f'<c r="XFD{n}" s="1"/></row>'

    path = styled_xlsx(tmp_path / "bordure.xlsx", rows())
    with open_table(path) as table:
        assert table.header == ["nom"]
        widths = {len(row.cells) for row in table.rows()}
    assert widths == {1}
    code, out, _err, names = imported(tmp_path, path, capsys)
    assert code == 0 and len(names) == 2000 and "2 000 clients créés" in out


@pytest.mark.slow
def test_empty_styled_rows_are_read_in_bounded_memory(tmp_path, capsys):
    # a fifth of the million formatted empty rows of the report (2.7 Mo, 142 s, 568 Mo): enough to tell
    # memory that grows with the rows (openpyxl kept a dict per row) from memory that does not
    def rows():
        yield '<row r="1">' + inline_cell("A1", "nom") + "</row>"
        yield '<row r="2">' + inline_cell("A2", "Dupont") + "</row>"
        for n in range(3, ALL_ROWS // 5):
            yield f'<row r="{n}" s="1" customFormat="1" ht="15" customHeight="1"/>'

    path = styled_xlsx(tmp_path / "vides.xlsx", rows())
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        with open_table(path) as table:
            table.require_rows()
            found = [(row.line, row.cells) for row in table.rows()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [(2, ["Dupont"])]
    assert peak < 10 * 1024 * 1024, peak


def test_an_xlsx_whose_rows_would_fill_the_cell_budget_is_refused(tmp_path, capsys, monkeypatch):
    from crmdesk.io import tabular

    monkeypatch.setattr(tabular, "MAX_CELLS", 50_000)  # the real budget: MAX_CELLS

    def rows():
        yield '<row r="1">' + inline_cell("A1", "nom") + "</row>"
        for n in range(2, 20):
            yield f'<row r="{n}">' + inline_cell(f"A{n}", "x") + inline_cell(f"XFD{n}", "y") + "</row>"

    code, _out, err, names = imported(tmp_path, styled_xlsx(tmp_path / "large.xlsx", rows()), capsys)
    assert code == 1 and names == []
    assert "se déploieraient en plus de" in err
    assert MAX_CELLS == 64 * ALL_ROWS


def test_a_csv_with_400000_columns_is_refused_at_its_header(tmp_path, capsys):
    path = tmp_path / "large.csv"
    path.write_text(";".join("x" for _ in range(400_000)) + "\r\nDupont\r\n", encoding="utf-8")
    assert 700_000 < path.stat().st_size < 1_000_000
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert "« large.csv », ligne 1 : 400 000 colonnes, plus qu'un tableur n'en a (16 384)" in err
    assert len(err) < 2000


def test_a_row_wider_than_a_spreadsheet_is_refused_naming_its_line(tmp_path, capsys):
    path = tmp_path / "ligne.csv"
    path.write_text("nom;ville\r\nDupont;Nice\r\n" + ";".join("y" for _ in range(20_000)) + "\r\n", encoding="utf-8")
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert "« ligne.csv », ligne 3 : 20 000 colonnes" in err


def test_thousands_of_ignored_columns_are_counted_not_listed(tmp_path, capsys):
    path = tmp_path / "colonnes.csv"
    header = ["nom", *(f"colonne{i}" for i in range(5000))]
    path.write_text(";".join(header) + "\r\nDupont\r\n", encoding="utf-8")
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 0 and names == ["DUPONT"]
    assert "5 000 colonnes ignorées : elles ne correspondent à aucun champ des clients (« colonne0 »" in err
    assert "… et 4 990 autres" in err and err.count("colonne4999") == 0
    assert len(err.splitlines()) < 10


def test_the_same_reason_on_every_row_is_counted_not_repeated(tmp_path, capsys):
    path = tmp_path / "decale.csv"
    path.write_text("nom;ville\r\n" + "".join(f"Nom{i};Nice;en trop\r\n" for i in range(3000)), encoding="utf-8")
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert err.count("3 valeurs pour 2 colonnes") == 6  # 5 lines shown, then the count
    assert "… et 2 995 autres lignes refusées pour la même raison : 3 valeurs pour 2 colonnes" in err


def test_a_quoted_value_over_a_megabyte_is_refused_like_a_long_line(tmp_path, capsys):
    note = "Une très longue note, ligne après ligne.\r\n" * 250_000  # 10 Mo, short lines
    path = tmp_path / "note.csv"
    path.write_text(f'nom;notes\r\nDupont;court\r\nMartin;"{note}"\r\nDurand;x\r\n', encoding="utf-8")
    assert path.stat().st_size > 10 * MAX_FIELD_CHARS
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert "« note.csv », ligne 3 : une valeur de plus de 1 Mo" in err and "rien n'a été importé" in err


def test_lines_mixing_utf8_and_windows_1252_are_each_read_in_their_own(tmp_path, capsys):
    path = tmp_path / "colle.csv"
    path.write_bytes(
        "nom;prénom;ville\r\nDUPONT;Hélène;Évreux\r\n".encode()
        + "MARTIN;Élodie;Orléans\r\nPETIT;Chloé;Sète\r\n".encode("cp1252")
        + "ROUX;Maëlle;Besançon\r\n".encode()
    )
    code, _out, err, _names = imported(tmp_path, path, capsys)
    assert code == 0
    with Database(tmp_path / "clients.sqlite", writer=False) as database:
        rows = [tuple(r) for r in database.query("SELECT first_name, city FROM contacts ORDER BY id")]
    assert rows == [("Hélène", "Évreux"), ("Élodie", "Orléans"), ("Chloé", "Sète"), ("Maëlle", "Besançon")]
    assert (
        "« colle.csv » mélange deux encodages : 2 lignes sont en Windows-1252 (lignes 3, 4), les autres en UTF-8"
    ) in err


def test_an_excel_bom_file_with_windows_1252_lines_appended(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b"nom;ville\r\n" + "Léa;Nîmes\r\n".encode("cp1252"))
    with open_table(path) as table:
        assert table.header == ["nom", "ville"]
        assert [row.cells for row in table.rows()] == [["Léa", "Nîmes"]]


def test_a_mixed_file_with_a_byte_meaning_nothing_is_refused_naming_the_line(tmp_path, capsys):
    path = tmp_path / "abime.csv"
    path.write_bytes("nom\r\nHélène\r\n".encode() + b"Z\xe9\x81\r\n")
    code, _out, err, names = imported(tmp_path, path, capsys)
    assert code == 1 and names == []
    assert "« abime.csv » contient des caractères illisibles, vers la ligne 3" in err
