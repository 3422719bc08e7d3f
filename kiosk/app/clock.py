"""Clocks you inject: `SystemClock` for the kiosk, `FakeClock` for tests. Seconds as floats.

Two readings, for two jobs:
- `now()`: monotonic seconds, for animation and timers; never jumps when the wall clock is set.
- `epoch()`: seconds since the epoch, for the time of day only (staff's quiet hours, read in local time).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Optional, Protocol


class Clock(Protocol):
    def now(self) -> float: ...
    def epoch(self) -> float: ...


class SystemClock:
    """Monotonic seconds, and the system's wall time for the time of day."""

    def now(self) -> float:
        return time.monotonic()

    def epoch(self) -> float:
        return time.time()


# A fake clock's day starts here unless a test says otherwise: a weekday morning, local time, so a test's
# quiet hours mean the same in every time zone.
FAKE_MORNING = datetime(2026, 12, 1, 10, 0)


class FakeClock:
    """A clock that moves only when told to; its wall time moves with it, from `at` (local time)."""

    def __init__(self, start: float = 1000.0, at: Optional[datetime] = None) -> None:
        self.t = start
        self._epoch_at_start = (at or FAKE_MORNING).timestamp() - start

    def now(self) -> float:
        return self.t

    def epoch(self) -> float:
        return self._epoch_at_start + self.t

    def advance(self, seconds: float) -> float:
        self.t += seconds
        return self.t
