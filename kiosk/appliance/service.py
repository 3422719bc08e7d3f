"""Install the kiosk as a systemd service: start at boot, restart after a crash, log to the journal.

Two ways to show the kiosk:
- kms: no desktop; SDL draws straight to the screen (SDL_VIDEODRIVER=kmsdrm). A *system* service running as
  the kiosk's account (default), or a *user* service kept running with `loginctl enable-linger`.
- desktop: inside a graphical session (X11 or Wayland), as a *user* service tied to graphical-session.target,
  plus an XDG autostart entry that hands the session's DISPLAY/WAYLAND_DISPLAY to systemd and starts it.

The unit files are rendered from the templates in deploy/ (the single source: edit those). Nothing here runs
a command by itself: `install` and `uninstall` take a `run` function, so tests and --dry-run see the plan.
"""

from __future__ import annotations

import getpass
import grp
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from kiosk import CHECKOUT
from kiosk.content.atomic_file import write_text_atomic

DEFAULT_NAME = "pulp-kiosk"

DEPLOY = CHECKOUT / "deploy"
SYSTEM_UNIT_DIR = Path("/etc/systemd/system")
START_LIMIT_INTERVAL = 300   # seconds
START_LIMIT_BURST = 5        # starts within the interval before systemd gives up
RESTART_SEC = 3
KMS_GROUPS = ("video", "render", "input", "audio", "tty")  # screen, GPU, touch, sound, console blanking

Runner = Callable[[Sequence[str]], int]


class ServiceError(Exception):
    """A reason the service cannot be installed, in words the installer can act on."""


@dataclass(frozen=True)
class ServiceOptions:
    display: str = "kms"                 # "kms" | "desktop"
    scope: str = "system"                # "system" | "user"
    name: str = DEFAULT_NAME
    run_as: str = ""                     # the account the kiosk runs as (system scope)
    exec_start: tuple[str, ...] = ()     # the kiosk command line; default: this install's `kiosk run`
    workdir: Path = CHECKOUT
    config: Optional[Path] = None
    state: Optional[Path] = None
    home: Optional[Path] = None          # the account's home (user scope: where units go)
    groups: tuple[str, ...] = field(default=KMS_GROUPS)

    def unit_file(self) -> Path:
        if self.scope == "system":
            return SYSTEM_UNIT_DIR / f"{self.name}.service"
        return _config_home(self.home) / "systemd" / "user" / f"{self.name}.service"

    def console_unit_file(self) -> Path:
        """The staff console's unit, beside the kiosk's."""
        return self.unit_file().with_name(f"{self.name}-console.service")

    def autostart_file(self) -> Optional[Path]:
        if self.display != "desktop":
            return None
        return _config_home(self.home) / "autostart" / f"{self.name}.desktop"


def _config_home(home: Optional[Path]) -> Path:
    if home is None and os.environ.get("XDG_CONFIG_HOME"):
        return Path(os.environ["XDG_CONFIG_HOME"])
    return (home or Path.home()) / ".config"


def default_exec_start() -> tuple[str, ...]:
    """This install's kiosk command: the venv's `kiosk` script beside the running Python, else main.py."""
    beside = Path(sys.executable).with_name("kiosk")
    if beside.exists():
        return (str(beside),)
    found = shutil.which("kiosk")
    if found:
        return (str(Path(found).absolute()),)
    # Not `-m kiosk.cli`: run as __main__, cli.py would get a second copy whose command registry is empty.
    return (sys.executable, str(CHECKOUT / "main.py"))


def detect_display(environ: Mapping[str, str]) -> str:
    """desktop when asked from inside a graphical session, else kms."""
    return "desktop" if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") else "kms"


def existing_groups(wanted: Sequence[str]) -> tuple[str, ...]:
    """Only groups this system has: systemd refuses to start a unit that names a missing group."""
    out = []
    for name in wanted:
        try:
            grp.getgrnam(name)
            out.append(name)
        except KeyError:
            continue
    return tuple(out)


# --- rendering ---------------------------------------------------------------------------------------------
def _escape(text: str) -> str:
    """Escape systemd's specifiers (%) and variables ($) so a path is taken literally."""
    return text.replace("%", "%%").replace("$", "$$")


