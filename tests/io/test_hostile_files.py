"""Files that must be refused with a clear French message, before anything is written."""

import struct
import zipfile

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io import tabular
from crmdesk.io.clients import import_clients
from crmdesk.io.csvfile import MAX_LINE_BYTES
from crmdesk.io.tabular import open_table
from tests.helpers.cli import cli
from tests.io.helpers import write_csv
from tests.io.workbooks import ODS_MIMETYPE, ods_content, ods_row, replace_member, write_ods, write_xlsx, zip_members

pytestmark = pytest.mark.both_kinds

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i + 1} "{("&lol" + (str(i) if i else "") + ";") * 10}">' for i in range(9))
    + "]>"
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>' + LAUGHS + '<worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is>'
    "</c></row></sheetData></worksheet>"
)
# The DOCTYPE pushed past the first 64 Kio by a comment: the prolog check misses it, defusedxml does not.
PADDING = "<!--" + "x" * 70_000 + "-->"


def refused(tmp_path, capsys, path, *expected):
    """The command refuses `path` with a French message holding `expected`, and writes nothing."""
    db = tmp_path / "refus.sqlite"
    assert cli("import", "clients", path, "--db", db) == 1
    err = capsys.readouterr().err
    for part in expected:
        assert part in err, err
    assert "Traceback" not in err
    assert not db.exists()
    return err


def good_xlsx(path):
    return write_xlsx(path, ["nom", "ville"], [["Dupont", "Nice"], ["Martin", "Lyon"]])


def test_a_zip_bomb_member_is_refused_from_its_declared_size(tmp_path, capsys):
    path = good_xlsx(tmp_path / "bombe.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", bytes(8 * 1024 * 1024))  # 8 Mio of zeros: ~8 Kio in the zip
        info = archive.getinfo("xl/media/zeros.bin")
    assert info.file_size / info.compress_size > 500
    err = refused(tmp_path, capsys, path, "est refusé", "zeros.bin", "se décompresserait", "rien n'a été lu")
    assert "piégé" in err


def test_a_sheet_inflating_too_much_is_refused(tmp_path, capsys):
    path = good_xlsx(tmp_path / "feuille.xlsx")
    replace_member(path, "xl/worksheets/sheet1.xml", '<?xml version="1.0"?>' + " " * (4 * 1024 * 1024))
    refused(tmp_path, capsys, path, "sheet1.xml", "se décompresserait")


def test_the_total_declared_size_is_bounded(tmp_path, capsys, monkeypatch):
    path = write_xlsx(
        tmp_path / "gros.xlsx", ["nom", "ville"], [[f"N{i * 7919 % 100_003}", f"V{i}"] for i in range(5000)]
    )
    monkeypatch.setattr(tabular, "MAX_UNCOMPRESSED_BYTES", 100_000)
    refused(tmp_path, capsys, path, "se décompresserait en", "Gio")


