"""Notice when the content folders change, so the app can reload them: poll, never inotify.

Clinics sync content with a tool they trust (rsync, Syncthing, `git pull`); the kiosk never syncs itself. Those
tools write several files one after the other, or swap a whole folder by renaming it or by flipping a symbolic
link. The watcher must hand the app one consistent change, never a half-written set, so:

- a *snapshot* of a watched path is its resolved real root plus, for every file under it, the relative path,
  mtime_ns and size. The root link is followed (so a flipped link is a change even when the new folder's files
  look identical); links inside that lead outside the root are ignored, and linked folders are not entered
  (no loops, no reading outside the content).
- `poll(now)` scans at most every `interval` seconds of the caller's clock and reports a change only when the
  new snapshot has stayed identical for one more scan: an rsync or a copy still in progress keeps changing
  the snapshot, so it is not reported half-way.
- with `full_every=N` (the kiosk uses 4), only every Nth scan reads every file; the scans between read just the
  folders' own times, which change whenever a file is created, deleted or renamed into place (how rsync, git,
  Syncthing and the staff console write). An edit in place is then seen within N intervals instead of one, and
  an idle kiosk does a quarter of the file reads (1 % of a core at 0.5 s for 800 files, measured). Any
  difference seen by the light scan makes that scan a full one, so nothing is reported that a full scan
  would not report; tests/test_watcher.py holds both to the same changes.
- temporary and hidden files that sync tools and editors write are skipped (rsync's `.name.XXXXXX`,
  Syncthing's `.syncthing.name.tmp` and `~syncthing~name.tmp`, editors' `name~`, `.name.swp`, vim's `4913`).

Contract: `poll` never raises for a missing, unreadable or vanishing folder (a missing root is part of the
snapshot, so "the folder disappeared" is a change like any other); it never reads the wall clock.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

# (relative path, mtime_ns, size) for a file; (relative path, -1, target) for a linked folder inside the root.
Entry = tuple[str, int, Union[int, str]]
# (path as given, its real root or "" if missing, kind, entries)
PathSnapshot = tuple[str, str, str, tuple[Entry, ...]]
Snapshot = tuple[PathSnapshot, ...]

KIOSK_FULL_EVERY = 4   # what the running kiosk uses: an edit in place is seen within 2 s, the rest within 0.5 s
MAX_ENTRIES = 20_000  # a content folder has a few hundred files; stop counting long before a scan gets slow
_TEMP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".partial", ".crdownload", ".kate-swp")
_TEMP_NAMES = {"4913"}  # vim writes and deletes this to test that a folder is writable


def is_temporary(name: str) -> bool:
    """True for hidden files and the temporary files sync tools and editors leave while writing."""
    return (name.startswith((".", "~", "#")) or name.endswith(_TEMP_SUFFIXES) or name in _TEMP_NAMES)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _scan_folder(root: str) -> tuple[Entry, ...]:
    """Every file under a real (resolved) folder, skipping temporary files and links that lead outside."""
    entries: list[Entry] = []
    stack = [("", root)]
    while stack and len(entries) < MAX_ENTRIES:
        rel_dir, folder = stack.pop()
        try:
            listing = list(os.scandir(folder))
        except OSError:
            continue  # vanished or unreadable mid-scan: the next scan sees the settled state
        for entry in listing:
            if is_temporary(entry.name):
                continue
            rel = f"{rel_dir}{entry.name}"
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if not _inside(target, root):
                        continue
                    info = os.stat(target)
                    if stat.S_ISDIR(info.st_mode):
                        # Its files are scanned where they really live (inside the root); record where it points.
                        entries.append((rel + "/", -1, os.path.relpath(target, root)))
                        continue
                else:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        stack.append((rel + "/", entry.path))
                        continue
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                entries.append((rel, info.st_mtime_ns, info.st_size))
    entries.sort()
    return tuple(entries)


def _folder_times(root: str) -> tuple[tuple[str, int], ...]:
    """The modification time of every folder under a real folder (not entering linked or temporary ones)."""
    times: list[tuple[str, int]] = []
    stack = [("", root)]
    while stack and len(times) < MAX_ENTRIES:
        rel_dir, folder = stack.pop()
        try:
            times.append((rel_dir, os.stat(folder).st_mtime_ns))
            listing = list(os.scandir(folder))
        except OSError:
            times.append((rel_dir, -1))
            continue
        for entry in listing:
            try:   # is_dir answers from the listing itself (no system call): files cost almost nothing here
                if entry.is_dir(follow_symlinks=False) and not is_temporary(entry.name):
                    stack.append((f"{rel_dir}{entry.name}/", entry.path))
            except OSError:
                continue
    times.sort()
    return tuple(times)


def light_snapshot(paths: Iterable[Path]) -> tuple:
    """What changes when a file is created, deleted or renamed anywhere under the paths (or a watched file or a
    root link changes): far cheaper than `snapshot`, which reads every file."""
    out = []
    for path in paths:
        given = str(path)
        try:
            real = os.path.realpath(given)
            info = os.stat(real)
        except OSError:
            out.append((given, "", ()))
            continue
        if stat.S_ISDIR(info.st_mode):
            out.append((given, real, _folder_times(real)))
        else:
            out.append((given, real, (info.st_mtime_ns, info.st_size)))
    return tuple(out)


def snapshot_path(path: Path) -> PathSnapshot:
    """The state of one watched path (a folder or a single file such as kiosk.yaml)."""
    given = str(path)
    try:
        real = os.path.realpath(given)
        info = os.stat(real)
    except OSError:
        return (given, "", "missing", ())
    if stat.S_ISDIR(info.st_mode):
        return (given, real, "folder", _scan_folder(real))
    return (given, real, "file", ((os.path.basename(real), info.st_mtime_ns, info.st_size),))


def snapshot(paths: Iterable[Path]) -> Snapshot:
    return tuple(snapshot_path(Path(p)) for p in paths)


class ContentWatcher:
    """Polls content paths; `poll(now)` is True exactly once per settled change.

    The caller passes its own clock value (seconds, any origin) so tests drive time and the kiosk's main loop
    can call `poll(clock.now())` every frame: scans happen at most every `interval` seconds.
    """

    def __init__(self, paths: Sequence[Path], interval: float = 0.5, full_every: int = 1) -> None:
        self.paths = [Path(p) for p in paths]
        self.interval = float(interval)
        self.full_every = max(1, int(full_every))
        self._light = light_snapshot(self.paths) if self.full_every > 1 else ()
        self._settled: Snapshot = snapshot(self.paths)   # what the app has (or is about to have) loaded
        self._pending: Optional[Snapshot] = None          # a different snapshot seen once, waiting to settle
        self._last_scan: Optional[float] = None
        self._since_full = 0
        self.scans = 0
        self.full_scans = 0

    @property
    def current(self) -> Snapshot:
        """The last settled snapshot (what the most recent True from `poll` stood for)."""
        return self._settled

    def reset(self) -> None:
        """Take the folders as they are now as the baseline (e.g. after a reload the app did for another reason)."""
        if self.full_every > 1:
            self._light = light_snapshot(self.paths)
        self._settled = snapshot(self.paths)
        self._pending = None

    def poll(self, now: float) -> bool:
        """Scan if `interval` has passed on the caller's clock; True once when a change has settled."""
        if self._last_scan is not None and self._last_scan <= now < self._last_scan + self.interval:
            return False
        self._last_scan = now  # a clock that jumped backwards simply scans now and restarts the interval
        self.scans += 1
        if not self._full_scan_due():
            return False
        self.full_scans += 1
        seen = snapshot(self.paths)
        if seen == self._settled:
            self._pending = None  # changed and changed back before settling: nothing to report
            return False
        if seen != self._pending:
            self._pending = seen  # still moving (or just started): wait one more scan
            return False
        self._settled, self._pending = seen, None
        return True

    def _full_scan_due(self) -> bool:
        """Every scan is full with full_every=1. Otherwise: while a change waits to settle, every Nth scan, and
        whenever the folders' own times moved since the last look."""
        if self.full_every == 1:
            return True
        light = light_snapshot(self.paths)
        moved, self._light = light != self._light, light
        self._since_full += 1
        if moved or self._pending is not None or self._since_full >= self.full_every:
            self._since_full = 0
            return True
        return False


__all__ = ["ContentWatcher", "snapshot", "snapshot_path", "light_snapshot", "is_temporary"]
