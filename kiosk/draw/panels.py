"""The pictures drawn over the stage, each made once and then faded by blit alpha: parents' labels and the
bubble of a tapped part; and the caption panel beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import pygame

from kiosk.draw.assets import Fonts
from kiosk.draw.caption_words import word_boxes
from kiosk.draw.label_layout import Want, place
from kiosk.draw.layout import Rect, SceneLayout
from kiosk.draw.palette import CALLOUT_FILL, HEADING, LABEL_LINE, PANEL, PLUM, SHADOW, WHITE
from kiosk.draw.text import Fitted, clip_to_width, fit_text, role_min_px, wrap
from kiosk.motion.player import Callout, LabelView


# The part a label names stays visible: no label or bubble covers a disc this big (of the stage height) around
# the point a label names. A tapped part's bubble leaves a larger disc around the place tapped.
POINT_ROOM = 0.035
CALLOUT_ROOM = 0.075
CALLOUT_LIFT = 0.08   # a bubble stands this far (of the stage height) above the place tapped, else below it


@dataclass(frozen=True)
class OverlayPlaces:
    """Where the labels' pills (in the frame's order) and the tapped part's bubble go, in screen pixels."""

    labels: tuple[Rect, ...]
    callout: Optional[Rect]


def overlay_keep_out(layout: SceneLayout) -> tuple[Rect, ...]:
    """What no label or bubble may cover besides each other: the caption panel with its shadow."""
    x, y, w, h = layout.caption
    shadow = layout.unit // 2
    return ((x, y, w + shadow, h + shadow),)


def label_box_size(fonts: Fonts, text: str, stage: Rect, unit: int) -> tuple[int, int]:
    """The size of a label's pill: its words (cut to the stage's width, as drawn) plus padding."""
    px, pad = label_px(stage, unit)
    font = fonts.get(px, bold=True)
    w, h = font.size(clip_to_width(text, font, stage[2] - pad * 2))
    return (w + pad * 2, h + pad)


def _stage_point(stage: Rect, at: tuple[float, float]) -> tuple[int, int]:
    sx, sy, sw, sh = stage
    return (round(sx + at[0] * sw), round(sy + at[1] * sh))


