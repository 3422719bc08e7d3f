"""The picture a fade between screens starts from is of the kind this machine blends faster
(kiosk/draw/fade_picture.py): the choice from timings, and what each kind gives."""

from __future__ import annotations

from typing import Callable, Iterator

import pygame

from kiosk.draw.fade_picture import ALPHA, OPAQUE, TRIALS, FadePictures, blend_times, faster_kind


def ticking(durations: dict[str, float]) -> Callable[[], float]:
    """A timer under which each blend of a kind takes the given seconds; blends are timed in turn, alpha first."""
    def ticks() -> Iterator[float]:
        now = 0.0
        while True:
            for kind in (ALPHA, OPAQUE):
                yield now
                now += durations[kind]
                yield now
    it = ticks()
    return lambda: next(it)


def test_the_alpha_kind_is_taken_when_it_blends_clearly_faster() -> None:
    # Given timings where the alpha kind's fastest blend is well below the opaque kind's
    # When the kind is chosen
    # Then it is the alpha kind
    assert faster_kind({ALPHA: [0.004, 0.002, 0.003], OPAQUE: [0.004, 0.005, 0.004]}) == ALPHA


def test_the_opaque_kind_is_kept_when_the_alpha_kind_is_about_as_fast() -> None:
    # Given timings within a few per cent of each other (the alpha kind costs a pass more, to make it opaque)
    # When the kind is chosen
    # Then it is the opaque kind, SDL's plain path
    assert faster_kind({ALPHA: [0.0039], OPAQUE: [0.0040]}) == OPAQUE


def test_the_opaque_kind_is_taken_when_it_blends_faster() -> None:
    # Given a machine where the alpha kind blends at half the speed (measured on one of our hosts)
    # When the kind is chosen
    # Then it is the opaque kind
    assert faster_kind({ALPHA: [0.0155], OPAQUE: [0.0080]}) == OPAQUE


def test_each_kind_is_blended_the_trials_number_of_times_in_turn(headless_display) -> None:  # type: ignore[no-untyped-def]
    window = pygame.display.get_surface()
    # Given a timer under which an alpha blend takes 1 s and an opaque one 3 s
    # When both kinds are timed on real pictures of the window's format
    times = blend_times(window, ticking({ALPHA: 1.0, OPAQUE: 3.0}))
    # Then each kind was timed TRIALS times, with its own durations
    assert times == {ALPHA: [1.0] * TRIALS, OPAQUE: [3.0] * TRIALS}


def test_a_picture_of_the_kind_measured_faster_is_made_on_first_use(headless_display) -> None:  # type: ignore[no-untyped-def]
    window = pygame.display.get_surface()
    # Given a machine where the alpha kind blends faster, and no kind chosen yet
    fades = FadePictures(timer=ticking({ALPHA: 1.0, OPAQUE: 3.0}))
    # When the first picture is asked for
    picture = fades.new((40, 30), window)
    # Then it has an alpha channel, opaque, and the kind is kept for the next fades
    assert fades.kind == ALPHA
    assert picture.get_flags() & pygame.SRCALPHA
    assert tuple(picture.get_at((5, 5))) == (0, 0, 0, 255)


def test_an_opaque_picture_has_the_windows_format_and_is_left_as_drawn(headless_display) -> None:  # type: ignore[no-untyped-def]
    window = pygame.display.get_surface()
    # Given the opaque kind
    fades = FadePictures(kind=OPAQUE)
    # When a picture is made, drawn on and finished
    picture = fades.new((40, 30), window)
    picture.fill((12, 34, 56))
    fades.finish(picture)
    # Then it has no alpha channel, the window's pixel size, and the colour drawn
    assert not picture.get_flags() & pygame.SRCALPHA
    assert picture.get_bitsize() == window.get_bitsize()
    assert tuple(picture.get_at((5, 5)))[:3] == (12, 34, 56)


def test_an_alpha_picture_is_made_opaque_when_finished(headless_display) -> None:  # type: ignore[no-untyped-def]
    window = pygame.display.get_surface()
    # Given the alpha kind, a translucent colour drawn straight onto its picture
    fades = FadePictures(kind=ALPHA)
    picture = fades.new((8, 8), window)
    pygame.draw.rect(picture, (200, 10, 10, 100), (0, 0, 4, 4))
    # When it is finished
    fades.finish(picture)
    # Then that part keeps its colour and lets nothing through, and the rest is as it was
    assert tuple(picture.get_at((1, 1))) == (200, 10, 10, 255)
    assert tuple(picture.get_at((6, 6))) == (0, 0, 0, 255)
