"""A corpus of damaged copies of a client file (truncated, zeroed pages, flipped
bytes in the header and in b-tree pages, a stray or foreign write-ahead log),
opened through every way the store and the command line open a file: a
damaged copy is never opened for writing, never written to, and always ends
in a French message (never a raw sqlite3 error, never a traceback)."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from crmdesk import i18n
from crmdesk.cli.main import main
from crmdesk.domain.errors import CrmError
from crmdesk.store import health, recovery
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import DamagedFile
from tests.helpers.damaged_files import KINDS, corpus, files_of, integrity
from tests.helpers.demo import copy_demo


@pytest.fixture(scope="module")
def template(boldair_template, tmp_path_factory) -> Path:
    """A real client file (the Bol d'Air demo: tags, orders, parties, loyalty), closed, without a log."""
    return copy_demo(boldair_template, tmp_path_factory.mktemp("modele"), "clients.sqlite")


@pytest.fixture
def copies(template, tmp_path):
    found = corpus(template, tmp_path / "copies", 100)
    return [(d, integrity(d.path) != ["ok"]) for d in found]


def test_the_corpus_holds_every_kind_and_mostly_damaged_files(copies):
    assert Counter(d.kind for d, _bad in copies).keys() == set(KINDS)
    assert sum(bad for _d, bad in copies) >= 50


@pytest.mark.slow
def test_no_damaged_copy_is_ever_opened_for_writing_nor_changed(copies):
    outcomes = Counter()
    for damaged, bad in copies:
        before = files_of(damaged.path)
        for writer in (True, False):
            try:
                Database(damaged.path, writer=writer).close()
                opened = True
            except CrmError:
                opened = False
            outcomes[(bad, opened)] += 1
            assert not (bad and opened), f"{damaged} is damaged but was opened (writer={writer})"
        if bad:
            assert files_of(damaged.path)[damaged.path.name] == before[damaged.path.name], str(damaged)
    assert outcomes[(True, False)] >= 100 and outcomes[(False, True)] >= 40


def test_a_damaged_copy_is_named_damaged_not_an_sqlite_error(copies):
    for damaged, bad in copies:
        if not bad or damaged.kind == "page 1 à zéro":  # no header left: not recognisably crmdesk's
            continue
        with pytest.raises(CrmError) as raised:
            Database(damaged.path)
        assert isinstance(raised.value, DamagedFile) or "pas un fichier clients crmdesk" in str(raised.value)
        assert "Il n'a pas été modifié" in str(raised.value)
        assert not SQLITE_WORDS.search(str(raised.value)), (str(damaged), str(raised.value))


# SQLite's own English words (« database disk image is malformed », integrity_check's « Page 5: btree… »)
SQLITE_WORDS = re.compile(r"malformed|not a database|disk image|btree|\bPage \d|\bcell\b|I/O error", re.I)


@pytest.mark.parametrize("language, said", [("fr", "SQLite ne peut pas le lire en entier : "), ("en", "SQLite cannot")])
def test_a_damaged_file_says_why_in_the_interface_language(copies, language, said):
    reasons = Counter()
    i18n.set_language(language)
    try:
        for damaged, bad in copies:
            if not bad or damaged.kind == "page 1 à zéro":
                continue
            with pytest.raises(CrmError) as raised:
                Database(damaged.path, writer=False)
            if isinstance(raised.value, DamagedFile):
                assert said in raised.value.reason and not SQLITE_WORDS.search(str(raised.value)), str(raised.value)
                reasons[raised.value.reason] += 1
    finally:
        i18n.set_language("fr")
    assert len(reasons) >= 2, reasons  # the reason follows what SQLite found, not one sentence for all


@pytest.mark.slow
def test_a_writing_command_never_writes_into_a_damaged_copy(copies, capsys):
    written = 0
    for damaged, bad in copies:
        before = files_of(damaged.path)[damaged.path.name]
        code = main(["config", "set", "complaints.day_kind", "ouvres", "--db", str(damaged.path)])
        err = capsys.readouterr().err
        assert "Traceback" not in err and "sqlite3." not in err
        if not bad and code == 0:
            continue
        # refused: a damaged copy, or a sound one whose header no longer says crmdesk (application id, version)
        assert code == 1 and err.startswith("crmdesk : "), (str(damaged), err)
        # the damaged file is intact: where it was, or set aside under another name
        aside = sorted(damaged.path.parent.glob("clients.endommagé-*.sqlite"))
        kept = aside[0] if aside else damaged.path
        assert kept.read_bytes() == before, str(damaged)
        written += kept.read_bytes() != before
        if aside:
            assert "mis de côté, intact" in err and "Aucune sauvegarde correcte" in err
    assert written == 0


def test_reading_commands_on_damaged_copies_end_in_a_french_message(copies, capsys, tmp_path):
    for number, (damaged, bad) in enumerate(copies[:35]):
        out = tmp_path / f"export-{number}.csv"
        code = main(["export", "clients", "--db", str(damaged.path), "--out", str(out)])
        err = capsys.readouterr().err
        assert "Traceback" not in err and "sqlite3." not in err
        assert code == 1 or not bad, (str(damaged), err)
        assert out.exists() == (code == 0)


# -- a big file: only its structure is checked when it opens for reading ------------------------------------------
@pytest.fixture
def big_file(template, tmp_path) -> Path:
    """A client file past QUICK_CHECK_MAX_BYTES (long notes), so that a reading opening checks its structure only."""
    path = tmp_path / "gros" / "clients.sqlite"
    path.parent.mkdir()
    path.write_bytes(template.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE archive_notes (id INTEGER PRIMARY KEY, note TEXT)")
    conn.executemany("INSERT INTO archive_notes(note) VALUES (?)", [("n" * 8000,) for _ in range(4400)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert path.stat().st_size > health.QUICK_CHECK_MAX_BYTES
    return path


def spoil_table(path: Path, table: str = "contacts") -> None:
    """Zero the last leaf page of `table` (the right-most child of its root page)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = data[(root - 1) * page_size : root * page_size]
    header = 100 if root == 1 else 0
    assert page[header] == 0x05  # an interior table page: its children hold the rows
    child = int.from_bytes(page[header + 8 : header + 12], "big")  # right-most child
    data[(child - 1) * page_size : child * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))


def test_a_page_found_damaged_in_the_middle_of_a_command_ends_in_french(big_file, capsys, tmp_path):
    spoil_table(big_file)
    assert health.level_for(big_file, health.AUTO) == health.STRUCTURE
    Database(big_file, writer=False).close()  # the structure is sound: a reader opens it
    out = tmp_path / "export.csv"
    assert main(["export", "clients", "--db", str(big_file), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and not out.exists()
    assert "« clients.sqlite » est endommagé : SQLite n'a pas pu lire une de ses pages" in err
    assert "rien n'a été enregistré" in err
    assert "mis de côté, intact" in err and not big_file.exists()


def test_a_writing_command_reads_every_page_of_a_big_file_first(big_file, capsys):
    spoil_table(big_file)
    before = big_file.read_bytes()
    assert main(["config", "set", "complaints.day_kind", "ouvres", "--db", str(big_file)]) == 1
    err = capsys.readouterr().err
    assert "Le fichier clients « clients.sqlite » est endommagé" in err and "Traceback" not in err
    (moved,) = big_file.parent.glob("clients" + recovery.DAMAGED_MARK + "*.sqlite")
    assert moved.read_bytes() == before and not big_file.exists()


def test_a_window_sized_opening_of_a_big_file_waits_for_its_check_to_write(big_file):
    database = Database(big_file, check=health.AUTO)
    try:
        assert not database.checked and not database.writable
        with pytest.raises(CrmError, match="est en cours de vérification"), database.atomic() as conn:
            conn.execute("UPDATE settings SET value = value")
        database.verify()
        assert database.writable
        with database.atomic() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES ('essai', '1')")
    finally:
        database.close()


# -- SQLite 3.40's quick_check ---------------------------------------------------------------------------------------
def test_a_sound_file_with_tags_is_not_taken_for_damaged(template, tmp_path):
    """quick_check of SQLite 3.40 reports « NULL value in contact_tags.contact_id » for every tag of a
    sound file: the start-up check used to set such a file aside."""
    copy = tmp_path / "clients.sqlite"
    copy.write_bytes(template.read_bytes())
    with Database(copy) as database:
        store = ContactStore(database)
        for contact_id in [r[0] for r in database.query("SELECT id FROM contacts LIMIT 40")]:
            store.set_tags(contact_id, ["fidèle", "salon"])
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM contact_tags").fetchone()[0] == 80
    assert health.problems(conn, health.PAGES) == []
    conn.close()
    assert recovery.diagnose(copy) is None and recovery.recover_at_start(copy) is None and copy.exists()


def test_a_real_null_in_a_without_rowid_table_is_still_found(tmp_path):
    """A NULL that a damaged record holds in a NOT NULL column is confirmed, and reported."""
    path = tmp_path / "t.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kept (v TEXT, k INTEGER, PRIMARY KEY (k)) WITHOUT ROWID")
    conn.executemany("INSERT INTO kept VALUES (?, ?)", [("a", 1), (None, 2), ("c", 3)])
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'v TEXT', 'v TEXT NOT NULL') WHERE name = 'kept'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    try:
        assert health.problems(conn, health.PAGES) == ["NULL value in kept.v (1)"]
    finally:
        conn.close()
