"""Sub-commands that make the kiosk an appliance: doctor, stats, install-service, uninstall-service.

Imported by `kiosk.cli._load_plugins`; registers itself with `@command` and adds its arguments via EXTRA_PARSERS.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.cli import EXTRA_PARSERS, Setup, command

STATE_HELP = "state folder for logs and counts (default: $KIOSK_STATE_DIR or ~/.local/state/pulp-kiosk)"


def _state(args: argparse.Namespace) -> tuple[Path | None, str]:
    from kiosk.appliance.state import state_dir
    try:
        return state_dir(getattr(args, "state", None)), ""
    except OSError as exc:
        return None, f"cannot create {getattr(args, 'state', None) or 'the state folder'}: {exc.strerror or exc}"


# --- doctor ---------------------------------------------------------------------------------------------------
@command("doctor", "check the screen, touch, fonts, sound, settings, scenes, disk and logs (exit 1 if a FAIL)")
def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.appliance.doctor import DoctorInputs, exit_code, report, run_checks
    setup = Setup(args)
    state, state_error = _state(args)
    inputs = DoctorInputs(config=setup.config, config_path=setup.config_path, config_problems=setup.config_problems,
                          scenes_dir=setup.scenes_dir, art_dir=setup.art_dir, root=setup.root, state=state,
                          state_error=state_error)
    if args.input_devices:
        inputs.input_devices = Path(args.input_devices)
    checks = run_checks(inputs)
    sys.stdout.write(report(checks))
    return exit_code(checks)


# --- stats ------------------------------------------------------------------------------------------------------
@command("stats", "how often each scene was started and finished, per day (no personal data)")
def cmd_stats(args: argparse.Namespace) -> int:
    from kiosk.appliance.usage import DB_NAME, read_rows, rows_as_csv, rows_as_table, summarize
    state, error = _state(args)
    if state is None:
        print(error, file=sys.stderr)
        return 1
    path = state / DB_NAME
    import sqlite3
    try:
        rows = read_rows(path, None if args.days <= 0 else args.days)
    except (sqlite3.Error, OSError) as exc:
        print(f"the usage counts in {path} cannot be read ({exc}); the kiosk moves a damaged file aside and starts "
              "a new one at its next start", file=sys.stderr)
        return 1
    if args.csv:
        sys.stdout.write(rows_as_csv(rows))
        return 0
    if not path.exists():
        print(f"nothing counted yet ({path} does not exist; the kiosk creates it when it runs)")
        return 0
    if not rows:
        print(f"nothing counted in the last {args.days} days")
        return 0
    sys.stdout.write(rows_as_table(rows))
    print()
    print("\n".join(summarize(rows, args.days).lines()))
    return 0


# --- install-service / uninstall-service -------------------------------------------------------------------------
def _options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.appliance.service import KMS_GROUPS, ServiceOptions, detect_display, existing_groups
    from kiosk.cli import project_root
    display = args.display or detect_display(os.environ)
    scope = args.scope or ("user" if display == "desktop" else "system")
    run_as = args.run_as or os.environ.get("SUDO_USER") or getpass.getuser()
    home = None
    if scope == "user" or display == "desktop":
        home = _home_of(run_as)
    return ServiceOptions(
        display=display, scope=scope, name=args.name, run_as=run_as,
        exec_start=tuple(args.exec_start.split()) if args.exec_start else (),
        workdir=project_root(), config=Path(args.config).resolve() if args.config else None,
        state=Path(args.state).resolve() if args.state else None, home=home,
        groups=existing_groups(KMS_GROUPS))


def _home_of(user: str) -> Path | None:
    try:
        import pwd
        return Path(pwd.getpwnam(user).pw_dir)
    except (KeyError, ImportError):
        return None


@command("install-service", "start the kiosk at boot and restart it after a crash (systemd)")
def cmd_install_service(args: argparse.Namespace) -> int:
    from kiosk.appliance.service import ServiceError, install, install_plan, run_command
    try:
        opts = _options(args)
        plan = install_plan(opts, start=not args.no_start)
    except ServiceError as exc:
        print(f"cannot install the service: {exc}", file=sys.stderr)
        return 2
    if args.dry_run:
        for path, text in plan.files.items():
            # One file: stdout is exactly the unit. Several: each after a comment line naming where it goes.
            print(f"# --- {path}", file=sys.stderr if len(plan.files) == 1 else sys.stdout)
            sys.stdout.write(text)
        for cmd in plan.commands:
            print(f"would run: {' '.join(cmd)}", file=sys.stderr)
        return 0
    if opts.scope == "system" and os.geteuid() != 0:
        print("installing a system service needs root; run:\n  sudo " + " ".join([sys.argv[0]] + sys.argv[1:]),
              file=sys.stderr)
        return 1
    problems = install(plan, run_command)
    for path in plan.files:
        print(f"wrote {path}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"installed {opts.name} ({opts.display}, {opts.scope} service); "
          + ("it is running now and starts at every boot" if not args.no_start else "it starts at the next boot"))
    for note in plan.notes:
        print(note)
    return 0


@command("uninstall-service", "stop the kiosk service and remove it")
def cmd_uninstall_service(args: argparse.Namespace) -> int:
    from kiosk.appliance.service import ServiceOptions, run_command, uninstall, uninstall_plan
    scope = args.scope or ("system" if Path(f"/etc/systemd/system/{args.name}.service").exists() else "user")
    run_as = os.environ.get("SUDO_USER") or getpass.getuser()
    opts = ServiceOptions(scope=scope, name=args.name, run_as=run_as,
                          home=_home_of(run_as) if scope == "user" else None)
    plan = uninstall_plan(opts)
    if args.dry_run:
        for path in plan.files:
            print(f"would remove {path}")
        for cmd in plan.commands:
            print(f"would run: {' '.join(cmd)}")
        return 0
    problems = uninstall(plan, run_command)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"removed {args.name}; the kiosk no longer starts at boot")
    return 0


# --- arguments ------------------------------------------------------------------------------------------------------
def _add_arguments(sub: argparse._SubParsersAction, add) -> None:  # type: ignore[no-untyped-def]
    from kiosk.appliance.service import DEFAULT_NAME
    p = add("doctor")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--input-devices", help=argparse.SUPPRESS)  # another /proc/bus/input/devices (tests)

    p = add("stats")
    p.add_argument("--state", help=STATE_HELP)
    p.add_argument("--csv", action="store_true", help="CSV (day,kind,detail,count) on stdout, for a spreadsheet")
    p.add_argument("--days", type=int, default=30, help="only the last N days (default 30; 0 for all)")

    for name in ("install-service", "uninstall-service"):
        p = add(name)
        scope = p.add_mutually_exclusive_group()
        scope.add_argument("--system", dest="scope", action="store_const", const="system",
                           help="a system service (default with --kms: starts at boot, no login needed)")
        scope.add_argument("--user", dest="scope", action="store_const", const="user",
                           help="a user service (default with --desktop)")
        p.add_argument("--name", default=DEFAULT_NAME, help=f"service name (default {DEFAULT_NAME})")
        p.add_argument("--dry-run", action="store_true", help="print what would be written and run; change nothing")
        if name == "uninstall-service":
            continue
        shown = p.add_mutually_exclusive_group()
        shown.add_argument("--kms", dest="display", action="store_const", const="kms",
                           help="no desktop: draw straight to the screen (SDL_VIDEODRIVER=kmsdrm)")
        shown.add_argument("--desktop", dest="display", action="store_const", const="desktop",
                           help="inside a desktop session (X11 or Wayland)")
        p.add_argument("--run-as", help="the account that runs the kiosk (default: the one that ran sudo)")
        p.add_argument("--state", help=STATE_HELP)
        p.add_argument("--no-start", action="store_true", help="enable at boot but do not start now")
        p.add_argument("--exec-start", help=argparse.SUPPRESS)  # another kiosk command (tests, odd installs)


EXTRA_PARSERS.append(_add_arguments)
