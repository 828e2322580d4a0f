"""PySide6 6.12.0 aborts CPython 3.11 (« Fatal Python error: none_dealloc »)
after ~5,200 calls of void Qt methods. The pin in pyproject.toml keeps it
away; this test makes 20,000 such calls so a later bump cannot bring it back."""

import subprocess
import sys
import textwrap
from importlib.metadata import version

CALLS = 20_000


def test_twenty_thousand_void_qt_calls_do_not_crash_the_interpreter():
    script = textwrap.dedent(f"""
        from PySide6.QtCore import QObject
        obj = QObject()
        for i in range({CALLS}):
            obj.setObjectName("n%d" % (i % 7))   # returns void
            obj.blockSignals(False)
        print("done", obj.objectName())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == f"done n{(CALLS - 1) % 7}"


def test_installed_pyside6_is_not_the_crashing_release():
    installed = version("PySide6-Essentials")
    assert not (installed == "6.12.0" and sys.version_info[:2] == (3, 11)), installed
