"""The crmdesk command, run in-process (main([...])) except for one real run."""

import shutil
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from crmdesk import __version__
from crmdesk.cli.main import main
from crmdesk.domain import contact as rules
from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.helpers.backend import handed_over, opened
from tests.helpers.cli import cli
from tests.io.helpers import contacts_by_code, write_csv

HEADER = [
    "code",
    "civility",
    "last_name",
    "first_name",
    "email",
    "phone",
    "postal_code",
    "city",
    "notes",
    "birth_date",
    "tags",
    "consent_email",
]
ROWS = [
    [
        "A1",
        "Mme",
        "Lefèvre",
        "Hélène",
        "helene@exemple.fr",
        "06 12 34 56 78",
        "27000",
        "Évreux",
        "Noël : œufs à 12,50 €",
        "12/03/1980",
        "bio, fidèle",
        "oui",
    ],
    ["A2", "M.", "Garçon", "François", "francois@exemple.fr", "01 45 67 89 10", "45000", "Orléans", "", "", "", "non"],
    ["A3", "Mme", "Müller", "Zoé", "", "", "67000", "Strasbourg", "déjà cliente", "01/01/1990", "fidèle", "1"],
]
COMPARED = (
    "civility",
    "last_name",
    "first_name",
    "email",
    "phone",
    "postal_code",
    "city",
    "notes",
    "birth_date",
    "tags",
    "consent_email",
)


def test_entry_point_runs_as_a_program():
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--help"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "utilisation" in done.stdout and "import" in done.stdout


def test_commands_never_import_qt(tmp_path):
    code = (
        "import sys; from crmdesk.cli.main import main; main(['check', '--db', 'absent.sqlite']); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.stdout.strip() == "False", done.stderr


def test_version_and_help_are_french(capsys):
    assert cli("--version") == 0
    assert __version__ in capsys.readouterr().out
    assert cli("import", "clients", "--help") == 0
    out = capsys.readouterr().out
    assert "utilisation" in out and "déjà présent" in out and "--update" in out


def test_usage_errors_exit_2(capsys, tmp_path):
    assert cli("import", "clients", tmp_path / "x.csv") == 2
    assert "obligatoire" in capsys.readouterr().err
    assert cli("export", "clients", "--db", tmp_path / "x", "--format", "pdf") == 2
    assert cli("frobnicate") == 2
    assert cli("--demo", "boldair", "check", "--db", tmp_path / "x") == 2


@pytest.mark.both_kinds
@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";")])
def test_utf8_bom_and_excel_files_import_identically(database, tmp_path, capsys, encoding, delimiter):
    source = write_csv(tmp_path / "clients.csv", HEADER, ROWS, encoding=encoding, delimiter=delimiter)
    db = handed_over(database)
    assert cli("import", "clients", source, "--db", db) == 0, capsys.readouterr().err
    stored = contacts_by_code(db)
    assert sorted(stored) == [row[0] for row in ROWS]
    for row in ROWS:
        typed = dict(zip(HEADER, row))
        expected = rules.validate({k: v for k, v in typed.items() if k != "tags" and v})
        contact = stored[typed["code"]]
        for field in COMPARED:
            if field == "tags":
                assert contact["tags"] == sorted(t.strip() for t in typed["tags"].split(",") if t.strip())
            elif field in expected:
                assert contact[field] == (
                    int(expected[field]) if isinstance(expected[field], bool) else expected[field]
                ), field
    assert "clients créés" in capsys.readouterr().out


@pytest.mark.both_kinds
def test_bad_lines_are_reported_and_the_rest_imported(database, tmp_path, capsys):
    rows = [
        ROWS[0],
        ["B1", "", "Sans", "Arobase", "sans.exemple.fr", "", "", "", "", "", "", ""],
        ROWS[1],
        ["B2", "", "Date", "Fausse", "", "", "", "", "", "31/02/2026", "", ""],
        ROWS[2],
    ]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    # --strict: a bad e-mail or birth date refuses its line, and then the whole file
    db = handed_over(database)
    assert cli("import", "clients", path, "--db", db, "--strict") == 1
    err = capsys.readouterr().err
    assert "ligne 3 : email" in err and "« @ »" in err
    assert "ligne 5 : birth_date" in err and "31/02/2026" in err
    assert contacts_by_code(db) == {}
    # by default these lines are imported without the bad value, each named in a warning
    assert cli("import", "clients", path, "--db", db) == 0
    err = capsys.readouterr().err
    assert (
        "ligne 3 : email : « sans.exemple.fr » n'a pas été repris (adresse e-mail invalide : il manque le « @ »)"
    ) in err
    assert "ligne 5 : birth_date : « 31/02/2026 » n'a pas été repris" in err
    stored = contacts_by_code(db)
    assert sorted(stored) == sorted(["B1", "B2", *(r[0] for r in ROWS)])
    assert (stored["B1"]["email"], stored["B2"]["birth_date"]) == ("", None)


