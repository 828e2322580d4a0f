"""Client numbers: new clients follow the file's own numbering (or the settings),
and the client table sorts numbers naturally (db/014)."""

from __future__ import annotations

import random
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmdesk.cli.main import main as cli
from crmdesk.domain import client_codes as codes
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store import migrate
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore
from tests.helpers.backend import handed_over, opened

pytestmark = pytest.mark.both_kinds


def add(contacts: ContactStore, *numbers: str) -> list[int]:
    return [contacts.create({"last_name": f"Client {n}", "code": n}) for n in numbers]


def listed(contacts: ContactStore, **query) -> list[str]:
    return [r["code"] for r in contacts.page(ContactQuery(sort="code", **query), 1000).rows]


def test_a_new_client_follows_the_files_numbering(contacts):
    assert contacts.next_code() == "C000001"  # a new file
    add(contacts, *(f"SB{n:05d}" for n in range(430, 441)))
    new = contacts.create({"last_name": "Nouveau"})
    assert contacts.get(new)["code"] == "SB00441"  # not C000001
    assert contacts.next_code() == "SB00442"


def test_the_usual_pattern_wins_over_a_stray_code(contacts):
    add(contacts, "SB00438", "SB00439", "SB00440", "C000001")  # one client numbered by an older crmdesk
    assert contacts.next_code() == "SB00441"


def test_a_number_in_the_trash_is_never_given_again(contacts):
    ids = add(contacts, "SB00439", "SB00440")
    contacts.trash(ids[-1])
    assert contacts.next_code() == "SB00441"


def test_the_settings_choose_prefix_and_width(contacts, database):
    add(contacts, "SB00440")
    contacts.set_code_pattern("CL", 4)
    assert SettingsStore(database).get(codes.PREFIX_KEY) == "CL"
    assert contacts.next_code() == "CL0001"
    contacts.create({"last_name": "Nouveau"})
    assert contacts.next_code() == "CL0002"
    with pytest.raises(ValidationError) as refused:
        contacts.set_code_pattern("S1", 0)
    assert set(refused.value.problems) == {"code_prefix", "code_width"}
    assert contacts.next_code() == "CL0002"  # nothing stored


def test_the_command_line_sets_the_numbering(database, capsys):
    add(ContactStore(database), "SB00440")
    path = handed_over(database)
    assert cli(["config", "set", "clients.code_prefix", "SBIO", "--db", str(path)]) == 0
    assert cli(["config", "set", "clients.code_width", "6", "--db", str(path)]) == 0
    with opened(path) as database:
        assert ContactStore(database).next_code() == "SBIO000001"
    assert cli(["config", "set", "clients.code_prefix", "SB7", "--db", str(path)]) != 0
    assert "sans chiffre à la fin" in capsys.readouterr().err


def test_codes_sort_naturally_and_page_by_key(contacts):
    numbers = ["C1", "C2", "C10", "C9", "C100", "C010", "SB00440", "SB2", "sb3", "X", "0042", "7"]
    add(contacts, *numbers)
    expected = ["7", "0042", "C1", "C2", "C9", "C10", "C010", "C100", "SB2", "sb3", "SB00440", "X"]
    assert listed(contacts) == expected
    assert listed(contacts, descending=True) == expected[::-1]
    walked, after = [], None  # the table reads page after page by key
    while True:
        page = contacts.page(ContactQuery(sort="code"), 5, after=after)
        if not page.rows:
            break
        walked += [r["code"] for r in page.rows]
        after = page.keys[-1]
    assert walked == expected
    assert contacts.position(ContactQuery(sort="code"), contacts.id_of_code("C10")) == expected.index("C10")


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,29}", fullmatch=True))
@pytest.mark.slow
def test_the_key_of_the_schema_is_the_documented_natural_key(code):
    """db/014's generated column computes client_codes.sort_key (the Python statement of the order)."""
    conn = sqlite3.connect(":memory:")
    sql = next(path for _number, path in migrate.migrations() if path.name.endswith("_natural_codes.sql")).read_text(
        encoding="utf-8"
    )
    expression = sql.split("GENERATED ALWAYS AS (", 1)[1].split(") VIRTUAL", 1)[0]
    assert conn.execute(f"SELECT {expression.replace('code', '?')}", (code,) * expression.count("code")).fetchone()[
        0
    ] == codes.sort_key(code)


def test_an_older_file_gets_the_natural_order_when_it_opens(tmp_path, monkeypatch):
    folder = tmp_path / "db"
    folder.mkdir()
    natural = next(n for n, path in migrate.migrations() if path.name.endswith("_natural_codes.sql"))
    for number, source in migrate.migrations():
        if number < natural:
            (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
    migrate.migrations.cache_clear()
    path = tmp_path / "ancien.sqlite"
    with Database(path, create=True) as database:
        assert database.schema_version() == natural - 1
        shuffled = [f"SB{n}" for n in range(1, 40)]
        random.Random(4).shuffle(shuffled)
        database.conn.executemany(
            "INSERT INTO contacts(code, last_name, name_key, created_at, updated_at) VALUES (?, 'X', 'x', '', '')",
            [(c,) for c in shuffled],
        )
    monkeypatch.undo()
    migrate.migrations.cache_clear()
    with Database(path) as database:
        contacts = ContactStore(database)
        assert database.schema_version() == migrate.latest_version()
        assert listed(contacts)[:12] == [f"SB{n}" for n in range(1, 13)]
        database.conn.execute("UPDATE contacts SET code = 'SB100' WHERE code = 'SB1'")  # written by anyone
        assert listed(contacts)[-1] == "SB100"
        assert contacts.next_code() == "SB101"


def test_prefix_and_width_are_checked():
    assert codes.check_prefix(" SB ") == "SB" and codes.check_prefix("") == ""
    for wrong in ("S1", "S B", "ABCDEFGHIJK", "é"):
        with pytest.raises(CrmError):
            codes.check_prefix(wrong)
    assert codes.check_width("5") == 5
    for wrong in (0, 13, "cinq", True):
        with pytest.raises(CrmError):
            codes.check_width(wrong)
