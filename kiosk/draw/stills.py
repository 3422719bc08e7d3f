"""Still pictures of steps for `kiosk render`: one step at a moment, or every step plus contact sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

import pygame

from kiosk.content.language import pick
from kiosk.content.library import Library
from kiosk.content.words import Words
from kiosk.draw.layout import scene_layout
from kiosk.draw.palette import PLUM
from kiosk.draw.render import Renderer, build_renderer
from kiosk.motion.player import StepPlayer, visible_steps

SETTLE_MARGIN = 0.05
SHEET_COLUMNS = 3
SHEET_THUMB = (640, 360)


def make_renderer(lib: Library, art_dir: Path) -> Renderer:
    return build_renderer(lib.art.get, art_dir)


def still(renderer: Renderer, lib: Library, scene_id: str, step_number: int, at: Optional[float],
          size: tuple[int, int], lang: str, audience: str) -> pygame.Surface:
    """The step as the kiosk shows it `at` seconds in (default: once its animation has settled)."""
    scene = lib.scenes[scene_id]
    steps = visible_steps(scene, audience)
    step = steps[step_number - 1]
    player = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
    t = at if at is not None else player.settled_at() + SETTLE_MARGIN
    surface = pygame.Surface(size)
    words = Words(lib.ui_texts, lib.default_lang)
    footer = words.get("disclaimer", lang) if audience == "parents" else ""
    renderer.draw_step(surface, player.frame(t), scene_layout(*size), audience,
                       heading=pick(scene.title, lang, lib.default_lang), footer=footer)
    return surface


def render_one(lib: Library, art_dir: Path, scene_id: str, step_number: int, at: Optional[float],
               size: tuple[int, int], lang: str, audience: str, output: Path) -> Optional[str]:
    """Write one PNG; returns a message for the person if the request cannot be met."""
    steps = visible_steps(lib.scenes[scene_id], audience)
    if not 1 <= step_number <= len(steps):
        return f"scene '{scene_id}' has steps 1 to {len(steps)} for {audience}; --step {step_number} is outside"
    surface = still(make_renderer(lib, art_dir), lib, scene_id, step_number, at, size, lang, audience)
    output.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(output))
    return None


def render_all(lib: Library, art_dir: Path, out: Path, size: tuple[int, int], audiences: Iterable[str],
               langs: Iterable[str], write_steps: bool = True) -> int:
    """Every step of every scene as settled stills, plus a contact sheet per scene, audience and language."""
    renderer = make_renderer(lib, art_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for scene_id, scene in lib.scenes.items():
        for audience in audiences:
            for lang in langs:
                frames = []
                for n in range(1, len(visible_steps(scene, audience)) + 1):
                    frame = still(renderer, lib, scene_id, n, None, size, lang, audience)
                    frames.append(thumbnail(frame, size))   # keep only the sheet's small copy: 150 steps at
                    # full size once held 835 MB
                    if write_steps:
                        path = out / scene_id / f"{audience}-{lang}" / f"{n:02d}.png"
                        path.parent.mkdir(parents=True, exist_ok=True)
                        pygame.image.save(frame, str(path))
                        written += 1
                sheet = contact_sheet(frames, renderer, size)
                pygame.image.save(sheet, str(out / f"{scene_id}-{audience}-{lang}.png"))
                written += 1
    return written


def thumbnail(frame: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    """The frame at the contact sheet's thumbnail size."""
    tw = SHEET_THUMB[0]
    return pygame.transform.smoothscale(frame, (tw, round(tw / (size[0] / size[1]))))


def contact_sheet(frames: list[pygame.Surface], renderer: Renderer, size: tuple[int, int]) -> pygame.Surface:
    """Numbered thumbnails of a scene's steps in a grid."""
    aspect = size[0] / size[1]
    tw = SHEET_THUMB[0]
    th = round(tw / aspect)
    gap = 16
    cols = min(SHEET_COLUMNS, max(1, len(frames)))
    rows = (len(frames) + cols - 1) // cols
    sheet = pygame.Surface((cols * (tw + gap) + gap, rows * (th + gap) + gap))
    sheet.fill((245, 241, 252))
    font = renderer.fonts.get(28, bold=True)
    for i, frame in enumerate(frames):
        x = gap + (i % cols) * (tw + gap)
        y = gap + (i // cols) * (th + gap)
        sheet.blit(frame if frame.get_size() == (tw, th) else pygame.transform.smoothscale(frame, (tw, th)), (x, y))
        badge = font.render(str(i + 1), True, (255, 255, 255))
        r = badge.get_height() // 2 + 6
        pygame.draw.circle(sheet, PLUM, (x + r + 6, y + r + 6), r)
        sheet.blit(badge, badge.get_rect(center=(x + r + 6, y + r + 6)))
    return sheet
