"""Every command on a file and on a server: what the user reads is the same.

The Sweety Bio demo is copied to a server; the same commands then run with
--db FICHIER and with --db postgresql://…, one after the other in the same
order (imports and their undo, duplicates, GDPR erasure and retention,
loyalty, complaints, settings, outreach, figures): the exit codes, what is
printed and the files written are compared, the database's name aside."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from crmdesk.store.audit import AuditLog, AuditQuery
from crmdesk.store.database import Database
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from tests.helpers.cli import cli
from tests.helpers.demo import copy_demo
from tests.io.helpers import write_csv

# {db}: the file or the URL; {out}: a file of this kind's own; {w}: the inputs (shared)
READS = [
    "rfm --db {db} --as-of 2026-11-23",
    "segments --db {db}",
    "kpi --db {db} --from 2026-01-01 --to 2026-11-23 --format json",
    "duplicates --db {db}",
    "reps --db {db} --period 2026",
    "loyalty balance --db {db} --client SB00007 --as-of 2026-11-23",
    "loyalty rebate --db {db} --period 2026",
    "loyalty profit --db {db} --period 2026",
    "gdpr retention --db {db} --as-of 2026-11-23",
    "gdpr requests --db {db}",
    "complaint list --db {db}",
    "config get --db {db} loyalty.points_per_euro",
    "templates list --db {db}",
    "recall --db {db} --lot L240615 --from 2026-01-01 --to 2026-11-23",
    "import list --db {db}",
    "cohorts --db {db} --out {out}-cohorts.csv",
    "pivot --db {db} --rows category --from 2026-01-01 --to 2026-11-23 --out {out}-pivot.csv",
]
WRITES = [
    "import clients {w}/nouveaux.csv --db {db}",
    "import orders {w}/commandes.csv --db {db}",
    "import list --db {db}",
    "import undo 2 --db {db} --dry-run",
    "import undo 2 --db {db}",
    # last: on a server, a dry run's import number is used (a sequence is never rolled back)
    "import clients {w}/essai.csv --db {db} --dry-run",
    "loyalty earn --db {db} --as-of 2026-11-23",
    "tasks --db {db} --today 2026-11-23 --format csv",
    "loyalty expire --db {db} --as-of 2026-11-23",
    "config set --db {db} complaints.deadline_days 7",
    "complaint add --db {db} --client SB00007 --subject Colis --kind delivery --channel phone",
    "complaint letter --db {db} --ref REC-2026-0001 --kind ack --out {out}-lettre.pdf --date 2026-11-23",
    "labels --db {db} --format L7163 --out {out}-etiquettes.pdf --no-record",
    "gdpr export --db {db} --client SB00007 --out {out}-acces",
    "gdpr erase --db {db} --client SB00012 --yes",
    "gdpr retention --db {db} --as-of 2031-01-01",
    "rfm --db {db} --as-of 2026-11-23",
    "export clients --db {db} --out {out}-clients.csv",
]


@pytest.fixture
def both(sweetybio_template, pg_url, tmp_path):
    """The demo as a file and as a server database (closed: the commands open them)."""
    path = copy_demo(sweetybio_template, tmp_path / "fichier", "Sweety Bio.sqlite")
    transfer.to_server(path, pg_url)
    inputs = tmp_path / "entrees"
    inputs.mkdir()
    write_csv(
        inputs / "nouveaux.csv",
        ["code", "last_name", "first_name", "city", "tags"],
        [["N1", "Neuf", "Anne", "Rouen", "vip"], ["N2", "Neuve", "Berthe", "Caen", ""]],
    )
    write_csv(inputs / "essai.csv", ["code", "last_name", "city"], [["N3", "Essai", "Caen"]])
    write_csv(
        inputs / "commandes.csv",
        ["client", "date", "montant"],
        [["SB00007", "20/11/2026", "12,50"], ["N1", "21/11/2026", "30"]],
    )
    with Database(path, writer=False) as file:
        authors = {"file": file.author, "server": "crmdesk_admin"}  # the server's: tests/server/cluster.py
    return {"file": str(path), "server": pg_url, "inputs": inputs, "tmp": tmp_path, "authors": authors}


def _run(command: str, kind: str, both: dict, capsys) -> tuple:
    db, out = both[kind], both["tmp"] / kind / "out"
    out.parent.mkdir(exist_ok=True)
    args = [a.format(db=db, out=out, w=both["inputs"]) for a in command.split()]
    code = cli(*args)
    said = capsys.readouterr()

    def same_words(text: str) -> str:
        # the database's name and the outputs' folder are the only words that differ
        for name, shown in ((db, "DB"), (str(out), "OUT"), ("Sweety Bio.sqlite", "BASE")):
            text = text.replace(name, shown)
        return _no_times(text.replace(both["server"].rsplit("/", 1)[1], "BASE"))

    return code, same_words(said.out), same_words(said.err)


def _no_times(text: str) -> str:
    """The moments of now (a complaint received, an export made) aside: the two kinds run a second apart
    (« 14:05 », « 14:05:31 », and the PDFs' « 14 h 05 »)."""
    return re.sub(r"(?<!\d)(\d\d:\d\d(:\d\d)?|\d{1,2} h \d\d)(?!\d)", "HH:MM", text)


def _outputs(both: dict, kind: str) -> dict[str, object]:
    """What each command wrote, as the user reads it: a CSV's bytes, a PDF's text, a JSON's data."""
    found = {}
    for path in sorted((both["tmp"] / kind).rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(both["tmp"] / kind))
        if path.suffix == ".pdf":
            found[name] = [_no_times(page.extract_text()) for page in PdfReader(path).pages]
        elif path.suffix == ".json":  # who wrote: the PC's user on a file, the PostgreSQL login on a server
            text = _no_times(path.read_text(encoding="utf-8")).replace(f'"{both["authors"][kind]}"', '"AUTHOR"')
            found[name] = json.loads(text)
        else:
            found[name] = path.read_bytes()
    return found


@pytest.mark.parametrize("commands", [READS, WRITES], ids=["reads", "writes"])
def test_the_same_commands_say_and_write_the_same_on_a_file_and_on_a_server(both, commands, capsys):
    said = {kind: [_run(command, kind, both, capsys) for command in commands] for kind in ("file", "server")}
    for command, on_file, on_server in zip(commands, said["file"], said["server"]):
        if command.startswith("gdpr erase"):  # the backup made first and what may still hold the person differ
            assert on_server[:2] == on_file[:2] == (0, "ANON-000012\n"), command
            assert ".pgdump" in on_server[2] and "VACUUM FULL" in on_server[2]
            assert "1 client anonymisé (ANON-000012) : 44 commandes conservées" in on_server[2]
        else:
            assert on_server == on_file, command
    assert [c for c, (code, _o, _e) in zip(commands, said["file"]) if code != 0] == []
    on_file, on_server = _outputs(both, "file"), _outputs(both, "server")
    assert on_server.keys() == on_file.keys() and len(on_file) >= (2 if commands is READS else 5)
    for name in on_file:
        assert on_server[name] == on_file[name], name


def _history(database) -> list[dict]:
    return AuditLog(database).entries(AuditQuery(limit=100_000))


def test_the_writes_leave_the_same_history_and_the_server_names_its_login(both, capsys):
    with Database(both["file"], writer=False) as file:
        before = len(_history(file))
    for command in WRITES:
        for kind in ("file", "server"):
            _run(command, kind, both, capsys)
    with Database(both["file"], writer=False) as file, ServerDatabase(both["server"], writer=False) as server:
        written = {
            kind: _history(database)[: -before or None] for kind, database in (("file", file), ("server", server))
        }
    assert len(written["file"]) > 10

    def what(entries):  # the moment of each aside (now, a second apart)
        return [_no_times(repr((e["entity"], e["action"], e["changes"]))) for e in entries]

    assert what(written["server"]) == what(written["file"])
    assert {e["author"] for e in written["server"]} == {"crmdesk_admin"}  # the PostgreSQL login (cluster.py)
