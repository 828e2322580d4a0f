"""Before Qt starts, crmdesk says why its window cannot open (missing system
libraries of Qt's X11 plugin, no display) instead of letting Qt abort."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk import i18n
from crmdesk.desktop import display
from crmdesk.desktop.elf import NotElf, needed
from tests.helpers.elf import shared_object

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
ROOT = Path(__file__).resolve().parents[2]
QT = display.qt_folder()
PLUGIN = QT / "plugins" / "platforms" / "libqxcb.so"
ABSENT = "libcrmdesk-absent-for-tests.so.7"
X11 = {"DISPLAY": ":0"}  # a Linux desktop environment with no Qt platform chosen


def fake_qt(tmp_path: Path, *system: str) -> Path:
    """A Qt folder whose xcb plugin needs a Qt library of its own, which needs `system`."""
    qt = tmp_path / "Qt"
    shared_object(qt / "plugins" / "platforms" / "libqxcb.so", ["libQt6FakeXcbQpa.so.6", "libc.so.6"])
    shared_object(qt / "lib" / "libQt6FakeXcbQpa.so.6", [*system, "libm.so.6", "libc.so.6"])
    return qt


def test_the_needed_libraries_are_read_from_the_file(tmp_path):
    fake = shared_object(tmp_path / "libfake.so", ["libxcb-icccm.so.4", "libc.so.6"])
    assert needed(fake) == ["libxcb-icccm.so.4", "libc.so.6"]
    real = needed(PLUGIN)  # PySide6's own plugin, as `readelf -d` lists it
    assert real[0] == "libQt6XcbQpa.so.6" and "libxcb-icccm.so.4" in real and "libxcb-keysyms.so.1" in real
    (tmp_path / "text.so").write_text("not a library")
    (tmp_path / "empty.so").write_bytes(b"")
    (tmp_path / "cut.so").write_bytes(fake.read_bytes()[:200])  # headers, half the tables
    for broken in ("text.so", "empty.so", "cut.so"):
        with pytest.raises(NotElf):
            needed(tmp_path / broken)


def test_every_system_library_of_the_x11_plugin_has_its_debian_package():
    libraries = display.system_libraries(PLUGIN, QT / "lib")
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"} <= set(libraries)
    assert not any(name.startswith("libQt6") for name in libraries)  # Qt's own ship with PySide6
    assert [name for name in libraries if name not in display.PACKAGES] == []


@pytest.mark.skipif(
    shutil.which("dpkg") is None or not Path("/sbin/ldconfig").exists(), reason="Debian's package database is needed"
)
def test_the_named_packages_really_hold_those_libraries():
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    paths = {}  # « libxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1 »
    for line in cache.splitlines()[1:]:
        name, _, path = line.strip().partition(" => ")
        paths.setdefault(name.split(" ")[0], path)
    # dpkg knows a file by the path its package installed: /lib/… or /usr/lib/… (merged /usr)
    asked = [
        f"{prefix}{paths[lib].removeprefix('/usr')}"
        for lib in display.PACKAGES
        if lib in paths
        for prefix in ("", "/usr")
    ]
    found = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False)
    owners: dict[str, set[str]] = {}
    for line in found.stdout.splitlines():  # « libxcb1:amd64: /usr/lib/x86_64-linux-gnu/libxcb.so.1 »
        packages, path = line.split(": ", 1)
        for package in packages.split(", "):
            owners.setdefault(Path(path).name, set()).add(package.split(":")[0])
    installed = [library for library in display.PACKAGES if library in owners]
    assert len(installed) >= 20  # those installed here come from the package we name
    assert [(lib, owners[lib]) for lib in installed if display.PACKAGES[lib] not in owners[lib]] == []


def test_the_readme_installs_every_package_the_window_needs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)```", readme.split("## Installer et essayer")[1], re.DOTALL)[:2]
    wanted = {display.PACKAGES[name] for name in display.system_libraries(PLUGIN, QT / "lib")}
    wanted = wanted - display.ON_EVERY_DEBIAN | {"python3-venv"}
    for command in commands:
        words = set(command.replace("\\\n", " ").split())
        assert wanted - words == set(), command


def test_a_missing_library_is_named_with_its_package(tmp_path):
    assert display.missing_libraries(["libc.so.6", ABSENT, "libm.so.6", ABSENT]) == [ABSENT]
    message = display.problem(X11, fake_qt(tmp_path, ABSENT, "libxcb.so.1"), platform="linux")
    assert message.startswith("La fenêtre de crmdesk ne peut pas s'ouvrir")
    assert ABSENT in message and "apt-file search" in message and "libxcb.so.1" not in message

    message = display.missing_message(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "crmdesk --help" in message


def test_the_message_speaks_english_when_asked(tmp_path):
    i18n.set_language("en")
    try:
        message = display.problem(X11, fake_qt(tmp_path, ABSENT), platform="linux")
        assert message.startswith("crmdesk's window cannot open") and ABSENT in message
        assert "no display" in display.problem({}, fake_qt(tmp_path), platform="linux")
    finally:
        i18n.set_language("fr")


def test_no_display_is_said_plainly(tmp_path):
    qt = fake_qt(tmp_path, "libxcb.so.1")
    assert "aucun écran graphique (la variable DISPLAY est vide)" in display.problem({}, qt, platform="linux")
    message = display.problem({"DISPLAY": ":4242"}, qt, platform="linux")
    assert "l'écran « :4242 »" in message and "ne répond pas" in message


def test_nothing_is_checked_when_qt_will_not_use_x11(tmp_path):
    qt = fake_qt(tmp_path, ABSENT)
    assert display.problem({"QT_QPA_PLATFORM": "offscreen"}, qt, platform="linux") is None
    assert display.problem({"QT_QPA_PLATFORM": "wayland"}, qt, platform="linux") is None
    assert (
        display.problem({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, qt, platform="linux") is None
    )
    assert display.problem({}, qt, platform="win32") is None
    assert display.problem({"QT_QPA_PLATFORM": "xcb:nograb"}, qt, platform="linux") is not None
    assert display.problem(X11, tmp_path / "no-qt-here", platform="linux") is None


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb (Debian package xvfb) is needed")
def test_a_running_display_is_accepted(tmp_path):
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()
        assert number.isdigit()
        assert display.display_problem({"DISPLAY": f":{number}"}) is None
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


@pytest.mark.parametrize(
    "lang,start",
    [
        ("fr_FR.UTF-8", "crmdesk : La fenêtre de crmdesk ne peut pas s'ouvrir"),
        ("en_US.UTF-8", "crmdesk: crmdesk's window cannot open"),
    ],
)
def test_the_command_stops_with_a_message_instead_of_aborting(tmp_path, lang, start):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL")
    }
    environ.update(LANG=lang, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--demo"],
        env=environ,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # not -6 (SIGABRT from Qt)
    assert result.stderr.startswith(start), result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
