"""Motion strips of game steps: each step of a game drawn at five moments of a child playing it (the start, the
hint, half done, the success, after), side by side, for docs/scenes/. Shows what the screen does, without a screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import pygame

from kiosk.content.language import pick
from kiosk.content.library import Library
from kiosk.draw.layout import scene_layout
from kiosk.draw.palette import PLUM
from kiosk.draw.render import Renderer, build_renderer
from kiosk.interactions import TurnPlayer
from kiosk.interactions.demo import way_through
from kiosk.motion.player import visible_steps

THUMB = (320, 180)     # small: five of them side by side stay under 2000 pixels wide
PLAY_FROM = 1.0        # the child's first touch, after the hint has been seen (the hint moment is drawn apart)
LABELS = {"en": ("start", "hint", "doing", "done!", "after"), "es": ("inicio", "pista", "jugando", "¡listo!", "después")}


def _play(player: TurnPlayer, draw: Callable[[float, Optional[tuple[float, float]]], None]) -> None:
    """A child plays the step: `draw(t, finger)` is called at the five moments, in time order, as touches go in."""
    hint_at = player.turn.spec.hint_after + 0.6
    start = hint_at + 0.5
    touches = way_through(player.turn)
    doing = start + touches[-1].t * 0.35
    draw(0.3, None)
    draw(hint_at, None)
    finger: Optional[tuple[float, float]] = None
    drawn = False
    for touch in touches:
        t = start + touch.t
        if not drawn and t > doing:
            draw(doing, finger)
            drawn = True
        getattr(player, f"finger_{touch.kind}")(touch.x, touch.y, t)
        finger = (touch.x, touch.y) if touch.kind != "up" else None
    done = player.turn.done_at if player.turn.done_at is not None else start + touches[-1].t
    draw(done + 0.25, None)
    draw(done + 2.0, None)


def _finger(surface: pygame.Surface, stage: tuple[int, int, int, int], at: tuple[float, float]) -> None:
    """Where the (simulated) finger is: a soft round mark."""
    x, y = stage[0] + at[0] * stage[2], stage[1] + at[1] * stage[3]
    mark = pygame.Surface((80, 80), pygame.SRCALPHA)
    pygame.draw.circle(mark, (61, 44, 94, 90), (40, 40), 34)
    pygame.draw.circle(mark, (255, 255, 255, 200), (40, 40), 34, 5)
    surface.blit(mark, (x - 40, y - 40))


def step_strip(renderer: Renderer, lib: Library, scene_id: str, index: int, size: tuple[int, int], lang: str,
               audience: str = "kids", big: Optional[str] = None) -> pygame.Surface:
    """The five moments of one game step, side by side (`big`: also save each moment whole, as big-N.png)."""
    scene = lib.scenes[scene_id]
    step = visible_steps(scene, audience)[index]
    player = TurnPlayer(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
    layout = scene_layout(*size)
    gap = 10
    strip = pygame.Surface((5 * (THUMB[0] + gap) + gap, THUMB[1] + gap * 2 + 28))
    strip.fill((245, 241, 252))
    font = renderer.fonts.get(20, bold=True)
    frame_surface = pygame.Surface(size)
    drawn: list[int] = []

    def draw(t: float, finger: Optional[tuple[float, float]]) -> None:
        k = len(drawn)
        drawn.append(k)
        renderer.draw_step(frame_surface, player.frame(t), layout, audience,
                           heading=pick(scene.title, lang, lib.default_lang))
        if finger is not None:
            _finger(frame_surface, layout.stage, finger)
        x = gap + k * (THUMB[0] + gap)
        strip.blit(pygame.transform.smoothscale(frame_surface, THUMB), (x, gap))
        label = font.render(LABELS.get(lang, LABELS["en"])[k], True, PLUM)
        strip.blit(label, (x + 4, THUMB[1] + gap + 4))
        if big is not None:
            pygame.image.save(frame_surface, f"{big}-{k}.png")
    _play(player, draw)
    return strip


def write_strips(lib: Library, art_dir: Path, out: Path, size: tuple[int, int] = (1280, 720),
                 langs: tuple[str, ...] = ("en",)) -> list[Path]:
    """One PNG per game step with a turn: `<scene>-<n>-<lang>.png` in `out`."""
    renderer = build_renderer(lib.art.get, art_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for scene_id, scene in lib.scenes.items():
        if not scene.game:
            continue
        for n, step in enumerate(visible_steps(scene, "kids")):
            if step.your_turn is None:
                continue
            for lang in langs:
                path = out / f"{scene_id}-{n + 1}-{lang}.png"
                pygame.image.save(step_strip(renderer, lib, scene_id, n, size, lang), str(path))
                written.append(path)
    return written
