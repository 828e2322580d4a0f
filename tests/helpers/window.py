"""The main window opened on a client file or a server's URL, shown and active,
as File › Open or `--db` leaves it (the GUI tests' `window` fixture and the
server tests' windows)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.helpers.today import Clock


def open_window(qtbot, settings, where):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(settings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(where)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def second_helene(window) -> tuple[int, int]:
    """« DUPONT Helene » typed again with her e-mail in capitals: the duplicate of
    the test file's Hélène Dupont (C000001). Their ids (first, second)."""
    store = window.store
    second = store.create(
        {
            "last_name": "Dupont",
            "first_name": "Helene",
            "email": "HELENE.DUPONT@example.fr",
            "city": "Evreux",
            "postal_code": "27000",
        },
        ["salon"],
    )
    return store.id_of_code("C000001"), second
