"""The staff PIN: stored salted and hashed (PBKDF2-SHA256), with a lockout after wrong tries that a restart
does not undo.

Where the hash lives: `kiosk set-pin` writes it to this kiosk's state folder (`staff-pin`, readable by the
kiosk's user only), never to kiosk.yaml, because kiosk.yaml is the file clinics sync between kiosks and a 4-8
digit PIN's hash is recovered offline in about a minute. A `pin_hash` still in kiosk.yaml is honoured (older
set-ups) and `check`/`doctor` say to move it. The hash's parameters are fixed here, never read from a file:
a huge iteration count in a file froze the loop for minutes on every OK press.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from pathlib import Path
from typing import Optional

from kiosk.content.atomic_file import write_text_atomic
from kiosk.content.problems import Problem, error, warning

log = logging.getLogger(__name__)

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
SALT_BYTES = 16
PIN_PATTERN = re.compile(r"^\d{4,8}$")
PIN_FILE = "staff-pin"          # in the state folder
LOCKOUT_FILE = "pin-lockout.json"
_HASH = re.compile(rf"^{ALGORITHM}\$(\d{{1,12}})\$([0-9a-f]{{{SALT_BYTES * 2}}})\$([0-9a-f]{{64}})$")


def hash_pin(pin: str, salt: Optional[bytes] = None, iterations: int = ITERATIONS) -> str:
    """The hash to store. `iterations` is the code's choice (a test tool may choose a cheap one), never a file's."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def hash_problem(stored: Optional[str], iterations: int = ITERATIONS) -> Optional[str]:
    """Why a stored hash can never match (damaged, hand-written, other parameters), or None if it is sound."""
    if not stored:
        return None
    match = _HASH.match(stored)
    if match is None:
        return "the staff PIN's hash is damaged (it is not what `kiosk set-pin` writes); run  kiosk set-pin  again"
    if int(match.group(1)) != iterations:
        return (f"the staff PIN's hash uses {match.group(1)} rounds, not the kiosk's {iterations}; "
                "run  kiosk set-pin  again")
    return None


def verify_pin(pin: str, stored: Optional[str], iterations: int = ITERATIONS) -> bool:
    """True if `pin` matches the stored hash; False for a damaged hash or one with other parameters (never
    raises, and never costs more than the kiosk's own number of rounds, whatever the file says)."""
    if not stored or hash_problem(stored, iterations) is not None:
        return False
    _, _, salt_hex, digest_hex = stored.split("$")
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex), iterations)
    return hmac.compare_digest(digest.hex(), digest_hex)


