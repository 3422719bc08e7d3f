"""Writing `playlist.yaml` from the staff menu: menu order and hidden scenes."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from kiosk.content.atomic_file import write_text_atomic

HEADER = ("# Menu order and hidden scenes. The staff menu writes this file; you may edit it too.\n"
          "# Scenes not listed under 'order' appear after these, sorted by id.\n")


def save_playlist(path: Path, order: Iterable[str], disabled: Iterable[str]) -> None:
    """Write atomically (a temporary file, then a rename) so the watcher never reads half a file."""
    order = list(order)
    disabled = [s for s in disabled]
    lines = [HEADER, "order:"] + [f"  - {sid}" for sid in order]
    lines += ["disabled:" + (" []" if not disabled else "")] + [f"  - {sid}" for sid in disabled]
    write_text_atomic(path, "\n".join(lines) + "\n")
