"""Words too long for their room are never cut silently (issue 12, "smaller ones"): `kiosk check` warns at the
file:line with a fix, the staff menu lists a caption the kiosk drew cut, and a line drawn unwrapped never makes
a picture wider than its room, however long its text."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import GOOD_SCENE, write
from kiosk_driver import Kiosk

from kiosk.cli import main
from kiosk.draw.fonts import default_fonts
from kiosk.draw.text import clip_to_width

REPO = Path(__file__).resolve().parent.parent
LONG = " ".join(["The little tooth has a soft middle called the pulp, and the dentist keeps it comfy."] * 16)
LONG_LABEL = "A very long label for one part of the tooth that goes on and on " * 2


def _line_of(text: str, words: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if words in line)


@pytest.fixture()
def in_content(content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(content)
    return content


def test_check_warns_at_the_line_of_a_caption_too_long_for_its_panel(in_content: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # Given a scene whose first children's caption (in English) needs more room than its panel has at any size
    scene = GOOD_SCENE.replace('"A pink ball."', f'"{LONG}"')
    write(in_content, "demo.yaml", scene)
    line = _line_of(scene, LONG)
    # When staff check the folder
    assert main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    # Then one warning names that line, the sizes it is cut at, and what to do
    cut = [line for line in out if "too long for its panel" in line]
    assert cut == [f"scenes/demo.yaml:{line}:18: warning: the kids' caption of step 'first' (en) is too long for its panel "
                   "at 1280x720, 1280x800, 1920x1080, 1080x1920, 3840x2160: its last words would not show. Shorten "
                   "it (or the scene's title above it)"]


def test_check_warns_at_the_line_of_a_label_wider_than_the_picture(in_content: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # Given a parents' label longer than the picture is wide
    scene = GOOD_SCENE + f'    labels:\n      - {{text: {{en: "{LONG_LABEL.strip()}"}}, at: [0.5, 0.2]}}\n'
    write(in_content, "demo.yaml", scene)
    # When staff check the folder
    main(["check"])
    out = capsys.readouterr().out.splitlines()
    # Then the label's line is named, with a fix
    cut = [line for line in out if "wider than the picture" in line]
    assert len(cut) == 1 and cut[0].startswith(f"scenes/demo.yaml:{_line_of(scene, LONG_LABEL.strip())}:")
    assert cut[0].endswith("Shorten it")


def test_the_shipped_scenes_fit_at_every_supported_size(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # Given the shipped content / When it is checked / Then no text is cut anywhere
    monkeypatch.chdir(REPO)
    main(["check"])
    out = capsys.readouterr().out
    assert "too long for its panel" not in out and "wider than the picture" not in out


def test_the_staff_menu_lists_a_caption_drawn_cut(tmp_path: Path) -> None:
    # Given a kiosk whose scene has a caption too long for its panel
    (tmp_path / "scenes").mkdir()
    write(tmp_path, "alpha.yaml", GOOD_SCENE.replace("id: demo", "id: alpha").replace('"A pink ball."', f'"{LONG}"')
          .replace("shapes/circle.svg", "tooth/enamel.svg").replace("shapes/wide.svg", "tooth/enamel.svg"))
    kiosk = Kiosk(tmp_path)
    # When that step is shown
    kiosk.open_scene("alpha")
    kiosk.frames(10)
    # Then the staff menu's problems name its file and step, and say what to do
    lines = [str(p) for p in kiosk.app.ctx.all_problems() if "too long for its panel" in str(p)]
    assert len(lines) == 1
    assert lines[0].startswith("scenes/alpha.yaml: warning: the caption of step 'first' is too long for its panel")
    assert "shorten it" in lines[0]


def test_a_line_drawn_unwrapped_is_never_wider_than_its_room() -> None:
    # Given a font and a line of a million letters (what a 1 MB caption once became)
    pygame.font.init()
    font = default_fonts(REPO / "art").get(40, bold=True)
    line = "W" * 1_000_000
    # When it is fitted to a 600 px room
    shown = clip_to_width(line, font, 600)
    # Then its picture is at most 600 px wide and ends with an ellipsis to say it goes on
    assert shown.endswith("\u2026") and font.size(shown)[0] <= 600
    assert font.render(shown, True, (0, 0, 0)).get_width() <= 600
    # ...and a line that fits is left as it is
    assert clip_to_width("Enamel", font, 600) == "Enamel"
