"""`kiosk console` (the console's own process) and `kiosk set-console-password`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from pathlib import Path

from kiosk.cli import EXTRA_PARSERS, Setup, command

log = logging.getLogger(__name__)
WAIT_FOR_PASSWORD = 5.0   # seconds between looks at kiosk.yaml while the console is off


def missing_parts(*modules: str) -> int:
    """1 (after saying how to install them) if the console's optional packages are missing, else 0."""
    import importlib.util
    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    if not absent:
        return 0
    print(f"this needs the console's packages ({', '.join(absent)} missing): in the kiosk's folder run\n"
          "  .venv/bin/pip install -e '.[console]'", file=sys.stderr)
    return 1


def content_paths(setup: Setup, state: Path):  # type: ignore[no-untyped-def]
    from kiosk.console.store import ContentPaths
    return ContentPaths(config_path=setup.config_path.resolve(), scenes_dir=setup.scenes_dir.resolve(),
                        art_dir=setup.art_dir.resolve(), state_dir=state.resolve())


@command("console", "the staff console: manage the kiosk from a browser on the clinic network")
def cmd_console(args: argparse.Namespace) -> int:
    missing = missing_parts("flask", "waitress")
    if missing:
        return missing
    from kiosk.appliance.logs import setup_logging
    from kiosk.appliance.state import state_dir
    from kiosk.console.store import ContentStore
    setup = Setup(args)
    state = state_dir(getattr(args, "state", None))
    store = ContentStore(content_paths(setup, state))
    if args.once and not store.config()[0].console.password_hash:
        print("the console is off: set a password with `kiosk set-console-password`", file=sys.stderr)
        return 1
    setup_logging(state)
    # Off until a password is set: wait for one rather than exit, so the service needs no restart.
    while not store.config()[0].console.password_hash:
        log.info("the console is off until a password is set (kiosk set-console-password); waiting")
        time.sleep(WAIT_FOR_PASSWORD)
    config = store.config()[0].console
    host = args.host or config.address
    port = args.port if args.port is not None else config.port
    from waitress import serve

    from kiosk.console.web import create_app
    app = create_app(store)
    log.info("staff console on http://%s:%d/ (content in %s)", host, port, store.paths.root)
    print(f"staff console on {console_url(host, port)}")
    serve(app, host=host, port=port, threads=4, ident="kiosk-console", clear_untrusted_proxy_headers=True)
    return 0


def console_url(host: str, port: int) -> str:
    from kiosk.appliance.console_address import url_for_people
    return url_for_people(host, port)


@command("set-console-password", "turn the staff console on, or change its password (stored hashed)")
def cmd_set_console_password(args: argparse.Namespace) -> int:
    from kiosk.console.auth import hash_password, password_problem
    from kiosk.console.store import atomic_write
    from kiosk.console.yamledit import EditError, set_value
    setup = Setup(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        if not sys.stdin.isatty():
            print("give the password with --password-stdin, or run this in a terminal", file=sys.stderr)
            return 2
        try:
            password = getpass.getpass("New console password (8 characters or more): ")
            if getpass.getpass("Once more: ") != password:
                print("the two passwords differ; nothing was changed", file=sys.stderr)
                return 1
        except (EOFError, KeyboardInterrupt):
            print("\nno password given; nothing was changed", file=sys.stderr)
            return 1
    problem = password_problem(password)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    path = setup.config_path
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        text = set_value(text, ("console", "password_hash"), hash_password(password)) if text.strip() else \
            f'console:\n  password_hash: "{hash_password(password)}"\n'
    except EditError as exc:
        print(f"cannot change {path}: {exc}", file=sys.stderr)
        return 1
    atomic_write(path, text.encode("utf-8"))
    config = setup.config.console
    print(f"console password set in {path} (stored hashed); earlier console sessions are signed out.\n"
          f"The console answers on {console_url(config.address, config.port)} "
          "(start it with `kiosk console`, or it starts by itself if installed with `kiosk install-service`)")
    return 0


def _arguments(sub: argparse._SubParsersAction, add) -> None:  # type: ignore[no-untyped-def]
    p = add("console")
    p.add_argument("--state", help="state folder: the kiosk's heartbeat, usage counts, the console's history")
    p.add_argument("--host", help="address to serve on (default: console.address in kiosk.yaml)")
    p.add_argument("--port", type=int, help="port (default: console.port in kiosk.yaml)")
    p.add_argument("--once", action="store_true", help="exit at once if no password is set, instead of waiting")
    p = add("set-console-password")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")


EXTRA_PARSERS.append(_arguments)