def patch_declared_size(path, member: str, size: int) -> None:
    """Write `size` as the uncompressed size of `member` in the central directory (a lying zip)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(member)


def test_a_zip_lying_about_its_sizes(tmp_path, capsys):
    huge = good_xlsx(tmp_path / "ment.xlsx")
    patch_declared_size(huge, "xl/worksheets/sheet1.xml", 0xF0000000)  # « 3.75 Gio »
    refused(tmp_path, capsys, huge, "se décompresserait")
    small = good_xlsx(tmp_path / "ment2.xlsx")
    patch_declared_size(small, "xl/worksheets/sheet1.xml", 10)  # zipfile stops at 10 bytes: bad CRC
    refused(tmp_path, capsys, small, "abîmé")


def test_billion_laughs_in_an_xlsx(tmp_path, capsys):
    path = good_xlsx(tmp_path / "rires.xlsx")
    replace_member(path, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    refused(tmp_path, capsys, path, "sheet1.xml", "déclare des entités XML", "piégé")
    hidden = good_xlsx(tmp_path / "rires2.xlsx")
    replace_member(hidden, "xl/worksheets/sheet1.xml", BILLION_LAUGHS.replace("?>", "?>" + PADDING, 1))
    refused(tmp_path, capsys, hidden, "XML piégé")


def test_billion_laughs_in_an_ods(tmp_path, capsys):
    body = ods_content({"F": [ods_row(["nom"]), ods_row(["&lol9;"])]})
    rows = body.replace("?>", "?>" + LAUGHS.replace("lolz", "office:document-content"), 1)
    path = write_ods(tmp_path / "rires.ods", content=rows)
    refused(tmp_path, capsys, path, "content.xml", "déclare des entités XML")
    hidden = write_ods(
        tmp_path / "rires2.ods",
        content=body.replace("?>", "?>" + PADDING + LAUGHS.replace("lolz", "office:document-content"), 1),
    )
    refused(tmp_path, capsys, hidden, "XML piégé")


def test_damaged_and_other_zips(tmp_path, capsys):
    whole = good_xlsx(tmp_path / "entier.xlsx").read_bytes()
    (tmp_path / "coupe.xlsx").write_bytes(whole[: len(whole) // 2])
    refused(tmp_path, capsys, tmp_path / "coupe.xlsx", "abîmé")
    zip_members(tmp_path / "archive.zip", {"lisez-moi.txt": "bonjour"})
    refused(tmp_path, capsys, tmp_path / "archive.zip", "archive zip qui n'est pas un classeur")
    zip_members(tmp_path / "lettre.odt", {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<a/>"})
    refused(tmp_path, capsys, tmp_path / "lettre.odt", "n'est pas un classeur")
    zip_members(tmp_path / "vide.ods", {"mimetype": ODS_MIMETYPE})
    refused(tmp_path, capsys, tmp_path / "vide.ods", "content.xml manquant")
    write_ods(tmp_path / "mal.ods", content="<office:document-content")
    refused(tmp_path, capsys, tmp_path / "mal.ods", "abîmé")


def test_binary_files(tmp_path, capsys):
    (tmp_path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    refused(tmp_path, capsys, tmp_path / "image.csv", "n'est pas un fichier texte", "octet nul", "binaire")
    late = "nom\n" + "Dupont\n" * 3000
    (tmp_path / "tard.csv").write_bytes(late.encode() + b"Mar\x00tin\n")
    refused(tmp_path, capsys, tmp_path / "tard.csv", "vers la ligne 3002")
    (tmp_path / "nonsens.csv").write_bytes(b"nom\nDupont\nMar\x81tin\n")  # 0x81: nothing in Windows-1252
    refused(tmp_path, capsys, tmp_path / "nonsens.csv", "caractères illisibles", "ligne 3", "0x81")
    (tmp_path / "base.csv").write_bytes(b"SQLite format 3\x00" + bytes(100))
    refused(tmp_path, capsys, tmp_path / "base.csv", "base de données")


def test_empty_and_header_only_files(tmp_path, capsys):
    (tmp_path / "vide.csv").write_bytes(b"")
    refused(tmp_path, capsys, tmp_path / "vide.csv", "est vide")
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    refused(tmp_path, capsys, tmp_path / "bom.csv", "est vide")
    (tmp_path / "blanc.csv").write_bytes(b"\r\n\r\n")
    refused(tmp_path, capsys, tmp_path / "blanc.csv", "devrait nommer les colonnes")
    refused(
        tmp_path,
        capsys,
        write_csv(tmp_path / "entete.csv", ["nom", "ville"], []),
        "ne contient que la ligne d'en-tête (ligne 1)",
    )
    (tmp_path / "entete2.csv").write_bytes(b"nom;ville\r\n;\r\n\r\n")
    refused(tmp_path, capsys, tmp_path / "entete2.csv", "que la ligne d'en-tête")
    refused(tmp_path, capsys, write_xlsx(tmp_path / "entete.xlsx", ["nom"], []), "que la ligne d'en-tête")
    refused(tmp_path, capsys, write_xlsx(tmp_path / "rien.xlsx", [], []), "La feuille « Feuil1 »", "est vide")
    refused(tmp_path, capsys, write_ods(tmp_path / "entete.ods", ["nom"], []), "que la ligne d'en-tête")
    refused(tmp_path, capsys, write_ods(tmp_path / "rien.ods", sheets={}), "aucune feuille")


def test_a_line_too_long(tmp_path, capsys):
    path = tmp_path / "long.csv"
    path.write_bytes(b"nom;notes\r\nDupont;court\r\nMartin;" + b"x" * (MAX_LINE_BYTES + 10) + b"\r\nB;c\r\n")
    refused(tmp_path, capsys, path, "« long.csv », ligne 3 : ligne de plus de 1 Mo")
    no_break = tmp_path / "sans_fin.csv"
    no_break.write_bytes(b"nom;" + b"x" * (3 * MAX_LINE_BYTES))
    refused(tmp_path, capsys, no_break, "ligne 1 : ligne de plus de 1 Mo")
    fine = tmp_path / "juste.csv"
    fine.write_bytes(b"nom;notes\r\nDupont;" + b"x" * (MAX_LINE_BYTES - 20) + b"\r\n")
    with open_table(fine) as table:
        assert len(next(table.rows()).cells[1]) == MAX_LINE_BYTES - 20


def test_the_library_refuses_before_writing(database, tmp_path):
    path = good_xlsx(tmp_path / "rires.xlsx")
    replace_member(path, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    with pytest.raises(CrmError, match="piégé"):
        import_clients(database, path)
    with pytest.raises(CrmError, match="ligne d'en-tête"):
        import_clients(database, write_csv(tmp_path / "e.csv", ["nom"], []))
    assert database.scalar("SELECT count(*) FROM contacts") == 0
    assert database.scalar("SELECT count(*) FROM import_batches") == 0
