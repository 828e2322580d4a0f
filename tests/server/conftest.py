"""The server tests' PostgreSQL: one throwaway cluster for the whole session
(tests/server/cluster.py), a new empty database for each test."""

from __future__ import annotations

import os

import pytest

from tests.server.cluster import Cluster, binaries


@pytest.fixture(scope="session")
def pg_cluster():
    folder = binaries()
    if folder is None and os.environ.get("CRMDESK_REQUIRE_POSTGRESQL"):
        pytest.fail("CRMDESK_REQUIRE_POSTGRESQL : PostgreSQL devrait être installé (initdb, pg_ctl, postgres)")
    if folder is None:
        pytest.skip(
            "PostgreSQL n'est pas installé (initdb, pg_ctl et postgres introuvables) : "
            "apt-get install postgresql (voir README)"
        )
    pytest.importorskip("psycopg", reason="psycopg n'est pas installé (pip install 'psycopg[binary]')")
    cluster = Cluster(folder)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty database on the test cluster."""
    return pg_cluster.url(pg_cluster.new_database())
