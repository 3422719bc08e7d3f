"""Small builders shared by tests: a valid scene as YAML text, and loading a content folder."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from kiosk.content.library import Library, load_library

GOOD_SCENE = """\
id: demo
title: {en: "Demo", es: "Demostración"}
tile: {art: shapes/circle.svg, color: "#8ED1FC"}
steps:
  - id: first
    text:
      kids: {en: "A pink ball.", es: "Una pelota rosa."}
      parents: {en: "A pink ball for parents.", es: "Una pelota rosa para padres."}
    layers:
      - id: ball
        art: shapes/circle.svg
        at: [0.5, 0.5]
        height: 0.5
        animate: {x: [-0.5, 0], duration: 1, ease: linear}
    hotspots:
      - {at: [0.5, 0.5], radius: 0.2, label: {en: "Ball", es: "Pelota"}, highlight: ball}
  - id: second
    text:
      kids: {en: "A green bar.", es: "Una barra verde."}
      parents: {en: "A green bar for parents.", es: "Una barra verde para padres."}
    layers:
      - {art: shapes/wide.svg, at: [0.5, 0.5], height: 0.3}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "scenes" / name
    path.write_text(dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return path


def load(folder: Path) -> Library:
    return load_library(folder / "scenes", folder / "art", ("en", "es"), "en", shown_base=folder)


def messages(lib: Library) -> list[str]:
    return [str(p) for p in lib.problems]
