"""Can the window open here? Checked before Qt starts, because Qt aborts the
whole process (« Could not load the Qt platform plugin "xcb" », then Aborted)
when its X11 plugin misses a system library or finds no display.

On Linux with the X11 platform (QT_QPA_PLATFORM unset or « xcb », not a
Wayland session), the libraries that Qt's libqxcb.so needs — directly or
through Qt's own libraries shipped beside it — are looked for the way the
loader does (dlopen by name; the plugin itself is only read, never loaded),
then the display is reached with libxcb. A problem becomes a message naming
the Debian packages to install.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from crmdesk.desktop.elf import NotElf, needed
from crmdesk.i18n import _

# Library -> Debian 12 package, for every system library of libqxcb.so and of
# the Qt libraries it loads (tests check the list against the plugin and dpkg).
PACKAGES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libpng16.so.16": "libpng16-16",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
}
# Packages that even a minimal Debian has (apt and dpkg need them): the README need not name them.
ON_EVERY_DEBIAN = frozenset({"libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"})
# The C library and its loader come with every system.
_ALWAYS_THERE = re.compile(r"(libc|libm|libdl|libpthread|librt|ld-linux[-\w]*)\.so(\.\d+)*$")
_SONAME = re.compile(r"^([\w.+-]+\.so(\.\d+)*):")


def qt_folder() -> Path | None:
    """PySide6's Qt folder (plugins/, lib/), found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will open the window through its X11 plugin (xcb)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    # Qt prefers Wayland in a Wayland session (and falls back to xcb).
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY")
    return not wayland


def system_libraries(plugin: Path, qt_lib: Path) -> list[str]:
    """The system libraries `plugin` needs, directly or through the Qt
    libraries of `qt_lib` (Qt's own come with PySide6 and are not listed)."""
    found: list[str] = []
    seen: set[str] = set()
    pending = [plugin]
    while pending:
        for name in needed(pending.pop()):
            if name in seen:
                continue
            seen.add(name)
            if (qt_lib / name).is_file():
                pending.append(qt_lib / name)
            elif not _ALWAYS_THERE.match(name):
                found.append(name)
    return found


def missing_libraries(names: Iterable[str]) -> list[str]:
    """Those of `names` the loader cannot load (or whose own dependency is
    missing: then that dependency is named), in order, without repeats."""
    missing: list[str] = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError as exc:
            # glibc names the file it could not find first: the library or one of its dependencies
            match = _SONAME.match(str(exc))
            absent = match.group(1) if match else name
            if absent not in missing:
                missing.append(absent)
    return missing


def missing_message(missing: list[str]) -> str:
    packages = sorted({PACKAGES[name] for name in missing if name in PACKAGES})
    unknown = [name for name in missing if name not in PACKAGES]
    lines = [
        _(
            "La fenêtre de crmdesk ne peut pas s'ouvrir : il manque au module d'affichage X11 de Qt (xcb) "
            "ces bibliothèques du système : {libraries}.",
            libraries=", ".join(missing),
        )
    ]
    if packages:
        lines.append(
            _(
                "Sous Debian ou Ubuntu, installez-les avec :\n  sudo apt-get install {packages}",
                packages=" ".join(packages),
            )
        )
    if unknown:
        lines.append(
            _("Le paquet qui fournit {libraries} se trouve avec « apt-file search ».", libraries=", ".join(unknown))
        )
    lines.append(_("Les commandes de crmdesk restent utilisables sans fenêtre (crmdesk --help)."))
    return "\n".join(lines)


def display_problem(environ: Mapping[str, str]) -> str | None:
    """Why the X display cannot be reached (libxcb connects as Qt would), or None."""
    display = environ.get("DISPLAY", "")
    if not display:
        return _(
            "La fenêtre de crmdesk ne peut pas s'ouvrir : aucun écran graphique (la variable DISPLAY est "
            "vide). Lancez crmdesk depuis une session de bureau ; ses commandes restent utilisables "
            "sans fenêtre (crmdesk --help)."
        )
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        failed = not connection or xcb.xcb_connection_has_error(connection)
    finally:
        if connection:
            xcb.xcb_disconnect(connection)
    if failed:
        return _(
            "La fenêtre de crmdesk ne peut pas s'ouvrir : l'écran « {display} » (variable DISPLAY) ne "
            "répond pas ou refuse la connexion. Lancez crmdesk depuis une session de bureau ; ses "
            "commandes restent utilisables sans fenêtre (crmdesk --help).",
            display=display,
        )
    return None


def problem(
    environ: Mapping[str, str] | None = None, qt: Path | None = None, platform: str = sys.platform
) -> str | None:
    """A message saying why the window cannot open on this machine, or None
    when it can (or when Qt will not use its X11 plugin: nothing to check).

    qt: PySide6's Qt folder (found with the installed PySide6 by default)."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ, platform):
        return None
    qt = qt if qt is not None else qt_folder()
    plugin = qt / "plugins" / "platforms" / "libqxcb.so" if qt is not None else None
    if plugin is None or not plugin.is_file():
        return None  # no X11 plugin to check: Qt's own message stays the best one
    try:
        libraries = system_libraries(plugin, qt / "lib")
    except (OSError, NotElf):
        return None
    missing = missing_libraries(libraries)
    if missing:
        return missing_message(missing)
    return display_problem(environ)
