"""Opening the application window (the GUI is imported only here, lazily,
so that the commands never load Qt)."""

from __future__ import annotations

from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_


def run_gui(path: str | None, demo: str | None) -> int:
    try:
        from crmdesk.gui.app import run
    except ImportError as exc:
        raise CrmError(N_("L'application (fenêtre) ne peut pas démarrer : {reason}. Les commandes restent "
                          "utilisables (crmdesk --help)."), reason=exc) from None
    code = run(Path(path).expanduser() if path else None, demo=demo)
    return int(code or 0)
