"""Runs `check`, `render` and the app on one hostile content folder, watching what the process does.

    python tests/hostile_run.py CASE_DIR WORK_DIR RESULT.json

Run by tests/test_hostile_corpus.py in a fresh process per case, so that each case's peak memory is its own.
A Python audit hook records every file opened or listed under CASE_DIR/outside (nothing may be) and every
program started (nothing may be). The three runs' output and log lines are kept, with their times, in the
result file; any exception that escapes is recorded with its traceback (it must not happen).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import resource
import sys
import time
import traceback
from pathlib import Path

RUN_EVENTS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "pty.spawn")
FILE_EVENTS = ("open", "os.listdir", "os.scandir", "shutil.copyfile")


def _watch(outside: Path, seen: dict[str, list[str]]) -> None:
    prefix = str(outside.resolve())

    def hook(event: str, args: tuple) -> None:
        if event in RUN_EVENTS:
            seen["ran"].append(f"{event} {args[:2]!r}"[:300])
        elif event in FILE_EVENTS and args and isinstance(args[0], (str, bytes, os.PathLike)):
            try:
                name = os.path.realpath(os.fsdecode(args[0]))
            except (TypeError, ValueError):
                return
            if name.startswith(prefix):
                seen["outside"].append(f"{event} {name}")
    sys.addaudithook(hook)


def _command(argv: list[str]) -> dict:
    from kiosk import cli
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code: object = None
    escaped = ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:   # what must never happen: kept for the report
            escaped = traceback.format_exc()
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue(), "escaped": escaped,
            "seconds": time.perf_counter() - started}


def _app(case: Path, work: Path) -> dict:
    """The kiosk as a family would meet it: the attract loop, the menu, every scene played through."""
    started = time.perf_counter()
    escaped = ""
    try:
        import pygame

        from kiosk.app.clock import FakeClock
        from kiosk.app.loop import App, AppOptions
        pygame.display.init()
        clock = FakeClock()
        app = App(AppOptions(case / "kiosk.yaml", case / "scenes", case / "art", work / "app-state", windowed=True,
                             size=(640, 480)), clock)

        def run(seconds: float, dt: float = 0.25) -> None:
            for _ in range(int(seconds / dt)):
                clock.advance(dt)
                app.frame()
        run(20)                      # two attract slides
        app.nav.go_home()
        run(3)
        for scene_id in list(app.ctx.playable()):
            app.nav.play(scene_id)
            run(15)
            app.nav.go_home()
            run(1)
        screen = app.nav.screen.name
    except BaseException:
        escaped = traceback.format_exc()
        screen = "?"
    return {"seconds": time.perf_counter() - started, "escaped": escaped, "screen": screen}


def main(case: Path, work: Path, result_file: Path) -> None:
    # A ceiling far above the budget the test asserts, so a runaway case fails instead of taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    seen: dict[str, list[str]] = {"ran": [], "outside": []}
    _watch(case / "outside", seen)
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    config = ["--config", str(case / "kiosk.yaml")]
    result = {
        "check": _command(config + ["check"]),
        "render": _command(config + ["render", "--all", "--out", str(work / "render"), "--size", "320x240",
                                     "--lang", "en", "--audience", "kids"]),
        "app": _app(case, work),
    }
    result["log"] = log.getvalue()
    # This program's own peak: ru_maxrss would include the test runner's (it carries over fork and exec), which
    # after the whole suite is 800 MB and made every case fail the memory bound.
    from kiosk.appliance.process import peak_rss_mb
    result["peak_mb"] = peak_rss_mb()
    result.update(seen)
    result_file.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
