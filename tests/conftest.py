import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before any Qt import: GUI tests never need a screen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# Qt, fontconfig and platformdirs write below these: a throwaway home, so that
# nothing the suite runs touches the user's (tests/helpers/machine_guard.py).
_REAL_HOME = Path(os.path.expanduser("~")).resolve()
_HOME = Path(tempfile.mkdtemp(prefix="crmdesk-tests-home-"))
atexit.register(shutil.rmtree, _HOME, True)
for _variable, _sub in (
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    os.environ[_variable] = str(_HOME / _sub)
os.environ["HOME"] = str(_HOME)
# The suite reads French (crmdesk's first language) whatever the developer's
# locale: no variable asks for English (crmdesk.i18n.language_from_environment
# then says French, for the command lines the tests start too), and Qt's system
# locale is C, as on CI (the window's own texts in their English source).
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

pytest_plugins = [
    "tests.helpers.fixtures",
    "tests.helpers.demo",
    "tests.helpers.keyrings",
    "tests.helpers.machine_guard",
    "tests.server.fixtures",
]


@pytest.fixture(scope="session")
def real_home() -> Path:
    return _REAL_HOME


@pytest.fixture(autouse=True)
def _french_messages():
    """Every test starts in French; one that switches language gets French back."""
    from crmdesk import i18n

    i18n.set_language("fr")
    yield
    i18n.set_language("fr")
