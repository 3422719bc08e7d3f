"""The clinic: name, phone, address, hours, logo, a QR code to take the information home, and the disclaimer."""

from __future__ import annotations

from typing import Optional

import pygame

from kiosk.app.screens.base import Screen, draw_panel, draw_text_block
from kiosk.draw.layout import SceneLayout
from kiosk.draw.palette import PLUM

QUIET_ZONE = 4  # modules of white around a QR code, as the standard asks


def qr_surface(data: str, size: int) -> Optional[pygame.Surface]:
    """A QR code of `data`, black on white, about `size` pixels square; None if it cannot be made."""
    try:
        import segno
        code = segno.make(data, error="m", micro=False)
    except Exception:  # segno missing or data too long: the screen still shows the phone number
        return None
    rows = [list(row) for row in code.matrix]
    modules = len(rows) + QUIET_ZONE * 2
    scale = max(1, size // modules)
    surface = pygame.Surface((modules * scale, modules * scale))
    surface.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), ((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale))
    return surface


class ClinicScreen(Screen):
    name = "clinic"

    def __init__(self, ctx, nav) -> None:  # type: ignore[no-untyped-def]
        self._qr: Optional[tuple[str, int, Optional[pygame.Surface]]] = None
        super().__init__(ctx, nav)
        ctx.usage("clinic_opened", "")

    def _qr_for(self, url: str, size: int) -> Optional[pygame.Surface]:
        if self._qr is None or self._qr[:2] != (url, size):
            self._qr = (url, size, qr_surface(url, size))
        return self._qr[2]

    def _details(self, column: pygame.Surface, scale: float, short: int, unit: int) -> int:
        """Logo, name, phone, address and hours, top to bottom; returns the height they need."""
        clinic = self.ctx.config.clinic
        width = column.get_width()
        y = 0
        if clinic.logo:
            logo_h = int(short * 0.12 * scale)
            logo = self.ctx.assets.picture(clinic.logo, (width, logo_h))
            column.blit(logo, (0, y))
            y += logo_h + unit
        y += draw_text_block(column, self.ctx.fonts, clinic.name, pygame.Rect(0, y, width, int(short * 0.2 * scale)),
                             int(short * 0.075 * scale), bold=True, role="title", short=short) + unit
        icon = int(short * 0.07 * scale)
        column.blit(self.ctx.assets.picture("ui/clinic.svg", (icon, icon)), (0, y))
        y += draw_text_block(column, self.ctx.fonts, clinic.phone,
                             pygame.Rect(icon + unit, y, width - icon - unit, int(short * 0.09 * scale)),
                             int(short * 0.065 * scale), bold=True, role="title", short=short) + unit * 2
        for key, value in (("address", clinic.address), ("hours", clinic.hours)):
            if not value:
                continue
            y += draw_text_block(column, self.ctx.fonts, self.ctx.say(key),
                                 pygame.Rect(0, y, width, int(short * 0.05 * scale)), int(short * 0.035 * scale),
                                 bold=True, short=short)
            y += draw_text_block(column, self.ctx.fonts, value, pygame.Rect(0, y, width, int(short * 0.1 * scale)),
                                 int(short * 0.038 * scale), short=short) + unit
        return y

    def _fitted_details(self, room: pygame.Rect, scales: tuple[float, ...], short: int,
                        unit: int) -> tuple[pygame.Surface, int]:
        """The details at the largest scale that fits the room (they shrink until they fit)."""
        for scale in scales:
            column = pygame.Surface(room.size, pygame.SRCALPHA)
            used = self._details(column, scale, short, unit)
            if used <= room.height:
                break
        return column, used

    def _url_shown(self) -> str:
        """The address the code opens, as a person would type it (no https://, no trailing slash)."""
        url = self.ctx.config.clinic.url
        for prefix in ("https://", "http://"):
            if url.startswith(prefix):
                url = url[len(prefix):]
        return url.rstrip("/")

    def _draw_qr(self, surface: pygame.Surface, box: pygame.Rect, caption_w: int, short: int, unit: int) -> int:
        """The code, what it opens (in words and as the address), centred under `box`'s top; returns the
        height used."""
        qr = self._qr_for(self.ctx.config.clinic.url, box.width)
        if qr is None:
            return 0
        surface.blit(qr, qr.get_rect(midtop=box.midtop))
        y = box.y + qr.get_height() + unit
        caption = pygame.Rect(box.centerx - caption_w // 2, y, caption_w, int(short * 0.09))
        y += draw_text_block(surface, self.ctx.fonts, self.ctx.say("scan_website"), caption, int(short * 0.032),
                             bold=True, center=True, color=PLUM, balance=True)
        address = pygame.Rect(box.centerx - caption_w // 2, y, caption_w, int(short * 0.06))
        y += draw_text_block(surface, self.ctx.fonts, self._url_shown(), address, int(short * 0.026), center=True,
                             role="fine")
        return y - box.y

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        layout: SceneLayout = self.ctx.layout
        w, h = self.ctx.size
        unit = layout.unit
        self.ctx.renderer.draw_background(surface, "backgrounds/mint.svg", layout.screen)
        top = layout.top_bar[3] + unit * 2
        panel = pygame.Rect(unit * 3, top, w - unit * 6, h - top - unit * 3)
        draw_panel(surface, panel, unit)
        inner = panel.inflate(-unit * 6, -unit * 6)
        short = min(w, h)
        if layout.portrait:
            self._draw_portrait(surface, inner, short, unit)
            return
        qr_side = int(min(inner.width * 0.32, inner.height * 0.6))
        text_box = pygame.Rect(inner.x, inner.y, inner.width - qr_side - unit * 4, inner.height)
        qr_box = pygame.Rect(inner.right - qr_side, inner.y + unit * 2, qr_side, qr_side)
        footer_h = int(short * 0.1)
        room = pygame.Rect(text_box.x, text_box.y, text_box.width, inner.bottom - footer_h - unit * 2 - text_box.y)
        column, _ = self._fitted_details(room, (1.0, 0.9, 0.8, 0.7, 0.6, 0.5), short, unit)
        surface.blit(column, room.topleft)
        footer = pygame.Rect(text_box.x, inner.bottom - footer_h, text_box.width, footer_h)
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), footer, int(short * 0.032), role="fine")
        self._draw_qr(surface, qr_box, qr_side + unit * 8, short, unit)

    def _draw_portrait(self, surface: pygame.Surface, inner: pygame.Rect, short: int, unit: int) -> None:
        """A tall card: details, then the code with what it opens, then the disclaimer, with the spare height
        shared out evenly between them instead of left in one gap."""
        qr_side = int(min(inner.width * 0.62, inner.height * 0.3))
        qr_block = qr_side + int(short * 0.16)   # the code, its two lines of words and the address
        footer_h = int(short * 0.09)
        room = pygame.Rect(inner.x, inner.y, inner.width, inner.height - qr_block - footer_h - unit * 4)
        column, used = self._fitted_details(room, (1.35, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6), short, unit)
        spare = max(0, room.height - used)
        gap = spare // 3
        surface.blit(column, (room.x, room.y + gap // 2))
        qr_box = pygame.Rect(inner.centerx - qr_side // 2, room.y + used + gap + unit * 2, qr_side, qr_side)
        self._draw_qr(surface, qr_box, inner.width, short, unit)
        footer = pygame.Rect(inner.x, inner.bottom - footer_h, inner.width, footer_h)
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), footer, int(short * 0.032),
                        role="fine", center=True)
