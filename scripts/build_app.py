"""Build crmdesk's one-folder application with PyInstaller (Linux or Windows):

    pip install -e '.[packaging]'
    python scripts/build_app.py            # -> dist/crmdesk/crmdesk (crmdesk.exe, crmdesk-window.exe)

The spec is packaging/crmdesk.spec; build files go to build/pyinstaller/.
The folder dist/crmdesk/ is the whole application: copy it anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where dist/crmdesk/ goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__
    except ImportError:
        print("PyInstaller is missing: pip install -e '.[packaging]'", file=sys.stderr)
        return 1
    started = time.monotonic()
    PyInstaller.__main__.run(
        [
            str(ROOT / "packaging" / "crmdesk.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(args.dist),
            "--workpath",
            str(args.work),
        ]
    )
    app = args.dist / "crmdesk"
    executable = app / ("crmdesk.exe" if sys.platform == "win32" else "crmdesk")
    if not executable.is_file():
        print(f"no executable in {app}", file=sys.stderr)
        return 1
    print(
        f"{executable} built in {time.monotonic() - started:.0f} s; the folder holds {folder_size(app) / 2**20:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
