"""The maths of animation: values at time t, delays, repeats, back-and-forth, keyframe times, easing."""

from __future__ import annotations

import math

import pytest

from kiosk.content.model import EASING_NAMES, Animation, Layer
from kiosk.motion.easing import EASINGS, ease
from kiosk.motion.timeline import end_time, layer_values, property_at, settle_time, value_at


def anim(**kw) -> Animation:  # type: ignore[no-untyped-def]
    kw.setdefault("ease", "linear")
    return Animation(**kw)


def test_holds_first_value_before_start() -> None:
    a = anim(opacity=[0.2, 1], start=2, duration=1)
    assert value_at(a, 0) == 0.2 and value_at(a, 2) == 0.2


def test_interpolates_linearly_during_the_pass() -> None:
    a = anim(x=[0, 10], start=1, duration=2)
    assert value_at(a, 2) == pytest.approx(5)


def test_holds_last_value_after_the_end() -> None:
    a = anim(x=[0, 10], duration=2)
    assert value_at(a, 100) == 10


def test_repeat_plays_extra_passes_then_stops() -> None:
    # Given two passes of 1 s
    a = anim(x=[0, 10], duration=1, repeat=1)
    # Then halfway through the second pass it is at the middle again, and it ends at 2 s
    assert value_at(a, 1.5) == pytest.approx(5)
    assert end_time(a) == 2 and value_at(a, 2.5) == 10


def test_back_and_forth_returns_on_the_second_pass() -> None:
    a = anim(x=[0, 10], duration=1, repeat=1, back_and_forth=True)
    assert value_at(a, 1.25) == pytest.approx(7.5)
    assert value_at(a, 9) == 0  # an even number of passes ends where it began


def test_loop_never_settles() -> None:
    a = anim(rotate=[0, 360], duration=2, repeat="loop")
    assert math.isinf(end_time(a))
    assert value_at(a, 1001) == pytest.approx(180)


def test_keyframe_times_place_values_unevenly() -> None:
    a = anim(y=[0, 10, 0], times=[0, 0.2, 1], duration=1)
    assert value_at(a, 0.1) == pytest.approx(5)
    assert value_at(a, 0.6) == pytest.approx(5)


def test_easing_shapes_each_segment() -> None:
    a = Animation(x=[0, 1], duration=1, ease="in_quad")
    assert value_at(a, 0.5) == pytest.approx(0.25)


@pytest.mark.parametrize("name", list(EASINGS))
def test_every_easing_starts_at_0_and_ends_at_1(name: str) -> None:
    assert ease(name, 0) == pytest.approx(0, abs=1e-9) and ease(name, 1) == pytest.approx(1, abs=1e-9)


def test_in_out_cubic_is_symmetric() -> None:
    assert ease("in_out_cubic", 0.25) == pytest.approx(1 - ease("in_out_cubic", 0.75))


def test_out_back_overshoots_a_little() -> None:
    assert 1 < max(ease("out_back", p / 100) for p in range(101)) < 1.15


def test_later_animation_of_the_same_property_takes_over() -> None:
    # Given a fade in (0-1 s) and a fade out starting at 3 s
    anims = [anim(opacity=[0, 1], duration=1), anim(opacity=[1, 0], start=3, duration=1)]
    # Then it is fully shown at 2 s and half gone at 3.5 s
    assert property_at("opacity", 1, anims, 2) == 1
    assert property_at("opacity", 1, anims, 3.5) == pytest.approx(0.5)


def test_layer_without_animation_keeps_its_own_values() -> None:
    layer = Layer(art="a.svg", opacity=0.4, rotate=10, scale=2)
    values = layer_values(layer, 5)
    assert (values["opacity"], values["rotate"], values["scale"], values["x"]) == (0.4, 10, 2, 0)


def test_settle_time_ignores_loops() -> None:
    layers = [Layer(art="a.svg", animate=[anim(x=[0, 1], start=1, duration=2), anim(y=[0, 1], repeat="loop")])]
    assert settle_time(layers) == 3


def test_every_easing_the_scene_format_names_has_a_curve() -> None:
    # Given the names a scene may use (content) and the curves motion draws
    # Then they are the same set: a name the format accepts always animates
    assert set(EASING_NAMES) == set(EASINGS)
