"""Draws a step frame onto a surface. This, with the app loop, is the only code that touches pixels.

Longer than 400 lines because a frame's display-list items and the caches that make them cheap belong together.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Iterator, Optional

import pygame

from kiosk.draw.art_store import ArtStore
from kiosk.draw.assets import CACHE_BYTES, POINT_WAIT, ArtLookup, AssetCache, Fonts, Lookup, default_fonts
from kiosk.draw.blit import blit_faded, revealed, stretched
from kiosk.draw.display_list import Item, Layered, item, paint
from kiosk.draw.layout import Rect, SceneLayout
from kiosk.draw.palette import parse_color
from kiosk.draw.panels import OverlayPlaces, callout_picture, caption_panel, label_picture, overlay_keep_out, \
    place_overlays
from kiosk.draw.picture_cache import PictureCache
from kiosk.draw.raster_worker import RasterWorker
from kiosk.draw.caption_words import lit_word_picture
from kiosk.motion.player import DrawLayer, StepFrame, StepPlayer

COMPOSE_AFTER = 3   # frames an arrangement of still layers must last before it is composed into one picture


class Renderer:
    """Draws frames. What does not move is composed once and kept: the background with the still layers
    beneath the first moving one, runs of still layers between moving ones, the caption panel and labels.
    A frame then costs a few blits plus the layers that really move."""

    # Screens may skip drawing what they know will be covered (a step transition's first frame). The plain
    # reference renderer says False, so the twin tests hold every such shortcut to a whole redraw.
    shortcuts = True
    snapshot_lends = 0

    def __init__(self, assets: AssetCache, fonts: Fonts, memory_scale: float = 1.0) -> None:
        self.assets = assets
        self.fonts = fonts
        mb = int(1024 * 1024 * memory_scale)  # budgets below are for 1080p; bigger screens get more
        self._bases = PictureCache(2, 17 * mb)      # background + leading still layers, full screen, opaque
        self._runs = PictureCache(24, 12 * mb)      # runs of still layers, cropped to what they cover
        self._panels = PictureCache(8, 7 * mb)      # caption panels with their words: this step's and the next's
        self._labels = PictureCache(48, 3 * mb)     # parents' labels (pill + text) and tapped parts' bubbles
        self._places: dict[tuple, OverlayPlaces] = {}   # where those go, per arrangement of them
        self._base_keys: dict[tuple, Layered] = {}       # the base item's key (with its parts' rects), per base
        self._kept = PictureCache(112, 16 * mb)     # buttons in each look, the top bar's band: small pictures made once
        self._seen_key: Optional[tuple] = None
        self._composed = False
        self._seen_count = 0
        self._run_seen: dict[tuple, int] = {}
        self._snapshot: Optional[pygame.Surface] = None
        self._moment_memo: dict[tuple, tuple] = {}   # a step's moments, looked at for the pictures they need

    def warm(self, frame: StepFrame, layout: SceneLayout, audience: str, heading: str = "", footer: str = "") -> None:
        """Draw a frame nobody sees, so its art is rasterised and its still parts composed before they are
        needed: call it while the screen is still (the next step), and the step change costs a blit."""
        if self.preload([frame], layout.stage, layout.screen):
            return   # its pictures are still being made: composing blanks now would only be thrown away
        scratch = pygame.Surface((layout.screen[2], layout.screen[3]))  # freed on return: memory is the scarcer
        for _ in range(COMPOSE_AFTER + 4):  # one composition per draw: enough draws for the base and its runs
            self.draw_step(scratch, frame, layout, audience, heading=heading, footer=footer)

    def preload(self, frames: list[StepFrame], stage: Rect, screen: Rect, urgent: bool = False) -> bool:
        """Rasterise the art (and focus outlines and dimmed looks) these frames will need, without composing
        anything. With a raster worker this only asks for them (`urgent`: for the screen about to show);
        True if some are still on their way."""
        asked: set[tuple] = set()   # a step's 24 moments repeat most pictures: each is looked up once
        with self.assets.ahead(urgent) as waiting:
            for frame in frames:
                if not frame.background.startswith("#") and frame.background not in asked:
                    asked.add(frame.background)
                    self.assets.picture(frame.background, self._cover_size(frame.background, screen))
                for layer in frame.layers:
                    size, _ = self._raster_size(layer, stage)
                    want = (layer.art, size, layer.focus > 0.01, layer.mute > 0.01)
                    if want in asked:
                        continue
                    asked.add(want)
                    self.assets.sprite(layer.art, size)
                    if layer.focus > 0.01:
                        self.assets.ring(layer.art, size, _ring_width(stage))
                    if layer.mute > 0.01:
                        self.assets.muted(layer.art, size)
        return bool(waiting)

    def ask_step(self, player: StepPlayer, layout: SceneLayout) -> None:
        """A known point: a step is about to show. Its pictures are asked for now (rasterised off the main loop)
        and its first frame waits for them, bounded (kiosk/draw/assets.py)."""
        self.assets.known_point()
        self.preload(self._moments(player, layout), layout.stage, layout.screen, urgent=True)

    def ask_ahead(self, player: StepPlayer, layout: SceneLayout) -> None:
        """Ask for every picture a step will need, while the screen is still (the next step)."""
        self.preload(self._moments(player, layout), layout.stage, layout.screen)

    def asking_ahead(self, player: StepPlayer, layout: SceneLayout, per_part: int = 1) -> Iterator[None]:
        """Ask for every picture a step will need (the next step), a little at a time: each part works out
        `per_part` of the step's moments (1-2 ms each; a child's turn takes 30-40 ms for all 25) and asks for
        their pictures, then yields, so a caller spreads it over frames of a screen that keeps moving. The
        moments are kept for the step change (`ask_step`), as `ask_ahead` keeps them."""
        key = self._moment_key(player, layout)
        found = self._moment_memo.get(key)
        if found is not None and found[0] is player.step:
            self.preload(found[1], layout.stage, layout.screen)
            return
        times = moment_times(player)
        frames: list[StepFrame] = []
        for i in range(0, len(times), per_part):
            part = [player.frame(at) for at in times[i:i + per_part]]
            self.preload(part, layout.stage, layout.screen)
            frames += part
            yield
        frames = with_art_to_come(player, frames)
        self.preload(frames[-1:], layout.stage, layout.screen)
        self._keep_moments(key, player, frames)

    def _moment_key(self, player: StepPlayer, layout: SceneLayout) -> tuple:
        return (id(player.step), player.audience, player.lang, layout.screen)

    def _keep_moments(self, key: tuple, player: StepPlayer, frames: list[StepFrame]) -> None:
        if len(self._moment_memo) > 64:
            self._moment_memo.clear()
        self._moment_memo[key] = (player.step, frames)

    def _moments(self, player: StepPlayer, layout: SceneLayout) -> list[StepFrame]:
        """The step's moments, worked out once (10-40 ms; asked again at the step change, they cost only
        the look-ups of pictures already asked for)."""
        key = self._moment_key(player, layout)
        found = self._moment_memo.get(key)
        if found is None or found[0] is not player.step:
            self._keep_moments(key, player, step_moments(player))
            found = self._moment_memo[key]
        return found[1]

    def snapshot_surface(self, size: tuple[int, int]) -> pygame.Surface:
        """One reusable full-screen surface for the picture a transition fades from. Each call counts in
        `snapshot_lends`, so whoever drew into it earlier can tell whether anyone has drawn over it since."""
        self.snapshot_lends += 1
        if self._snapshot is None or self._snapshot.get_size() != size:
            self._snapshot = pygame.Surface(size)
        return self._snapshot

    def clear_caches(self) -> None:
        for cache in (self._bases, self._runs, self._panels, self._labels, self._kept):
            cache.clear()
        self._places.clear()
        self._base_keys.clear()   # the parts' rects are exact only once their pictures are made
        self.snapshot_lends += 1   # art may have changed: a snapshot drawn in advance is stale

    def kept(self, key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        """A small picture made once by `make` and reused while it is drawn (least recently used goes first)."""
        cached = self._kept.get(key)
        if cached is None:
            cached = self._kept.put(key, (make(),))
        return cached[0]

    # --- whole frames ---------------------------------------------------------------------------------
    def draw_step(self, surface: pygame.Surface, frame: StepFrame, layout: SceneLayout, audience: str,
                  heading: str = "", footer: str = "", lit: int = -1) -> None:
        """Background, stage and caption panel: a step as the scene screen shows it, without its buttons."""
        paint(surface, self.step_items(frame, layout, audience, heading, footer, surface.get_size(), lit=lit))

    def step_items(self, frame: StepFrame, layout: SceneLayout, audience: str, heading: str = "",
                   footer: str = "", size: Optional[tuple[int, int]] = None, lit: int = -1) -> list[Item]:
        """The step as display-list items: the background with the still layers beneath the first moving one,
        each moving layer and each run of still layers above it, labels, the tapped part's bubble, the caption."""
        size = size or (layout.screen[2], layout.screen[3])
        lead = 0
        while lead < len(frame.layers) and not frame.layers[lead].moving:
            lead += 1
        self._composed = False  # at most one composition per frame: two would make that frame stutter
        key = (frame.background, layout.screen, layout.stage, frame.layers[:lead], size)
        items = [item(layout.screen, self._base_key(key),
                      lambda surface: self._paint_base(surface, frame, layout, lead, key))]
        items += self.stage_items(frame, layout.stage, layout.unit, skip=lead, size=size,
                                  keep_out=overlay_keep_out(layout))
        if frame.caption:
            shadow = layout.unit // 2
            x, y, w, h = layout.caption
            items.append(item((x, y, w + shadow, h + shadow),
                              ("caption", frame.caption, layout.caption, audience, heading, footer, layout.unit,
                               layout.screen, lit),   # the word the voice reads is part of what is drawn
                              lambda surface: self.draw_caption(surface, frame.caption, layout.caption, audience,
                                                                layout, heading=heading, footer=footer, lit=lit)))
        return items

    def _base_key(self, key: tuple) -> Layered:
        """The base item's key: its background as the ground and each still layer with where it paints, so a
        layer coming to rest (or starting to move) redraws only its own place, not the whole screen."""
        found = self._base_keys.get(key)
        if found is None:
            background, screen, stage, layers, size = key
            parts = tuple((layer, tuple(self.layer_bounds(layer, stage))) for layer in layers)
            if len(self._base_keys) >= 16:
                self._base_keys.clear()
            found = self._base_keys[key] = Layered(("base", background, screen, stage, size), parts)
        return found

    def _paint_base(self, surface: pygame.Surface, frame: StepFrame, layout: SceneLayout, lead: int,
                    key: tuple) -> None:
        """The background and the still layers beneath the first moving one: one blit once composed."""
        cached = self._bases.get(key)
        if cached is None and self._settled(key):
            self._composed = True
            spare = self._bases.spare
            self._bases.spare = None
            # Reuse a let-go base: a fresh full-screen surface costs its allocation and first-touch page faults.
            base = spare if spare is not None and spare.get_size() == key[-1] else pygame.Surface(key[-1])
            self.draw_background(base, frame.background, layout.screen)
            for layer in frame.layers[:lead]:
                self.draw_layer(base, layer, layout.stage)
            cached = self._bases.put(key, (base,))
        if cached is not None:
            surface.blit(cached[0], (0, 0))
            return
        self.draw_background(surface, frame.background, layout.screen)
        clip = surface.get_clip()
        for layer in frame.layers[:lead]:   # a part wholly outside the clip (the bars of a fade's first frame)
            if self.layer_bounds(layer, layout.stage).colliderect(clip):   # would only be turned and thrown away
                self.draw_layer(surface, layer, layout.stage)

    def stage_items(self, frame: StepFrame, stage: Rect, unit: int, skip: int = 0,
                    size: Optional[tuple[int, int]] = None, keep_out: tuple[Rect, ...] = ()) -> list[Item]:
        """The layers from `skip` on (each moving one alone, each run of still ones together), then labels and
        the callout, as display-list items."""
        size = size or (stage[0] + stage[2], stage[1] + stage[3])
        items = []
        layers = frame.layers
        i = skip
        while i < len(layers):
            j = i + 1
            if not layers[i].moving:
                while j < len(layers) and not layers[j].moving:
                    j += 1
            run = layers[i:j]
            if len(run) == 1:
                layer = run[0]
                items.append(item(self.layer_bounds(layer, stage), ("layer", layer, stage),
                                  lambda surface, layer=layer: self.draw_layer(surface, layer, stage)))
            else:
                box = self.layer_bounds(run[0], stage).unionall([self.layer_bounds(r, stage) for r in run[1:]])
                items.append(item(box, ("run", run, stage),
                                  lambda surface, run=run: self._paint_run(surface, run, stage, size)))
            i = j
        places = self.overlay_places(frame, stage, unit, keep_out)
        for label, box in zip(frame.labels, places.labels):
            items.append(self._made_once_item(("label", label.text, box, label.point, stage, unit),
                                              lambda label=label, box=box: label_picture(self.fonts, label, stage,
                                                                                          unit, box),
                                              label.opacity))
        if frame.callout is not None and places.callout is not None:
            callout, box = frame.callout, places.callout
            items.append(self._made_once_item(("callout", callout.title, callout.explain, box, stage, unit),
                                              lambda: callout_picture(self.fonts, callout, stage, unit, box),
                                              callout.opacity))
        return items

    def overlay_places(self, frame: StepFrame, stage: Rect, unit: int, keep_out: tuple[Rect, ...] = ()) -> OverlayPlaces:
        """Where the frame's labels and bubble go (kiosk/draw/label_layout.py), worked out once per arrangement."""
        if not frame.labels and frame.callout is None:
            return OverlayPlaces((), None)
        key = (tuple((label.text, label.at, label.point) for label in frame.labels),
               None if frame.callout is None else (frame.callout.title, frame.callout.explain, frame.callout.at),
               stage, unit, keep_out)
        places = self._places.get(key)
        if places is None:
            places = place_overlays(self.fonts, frame.labels, frame.callout, stage, unit, keep_out)
            if len(self._places) >= 64:
                self._places.clear()
            self._places[key] = places
        return places

    def _paint_run(self, surface: pygame.Surface, run: tuple[DrawLayer, ...], stage: Rect,
                   size: tuple[int, int]) -> None:
        cached = self._still_run(run, stage, size)
        if cached is not None:
            surface.blit(*cached)
            return
        for layer in run:
            self.draw_layer(surface, layer, stage)

    def _made_once_item(self, key: tuple, make: Callable[[], tuple], opacity: float) -> Item:
        """A picture made the first time `key` is drawn and kept while it is used, faded by blit alpha."""
        picture, at = self._made_once(key, make)
        return item((at[0], at[1], picture.get_width(), picture.get_height()), (key, round(opacity * 255)),
                    lambda surface: blit_faded(surface, picture, at, opacity))

    def _made_once(self, key: tuple, make: Callable[[], tuple]) -> tuple:
        cached = self._labels.get(key)
        if cached is None:
            cached = self._labels.put(key, make())
        return cached[0], cached[1]

    def _settled(self, key: tuple) -> bool:
        """True once the same still arrangement has been drawn a few frames running: composing it pays off
        only if it will be reused, and composing every passing arrangement would make frames stutter."""
        if key == self._seen_key:
            self._seen_count += 1
        else:
            self._seen_key, self._seen_count = key, 1
        return self._seen_count >= COMPOSE_AFTER

    def _still_run(self, run: tuple[DrawLayer, ...], stage: Rect, size: tuple[int, int]) -> Optional[tuple]:
        """Still layers composed into one picture, cropped to what they cover; None until it is worth making."""
        key = (run, stage, size)
        cached = self._runs.get(key)
        if cached is None:
            seen = self._run_seen.get(key, 0) + 1
            self._run_seen[key] = seen
            if len(self._run_seen) > 256:
                self._run_seen.clear()
            if seen < COMPOSE_AFTER or self._composed:
                return None
            self._composed = True
            box = self.layer_bounds(run[0], stage).unionall([self.layer_bounds(layer, stage) for layer in run[1:]])
            box = box.clip(pygame.Rect(0, 0, *size))
            canvas = pygame.Surface(box.size, pygame.SRCALPHA)
            moved = (stage[0] - box.x, stage[1] - box.y, stage[2], stage[3])
            for layer in run:
                self.draw_layer(canvas, layer, moved)
            cached = self._runs.put(key, (canvas, box.topleft))
        return cached[0], cached[1]

    # --- pieces ---------------------------------------------------------------------------------------
    def draw_background(self, surface: pygame.Surface, background: str, rect: Rect) -> None:
        x, y, w, h = rect
        if background.startswith("#"):
            surface.fill(parse_color(background), rect)
            return
        surface.fill((223, 243, 255), rect)
        picture = self.assets.picture(background, self._cover_size(background, rect))
        # Narrow the clip to the rect, never widen it: whoever called may be painting only part of the screen.
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(rect).clip(clip))
        surface.blit(picture, (x + (w - picture.get_width()) // 2, y + (h - picture.get_height()) // 2))
        surface.set_clip(clip)

    def _cover_size(self, background: str, rect: Rect) -> tuple[int, int]:
        """The size at which a background picture covers the whole rect, keeping its shape."""
        w, h = rect[2], rect[3]
        info = self.assets.lookup(background)
        aspect = info.aspect if info else w / max(h, 1)
        if w / max(h, 1) > aspect:
            return (w, int(w / aspect) + 1)
        return (int(h * aspect) + 1, h)

    def layer_bounds(self, layer: DrawLayer, stage: Rect) -> pygame.Rect:
        """Everything a layer may paint (picture, focus outline, stretch, rotation). Exact for the cut-out picture
        when it is already rasterised; otherwise the whole picture's box, from the layer's geometry alone."""
        w, h = self.layer_pixels(layer, stage)
        size, factor = self._raster_size(layer, stage)
        factor = max(factor, 0.0)
        sprite = self.assets.known_sprite(layer.art, size)
        if sprite is not None:
            box_w, box_h = sprite.surface.get_width() * factor, sprite.surface.get_height() * factor
            full_w, full_h = sprite.full[0] * factor, sprite.full[1] * factor
            dx, dy = sprite.offset[0] * factor, sprite.offset[1] * factor
        else:
            box_w = full_w = w * max(layer.scale, 0.0)
            box_h = full_h = h * max(layer.scale, 0.0)
            dx = dy = 0.0
        box_w, box_h = box_w * layer.scale_x, box_h * layer.scale_y
        cx, cy = placed_centre(layer, stage, (full_w, full_h), (dx, dy))
        if abs(layer.rotate) > 0.05:
            angle = math.radians(layer.rotate)
            cos, sin = abs(math.cos(angle)), abs(math.sin(angle))
            box_w, box_h = box_w * cos + box_h * sin, box_w * sin + box_h * cos
        spread = _ring_width(stage) + 3 if layer.focus > 0.01 else 3
        return pygame.Rect(int(cx - box_w / 2) - spread, int(cy - box_h / 2) - spread, int(box_w) + spread * 2 + 2,
                           int(box_h) + spread * 2 + 2)

    def layer_pixels(self, layer: DrawLayer, stage: Rect) -> tuple[int, int]:
        return max(1, round(layer.width * stage[2])), max(1, round(layer.height * stage[3]))

    def _raster_size(self, layer: DrawLayer, stage: Rect) -> tuple[tuple[int, int], float]:
        """The size the layer's art is rasterised at, and the stretch applied when it is drawn. A layer growing
        or shrinking is drawn from its full-size picture, stretched: rasterising every in-between size would
        stutter. A layer at rest at another scale is rasterised at that scale, sharp. (Squash and stretch,
        `scale_x` and `scale_y`, are always a stretch of this picture.)"""
        w, h = self.layer_pixels(layer, stage)
        if layer.moving and abs(layer.scale - 1) > 1e-3:
            return (w, h), layer.scale
        return (max(1, round(w * layer.scale)), max(1, round(h * layer.scale))), 1.0

    def draw_layer(self, surface: pygame.Surface, layer: DrawLayer, stage: Rect) -> None:
        if layer.scale <= 0.001 or layer.reveal <= 0.001 or min(layer.scale_x, layer.scale_y) <= 0.001:
            return
        if layer.opacity <= 0.003:
            return
        size, factor = self._raster_size(layer, stage)
        sprite = self.assets.sprite(layer.art, size)
        picture = sprite.surface
        muted = self.assets.muted(layer.art, size) if layer.mute > 0.01 else None
        ring = self.assets.ring(layer.art, size, _ring_width(stage)) if layer.ring > 0.01 else None
        if layer.reveal < 0.999:
            keep = revealed_box(picture.get_size(), (sprite.left, sprite.top), sprite.full, layer.reveal,
                                layer.reveal_from)
            picture = revealed(picture, keep)
            muted = revealed(muted, keep) if muted is not None else None
            ring = None   # an outline around half a picture would draw its cut edge
        sx, sy = factor * layer.scale_x, factor * layer.scale_y
        if abs(sx - 1) > 1e-4 or abs(sy - 1) > 1e-4:
            picture = stretched(picture, sx, sy)
            muted = stretched(muted, sx, sy) if muted is not None else None
            ring = stretched(ring, sx, sy) if ring is not None else None
        full = (sprite.full[0] * factor, sprite.full[1] * factor)
        plain = abs(layer.rotate) <= 0.05 and abs(layer.scale_x - 1) <= 1e-4 and abs(layer.scale_y - 1) <= 1e-4
        if plain:
            # Unturned: place by the top left corner, as the whole picture would be, so edges fall on the same
            # pixels as drawing the whole picture (rounding the cut-out's own centre can shift it half a pixel).
            x = round(stage[0] + layer.cx * stage[2] - full[0] / 2 + sprite.left * factor)
            y = round(stage[1] + layer.cy * stage[3] - full[1] / 2 + sprite.top * factor)
            cx, cy = x + picture.get_width() / 2, y + picture.get_height() / 2
        else:
            cx, cy = placed_centre(layer, stage, full, (sprite.offset[0] * factor, sprite.offset[1] * factor))
        if abs(layer.rotate) > 0.05:
            picture = pygame.transform.rotozoom(picture, -layer.rotate, 1.0)
            muted = pygame.transform.rotozoom(muted, -layer.rotate, 1.0) if muted is not None else None
            ring = pygame.transform.rotozoom(ring, -layer.rotate, 1.0) if ring is not None else None
        if ring is not None:
            blit_faded(surface, ring, (cx - ring.get_width() / 2, cy - ring.get_height() / 2),
                       layer.ring * layer.opacity)
        blit_faded(surface, picture, (cx - picture.get_width() / 2, cy - picture.get_height() / 2), layer.opacity)
        if muted is not None:
            blit_faded(surface, muted, (cx - muted.get_width() / 2, cy - muted.get_height() / 2),
                       layer.mute * layer.opacity)

    def draw_caption(self, surface: pygame.Surface, caption: str, rect: Rect, audience: str,
                     layout: SceneLayout, heading: str = "", footer: str = "", lit: int = -1) -> None:
        """The caption panel; with `lit` >= 0 that word (as `caption.split()` counts) is lit, as it is read."""
        if not caption:
            return
        key, cached = self._panel(caption, rect, audience, layout, heading, footer)
        surface.blit(cached[0], (rect[0], rect[1]))
        if 0 <= lit < len(cached[1]):
            surface.blit(*(self._labels.get(("lit", key, lit)) or self._labels.put(("lit", key, lit), lit_word_picture(
                cached[1][lit], self.fonts.get(cached[2], bold=cached[3]), layout.unit, (rect[0], rect[1])))))

    def _panel(self, caption: str, rect: Rect, audience: str, layout: SceneLayout, heading: str,
               footer: str) -> tuple[tuple, tuple]:
        """The caption panel made once per caption, place and look, and its key."""
        key = (caption, rect, audience, heading, footer, layout.unit, layout.screen)
        cached = self._panels.get(key)
        if cached is None:
            cached = self._panels.put(key, caption_panel(self.fonts, caption, rect, audience, layout, heading, footer))
        return key, cached

    def make_caption_ahead(self, caption: str, layout: SceneLayout, audience: str, heading: str = "",
                           footer: str = "") -> None:
        """Lay out a step's caption panel before the step shows (4-6 ms at 1080p, words laid out in one go), so
        the step change only blits it: for a step to come while the screen keeps moving (a child's turn)."""
        if caption:
            self._panel(caption, layout.caption, audience, layout, heading, footer)


def step_moments(player: StepPlayer, samples: int = 24) -> list[StepFrame]:
    """A step's frames from its start to its rest, `samples` of them: what it will draw, so its pictures can
    be asked for before it shows (a layer's raster size changes while it grows or shrinks)."""
    return with_art_to_come(player, [player.frame(at) for at in moment_times(player, samples)])


def moment_times(player: StepPlayer, samples: int = 24) -> list[float]:
    """When `step_moments` looks at the step: its start, its rest, and evenly between."""
    end = min(max(player.settled_at(), 0.0), 30.0)
    return sorted({0.0, end, *(end * i / samples for i in range(1, samples))})


def with_art_to_come(player: StepPlayer, frames: list[StepFrame]) -> list[StepFrame]:
    """A child's turn adds a moment holding what comes when it comes (its hint and stars); other steps none."""
    to_come = getattr(player, "art_to_come", None)
    return frames + [to_come(frames[-1])] if to_come is not None else frames


def placed_centre(layer: DrawLayer, stage: Rect, full: tuple[float, float],
                  offset: tuple[float, float]) -> tuple[float, float]:
    """Where the cut-out's centre lands on screen. The whole picture (`full` pixels) is centred on the layer's
    point, stretched by scale_x and scale_y about its pivot, then turned about the pivot; the cut-out sits
    `offset` from the whole picture's centre."""
    cx, cy = stage[0] + layer.cx * stage[2], stage[1] + layer.cy * stage[3]
    px, py = (layer.pivot[0] - 0.5) * full[0], (layer.pivot[1] - 0.5) * full[1]
    # The pivot stays put; the cut-out's centre moves away from it by the stretch, then turns about it.
    rx, ry = (offset[0] - px) * layer.scale_x, (offset[1] - py) * layer.scale_y
    if abs(layer.rotate) <= 0.05:
        return cx + px + rx, cy + py + ry
    angle = math.radians(layer.rotate)
    cos, sin = math.cos(angle), math.sin(angle)
    # Screen y points down, so this turns clockwise.
    return cx + px + rx * cos - ry * sin, cy + py + rx * sin + ry * cos


def revealed_box(size: tuple[int, int], corner: tuple[int, int], full: tuple[int, int], reveal: float,
                 side: str) -> tuple[int, int, int, int]:
    """The part of a cut-out (`size` pixels, its top left `corner` inside the whole picture of `full` pixels)
    that shows when `reveal` of the whole picture shows from `side`, as (x, y, w, h) in the cut-out."""
    w, h = size
    left, top = corner
    if side == "bottom":
        y0 = min(max(round(full[1] * (1 - reveal) - top), 0), h)
        return (0, y0, w, h - y0)
    if side == "left":
        x1 = min(max(round(full[0] * reveal - left), 0), w)
        return (0, 0, x1, h)
    if side == "right":
        x0 = min(max(round(full[0] * (1 - reveal) - left), 0), w)
        return (x0, 0, w - x0, h)
    y1 = min(max(round(full[1] * reveal - top), 0), h)
    return (0, 0, w, y1)


def _ring_width(stage: Rect) -> int:
    """How wide the focus outline is, in pixels."""
    return max(4, stage[3] // 80)
def _glow_spread(stage: Rect) -> int:
    """How far a glow halo reaches beyond its part, in pixels."""
    return max(4, stage[3] // 40)


def build_renderer(known: Lookup, art_dir: Path, memory_scale: float = 1.0,
                   store: Optional[ArtStore] = None, worker: Optional[RasterWorker] = None,
                   point_wait: float = POINT_WAIT) -> Renderer:
    """A renderer over the art folder: `known` is what the library knows of each art path; budgets are for
    1080p and grow with `memory_scale` (a 4K screen's pictures take four times the memory). With a `store`,
    rasterised art is also kept on disk and found there after a restart or when memory let it go. With a
    `worker`, art is rasterised off the main loop (see kiosk/draw/assets.py)."""
    assets = AssetCache(ArtLookup(known, art_dir), placeholder_svg=art_dir / "ui" / "placeholder.svg",
                        budget_bytes=int(CACHE_BYTES * memory_scale), store=store, worker=worker,
                        point_wait=point_wait)
    return Renderer(assets, default_fonts(art_dir), memory_scale=memory_scale)
