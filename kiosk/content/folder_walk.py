"""List the files of a content folder, within bounds, never leaving it.

Why: `content: scenes: /` made the loader walk the whole disk (19 s, then a traceback on an unreadable folder),
and a scene file that was a link to /etc/passwd or to a scene elsewhere was read and shown. Here a walk visits at
most MAX_ENTRIES names and MAX_DEPTH folders deep, follows no link to a folder, and sets aside every link whose
target is outside the folder, so the caller can report it instead of reading it.

Contract: `walk_files` never raises; an unreadable folder is skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

MAX_ENTRIES = 20_000
MAX_DEPTH = 8


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)          # sorted; links inside the folder included
    outside: list[Path] = field(default_factory=list)        # links whose target is outside the folder
    truncated: bool = False                                   # more than MAX_ENTRIES names: the rest unseen


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link followed, is within `root` (itself resolved)."""
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def walk_files(root: Path, suffixes: Iterable[str], skip_private: bool = True) -> Walk:
    """Files under `root` whose names end with one of `suffixes` (any case). Names starting with '.' or '_'
    (and what is inside such folders) are skipped when `skip_private`."""
    wanted = tuple(s.lower() for s in suffixes)
    out = Walk()
    try:
        real_root = root.resolve()
    except (OSError, RuntimeError):
        return out
    seen = 0
    for folder, dirs, names in os.walk(real_root, followlinks=False, onerror=lambda exc: None):
        here = Path(folder)
        depth = len(here.relative_to(real_root).parts)
        seen += len(dirs) + len(names)
        if seen > MAX_ENTRIES:
            out.truncated = True
            break
        if skip_private:
            dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for d in dirs:
            if (here / d).is_symlink() and not inside(here / d, real_root):
                out.outside.append(here / d)
        dirs[:] = [d for d in sorted(dirs) if not (here / d).is_symlink()] if depth < MAX_DEPTH else []
        for name in sorted(names):
            if skip_private and name.startswith((".", "_")):
                continue
            if not name.lower().endswith(wanted):
                continue
            path = here / name
            if path.is_symlink() and not inside(path, real_root):
                out.outside.append(path)
            elif path.is_file():
                out.files.append(path)
    out.files.sort()
    return out


def printable(text: str) -> str:
    """A name as it can be shown on any terminal and in one log line: undecodable bytes, line breaks and
    terminal escapes become visible codes instead of acting."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:   # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 32 or 127 <= code < 160 or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
