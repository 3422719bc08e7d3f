"""`kiosk run` (the default command) and `kiosk set-pin`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import Callable

from kiosk.appliance.pin import PIN_PATTERN, hash_pin, write_pin_hash
from kiosk.cli import EXTRA_PARSERS, Setup, command, parse_size

log = logging.getLogger(__name__)


def _arguments(sub: argparse._SubParsersAction, add: Callable[[str], argparse.ArgumentParser]) -> None:
    p = add("run")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (preview)")
    p.add_argument("--size", type=parse_size, help="window size WIDTHxHEIGHT with --windowed, e.g. 1280x720")
    p.add_argument("--rotate", type=int, choices=(0, 90, 180, 270), help="turn the picture for a rotated screen")
    p.add_argument("--idle-timeout", type=float, help="seconds without a touch before the kiosk starts over")
    p.add_argument("--state", help="folder for logs, art cache and usage counts (default: XDG state folder)")
    p = add("set-pin")
    p.add_argument("--pin", help="the new PIN (4-8 digits); asked for if not given")


EXTRA_PARSERS.append(_arguments)


@command("run", "start the kiosk (the default)")
def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app.clock import SystemClock
    from kiosk.app.loop import App, AppOptions
    from kiosk.appliance.logs import setup_logging
    from kiosk.appliance.state import state_dir
    setup = Setup(args)
    state = state_dir(getattr(args, "state", None))
    log_file = setup_logging(state)
    log.info("log file: %s", log_file)
    options = AppOptions(config_path=setup.config_path, scenes_dir=setup.scenes_dir, art_dir=setup.art_dir,
                         state_dir=state, windowed=getattr(args, "windowed", False), size=getattr(args, "size", None),
                         rotate=getattr(args, "rotate", None), idle_timeout=getattr(args, "idle_timeout", None))
    usage, summary, close = _usage(state)
    watcher = _watcher([setup.scenes_dir, setup.art_dir, setup.config_path])
    from kiosk.app.loop import NoScreen
    try:
        app = App(options, SystemClock(), usage=usage, usage_summary=summary, watcher=watcher)
        return app.run()
    except NoScreen as exc:
        log.error("%s", exc)
        return 1
    finally:
        close()


def _usage(state: Path):  # type: ignore[no-untyped-def]
    """Usage counts in SQLite, when that part is installed; otherwise counting is simply off."""
    try:
        from kiosk.appliance.usage import UsageCounts
    except ImportError:
        return (lambda kind, detail: None), None, (lambda: None)
    from kiosk.appliance.usage import DB_NAME
    counts = UsageCounts(state / DB_NAME)
    return counts.record, counts.summary_lines, counts.close


def _watcher(paths: list[Path]):  # type: ignore[no-untyped-def]
    try:
        from kiosk.appliance.watcher import ContentWatcher
    except ImportError:
        return None
    return ContentWatcher(paths)


@command("set-pin", "set the staff PIN (stored salted and hashed in kiosk.yaml)")
def cmd_set_pin(args: argparse.Namespace) -> int:
    setup = Setup(args)
    pin = args.pin
    if pin is None:
        if not sys.stdin.isatty():
            print("give the PIN with --pin 1234, or run this in a terminal", file=sys.stderr)
            return 2
        try:
            pin = getpass.getpass("New staff PIN (4-8 digits): ")
            again = getpass.getpass("Once more: ")
        except (EOFError, KeyboardInterrupt):
            print("\nno PIN given; nothing was changed", file=sys.stderr)
            return 1
        if again != pin:
            print("the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
    if not PIN_PATTERN.match(pin):
        print("a PIN is 4 to 8 digits; nothing was changed", file=sys.stderr)
        return 1
    write_pin_hash(setup.config_path, hash_pin(pin))
    print(f"PIN set in {setup.config_path} (stored hashed; the kiosk picks it up within a second)")
    return 0
