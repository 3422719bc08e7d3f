"""Who may use the console: one staff password (hashed like the PIN), login tries counted per browser address
and locked out, sessions that expire, a CSRF token per session. Time is passed in.

A session is kept in this process only (a restart logs everyone out) and is bound to the password it was
opened with: after `kiosk set-console-password` every earlier session cookie is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass, field
from typing import Optional

from kiosk.appliance.pin import PinGuard, hash_pin, verify_pin

MIN_PASSWORD = 8
MIN_SECONDS_BETWEEN_TRIES = 1.0   # per address: a script cannot try hundreds of passwords a minute
GLOBAL_TRIES = 30                  # wrong tries from all addresses together before everyone waits
MAX_SESSIONS = 50


def hash_password(password: str) -> str:
    """Salted PBKDF2-SHA256, the same scheme as the staff PIN."""
    return hash_pin(password)


def password_problem(password: str) -> Optional[str]:
    if len(password) < MIN_PASSWORD:
        return f"a console password is at least {MIN_PASSWORD} characters; nothing was changed"
    if password.isdigit() and len(password) < 12:
        return "use letters too, or at least 12 digits (the console is on the clinic network); nothing was changed"
    return None


def fingerprint(stored_hash: Optional[str]) -> str:
    """A short value that changes whenever the password changes (not enough to guess the password)."""
    return hashlib.sha256(("console-session:" + (stored_hash or "")).encode()).hexdigest()[:16]


@dataclass
class StaffSession:
    token: str
    csrf: str
    password_fp: str
    created: float
    seen: float
    address: str


@dataclass
class Gate:
    """Login tries, lockouts and open sessions."""

    max_tries: int = 5
    lock_seconds: float = 300.0
    session_seconds: float = 8 * 3600.0
    idle_seconds: float = 3600.0
    _guards: dict[str, PinGuard] = field(default_factory=dict)
    _last_try: dict[str, float] = field(default_factory=dict)
    _global: PinGuard = field(default_factory=lambda: PinGuard(None, GLOBAL_TRIES, 300.0))
    _sessions: dict[str, StaffSession] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def login(self, password: str, stored_hash: Optional[str], address: str, now: float) -> tuple[str, object]:
        """('ok', session) | ('wrong', tries left) | ('locked', seconds) | ('slow', seconds) | ('off', None)."""
        with self._lock:
            if not stored_hash:
                return "off", None
            guard = self._guards.setdefault(address, PinGuard(stored_hash, self.max_tries, self.lock_seconds))
            guard.stored_hash = stored_hash
            self._global.stored_hash = stored_hash
            for g in (guard, self._global):
                if g.locked_for(now) > 0:
                    return "locked", int(g.locked_for(now) + 0.999)
            since = now - self._last_try.get(address, float("-inf"))
            if since < MIN_SECONDS_BETWEEN_TRIES:
                return "slow", MIN_SECONDS_BETWEEN_TRIES
            self._last_try[address] = now
            result = guard.attempt(password, now)
            if result == "ok":
                self._global.wrong = 0
                return "ok", self._open(stored_hash, address, now)
            self._global.wrong += 1   # one wrong try more for all addresses together
            if self._global.wrong >= self._global.max_tries:
                self._global.wrong = 0
                self._global.locked_until = now + self._global.lock_seconds
            if result == "locked":
                return "locked", int(guard.locked_for(now) + 0.999)
            return "wrong", self.max_tries - guard.wrong

    def _open(self, stored_hash: str, address: str, now: float) -> StaffSession:
        if len(self._sessions) >= MAX_SESSIONS:
            oldest = min(self._sessions.values(), key=lambda s: s.seen)
            del self._sessions[oldest.token]
        session = StaffSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32), fingerprint(stored_hash),
                               now, now, address)
        self._sessions[session.token] = session
        return session

    def session(self, token: Optional[str], stored_hash: Optional[str], now: float) -> Optional[StaffSession]:
        """The session for a cookie, if it is open, not expired, and from the current password."""
        if not token or not stored_hash:
            return None
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return None
            expired = now - session.created > self.session_seconds or now - session.seen > self.idle_seconds
            if expired or not hmac.compare_digest(session.password_fp, fingerprint(stored_hash)):
                del self._sessions[token]
                return None
            session.seen = now
            return session

    def logout(self, token: str) -> None:
        with self._lock:
            self._sessions.pop(token, None)

    @staticmethod
    def csrf_ok(session: StaffSession, given: Optional[str]) -> bool:
        return bool(given) and hmac.compare_digest(session.csrf, given or "")


def check_password(password: str, stored_hash: Optional[str]) -> bool:
    return verify_pin(password, stored_hash)
