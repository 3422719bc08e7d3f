"""Where a frame differs from the last one (kiosk/draw/display_list.py): a composed ground with parts changes only
where its parts do, and the changed places are painted as separate rectangles that cover them all."""

from __future__ import annotations

import random

import pygame
import pytest

from kiosk.draw.display_list import Item, Layered, damage, regions

SCREEN = (0, 0, 400, 300)


def _base(ground: str, *parts: tuple[str, tuple[int, int, int, int]]) -> Item:
    return Item(SCREEN, Layered(ground, tuple(parts)), lambda surface: None)


def _covers(rects: list[pygame.Rect], wanted: list[tuple[int, int, int, int]]) -> bool:
    return all(any(r.contains(pygame.Rect(w)) for r in rects) for w in wanted)


def test_a_part_that_comes_to_rest_on_the_ground_changes_only_its_place() -> None:
    # Given a base of two still parts, and the same base with a third part joining on top
    before = [_base("sky", ("hill", (0, 200, 400, 100)), ("tree", (50, 100, 60, 100)))]
    now = [_base("sky", ("hill", (0, 200, 400, 100)), ("tree", (50, 100, 60, 100)), ("sun", (300, 20, 50, 50)))]
    # When the difference is worked out
    rects = damage(before, now)
    # Then only the new part's place changed
    assert rects == [pygame.Rect(300, 20, 50, 50)]


def test_a_part_changed_beneath_others_changes_every_part_from_it_up() -> None:
    # Given a base whose second of three parts is different in the next frame
    parts = [("hill", (0, 200, 400, 100)), ("tree", (50, 100, 60, 100)), ("sun", (300, 20, 50, 50))]
    before = [_base("sky", *parts)]
    now = [_base("sky", parts[0], ("tree-in-bloom", (40, 90, 80, 110)), parts[2])]
    # When the difference is worked out
    rects = damage(before, now)
    # Then the old and new second part changed, and the part above it too (it is painted over them)
    assert sorted(map(tuple, rects)) == sorted([(50, 100, 60, 100), (40, 90, 80, 110), (300, 20, 50, 50),
                                                (300, 20, 50, 50)])


def test_another_ground_changes_the_whole_item() -> None:
    # Given the same parts on another background
    before = [_base("sky", ("hill", (0, 200, 400, 100)))]
    now = [_base("night", ("hill", (0, 200, 400, 100)))]
    # When the difference is worked out
    rects = damage(before, now)
    # Then all of it changed
    assert pygame.Rect(SCREEN) in rects


def test_a_part_reaching_past_the_item_changes_only_inside_it() -> None:
    # Given a part whose place reaches beyond the item's rect
    before = [_base("sky")]
    now = [_base("sky", ("cloud", (380, -20, 60, 60)))]
    # When the difference is worked out
    rects = damage(before, now)
    # Then the changed place is clipped to the item
    assert rects == [pygame.Rect(380, 0, 20, 40)]


def test_places_far_apart_are_painted_apart_and_overlapping_ones_together() -> None:
    # Given two small places at opposite corners, and one overlapping the first
    a, b, c = pygame.Rect(0, 0, 40, 40), pygame.Rect(360, 260, 40, 40), pygame.Rect(30, 30, 20, 20)
    # When they are made into regions
    out = regions([a, b, c], limit=6)
    # Then the far one stays alone and the overlapping ones are one
    assert sorted(map(tuple, out)) == [(0, 0, 50, 50), (360, 260, 40, 40)]


def test_too_many_places_are_one_box_around_them_all() -> None:
    # Given eight places far from each other
    rects = [pygame.Rect(i * 100, (i % 2) * 200, 10, 10) for i in range(8)]
    # When they are made into at most six regions
    out = regions(rects, limit=6)
    # Then one box covers them all
    assert out == [rects[0].unionall(rects[1:])]


@pytest.mark.parametrize("seed", range(20))
def test_regions_never_overlap_and_cover_every_place(seed: int) -> None:
    # Given random places on a 1080p screen
    rng = random.Random(seed)
    rects = [pygame.Rect(rng.randrange(1900), rng.randrange(1060), rng.randrange(1, 400), rng.randrange(1, 300))
             for _ in range(rng.randrange(1, 12))]
    # When they are made into regions
    out = regions(rects, limit=50)
    # Then every place is inside one region, and no two regions share a pixel
    assert _covers(out, [tuple(r) for r in rects])
    assert not any(out[i].colliderect(out[j]) for i in range(len(out)) for j in range(i + 1, len(out)))
