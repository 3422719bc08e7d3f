"""The systemd service: the generated unit files and what install-service does with them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk import cli  # noqa: E402
from kiosk.appliance.service import (  # noqa: E402
    ServiceError,
    ServiceOptions,
    install,
    install_plan,
    render_unit,
    uninstall,
    uninstall_plan,
)

ROOT = Path(__file__).resolve().parents[1]
KIOSK = "/opt/pulp kiosk/.venv/bin/kiosk"


def parse_unit(text: str) -> dict[str, list[tuple[str, str]]]:
    """Sections → (key, value) pairs in order; systemd allows a key more than once, so no dict per section."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        key, _, value = line.partition("=")
        sections[current].append((key, value))
    return sections


def values(unit: dict[str, list[tuple[str, str]]], section: str, key: str) -> list[str]:
    return [v for k, v in unit.get(section, []) if k == key]


def kms_system(**changes) -> ServiceOptions:  # type: ignore[no-untyped-def]
    base = dict(display="kms", scope="system", run_as="kiosk", exec_start=(KIOSK,), workdir=Path("/opt/pulp kiosk"),
                groups=("video", "render", "input"))
    base.update(changes)
    return ServiceOptions(**base)  # type: ignore[arg-type]


def desktop_user(tmp_path: Path, **changes) -> ServiceOptions:  # type: ignore[no-untyped-def]
    base = dict(display="desktop", scope="user", run_as="kiosk", exec_start=(KIOSK,), workdir=tmp_path,
                home=tmp_path / "home")
    base.update(changes)
    return ServiceOptions(**base)  # type: ignore[arg-type]


def test_exec_start_runs_this_install_and_quotes_spaces() -> None:
    # Given a kiosk installed in a folder with a space in its name
    # When the unit is rendered
    unit = parse_unit(render_unit(kms_system()))
    # Then ExecStart runs that kiosk's `run`, quoted so systemd reads one path
    assert values(unit, "Service", "ExecStart") == [f'"{KIOSK}" run']
    assert values(unit, "Service", "WorkingDirectory") == ["/opt/pulp kiosk"]


def test_it_restarts_on_failure_with_a_crash_loop_guard() -> None:
    # Given any unit
    unit = parse_unit(render_unit(kms_system()))
    # Then it restarts only after a failure, waits between tries, and gives up after a burst of crashes
    assert values(unit, "Service", "Restart") == ["on-failure"]
    assert int(values(unit, "Service", "RestartSec")[0]) >= 1
    assert int(values(unit, "Unit", "StartLimitBurst")[0]) >= 3
    assert int(values(unit, "Unit", "StartLimitIntervalSec")[0]) > int(values(unit, "Service", "RestartSec")[0]) * 5


def test_kms_draws_without_a_desktop_and_starts_at_boot() -> None:
    # Given the kms system unit
    unit = parse_unit(render_unit(kms_system()))
    # Then SDL draws through KMS/DRM, as the kiosk account with screen/touch groups, from boot, owning tty1
    assert "SDL_VIDEODRIVER=kmsdrm" in values(unit, "Service", "Environment")
    assert values(unit, "Service", "User") == ["kiosk"]
    assert values(unit, "Service", "SupplementaryGroups") == ["video render input"]
    assert values(unit, "Install", "WantedBy") == ["multi-user.target"]
    assert values(unit, "Unit", "Conflicts") == ["getty@tty1.service"]


def test_kms_turns_console_blanking_off() -> None:
    # Given the kms unit
    pre = " ".join(values(parse_unit(render_unit(kms_system())), "Service", "ExecStartPre"))
    # Then setterm turns blanking and power-down off, and a failure there does not stop the kiosk
    assert pre.startswith("-") and "setterm --blank 0 --powerdown 0" in pre


def test_desktop_runs_in_the_graphical_session_with_x11_blanking_off(tmp_path: Path) -> None:
    # Given the desktop user unit
    unit = parse_unit(render_unit(desktop_user(tmp_path)))
    # Then SDL picks the session's driver, blanking is turned off with xset, and it belongs to the session
    assert not any(v.startswith("SDL_VIDEODRIVER") for v in values(unit, "Service", "Environment"))
    assert "xset s off" in values(unit, "Service", "ExecStartPre")[0] and "-dpms" in values(
        unit, "Service", "ExecStartPre")[0]
    assert values(unit, "Install", "WantedBy") == ["graphical-session.target"]
    assert values(unit, "Unit", "PartOf") == ["graphical-session.target"]
    assert values(unit, "Service", "User") == []


@pytest.mark.parametrize("display", ["kms", "desktop"])
def test_output_goes_to_the_journal(display: str, tmp_path: Path) -> None:
    # Given either unit
    opts = kms_system() if display == "kms" else desktop_user(tmp_path)
    unit = parse_unit(render_unit(opts))
    # Then stdout and stderr go to the journal under the service's name
    assert values(unit, "Service", "StandardOutput") == ["journal"]
    assert values(unit, "Service", "StandardError") == ["journal"]
    assert values(unit, "Service", "SyslogIdentifier") == ["pulp-kiosk"]


def test_a_state_folder_is_passed_in_the_environment() -> None:
    # Given a state folder with a space and a percent sign
    # When the unit is rendered
    unit = parse_unit(render_unit(kms_system(state=Path("/var/lib/kiosk 100%"))))
    # Then the kiosk gets it as KIOSK_STATE_DIR, escaped for systemd
    assert '"KIOSK_STATE_DIR=/var/lib/kiosk 100%%"' in values(unit, "Service", "Environment")


