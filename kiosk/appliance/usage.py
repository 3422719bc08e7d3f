"""Usage counts without personal data: per day, how often each thing happened. Nothing else is stored.

What is counted (`kind`, `detail`):
  scene_started / scene_finished   detail = scene id
  language                         detail = language code chosen
  audience                         detail = kids | parents
  idle_reset                       detail = ""
No times of day, no sequences, no identifiers: a row is (day, kind, detail, count), so nobody can follow a
visit through the data.

Contract: `record()` never blocks a frame and never raises. It puts the event on a queue; a background thread
batches the queue into one UPSERT transaction per wake-up. SQLite runs in WAL mode with synchronous=NORMAL:
a process killed mid-write (power cut, SIGKILL) leaves a readable database holding every committed batch.
A database that cannot be opened (corrupt file, read-only disk) is moved aside or skipped with a log line,
and the kiosk goes on without counts.
"""

from __future__ import annotations

import csv
import io
import logging
import queue
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Optional

log = logging.getLogger(__name__)

DB_NAME = "usage.sqlite3"
SCENE_STARTED = "scene_started"
SCENE_FINISHED = "scene_finished"
LANGUAGE = "language"
AUDIENCE = "audience"
IDLE_RESET = "idle_reset"
KINDS = (SCENE_STARTED, SCENE_FINISHED, LANGUAGE, AUDIENCE, IDLE_RESET)
MAX_DETAIL = 64          # scene ids and language codes are short; longer text is not something we count
MAX_QUEUED = 100_000     # if the writer is stuck for days, drop counts rather than grow without end

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day    TEXT    NOT NULL,            -- YYYY-MM-DD, the kiosk's local day
    kind   TEXT    NOT NULL,
    detail TEXT    NOT NULL DEFAULT '',
    count  INTEGER NOT NULL,
    PRIMARY KEY (day, kind, detail)
) WITHOUT ROWID
"""
_UPSERT = ("INSERT INTO counts (day, kind, detail, count) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (day, kind, detail) DO UPDATE SET count = count + excluded.count")


class Row(NamedTuple):
    day: str
    kind: str
    detail: str
    count: int


class _Flush:
    def __init__(self) -> None:
        self.done = threading.Event()


_STOP = object()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(_SCHEMA)
    return conn


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the counts database; a file that is not a database is moved aside."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(path)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "not a database" not in str(exc):
            raise
        aside = path.with_name(path.name + ".broken")
        log.warning("usage counts: %s is not readable (%s); moved it to %s and started a new one", path, exc, aside)
        for suffix in ("", "-wal", "-shm"):
            old = Path(str(path) + suffix)
            if old.exists():
                old.replace(Path(str(aside) + suffix))
        return _connect(path)


class UsageCounts:
    """Counts kept in `path` (an SQLite file, usually state/usage.sqlite3).

    `today` gives the day a record counts for (injected in tests). `before_write` is called in the writer
    thread before each batch is written: tests use it to make the writer slow or to hold it.
    """

    def __init__(self, path: Path, *, today: Callable[[], date] = date.today,
                 before_write: Optional[Callable[[], None]] = None) -> None:
        self.path = Path(path)
        self._today = today
        self._before_write = before_write
        self._queue: "queue.Queue[object]" = queue.Queue(maxsize=MAX_QUEUED)
        self.dropped = 0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="usage-counts", daemon=True)
        self._thread.start()

    # --- the frame side: cheap and never blocking ----------------------------------------------------------
    def record(self, kind: str, detail: str = "", day: Optional[date] = None) -> None:
        """Count one event. Returns at once; the write happens on the background thread."""
        if self._closed:
            return
        try:
            when = (day or self._today()).isoformat()
            self._queue.put_nowait((when, str(kind)[:MAX_DETAIL], str(detail)[:MAX_DETAIL]))
        except queue.Full:
            self.dropped += 1
        except Exception:  # a count is never worth a crash
            log.exception("usage counts: could not record %r", kind)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Wait until everything recorded so far is written. False if the writer did not finish in time."""
        if not self._thread.is_alive():
            return False
        marker = _Flush()
        self._queue.put(marker)
        return marker.done.wait(timeout)

    def close(self, timeout: Optional[float] = 10.0) -> None:
        """Write what is queued and stop the writer."""
        if self._closed:
            return
        self._closed = True
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def __enter__(self) -> "UsageCounts":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the writer thread ------------------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            conn: Optional[sqlite3.Connection] = open_database(self.path)
        except (sqlite3.Error, OSError) as exc:
            log.warning("usage counts are off: cannot open %s (%s)", self.path, exc)
            conn = None
        pending: dict[tuple[str, str, str], int] = {}
        stop = False
        while not stop:
            item = self._queue.get()
            flushes: list[_Flush] = []
            while True:  # take everything already queued: one transaction per wake-up
                if item is _STOP:
                    stop = True
                elif isinstance(item, _Flush):
                    flushes.append(item)
                else:
                    key = item  # type: ignore[assignment]
                    pending[key] = pending.get(key, 0) + 1  # type: ignore[index]
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if pending and conn is not None:
                if self._write(conn, pending):
                    pending = {}
            elif conn is None:
                pending = {}
            for marker in flushes:
                marker.done.set()
        if conn is not None:
            conn.close()

    def _write(self, conn: sqlite3.Connection, batch: dict[tuple[str, str, str], int]) -> bool:
        try:
            if self._before_write is not None:
                self._before_write()
            with conn:  # one transaction; rolled back on error, kept for the next wake-up
                conn.execute("BEGIN")
                conn.executemany(_UPSERT, [(d, k, t, n) for (d, k, t), n in batch.items()])
            return True
        except Exception as exc:
            log.warning("usage counts: write failed (%s); will retry with the next batch", exc)
            return False

    # --- reading (staff menu, `kiosk stats`) --------------------------------------------------------------------
    def daily(self, days: Optional[int] = None, wait: float = 0.5) -> list[Row]:
        """Rows (day, kind, detail, count), newest day first; only the last `days` days if given.

        Waits up to `wait` seconds for queued counts to be written first: call it when staff open the menu,
        not every frame."""
        if not self._closed:
            self.flush(timeout=wait)
        return read_rows(self.path, days, self._today())

    def summary(self, days: int = 7) -> "Summary":
        return summarize(self.daily(days), days)

    def summary_lines(self, days: int = 7) -> list[str]:
        """The staff menu's lines, e.g. ['Last 7 days:', '  pulpotomy: started 12, finished 9', ...]."""
        return self.summary(days).lines()


