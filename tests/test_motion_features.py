"""The maths of the motion features: squash and stretch, paths, followers, wipes, blinks and the focus. Pure:
no display, no clock; times are passed in."""

from __future__ import annotations

import math

import pytest

from kiosk.motion.focus import MUTE_STRENGTH, RING_LOW, focus_look, pulse
from kiosk.content.model import Animation, Blink, Layer, Scene
from kiosk.motion.player import DrawLayer, StepPlayer
from kiosk.draw.render import placed_centre, revealed_box
from kiosk.motion.timeline import blink_at, layer_values, path_point, point_along


def anim(**kw) -> Animation:  # type: ignore[no-untyped-def]
    kw.setdefault("ease", "linear")
    return Animation(**kw)


def draw_layer(**changes) -> DrawLayer:  # type: ignore[no-untyped-def]
    values = dict(art="a.svg", cx=0.5, cy=0.5, width=0.5, height=0.5, opacity=1.0, rotate=0.0, scale=1.0,
                  focus=0.0, moving=False, index=0)
    values.update(changes)
    return DrawLayer(**values)


def one_step_scene(layers: list[dict]) -> Scene:
    return Scene.model_validate({"id": "s", "title": "S", "tile": {"art": "a.svg"},
                                 "steps": [{"id": "one", "text": {"kids": "Hi"}, "layers": layers}]})


def player(layers: list[dict]) -> StepPlayer:
    scene = one_step_scene(layers)
    return StepPlayer(scene, scene.steps[0], 0, lambda art: 1.0)


# --- squash and stretch ----------------------------------------------------------------------------------
def test_scale_x_and_scale_y_animate_apart() -> None:
    # Given a squash: wider and shorter at the same moment
    layer = Layer(art="a.svg", animate=[{"scale_x": [1, 1.3], "ease": "linear"},
                                        {"scale_y": [1, 0.7], "ease": "linear"}])
    # When it is half-way
    values = layer_values(layer, 0.5)
    # Then it is stretched across and squashed down by half the amounts
    assert values["scale_x"] == pytest.approx(1.15) and values["scale_y"] == pytest.approx(0.85)


def test_a_squash_about_the_feet_keeps_the_feet_on_the_ground() -> None:
    # Given a picture 100 px tall standing on its pivot at its bottom edge, squashed to half height
    lay = draw_layer(pivot=(0.5, 1.0), scale_y=0.5)
    # When its centre is placed
    cx, cy = placed_centre(lay, (0, 0, 200, 200), (100.0, 100.0), (0.0, 0.0))
    # Then the centre drops by a quarter of its height, so the bottom edge stays at 150 px
    assert (cx, cy) == pytest.approx((100, 125))
    assert cy + 100 * 0.5 / 2 == pytest.approx(150)


# --- motion along a path -----------------------------------------------------------------------------------
def test_a_path_passes_through_every_point() -> None:
    # Given a path through three points, reached at set times
    a = anim(path=[[0, 0], [0.2, -0.1], [0.4, 0.0]], times=[0, 0.5, 1], duration=2)
    # When it is looked at on each point's time
    # Then it is exactly on that point
    for fraction, point in ((0, (0, 0)), (0.5, (0.2, -0.1)), (1, (0.4, 0.0))):
        assert path_point(a, fraction) == pytest.approx(point)


def test_a_path_without_times_is_walked_at_even_speed() -> None:
    # Given a straight path 0.3 stage heights long whose first point-to-point piece is much shorter
    points = ((0.0, 0.0), (0.0, 0.05), (0.0, 0.3))
    # When it is a third of the way along by distance
    x, y = point_along(points, 1 / 3)
    # Then it has walked a third of the length, not a third of the points
    assert (x, y) == pytest.approx((0.0, 0.1), abs=1e-3)


def test_a_path_moves_the_layer_with_its_other_x_offsets() -> None:
    # Given a layer that slides 0.1 to the right and also follows a path 0.2 down
    layer = Layer(art="a.svg", animate=[{"x": [0, 0.1], "ease": "linear"},
                                        {"path": [[0, 0], [0, 0.2]], "ease": "linear"}])
    # When both have finished
    values = layer_values(layer, 5)
    # Then both offsets are added to `at`
    assert (values["x"], values["y"]) == pytest.approx((0.1, 0.2))