def test_a_config_file_is_passed_to_run() -> None:
    # Given a settings file outside the checkout
    unit = parse_unit(render_unit(kms_system(config=Path("/etc/kiosk.yaml"))))
    # Then `run` gets it
    assert values(unit, "Service", "ExecStart") == [f'"{KIOSK}" run --config /etc/kiosk.yaml']


def test_desktop_as_a_system_service_is_refused(tmp_path: Path) -> None:
    # Given desktop mode asked for as a system service / When rendered / Then it is refused with a reason
    with pytest.raises(ServiceError, match="--user"):
        render_unit(desktop_user(tmp_path, scope="system"))


def test_running_the_kiosk_as_root_is_refused() -> None:
    # Given the kms system service for root / When rendered / Then it is refused and says what to do instead
    with pytest.raises(ServiceError, match="adduser"):
        render_unit(kms_system(run_as="root"))


def test_install_writes_the_unit_and_enables_it(tmp_path: Path) -> None:
    # Given a desktop install into a temporary home, and a fake systemctl
    opts = desktop_user(tmp_path)
    ran: list[tuple[str, ...]] = []
    # When it is installed
    problems = install(install_plan(opts), lambda cmd: ran.append(tuple(cmd)) or 0)
    # Then the unit and the autostart entry are written and the service is enabled and started
    unit = tmp_path / "home" / ".config" / "systemd" / "user" / "pulp-kiosk.service"
    autostart = tmp_path / "home" / ".config" / "autostart" / "pulp-kiosk.desktop"
    assert problems == []
    assert "ExecStart=" in unit.read_text()
    assert "systemctl --user start pulp-kiosk.service" in autostart.read_text()
    assert ran == [("systemctl", "--user", "daemon-reload"),
                   ("systemctl", "--user", "enable", "--now", "pulp-kiosk.service")]


def test_a_kms_user_service_lingers_so_it_starts_without_a_login(tmp_path: Path) -> None:
    # Given a kms user service
    opts = ServiceOptions(display="kms", scope="user", run_as="kiosk", exec_start=(KIOSK,), home=tmp_path)
    # When its install plan is made
    plan = install_plan(opts, start=False)
    # Then lingering is enabled for the account, and it is enabled without starting now
    assert ("loginctl", "enable-linger", "kiosk") in plan.commands
    assert plan.commands[-1] == ("systemctl", "--user", "enable", "pulp-kiosk.service")


def test_a_failing_systemctl_is_reported(tmp_path: Path) -> None:
    # Given a systemctl that fails
    # When installing
    problems = install(install_plan(desktop_user(tmp_path)), lambda cmd: 1)
    # Then each failed command is named
    assert problems and "daemon-reload" in problems[0]


def test_uninstall_removes_the_files(tmp_path: Path) -> None:
    # Given an installed desktop service
    opts = desktop_user(tmp_path)
    install(install_plan(opts), lambda cmd: 0)
    ran: list[tuple[str, ...]] = []
    # When it is uninstalled
    problems = uninstall(uninstall_plan(opts), lambda cmd: ran.append(tuple(cmd)) or 0)
    # Then it is disabled and both files are gone
    assert problems == []
    assert ran[0] == ("systemctl", "--user", "disable", "--now", "pulp-kiosk.service")
    assert not list((tmp_path / "home" / ".config").rglob("pulp-kiosk.*"))


def test_dry_run_prints_the_unit_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a home folder for a user service
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path))
    # When install-service runs with --dry-run
    code = cli.main(["install-service", "--kms", "--user", "--dry-run", "--name", "kiosk-dry-run-test",
                     "--exec-start", "/usr/bin/true"])
    # Then the unit is on stdout, the plan on stderr, and no file was written
    out, err = capsys.readouterr()
    assert code == 0
    assert "ExecStart=/usr/bin/true run" in out and "SDL_VIDEODRIVER=kmsdrm" in out
    assert "would run: systemctl --user enable --now kiosk-dry-run-test.service" in err
    assert not (tmp_path / "config").exists()


@pytest.mark.parametrize("display", ["kms", "desktop"])
def test_systemd_accepts_the_unit(display: str, tmp_path: Path) -> None:
    # Given systemd-analyze (skipped where systemd is not installed)
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed; the unit's syntax is checked by the other tests only")
    opts = (kms_system(run_as="daemon", exec_start=(sys.executable, str(ROOT / "main.py")), workdir=ROOT)
            if display == "kms" else desktop_user(tmp_path, exec_start=(sys.executable, str(ROOT / "main.py"))))
    unit = tmp_path / "pulp-kiosk.service"
    unit.write_text(render_unit(opts))
    # When it verifies the unit file
    result = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True)
    # Then it finds no error and no unknown or unparsable setting
    complaints = [line for line in (result.stdout + result.stderr).splitlines()
                  if any(w in line for w in ("Unknown", "Failed to parse", "Invalid", "bad", "error"))]
    assert result.returncode == 0, result.stderr
    assert complaints == []


def test_the_deploy_templates_are_the_source_of_the_units() -> None:
    # Given the templates in deploy/
    # When a unit is rendered
    text = render_unit(kms_system())
    # Then every placeholder was filled
    assert re.findall(r"@[A-Z_]+@", text) == []
    assert (ROOT / "deploy" / "pulp-kiosk-kms.service.in").exists()