def read_rows(path: Path, days: Optional[int] = None, today: Optional[date] = None) -> list[Row]:
    """Read the counts without creating anything. A missing database has no rows."""
    if not Path(path).exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=5.0)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    except sqlite3.OperationalError:
        # Older SQLite cannot open a WAL database read-only without its -shm file; a plain open can.
        conn = sqlite3.connect(str(path), timeout=5.0)
    try:
        sql = "SELECT day, kind, detail, count FROM counts"
        params: tuple[str, ...] = ()
        if days is not None:
            first = (today or date.today()) - timedelta(days=max(days, 1) - 1)
            sql += " WHERE day >= ?"
            params = (first.isoformat(),)
        sql += " ORDER BY day DESC, kind, count DESC, detail"
        try:
            return [Row(*r) for r in conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise
    finally:
        conn.close()


@dataclass(frozen=True)
class Summary:
    """Totals over the last few days, for the staff menu."""

    days: int
    started: dict[str, int] = field(default_factory=dict)
    finished: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    audiences: dict[str, int] = field(default_factory=dict)
    idle_resets: int = 0

    def lines(self) -> list[str]:
        """Plain lines, e.g. 'pulpotomy: started 12, finished 9'."""
        out = [f"Last {self.days} day{'s' * (self.days != 1)}:"]
        if not (self.started or self.languages or self.idle_resets):
            return out + ["  nothing counted yet"]
        for scene in sorted(self.started, key=lambda s: (-self.started[s], s)):
            out.append(f"  {scene}: started {self.started[scene]}, finished {self.finished.get(scene, 0)}")
        for scene in sorted(set(self.finished) - set(self.started)):
            out.append(f"  {scene}: started 0, finished {self.finished[scene]}")
        if self.languages:
            out.append("  languages: " + ", ".join(f"{k} {v}" for k, v in sorted(self.languages.items())))
        if self.audiences:
            out.append("  audiences: " + ", ".join(f"{k} {v}" for k, v in sorted(self.audiences.items())))
        out.append(f"  back to the start after no one touched the screen: {self.idle_resets}")
        return out


def summarize(rows: Iterable[Row], days: int) -> Summary:
    buckets: dict[str, dict[str, int]] = {SCENE_STARTED: {}, SCENE_FINISHED: {}, LANGUAGE: {}, AUDIENCE: {}}
    idle = 0
    for row in rows:
        if row.kind == IDLE_RESET:
            idle += row.count
        elif row.kind in buckets:
            bucket = buckets[row.kind]
            bucket[row.detail] = bucket.get(row.detail, 0) + row.count
    return Summary(days, buckets[SCENE_STARTED], buckets[SCENE_FINISHED], buckets[LANGUAGE], buckets[AUDIENCE], idle)


def rows_as_csv(rows: Iterable[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(Row._fields)
    writer.writerows(rows)
    return out.getvalue()


def rows_as_table(rows: list[Row]) -> str:
    if not rows:
        return ""
    widths = [max(len(str(r[i])) for r in rows + [Row(*Row._fields)]) for i in range(4)]  # type: ignore[arg-type]
    lines = []
    for r in [Row(*Row._fields)] + rows:  # type: ignore[arg-type]
        lines.append("  ".join(str(v).ljust(w) if i < 3 else str(v).rjust(w) for i, (v, w) in
                               enumerate(zip(r, widths))).rstrip())
    return "\n".join(lines) + "\n"


__all__ = ["UsageCounts", "Row", "Summary", "read_rows", "summarize", "rows_as_csv", "rows_as_table", "DB_NAME",
           "KINDS", "SCENE_STARTED", "SCENE_FINISHED", "LANGUAGE", "AUDIENCE", "IDLE_RESET"]
