"""What a step is known to draw before it shows (kiosk/draw/render.py step_moments): its pictures are asked for
from it, off the main loop, so a step's first frames never show a part blank."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.library import load_library
from kiosk.draw.render import step_moments
from kiosk.interactions import player_for
from kiosk.interactions.turn_player import HAND_ART, PRESS_HAND_ART, STAR_ART

REPO = Path(__file__).resolve().parent.parent
LIBRARY = load_library(REPO / "scenes", REPO / "art", ("en", "es"), "en")


def test_a_childs_turn_asks_for_its_ghost_hand_and_star_before_it_shows() -> None:
    # Given every step of the shipped games where the child does the step
    turns = [(scene, step, i) for scene in LIBRARY.scenes.values() for i, step in enumerate(scene.steps)
             if step.your_turn is not None]
    assert turns
    for scene, step, i in turns:
        # When its moments are worked out (before the step shows, nobody has touched it yet)
        player = player_for(scene, step, i, LIBRARY.aspect)
        art = {layer.art for frame in step_moments(player) for layer in frame.layers}

        # Then they hold the hand the hint shows and the star a success pops (they come later, by themselves)
        assert {player.hand_art, STAR_ART} <= art, (scene.id, step.id)


def test_an_ordinary_step_asks_only_for_what_it_draws() -> None:
    # Given the first step of meet-your-tooth / When its moments are worked out / Then no game art is among them
    scene = LIBRARY.scenes["meet-your-tooth"]
    player = player_for(scene, scene.steps[0], 0, LIBRARY.aspect)
    art = {layer.art for frame in step_moments(player) for layer in frame.layers}
    assert HAND_ART not in art and PRESS_HAND_ART not in art and art


def test_a_childs_turn_gets_the_next_steps_pictures_made_while_it_moves(tmp_path: Path) -> None:
    # Given a game's first step waiting for the child: its hint and target keep the screen moving
    import shutil
    from kiosk_driver import Kiosk
    (tmp_path / "scenes").mkdir()
    shutil.copy(REPO / "scenes" / "help-the-dentist.yaml", tmp_path / "scenes")
    kiosk = Kiosk(tmp_path)
    kiosk.app.nav.play("help-the-dentist")
    kiosk.frames(12)
    kiosk.press_button("feel-happy")
    kiosk.frames(20)
    screen = kiosk.app.nav.screen
    assert kiosk.screen == "scene" and screen.index == 0
    # When two seconds pass with nobody touching, the screen moving all the while
    for _ in range(60):
        kiosk.frames(1)
        assert screen.moving(kiosk.app.nav.t) and screen.index == 0
    # Then every picture the second step will draw has been asked for: once the worker has made what it was
    # given, asking for them again finds them all made
    assets, renderer, layout = kiosk.app.ctx.assets, kiosk.app.ctx.renderer, kiosk.app.ctx.layout
    assets.settle(30)
    kiosk.frames(1)
    scene = LIBRARY.scenes["help-the-dentist"]
    upcoming = player_for(scene, scene.steps[1], 1, LIBRARY.aspect)
    assert not renderer.preload(step_moments(upcoming), layout.stage, layout.screen)
