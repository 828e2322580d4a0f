"""crmdesk sheet / crmdesk cards, in-process."""

import pypdf
import pytest

from tests.helpers.backend import handed_over
from tests.helpers.cli import cli
from tests.helpers.sheets import build

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def client_file(database, tmp_path):
    build(database)
    path = handed_over(database)
    return path


def text_of(path):
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_sheet_of_clients_by_code(client_file, tmp_path, capsys):
    out = tmp_path / "fiches.pdf"
    assert cli("sheet", "--db", client_file, "--client", "C0003", "C0001", "--out", out, "--as-of", "2026-11-23") == 0
    pages = text_of(out)
    assert len(pages) == 2 and "MARTIN Paul" in pages[0] and "LEFÈVRE-DUPRÉ Hélène" in pages[1]
    assert "Imprimée le 23/11/2026" in pages[0]
    assert "2 fiches client dans" in capsys.readouterr().err


def test_sheet_all_split_names_files_after_the_codes(client_file, tmp_path, capsys):
    folder = tmp_path / "fiches"
    assert cli("sheet", "--db", client_file, "--all", "--out", folder, "--split") == 0
    assert sorted(p.name for p in folder.iterdir()) == ["C0001.pdf", "C0002.pdf", "C0003.pdf"]
    assert "3 fichiers PDF" in capsys.readouterr().err


def test_cards_of_every_client(client_file, tmp_path, capsys):
    out = tmp_path / "cartes.pdf"
    assert cli("cards", "--db", client_file, "--all", "--out", out) == 0
    pages = text_of(out)
    assert len(pages) == 1 and all(code in pages[0] for code in ("C0001", "C0002", "C0003"))
    assert "3 cartes client" in capsys.readouterr().err


def test_unknown_code_prints_nothing(client_file, tmp_path, capsys):
    out = tmp_path / "fiches.pdf"
    assert cli("sheet", "--db", client_file, "--client", "C0001", "ZZZ", "--out", out) == 1
    assert "« ZZZ »" in capsys.readouterr().err and not out.exists()


@pytest.mark.file_only("the client file given as the output: a server database is no file to overwrite")
def test_the_client_file_is_never_the_output(client_file, capsys):
    before = client_file.read_bytes()
    assert cli("cards", "--db", client_file, "--all", "--out", client_file) == 1
    assert "fichier clients lui-même" in capsys.readouterr().err
    assert client_file.read_bytes() == before


def test_selection_is_required(client_file, tmp_path, capsys):
    assert cli("sheet", "--db", client_file, "--out", tmp_path / "x.pdf") == 2
    assert "l'un des arguments --client --all est obligatoire" in capsys.readouterr().err
