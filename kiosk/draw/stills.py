"""Still pictures of steps for `kiosk render`: one step at a moment, or every step plus contact sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

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
          size: tuple[int, int], lang: str, audience: str, make_player: Callable = StepPlayer) -> pygame.Surface:
    """The step as the kiosk shows it `at` seconds in (default: once its animation has settled)."""
    scene = lib.scenes[scene_id]
    steps = visible_steps(scene, audience)
    step = steps[step_number - 1]
    # make_player: the app's choice of player (a game step's shows it waiting for the child), injected from above
    player = make_player(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
    t = at if at is not None else player.settled_at() + SETTLE_MARGIN
    surface = pygame.Surface(size)
    words = Words(lib.ui_texts, lib.default_lang)
    footer = words.get("disclaimer", lang) if audience == "parents" else ""
    renderer.draw_step(surface, player.frame(t), scene_layout(*size), audience,
                       heading=pick(scene.title, lang, lib.default_lang), footer=footer)
    return surface


def render_one(lib: Library, art_dir: Path, scene_id: str, step_number: int, at: Optional[float],
               size: tuple[int, int], lang: str, audience: str, output: Path,
               make_player: Callable = StepPlayer) -> Optional[str]:
    """Write one PNG; returns a message for the person if the request cannot be met."""
    steps = visible_steps(lib.scenes[scene_id], audience)
    if not 1 <= step_number <= len(steps):
        return f"scene '{scene_id}' has steps 1 to {len(steps)} for {audience}; --step {step_number} is outside"
    surface = still(make_renderer(lib, art_dir), lib, scene_id, step_number, at, size, lang, audience, make_player)
    output.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(output))
    return None


def render_all(lib: Library, art_dir: Path, out: Path, size: tuple[int, int], audiences: Iterable[str],
               langs: Iterable[str], write_steps: bool = True, make_player: Callable = StepPlayer) -> int:
    """Every step of every scene as settled stills, plus a contact sheet per scene, audience and language."""
    renderer = make_renderer(lib, art_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for scene_id, scene in lib.scenes.items():
        for audience in audiences:
            for lang in langs:
                frames = []
                for n in range(1, len(visible_steps(scene, audience)) + 1):
                    frame = still(renderer, lib, scene_id, n, None, size, lang, audience, make_player)
                    frames.append(thumbnail(frame, size))   # keep only the sheet's small copy: 150 steps at
                    # full size once held 835 MB
                    if write_steps:
                        path = out / scene_id / f"{audience}-{lang}" / f"{n:02d}.png"
                        path.parent.mkdir(parents=True, exist_ok=True)
                        pygame.image.save(frame, str(path))
                        written += 1
                sheet = contact_sheet(frames, renderer, size)
                save_small_png(sheet, out / f"{scene_id}-{audience}-{lang}.png")   # committed: kept small
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


STRIP_POINTS = (0.0, 0.25, 0.5, 0.75, 1.0)   # where in the step's animation a motion strip's frames are taken
STRIP_GAP = 6


def strip_times(settled: float) -> list[float]:
    """The moments of a motion strip: 0, 25, 50, 75 and 100 % of the step's animation (a still step: all 0)."""
    return [settled * p for p in STRIP_POINTS]


def motion_strip(renderer: Renderer, lib: Library, scene_id: str, step_number: int, size: tuple[int, int],
                 lang: str, audience: str, width: int) -> pygame.Surface:
    """The step's stage (pictures only, no words panel) at 0/25/50/75/100 % of its animation, side by side in
    a strip `width` pixels wide, so its motion can be judged from stills."""
    scene = lib.scenes[scene_id]
    step = visible_steps(scene, audience)[step_number - 1]
    player = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
    stage = pygame.Rect(scene_layout(*size).stage)
    cell_w = max(16, (width - STRIP_GAP * (len(STRIP_POINTS) + 1)) // len(STRIP_POINTS))
    cell_h = round(cell_w * stage.height / stage.width)
    strip = pygame.Surface((width, cell_h + STRIP_GAP * 2))
    strip.fill((245, 241, 252))
    for k, t in enumerate(strip_times(player.settled_at())):
        frame = still(renderer, lib, scene_id, step_number, t, size, lang, audience)
        picture = pygame.transform.smoothscale(frame.subsurface(stage), (cell_w, cell_h))
        strip.blit(picture, (STRIP_GAP + k * (cell_w + STRIP_GAP), STRIP_GAP))
    return strip


def save_small_png(surface: pygame.Surface, path: Path) -> None:
    """A PNG of at most 256 colours, compressed hard: strips are committed, so they must stay small."""
    from PIL import Image
    image = Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True)


def render_strips(lib: Library, art_dir: Path, out: Path, size: tuple[int, int], audience: str, lang: str,
                  width: int, scene_ids: Optional[Iterable[str]] = None) -> list[Path]:
    """A motion strip for every step of every scene (or of the scenes named), as out/<scene>/<nn>-<step id>.png,
    as `audience` sees it (a step shown to one audience only, as that audience sees it); returns the files."""
    renderer = make_renderer(lib, art_dir)
    written = []
    for scene_id in (scene_ids or lib.scenes):
        scene = lib.scenes[scene_id]
        for k, step in enumerate(scene.steps, start=1):
            # Every step, so a step for one audience only is drawn as that audience sees it.
            seen_by = step.audience or audience
            n = visible_steps(scene, seen_by).index(step) + 1
            path = out / scene_id / f"{k:02d}-{step.id}.png"
            save_small_png(motion_strip(renderer, lib, scene_id, n, size, lang, seen_by, width), path)
            written.append(path)
    return written
