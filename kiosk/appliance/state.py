"""Where the kiosk keeps what it writes: logs, the art cache, usage counts.

The XDG state folder (~/.local/state/pulp-kiosk) unless `--state DIR` or $KIOSK_STATE_DIR says otherwise.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional

APP_NAME = "pulp-kiosk"


def state_dir(given: Optional[str] = None) -> Path:
    """The state folder, created if missing (OSError if it cannot be)."""
    path = state_path(given)
    path.mkdir(parents=True, exist_ok=True)
    return path


def state_problem(path: Path) -> Optional[str]:
    """Why the kiosk cannot write in its state folder (a Pi's SD card remounts read-only after errors), or
    None. The kiosk still starts without it: it reads what is there (the PIN, the last good settings) and
    says what it could not keep."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        return (f"the state folder {path} cannot be written ({exc.strerror or exc}): the log, usage counts, art "
                "cache and PIN lockout are not kept until it can (is the disk full or read-only?)")
    return None


def state_path(given: Optional[str] = None) -> Path:
    """Where the state folder is (nothing is created)."""
    if given:
        path = Path(given)
    elif os.environ.get("KIOSK_STATE_DIR"):
        path = Path(os.environ["KIOSK_STATE_DIR"])
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        path = Path(base) / APP_NAME
    return path
