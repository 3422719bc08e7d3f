"""The `kiosk` command: wires objects together and runs one sub-command.

  kiosk [run]     the kiosk itself (default)
  kiosk check     validate scenes and art, list every problem
  kiosk render    draw steps to PNG without a display
  kiosk texts     every user-visible string (for translators)
  kiosk schema    JSON Schema of the scene format (for editors)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

from kiosk import CHECKOUT
from kiosk.content.config import CONFIG_NAME, load_config
from kiosk.content.problems import Problem

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Command, str]] = {}


def command(name: str, help_text: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = (fn, help_text)
        return fn
    return register


def project_root() -> Path:
    """Where scenes/, art/ and kiosk.yaml live: the current folder if it has them, else the checkout."""
    cwd = Path.cwd()
    if (cwd / "scenes").is_dir() or (cwd / CONFIG_NAME).exists():
        return cwd
    return CHECKOUT


class Setup:
    """Paths and settings for one run of a command."""

    def __init__(self, args: argparse.Namespace) -> None:
        root = project_root()
        config_path = Path(args.config) if getattr(args, "config", None) else root / CONFIG_NAME
        self.config_path = config_path
        self.config, self.config_problems = load_config(config_path)
        base = config_path.parent if config_path.exists() else root
        self.root = base
        self.scenes_dir = _path(getattr(args, "scenes", None), base / self.config.content.scenes)
        self.art_dir = _path(getattr(args, "art", None), base / self.config.content.art)
        from kiosk.content.config import clinic_art_problems
        self.config_problems += clinic_art_problems(self.config, config_path, self.art_dir)
        from kiosk.appliance.pin import pin_problems, read_pin_file
        from kiosk.appliance.state import state_path
        in_state = read_pin_file(state_path(getattr(args, "state", None)))
        self.config_problems += pin_problems(in_state or self.config.staff.pin_hash, config_path, in_state is not None)

    def library(self, scenes_dir: Optional[Path] = None):  # type: ignore[no-untyped-def]
        from kiosk.content.library import load_library
        return load_library(scenes_dir or self.scenes_dir, self.art_dir, self.config.languages,
                            self.config.default_language, shown_base=self.root)


def _path(given: Optional[str], default: Path) -> Path:
    return Path(given) if given else default


def print_problems(problems: Sequence[Problem], stream=sys.stderr) -> None:  # type: ignore[no-untyped-def]
    for p in sorted(problems, key=lambda p: (not p.is_error, p.path, p.line, p.column)):
        print(p, file=stream)


def headless() -> None:
    """Prepare pygame to draw without a screen (render, bench, tests)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))


# --- check -----------------------------------------------------------------------------------------------
@command("check", "check scene files and art; list every problem (exit 1 on errors)")
def cmd_check(args: argparse.Namespace) -> int:
    setup = Setup(args)
    paths = [Path(p) for p in args.paths] or [setup.scenes_dir]
    problems: list[Problem] = list(setup.config_problems)
    scenes = steps = 0
    for path in paths:
        if path.is_file():
            lib = _single_file_library(setup, path)
        else:
            lib = setup.library(path)
            from kiosk.voice.check import narration_problems
            problems.extend(narration_problems(lib, path, setup.root))
        problems.extend(lib.problems)
        from kiosk.draw.glyphs import library_glyph_problems
        problems.extend(library_glyph_problems(lib, path, setup.root, setup.art_dir))
        from kiosk.draw.text_check import library_text_problems
        problems.extend(library_text_problems(lib, setup.root, setup.art_dir))
        scenes += len(lib.scenes)
        steps += lib.step_count()
    print_problems(problems, sys.stdout)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}: fix the errors "
              "above (each line says the file, line and column)")
        return 1
    print(f"OK: {scenes} scene{'s' * (scenes != 1)}, {steps} steps, {warnings} warning{'s' * (warnings != 1)}")
    return 0


def _single_file_library(setup: Setup, file: Path):  # type: ignore[no-untyped-def]
    """Check one file on its own: copy nothing, load its folder, keep only its problems and scene."""
    from dataclasses import replace
    lib = setup.library(file.parent)
    shown = str(file.resolve().relative_to(setup.root.resolve())) if file.resolve().is_relative_to(
        setup.root.resolve()) else str(file)
    mine = tuple(p for p in lib.problems if p.path == shown or not p.path.endswith((".yaml", ".yml")))
    scenes = {sid: s for sid, s in lib.scenes.items() if lib.files.get(sid, Path()).resolve() == file.resolve()}
    return replace(lib, scenes=scenes, problems=mine)


