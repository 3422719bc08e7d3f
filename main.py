"""Run the kiosk from a checkout: `python main.py [command] ...` is the same as `kiosk [command] ...`."""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
