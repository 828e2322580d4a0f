"""The password of a server login: libpq's own (~/.pgpass, the URL) first, the
system keyring only when the server asks for one libpq did not have (loading the
keyring costs ~0.1 s at every opening of the window)."""

from __future__ import annotations

import pytest

from crmdesk.store.server.connection import AuthenticationFailed, ServerDatabase, without_password
from tests.server.cluster import Cluster, binaries


@pytest.fixture(scope="module")
def locked_cluster():
    """A cluster of its own whose every connection needs the password."""
    if binaries() is None:
        pytest.skip("PostgreSQL is not installed")
    cluster = Cluster(binaries(), password="sésame 42")
    yield cluster
    cluster.stop()


def test_a_server_asking_for_a_password_gets_the_keyrings(locked_cluster, memory_keyring, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))  # never the user's ~/.pgpass
    url = locked_cluster.url()
    with pytest.raises(AuthenticationFailed) as refused:
        ServerDatabase(url, create=True)
    assert "mot de passe" in str(refused.value)
    memory_keyring.set_password("crmdesk", without_password(url), "sésame 42")
    database = ServerDatabase(url, create=True)
    try:
        assert database.scalar("SELECT current_user") == "crmdesk_admin"
    finally:
        database.close()
    memory_keyring.set_password("crmdesk", without_password(url), "faux")
    with pytest.raises(AuthenticationFailed):
        ServerDatabase(url)


def test_a_password_in_pgpass_opens_without_the_keyring(locked_cluster, memory_keyring, monkeypatch, tmp_path):
    url = locked_cluster.url()
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("*:*:*:crmdesk_admin:sésame 42\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    ServerDatabase(url, create=True).close()
    assert memory_keyring.asked == 0


def test_a_server_asking_no_password_never_loads_the_keyring(pg_url, memory_keyring):
    ServerDatabase(pg_url, create=True).close()
    assert memory_keyring.asked == 0
