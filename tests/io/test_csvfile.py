"""Reading CSV files whatever their encoding and separator."""

import codecs

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.csvfile import CsvSource, header_key, neutralise, unneutralise

ROWS = [["Hélène", "Évreux", "Noël œuvre 12 €"], ["François", "Orléans", "ça"]]


@pytest.mark.parametrize(
    "encoding,delimiter,bom",
    [
        ("utf-8", ",", b""),
        ("utf-8", ";", codecs.BOM_UTF8),
        ("cp1252", ";", b""),
        ("utf-16", "\t", b""),
    ],
)
def test_encoding_and_separator_are_detected(tmp_path, encoding, delimiter, bom):
    text = "\r\n".join(delimiter.join(row) for row in [["nom", "ville", "notes"], *ROWS]) + "\r\n"
    path = tmp_path / "f.csv"
    path.write_bytes(bom + text.encode(encoding))
    with CsvSource(path) as source:
        assert source.header == ["nom", "ville", "notes"]
        assert source.delimiter == delimiter
        assert [row.cells for row in source.rows()] == ROWS


def test_utf8_accent_far_down_the_file_is_still_utf8(tmp_path):
    lines = ["nom"] + ["Martin"] * 50_000 + ["Hélène"]
    path = tmp_path / "f.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with CsvSource(path) as source:
        assert source.encoding_name == "UTF-8"
        assert list(source.rows())[-1].cells == ["Hélène"]


def test_line_numbers_count_physical_lines(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('nom;notes\n\nA;"deux\nlignes"\nB;x\n', encoding="utf-8")
    with CsvSource(path) as source:
        assert [(row.line, row.cells[0]) for row in source.rows()] == [(3, "A"), (5, "B")]


def test_excel_sep_line_is_honoured(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("sep=;\nnom;ville\nA,B;C\n", encoding="utf-8")
    with CsvSource(path) as source:
        assert source.header == ["nom", "ville"]
        rows = list(source.rows())
        assert [(row.line, row.cells) for row in rows] == [(3, ["A,B", "C"])]


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+33 6 12", "-5", "@x", "\tx", "'=x", "'", "ok", ""])
def test_neutralise_round_trips(value):
    protected = neutralise(value)
    assert protected[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unneutralise(protected) == value


def test_empty_and_undecodable_files_are_user_errors(tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    with pytest.raises(CrmError, match="vide"):
        CsvSource(empty)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"nom\n\x81\x8d\n")  # undefined in Windows-1252, invalid UTF-8
    with pytest.raises(CrmError, match="illisibles"), CsvSource(bad) as source:
        list(source.rows())


def test_header_keys_ignore_case_accents_and_punctuation():
    assert header_key("\ufeffCode Postal") == header_key("code_postal") == "code_postal"
    assert header_key("E-mail") == "e_mail"
    assert header_key("Prénom") == "prenom"
