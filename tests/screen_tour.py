"""Every screen the kiosk can show, drawn once each with its words in one language at one size: the menu
(kids and parents, each of its pages), every step of every scene for both audiences with every hotspot's bubble, each end panel,
the FAQ with each question chosen, the clinic card, "Still watching?", the attract loop, the PIN pad and the
staff menu. Used by the test that no text is ever cut, overflows or is too small.
"""

from __future__ import annotations

from typing import Callable, Iterator

import pygame

from kiosk.app.overlays import draw_still_watching
from kiosk.motion.player import visible_steps

Drawn = tuple[str, Callable[[pygame.Surface], None]]


def tour(app) -> Iterator[tuple[str, pygame.Surface]]:  # type: ignore[no-untyped-def]
    """Draws each screen on a fresh surface; yields (what, surface) after each."""
    ctx, nav = app.ctx, app.nav
    factories = nav.factories
    surface = pygame.Surface(ctx.size)
    t = nav.t + 30.0

    def show(name: str, **kw) -> "object":  # type: ignore[no-untyped-def]
        screen = factories[name](ctx, nav, **kw)
        nav.screen = screen
        return screen

    screen = show("attract")
    screen.draw(surface, t)
    yield "attract", surface
    for audience in ("kids", "parents"):
        ctx.session.audience = audience
        home = show("home")
        for page in range(home.page_count):
            home.show_page(page)
            home.draw(surface, t)
            yield f"home page {page + 1} ({audience})", surface
        for scene_id in ctx.playable():
            scene = ctx.library.scenes[scene_id]
            for i, step in enumerate(visible_steps(scene, audience)):
                screen = show("scene", scene_id=scene_id, step=i)
                start = screen.step_start
                settled = screen.player.settled_at()
                screen.draw(surface, start + settled + 0.01)
                yield f"{scene_id} step {i + 1} ({audience})", surface
                for spot in step.hotspots:
                    player = screen.player
                    player.tap(spot.at[0], spot.at[1], settled + 0.1)
                    screen.draw(surface, start + settled + 1.5)
                    yield f"{scene_id} step {i + 1} hotspot {spot.at} ({audience})", surface
            screen = show("scene", scene_id=scene_id)
            screen.go_to(len(screen.steps))
            screen.draw(surface, screen.step_start + 1)
            yield f"{scene_id} end panel ({audience})", surface
    ctx.session.audience = "parents"
    faq = ctx.library.faq
    for i in range(len(faq.questions) if faq is not None else 0):
        show("faq", selected=i).draw(surface, t)
        yield f"faq question {i + 1}", surface
    show("clinic").draw(surface, t)
    yield "clinic", surface
    for audience in ("kids", "parents"):
        ctx.session.audience = audience
        show("home").draw(surface, t)
        draw_still_watching(surface, ctx, 7.5)
        yield f"still watching ({audience})", surface
    show("pin").draw(surface, t)
    yield "pin pad", surface
    for section in ("problems", "exit"):
        show("staff", section=section).draw(surface, t)
        yield f"staff menu ({section})", surface
