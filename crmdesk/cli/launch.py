"""Opening the application window (the GUI is imported only here, lazily,
so that the commands never load Qt)."""

from __future__ import annotations

from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import _, language_from_environment, set_language


def run_gui(path: str | None, demo: str | None) -> int:
    # Before Qt: it aborts the process when its display plugin cannot load.
    set_language(language_from_environment())
    from crmdesk.desktop import display

    problem = display.problem()
    if problem:
        raise CrmError(problem)
    try:
        from crmdesk.gui.app import run
    except ImportError as exc:
        raise CrmError(
            _(
                "L'application (fenêtre) ne peut pas démarrer : {reason}. "
                "Les commandes restent utilisables (crmdesk --help).",
                reason=exc,
            )
        ) from None
    from crmdesk.store.server.url import is_server_url

    if path and not is_server_url(path):  # a postgresql:// URL opens that server database
        path = Path(path).expanduser()
    code = run(path or None, demo=demo)
    return int(code or 0)


def install_desktop_entry() -> int:
    """`crmdesk --install-desktop-entry`: crmdesk in the applications menu (Linux)."""
    import sys

    from crmdesk.cli.output import info
    from crmdesk.desktop import entry

    set_language(language_from_environment())
    if not sys.platform.startswith("linux"):
        raise CrmError(
            _(
                "--install-desktop-entry installe crmdesk dans le menu des applications d'un bureau "
                "Linux ; ailleurs, lancez crmdesk avec son raccourci ou depuis son dossier."
            )
        )
    written = entry.install()
    menu = written[0]
    if not any(item.changed for item in written):
        info(_("L'entrée de menu de crmdesk est déjà à jour : {path}", path=menu.path))
    else:
        info(
            _(
                "crmdesk est dans le menu des applications : {path} (et ses icônes dans {icons}).",
                path=menu.path,
                icons=menu.path.parent.parent / "icons" / "hicolor",
            )
        )
    return 0
