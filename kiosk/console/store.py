"""The one way the console changes content: check the whole change with the kiosk's own loader, keep the
earlier version of every file it touches, write each file atomically, and note it in the audit log.

A change is a mapping of content paths (relative to the content root, e.g. "scenes/pulpotomy.yaml") to their
new bytes (None removes the file). Paths are checked here, once, against the content folders: nothing a
browser sends can name a file outside them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping, Optional

from kiosk.content.config import CONFIG_NAME, KioskConfig, load_config
from kiosk.content.library import Library, load_library
from kiosk.content.problems import Problem

HISTORY_FOLDER = "console-history"
AUDIT_NAME = "console-audit.log"
KEEP_VERSIONS = 200          # changes kept for undo; older ones are pruned
VOICE_FOLDER = "voice"       # inside the scenes folder, as the narration defines it (kiosk/voice/files.py)

Change = Mapping[str, Optional[bytes]]


class Refused(Exception):
    """The change was not written; `problems` say why, in `kiosk check`'s words."""

    def __init__(self, problems: list[Problem] | list[str]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ContentPaths:
    """Where the kiosk's files are. `root` is the folder of kiosk.yaml; every path below is inside it."""

    config_path: Path
    scenes_dir: Path
    art_dir: Path
    state_dir: Path

    @property
    def root(self) -> Path:
        return self.config_path.parent

    def folders(self) -> dict[str, Path]:
        return {"scenes": self.scenes_dir, "art": self.art_dir}

    def resolve(self, rel: str) -> Path:
        """The file a content path names, or ValueError if it is not inside one of the content folders."""
        if rel == CONFIG_NAME:
            return self.config_path
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or "\\" in rel or not pure.parts or "\x00" in rel:
            raise ValueError(f"'{rel}' is not a content path")
        top, rest = pure.parts[0], pure.parts[1:]
        folders = self.folders()
        if top not in folders or not rest or any(p.startswith(".") for p in rest):
            raise ValueError(f"'{rel}' is not in scenes/ or art/")
        base = folders[top].resolve() if folders[top].exists() else folders[top]
        target = base.joinpath(*rest)
        real = target.resolve()
        real.relative_to(base)  # a link leading out of the folder raises ValueError
        return target


def is_scene_file(rel: str) -> bool:
    """A file the loader reads (scenes/..., but not the recordings in scenes/voice/)."""
    return rel.startswith("scenes/") and not rel.startswith(f"scenes/{VOICE_FOLDER}/")


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file in the same folder, flush it to disk, then rename it over the old one:
    the kiosk (and a power cut) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)   # the rename itself reaches the disk
        finally:
            os.close(dir_fd)
    except OSError:
        pass


