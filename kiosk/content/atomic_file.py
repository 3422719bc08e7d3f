"""Write a file whole or not at all: a temporary file beside it, flushed to the disk, then renamed over it.

Why: writing a file in place (truncate, write) leaves it cut short when the disk fills or the power goes; on a
full disk `kiosk set-pin` once left kiosk.yaml cut at 8192 bytes. A rename is atomic on every file system the
kiosk runs on, so a reader (the kiosk, a sync tool) sees the old file or the new one, never half of one.

Contract: `write_atomic` raises OSError when the new content could not be written, and then the old file is
exactly as it was and no temporary file is left behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional


def write_atomic(path: Path, data: bytes, mode: Optional[int] = None) -> None:
    """Replace `path` with `data` atomically. `mode` (e.g. 0o600) is given to the new file; otherwise an
    existing file keeps its permission bits."""
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def write_text_atomic(path: Path, text: str, mode: Optional[int] = None) -> None:
    write_atomic(path, text.encode("utf-8"), mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
