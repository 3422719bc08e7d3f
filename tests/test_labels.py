"""Parents' labels and a tapped part's bubble never cover each other, a leader line, the caption or the part a label
names: the pure placement step (kiosk/draw/label_layout.py) by itself, then every step of every shipped scene at
every supported size, in every language and audience, as each label fades in and with each hotspot tapped."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame
import pytest

from kiosk.content.library import load_library
from kiosk.draw.assets import default_fonts
from kiosk.draw.label_layout import Want, boxes_overlap, disc_hits_box, place, segment_hits_box
from kiosk.draw.layout import scene_layout
from kiosk.draw.panels import CALLOUT_ROOM, POINT_ROOM, overlay_keep_out, place_overlays
from kiosk.draw.plain import build_plain_renderer
from kiosk.draw.stills import make_renderer
from kiosk.motion.player import LABEL_FADE, StepPlayer, visible_steps

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]
STAGE = (0, 0, 800, 600)


# --- the placement step by itself --------------------------------------------------------------------------------

def test_a_label_whose_place_is_free_stays_where_the_scene_put_it() -> None:
    # Given one label asking for the middle of the stage
    want = Want((100, 30), (400, 300), (200, 100))
    # When it is placed
    [placed] = place([want], STAGE)
    # Then its box is centred where it asked
    assert placed.box == (350, 285, 100, 30)


def test_a_second_label_asking_for_a_taken_place_moves_the_least_it_must() -> None:
    # Given two labels asking for the same place
    wants = [Want((100, 30), (400, 300), (100, 100)), Want((100, 30), (400, 300), (100, 500))]
    # When they are placed with a gap of 4 pixels
    first, second = place(wants, STAGE, gap=4)
    # Then the first stays, the second is clear of it and just above or below it (a move along its column)
    assert first.box == (350, 285, 100, 30)
    assert not boxes_overlap(first.box, second.box)
    assert second.box[0] == first.box[0] and abs(second.box[1] - first.box[1]) <= 30 + 4 + 10


def test_a_label_never_covers_the_point_another_label_names() -> None:
    # Given a label naming a point, and a second label asking to sit right on that point
    wants = [Want((80, 30), (100, 100), (400, 300)), Want((120, 30), (400, 300), (700, 500))]
    # When they are placed, keeping 20 pixels around each point clear
    _, second = place(wants, STAGE, point_room=20)
    # Then the second has moved off the first one's point
    assert not disc_hits_box((400, 300), 20, second.box)


def test_a_label_never_covers_another_labels_leader_line() -> None:
    # Given a label at the left whose line runs right across the stage, and a second asking to sit on that line
    first, second = place([Want((80, 30), (60, 300), (760, 300)), Want((80, 30), (400, 300), (400, 100))], STAGE,
                          point_room=10)
    # Then the second sits clear of the first one's line
    assert first.line is not None
    assert not segment_hits_box(*first.line, second.box)


def test_a_label_keeps_out_of_the_caption_and_inside_the_stage() -> None:
    # Given a caption over the right third of the stage and a label asking to sit in it, near the edge
    caption = (540, 0, 260, 600)
    [placed] = place([Want((120, 30), (790, 300), (300, 300))], STAGE, keep_out=[caption])
    # Then the label is whole inside the stage and clear of the caption
    x, y, w, h = placed.box
    assert 0 <= x and x + w <= 800 and 0 <= y and y + h <= 600
    assert not boxes_overlap(placed.box, caption)


def test_a_bubble_keeps_clear_of_the_labels_and_of_the_part_tapped() -> None:
    # Given a label at the top, and a tapped part's bubble asking for the same place, above the part tapped
    label = Want((200, 40), (400, 60), (700, 500))
    bubble = Want((300, 120), (400, 80), (400, 300), line=False, room=40)
    # When both are placed
    first, second = place([label, bubble], STAGE, point_room=10, gap=4)
    # Then the bubble covers neither the label nor the part tapped
    assert not boxes_overlap(first.box, second.box)
    assert not disc_hits_box((400, 300), 40, second.box)
    assert second.line is None


def test_a_segment_through_a_box_hits_it_and_one_beside_it_does_not() -> None:
    box = (100, 100, 50, 50)
    assert segment_hits_box((0, 125), (300, 125), box)
    assert not segment_hits_box((0, 90), (300, 90), box)
    assert not segment_hits_box((0, 0), (90, 300), box)


# --- every shipped step ------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def library():  # type: ignore[no-untyped-def]
    return load_library(ROOT / "scenes", ROOT / "art")


@lru_cache(maxsize=None)
def fonts():  # type: ignore[no-untyped-def]
    return default_fonts(ROOT / "art")


def shipped_steps() -> list[tuple[str, int, str]]:
    lib = library()
    return [(scene_id, n, audience) for scene_id, scene in sorted(lib.scenes.items())
            for audience in ("kids", "parents")
            for n, step in enumerate(visible_steps(scene, audience), start=1)
            if any(label.audience == audience for label in step.labels) or step.hotspots]


def moments(player: StepPlayer) -> list[float]:
    """Each moment a label has just faded in (so each set of labels shown together), and the settled frame."""
    starts = sorted({label.start for label in player.step.labels if label.audience == player.audience})
    return [start + LABEL_FADE for start in starts] + [player.settled_at() + 0.05]


def problems(frame, layout, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Everything the frame's labels and bubble cover that they must not: a label covers no other label, line,
    named part, the caption or the stage's edge; the bubble covers no label, the caption or the part tapped."""
    stage = layout.stage
    sx, sy, sw, sh = stage
    places = place_overlays(fonts(), frame.labels, frame.callout, stage, layout.unit, overlay_keep_out(layout))
    labels = [(label.text, box) for label, box in zip(frame.labels, places.labels)]
    boxes = list(labels)
    if places.callout is not None:
        boxes.append((f"bubble {frame.callout.title}", places.callout))
    found = []
    for n, (name, box) in enumerate(boxes):
        x, y, w, h = box
        if x < sx or y < sy or x + w > sx + sw or y + h > sy + sh:
            found.append(f"{where}: {name!r} leaves the stage")
        for keep in overlay_keep_out(layout):
            if boxes_overlap(box, keep):
                found.append(f"{where}: {name!r} covers the caption")
        for other, other_box in boxes[n + 1:]:
            if boxes_overlap(box, other_box):
                found.append(f"{where}: {name!r} and {other!r} overlap")
    room = round(sh * POINT_ROOM)
    for label, box in zip(frame.labels, places.labels):
        if not label.point:
            continue
        point = (round(sx + label.point[0] * sw), round(sy + label.point[1] * sh))
        for other, other_box in labels:
            if disc_hits_box(point, room, other_box):
                found.append(f"{where}: {other!r} covers the part {label.text!r} points at")
        start = (min(max(point[0], box[0]), box[0] + box[2]), min(max(point[1], box[1]), box[1] + box[3]))
        for other, other_box in labels:
            if other != label.text and segment_hits_box(start, point, other_box):
                found.append(f"{where}: the line of {label.text!r} crosses {other!r}")
    if places.callout is not None:
        tapped = (round(sx + frame.callout.at[0] * sw), round(sy + frame.callout.at[1] * sh))
        if disc_hits_box(tapped, round(sh * CALLOUT_ROOM), places.callout):
            found.append(f"{where}: the bubble covers the part tapped")
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_label_or_bubble_covers_another_the_caption_or_the_part_it_names(headless_display, size) -> None:
    # Given every step with labels or hotspots, in each language and audience, on a screen of this size
    lib = library()
    layout = scene_layout(*size)
    found: list[str] = []
    checked = 0
    for scene_id, n, audience in shipped_steps():
        scene = lib.scenes[scene_id]
        step = visible_steps(scene, audience)[n - 1]
        for lang in lib.languages:
            player = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, audience, lang, lib.default_lang)
            # When each set of labels shown together is placed
            for t in moments(player):
                found += problems(player.frame(t), layout, f"{scene_id} {n} {audience} {lang} at {t:.1f} s")
                checked += 1
            # And when each hotspot is tapped once everything has settled (its bubble among the labels)
            settled = player.settled_at() + 0.05
            for spot in step.hotspots:
                player.tap(spot.at[0], spot.at[1], settled)
                frame = player.frame(settled + 1.0)
                if frame.callout is not None:
                    found += problems(frame, layout, f"{scene_id} {n} {audience} {lang} tap {spot.label['en']!r}")
                    checked += 1
    # Then nothing covers what it must not
    assert checked > 200, f"only {checked} frames checked"
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:40])


