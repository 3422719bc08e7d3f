"""The staff PIN: stored salted and hashed (PBKDF2-SHA256) in kiosk.yaml, with a lockout after wrong tries."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path
from typing import Optional

from kiosk.content.atomic_file import write_text_atomic

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
PIN_PATTERN = re.compile(r"^\d{4,8}$")


def hash_pin(pin: str, salt: Optional[bytes] = None, iterations: int = ITERATIONS) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: Optional[str]) -> bool:
    """True if `pin` matches the stored hash; False for any malformed hash (never raises)."""
    if not stored:
        return False
    try:
        algorithm, iterations, salt_hex, digest_hex = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


class PinGuard:
    """Counts wrong tries; after `max_tries` in a row the pad is locked for `lock_seconds`. Time is passed in."""

    def __init__(self, stored_hash: Optional[str], max_tries: int = 5, lock_seconds: float = 60.0) -> None:
        self.stored_hash = stored_hash
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self.wrong = 0
        self.locked_until = float("-inf")

    def locked_for(self, now: float) -> float:
        return max(0.0, self.locked_until - now)

    def attempt(self, pin: str, now: float) -> str:
        """'ok', 'wrong', 'locked' or 'unset' (no PIN has been set: the menu cannot be opened)."""
        if self.locked_for(now) > 0:
            return "locked"
        if not self.stored_hash:
            return "unset"
        if verify_pin(pin, self.stored_hash):
            self.wrong = 0
            return "ok"
        self.wrong += 1
        if self.wrong >= self.max_tries:
            self.wrong = 0
            self.locked_until = now + self.lock_seconds
            return "locked"
        return "wrong"


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
