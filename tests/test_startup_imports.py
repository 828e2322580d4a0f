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


# What only a menu action needs: imported when the action is first used, not before the window's first paint.
ON_FIRST_USE = (
    "crmdesk.gui.analysis.cohorts_view",
    "crmdesk.gui.analysis.pivot_dialog",
    "crmdesk.gui.followup.task_dialog",
    "crmdesk.gui.followup.timeline_tab",
    "crmdesk.gui.gdpr.purge_view",
    "crmdesk.gui.gdpr.rights_dialog",
    "crmdesk.gui.file.restore_dialog",
    "crmdesk.gui.common.contact_picker",
    # the dialogs and the code behind them (the Today view is shown when something is due: not on an empty file)
    "crmdesk.gui.followup.today_view",
    "crmdesk.gui.file.damaged_file",
    "crmdesk.gui.common.form_dialog",
    "crmdesk.gui.clients.commands",
    "crmdesk.gui.help.pages",
    "crmdesk.desktop.entry",
    "platformdirs",
    # the orders' store and what it pulls in (the figures' and the dashboard's code)
    "crmdesk.store.orders",
    "crmdesk.store.analytics",
    "crmdesk.store.dashboard",
)

FIRST_PAINT = """
import sys, pathlib
from PySide6.QtCore import QSettings
from crmdesk.gui.app import application
app = application([])
from crmdesk.gui.main_window import MainWindow
from crmdesk.store.database import Database
folder = pathlib.Path(sys.argv[1])
Database(folder / "clients.sqlite", create=True).close()
window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
assert window.open_file(folder / "clients.sqlite")
window.show()
app.processEvents()
window.grab()  # painted
print(",".join(m for m in sys.argv[2:] if m in sys.modules))
window.close()
"""


def test_the_window_painted_on_a_file_has_not_imported_what_menus_need_later(tmp_path):
    wanted = (*HEAVY, *ON_FIRST_USE)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(tmp_path), *wanted],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == ""
