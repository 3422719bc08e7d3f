"""The pictures drawn over the stage, each made once and then faded by blit alpha: parents' labels and the
bubble of a tapped part."""

from __future__ import annotations

import pygame

from kiosk.draw.assets import Fonts
from kiosk.draw.layout import Rect
from kiosk.draw.palette import CALLOUT_FILL, LABEL_LINE, PLUM, WHITE
from kiosk.draw.text import wrap
from kiosk.motion.player import Callout, LabelView


def label_picture(fonts: Fonts, label: LabelView, stage: Rect, unit: int) -> tuple:
    """A parents' label as (picture, top left): a pill with its words and a line to the point it names."""
    sx, sy, sw, sh = stage
    font = fonts.get(max(14, int(sh * 0.042)), bold=True)
    text = font.render(label.text, True, PLUM)
    pad = max(4, unit // 2)
    box = pygame.Rect(0, 0, text.get_width() + pad * 2, text.get_height() + pad)
    box.center = (round(sx + label.at[0] * sw), round(sy + label.at[1] * sh))
    box.clamp_ip(pygame.Rect(stage))
    width = max(2, unit // 5)
    point = (round(sx + label.point[0] * sw), round(sy + label.point[1] * sh)) if label.point else None
    area = box.copy()
    if point is not None:
        area.union_ip(pygame.Rect(point[0] - width * 2, point[1] - width * 2, width * 4 + 1, width * 4 + 1))
    area.inflate_ip(width * 2, width * 2)
    picture = pygame.Surface(area.size, pygame.SRCALPHA)
    box.move_ip(-area.x, -area.y)
    if point is not None:
        point = (point[0] - area.x, point[1] - area.y)
        pygame.draw.line(picture, LABEL_LINE, nearest_edge_point(box, point), point, width)
        pygame.draw.circle(picture, LABEL_LINE, point, width * 2)
        pygame.draw.circle(picture, WHITE, point, width)
    pygame.draw.rect(picture, WHITE, box, border_radius=box.height // 2)
    pygame.draw.rect(picture, PLUM, box, width=max(2, unit // 6), border_radius=box.height // 2)
    picture.blit(text, (box.x + pad, box.y + pad // 2))
    return picture, area.topleft


def callout_picture(fonts: Fonts, callout: Callout, stage: Rect, unit: int) -> tuple:
    """A tapped part's bubble as (picture, top left): its name, and its explanation wrapped below."""
    sx, sy, sw, sh = stage
    title_font = fonts.get(max(18, int(sh * 0.07)), bold=True)
    body_font = fonts.get(max(14, int(sh * 0.038)))
    max_w = int(sw * 0.6)
    title = title_font.render(callout.title, True, PLUM)
    body_lines = wrap(callout.explain, body_font, max_w) if callout.explain else []
    body = [body_font.render(line, True, PLUM) for line in body_lines]
    pad = unit
    inner_w = max([title.get_width()] + [b.get_width() for b in body])
    inner_h = title.get_height() + sum(b.get_height() for b in body)
    bubble = pygame.Surface((inner_w + pad * 2, inner_h + pad * 2), pygame.SRCALPHA)
    pygame.draw.rect(bubble, CALLOUT_FILL, bubble.get_rect(), border_radius=pad)
    pygame.draw.rect(bubble, PLUM, bubble.get_rect(), width=max(2, unit // 5), border_radius=pad)
    bubble.blit(title, (pad, pad))
    y = pad + title.get_height()
    for b in body:
        bubble.blit(b, (pad, y))
        y += b.get_height()
    rect = bubble.get_rect()
    ax, ay = sx + callout.at[0] * sw, sy + callout.at[1] * sh
    rect.midbottom = (round(ax), round(ay - sh * 0.08))
    if rect.top < sy:
        rect.midtop = (round(ax), round(ay + sh * 0.08))
    rect.clamp_ip(pygame.Rect(stage))
    return bubble, rect.topleft


def nearest_edge_point(box: pygame.Rect, point: tuple[int, int]) -> tuple[int, int]:
    px, py = point
    return (min(max(px, box.left), box.right), min(max(py, box.top), box.bottom)) if not box.collidepoint(point) \
        else box.center
