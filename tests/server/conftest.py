"""The server tests' PostgreSQL: `pg_cluster` and `pg_url` come from
tests/server/fixtures.py (a plugin of tests/conftest.py, so that tests/store,
tests/io and tests/cli use the same cluster); `two_pcs` here."""

from __future__ import annotations

import psycopg
import pytest

from crmdesk.store.server.connection import ServerDatabase


@pytest.fixture
def two_pcs(pg_cluster, pg_url):
    """Marie's and Paul's crmdesk on the same server database, each with its own login."""
    ServerDatabase(pg_url, create=True).close()
    name = pg_url.rsplit("/", 1)[1]
    logins = (f"marie_{name[-6:]}", f"paul_{name[-6:]}")  # logins belong to the cluster: one pair per test
    with pg_cluster.admin() as admin:
        for login in logins:
            admin.execute(f"CREATE ROLE {login} LOGIN")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for login in logins:
            conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}")
            conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}")
    marie = ServerDatabase(pg_cluster.url(name, user=logins[0]))
    paul = ServerDatabase(pg_cluster.url(name, user=logins[1]))
    yield marie, paul
    marie.close()
    paul.close()
