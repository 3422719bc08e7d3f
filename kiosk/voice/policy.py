"""When the kiosk may speak, from the staff's settings: pure functions of the settings, the audience and the time.

- Sound off (kiosk.yaml `sound.enabled`, or the staff menu): never a word.
- `sound.narration`: off, kids (only in the children's mode) or everyone: when a step reads itself aloud.
- `sound.quiet_hours`: spans such as "12:00-13:00" or "17:30-08:00" (past midnight) with no narration by itself.
- `sound.tap_to_hear`: the speaker button and tapping a part still speak when narration by itself does not.
- `sound.max_volume`: no volume goes above it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Optional


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def in_quiet_hours(spans: Iterable[str], wall: float) -> bool:
    """True when the local time of `wall` (seconds since the epoch) falls in any span (end not included)."""
    moment = datetime.fromtimestamp(wall)
    now = moment.hour * 60 + moment.minute
    for span in spans:
        start_text, end_text = span.split("-")
        start, end = _minutes(start_text), _minutes(end_text)
        if start <= end:
            if start <= now < end:
                return True
        elif now >= start or now < end:   # the span runs past midnight
            return True
    return False


def narration_mode(sound: object, session: object) -> str:
    """The staff menu's choice for this session if any, else kiosk.yaml's."""
    chosen: Optional[str] = getattr(session, "narration", None)
    return chosen or getattr(sound, "narration", "kids")


def speaks_by_itself(sound: object, session: object, audience: str, wall: float) -> bool:
    """Does a step read its caption aloud when it starts?"""
    if not getattr(session, "sound", False):
        return False
    mode = narration_mode(sound, session)
    if mode == "off" or (mode == "kids" and audience != "kids"):
        return False
    return not in_quiet_hours(getattr(sound, "quiet_hours", ()), wall)


def tap_to_hear(sound: object, session: object, audience: str, wall: float) -> bool:
    """Does the speaker button (or tapping a part) speak? Always when narration would anyway; otherwise only if
    staff allow children to ask for it."""
    if not getattr(session, "sound", False):
        return False
    if speaks_by_itself(sound, session, audience, wall):
        return True
    allowed: Optional[bool] = getattr(session, "tap_to_hear", None)
    return bool(getattr(sound, "tap_to_hear", True) if allowed is None else allowed)


def voice_volume(sound: object, session: object) -> float:
    """The session's volume, never above the staff's ceiling."""
    volume = float(getattr(session, "volume", 0.6))
    return max(0.0, min(volume, float(getattr(sound, "max_volume", 1.0))))