# --- schema ------------------------------------------------------------------------------------------------
@command("schema", "print the JSON Schema of scene files (for editors such as VS Code)")
def cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.content.model import SPECIAL_FILES, Scene
    # One schema per kind of file: scenes, or one of the special files (faq.yaml, playlist.yaml, ui.yaml).
    kind = getattr(args, "file", "scene") or "scene"
    model = Scene if kind == "scene" else SPECIAL_FILES[f"{kind}.yaml"]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kiosk scene" if kind == "scene" else f"Kiosk {kind}.yaml"
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    if args.output:
        from kiosk.content.atomic_file import write_text_atomic
        write_text_atomic(Path(args.output), text + "\n")
    else:
        print(text)
    return 0


# --- texts -------------------------------------------------------------------------------------------------
@command("texts", "print every user-visible string with its scene, step, audience and language")
def cmd_texts(args: argparse.Namespace) -> int:
    from kiosk.content.texts import iter_texts
    lib = Setup(args).library()
    entries = list(iter_texts(lib))
    if args.json:
        print(json.dumps([e.as_dict() for e in entries], indent=2, ensure_ascii=False))
    else:
        for e in entries:
            print(f"{e.scene}\t{e.step}\t{e.audience}\t{e.lang}\t{e.text}")
    return 0


# --- render ------------------------------------------------------------------------------------------------
def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size; write it as WIDTHxHEIGHT, e.g. 1920x1080")
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is out of range; each side from 16 to 8192 pixels")
    return w, h


