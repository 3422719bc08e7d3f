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


@dataclass(frozen=True)
class Fitted:
    px: int
    lines: tuple[str, ...]
    line_height: int


def fit_text(text: str, font_at: "FontAt", width: int, height: int, max_px: int, min_px: int,
             spacing: float = 1.0) -> Fitted:
    """The largest font size from max_px down to min_px at which the wrapped text fits the box."""
    px = max_px
    while True:
        font = font_at(px)
        lines = wrap(text, font, width)
        line_height = int(font.get_linesize() * spacing)
        if len(lines) * line_height <= height or px <= min_px:
            return Fitted(px, tuple(lines), line_height)
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