def test_each_steps_labels_are_listed_in_the_order_they_appear() -> None:
    # Given every step's labels for one audience
    late = []
    for scene_id, scene in library().scenes.items():
        for step in scene.steps:
            for audience in ("kids", "parents"):
                starts = [label.start for label in step.labels if label.audience == audience]
                # Then a label never appears before one listed above it (placement makes room in list order, so a
                # label that appears later never pushes one already shown)
                if starts != sorted(starts):
                    late.append(f"{scene_id} {step.id} {audience}: {starts}")
    assert late == []


def test_the_live_renderer_and_the_plain_one_draw_labels_in_the_same_places(headless_display) -> None:
    # Given a parents' step with two labels shown together, on a 1280x720 screen
    lib = library()
    scene = lib.scenes["pulpotomy"]
    step = next(s for s in scene.steps if len([x for x in s.labels if x.audience == "parents"]) >= 2)
    player = StepPlayer(scene, step, scene.steps.index(step), lib.aspect, "parents", "en", lib.default_lang)
    frame = player.frame(player.settled_at() + 0.05)
    layout = scene_layout(1280, 720)
    # When the real renderer and the plain reference each draw it
    live, plain = pygame.Surface((1280, 720)), pygame.Surface((1280, 720))
    make_renderer(lib, ROOT / "art").draw_step(live, frame, layout, "parents")
    build_plain_renderer(lib.art.get, ROOT / "art").draw_step(plain, frame, layout, "parents")
    # Then inside every placed label the two pictures are the same, and the label is there (its white pill)
    places = place_overlays(fonts(), frame.labels, None, layout.stage, layout.unit, overlay_keep_out(layout))
    assert len(places.labels) >= 2
    for box in places.labels:
        rect = pygame.Rect(box).inflate(-8, -8)
        assert pygame.image.tobytes(live.subsurface(rect), "RGB") == pygame.image.tobytes(plain.subsurface(rect), "RGB")
        assert live.get_at((rect.x + 2, rect.centery))[:3] == (255, 255, 255)
