"""`database`: a new client file, or a server database for the tests marked both_kinds."""

from tests.helpers.backend import database  # noqa: F401 - a fixture
