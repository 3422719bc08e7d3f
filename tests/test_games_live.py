"""Games on the live screen, held to a plain whole redraw of the same moment (tests/live_screen.py): a child plays
each game, and at each step's start, half way through the gesture, at success and after, the live kiosk shows what
a whole redraw would. (The stories are checked in test_live_screen.py.)"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from kiosk.interactions import TurnPlayer
from kiosk.interactions.demo import way_through
from live_screen import Twin

GAMES = ("help-the-dentist", "wash-away-sugar-bugs", "brush-like-a-champion")
FRAME = 1 / 30


def do_the_turn(twin: Twin, player: TurnPlayer, where: str) -> None:
    """The child's touches, into both twins at their times; compared half way and at the end of the gesture."""
    sx, sy, sw, sh = twin.live.ctx.layout.stage
    w, h = twin.live.display.get_size()
    kinds = {"down": pygame.FINGERDOWN, "move": pygame.FINGERMOTION, "up": pygame.FINGERUP}
    touches = way_through(player.turn)
    last = 0.0
    for n, touch in enumerate(touches):
        steps = max(1, round((touch.t - last) / FRAME))
        twin.frames(steps, (touch.t - last) / steps if touch.t > last else FRAME)
        last = touch.t
        x, y = twin._physical(sx + touch.x * sw, sy + touch.y * sh)
        twin.post(kinds[touch.kind], touch_id=1, finger_id=0, x=x / w, y=y / h, dx=0.0, dy=0.0, pressure=1.0)
        if n == len(touches) // 2:
            twin.frames(1)
            twin.check(f"{where}: half way through the gesture")
    twin.frames(1)
    twin.check(f"{where}: the gesture's last touch")


@pytest.mark.parametrize("game", GAMES)
def test_a_game_played_looks_as_a_whole_redraw_would(tmp_path: Path, game: str) -> None:
    # Given the live kiosk and its plain twin, a game opened and a face chosen on both
    twin = Twin(tmp_path, (960, 540), settle_art=True)
    twin.each(lambda app: app.nav.play(game))
    twin.frames(12)
    twin.check(f"{game}: How do you feel?")
    twin.press("feel-happy")
    twin.frames(40)
    # When the child does each step (and the hint shows first on one of them)
    while twin.screen == "scene":
        screen = twin.live.nav.screen
        index, player = screen.index, screen.player
        where = f"{game} step {index + 1}"
        twin.frames(6)
        twin.check(f"{where}: its start")
        if index == 0:
            twin.wait(player.turn.spec.hint_after + 0.5)
            twin.check(f"{where}: the hint")
        if isinstance(player, TurnPlayer) and player.waiting:
            do_the_turn(twin, player, where)
            twin.frames(8)
            twin.check(f"{where}: the cheer")
        while twin.screen == "scene" and twin.live.nav.screen is screen and screen.index == index:
            twin.frames(1, 0.25)
        twin.frames(2)
        twin.assert_same_state()
    # Then every moment matched, and the game ended on "How do you feel?"
    assert twin.screen == "feelings"
    twin.frames(12)
    twin.check(f"{game}: How do you feel? after")
