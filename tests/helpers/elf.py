"""A tiny but real ELF64 shared object naming the libraries it needs (its
DT_NEEDED entries), for a fake Qt plugin folder: `ldd`, `readelf -d` and
the loader read it the same way."""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER, _PROGRAM = 64, 56
_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB, _DT_STRSZ = 0, 1, 5, 10


def shared_object(path: Path, needed: list[str]) -> Path:
    strings, offsets = b"\0", []
    for name in needed:
        offsets.append(len(strings))
        strings += name.encode() + b"\0"
    dynamic_at = _HEADER + 2 * _PROGRAM
    entries = [(_DT_NEEDED, offset) for offset in offsets]
    dynamic_size = 16 * (len(entries) + 3)
    strtab_at = dynamic_at + dynamic_size
    entries += [(_DT_STRTAB, strtab_at), (_DT_STRSZ, len(strings)), (_DT_NULL, 0)]
    total = strtab_at + len(strings)
    header = (
        b"\x7fELF"
        + bytes([2, 1, 1, 0])
        + bytes(8)
        + struct.pack("<HHIQQQIHHHHHH", 3, 62, 1, 0, _HEADER, 0, 0, _HEADER, _PROGRAM, 2, 64, 0, 0)
    )
    programs = struct.pack("<IIQQQQQQ", _PT_LOAD, 4, 0, 0, 0, total, total, 0x1000)
    programs += struct.pack(
        "<IIQQQQQQ", _PT_DYNAMIC, 4, dynamic_at, dynamic_at, dynamic_at, dynamic_size, dynamic_size, 8
    )
    dynamic = b"".join(struct.pack("<qQ", tag, value) for tag, value in entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + programs + dynamic + strings)
    return path
