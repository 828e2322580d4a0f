"""crmdesk config set refuses what would do nothing, hang or break: unknown keys, a FIFO or /dev/zero as
logo, overlong text, control characters, values nested thousands of levels deep."""

from __future__ import annotations

import os
import threading

import pytest

from crmdesk.cli.main import main
from crmdesk.store.settings import SettingsStore
from tests.helpers.backend import handed_over, opened

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def db(database):
    return handed_over(database)


def config_set(db, key, value, capsys):
    """(exit code, stderr) of `crmdesk config set KEY VALUE`; nothing written when refused."""
    code = main(["config", "set", key, value, "--db", str(db)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" not in err
    return code, err


def stored(db) -> dict:
    with opened(db, writer=False) as database:
        return SettingsStore(database).all()


def test_an_unknown_key_is_refused_with_the_close_one(db, capsys):
    code, err = config_set(db, "complaints.deadline_day", "7", capsys)
    assert code == 1
    assert (
        "Réglage inconnu « complaints.deadline_day » : crmdesk ne le lirait jamais, il n'a pas été "
        "enregistré. Vouliez-vous dire « complaints.deadline_days » ?"
    ) in err
    code, err = config_set(db, "n.importe.quoi", "1", capsys)
    assert code == 1 and "Vouliez-vous dire" not in err
    assert stored(db) == {}
    assert config_set(db, "complaints.deadline_days", "7", capsys)[0] == 0
    assert stored(db) == {"complaints.deadline_days": 7}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_logo_is_refused_without_waiting_for_a_writer(db, tmp_path, capsys):
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(config_set(db, "business.logo", str(fifo), capsys)))
    worker.start()
    worker.join(60)
    if worker.is_alive():  # it hangs: let it go by writing into the FIFO, then fail
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail("config set business.logo waited for a writer on a FIFO")
    code, err = outcome[0]
    assert code == 1 and "« logo.png » n'est pas un fichier ordinaire" in err
    assert stored(db) == {}


def test_dev_zero_as_logo_is_refused(db, capsys):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    code, err = config_set(db, "business.logo", "/dev/zero", capsys)
    assert code == 1 and "« zero » n'est pas un fichier ordinaire" in err


@pytest.mark.parametrize(
    "key, value, reason",
    [
        ("business.name", "x" * 201, "texte trop long (201 caractères, 200 au plus)"),
        ("business.address", "rue\n" * 200, "texte trop long (800 caractères, 500 au plus)"),
        ("business.name", "Sweety\x00Bio", "caractère invisible interdit (U+0000)"),
        ("business.activity", "Épicerie\x1bbio", "caractère invisible interdit (U+001B)"),
        (
            "complaints.day_kind",
            '["ouvres", ["ouvres", ["ouvres", ["ouvres", ["ouvres"]]]]]',
            "valeur imbriquée sur plus de 4 niveaux",
        ),
    ],
)
def test_bounded_plain_text(db, capsys, key, value, reason):
    code, err = config_set(db, key, value, capsys)
    assert code == 1 and f"{key} : {reason}" in err
    assert stored(db) == {}


def test_a_value_nested_thousands_of_levels_deep_gets_a_french_answer(db, capsys):
    code, err = config_set(db, "business.name", "[" * 100_000 + "]" * 100_000, capsys)
    assert code == 1 and "imbriquée sur des milliers de niveaux" in err
    assert stored(db) == {}


def test_good_values_are_still_accepted(db, capsys):
    assert config_set(db, "business.name", "Sweety Bio", capsys)[0] == 0
    assert config_set(db, "business.address", "Bâtiment B\n12 rue des Lilas", capsys)[0] == 0
    assert stored(db) == {"business.name": "Sweety Bio", "business.address": "Bâtiment B\n12 rue des Lilas"}
