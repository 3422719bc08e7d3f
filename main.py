"""Run the kiosk from a checkout: `python main.py [command] ...` is the same as `kiosk [command] ...`."""

import importlib.util
import sys

# What the kiosk needs (pyproject.toml): say so plainly instead of a traceback when run before ./run.sh.
NEEDED = {"pygame": "pygame-ce", "yaml": "PyYAML", "PIL": "Pillow", "pydantic": "pydantic", "segno": "segno"}

missing = [package for module, package in NEEDED.items() if importlib.util.find_spec(module) is None]
if missing:
    print(f"The kiosk needs {', '.join(missing)}, not installed for {sys.executable}.\n"
          "Run ./run.sh once (it installs everything into .venv), then use ./run.sh COMMAND "
          "or .venv/bin/python main.py COMMAND.", file=sys.stderr)
    sys.exit(1)

from kiosk.cli import main  # noqa: E402 - only once the dependencies are known to be there

if __name__ == "__main__":
    sys.exit(main())