class ContentStore:
    """Reads and changes the content for the console. Thread-safe: one change at a time."""

    def __init__(self, paths: ContentPaths, clock: Callable[[], float] = time.time) -> None:
        self.paths = paths
        self.clock = clock
        self._lock = threading.RLock()
        self._cache: tuple[object, Library] | None = None
        self.history = paths.state_dir / HISTORY_FOLDER
        self.audit_path = paths.state_dir / AUDIT_NAME

    # --- reading ----------------------------------------------------------------------------------------
    def config(self) -> tuple[KioskConfig, list[Problem]]:
        return load_config(self.paths.config_path)

    def library(self) -> Library:
        """The content as the kiosk loads it, read again only when a file changed."""
        stamp = self._stamp()
        with self._lock:
            if self._cache is None or self._cache[0] != stamp:
                config, _ = self.config()
                lib = load_library(self.paths.scenes_dir, self.paths.art_dir, config.languages,
                                   config.default_language, shown_base=self.paths.root)
                self._cache = (stamp, lib)
            return self._cache[1]

    def _stamp(self) -> object:
        entries = []
        for folder in (self.paths.scenes_dir, self.paths.art_dir):
            if folder.is_dir():
                for f in folder.rglob("*"):
                    try:
                        st = f.stat()
                    except OSError:
                        continue
                    entries.append((str(f), st.st_mtime_ns, st.st_size))
        try:
            st = self.paths.config_path.stat()
            entries.append(("config", st.st_mtime_ns, st.st_size))
        except OSError:
            pass
        return tuple(sorted(entries))

    def read_text(self, rel: str) -> str:
        return self.paths.resolve(rel).read_text(encoding="utf-8")

    # --- checking ---------------------------------------------------------------------------------------
    def check(self, change: Change) -> list[Problem]:
        """Every error the change would bring, in `kiosk check`'s words, without writing anything."""
        targets = {rel: self.paths.resolve(rel) for rel in change}
        problems: list[Problem] = []
        if CONFIG_NAME in change:
            problems += self._check_config(change[CONFIG_NAME])
        if any(is_scene_file(rel) or rel.startswith("art/") for rel in change):
            problems += self._check_scenes(change, targets)
        return problems

    def _check_config(self, data: Optional[bytes]) -> list[Problem]:
        if data is None:
            return [Problem(CONFIG_NAME, 0, 0, "kiosk.yaml cannot be removed")]
        before = {str(Problem(CONFIG_NAME, p.line, p.column, p.message.removesuffix("; the default is used"),
                              p.severity)) for p in self.config()[1]}
        with tempfile.TemporaryDirectory(prefix="console-check-") as tmp:
            path = Path(tmp) / CONFIG_NAME
            path.write_bytes(data)
            _, found = load_config(path)
        # load_config falls back to defaults for bad values; for the console any new problem means "refuse".
        out = []
        for p in found:
            message = p.message.removesuffix("; the default is used")   # refused here: nothing falls back
            named = Problem(CONFIG_NAME, p.line, p.column, message, p.severity)
            if str(named) not in before:
                out.append(named)
        return out

    def _check_scenes(self, change: Change, targets: Mapping[str, Path]) -> list[Problem]:
        """Load a copy of the scenes (and, if the change has pictures, the art) with the change applied,
        exactly as `kiosk check` would."""
        config, _ = self.config()
        before = {str(p) for p in self.library().errors}
        folders = {"scenes/": self.paths.scenes_dir, "art/": self.paths.art_dir}
        with tempfile.TemporaryDirectory(prefix="console-check-") as tmp:
            staged: dict[str, Path] = {}
            for top, real in folders.items():
                if top == "scenes/" or any(rel.startswith(top) for rel in change):
                    staged[top] = Path(tmp) / real.name
                    if real.is_dir():
                        # Recordings are not read by the loader: leave them out of the copy (they are large).
                        skip = shutil.ignore_patterns(".*", VOICE_FOLDER) if top == "scenes/" else \
                            shutil.ignore_patterns(".*")
                        shutil.copytree(real, staged[top], ignore=skip)
                    else:
                        staged[top].mkdir()
            for rel, data in change.items():
                top = rel.split("/", 1)[0] + "/"
                if top not in staged or (top == "scenes/" and not is_scene_file(rel)):
                    continue
                dest = staged[top] / targets[rel].resolve().relative_to(folders[top].resolve())
                if data is None:
                    dest.unlink(missing_ok=True)
                else:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(data)
            lib = load_library(staged["scenes/"], staged.get("art/", self.paths.art_dir), config.languages,
                               config.default_language, shown_base=Path(tmp))
        scenes = self.paths.scenes_dir
        shown = {scenes.name + "/" + str(targets[rel].resolve().relative_to(scenes.resolve())) for rel in change
                 if is_scene_file(rel)}
        # Refuse errors in the files changed, and any error the change brings elsewhere (a scene it breaks).
        return [p for p in lib.errors if p.path in shown or str(p) not in before]

    # --- writing ----------------------------------------------------------------------------------------
    def write(self, change: Change, who: str, what: str) -> str:
        """Check, keep the old versions, write, log. Returns the change's id. Raises Refused."""
        with self._lock:
            problems = self.check(change)
            if problems:
                raise Refused(problems)
            change_id = self._keep_versions(change, what)
            for rel, data in change.items():
                target = self.paths.resolve(rel)
                if data is None:
                    target.unlink(missing_ok=True)
                else:
                    atomic_write(target, data)
            self._audit(who, what, list(change), change_id)
            self._cache = None
            return change_id

    def _keep_versions(self, change: Change, what: str) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(self.clock()))
        n = 0
        while (self.history / f"{stamp}-{n:03d}").exists():
            n += 1
        folder = self.history / f"{stamp}-{n:03d}"
        folder.mkdir(parents=True)
        files = []
        for i, rel in enumerate(change):
            target = self.paths.resolve(rel)
            kept = None
            if target.is_file():
                kept = f"{i}.bin"
                shutil.copy2(target, folder / kept)
            files.append({"path": rel, "kept": kept})
        manifest = {"what": what, "when": self.clock(), "files": files}
        atomic_write(folder / "change.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        self._prune()
        return folder.name

    def _prune(self) -> None:
        entries = sorted(p for p in self.history.iterdir() if p.is_dir())
        for old in entries[:-KEEP_VERSIONS]:
            shutil.rmtree(old, ignore_errors=True)

    def changes(self) -> list[dict]:
        """Earlier changes, newest first: id, what, when, files."""
        if not self.history.is_dir():
            return []
        out = []
        for folder in sorted((p for p in self.history.iterdir() if p.is_dir()), reverse=True):
            try:
                manifest = json.loads((folder / "change.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if manifest.get("undone"):
                continue
            out.append({"id": folder.name, **manifest})
        return out

    def undo_last(self, who: str) -> str:
        """Put back the files as they were before the last change. Raises Refused if nothing is left to undo."""
        with self._lock:
            changes = self.changes()
            if not changes:
                raise Refused(["there is no change to undo"])
            last = changes[0]
            folder = self.history / last["id"]
            restore: dict[str, Optional[bytes]] = {}
            for entry in last["files"]:
                restore[entry["path"]] = (folder / entry["kept"]).read_bytes() if entry["kept"] else None
            problems = self.check(restore)
            if problems:
                raise Refused(problems)
            for rel, data in restore.items():
                target = self.paths.resolve(rel)
                if data is None:
                    target.unlink(missing_ok=True)
                else:
                    atomic_write(target, data)
            last_manifest = {k: v for k, v in last.items() if k != "id"}
            last_manifest["undone"] = True
            atomic_write(folder / "change.json", json.dumps(last_manifest, ensure_ascii=False).encode())
            self._audit(who, f"undo: {last['what']}", list(restore), last["id"])
            self._cache = None
            return last["what"]

    def _audit(self, who: str, what: str, files: list[str], change_id: str) -> None:
        """One JSON line per change: when, who (the staff login and the browser's address), what, which files.
        Nothing about patients: the console never sees any."""
        line = json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock())), "who": who,
                           "what": what, "files": files, "change": change_id}, ensure_ascii=False)
        self.audit_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.audit_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")
            log.flush()
            os.fsync(log.fileno())

    def audit_lines(self, limit: int = 50) -> list[dict]:
        try:
            lines = self.audit_path.read_text(encoding="utf-8").splitlines()[-limit:]
        except OSError:
            return []
        out = []
        for line in reversed(lines):
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out
