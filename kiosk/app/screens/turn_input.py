"""The scene screen's part in a turn (a step the child does): touches on the stage go to the turn, as stage
fractions and step seconds, and while the turn is still to do a swipe or a tap on the stage does nothing else
(a drag must not turn the page). Buttons keep working: next always skips a turn, so nothing can get stuck.
"""

from __future__ import annotations

from typing import Any

from kiosk.app.input import Command, Move, Press, Release, Swipe, Tap
from kiosk.draw.widgets import button_at
from kiosk.interactions import TurnPlayer


def route_turn_input(screen: Any, cmd: Command) -> bool:
    """Give `cmd` to the playing step's turn; True when the turn took it (the screen then ignores it)."""
    player = screen.player
    if not isinstance(player, TurnPlayer) or screen.ended_at is not None:
        return False
    sx, sy, sw, sh = screen.ctx.layout.stage
    if isinstance(cmd, Swipe):   # its finger already lifted (the Release came first)
        return player.owns_swipe(cmd.t - screen.step_start)
    if not isinstance(cmd, (Press, Move, Release, Tap)):
        return False
    t = cmd.t - screen.step_start
    x, y = (cmd.x - sx) / sw, (cmd.y - sy) / sh
    if isinstance(cmd, Press):
        on_stage = 0 <= x <= 1 and 0 <= y <= 1 and button_at(screen.buttons, cmd.x, cmd.y) is None
        if on_stage:
            player.finger_down(x, y, t)
        return False   # the screen still shows its press feedback (none, off the buttons)
    if isinstance(cmd, Move):
        player.finger_move(x, y, t)
        return True
    player.finger_up(x, y, t)
    # A tap on the stage during a turn is the turn's; a tap on a button is the button's.
    return isinstance(cmd, Tap) and player.waiting and button_at(screen.buttons, cmd.x, cmd.y) is None


def tick_turn(player: Any, t: float) -> None:
    """Time passes for the step's turn (seconds since the step started): it may finish by itself."""
    if isinstance(player, TurnPlayer):
        player.update(t)