def test_dry_run_writes_nothing(tmp_path, capsys):
    source = write_csv(tmp_path / "c.csv", HEADER, ROWS)
    db = tmp_path / "c.sqlite"
    assert cli("import", "clients", source, "--db", db, "--dry-run") == 0
    assert not db.exists() and "Simulation" in capsys.readouterr().out
    assert cli("import", "clients", write_csv(tmp_path / "one.csv", HEADER, ROWS[:1]), "--db", db) == 0
    before = db.read_bytes()
    assert cli("import", "clients", write_csv(tmp_path / "more.csv", HEADER, ROWS[1:]), "--db", db, "--dry-run") == 0
    assert "2 clients créés" in capsys.readouterr().out
    assert db.read_bytes() == before
    assert sorted(contacts_by_code(db)) == [ROWS[0][0]]


def test_missing_input_file_creates_nothing(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    assert cli("import", "clients", tmp_path / "absent.csv", "--db", db) == 1
    assert "introuvable" in capsys.readouterr().err
    assert not db.exists()


def test_import_into_a_locked_file_is_refused(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    holder = Database(db, create=True)
    try:
        assert cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert "déjà ouvert par un autre crmdesk" in err and "Traceback" not in err
    assert contacts_by_code(db) == {}


@pytest.mark.both_kinds
def test_orders_with_french_amounts(database, tmp_path, capsys):
    db = handed_over(database)
    cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db)
    amounts = {"A1": "1 254,50", "A2": "89,9", "A3": "1254.50"}
    rows = [[code, "15/03/2026", amount] for code, amount in amounts.items()]
    source = write_csv(tmp_path / "o.csv", ["client_code", "date", "amount"], rows, encoding="cp1252", delimiter=";")
    assert cli("import", "orders", source, "--db", db) == 0, capsys.readouterr().err
    with opened(db, writer=False) as database:
        stored = {
            r["code"]: r["amount_cents"]
            for r in database.query(
                "SELECT c.code, o.amount_cents FROM orders o JOIN contacts c ON c.id = o.contact_id"
            )
        }
        stages = {r[0] for r in database.query("SELECT stage FROM contacts")}
    expected = {code: int(Decimal(a.replace(" ", "").replace(",", ".")) * 100) for code, a in amounts.items()}
    assert stored == expected
    assert stages == {"client"}


@pytest.mark.both_kinds
def test_export_import_round_trip_is_unchanged(database, tmp_path, capsys):
    """From a file or a server, into a new file: exported again, the same bytes."""
    store = ContactStore(database)
    store.create(
        {
            "code": "X1",
            "last_name": '=HYPERLINK("x")',
            "first_name": "+33 6 12",
            "phone": "+33 6 12 34 56 78",
            "notes": "-moins\n@arobase",
            "email": "x@exemple.fr",
            "birth_date": "1980-03-12",
            "consent_sms": True,
        },
        tags=["=SUM(A1)", "bio"],
    )
    store.create(
        {
            "code": "X2",
            "company": "@Société",
            "kind": "company",
            "phone": "0145678910",
            "city": "Évreux",
            "postal_code": "27000",
        }
    )
    db = handed_over(database)
    exported, again = tmp_path / "export.csv", tmp_path / "again.csv"
    assert cli("export", "clients", "--db", db, "--out", exported) == 0
    copy = tmp_path / "copie.sqlite"
    assert cli("import", "clients", exported, "--db", copy) == 0, capsys.readouterr().err
    assert cli("export", "clients", "--db", copy, "--out", again) == 0
    assert again.read_bytes() == exported.read_bytes()
    before, after = contacts_by_code(db), contacts_by_code(copy)
    fields = [c for c in CSV_COLUMNS if c not in ("rep", "tags")] + ["tags"]
    assert {k: {f: v[f] for f in fields} for k, v in after.items()} == {
        k: {f: v[f] for f in fields} for k, v in before.items()
    }
    assert b"'=HYPERLINK" in exported.read_bytes()


@pytest.mark.both_kinds
def test_xlsx_export(database, tmp_path, capsys):
    db = handed_over(database)
    cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db)
    out = tmp_path / "clients.xlsx"
    assert cli("export", "clients", "--db", db, "--out", out) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == tuple(CSV_COLUMNS)
    assert sorted(r[0] for r in rows[1:]) == sorted(r[0] for r in ROWS)
    assert "exportés" in capsys.readouterr().err


