"""Where each word of a caption sits in its panel, and the word the voice is reading, lit.

The caption panel is drawn once and kept; the lit word is a small picture laid over it (a soft yellow band with
the word's own letters on it), so lighting the next word never moves a line or redraws the panel.
"""

from __future__ import annotations

import pygame

from kiosk.draw.palette import PLUM, WORD_LIT
from kiosk.draw.text import Fitted

Piece = tuple[pygame.Rect, str]


def word_boxes(caption: str, fitted: Fitted, font: pygame.font.Font, x: int, y: int) -> list[list[Piece]]:
    """For each word of the caption (as `split()` counts them, which is how narration counts them), where its
    letters sit: (rectangle, text) pieces, more than one when a long word was split across lines."""
    words = caption.split()
    boxes: list[list[Piece]] = [[] for _ in words]
    index, used = 0, 0   # the word being placed, and how many of its letters earlier pieces took
    for row, line in enumerate(fitted.lines):
        at = 0
        for token in line.split(" "):
            if token and index < len(words):
                left = font.size(line[:at])[0]
                w, h = font.size(token)
                boxes[index].append((pygame.Rect(x + left, y + row * fitted.line_height, w, h), token))
                used += len(token)
                if used >= len(words[index]):
                    index, used = index + 1, 0
            at += len(token) + 1
    return boxes


def lit_word_picture(pieces: list[Piece], font: pygame.font.Font, unit: int,
                     origin: tuple[int, int]) -> tuple[pygame.Surface, tuple[int, int]]:
    """The lit word as a picture and where it goes on screen (`origin` is the panel's top left)."""
    space = font.size(" ")[0]   # the band reaches half way into the spaces, never onto the next word
    box = pieces[0][0].unionall([r for r, _ in pieces[1:]]).inflate(space, unit // 3)
    picture = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(picture, WORD_LIT, picture.get_rect(), border_radius=max(4, unit // 2))
    for rect, text in pieces:
        picture.blit(font.render(text, True, PLUM), (rect.x - box.x, rect.y - box.y))
    return picture, (origin[0] + box.x, origin[1] + box.y)
