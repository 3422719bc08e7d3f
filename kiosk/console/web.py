"""The console's web application: login, sessions, CSRF and security headers around the pages.

Every response carries a strict Content-Security-Policy (nothing from elsewhere, no inline script, no framing);
every page but the login page needs a session; every POST needs the session's CSRF token.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional

from flask import Flask, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from kiosk import __version__
from . import pages_records, pages_scenes, pages_status
from .auth import Gate
from .store import ContentStore
from .views import pages

PAGE_MODULES = (pages_status, pages_scenes, pages_records)   # importing them registers their pages

COOKIE = "kiosk_console"
MAX_REQUEST_BYTES = 110_000_000   # a backup archive; pictures and sounds have their own, smaller limits
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "media-src 'self' blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
OPEN_ENDPOINTS = {"login", "static"}
HERE = Path(__file__).resolve().parent


def create_app(store: ContentStore, gate: Optional[Gate] = None, clock: Callable[[], float] = time.time,
               secure_cookie: bool = False) -> Flask:
    """The console for one kiosk's content. `clock` is wall time in seconds (sessions, lockouts)."""
    app = Flask("kiosk.console", template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, TEMPLATES_AUTO_RELOAD=False,
                      MAX_FORM_MEMORY_SIZE=2_000_000)
    config, _ = store.config()
    console = config.console
    gate = gate or Gate(max_tries=console.max_tries, lock_seconds=console.lock_seconds,
                        session_seconds=console.session_hours * 3600)
    app.extensions["kiosk"] = {"store": store, "gate": gate, "clock": clock}

    def password_hash() -> Optional[str]:
        return store.config()[0].console.password_hash

    def same_origin() -> bool:
        """A browser names the site a form came from; another site's is refused (a defence besides the token).
        No name, or "null" (a browser keeping it private), leaves the decision to the token."""
        origin = request.headers.get("Origin")
        return origin in (None, "null") or origin == request.host_url.rstrip("/")

    @app.before_request
    def require_session() -> Optional[Response]:
        g.session = gate.session(request.cookies.get(COOKIE), password_hash(), clock())
        if request.endpoint not in OPEN_ENDPOINTS and g.session is None:
            if request.method == "GET" and request.endpoint is not None:
                return redirect(url_for("login", next=request.path))
            abort(401)
        if request.method == "POST" and not same_origin():
            abort(403, "this form came from another site")
        if request.method == "POST" and request.endpoint != "login":
            if not Gate.csrf_ok(g.session, request.form.get("csrf")):
                abort(403, "this form is out of date or did not come from the console; open the page again")
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the console's own forms.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def common() -> dict:
        clinic = store.config()[0].clinic
        return {"csrf": g.session.csrf if getattr(g, "session", None) else "", "version": __version__,
                "clinic_name": clinic.name, "signed_in": getattr(g, "session", None) is not None}

    @app.errorhandler(401)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(413)
    def error_page(exc):  # type: ignore[no-untyped-def]
        code = getattr(exc, "code", 500)
        text = {413: "the file is too large for the console"}.get(code, getattr(exc, "description", ""))
        return render_template("error.html", code=code, message=text), code

    @app.route("/login", methods=["GET", "POST"])
    def login():  # type: ignore[no-untyped-def]
        stored = password_hash()
        message = ""
        status = 200
        if request.method == "POST":
            result, detail = gate.login(request.form.get("password", ""), stored, request.remote_addr or "?",
                                        clock())
            if result == "ok":
                target = request.args.get("next", "")
                # Only a page of this console: "//host" and "/\host" would lead a browser elsewhere.
                if not target.startswith("/") or target.startswith(("//", "/\\")):
                    target = url_for("pages.status")
                response = redirect(target)
                response.set_cookie(COOKIE, detail.token, max_age=int(gate.session_seconds), httponly=True,
                                    samesite="Strict", secure=secure_cookie, path="/")
                return response
            status = 403 if result in ("wrong", "locked") else 429 if result == "slow" else 503
            message = {"wrong": f"That password is not right ({detail} more tries before a pause).",
                       "locked": f"Too many wrong passwords: wait {detail} seconds, then try again.",
                       "slow": "Please wait a second between tries.",
                       "off": "The console is off: set a password on the kiosk with "
                              "`kiosk set-console-password`."}[result]
        return render_template("login.html", message=message, off=not stored), status

    @app.post("/logout")
    def logout():  # type: ignore[no-untyped-def]
        gate.logout(request.cookies.get(COOKIE, ""))
        response = redirect(url_for("login"))
        response.delete_cookie(COOKIE, path="/", samesite="Strict", httponly=True)
        return response

    app.register_blueprint(pages)
    return app