def read_pin_file(state: Optional[Path]) -> Optional[str]:
    """The hash `kiosk set-pin` kept in the state folder, or None."""
    if state is None:
        return None
    try:
        text = (state / PIN_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return text or None


def write_pin_file(state: Path, pin_hash: str) -> Path:
    """Keep the hash in this kiosk's state folder (atomically, readable by its owner only)."""
    state.mkdir(parents=True, exist_ok=True)
    path = state / PIN_FILE
    write_text_atomic(path, pin_hash + "\n", mode=0o600)
    return path


class PinGuard:
    """Counts wrong tries; after `max_tries` in a row the pad is locked for `lock_seconds`. Time is passed in
    (wall-clock seconds). With a `lockout_file`, the count and the lock survive a restart."""

    def __init__(self, stored_hash: Optional[str], max_tries: int = 5, lock_seconds: float = 60.0,
                 lockout_file: Optional[Path] = None, iterations: int = ITERATIONS,
                 pin_file: Optional[Path] = None) -> None:
        self.stored_hash = stored_hash
        self.pin_file = pin_file   # read at each try: `kiosk set-pin` takes effect without a restart
        self.iterations = iterations
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self.lockout_file = lockout_file
        self.wrong = 0
        self.locked_until = float("-inf")
        self._restore()

    def locked_for(self, now: float) -> float:
        return max(0.0, min(self.locked_until - now, self.lock_seconds))

    def attempt(self, pin: str, now: float) -> str:
        """'ok', 'wrong', 'locked' or 'unset' (no PIN has been set: the menu cannot be opened)."""
        if self.locked_for(now) > 0:
            return "locked"
        if self.pin_file is not None:
            self.stored_hash = read_pin_file(self.pin_file.parent) or self.stored_hash
        if not self.stored_hash:
            return "unset"
        if verify_pin(pin, self.stored_hash, self.iterations):
            self.wrong = 0
            self._save()
            return "ok"
        self.wrong += 1
        if self.wrong >= self.max_tries:
            self.wrong = 0
            self.locked_until = now + self.lock_seconds
            self._save()
            return "locked"
        self._save()
        return "wrong"

    def _restore(self) -> None:
        if self.lockout_file is None:
            return
        try:
            saved = json.loads(self.lockout_file.read_text(encoding="utf-8"))
            wrong, until = int(saved["wrong"]), float(saved["locked_until"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            # A damaged record errs on the careful side: as if the tries were used up just now is not
            # possible without a clock here, so the count starts at its last allowed try.
            self.wrong = max(0, self.max_tries - 1)
            return
        self.wrong = max(0, min(wrong, self.max_tries - 1))
        self.locked_until = until if until == until else float("-inf")   # NaN: not locked

    def _save(self) -> None:
        if self.lockout_file is None:
            return
        until = self.locked_until if self.locked_until != float("-inf") else 0.0
        try:
            write_text_atomic(self.lockout_file, json.dumps({"wrong": self.wrong, "locked_until": until}) + "\n")
        except OSError as exc:
            log.warning("cannot keep the PIN pad's lockout in %s (%s)", self.lockout_file, exc.strerror or exc)


def kiosk_pin_hash(state: Path, from_config: Optional[str]) -> Optional[str]:
    """This kiosk's own PIN (its state folder) first, else one left in kiosk.yaml by an older set-up."""
    return read_pin_file(state) or from_config


def guard_for_kiosk(state: Path, staff: object) -> PinGuard:
    """The running kiosk's guard: its PIN, its settings, its lockout kept in the state folder."""
    return PinGuard(kiosk_pin_hash(state, getattr(staff, "pin_hash", None)), getattr(staff, "max_tries", 5),
                    getattr(staff, "lock_seconds", 60.0), lockout_file=state / LOCKOUT_FILE, pin_file=state / PIN_FILE)


def kiosk_pin_problems(state: Path, from_config: Optional[str], config_path: Path) -> list[Problem]:
    in_state = read_pin_file(state)
    return pin_problems(in_state or from_config, config_path, in_state is not None)


def pin_problems(pin_hash: Optional[str], config_path: Path, in_state: bool) -> list[Problem]:
    """What `check`, `doctor` and the staff menu say about the PIN: a damaged hash is an error (staff could
    never get in), a hash in kiosk.yaml a warning (that file is synced between kiosks)."""
    line = _pin_line(config_path)
    shown = config_path.name if config_path.parent == Path.cwd() else str(config_path)
    problem = hash_problem(pin_hash)
    if problem:
        where = "" if not in_state else " (in the state folder's staff-pin)"
        return [error(shown if not in_state else PIN_FILE, line if not in_state else 0, 3 if line and not in_state
                      else 0, problem + where)]
    if pin_hash and not in_state:
        return [warning(shown, line, 3 if line else 0,
                        "the staff PIN's hash is in kiosk.yaml, which is shared between kiosks and can be copied; "
                        "run  kiosk set-pin  on this kiosk (it keeps the hash in its state folder), then delete "
                        "this line")]
    return []


def _pin_line(config_path: Path) -> int:
    try:
        for number, text in enumerate(config_path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(r"^\s+pin_hash\s*:", text):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def write_pin_hash(config_path: Path, pin_hash: str) -> None:
    """Put the hash into kiosk.yaml's `staff:` section, keeping every other line and comment as it was."""
    text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    line = f'  pin_hash: "{pin_hash}"'
    lines = text.splitlines()
    for i, existing in enumerate(lines):
        if re.match(r"^\s+pin_hash\s*:", existing):
            lines[i] = line
            break
    else:
        for i, existing in enumerate(lines):
            if re.match(r"^staff\s*:\s*(#.*)?$", existing):
                lines.insert(i + 1, line)
                break
        else:
            lines += ["", "staff:", line]
    # Whole or not at all: on a full disk an in-place rewrite once cut kiosk.yaml at 8192 bytes.
    write_text_atomic(config_path, "\n".join(lines) + "\n")
