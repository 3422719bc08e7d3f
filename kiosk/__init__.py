"""The pulp-therapy kiosk: illustrated, animated scenes for a pediatric dental waiting room."""

__version__ = "0.1.0"

import os as _os

# pygame prints a banner on import unless told not to; a kiosk's log should hold only what matters.
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path as _Path

# The folder holding the package, its shipped scenes/, art/ and kiosk.yaml (a checkout or an install's source).
CHECKOUT = _Path(__file__).resolve().parent.parent
