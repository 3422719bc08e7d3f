"""docs/scenes/README.md: every step of every shipped scene has its line (who acts, what they do, what changes)
and its committed motion strip, and no line names a step that is gone."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kiosk.content.model import Scene

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "docs" / "scenes" / "README.md"
STRIP_WIDTH = 960
MAX_STRIP_BYTES = 60_000
# The scenes the strip table covers: every shipped scene but the games (a game step waits for the child, so its
# strips are played by a simulated child: `kiosk render --games`, in the README's games section).
DOCUMENTED = ("meet-your-tooth", "new-tooth", "sugar-bugs", "pulpotomy", "pulpectomy", "pulpotomy-or-pulpectomy",
              "cant-be-saved", "after-your-visit", "big-kid-teeth", "keep-sugar-bugs-away",
              "your-visit", "tooth-pictures", "feel-and-hear", "happy-air", "front-tooth", "what-if-we-wait")


def shipped_steps() -> list[tuple[str, int, str]]:
    out = []
    for file in sorted((ROOT / "scenes").glob("*.yaml")):
        if file.name in ("playlist.yaml", "faq.yaml", "ui.yaml"):
            continue
        scene = Scene.model_validate(yaml.safe_load(file.read_text(encoding="utf-8")), context={"default_lang": "en"})
        if scene.id not in DOCUMENTED:
            continue
        out += [(scene.id, n, step.id) for n, step in enumerate(scene.steps, start=1)]
    return out


def strip_lines() -> dict[str, str]:
    """Strip path → its table line."""
    lines = README.read_text(encoding="utf-8").splitlines()
    return {m.group(1): line for line in lines for m in [re.search(r"!\[\]\((strips/[^)]+)\)", line)] if m}


def test_every_step_has_a_line_with_who_what_and_what_changes_and_a_strip() -> None:
    # Given every step of the shipped scenes, and the strip table
    lines = strip_lines()
    missing, thin = [], []
    for scene_id, n, step_id in shipped_steps():
        strip = f"strips/{scene_id}/{n:02d}-{step_id}.png"
        # When its line is looked for
        line = lines.get(strip)
        if line is None:
            missing.append(strip)
            continue
        # Then it has a step, who acts, what they do, what changes, and the strip: five filled cells
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not all(cells):
            thin.append(strip)
    assert missing == [] and thin == []


def test_every_strip_named_is_committed_small_and_960_wide() -> None:
    import struct
    for strip in strip_lines():
        path = README.parent / strip
        # Then the picture is there, 960 pixels wide (read from its PNG header) and small
        assert path.is_file(), strip
        width = struct.unpack(">I", path.read_bytes()[16:20])[0]
        assert width == STRIP_WIDTH, (strip, width)
        assert path.stat().st_size <= MAX_STRIP_BYTES, (strip, path.stat().st_size)


def test_no_strip_line_names_a_step_that_is_gone() -> None:
    current = {f"strips/{s}/{n:02d}-{i}.png" for s, n, i in shipped_steps()}
    assert sorted(set(strip_lines()) - current) == []