@pytest.mark.both_kinds
def test_export_to_stdout(database, tmp_path, capsysbinary):
    db = handed_over(database)
    cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db)
    capsysbinary.readouterr()
    assert cli("export", "clients", "--db", db) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf" + ";".join(CSV_COLUMNS).encode())


def test_export_of_a_missing_file_creates_nothing(tmp_path, capsys):
    db, out = tmp_path / "absent.sqlite", tmp_path / "out.csv"
    assert cli("export", "clients", "--db", db, "--out", out) == 1
    assert "n'existe pas" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_export_while_another_program_writes(tmp_path):
    db = tmp_path / "c.sqlite"
    holder = Database(db, create=True)
    try:
        ContactStore(holder).create({"code": "W1", "last_name": "Ouvert"})
        assert cli("export", "clients", "--db", db, "--out", tmp_path / "e.csv") == 0
    finally:
        holder.close()
    assert "W1;" in (tmp_path / "e.csv").read_text(encoding="utf-8-sig")


def damage(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    middle = (len(data) // 2) // 4096 * 4096
    for i in range(middle, min(middle + 3 * 4096, len(data))):
        data[i] ^= 0xA5
    target.write_bytes(bytes(data))
    return target


@pytest.fixture
def filled_db(tmp_path):
    rows = [
        [f"Z{i:04d}", "", f"Nom{i}", "Zoé", f"z{i}@exemple.fr", "", "75011", "Paris", "x" * 150, "", "", ""]
        for i in range(400)
    ]
    db = tmp_path / "plein.sqlite"
    assert main(["import", "clients", str(write_csv(tmp_path / "z.csv", HEADER, rows)), "--db", str(db)]) == 0
    return db


def test_check_healthy_and_damaged(filled_db, tmp_path, capsys):
    assert cli("check", "--db", filled_db) == 0
    assert "Aucun problème" in capsys.readouterr().out
    assert cli("check", "--db", damage(filled_db, tmp_path / "abime.sqlite")) == 1
    assert "endommagé" in capsys.readouterr().out
    assert cli("check", "--db", tmp_path / "absent.sqlite") == 1
    assert "n'existe pas" in capsys.readouterr().err


def test_backup(filled_db, tmp_path, capsys):
    assert cli("backup", "--db", filled_db, "--to", tmp_path / "sauve") == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == tmp_path / "sauve" and copy.exists()
    with Database(copy, writer=False) as a, Database(filled_db, writer=False) as b:
        assert a.scalar("SELECT count(*) FROM contacts") == b.scalar("SELECT count(*) FROM contacts")
    assert cli("backup", "--db", filled_db) == 0
    assert Path(capsys.readouterr().out.strip()).parent == filled_db.parent / f"{filled_db.stem}.sauvegardes"


def test_demo_refuses_an_existing_file_without_force(tmp_path, capsys, monkeypatch):
    import crmdesk.demo

    def fake_build(name, path):
        with Database(path, create=True) as database:
            ContactStore(database).create({"code": name, "last_name": "Démo"})

    monkeypatch.setattr(crmdesk.demo, "build", fake_build)
    out = tmp_path / "demo.sqlite"
    assert cli("demo", "boldair", "--out", out) == 0
    assert sorted(contacts_by_code(out)) == ["boldair"]
    assert cli("demo", "sweetybio", "--out", out) == 1
    assert "--force" in capsys.readouterr().err
    assert sorted(contacts_by_code(out)) == ["boldair"]
    assert cli("demo", "sweetybio", "--out", out, "--force") == 0
    assert sorted(contacts_by_code(out)) == ["sweetybio"]
    # no temporary file left (-wal/-shm come from the read-only checks above)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith((".lock", "-wal", "-shm"))) == [
        "demo.sqlite"
    ]


def test_without_command_the_gui_is_started(tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("crmdesk.gui.app")
    fake.run = lambda path, demo=None: calls.append((path, demo)) or 0
    monkeypatch.setitem(sys.modules, "crmdesk.gui.app", fake)
    assert cli() == 0
    assert cli("--db", tmp_path / "f.sqlite") == 0
    assert cli("--demo") == 0
    assert cli("--demo", "boldair") == 0
    assert calls == [(None, None), (tmp_path / "f.sqlite", None), (None, "sweetybio"), (None, "boldair")]


def test_rejects_file_and_strict(tmp_path, capsys):
    rows = [ROWS[0], ["B1", "", "Sans", "Arobase", "sans.exemple.fr", "", "", "", "", "", "", ""]]
    source = write_csv(tmp_path / "c.csv", HEADER, rows, encoding="cp1252", delimiter=";")
    db, rejects = tmp_path / "c.sqlite", tmp_path / "refus.csv"
    assert cli("import", "clients", source, "--db", db, "--strict", "--rejects", rejects) == 1
    assert "rien n'a été importé" in capsys.readouterr().out
    assert contacts_by_code(db) == {}
    from crmdesk.io.csvfile import CsvSource

    with CsvSource(rejects) as listed:
        assert listed.header == ["ligne", "motif", *HEADER]
        (only,) = list(listed.rows())
    assert only.cells[0] == "3" and "@" in only.cells[1] and only.cells[2:] == rows[1]


def test_update_through_the_command(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db)
    changed = [list(r) for r in ROWS]
    changed[0][HEADER.index("city")] = "Vernon"
    source = write_csv(tmp_path / "d.csv", HEADER, changed)
    assert cli("import", "clients", source, "--db", db) == 1
    assert "déjà présent" in capsys.readouterr().err
    assert cli("import", "clients", source, "--db", db, "--update") == 0
    assert "1 client mis à jour" in capsys.readouterr().out
    assert contacts_by_code(db)[ROWS[0][0]]["city"] == "Vernon"


def test_orders_create_missing_through_the_command(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    source = write_csv(
        tmp_path / "o.csv",
        ["code client", "date", "montant", "réf commande", "produit"],
        [["N1", "01/03/2026", "10,00", "F1", "Miel"], ["N1", "01/03/2026", "5,00", "F1", "Thé"]],
        delimiter=";",
    )
    assert cli("import", "orders", source, "--db", db) == 1
    assert "--create-missing" in capsys.readouterr().err
    assert cli("import", "orders", source, "--db", db, "--create-missing") == 0
    with Database(db, writer=False) as database:
        assert database.scalar("SELECT amount_cents FROM orders") == 1500
        assert database.scalar("SELECT count(*) FROM order_lines") == 2


def test_a_spreadsheet_is_imported_and_an_old_xls_explained(tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["last_name"])
    book.save(tmp_path / "header_only.xlsx")
    assert cli("import", "clients", tmp_path / "header_only.xlsx", "--db", tmp_path / "c.sqlite") == 1
    assert "que la ligne d'en-tête" in capsys.readouterr().err
    assert not (tmp_path / "c.sqlite").exists()
    book.active.append(["Lefèvre"])
    book.save(tmp_path / "clients.xlsx")
    assert cli("import", "clients", tmp_path / "clients.xlsx", "--db", tmp_path / "c.sqlite") == 0
    assert "classeur Excel" in capsys.readouterr().out
    assert [c["last_name"] for c in contacts_by_code(tmp_path / "c.sqlite").values()] == ["LEFÈVRE"]
    (tmp_path / "vieux.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert cli("import", "clients", tmp_path / "vieux.xls", "--db", tmp_path / "d.sqlite") == 1
    assert "(.xls)" in capsys.readouterr().err
    assert not (tmp_path / "d.sqlite").exists()


def test_imported_contacts_are_traceable(tmp_path):
    db = tmp_path / "c.sqlite"
    cli("import", "clients", write_csv(tmp_path / "c.csv", HEADER, ROWS), "--db", db)
    with Database(db, writer=False) as database:
        audited = {
            r[0]
            for r in database.query("SELECT entity_id FROM audit_log WHERE entity = 'contact' AND action = 'import'")
        }
        assert audited == {r[0] for r in database.query("SELECT id FROM contacts")}
        assert database.scalar("SELECT rows_ok FROM import_batches") == len(ROWS)


@pytest.mark.parametrize(
    "key, bad, good",
    [
        ("gdpr.client_years", "0", "5"),
        ("rebate.base", "tout", "total"),
        ("rebate.rate", "2", "0.03"),
        ("loyalty.validity_months", "0", "24"),
    ],
)
def test_config_checks_the_retention_and_loyalty_settings(filled_db, capsys, key, bad, good):
    assert cli("config", "set", key, bad, "--db", filled_db) == 1
    assert key in capsys.readouterr().err
    assert cli("config", "set", key, good, "--db", filled_db) == 0
    capsys.readouterr()
    assert cli("config", "get", key, "--db", filled_db) == 0
    assert capsys.readouterr().out.strip().strip('"') == good
