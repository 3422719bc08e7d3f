"""Generates the hostile-input corpus: one small content folder per case (kiosk.yaml, scenes/, art/), each with
one thing a file could hold that once broke the kiosk or could. Run it to look at the cases:

    python tests/hostile_corpus.py OUT_DIR        # writes OUT_DIR/<case>/...

`tests/test_hostile_corpus.py` builds the corpus in a temporary folder and runs `check`, `render` and the app
on every case (see tests/hostile_run.py). Every case also has `outside/secret.txt`, beside the content folders:
nothing may ever read it. Each case says which file its problem must be reported in, and whether that file
has lines (then the report must carry a line number).
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from PIL import Image

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#F48FB1"/></svg>'
SCENE = """\
id: demo
title: {en: "Demo"}
tile: {art: tile.svg, color: "#8ED1FC"}
steps:
  - id: one
    text:
      kids: {en: "A ball."}
    layers:
      - {id: ball, art: ball.svg, height: 0.5, animate: {x: [-0.2, 0], duration: 1}}
  - id: two
    text:
      kids: {en: "Two."}
    layers:
      - {art: ball.svg, height: 0.3}
"""
CONFIG = 'languages: [en]\ndefault_language: en\nclinic:\n  name: "Smile"\n  phone: "555-0100"\n'
SECRET = "SECRET-8c1f: this file is outside the content folders\n"
HANGING_EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\nshowpage\n"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]        # changes a fresh, valid content folder into the hostile one
    reported_in: Optional[str] = None   # a file name the check's output must name (None: nothing to report)
    has_lines: bool = True              # that file has lines: its report must carry one


def _png(mode: str = "RGB", fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 200 if mode.startswith(("I", "L")) else (200, 120, 90)).save(out, fmt)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bomb_png() -> bytes:
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + \
        _chunk(b"IEND", b"")


def _scene(folder: Path, text: str) -> None:
    (folder / "scenes" / "demo.yaml").write_text(text, encoding="utf-8")


def _edit(old: str, new: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        _scene(folder, SCENE.replace(old, new, 1))
    return make


def _art(name: str, data: bytes, where: str = "tile.svg") -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "art" / name).write_bytes(data)
        _scene(folder, SCENE.replace(f"art: {where}", f"art: {name}", 1))
    return make


def _svg_art(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return _art("bad.svg", text.encode(encoding), where="ball.svg")


def _config(text: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "kiosk.yaml").write_text(text, encoding="utf-8")
    return make


def _logo(data: bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "art" / "logo.png").write_bytes(data)
        (folder / "kiosk.yaml").write_text(CONFIG + "  logo: logo.png\n", encoding="utf-8")
    return make


def _link_scene(target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        if target == "secret":
            (folder / "scenes" / "linked.yaml").symlink_to(folder / "outside" / "secret.txt")
        else:
            other = folder / "outside" / "other.yaml"
            other.write_text(SCENE.replace("id: demo", "id: elsewhere"), encoding="utf-8")
            (folder / "scenes" / "linked.yaml").symlink_to(other)
    return make


def _link_art(folder: Path) -> None:
    (folder / "outside" / "secret.svg").write_text(SVG.replace("circle", "rect"), encoding="utf-8")
    (folder / "art" / "leak.svg").symlink_to(folder / "outside" / "secret.svg")
    _scene(folder, SCENE.replace("art: tile.svg", "art: leak.svg", 1))


def _raw_name(name: bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        with open(os.path.join(os.fsencode(folder / "scenes"), name), "wb") as file:
            file.write(b"id: [broken\n")
    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "art" / "pipe.svg")
    _scene(folder, SCENE.replace("art: tile.svg", "art: pipe.svg", 1))


def _many_layers(folder: Path) -> None:
    layer = "      - {art: ball.svg, height: 0.1, animate: {rotate: [0, 360], repeat: loop}}\n"
    _scene(folder, SCENE.replace("      - {art: ball.svg, height: 0.3}\n", layer * 2000))


def _huge_yaml(folder: Path) -> None:
    _scene(folder, SCENE + "# " + "x" * 1_200_000 + "\n")


def _big_wav(folder: Path) -> None:
    with open(folder / "art" / "long.wav", "wb") as file:
        file.write(b"RIFF" + (12_000_000).to_bytes(4, "little") + b"WAVEfmt ")
        file.truncate(12_000_000)
    _scene(folder, SCENE.replace("  - id: two\n", "  - id: two\n    audio: long.wav\n"))


def _path_points(n: int) -> str:
    return "M0 0 " + " ".join(f"L{(i * 37) % 100} {(i * 53) % 100}" for i in range(n))


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _laughs() -> str:
    ents = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(ents) + "\n]>\n"
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><desc>&l9;</desc></svg>\n')


def _pin_hash(value: str) -> str:
    return CONFIG + f'staff:\n  pin_hash: "{value}"\n'


CASES: tuple[Case, ...] = (
    Case("valid", lambda folder: None),
    # --- item 1: formats by their bytes ---
    Case("eps-as-png-art", _art("tile.png", HANGING_EPS), "tile.png", False),
    Case("eps-as-jpg-art", _art("tile.jpg", HANGING_EPS), "tile.jpg", False),
    Case("eps-as-logo", _logo(HANGING_EPS), "kiosk.yaml"),
    Case("gif-as-png", _art("tile.png", _png(fmt="GIF")), "tile.png", False),
    Case("tiff-as-jpg", _art("tile.jpg", _png(fmt="TIFF")), "tile.jpg", False),
    Case("bmp-as-png", _art("tile.png", _png(fmt="BMP")), "tile.png", False),
    Case("ico-as-webp", _art("tile.webp", _png(fmt="ICO")), "tile.webp", False),
    Case("pcx-as-png", _art("tile.png", _png(fmt="PCX")), "tile.png", False),
    Case("png-16-bit-grey", _art("tile.png", _png(mode="I;16"))),
    Case("png-bomb", _art("tile.png", _bomb_png()), "tile.png", False),
    Case("png-truncated", _art("tile.png", _png(size=(300, 200))[:300]), "tile.png", False),
    Case("png-as-svg", _art("tile.svg", _png()), "tile.svg", False),
    # --- item 2: memory ---
    Case("layer-40-stages", _edit("{art: ball.svg, height: 0.3}", "{art: ball.svg, height: 4, scale: 10}"),
         "demo.yaml"),
    Case("rotated-huge-layer", _edit("{art: ball.svg, height: 0.3}",
                                     "{art: ball.svg, height: 4, animate: {scale: [1, 10], rotate: [0, 45]}}"),
         "demo.yaml"),
    # --- item 3: one file takes down the menu ---
    Case("viewbox-inf", _svg_art(SVG.replace("0 0 100 100", "0 0 inf 100")), "bad.svg"),
    Case("viewbox-tiny", _svg_art(SVG.replace("0 0 100 100", "0 0 1e-320 1")), "bad.svg"),
    Case("viewbox-huge", _svg_art(SVG.replace("0 0 100 100", "0 0 1e308 1e-300")), "bad.svg"),
    Case("nul-in-title", _edit('title: {en: "Demo"}', 'title: {en: "De\\0mo"}'), "demo.yaml"),
    Case("nul-in-language", _config('languages: [en, "e\\0s"]\n'), "kiosk.yaml"),
    # --- item 4: text widths ---
    Case("title-8400", _edit('title: {en: "Demo"}', 'title: {en: "' + "Tooth " * 1400 + '"}'), "demo.yaml"),
    Case("clinic-name-long", _config(CONFIG.replace('"Smile"', '"' + "Smile " * 2000 + '"')), "kiosk.yaml"),
    # --- item 5: names and folders ---
    Case("art-name-300", _edit("art: ball.svg, height: 0.3", f"art: {'b' * 300}.svg, height: 0.3"), "demo.yaml"),
    Case("art-path-5000", _edit("art: ball.svg, height: 0.3", f"art: {'d/' * 2500}b.svg, height: 0.3"),
         "demo.yaml"),
    Case("logo-name-300", _config(CONFIG + f"  logo: {'l' * 300}.png\n"), "kiosk.yaml"),
    # --- item 6: freezes ---
    Case("svg-40000-points", _svg_art(SVG.replace("<circle", f'<path d="{_path_points(40_000)}"/><circle')),
         "bad.svg"),
    Case("caption-1mb", _edit('kids: {en: "A ball."}', 'kids: {en: "' + "word " * 190_000 + '"}'), "demo.yaml"),
    Case("layers-2000", _many_layers, "demo.yaml"),
    Case("pin-huge-iterations", _config(_pin_hash(f"pbkdf2_sha256$2147483647${'00' * 16}${'00' * 32}")),
         "kiosk.yaml"),
    # --- item 7 ---
    Case("format-spec-word", lambda f: (f / "scenes" / "ui.yaml").write_text(
        'texts:\n  pin_locked:\n    en: "Locked {seconds:>999999999}"\n', encoding="utf-8"), "ui.yaml"),
    # --- item 8: links ---
    Case("scene-link-secret", _link_scene("secret"), "linked.yaml", False),
    Case("scene-link-elsewhere", _link_scene("scene"), "linked.yaml", False),
    Case("art-link-outside", _link_art, "demo.yaml"),
    # --- item 9 ---
    Case("pin-garbage", _config(_pin_hash("garbage")), "kiosk.yaml"),
    # --- item 10 ---
    Case("config-unquoted-colon", _config(CONFIG + "  hours: Mon-Fri: 9-5\n"), "kiosk.yaml"),
    Case("config-tab", _config("clinic:\n\tname: Smile\n"), "kiosk.yaml"),
    # --- item 12 ---
    Case("keyframes-1e300", _edit("x: [-0.2, 0]", "x: [-1e300, 1e300]"), "demo.yaml"),
    # --- item 13 ---
    Case("non-utf8-name", _raw_name(b"caf\xe9.yaml"), "caf", True),
    Case("escape-in-name", _raw_name(b"red\x1b[31m\nx.yaml"), "red", True),
    Case("display-size-huge", _config(CONFIG + "display:\n  size: 99999x99999\n"), "kiosk.yaml"),
    Case("number-5000-digits", _edit("height: 0.3", "height: " + "9" * 5000), "demo.yaml"),
    Case("values-60000", lambda f: _scene(f, SCENE + "extra:\n" + "  - 1\n" * 60_000), "demo.yaml"),
    Case("svg-doctype", _svg_art('<?xml version="1.0"?>\n<!DOCTYPE svg>\n' + SVG), "bad.svg"),
    Case("svg-utf16", _svg_art(SVG, "utf-16"), "bad.svg", False),
    Case("svg-namespaced", _svg_art(SVG.replace("<svg ", '<s:svg xmlns:s="http://www.w3.org/2000/svg" ')
                                    .replace("</svg>", "</s:svg>").replace("<circle", "<s:circle")), "bad.svg"),
    Case("wav-12mb", _big_wav, "long.wav", False),
    Case("emoji-in-title", _edit('title: {en: "Demo"}', 'title: {en: "Demo \U0001F600"}'), "demo.yaml"),
    Case("yaml-no-as-language", _config("languages: [en, no]\ndefault_language: en\n")),
    # --- older classes ---
    Case("svg-billion-laughs", _svg_art(_laughs()), "bad.svg"),
    Case("svg-external-entity", _svg_art('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM '
                                         '"file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg" '
                                         'viewBox="0 0 1 1"><desc>&x;</desc></svg>'), "bad.svg"),
    Case("yaml-alias-bomb", lambda f: _scene(f, _alias_bomb()), "demo.yaml"),
    Case("yaml-python-tag", _edit('title: {en: "Demo"}', "title: !!python/object/apply:os.system [touch pwned]"),
         "demo.yaml"),
    Case("yaml-deep", lambda f: _scene(f, "a: " + "[" * 200 + "]" * 200 + "\n"), "demo.yaml"),
    Case("yaml-binary", lambda f: (f / "scenes" / "demo.yaml").write_bytes(b"\x00\x01\x02" * 100), "demo.yaml",
         False),
    Case("yaml-latin1", lambda f: (f / "scenes" / "demo.yaml").write_bytes(SCENE.replace("Demo", "Caf\xe9")
                                                                         .encode("latin-1")), "demo.yaml"),
    Case("yaml-over-1mb", _huge_yaml, "demo.yaml", False),
    Case("art-fifo", _fifo, "demo.yaml"),
    Case("art-absolute", _edit("art: ball.svg, height: 0.3", "art: /etc/passwd.svg, height: 0.3"), "demo.yaml"),
    Case("art-dotdot", _edit("art: ball.svg, height: 0.3", "art: ../outside/secret.svg, height: 0.3"), "demo.yaml"),
)


def build_case(case: Case, root: Path) -> Path:
    """A fresh content folder for one case, under root/<case name>; returns it."""
    folder = root / case.name
    for sub in ("scenes", "art", "outside"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "art" / "tile.svg").write_text(SVG, encoding="utf-8")
    (folder / "art" / "ball.svg").write_text(SVG, encoding="utf-8")
    (folder / "outside" / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "kiosk.yaml").write_text(CONFIG, encoding="utf-8")
    _scene(folder, SCENE)
    case.make(folder)
    return folder


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/hostile_corpus.py OUT_DIR", file=sys.stderr)
        return 2
    root = Path(argv[0])
    for case in CASES:
        build_case(case, root)
    print(f"wrote {len(CASES)} cases to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