def place_overlays(fonts: Fonts, labels: Sequence[LabelView], callout: Optional[Callout], stage: Rect,
                   unit: int, keep_out: Sequence[Rect] = ()) -> OverlayPlaces:
    """Every label, then the bubble, placed so that none covers another, a leader line, the caption
    (`keep_out`) or the part a label names (kiosk/draw/label_layout.py)."""
    sx, sy, sw, sh = stage
    wants = [Want(label_box_size(fonts, label.text, stage, unit), _stage_point(stage, label.at),
                  _stage_point(stage, label.point) if label.point else None) for label in labels]
    if callout is not None:
        bw, bh = callout_size(fonts, callout, stage, unit)
        ax, ay = _stage_point(stage, callout.at)
        lift = sh * CALLOUT_LIFT
        above = ay - lift - bh / 2
        centre = (ax, above if above - bh / 2 >= sy else ay + lift + bh / 2)
        wants.append(Want((bw, bh), centre, (ax, ay), line=False, room=round(sh * CALLOUT_ROOM)))
    placed = place(wants, stage, keep_out, point_room=round(sh * POINT_ROOM), gap=max(2, unit // 3))
    boxes = tuple(p.box for p in placed)
    return OverlayPlaces(boxes[:len(labels)], boxes[len(labels)] if callout is not None else None)


def label_picture(fonts: Fonts, label: LabelView, stage: Rect, unit: int, box_at: Rect) -> tuple:
    """A parents' label as (picture, top left): a pill with its words at `box_at` (from place_overlays) and a
    line to the point it names."""
    sx, sy, sw, sh = stage
    px, pad = label_px(stage, unit)
    font = fonts.get(px, bold=True)
    text = font.render(clip_to_width(label.text, font, sw - pad * 2), True, PLUM)
    box = pygame.Rect(box_at)
    width = max(2, unit // 5)
    point = _stage_point(stage, label.point) if label.point else None
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
    if fonts.log is not None:  # where the label lands on screen must hold it whole
        on_screen = box.move(area.x, area.y)
        fonts.log.note("label", label.text, px, [label.text], font, font.get_linesize(),
                       (on_screen.x + pad, on_screen.y, on_screen.width - pad * 2, on_screen.height),
                       (sx + sw, sy + sh))
    return picture, area.topleft


def _callout_text(fonts: Fonts, callout: Callout, stage: Rect, unit: int) -> tuple:
    """The bubble's fonts, sizes and body lines, and its size: (title_px, body_px, lines, (w, h))."""
    _, _, sw, sh = stage
    (title_px, pad), body_px = label_px(stage, unit, title=True), max(14, int(sh * 0.038))
    title_font, body_font = fonts.get(title_px, bold=True), fonts.get(body_px)
    body_lines = wrap(callout.explain, body_font, int(sw * 0.6)) if callout.explain else []
    title = clip_to_width(callout.title, title_font, sw - pad * 2)
    sizes = [title_font.size(title)] + [body_font.size(line) for line in body_lines]
    inner_w = max(s[0] for s in sizes)
    inner_h = sum(s[1] for s in sizes)
    return title_px, body_px, body_lines, (inner_w + pad * 2, inner_h + pad * 2)


def callout_size(fonts: Fonts, callout: Callout, stage: Rect, unit: int) -> tuple[int, int]:
    return _callout_text(fonts, callout, stage, unit)[3]


def callout_picture(fonts: Fonts, callout: Callout, stage: Rect, unit: int, box_at: Rect) -> tuple:
    """A tapped part's bubble as (picture, top left): its name, and its explanation wrapped below, at `box_at`
    (from place_overlays)."""
    sx, sy, sw, sh = stage
    title_px, body_px, body_lines, size = _callout_text(fonts, callout, stage, unit)
    title_font, body_font = fonts.get(title_px, bold=True), fonts.get(body_px)
    pad = unit
    bubble = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(bubble, CALLOUT_FILL, bubble.get_rect(), border_radius=pad)
    pygame.draw.rect(bubble, PLUM, bubble.get_rect(), width=max(2, unit // 5), border_radius=pad)
    title = title_font.render(clip_to_width(callout.title, title_font, sw - pad * 2), True, PLUM)
    bubble.blit(title, (pad, pad))
    y = pad + title.get_height()
    for line in body_lines:
        body = body_font.render(line, True, PLUM)
        bubble.blit(body, (pad, y))
        y += body.get_height()
    rect = pygame.Rect(box_at)
    if fonts.log is not None:
        room = (rect.x + pad, rect.y + pad, size[0] - pad * 2, size[1] - pad * 2)
        fonts.log.note("label", callout.title, title_px, [callout.title], title_font, title_font.get_linesize(), room,
                       (sx + sw, sy + sh))
        if body_lines:
            fonts.log.note("label", callout.explain, body_px, body_lines, body_font, body_font.get_linesize(), room,
                           (sx + sw, sy + sh))
    return bubble, rect.topleft


def label_px(stage: Rect, unit: int, title: bool = False) -> tuple[int, int]:
    """The size of a parents' label's words (or, `title`, a tapped part's name) and the room around them."""
    sh = stage[3]
    return (max(18, int(sh * 0.07)), unit) if title else (max(14, int(sh * 0.042)), max(4, unit // 2))


def nearest_edge_point(box: pygame.Rect, point: tuple[int, int]) -> tuple[int, int]:
    px, py = point
    return (min(max(px, box.left), box.right), min(max(py, box.top), box.bottom)) if not box.collidepoint(point) \
        else box.center


@dataclass(frozen=True)
class CaptionFit:
    """Where everything in a caption panel goes, measured without drawing (`kiosk check` asks whether a caption
    is cut at each screen size from this; `caption_panel` draws it)."""

    heading: Optional[Fitted]
    footer: tuple[str, ...]
    footer_px: int
    footer_y: int
    body: Fitted
    room: tuple[int, int, int, int]   # the caption's own room in the panel: x, y, w, h
    pad: int

    @property
    def cut(self) -> bool:
        """The words do not all fit, even at their role's smallest size (the last lines are not drawn)."""
        return self.body.cut or (self.heading is not None and self.heading.cut)


def fit_caption(fonts: Fonts, caption: str, rect: Rect, audience: str, layout: SceneLayout, heading: str,
                footer: str, smallest: bool = False) -> CaptionFit:
    """How the caption panel is laid out; `smallest`: the words only at their smallest size (enough to tell
    whether they are cut, and ten times quicker)."""
    _, _, w, h = rect
    y = 0
    pad = layout.unit * 2
    short = min(layout.screen[2], layout.screen[3])
    fitted_head = None
    if heading:
        fitted_head = fit_text(heading, lambda px: fonts.get(px, bold=True), w - pad * 2,
                               int(short * 0.09), max(14, int(short * 0.03)), max(12, int(short * 0.022)))
        used = fitted_head.line_height * len(fitted_head.lines)
        y += pad + used
        h -= pad + used
    lines: list[str] = []
    foot_px = max(12, int(short * 0.022))
    fy = 0
    if footer:
        foot_font = fonts.get(foot_px)
        lines = wrap(footer, foot_font, w - pad * 2)
        line_h = foot_font.get_linesize()
        fy = y + h - pad - line_h * len(lines)
        h -= line_h * len(lines) + pad // 2
    min_px = role_min_px("kids" if audience == "kids" else "body", short)
    max_px = min_px if smallest else int(short * (0.066 if audience == "kids" else 0.044))
    fitted = fit_text(caption, lambda px: fonts.get(px, bold=audience == "kids"), w - pad * 2,
                      h - pad * 2, max_px, min_px)
    return CaptionFit(fitted_head, tuple(lines), foot_px, fy, fitted, (pad, y + pad, w - pad * 2, h - pad * 2), pad)


def caption_panel(fonts: Fonts, caption: str, rect: Rect, audience: str, layout: SceneLayout, heading: str,
                  footer: str) -> tuple:
    """The white panel with its shadow, heading, words and footer, as one picture."""
    _, _, w, h = rect
    shadow_off = layout.unit // 2
    panel = pygame.Surface((w + shadow_off, h + shadow_off), pygame.SRCALPHA)
    radius = layout.unit * 2
    pygame.draw.rect(panel, SHADOW, (shadow_off, shadow_off, w, h), border_radius=radius)
    pygame.draw.rect(panel, PANEL, (0, 0, w, h), border_radius=radius)
    plan = fit_caption(fonts, caption, rect, audience, layout, heading, footer)
    pad = plan.pad
    if plan.heading is not None:
        fitted_head = plan.heading
        head_font = fonts.get(fitted_head.px, bold=True)
        head_y = pad
        for line in fitted_head.lines:
            panel.blit(head_font.render(line, True, HEADING), (pad, head_y))
            head_y += fitted_head.line_height
        if fonts.log is not None:
            fonts.log.note("fine", heading, fitted_head.px, fitted_head.lines, head_font, fitted_head.line_height,
                           (pad, pad, w - pad * 2, fitted_head.line_height * len(fitted_head.lines)), (w, rect[3]))
    if plan.footer:
        foot_font = fonts.get(plan.footer_px)
        line_h = foot_font.get_linesize()
        fy = plan.footer_y
        if fonts.log is not None:
            fonts.log.note("fine", footer, plan.footer_px, plan.footer, foot_font, line_h,
                           (pad, fy, w - pad * 2, line_h * len(plan.footer)), (w, rect[3]))
        for line in plan.footer:
            panel.blit(foot_font.render(line, True, HEADING), (pad, fy))
            fy += line_h
    fitted = plan.body
    font = fonts.get(fitted.px, bold=audience == "kids")
    x, y, room_w, room_h = plan.room
    if fonts.log is not None:
        fonts.log.note("kids" if audience == "kids" else "body", caption, fitted.px, fitted.lines, font,
                       fitted.line_height, plan.room, (w, rect[3]))
    if plan.cut and fonts.cut is not None:
        fonts.cut.add(caption)   # the staff menu says which words were drawn cut on this screen
    block = len(fitted.lines) * fitted.line_height
    ty = y + max(0, (room_h - block) // 2) if audience == "kids" else y
    for line in fitted.lines:
        panel.blit(font.render(line, True, PLUM), (x, ty))
        ty += fitted.line_height
    # The words' boxes, the size and boldness: what the voice's lit word is drawn with (kiosk/draw/caption_words.py)
    return (panel, word_boxes(caption, fitted, font, x, ty - block), fitted.px, audience == "kids")
