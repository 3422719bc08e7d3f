"""Your turn: the maths of a step the child does themselves — tap these, drag this to there, rub here, hold.

Its one job: from one finger's downs, moves and ups (stage fractions, seconds since the step started) work out how
far the child has got, when the step is done (or has finished itself, kindly), the gentle hint to show after a quiet
while, and how the step's pictures look because of all that. A turn cannot fail and cannot get stuck.

Pure: no display, no clock, no files; the same touches at the same times give the same frames.
May import: the content layer (kiosk.model) and the motion layer (kiosk.player, kiosk.timeline, kiosk.easing).
Never pygame, the renderer, the screens or the app.
"""

from kiosk.interactions.gestures import DragPiece, HoldSpot, RubArea, TapTargets, distance
from kiosk.interactions.turn import Turn
from kiosk.interactions.turn_player import TurnPlayer, player_for

__all__ = ["DragPiece", "HoldSpot", "RubArea", "TapTargets", "Turn", "TurnPlayer", "distance", "player_for"]
