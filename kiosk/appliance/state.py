"""Where the kiosk keeps what it writes: logs, the art cache, usage counts.

The XDG state folder (~/.local/state/pulp-kiosk) unless `--state DIR` or $KIOSK_STATE_DIR says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

APP_NAME = "pulp-kiosk"


def state_dir(given: Optional[str] = None) -> Path:
    """The state folder, created if missing."""
    if given:
        path = Path(given)
    elif os.environ.get("KIOSK_STATE_DIR"):
        path = Path(os.environ["KIOSK_STATE_DIR"])
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        path = Path(base) / APP_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path
