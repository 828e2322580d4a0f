"""The audit viewer's reading: filters, and the origin of each change (form, import, merge, erasure)."""

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import import_clients
from crmdesk.store import gdpr
from crmdesk.store.audit import AuditLog, AuditQuery, changes
from crmdesk.store.duplicates import DuplicateStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


@pytest.fixture
def history(database, contacts, tmp_path):
    """A form creation and edit, an import that updates, a merge."""
    dupont = contacts.create({"code": "C1", "last_name": "Dupont", "city": "Lyon"})
    contacts.update(dupont, {"city": "Nice"})
    csv = tmp_path / "maj.csv"
    csv.write_text("code;last_name;city\nC1;Dupont;Marseille\nC9;Durand;Paris\n", encoding="utf-8")
    import_clients(database, csv, update=True)
    twin = contacts.create({"code": "C2", "last_name": "Dupond", "first_name": "Jean"})
    DuplicateStore(database).merge(dupont, twin)
    return {"dupont": dupont, "twin": twin}


def test_origins(database, history):
    log = AuditLog(database)
    entries = log.entries(AuditQuery(code="C1"))
    seen = [(e["action"], e["origin"]) for e in reversed(entries)]
    assert seen == [
        ("create", "form"),
        ("update", "form"),
        ("update", "import"),
        ("update", "merge"),
        ("merge", "merge"),
    ]
    city = [c for e in reversed(entries) for c in e["changes"] if c[0] == "city"]
    assert city[:3] == [("city", None, "Lyon"), ("city", "Lyon", "Nice"), ("city", "Nice", "Marseille")]
    assert all(e["code"] == "C1" for e in entries)
    twin = log.entries(AuditQuery(code="C2"))
    assert [(e["action"], e["origin"]) for e in reversed(twin)] == [("create", "form"), ("trash", "merge")]
    created = log.entries(AuditQuery(code="C9"))
    assert [(e["action"], e["origin"]) for e in created] == [("import", "import")]


def test_filters(database, history):
    log = AuditLog(database)
    assert {e["origin"] for e in log.entries(AuditQuery(origin="merge"))} == {"merge"}
    assert [e["code"] for e in log.entries(AuditQuery(origin="import")) if e["entity"] == "contact"] == ["C9", "C1"]
    today = dt.date.today()
    assert log.entries(AuditQuery(start=today + dt.timedelta(days=1))) == []
    assert len(log.entries(AuditQuery(end=today))) == len(log.entries(AuditQuery()))
    assert len(log.entries(AuditQuery(limit=2))) == 2
    gdpr.erase(database, history["dupont"])
    assert [e["action"] for e in log.entries(AuditQuery(origin="erasure"))] == ["erase", "erase"]
    with pytest.raises(CrmError, match="introuvable"):
        log.entries(AuditQuery(code="C1"))  # erased: its code is gone


def test_changes_of_any_shape():
    assert list(changes('{"city": ["Lyon", "Nice"], "kept_id": 3}')) == [("city", "Lyon", "Nice"), ("kept_id", None, 3)]
    assert list(changes(None)) == [] and list(changes("not json")) == [("", None, "not json")]


def test_a_creation_logs_its_tags(database, contacts):
    """The gap filled in ContactStore.create: tags given at creation were not in the log."""
    contacts.create({"code": "T1", "last_name": "Tagué"}, tags=["salon", "VIP"])
    (entry,) = AuditLog(database).entries(AuditQuery(code="T1"))
    assert ("tags", None, ["salon", "VIP"]) in entry["changes"]
