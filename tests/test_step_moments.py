"""What a step is known to draw before it shows (kiosk/draw/render.py step_moments): its pictures are asked for
from it, off the main loop, so a step's first frames never show a part blank; and its caption is laid out
before it shows, so the step change only blits it."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _at_help_the_dentists_first_step(tmp_path: Path,  # type: ignore[no-untyped-def]
                                     size: tuple[int, int] = (1280, 720)):
    """The real app headless, on help-the-dentist's first step, waiting for the child."""
    import shutil
    from kiosk_driver import Kiosk
    (tmp_path / "scenes").mkdir()
    shutil.copy(REPO / "scenes" / "help-the-dentist.yaml", tmp_path / "scenes")
    kiosk = Kiosk(tmp_path, size=size)
    kiosk.app.nav.play("help-the-dentist")
    kiosk.frames(12)
    kiosk.press_button("feel-happy")
    kiosk.frames(20)
    assert kiosk.screen == "scene" and kiosk.app.nav.screen.index == 0
    return kiosk


def test_a_childs_turn_gets_the_next_steps_pictures_made_while_it_moves(tmp_path: Path) -> None:
    # Given a game's first step waiting for the child: its hint and target keep the screen moving
    kiosk = _at_help_the_dentists_first_step(tmp_path)
    screen = kiosk.app.nav.screen
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


def _layouts_to_show_captions(kiosk, monkeypatch: pytest.MonkeyPatch) -> int:  # type: ignore[no-untyped-def]
    """Draw this step's caption and the second step's, as the screen and the step change will: how many caption
    panels that lays out."""
    import pygame

    import kiosk.draw.render as render
    laid_out = [0]
    lay_out = render.caption_panel

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        laid_out[0] += 1
        return lay_out(*args, **kwargs)
    monkeypatch.setattr(render, "caption_panel", counted)
    screen, ctx = kiosk.app.nav.screen, kiosk.app.ctx
    for player in (screen.player, screen._upcoming()):
        ctx.renderer.draw_caption(pygame.Surface(ctx.layout.screen[2:]), player.caption,
                                  ctx.layout.caption, ctx.session.audience, ctx.layout, heading=screen._title(),
                                  footer=screen._footer())
    return laid_out[0]


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)])   # portrait: a panel is 3 MiB, the widest
def test_a_childs_turn_lays_out_the_next_steps_caption_while_it_moves(tmp_path: Path, size: tuple[int, int],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a game's first step that has moved for two seconds with nobody touching
    kiosk = _at_help_the_dentists_first_step(tmp_path, size)
    kiosk.frames(60)
    assert kiosk.app.nav.screen.moving(kiosk.app.nav.t)
    # When its caption and the second step's are drawn / Then both were laid out already, one kept beside the
    # other: the step change only blits the new one, and this step's caption, redrawn as each word is read, too
    assert _layouts_to_show_captions(kiosk, monkeypatch) == 0


def test_a_step_just_begun_has_not_laid_out_the_next_caption(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the same step just begun / When both captions are drawn / Then the second step's is laid out now
    kiosk = _at_help_the_dentists_first_step(tmp_path)
    assert _layouts_to_show_captions(kiosk, monkeypatch) == 1
