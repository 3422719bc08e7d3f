"""The kiosk's own colours (art brings its own), and reading a colour staff wrote as "#RRGGBB"."""

from __future__ import annotations

PLUM = (61, 44, 94)
WHITE = (255, 255, 255)
PANEL = (255, 255, 255)
SHADOW = (61, 44, 94, 40)
LABEL_LINE = (61, 44, 94)
CALLOUT_FILL = (255, 246, 214)
HEADING = (110, 90, 150)


def parse_color(value: str, fallback: tuple[int, int, int] = (223, 243, 255)) -> tuple[int, int, int]:
    try:
        return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    except (ValueError, IndexError, TypeError):
        return fallback