def _quote(arg: str) -> str:
    """One word of a systemd command line."""
    arg = _escape(arg)
    if arg and not any(c in arg for c in " \t\"'\\;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _env_line(key: str, value: str) -> str:
    """Environment= expands specifiers (%) but not variables, so only % is escaped."""
    text = f"{key}={value}".replace("%", "%%")
    if not any(c in text for c in " \t\"'\\"):
        return f"Environment={text}"
    return 'Environment="' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'



def command_line(opts: ServiceOptions) -> tuple[str, ...]:
    words = tuple(opts.exec_start or default_exec_start()) + ("run",)
    if opts.config is not None:
        words += ("--config", str(opts.config))
    return words


def render_unit(opts: ServiceOptions, deploy: Path = DEPLOY) -> str:
    """The unit file's text for these options."""
    _validate(opts)
    template = _template(deploy, f"{DEFAULT_NAME}-{opts.display}.service.in")
    env = [_env_line("KIOSK_STATE_DIR", str(opts.state))] if opts.state is not None else []
    if opts.display == "kms" and opts.scope == "system":
        account = [f"User={opts.run_as}", f"Group={_primary_group(opts.run_as)}"]
        if opts.groups:
            account.append("SupplementaryGroups=" + " ".join(opts.groups))
        console = ["# Take over the first console, so no login prompt shows between restarts.",
                   "Conflicts=getty@tty1.service", "After=getty@tty1.service"]
        wanted_by = "multi-user.target"
    else:
        account = ["# A user service runs as its owner; the owner must be in the video, render and input groups."] \
            if opts.display == "kms" else []
        console = []
        wanted_by = "default.target"
    values = {
        "NAME": opts.name,
        "JOURNAL": f"journalctl {'--user ' if opts.scope == 'user' else ''}-u {opts.name}",
        "DOCS": str(CHECKOUT / "docs").replace("%", "%%"),
        "WORKDIR": str(opts.workdir).replace("%", "%%"),
        "EXEC": " ".join(_quote(w) for w in command_line(opts)),
        "ENVIRONMENT": "\n".join(env),
        "ACCOUNT": "\n".join(account),
        "CONSOLE": "\n".join(console),
        "INTERVAL": str(START_LIMIT_INTERVAL),
        "BURST": str(START_LIMIT_BURST),
        "RESTART_SEC": str(RESTART_SEC),
        "WANTED_BY": wanted_by,
    }
    return _fill(template, values)


def render_console_unit(opts: ServiceOptions, deploy: Path = DEPLOY) -> str:
    """The staff console's unit: the same account, folders and settings as the kiosk's, `kiosk console`."""
    _validate(opts)
    template = _template(deploy, f"{DEFAULT_NAME}-console.service.in")
    env = [_env_line("KIOSK_STATE_DIR", str(opts.state))] if opts.state is not None else []
    account = [f"User={opts.run_as}", f"Group={_primary_group(opts.run_as)}"] if opts.scope == "system" else []
    words = tuple(opts.exec_start or default_exec_start())
    if opts.config is not None:
        words += ("--config", str(opts.config))
    values = {
        "NAME": opts.name,
        "DOCS": str(CHECKOUT / "docs").replace("%", "%%"),
        "WORKDIR": str(opts.workdir).replace("%", "%%"),
        "EXEC": " ".join(_quote(w) for w in words + ("console",)),
        "ENVIRONMENT": "\n".join(env),
        "ACCOUNT": "\n".join(account),
        "INTERVAL": str(START_LIMIT_INTERVAL),
        "BURST": str(START_LIMIT_BURST),
        "RESTART_SEC": str(RESTART_SEC),
        "WANTED_BY": "multi-user.target" if opts.scope == "system" else "default.target",
    }
    return _fill(template, values)


def render_autostart(opts: ServiceOptions, deploy: Path = DEPLOY) -> str:
    return _fill(_template(deploy, f"{DEFAULT_NAME}-autostart.desktop.in"), {"NAME": opts.name})


def _fill(template: str, values: Mapping[str, str]) -> str:
    lines: list[str] = []
    for original in template.splitlines():
        line = original
        for key, value in values.items():
            line = line.replace(f"@{key}@", value)
        if line.strip() or not original.strip():  # a placeholder filled with nothing leaves no empty line
            lines.append(line)
    return "\n".join(lines) + "\n"


def _template(deploy: Path, name: str) -> str:
    path = deploy / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise ServiceError(f"the service template {path} is missing; install-service runs from a clone of the "
                           "kiosk (pip install -e . inside it, as deploy/install.sh does)")


def _primary_group(user: str) -> str:
    try:
        import pwd
        return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name
    except (KeyError, ImportError):
        return user


def _validate(opts: ServiceOptions) -> None:
    if opts.display not in ("kms", "desktop"):
        raise ServiceError(f"unknown display mode '{opts.display}'; use --kms or --desktop")
    if opts.scope not in ("system", "user"):
        raise ServiceError(f"unknown scope '{opts.scope}'; use --system or --user")
    if opts.display == "desktop" and opts.scope == "system":
        raise ServiceError("--desktop runs inside a person's desktop session, so it is a --user service; "
                           "drop --system (or use --kms for a kiosk without a desktop)")
    if opts.scope == "system" and opts.display == "kms":
        if not opts.run_as:
            raise ServiceError("say which account runs the kiosk: --run-as NAME")
        if opts.run_as == "root":
            raise ServiceError("the kiosk should not run as root; create an account (e.g. sudo adduser kiosk) "
                               "and give --run-as kiosk")


# --- installing --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    files: dict[Path, str]
    commands: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


def install_plan(opts: ServiceOptions, start: bool = True, deploy: Path = DEPLOY) -> Plan:
    files = {opts.unit_file(): render_unit(opts, deploy),
             opts.console_unit_file(): render_console_unit(opts, deploy)}   # the staff console, beside it
    autostart = opts.autostart_file()
    if autostart is not None:
        files[autostart] = render_autostart(opts, deploy)
    ctl = ("systemctl",) if opts.scope == "system" else ("systemctl", "--user")
    unit = f"{opts.name}.service"
    commands: list[tuple[str, ...]] = [ctl + ("daemon-reload",)]
    if opts.scope == "user" and opts.display == "kms":
        # Without lingering, a user's services start only when that user logs in.
        commands.append(("loginctl", "enable-linger", opts.run_as or getpass.getuser()))
    commands.append(ctl + ("enable",) + (("--now",) if start else ()) + (unit,))
    commands.append(ctl + ("enable",) + (("--now",) if start else ()) + (opts.console_unit_file().name,))
    notes = [f"See the kiosk's log with:  journalctl {'--user ' if opts.scope == 'user' else ''}-u {opts.name} -f"]
    if opts.display == "kms":
        notes.append("Boot to the console, not the desktop, or the desktop holds the screen: "
                     "sudo systemctl set-default multi-user.target")
    else:
        notes.append("Turn off screen blanking in the desktop too (docs/install.md, Screen blanking).")
    notes.append("The staff web console stays off until you run:  kiosk set-console-password")
    return Plan(files, tuple(commands), tuple(notes))


def uninstall_plan(opts: ServiceOptions) -> Plan:
    ctl = ("systemctl",) if opts.scope == "system" else ("systemctl", "--user")
    unit = f"{opts.name}.service"
    console = opts.console_unit_file().name
    files = {opts.unit_file(): "", opts.console_unit_file(): ""}
    autostart = _config_home(opts.home) / "autostart" / f"{opts.name}.desktop"
    if opts.scope == "user":
        files[autostart] = ""
    return Plan(files, (ctl + ("disable", "--now", unit, console), ctl + ("daemon-reload",),
                        ctl + ("reset-failed", unit, console)))


def install(plan: Plan, run: Runner, write: bool = True) -> list[str]:
    """Write the files and run the commands. Returns what went wrong (empty when all went well)."""
    problems: list[str] = []
    if write:
        for path, text in plan.files.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(path, text)
            except OSError as exc:
                hint = " (run it with sudo)" if str(path).startswith("/etc/") else ""
                return [f"cannot write {path}: {exc.strerror or exc}{hint}"]
    for cmd in plan.commands:
        code = run(cmd)
        if code != 0:
            problems.append(f"`{' '.join(cmd)}` failed (exit {code})")
    return problems


def uninstall(plan: Plan, run: Runner) -> list[str]:
    problems = []
    first, *rest = plan.commands
    run(first)  # disabling a unit that is already gone is fine
    for path in plan.files:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            problems.append(f"cannot remove {path}: {exc.strerror or exc}")
    for cmd in rest:
        run(cmd)
    return problems


def run_command(cmd: Sequence[str]) -> int:
    import subprocess
    try:
        return subprocess.run(list(cmd), check=False).returncode
    except FileNotFoundError:
        return 127


__all__ = ["ServiceOptions", "ServiceError", "Plan", "render_unit", "render_console_unit", "render_autostart",
           "install_plan", "uninstall_plan", "install", "uninstall", "detect_display", "default_exec_start", "existing_groups",
           "command_line"]
