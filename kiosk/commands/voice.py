"""`kiosk voice`: make the narration files (build), list what is missing or stale (status), and check that a
speech recogniser understands them (listen). Build and listen need the optional `voice` extra."""

from __future__ import annotations

import argparse
import sys
from typing import Callable

from kiosk.cli import EXTRA_PARSERS, Setup, command


def _add_arguments(sub: argparse._SubParsersAction, add: Callable[[str], argparse.ArgumentParser]) -> None:
    p = add("voice")
    p.add_argument("action", nargs="?", default="build", choices=("build", "status", "listen"),
                   help="build: make missing and out-of-date files (default); status: only say what build would "
                        "do; listen: word error rate of a speech recogniser against the captions")
    p.add_argument("--only", help="only lines whose file name contains this (e.g. a scene id, or '.es')")
    p.add_argument("--threads", type=int, default=1, help="CPU threads for the speech model (default 1)")
    p.add_argument("--prune", action="store_true", help="with build: delete generated files no caption uses")
    p.add_argument("--json", action="store_true", help="with listen: print the result as JSON")


EXTRA_PARSERS.append(_add_arguments)


@command("voice", "make narration files for every caption, FAQ answer and part name (needs the voice extra)")
def cmd_voice(args: argparse.Namespace) -> int:
    from kiosk.voice.build import describe, orphans, pick_jobs, plan, run
    from kiosk.voice.lines import library_lines
    setup = Setup(args)
    library = setup.library()
    if library.errors:
        print(f"note: {len(library.errors)} error(s) in the scenes; run `kiosk check` (narrating what is valid)",
              file=sys.stderr)
    lines = library_lines(library)
    if args.action == "listen":
        from kiosk.voice.listen import report
        return report(setup.scenes_dir, lines, only=args.only, as_json=args.json, threads=args.threads)
    the_plan = pick_jobs(plan(setup.scenes_dir, lines), args.only)
    print(f"{len(lines)} lines to narrate: {describe(the_plan)}", flush=True)
    stale = orphans(setup.scenes_dir, lines)
    if args.action == "status":
        for job in the_plan.jobs:
            print(f"  {job.line.key}: {job.why}")
        if stale:
            print(f"{len(stale)} generated file(s) no longer used (`kiosk voice build --prune` deletes them)")
        return 0
    if args.prune:
        for path in stale:
            path.unlink()
        print(f"deleted {len(stale)} unused generated file(s)")
    if not the_plan.jobs:
        return 0
    from kiosk.voice.build import needs_engine
    from kiosk.voice.engine import Engine, EngineError
    try:
        engine = Engine(threads=max(1, args.threads), say=lambda m: print(m, flush=True)) \
            if needs_engine(the_plan) else None
    except EngineError as exc:
        print(f"kiosk voice: {exc}", file=sys.stderr)
        return 1
    run(setup.scenes_dir, the_plan, engine, say=lambda m: print(m, flush=True))
    return 0
