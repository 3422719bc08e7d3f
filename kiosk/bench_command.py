"""Registers `kiosk bench` (speed and memory, headless) and `kiosk monkey` (a seeded storm of input)."""

from __future__ import annotations

import argparse
from typing import Callable

from .cli import EXTRA_PARSERS, command


def _arguments(sub: argparse._SubParsersAction, add: Callable[[str], argparse.ArgumentParser]) -> None:
    from .bench import add_arguments as bench_arguments
    from .monkey import add_arguments as monkey_arguments
    bench_arguments(add("bench"))
    monkey_arguments(add("monkey"))


EXTRA_PARSERS.append(_arguments)


@command("bench", "measure start-up, frame times, idle CPU and memory headless (table, or --json)")
def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import cmd_bench as run
    return run(args)


@command("monkey", "a seeded storm of taps, swipes, keys, window events and content edits (exit 1 on a fault)")
def cmd_monkey(args: argparse.Namespace) -> int:
    from .monkey import cmd_monkey as run
    return run(args)
