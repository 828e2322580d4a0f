"""`database`: a new client file, or a server database for the tests marked both_kinds;
`sweetybio_db`: the address of a copy of the Sweety Bio demo of the same kind."""

from tests.helpers.backend import database, sweetybio_db, sweetybio_on_server  # noqa: F401 - fixtures