@command("render", "draw steps to PNG files without a display")
def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.draw.stills import render_all, render_one, render_strips
    from kiosk.interactions import player_for   # a game step is drawn waiting for the child, as the kiosk shows it
    setup = Setup(args)
    lib = setup.library()
    if lib.errors:
        print(f"note: {len(lib.errors)} problem(s) in the scenes; run `kiosk check` (rendering what is valid)",
              file=sys.stderr)
    import re
    from kiosk.content.model import LANG
    if args.lang and args.lang != "all" and not re.match(LANG, args.lang):
        # A language code names output files: '../x' would write outside --out.
        print(f"'{args.lang}' is not a language code; use one such as en, es, pt-BR", file=sys.stderr)
        return 2
    headless()
    if args.games:
        from kiosk.tools.game_strips import write_strips
        if not args.out:
            print("kiosk render --games needs --out DIR", file=sys.stderr)
            return 2
        langs = tuple(setup.config.languages) if args.lang == "all" else (args.lang or setup.config.default_language,)
        written = write_strips(lib, setup.art_dir, Path(args.out), args.size, langs)
        print(f"wrote {len(written)} motion strips of game steps to {args.out}")
        return 0
    if args.all:
        if not args.out:
            print("kiosk render --all needs --out DIR", file=sys.stderr)
            return 2
        if args.strip:
            lang = args.lang if args.lang and args.lang != "all" else setup.config.default_language
            audience = args.audience if args.audience in ("kids", "parents") else "kids"
            files = render_strips(lib, setup.art_dir, Path(args.out), args.size, audience, lang, args.strip_width,
                                  [args.scene] if args.scene in lib.scenes else None)
            print(f"wrote {len(files)} motion strips to {args.out}")
            return 0
        audiences = ("kids", "parents") if args.audience == "both" else (args.audience,)
        langs = tuple(setup.config.languages) if args.lang == "all" else (args.lang or setup.config.default_language,)
        written = render_all(lib, setup.art_dir, Path(args.out), args.size, audiences, langs, not args.sheets_only,
                             make_player=player_for)
        print(f"wrote {written} PNG files to {args.out}")
        return 0
    if not args.scene or not args.output:
        print("kiosk render needs --scene ID and -o FILE.png (or --all --out DIR)", file=sys.stderr)
        return 2
    if args.scene not in lib.scenes:
        from kiosk.content.validation import closest
        guess = closest(args.scene, lib.scenes)
        print(f"no scene '{args.scene}'" + (f" (did you mean '{guess}'?)" if guess else "")
              + f"; scenes: {', '.join(lib.scenes)}", file=sys.stderr)
        return 2
    audience = args.audience if args.audience in ("kids", "parents") else "kids"
    lang = args.lang if args.lang and args.lang != "all" else setup.config.default_language
    if args.strip:
        from kiosk.draw.stills import make_renderer, motion_strip, save_small_png
        from kiosk.motion.player import visible_steps
        count = len(visible_steps(lib.scenes[args.scene], audience))
        if not 1 <= args.step <= count:
            print(f"scene '{args.scene}' has steps 1 to {count} for {audience}; --step {args.step} is outside",
                  file=sys.stderr)
            return 2
        save_small_png(motion_strip(make_renderer(lib, setup.art_dir), lib, args.scene, args.step, args.size, lang,
                                    audience, args.strip_width), Path(args.output))
        print(f"wrote {args.output}")
        return 0
    message = render_one(lib, setup.art_dir, args.scene, args.step, args.at, args.size, lang, audience,
                         Path(args.output), make_player=player_for)
    if message:
        print(message, file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0


# --- wiring -----------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Pediatric dental education kiosk.")
    parser.add_argument("--config", help=f"settings file (default: ./{CONFIG_NAME})")
    sub = parser.add_subparsers(dest="command")

    def add(name: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=COMMANDS[name][1])
        # SUPPRESS: `kiosk --config X check` keeps X instead of the sub-command's empty default.
        p.add_argument("--config", default=argparse.SUPPRESS, help=f"settings file (default: ./{CONFIG_NAME})")
        p.add_argument("--scenes", help="scenes folder (default: from kiosk.yaml, else ./scenes)")
        p.add_argument("--art", help="art folder (default: from kiosk.yaml, else ./art)")
        return p

    p = add("check")
    p.add_argument("paths", nargs="*", help="scene folders or files (default: scenes/)")
    p = add("schema")
    p.add_argument("-o", "--output", help="write to this file instead of printing")
    p.add_argument("--file", choices=("scene", "faq", "playlist", "ui"), default="scene",
                   help="which kind of file: a scene (default), faq.yaml, playlist.yaml or ui.yaml")
    p = add("texts")
    p.add_argument("--json", action="store_true", help="a JSON list of {scene, step, audience, lang, text}")
    p = add("render")
    p.add_argument("--scene", help="scene id")
    p.add_argument("--step", type=int, default=1, help="step number, from 1 (default 1)")
    p.add_argument("--at", type=float, default=None, help="seconds into the step (default: when it has settled)")
    p.add_argument("--size", type=parse_size, default=(1920, 1080), help="WIDTHxHEIGHT (default 1920x1080)")
    p.add_argument("--lang", default=None, help="language code (with --all: 'all' for every language)")
    p.add_argument("--audience", default="kids", choices=("kids", "parents", "both"))
    p.add_argument("-o", "--output", help="PNG file to write")
    p.add_argument("--all", action="store_true", help="every step of every scene, plus a contact sheet per scene")
    p.add_argument("--out", help="folder for --all")
    p.add_argument("--sheets-only", action="store_true", help="with --all: write only the contact sheets")
    p.add_argument("--strip", action="store_true",
                   help="a motion strip: the stage at 0, 25, 50, 75 and 100%% of the step's animation, side by side "
                        "(with --all: one per step, as OUT/<scene>/<nn>-<step>.png)")
    p.add_argument("--strip-width", type=int, default=960, help="width of a motion strip in pixels (default 960)")
    p.add_argument("--games", action="store_true",
                   help="a motion strip of each game step played (start, hint, doing, done, after) into --out")
    for extra in EXTRA_PARSERS:
        _add_extra(extra, sub, add)
    return parser


def _add_extra(extra: Callable, sub: argparse._SubParsersAction, add: Callable[[str], argparse.ArgumentParser]) -> None:
    """Let a sub-command module add its arguments; one that fails loses only its own commands (a broken
    benchmark must never take `kiosk check` or `kiosk run` with it)."""
    added: list[str] = []

    def tracked(name: str) -> argparse.ArgumentParser:
        added.append(name)
        return add(name)
    try:
        extra(sub, tracked)
    except Exception as exc:  # noqa: BLE001 - any failure of an optional part
        for name in added:
            COMMANDS.pop(name, None)
            sub.choices.pop(name, None)
        names = ", ".join(added) or getattr(extra, "__module__", "a command")
        print(f"warning: {names} could not be set up ({type(exc).__name__}: {exc}); those commands are unavailable",
              file=sys.stderr)


# Other modules add their sub-commands' arguments here (the app, bench, service...).
EXTRA_PARSERS: list[Callable[[argparse._SubParsersAction, Callable[[str], argparse.ArgumentParser]], None]] = []


def _load_plugins() -> None:
    """Import the modules that register further sub-commands. One that fails to import loses only its own
    commands (and says so): `kiosk run` and `kiosk check` must never depend on, say, the benchmark."""
    import importlib
    for name in ("kiosk.commands.run", "kiosk.commands.appliance", "kiosk.commands.bench", "kiosk.commands.console",
                 "kiosk.commands.handout", "kiosk.commands.voice"):
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - any import failure of an optional part
            if not (isinstance(exc, ModuleNotFoundError) and exc.name == name):
                print(f"warning: {name} could not be loaded ({type(exc).__name__}: {exc}); "
                      "its commands are unavailable", file=sys.stderr)


def main(argv: Optional[Sequence[str]] = None) -> int:
    _load_plugins()
    parser = build_parser()
    args = parser.parse_args(argv)
    name = args.command or "run"
    if name not in COMMANDS:
        parser.print_help()
        return 2
    try:
        return COMMANDS[name][0](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
