"""The content as one archive: download it, and restore one only after every file in it has been checked
(names inside the content folders, sizes, count, and the scenes and settings through the kiosk's loader)."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import Optional

from kiosk.content.config import CONFIG_NAME
from .store import ContentStore, Refused
from .yamledit import EditError, find_node, set_value

MAX_ARCHIVE_BYTES = 100_000_000
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 25_000_000
MAX_TOTAL_BYTES = 300_000_000
TOPS = ("scenes", "art")   # recordings live in scenes/voice/
# Secrets stay with the machine: a restored archive never changes the PIN or the console password.
KEPT_SETTINGS = (("staff", "pin_hash"), ("console", "password_hash"))
# Nor where the content is: an archive cannot point the kiosk at folders outside its content.
KEPT_ON_RESTORE = KEPT_SETTINGS + (("content", "scenes"), ("content", "art"))
CONTENT_DEFAULTS = {"scenes": "scenes", "art": "art"}


def make_archive(store: ContentStore) -> bytes:
    """scenes/ (with its voice/ recordings), art/ and kiosk.yaml (without the PIN and password hashes) as a zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        config = store.paths.config_path
        if config.is_file():
            zf.writestr(CONFIG_NAME, _without_secrets(config.read_text(encoding="utf-8")))
        for top, folder in store.paths.folders().items():
            if not folder.is_dir():
                continue
            for f in sorted(folder.rglob("*")):
                rel = f.relative_to(folder)
                if f.is_file() and not f.is_symlink() and not any(p.startswith(".") for p in rel.parts):
                    zf.write(f, f"{top}/{rel.as_posix()}")
    return out.getvalue()


def _without_secrets(text: str) -> str:
    for loc in KEPT_SETTINGS:
        if find_node(text, loc) is not None:
            text = set_value(text, loc, None)
    return text


def read_archive(data: bytes, store: ContentStore) -> dict[str, Optional[bytes]]:
    """The change a restore would make (every file in the archive; scene files the archive lacks are removed).
    Raises Refused, saying which member is wrong, before anything is written."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise Refused([f"the archive is larger than {MAX_ARCHIVE_BYTES // 1_000_000} MB"])
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Refused(["this is not a backup archive (.zip) made by the console"]) from None
    members = [m for m in zf.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise Refused([f"the archive has more than {MAX_MEMBERS} files"])
    total = 0
    change: dict[str, Optional[bytes]] = {}
    for m in members:
        name = m.filename
        pure = PurePosixPath(name)
        if name != CONFIG_NAME and (pure.is_absolute() or ".." in pure.parts or pure.parts[0] not in TOPS):
            raise Refused([f"'{name}' in the archive is outside scenes/ and art/; nothing was restored"])
        if m.file_size > MAX_MEMBER_BYTES:
            raise Refused([f"'{name}' in the archive is too large ({m.file_size // 1_000_000} MB)"])
        total += m.file_size
        if total > MAX_TOTAL_BYTES:
            raise Refused(["the archive unpacks to too much data; nothing was restored"])
        try:
            store.paths.resolve(name)
        except ValueError as exc:
            raise Refused([f"{exc}; nothing was restored"]) from None
        try:
            body = zf.read(m)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
            raise Refused([f"'{name}' in the archive is damaged; nothing was restored"]) from None
        if len(body) != m.file_size:
            raise Refused([f"'{name}' in the archive is damaged"])
        change[name] = body
    if not any(n.startswith("scenes/") for n in change):
        raise Refused(["the archive has no scenes/ folder; is it a kiosk backup?"])
    if CONFIG_NAME in change:
        change[CONFIG_NAME] = _with_current_secrets(change[CONFIG_NAME] or b"", store).encode("utf-8")
    scenes = store.paths.scenes_dir
    for f in scenes.rglob("*") if scenes.is_dir() else []:
        rel = "scenes/" + f.relative_to(scenes).as_posix()
        if f.is_file() and rel not in change and not any(p.startswith(".") for p in f.relative_to(scenes).parts):
            change[rel] = None
    return change


def _with_current_secrets(data: bytes, store: ContentStore) -> str:
    """The archive's kiosk.yaml with this machine's PIN and password hashes and content folders put back."""
    import yaml
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(["kiosk.yaml in the archive is not UTF-8 text"]) from None
    try:
        now = yaml.safe_load(store.paths.config_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        now = {}
    now = now if isinstance(now, dict) else {}
    try:
        for section, key in KEPT_ON_RESTORE:
            value = (now.get(section) or {}).get(key) if isinstance(now.get(section), dict) else None
            if value is None:
                value = CONTENT_DEFAULTS.get(key)   # a hash not set here stays unset
            if value is not None or find_node(text, (section, key)) is not None:
                text = set_value(text, (section, key), value)
    except EditError as exc:
        raise Refused([f"kiosk.yaml in the archive: {exc}"]) from None
    return text


def restore(data: bytes, store: ContentStore, who: str) -> int:
    """Check the archive with the kiosk's loader, then write it as one change (undoable). Returns files written."""
    change = read_archive(data, store)
    for rel in [r for r, body in change.items() if body is not None]:
        target = store.paths.resolve(rel)
        if target.is_file() and target.read_bytes() == change[rel]:
            del change[rel]   # unchanged files need no new version
    if not change:
        return 0
    store.write(change, who, f"restore a backup ({sum(1 for v in change.values() if v is not None)} files)")
    return len(change)
