"""`kiosk run` (the default command) and `kiosk set-pin`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path
from typing import Callable

from kiosk.appliance.pin import PIN_PATTERN, hash_pin, write_pin_file
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
    p.add_argument("--state", help="this kiosk's state folder, where the PIN's hash is kept (default: XDG state "
                                   "folder)")


EXTRA_PARSERS.append(_arguments)


@command("run", "start the kiosk (the default)")
def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app.clock import SystemClock
    from kiosk.app.loop import App, AppOptions
    from kiosk.appliance.logs import setup_logging
    from kiosk.appliance.state import state_path, state_problem
    setup = Setup(args)
    state = state_path(getattr(args, "state", None))
    cannot_write = state_problem(state)   # a read-only state folder: start anyway, and say so
    log_file = setup_logging(state)
    log.info("log file: %s", log_file or "none (stderr only)")
    if cannot_write:
        log.warning("%s", cannot_write)
    options = AppOptions(config_path=setup.config_path, scenes_dir=setup.scenes_dir, art_dir=setup.art_dir,
                         state_dir=state, windowed=getattr(args, "windowed", False), size=getattr(args, "size", None),
                         rotate=getattr(args, "rotate", None), idle_timeout=getattr(args, "idle_timeout", None),
                         notes=(cannot_write,) if cannot_write else ())
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
        from kiosk.appliance.watcher import KIOSK_FULL_EVERY, ContentWatcher
    except ImportError:
        return None
    return ContentWatcher(paths, full_every=KIOSK_FULL_EVERY)


@command("set-pin", "set the staff PIN (stored salted and hashed in this kiosk's state folder)")
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
    from kiosk.appliance.state import state_path
    try:
        where = write_pin_file(state_path(getattr(args, "state", None)), hash_pin(pin))
    except OSError as exc:
        print(f"cannot write the PIN's hash ({exc.strerror or exc}); nothing was changed", file=sys.stderr)
        return 1
    print(f"PIN set in {where} (stored hashed, for this kiosk only; the kiosk picks it up at the next PIN entry)")
    if setup.config.staff.pin_hash:
        print(f"{setup.config_path} still has a pin_hash line from before: delete it (that file is shared "
              "between kiosks)")
    return 0
