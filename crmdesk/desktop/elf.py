"""The libraries an ELF shared object asks the loader for (its DT_NEEDED
entries), read from the file without loading it — the way `ldd` starts."""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB = 0, 1, 5


class NotElf(ValueError):
    """The file is not an ELF shared object this reader understands."""


def needed(path: Path) -> list[str]:
    """The sonames `path` needs, in the file's order (« libxcb.so.1 », …)."""
    with open(path, "rb") as handle:
        try:  # mapped, not read: only the few pages of the headers and tables are touched
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            raise NotElf(str(path)) from None
        with data:
            return _needed(data, path)


def _needed(data: mmap.mmap, path: Path) -> list[str]:
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        raise NotElf(str(path))
    wide = data[4] == 2  # ELFCLASS64
    order = "<" if data[5] == 1 else ">"  # ELFDATA2LSB / MSB
    word = "Q" if wide else "I"
    try:
        if wide:
            (phoff,) = struct.unpack_from(order + "Q", data, 0x20)
            phentsize, phnum = struct.unpack_from(order + "HH", data, 0x36)
        else:
            (phoff,) = struct.unpack_from(order + "I", data, 0x1C)
            phentsize, phnum = struct.unpack_from(order + "HH", data, 0x2A)
        loads, dynamic = [], None
        for index in range(phnum):
            at = phoff + index * phentsize
            if wide:
                kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(order + "IIQQQQ", data, at)
            else:
                kind, offset, vaddr, _paddr, filesz = struct.unpack_from(order + "IIIII", data, at)
            if kind == _PT_LOAD:
                loads.append((vaddr, offset, filesz))
            elif kind == _PT_DYNAMIC:
                dynamic = (offset, filesz)
        if dynamic is None:
            return []
        entry = struct.calcsize(order + word * 2)
        names, strtab = [], None
        for at in range(dynamic[0], dynamic[0] + dynamic[1] - entry + 1, entry):
            tag, value = struct.unpack_from(order + word * 2, data, at)
            if tag == _DT_NULL:
                break
            if tag == _DT_NEEDED:
                names.append(value)
            elif tag == _DT_STRTAB:
                strtab = value
        if strtab is None:
            raise NotElf(str(path))
        base = next(offset + strtab - vaddr for vaddr, offset, size in loads if vaddr <= strtab < vaddr + size)
        return [_string(data, base + name) for name in names]
    except (struct.error, StopIteration, ValueError):  # ValueError: bad name or string
        raise NotElf(str(path)) from None


def _string(data: mmap.mmap, at: int) -> str:
    end = data.find(b"\0", at)
    if end < 0:
        raise ValueError("unterminated name")
    return data[at:end].decode("ascii")
