"""Usage counts: per-day totals in SQLite, written off the frame thread, safe against a killed process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk import cli  # noqa: E402
from kiosk.appliance.usage import (  # noqa: E402
    AUDIENCE,
    DB_NAME,
    IDLE_RESET,
    LANGUAGE,
    SCENE_FINISHED,
    SCENE_STARTED,
    Row,
    UsageCounts,
    read_rows,
)

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2025, 3, 14)
LIVENESS = 10.0  # seconds: only a guard against a hung test, never a measure of speed


def total(path: Path) -> int:
    return sum(r.count for r in read_rows(path))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / DB_NAME


def test_counts_add_up_per_day_kind_and_detail(db: Path) -> None:
    # Given a fresh counter for one day
    counts = UsageCounts(db, today=lambda: DAY)
    # When a few visits happen
    for _ in range(3):
        counts.record(SCENE_STARTED, "pulpotomy")
    counts.record(SCENE_FINISHED, "pulpotomy")
    counts.record(SCENE_FINISHED, "pulpotomy")
    counts.record(LANGUAGE, "es")
    counts.record(AUDIENCE, "parents")
    counts.record(IDLE_RESET)
    counts.close()
    # Then each (kind, detail) holds its own total for that day
    assert sorted(read_rows(db)) == sorted([
        Row("2025-03-14", SCENE_STARTED, "pulpotomy", 3), Row("2025-03-14", SCENE_FINISHED, "pulpotomy", 2),
        Row("2025-03-14", LANGUAGE, "es", 1), Row("2025-03-14", AUDIENCE, "parents", 1),
        Row("2025-03-14", IDLE_RESET, "", 1)])


def test_days_are_counted_separately(db: Path) -> None:
    # Given a counter
    with UsageCounts(db) as counts:
        # When the same scene starts on two days
        counts.record(SCENE_STARTED, "sugar-bugs", day=date(2025, 3, 14))
        counts.record(SCENE_STARTED, "sugar-bugs", day=date(2025, 3, 15))
        counts.record(SCENE_STARTED, "sugar-bugs", day=date(2025, 3, 15))
    # Then each day has its own row, newest first
    assert [(r.day, r.count) for r in read_rows(db)] == [("2025-03-15", 2), ("2025-03-14", 1)]


def test_counts_add_to_what_an_earlier_run_stored(db: Path) -> None:
    # Given a database an earlier run of the kiosk wrote
    with UsageCounts(db, today=lambda: DAY) as first:
        first.record(SCENE_STARTED, "new-tooth")
    # When the kiosk restarts and counts the same thing again
    with UsageCounts(db, today=lambda: DAY) as second:
        second.record(SCENE_STARTED, "new-tooth")
    # Then the day's total includes both runs
    assert read_rows(db) == [Row("2025-03-14", SCENE_STARTED, "new-tooth", 2)]


def test_flush_makes_counts_readable_while_the_kiosk_runs(db: Path) -> None:
    # Given a running counter
    counts = UsageCounts(db, today=lambda: DAY)
    counts.record(SCENE_STARTED, "pulpectomy")
    # When it is flushed (the staff menu opening the summary)
    flushed = counts.flush(timeout=LIVENESS)
    # Then another reader sees the count without closing the counter
    assert flushed and total(db) == 1
    counts.close()


def test_summary_covers_only_the_last_days(db: Path) -> None:
    # Given counts today and long ago
    with UsageCounts(db, today=lambda: DAY) as counts:
        counts.record(SCENE_STARTED, "pulpotomy")
        counts.record(SCENE_FINISHED, "pulpotomy")
        counts.record(SCENE_STARTED, "pulpotomy", day=date(2024, 1, 1))
        counts.record(LANGUAGE, "en")
        counts.record(IDLE_RESET)
        # When the staff menu asks for the last 7 days
        summary = counts.summary(days=7)
    # Then the old count is left out and the lines say it plainly
    assert summary.started == {"pulpotomy": 1}
    assert "  pulpotomy: started 1, finished 1" in summary.lines()
    assert summary.idle_resets == 1


def test_stats_csv_prints_every_row_with_a_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given counts in a state folder
    today = date.today()
    with UsageCounts(tmp_path / DB_NAME) as counts:
        counts.record(SCENE_STARTED, "meet-your-tooth", day=today)
        counts.record(SCENE_STARTED, "meet-your-tooth", day=today)
        counts.record(LANGUAGE, "es", day=today)
    # When `kiosk stats --csv` runs on that folder
    code = cli.main(["stats", "--csv", "--days", "7", "--state", str(tmp_path)])
    # Then stdout is CSV: a header, then one line per (day, kind, detail)
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0] == "day,kind,detail,count"
    assert sorted(lines[1:]) == sorted([f"{today},{LANGUAGE},es,1", f"{today},{SCENE_STARTED},meet-your-tooth,2"])


def test_stats_table_lists_counts_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given counts in a state folder
    with UsageCounts(tmp_path / DB_NAME) as counts:
        counts.record(SCENE_STARTED, "sugar-bugs")
    # When `kiosk stats` runs
    code = cli.main(["stats", "--state", str(tmp_path)])
    # Then it prints the rows and a plain summary
    out = capsys.readouterr().out
    assert code == 0
    assert "sugar-bugs" in out and "sugar-bugs: started 1, finished 0" in out


def test_stats_without_a_database_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a state folder the kiosk has never counted in
    # When `kiosk stats` runs
    code = cli.main(["stats", "--state", str(tmp_path)])
    # Then it says so and leaves no database behind
    assert code == 0
    assert "nothing counted yet" in capsys.readouterr().out
    assert not (tmp_path / DB_NAME).exists()


def test_record_returns_while_the_writer_is_held(db: Path) -> None:
    # Given a writer that blocks before writing until the test lets it go
    gate, writing = threading.Event(), threading.Event()

    def hold() -> None:
        writing.set()
        gate.wait()

    counts = UsageCounts(db, today=lambda: DAY, before_write=hold)
    counts.record(SCENE_STARTED, "first")
    assert writing.wait(LIVENESS), "the writer never started"
    # When the frame thread records many more events while the writer is stuck
    returned = threading.Event()

    def frames() -> None:
        for _ in range(500):
            counts.record(SCENE_STARTED, "busy")
        returned.set()

    threading.Thread(target=frames, daemon=True).start()
    all_returned = returned.wait(LIVENESS)
    nothing_written_yet = not db.exists() or total(db) == 0
    gate.set()
    counts.close()
    # Then every record() returned while the writer was held, and every count is written once it is free
    assert all_returned and nothing_written_yet
    assert total(db) == 501


def test_a_failing_write_is_retried_with_the_next_batch(db: Path) -> None:
    # Given a writer whose first write fails (e.g. the disk was briefly busy)
    failures = [RuntimeError("disk busy")]

    def flaky() -> None:
        if failures:
            raise failures.pop()

    counts = UsageCounts(db, today=lambda: DAY, before_write=flaky)
    counts.record(SCENE_STARTED, "pulpotomy")
    counts.flush(timeout=LIVENESS)
    # When more is recorded and written
    counts.record(SCENE_STARTED, "pulpotomy")
    counts.close()
    # Then the count from the failed batch is not lost
    assert total(db) == 2


def test_a_file_that_is_not_a_database_is_moved_aside(db: Path) -> None:
    # Given garbage where the database should be
    db.write_bytes(b"this is not sqlite" * 100)
    # When the kiosk starts counting
    with UsageCounts(db, today=lambda: DAY) as counts:
        counts.record(IDLE_RESET)
    # Then a new database holds the count and the old file is kept beside it for a look
    assert total(db) == 1
    assert db.with_name(DB_NAME + ".broken").read_bytes().startswith(b"this is not sqlite")


def test_record_after_close_is_ignored(db: Path) -> None:
    # Given a closed counter
    counts = UsageCounts(db, today=lambda: DAY)
    counts.record(SCENE_STARTED, "a")
    counts.close()
    # When something is recorded afterwards (a late event during shutdown)
    counts.record(SCENE_STARTED, "a")
    # Then it is dropped quietly
    assert total(db) == 1


WRITER = """
import sys
from pathlib import Path
from kiosk.appliance.usage import UsageCounts
counts = UsageCounts(Path(sys.argv[1]))
n = 0
while True:
    for _ in range(25):
        counts.record("scene_started", "loop")
        n += 1
    counts.flush()
    print(n, flush=True)
"""


def test_a_process_killed_mid_write_leaves_a_readable_database(db: Path) -> None:
    # Given a kiosk process that counts and flushes in a tight loop
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, env=env,
                            cwd=str(ROOT))
    flushed = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            flushed = int(line)
            if flushed >= 2000:
                break
    finally:
        # When it is killed without warning while it keeps writing
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # Then the database opens, passes its integrity check, and holds at least every flushed count
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored = conn.execute("SELECT COALESCE(SUM(count), 0) FROM counts").fetchone()[0]
    finally:
        conn.close()
    assert flushed >= 2000
    assert stored >= flushed
