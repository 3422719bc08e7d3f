"""The monkey's game gestures: what children do at a game step, done right, half done, off target, or with a
second hand joining in. On any other screen it heads for a game (a game tile, a face on "How do you feel?",
a sticker), so the storm spends real time inside games.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from kiosk.interactions import TurnPlayer
from kiosk.interactions.demo import way_through


def game_gesture(monkey: Any) -> None:
    """One game gesture (or a step towards a game) by the monkey `monkey` (a kiosk.tools.monkey.Monkey)."""
    rng = monkey.rng
    screen = monkey.app.nav.screen
    player = getattr(screen, "player", None)
    if not isinstance(player, TurnPlayer) or getattr(screen, "ended_at", None) is not None:
        _towards_a_game(monkey, screen)
        return
    for _ in range(rng.randrange(1, 6)):   # a child at a game stays a while
        if monkey.app.nav.screen is not screen or screen.player is not player:
            break
        monkey.report.game_gestures += 1
        choice = rng.random()
        if choice < 0.45:
            _the_right_way(monkey, player, cut=rng.random() < 0.3, noise=rng.choice([0.0, 0.0, 0.03, 0.15]))
        elif choice < 0.65:
            _rub_anywhere(monkey)
        elif choice < 0.8:
            _hold_somewhere(monkey)
        else:
            _two_hands(monkey, player)
        if player.turn.done_at is not None:
            monkey.report.turns_done += 1
            monkey.frames(rng.randrange(30, 240))   # the cheer, then the next step comes


def _towards_a_game(monkey: Any, screen: Any) -> None:
    rng = monkey.rng
    names = [b.name for b in getattr(screen, "buttons", [])]
    games = [n for n in names if n.startswith("tile-") and _is_game(monkey, n[5:])]
    faces = [n for n in names if n.startswith(("feel-", "sticker-"))]
    if games and rng.random() < 0.9:
        monkey._press(rng.choice(games))
    elif faces and rng.random() < 0.95:
        monkey._press(rng.choice(faces))
    elif "home" in names and rng.random() < 0.7:
        monkey._press("home")   # from a story or another screen, back to the menu and its game tiles
    else:
        monkey.frames(rng.randrange(1, 20))
    monkey.frames(rng.randrange(10, 40))   # the fade to the next screen


def _is_game(monkey: Any, scene_id: str) -> bool:
    scene = monkey.app.ctx.library.scenes.get(scene_id)
    return scene is not None and scene.game


def _at(monkey: Any, x: float, y: float) -> tuple[float, float]:
    """Stage fractions → the physical display's pixels."""
    sx, sy, sw, sh = monkey.app.ctx.layout.stage
    return monkey._to_display(sx + x * sw, sy + y * sh)


def _the_right_way(monkey: Any, player: TurnPlayer, cut: bool, noise: float) -> None:
    """The step's own gesture at its own pace, maybe wobbly, maybe given up half way (the finger just lifts)."""
    rng = monkey.rng
    touches = way_through(player.turn)
    if cut:
        touches = touches[: rng.randrange(1, max(2, len(touches)))]
    kinds = {"down": pygame.FINGERDOWN, "move": pygame.FINGERMOTION, "up": pygame.FINGERUP}
    last = 0.0
    finger = rng.randrange(3)
    for touch in touches:
        gap = touch.t - last
        last = touch.t
        if gap > 0:
            monkey.frames(max(1, round(gap * 60)), gap / max(1, round(gap * 60)))
        x, y = touch.x + rng.uniform(-noise, noise), touch.y + rng.uniform(-noise, noise)
        monkey.finger(kinds[touch.kind], *_at(monkey, x, y), finger)
    if touches and touches[-1].kind != "up":
        monkey.finger(pygame.FINGERUP, *_at(monkey, touches[-1].x, touches[-1].y), finger)
    monkey.frames(rng.randrange(1, 4))


def _rub_anywhere(monkey: Any) -> None:
    """Scrubbing back and forth somewhere on (or off) the stage, fast or slow."""
    rng = monkey.rng
    cx, cy, r = rng.uniform(-0.1, 1.1), rng.uniform(-0.1, 1.1), rng.uniform(0.02, 0.4)
    finger = rng.randrange(3)
    monkey.finger(pygame.FINGERDOWN, *_at(monkey, cx, cy), finger)
    for k in range(rng.randrange(4, 60)):
        angle = k * rng.uniform(0.3, 2.5)
        monkey.finger(pygame.FINGERMOTION, *_at(monkey, cx + r * math.cos(angle), cy + r * math.sin(angle)), finger)
        if k % rng.randrange(1, 4) == 0:
            monkey.frame()
    monkey.finger(pygame.FINGERUP, *_at(monkey, cx, cy), finger)
    monkey.frames(1)


def _hold_somewhere(monkey: Any) -> None:
    """A finger pressed and held still (for a hold, or just resting), from a moment to several seconds."""
    rng = monkey.rng
    x, y = rng.uniform(0, 1), rng.uniform(0, 1)
    finger = rng.randrange(3)
    monkey.finger(pygame.FINGERDOWN, *_at(monkey, x, y), finger)
    monkey.frames(int(rng.uniform(0.1, 5.0) / 0.1) + 1, 0.1)
    monkey.finger(pygame.FINGERUP, *_at(monkey, x, y), finger)
    monkey.frames(1)


def _two_hands(monkey: Any, player: TurnPlayer) -> None:
    """One hand does the gesture while the other lands, wanders and lifts in the middle of it."""
    rng = monkey.rng
    touches = way_through(player.turn)
    stray = (rng.uniform(0, 1), rng.uniform(0, 1))
    kinds = {"down": pygame.FINGERDOWN, "move": pygame.FINGERMOTION, "up": pygame.FINGERUP}
    for k, touch in enumerate(touches):
        monkey.finger(kinds[touch.kind], *_at(monkey, touch.x, touch.y), 0)
        if k == 1:
            monkey.finger(pygame.FINGERDOWN, *_at(monkey, *stray), 1)
        elif k > 1 and rng.random() < 0.3:
            stray = (stray[0] + rng.uniform(-0.1, 0.1), stray[1] + rng.uniform(-0.1, 0.1))
            monkey.finger(pygame.FINGERMOTION, *_at(monkey, *stray), 1)
        if rng.random() < 0.5:
            monkey.frame()
    monkey.finger(pygame.FINGERUP, *_at(monkey, *stray), 1)
    monkey.frames(rng.randrange(1, 4))
