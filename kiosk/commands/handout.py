"""`kiosk handout --scene ID --lang L -o FILE.pdf`: a take-home PDF of one scene, drawn with the kiosk's renderer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli import EXTRA_PARSERS, Setup, command


@command("handout", "a printable take-home PDF of one scene for parents, in one language")
def cmd_handout(args: argparse.Namespace) -> int:
    from kiosk.commands.console import missing_parts
    missing = missing_parts("fpdf")
    if missing:
        return missing
    from kiosk.content.validation import closest
    from kiosk.handouts.pdf import make_handout
    from kiosk.handouts.pictures import renderer_pictures
    setup = Setup(args)
    lib = setup.library()
    if args.scene not in lib.scenes:
        guess = closest(args.scene, lib.scenes)
        print(f"no scene '{args.scene}'" + (f" (did you mean '{guess}'?)" if guess else "")
              + f"; scenes: {', '.join(lib.scenes)}", file=sys.stderr)
        return 2
    lang = args.lang or setup.config.default_language
    if lang not in setup.config.languages:
        print(f"'{lang}' is not one of the kiosk's languages ({', '.join(setup.config.languages)})", file=sys.stderr)
        return 2
    pdf = make_handout(lib, setup.config, args.scene, lang, renderer_pictures(lib, setup.art_dir),
                       logo_dir=setup.art_dir)
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
    except OSError as exc:
        print(f"cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(pdf) // 1024} KB)")
    return 0


def _arguments(sub: argparse._SubParsersAction, add) -> None:  # type: ignore[no-untyped-def]
    p = add("handout")
    p.add_argument("--scene", required=True, help="scene id")
    p.add_argument("--lang", help="language code (default: the kiosk's default language)")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")


EXTRA_PARSERS.append(_arguments)
