"""Logging to a rotating file in the state folder (a few files of about 1 MB) and to stderr (the journal)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import tempfile
from pathlib import Path
from typing import Optional

LOG_NAME = "kiosk.log"
LOG_BYTES = 1_000_000
LOG_FILES = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(state: Path, to_stderr: bool = True, level: int = logging.INFO) -> Optional[Path]:
    """Send the kiosk's log to state/logs/kiosk.log (rotated) and stderr. Returns the log file's path: the
    state folder's, else one in the temporary folder when the state folder cannot be written, else None
    (stderr, the journal, only)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    path: Optional[Path] = None
    for folder in (state / "logs", Path(tempfile.gettempdir()) / f"pulp-kiosk-logs-{os.getuid()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handlers.append(logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=LOG_BYTES,
                                                                 backupCount=LOG_FILES - 1, encoding="utf-8"))
            path = folder / LOG_NAME
            break
        except OSError:
            continue
    if to_stderr or not handlers:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return path