def test_a_path_needs_two_points() -> None:
    # Given a path of one point
    # When it is read
    # Then it is refused with an example of a good path
    with pytest.raises(ValueError, match=r"at least two values.*\[\[0, 0\]"):
        Animation(path=[[0, 0]])


# --- a layer that follows another -------------------------------------------------------------------------
def test_a_follower_makes_its_leaders_moves() -> None:
    # Given a pot that travels and a stream that follows it (and sways a little by itself)
    p = player([{"id": "pot", "art": "a.svg", "at": [0.8, 0.2],
                 "animate": {"path": [[0, 0], [-0.3, 0.1]], "duration": 1, "ease": "linear"}},
                {"id": "stream", "art": "a.svg", "at": [0.8, 0.3], "follow": "pot",
                 "animate": {"x": [0, 0.02], "duration": 1, "ease": "linear"}}])
    # When the pot has arrived
    layers = {d.index: d for d in p.frame(2.0).layers}
    # Then the stream has moved as far as the pot, plus its own sway
    assert layers[0].cx == pytest.approx(0.5) and layers[0].cy == pytest.approx(0.3)
    assert layers[1].cx == pytest.approx(0.52) and layers[1].cy == pytest.approx(0.4)


def test_a_follower_counts_as_moving_while_its_leader_moves() -> None:
    # Given a still layer following a moving one
    p = player([{"id": "lead", "art": "a.svg", "animate": {"x": [0, 0.2], "duration": 1}},
                {"id": "tag", "art": "a.svg", "follow": "lead"}])
    # When the leader is half-way, and after it stops
    moving_then = p.frame(0.5).layers[1].moving
    moving_after = p.frame(3.0).layers[1].moving
    # Then the follower is redrawn while it is carried along, and rests with it
    assert moving_then and not moving_after


# --- wipes: scooping out and filling up ---------------------------------------------------------------------
@pytest.mark.parametrize("side, expected", [
    ("top", (0, 0, 100, 40)),      # shows the top: 60 % of a 100-high picture from y 20 is rows 0..40
    ("bottom", (0, 20, 100, 60)),  # shows the bottom 60 %: from whole-picture row 40, cut-out row 20
    ("left", (0, 0, 60, 80)),
    ("right", (40, 0, 60, 80)),
])
def test_a_wipe_keeps_the_part_on_its_side(side: str, expected: tuple[int, int, int, int]) -> None:
    # Given a cut-out 100x80 sitting at (0, 20) in a whole picture 100x100, 60 % revealed
    # When the kept box is worked out for each side
    box = revealed_box((100, 80), (0, 20), (100, 100), 0.6, side)
    # Then it is the 60 % of the whole picture nearest that side
    assert box == expected


def test_reveal_from_must_be_a_side() -> None:
    with pytest.raises(ValueError):
        Layer(art="a.svg", reveal_from="middle")


# --- blinks ---------------------------------------------------------------------------------------------------
def test_a_blink_shows_briefly_at_every_beat() -> None:
    # Given blinks of 0.2 s every 3 s from 1 s
    blink = Blink(every=3, length=0.2, start=1)
    # When it is looked at just before, during and after each blink
    # Then it shows only during the blinks, forever
    assert [blink_at(blink, t) for t in (0.9, 1.1, 1.3, 4.05, 4.3, 3001.1)] == [0, 1, 0, 1, 0, 1]


def test_a_blink_multiplies_the_layers_opacity() -> None:
    layer = Layer(art="a.svg", opacity=0.5, blink={"every": 2, "length": 0.2, "start": 0})
    assert layer_values(layer, 0.1)["opacity"] == 0.5 and layer_values(layer, 1.0)["opacity"] == 0


def test_blinks_are_too_slow_to_flash() -> None:
    # Then no setting blinks more than three times a second (WCAG 2.3.1): at least a second between blinks
    with pytest.raises(ValueError):
        Blink(every=0.3)


# --- the focus ------------------------------------------------------------------------------------------------
def test_the_focused_part_keeps_its_colours_and_the_rest_dims() -> None:
    # Given a focused pulp among two other parts
    looks = focus_look([(0.0, 1.0), (1.0, 1.0), (0.0, 1.0)], t=0.0)
    # Then the pulp is not dimmed at all, the others are, and only the pulp has an outline
    assert looks[1].mute == 0.0 and looks[1].ring > 0
    assert looks[0].mute == looks[2].mute == pytest.approx(MUTE_STRENGTH)
    assert looks[0].ring == looks[2].ring == 0.0


