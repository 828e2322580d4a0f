"""Render crmdesk's icon, resources/icons/crmdesk.svg, into the files a
desktop wants (run again after changing the SVG, and commit the results):

    resources/icons/png/crmdesk-<N>.png   N = 16 … 256 (Linux menus, hicolor theme)
    resources/icons/crmdesk.ico           every size in one file (Windows executable, shortcuts)

    python scripts/make_icons.py

Qt's SVG renderer draws each size itself (small sizes stay sharp); the .ico
holds the same PNG images (the ICO format has allowed PNG entries since
Windows Vista).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from crmdesk.desktop.entry import ICON_SIZES

ICONS = ROOT / "resources" / "icons"


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent size × size square, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico of PNG images (ICONDIR, one ICONDIRENTRY each, then the PNGs)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = size if size < 256 else 0  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    QGuiApplication.instance() or QGuiApplication([])
    svg = ICONS / "crmdesk.svg"
    images = {size: render(svg, size) for size in ICON_SIZES}
    (ICONS / "png").mkdir(exist_ok=True)
    for size, png in images.items():
        (ICONS / "png" / f"crmdesk-{size}.png").write_bytes(png)
    (ICONS / "crmdesk.ico").write_bytes(ico(images))
    print(f"{len(images)} PNG images and crmdesk.ico written in {ICONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
