"""Registers `kiosk bench` (speed and memory, headless) and `kiosk monkey` (a seeded storm of input)."""

from __future__ import annotations

import argparse
import os
from typing import Callable

from kiosk.cli import EXTRA_PARSERS, command


def _arguments(sub: argparse._SubParsersAction, add: Callable[[str], argparse.ArgumentParser]) -> None:
    # bench and monkey switch SDL to its headless drivers when imported. The parser is built for every command,
    # `kiosk run` included, so put the environment back: the real kiosk must open a real screen.
    saved = {name: os.environ.get(name) for name in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER")}
    try:
        from kiosk.tools.bench import add_arguments as bench_arguments
        from kiosk.tools.monkey import add_arguments as monkey_arguments
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    bench_arguments(add("bench"))
    monkey_arguments(add("monkey"))


EXTRA_PARSERS.append(_arguments)


@command("bench", "measure start-up, frame times, idle CPU and memory headless (table, or --json)")
def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.tools.bench import cmd_bench as run
    return run(args)


@command("monkey", "a seeded storm of taps, swipes, keys, window events and content edits (exit 1 on a fault)")
def cmd_monkey(args: argparse.Namespace) -> int:
    from kiosk.tools.monkey import cmd_monkey as run
    return run(args)
