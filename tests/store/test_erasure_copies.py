"""After an erasure: where copies of the person may remain — the backups holding them (asked to
crmdesk/store/backups.py, with the day its policy deletes each), the files they were imported from,
earlier exports — in the store, on the command line and in the window."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk.cli.main import main
from crmdesk.io.clients import import_clients
from crmdesk.store import backups, gdpr
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.io.helpers import write_csv

pytestmark = pytest.mark.file_only(
    "the backups of a file that still hold the person (copies beside the file); a server's archives are pg_dump's"
)

NOW = dt.datetime(2026, 11, 23, 10, 0)


class KeepNewest:
    """A backups policy keeping only the `count` newest automatic backups (the real one is
    backups.DEFAULT_POLICY; any object with its `to_delete` will do)."""

    def __init__(self, count: int):
        self.count = count

    def to_delete(self, found, now):
        automatic = sorted((b for b in found if b.reason != backups.MANUAL), key=lambda b: b.when, reverse=True)
        return automatic[self.count :]


def imported_person(database, tmp_path) -> int:
    path = write_csv(
        tmp_path / "salon-2026.csv",
        ["N° client", "Nom", "Prénom", "E-mail"],
        [["K1", "Revel", "Marie-Paule", "mp@exemple.fr"], ["K2", "Martin", "Jean", ""]],
    )
    import_clients(database, path)
    return ContactStore(database).id_of_code("K1")


def test_the_backups_holding_the_person_and_the_day_each_goes(database, tmp_path):
    before = backups.automatic(database, "ouverture", now=NOW - dt.timedelta(days=3))  # she is not in it
    contact_id = imported_person(database, tmp_path)
    opening = backups.automatic(database, "ouverture", now=NOW - dt.timedelta(days=1))
    manual = backups.automatic(database, backups.MANUAL, now=NOW - dt.timedelta(hours=2))
    purge = backups.automatic(database, "purge", now=NOW)
    copies = gdpr.copies_left(database, contact_id, today=NOW, policy=KeepNewest(2))
    by_path = {c.path: c for c in copies if c.kind == "backup"}
    assert set(by_path) == {opening, manual, purge} and before not in by_path
    # one automatic backup a day from tomorrow: the 24th leaves « opening » third, the 25th « purge »
    assert (by_path[opening].gone_on, by_path[purge].gone_on, by_path[manual].gone_on) == (
        dt.date(2026, 11, 24),
        dt.date(2026, 11, 25),
        None,
    )
    assert by_path[purge].text == (
        f"sauvegarde « {purge.name} » du 23/11/2026 : supprimée automatiquement vers le "
        "25/11/2026 (si le fichier est ouvert chaque jour)"
    )
    assert "jamais supprimée automatiquement (sauvegarde manuelle)" in by_path[manual].text
    (imported,) = [c for c in copies if c.kind == "import"]
    assert imported.text.startswith(f"fichier importé « salon-2026.csv » le {dt.date.today():%d/%m/%Y}")
    assert copies[-1].kind == "outputs" and "exports" in copies[-1].text


def test_an_erased_person_is_not_in_the_backups_taken_after(database, tmp_path):
    contact_id = imported_person(database, tmp_path)
    gdpr.erase(database, contact_id)
    backups.automatic(database, "ouverture", now=NOW)
    assert [c.kind for c in gdpr.copies_left(database, contact_id, today=NOW)] == ["import", "outputs"]


def test_the_command_lists_them_after_the_erasure(db_path, tmp_path, capsys):
    with Database(db_path, create=True) as database:
        imported_person(database, tmp_path)
    assert main(["gdpr", "erase", "--db", str(db_path), "--client", "K1", "--yes"]) == 0
    err = capsys.readouterr().err
    listed = err[err.index("Des copies de ces données peuvent rester hors du fichier clients :") :].splitlines()
    (made,) = backups.list_backups(db_path, counts=False)  # the backup taken just before
    assert listed[1].startswith(f"  - sauvegarde « {made.path.name} » du ")
    assert "supprimée automatiquement vers le" in listed[1]
    assert listed[2].startswith("  - fichier importé « salon-2026.csv » le ")
    assert listed[3].startswith("  - les exports (CSV, Excel, vCard, listes de diffusion)")
