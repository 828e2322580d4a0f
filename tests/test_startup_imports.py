"""Start-up stays light: the main window must not pull in the heavy libraries
(each costs 50–400 ms; bench/bench_gui.py measures the start, this test keeps
a later import from silently undoing it)."""

import subprocess
import sys

HEAVY = (
    "numpy",
    "pandas",
    "holidays",
    "reportlab",
    "pyqtgraph",
    "sqlite_utils",
    "phonenumbers",
    "email_validator",
    "babel",
    "openpyxl",
)


def test_opening_the_main_window_module_imports_no_heavy_library():
    probe = f"import sys, crmdesk.gui.main_window; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == ""
