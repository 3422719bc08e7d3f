"""Where things go on a screen of any size: stage, caption, top and bottom bars, for landscape and portrait.

Every rectangle is (x, y, w, h) in pixels. The stage keeps its 4:3 shape, so art is never stretched.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.motion.player import STAGE_ASPECT

Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class SceneLayout:
    screen: Rect
    top_bar: Rect
    stage: Rect
    caption: Rect
    bottom_bar: Rect
    portrait: bool
    unit: int       # a comfortable spacing unit: about 1% of the screen's longer side
    button: int     # a touch button's diameter: at least ~12 mm on a 22-inch 1080p screen (about 90 px)


def fit(aspect: float, box: Rect) -> Rect:
    """The largest rectangle of this aspect ratio centred in box."""
    x, y, w, h = box
    if w <= 0 or h <= 0:
        return (x, y, max(w, 0), max(h, 0))
    if w / h > aspect:
        fw, fh = int(h * aspect), h
    else:
        fw, fh = w, int(w / aspect)
    return (x + (w - fw) // 2, y + (h - fh) // 2, fw, fh)


def scene_layout(width: int, height: int) -> SceneLayout:
    portrait = height > width
    short = min(width, height)
    unit = max(4, round(max(width, height) / 100))
    button = max(56, round(short * 0.085))
    pad = round(unit * 1.2)
    top_h = button + pad * 2
    bottom_h = button + pad * 2
    middle_y = top_h
    middle_h = max(1, height - top_h - bottom_h)
    if portrait:
        stage = fit(STAGE_ASPECT, (0, middle_y, width, int(middle_h * 0.55)))
        cap_y = stage[1] + stage[3] + pad
        caption = (pad, cap_y, width - 2 * pad, max(1, middle_y + middle_h - cap_y - pad))
    else:
        caption_w = int(width * 0.34)
        stage = fit(STAGE_ASPECT, (pad, middle_y, width - caption_w - 3 * pad, middle_h))
        caption = (width - caption_w - pad, middle_y + pad, caption_w, middle_h - 2 * pad)
    return SceneLayout(
        screen=(0, 0, width, height),
        top_bar=(0, 0, width, top_h),
        stage=stage,
        caption=caption,
        bottom_bar=(0, height - bottom_h, width, bottom_h),
        portrait=portrait,
        unit=unit,
        button=button,
    )
