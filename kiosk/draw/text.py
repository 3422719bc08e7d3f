"""Wrapping and fitting captions in any language, including ones written without spaces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Measures(Protocol):
    def size(self, text: str) -> tuple[int, int]: ...
    def get_linesize(self) -> int: ...


def _tokens(paragraph: str) -> list[str]:
    """Words with their trailing space; scripts without spaces (Chinese, Japanese) break between characters."""
    tokens: list[str] = []
    word = ""
    for ch in paragraph:
        if ch == " ":
            tokens.append(word + " ")
            word = ""
        elif ord(ch) >= 0x2E80:  # CJK and later blocks: any character may start a line
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _split_long(token: str, font: Measures, width: int) -> list[str]:
    pieces, piece = [], ""
    for ch in token:
        if piece and font.size(piece + ch)[0] > width:
            pieces.append(piece)
            piece = ch
        else:
            piece += ch
    return pieces + ([piece] if piece else [])


def wrap(text: str, font: Measures, width: int) -> list[str]:
    """Lines that each fit `width` pixels; explicit newlines are kept; over-long words are split."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if font.size(candidate.rstrip())[0] <= width or not line:
                if font.size(candidate.rstrip())[0] > width:
                    parts = _split_long(token.rstrip(), font, width)
                    lines.extend(parts[:-1])
                    line = parts[-1] + (" " if token.endswith(" ") else "") if parts else ""
                else:
                    line = candidate
            else:
                lines.append(line.rstrip())
                line = token
                if font.size(line.rstrip())[0] > width:
                    parts = _split_long(line.rstrip(), font, width)
                    lines.extend(parts[:-1])
                    line = parts[-1] + " "
        lines.append(line.rstrip())
    return lines


def clip_to_width(text: str, font: Measures, width: int) -> str:
    """The text, or as much of it as fits `width` pixels followed by an ellipsis: a line drawn unwrapped never
    makes a picture wider than its room (SDL's scaling corrupts memory past about 131072 px). `kiosk check`
    warns where this happens to scene text (kiosk/draw/text_check.py)."""
    if font.size(text[:max(1, width)])[0] <= width and len(text) <= width:
        return text   # (no letter is narrower than a pixel: more letters than pixels never fit)
    low, high = 0, min(len(text), max(1, width))
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


@dataclass(frozen=True)
class Fitted:
    px: int
    lines: tuple[str, ...]
    line_height: int
    room_height: int = 0   # the height it had to fit in

    @property
    def cut(self) -> bool:
        """Its lines do not all fit its room even at the smallest size allowed: the last ones are not seen."""
        return len(self.lines) * self.line_height > self.room_height


def fit_text(text: str, font_at: "FontAt", width: int, height: int, max_px: int, min_px: int,
             spacing: float = 1.0) -> Fitted:
    """The largest font size from max_px down to min_px at which the wrapped text fits the box."""
    px = max_px
    while True:
        font = font_at(px)
        lines = wrap(text, font, width)
        line_height = int(font.get_linesize() * spacing)
        if len(lines) * line_height <= height or px <= min_px:
            return Fitted(px, tuple(lines), line_height, height)
        px = max(min_px, int(px * 0.92))


class FontAt(Protocol):
    def __call__(self, px: int) -> Measures: ...


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def balanced(text: str, font: Measures, width: int) -> list[str]:
    """Wrapped as `wrap` does, in as few lines, but with the lines as even as they can be: no word left alone
    on the last line of a two-line title."""
    lines = wrap(text, font, width)
    if len(lines) < 2:
        return lines
    low, high = 1, width
    while low < high:  # the narrowest width that needs no more lines
        mid = (low + high) // 2
        if len(wrap(text, font, mid)) <= len(lines):
            high = mid
        else:
            low = mid + 1
    return wrap(text, font, high)


# --- what the kiosk drew, for the test that no text is cut, overflows or is too small ---------------------
# Each role's smallest size, as a share of the screen's shorter side (and never under MIN_PX pixels).
ROLE_MIN: dict[str, float] = {
    "title": 0.04,        # headings, "All done!", "Still watching?"
    "kids": 0.03,         # children's captions
    "question": 0.03,     # the parents' questions in the FAQ list
    "tile": 0.02,         # scene titles on the menu's tiles (the picture says the most)
    "button": 0.022,      # words on buttons
    "body": 0.022,        # parents' captions, answers, clinic details
    "label": 0.02,        # parents' labels and tapped parts' bubbles on the stage
    "fine": 0.016,        # the disclaimer line, the staff menu's lists
}
MIN_PX = 12


def role_min_px(role: str, short_side: int) -> int:
    return max(MIN_PX, int(ROLE_MIN.get(role, ROLE_MIN["body"]) * short_side))


@dataclass(frozen=True)
class PlacedText:
    """One text as drawn: where it had to fit, the size and lines it got, and each line's width."""

    role: str
    text: str
    px: int
    lines: tuple[str, ...]
    widths: tuple[int, ...]
    line_height: int
    box: tuple[int, int, int, int]       # the room it was given, in the coordinates of the surface drawn on
    surface: tuple[int, int]             # that surface's size


class TextLog:
    """Collects every text drawn while it is attached to the fonts (tests only; None in the kiosk)."""

    def __init__(self) -> None:
        self.placed: list[PlacedText] = []

    def note(self, role: str, text: str, px: int, lines: "tuple[str, ...] | list[str]", font: Measures,
             line_height: int, box: "tuple[int, int, int, int]", surface: tuple[int, int]) -> None:
        self.placed.append(PlacedText(role, text, px, tuple(lines), tuple(font.size(line)[0] for line in lines),
                                      line_height, tuple(int(v) for v in box), surface))  # type: ignore[arg-type]


def text_problems(placed: PlacedText, short_side: int) -> list[str]:
    """What is wrong with one drawn text: cut, too wide or tall for its room, outside its surface, too small."""
    out = []
    said = " ".join(placed.text.split())
    shown = " ".join(" ".join(placed.lines).split())
    if shown.replace(" ", "") != said.replace(" ", ""):
        out.append(f"cut: shows {shown!r}")
    x, y, w, h = placed.box
    if any(width > w for width in placed.widths):
        out.append(f"a line is {max(placed.widths)} px wide in a {w} px room")
    if len(placed.lines) * placed.line_height > h + 1:
        out.append(f"{len(placed.lines)} lines of {placed.line_height} px in a {h} px room")
    sw, sh = placed.surface
    if x < 0 or y < 0 or x + w > sw or y + h > sh:
        out.append(f"its room {placed.box} leaves its {sw}x{sh} surface")
    least = role_min_px(placed.role, short_side)
    if placed.px < least:
        out.append(f"{placed.px} px, under the {least} px a '{placed.role}' needs")
    return out
