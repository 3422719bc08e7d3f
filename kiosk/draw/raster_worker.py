"""Pictures drawn from their files off the main loop, so rasterising never holds up a frame.

SVG is rasterised by SDL_image (nanosvg) through `pygame.image.load_sized_svg`, and raster art is decoded by
Pillow; both release the GIL while they work (measured: the main thread ran freely while a 1 s SVG was drawn in
a thread), so a thread is enough and no picture has to be copied between processes. A thread cannot be killed,
though: a job that runs past `time_limit` is given up (its picture becomes the placeholder and the file is named
as a problem), its thread is left to finish on its own and its result is thrown away, and a fresh thread takes
the queue. Validation bounds what an accepted SVG may cost (content/artcheck.py), and a file that was given up
is never started again, so at most a few such threads exist at once.

Contract: `submit`, `finished` and `wait` are called from the main loop only; a task runs on a worker thread and
must touch nothing the main loop uses. Nothing here raises for a task that fails: its exception is its result.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Iterable, Optional

TIME_LIMIT = 10.0      # seconds one picture may take before it is given up
MAX_WAITING = 48       # pictures asked for ahead of time (preloads) that may wait; more are not queued
MAX_THREADS = 3        # threads at most: one normally; more only while pictures are slow or were given up
SLOW_AFTER = 1.0       # a picture taking longer than this lets another thread make the ones waiting behind it
IDLE_EXIT = 5.0        # an idle thread ends after this many seconds (a new one starts with the next job)


class GaveUp(Exception):
    """A picture took longer than the time limit and was given up."""


@dataclass
class _Job:
    key: Hashable
    task: Callable[[], Any]
    started: Optional[float] = None
    abandoned: bool = False
    result: Any = None
    ok: bool = False
    done: bool = field(default=False)


class RasterWorker:
    """Runs picture tasks on worker threads: urgent ones (a frame is showing a blank for them) first, then the
    ones asked for ahead of time. `clock` measures the time limit (injected: tests use a fake one)."""

    def __init__(self, time_limit: float = TIME_LIMIT, clock: Callable[[], float] = time.monotonic,
                 max_waiting: int = MAX_WAITING, max_threads: int = MAX_THREADS) -> None:
        self.time_limit = time_limit
        self.clock = clock
        self.max_waiting = max_waiting
        self.max_threads = max_threads
        self._cond = threading.Condition()
        self._urgent: deque[_Job] = deque()
        self._ahead: deque[_Job] = deque()
        self._jobs: dict[Hashable, _Job] = {}   # every job not yet reported by `finished`
        self._running: dict[int, _Job] = {}      # thread id -> the job it works on
        self._threads = 0   # threads taking jobs
        self._stuck = 0     # threads still inside a picture that was given up
        self._idle = 0      # threads waiting for a job

    def submit(self, key: Hashable, task: Callable[[], Any], urgent: bool = True) -> bool:
        """Queue `task` under `key` (once: a key already queued is only moved forward if now urgent). False
        if it was not queued: too many pictures already wait to be made ahead of time."""
        with self._cond:
            job = self._jobs.get(key)
            if job is not None:
                if urgent and job in self._ahead:
                    self._ahead.remove(job)
                    self._urgent.append(job)
                return True
            if not urgent and len(self._ahead) >= self.max_waiting:
                return False
            job = _Job(key, task)
            self._jobs[key] = job
            (self._urgent if urgent else self._ahead).append(job)
            self._start_thread()
            self._cond.notify()
            return True

    def pending(self, key: Hashable) -> bool:
        with self._cond:
            return key in self._jobs

    def finished(self) -> list[tuple[Hashable, bool, Any]]:
        """The jobs that ended since the last call, as (key, ok, result or exception); a job running past the
        time limit ends here as a GaveUp, and a fresh thread carries on with the queue."""
        out = []
        with self._cond:
            now = self.clock()
            for ident, job in list(self._running.items()):
                if job.started is not None and now - job.started > self.time_limit and not job.abandoned:
                    job.abandoned = True
                    job.done, job.ok = True, False
                    job.result = GaveUp(f"took longer than {self.time_limit:g} s to draw")
                    del self._running[ident]
                    self._threads -= 1   # that thread is left to finish alone; it takes no more jobs
                    self._stuck += 1
                    self._start_thread()
            if self._running and all(j.started is not None and now - j.started > SLOW_AFTER
                                     for j in self._running.values()):
                self._start_thread(beside=True)   # one slow picture must not hold back all the others
            for key, job in list(self._jobs.items()):
                if job.done:
                    del self._jobs[key]
                    out.append((key, job.ok, job.result))
        return out

    def wait(self, keys: Iterable[Hashable], timeout: float) -> None:
        """Block until every job in `keys` has ended (or been given up), or `timeout` seconds of wall time."""
        deadline = time.monotonic() + max(0.0, timeout)
        wanted = set(keys)
        with self._cond:
            while True:
                open_jobs = [self._jobs[k] for k in wanted if k in self._jobs and not self._jobs[k].done]
                left = deadline - time.monotonic()
                if not open_jobs or left <= 0:
                    return
                self._cond.wait(min(left, 0.05))   # short naps: the time limit is checked by `finished`
                now = self.clock()
                if any(j.started is not None and now - j.started > self.time_limit for j in open_jobs):
                    return   # one of them is past its limit: `finished` gives it up

    @property
    def queued(self) -> int:
        with self._cond:
            return len(self._jobs)

    @property
    def idle(self) -> bool:
        """Every job has ended (its result may still wait to be taken by `finished`)."""
        with self._cond:
            return all(job.done for job in self._jobs.values())

    # --- the threads --------------------------------------------------------------------------------
    def _start_thread(self, beside: bool = False) -> None:
        """Called with the lock held: a thread if jobs wait and no thread takes jobs (one at a time: the other
        core is the main loop's), or `beside` the slow ones, unless the threads already fill the cap."""
        if self._idle > 0 or self._threads + self._stuck >= self.max_threads or not (self._urgent or self._ahead):
            return
        if self._threads >= 1 and not beside:
            return
        self._threads += 1
        threading.Thread(target=self._run, name="raster-worker", daemon=True).start()

    def _run(self) -> None:
        ident = threading.get_ident()
        while True:
            with self._cond:
                while not (self._urgent or self._ahead):
                    self._idle += 1
                    woken = self._cond.wait(IDLE_EXIT)
                    self._idle -= 1
                    if not woken and not (self._urgent or self._ahead):
                        self._threads -= 1
                        return
                job = (self._urgent or self._ahead).popleft()
                job.started = self.clock()
                self._running[ident] = job
            try:
                result, ok = job.task(), True
            except Exception as exc:   # noqa: BLE001  a task's failure is its result, reported by `finished`
                result, ok = exc, False
            with self._cond:
                if job.abandoned:   # given up while it ran: another thread has the queue now
                    self._stuck -= 1
                    self._start_thread()   # unless the cap held the queue back: then this one's room is free
                    return
                del self._running[ident]
                job.result, job.ok, job.done = result, ok, True
                self._cond.notify_all()
