"""Writing `playlist.yaml` from the staff menu: menu order and hidden scenes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

HEADER = ("# Menu order and hidden scenes. The staff menu writes this file; you may edit it too.\n"
          "# Scenes not listed under 'order' appear after these, sorted by id.\n")


def save_playlist(path: Path, order: Iterable[str], disabled: Iterable[str]) -> None:
    """Write atomically (a temporary file, then a rename) so the watcher never reads half a file."""
    order = list(order)
    disabled = [s for s in disabled]
    lines = [HEADER, "order:"] + [f"  - {sid}" for sid in order]
    lines += ["disabled:" + (" []" if not disabled else "")] + [f"  - {sid}" for sid in disabled]
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
