"""The server tests' PostgreSQL: `pg_cluster` and `pg_url` come from
tests/server/fixtures.py (a plugin of tests/conftest.py, so that tests/store,
tests/io and tests/cli use the same cluster)."""