def test_no_focus_dims_nothing() -> None:
    looks = focus_look([(0.0, 1.0), (0.0, 0.5)], t=3.0)
    assert all(look.mute == 0 and look.ring == 0 and not look.moving for look in looks)


def test_an_invisible_layer_holds_no_focus() -> None:
    # Given a focused layer that has faded out
    looks = focus_look([(1.0, 0.0), (0.0, 1.0)], t=0.0)
    # Then the others are not dimmed for it
    assert looks[1].mute == 0.0


def test_the_outline_pulses_gently_and_never_goes_out() -> None:
    # Given the outline's strength sampled finely over ten seconds
    values = [pulse(k / 100) for k in range(1000)]
    # Then it stays between its low point and full strength
    assert min(values) >= RING_LOW - 1e-9 and max(values) <= 1 + 1e-9
    # And it beats less than three times a second (count rises through the middle)
    middle = (RING_LOW + 1) / 2
    rises = sum(1 for a, b in zip(values, values[1:]) if a < middle <= b)
    assert rises / 10 < 3


def test_old_glow_key_still_means_focus() -> None:
    # Given a layer written with the old name
    layer = Layer(art="a.svg", glow=0.4, animate={"glow": [0, 1]})
    # Then it is the focus
    assert layer.focus == 0.4 and layer.animate[0].target == "focus"


def test_a_tapped_hotspot_focuses_its_layer_and_dims_the_others() -> None:
    # Given a step with two layers and a hotspot that highlights the second
    scene = Scene.model_validate({"id": "s", "title": "S", "tile": {"art": "a.svg"}, "steps": [{
        "id": "one", "text": {"kids": "Hi"},
        "layers": [{"id": "a", "art": "a.svg"}, {"id": "b", "art": "b.svg"}],
        "hotspots": [{"at": [0.5, 0.5], "label": "B", "highlight": "b"}]}]})
    p = StepPlayer(scene, scene.steps[0], 0, lambda art: 1.0)
    # When it is tapped and a second passes
    p.tap(0.5, 0.5, t=1.0)
    a, b = p.frame(2.0).layers
    # Then b keeps its colours with an outline, and a is dimmed
    assert b.mute == 0 and b.ring > 0 and a.mute > 0.5 and a.ring == 0
    assert not math.isnan(a.mute)


def test_a_dimmed_layer_is_greyed_but_gives_no_outline() -> None:
    # Given two layers, the second dimmed of its own accord
    looks = focus_look([(0.0, 1.0), (0.0, 1.0)], t=0.0, dims=[0.0, 1.0])
    # Then only the second is greyed (as far as a full focus elsewhere would grey it), and neither has an outline
    assert looks[0].mute == 0 and looks[1].mute == pytest.approx(MUTE_STRENGTH)
    assert looks[0].ring == looks[1].ring == 0


def test_dim_animates_like_any_property() -> None:
    p = player([{"id": "a", "art": "a.svg", "animate": {"dim": [0, 1], "duration": 1, "ease": "linear"}}])
    assert p.frame(0.5).layers[0].mute == pytest.approx(0.5 * MUTE_STRENGTH)


def test_a_blinking_layer_moves_only_around_its_blinks() -> None:
    from kiosk.motion.timeline import blink_moving
    # Given blinks of 0.2 s every 3 s from 1 s
    blink = Blink(every=3, length=0.2, start=1)
    # Then the picture counts as changing just before, during and just after each blink, and rests in between
    assert [blink_moving(blink, t) for t in (0.95, 1.1, 1.25, 2.5, 3.95, 4.1)] == [True, True, True, False, True, True]


def test_the_outline_stops_beating_and_holds_still_after_a_while() -> None:
    from kiosk.motion.focus import pulse_end
    # Given a focused part long after its step began
    late = pulse_end() + 1
    looks = focus_look([(1.0, 1.0), (0.0, 1.0)], t=late)
    # Then its outline is at full strength and nothing needs drawing again (a settled step costs no CPU)
    assert looks[0].ring == pytest.approx(1.0) and not looks[0].moving and not looks[1].moving
    # And the beat ends at its top, so the outline does not jump
    assert pulse(pulse_end() - 1e-6) == pytest.approx(1.0, abs=1e-6)
