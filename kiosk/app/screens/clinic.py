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
                             int(short * 0.075 * scale), bold=True) + unit
        icon = int(short * 0.07 * scale)
        column.blit(self.ctx.assets.picture("ui/clinic.svg", (icon, icon)), (0, y))
        y += draw_text_block(column, self.ctx.fonts, clinic.phone,
                             pygame.Rect(icon + unit, y, width - icon - unit, int(short * 0.09 * scale)),
                             int(short * 0.065 * scale), bold=True) + unit * 2
        for key, value in (("address", clinic.address), ("hours", clinic.hours)):
            if not value:
                continue
            y += draw_text_block(column, self.ctx.fonts, self.ctx.say(key),
                                 pygame.Rect(0, y, width, int(short * 0.05 * scale)), int(short * 0.035 * scale),
                                 bold=True)
            y += draw_text_block(column, self.ctx.fonts, value, pygame.Rect(0, y, width, int(short * 0.1 * scale)),
                                 int(short * 0.038 * scale)) + unit
        return y

    def draw_content(self, surface: pygame.Surface, t: float) -> None:
        layout: SceneLayout = self.ctx.layout
        clinic = self.ctx.config.clinic
        w, h = self.ctx.size
        unit = layout.unit
        self.ctx.renderer.draw_background(surface, "backgrounds/mint.svg", layout.screen)
        top = layout.top_bar[3] + unit * 2
        panel = pygame.Rect(unit * 3, top, w - unit * 6, h - top - unit * 3)
        draw_panel(surface, panel, unit)
        inner = panel.inflate(-unit * 6, -unit * 6)
        short = min(w, h)
        if layout.portrait:
            qr_side = int(min(inner.width * 0.6, inner.height * 0.35))
            text_box = pygame.Rect(inner.x, inner.y, inner.width, inner.height - qr_side - unit * 8)
            qr_box = pygame.Rect(inner.centerx - qr_side // 2, text_box.bottom + unit * 2, qr_side, qr_side)
        else:
            qr_side = int(min(inner.width * 0.32, inner.height * 0.7))
            text_box = pygame.Rect(inner.x, inner.y, inner.width - qr_side - unit * 4, inner.height)
            qr_box = pygame.Rect(inner.right - qr_side, inner.y + unit * 2, qr_side, qr_side)
        footer_h = int(short * (0.08 if layout.portrait else 0.1))
        room = pygame.Rect(text_box.x, text_box.y, text_box.width,
                           panel.bottom - unit * 3 - footer_h - unit * 2 - text_box.y)
        for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):  # the details shrink until they fit above the disclaimer
            column = pygame.Surface(room.size, pygame.SRCALPHA)
            if self._details(column, scale, short, unit) <= room.height:
                break
        surface.blit(column, room.topleft)
        footer = pygame.Rect(text_box.x, panel.bottom - unit * 3 - footer_h, text_box.width, footer_h)
        if layout.portrait:
            footer = pygame.Rect(inner.x, panel.bottom - unit * 2 - footer_h, inner.width, footer_h)
        draw_text_block(surface, self.ctx.fonts, self.ctx.say("disclaimer"), footer, int(short * 0.032))
        qr = self._qr_for(clinic.url, qr_box.width)
        if qr is not None:
            surface.blit(qr, qr.get_rect(midtop=qr_box.midtop))
            caption = pygame.Rect(qr_box.x - unit * 4, qr_box.y + qr.get_height() + unit, qr_box.width + unit * 8,
                                  int(short * 0.05))
            draw_text_block(surface, self.ctx.fonts, self.ctx.say("scan_me"), caption, int(short * 0.032),
                            bold=True, center=True, color=PLUM)
