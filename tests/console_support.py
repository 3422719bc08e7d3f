"""Shared setup for the console's tests: a copy of the shipped content with a console password, the store
and app over it, a real server on 127.0.0.1, and a signed-in test client."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path
from typing import Any, Callable, Optional

from kiosk.console.auth import Gate, hash_password
from kiosk.console.store import ContentPaths, ContentStore
from kiosk.console.web import create_app
from kiosk.console.yamledit import set_value

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "front-desk-2026"


def make_content(folder: Path, password: Optional[str] = PASSWORD, art: bool = True) -> Path:
    """folder/ with scenes/, art/ and kiosk.yaml copied from the repository (and a console password)."""
    shutil.copytree(REPO / "scenes", folder / "scenes")
    if art:
        shutil.copytree(REPO / "art", folder / "art")
    text = (REPO / "kiosk.yaml").read_text(encoding="utf-8")
    if password:
        text = set_value(text, ("console", "password_hash"), hash_password(password))
    (folder / "kiosk.yaml").write_text(text, encoding="utf-8")
    return folder


def make_store(folder: Path, clock: Callable[[], float] | None = None) -> ContentStore:
    paths = ContentPaths(folder / "kiosk.yaml", folder / "scenes", folder / "art", folder / "state")
    return ContentStore(paths, clock) if clock else ContentStore(paths)


class Wall:
    """A wall clock that moves only when told to."""

    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def make_app(folder: Path, clock: Optional[Wall] = None, gate: Optional[Gate] = None):  # type: ignore[no-untyped-def]
    clock = clock or Wall()
    store = make_store(folder, clock)
    app = create_app(store, gate=gate, clock=clock)
    app.testing = True
    return app, store, clock


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: Any, clock: Optional[Wall] = None) -> str:
    """Sign the test client in; returns the session's CSRF token."""
    response = client.post("/login", data={"password": PASSWORD})
    assert response.status_code == 302, response.data[:500]
    if clock is not None:
        clock.advance(2)
    return csrf_of(client.get("/clinic").get_data(as_text=True))


def problems_on(html: str) -> list[str]:
    import html as html_module
    return [html_module.unescape(m) for m in re.findall(r'class="problem"[^>]*>([^<]+)<', html)]


class Server:
    """The console app served by waitress on 127.0.0.1 (a free port) in a thread."""

    def __init__(self, app: Any) -> None:
        import logging

        from waitress.server import create_server
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)   # "queue depth 1" is normal with a browser
        self.server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="test-console")
        self.port = self.server.effective_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.close()
        self.thread.join(timeout=5)
