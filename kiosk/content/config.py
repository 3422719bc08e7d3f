"""Kiosk settings from `kiosk.yaml`: display, idle time, languages, sound, clinic details, staff PIN hash.

Contract: `load_config` never raises. A mistake is reported like a scene mistake (file:line:column, what,
how to fix) and the bad value falls back to its default, so a typo never stops the kiosk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.content.model import LANG, art_path, control_character
from kiosk.content.problems import Problem, error, warning
from kiosk.content.source import Source, load_yaml_file
from kiosk.content.validation import validate

CONFIG_NAME = "kiosk.yaml"
MIN_SIDE, MAX_SIDE = 16, 7680   # a window's side: an 8K screen at most (99999x99999 would take 3.4 GB)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Display(_Section):
    fullscreen: bool = True
    size: Optional[str] = Field(None, pattern=r"^\d{2,5}x\d{2,5}$", description="window size WxH, e.g. 1280x720")
    rotate: Literal[0, 90, 180, 270] = 0
    fps: int = Field(60, ge=10, le=240)
    reduce_motion: bool = Field(False, description="replace moves with gentle fades")

    @field_validator("size")
    @classmethod
    def _screen_sized(cls, value: Optional[str]) -> Optional[str]:
        if value:
            w, h = (int(v) for v in value.split("x"))
            if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
                raise ValueError(f"size {value} is not a screen's size; each side must be {MIN_SIDE} to {MAX_SIDE} "
                                 "pixels, e.g. 1280x720")
        return value


HOURS = r"^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$"


class Sound(_Section):
    enabled: bool = False
    volume: float = Field(0.6, ge=0, le=1)
    narration: Literal["off", "kids", "everyone"] = Field(
        "kids", description="read captions aloud by themselves: never, in the children's mode, or always")
    max_volume: float = Field(0.8, ge=0, le=1, description="the staff menu cannot turn the volume above this")
    quiet_hours: tuple[Annotated[str, Field(pattern=HOURS)], ...] = Field(
        (), description="times with no narration by itself, e.g. [\"12:00-13:00\", \"17:30-08:00\"]")
    tap_to_hear: bool = Field(True, description="the speaker button reads a step aloud even when narration "
                                                "is off or in quiet hours")


class Clinic(_Section):
    # Lengths bound what is drawn as one line of words (a very long name made a picture too wide to scale).
    name: str = Field("Your Clinic Name", max_length=80)
    phone: str = Field("(555) 010-0199", max_length=40)
    address: str = Field("", max_length=200)
    hours: str = Field("", max_length=300)
    url: str = Field("https://example.com", max_length=500)
    logo: Optional[str] = Field(None, max_length=200)

    @field_validator("name", "phone", "address", "hours", "url", "logo")
    @classmethod
    def _drawable(cls, value: Optional[str]) -> Optional[str]:
        bad = control_character(value) if value else None
        if bad:
            raise ValueError(f"this contains an invisible control character ({bad}); delete it and type it again")
        return value

    @field_validator("logo")
    @classmethod
    def _logo_path(cls, value: Optional[str]) -> Optional[str]:
        return art_path(value) if value else value


class Staff(_Section):
    pin_hash: Optional[str] = Field(None, description="set with `kiosk set-pin`; never write the PIN itself")
    lock_seconds: int = Field(60, ge=5, le=3600)
    max_tries: int = Field(5, ge=1, le=20)


class Console(_Section):
    """The staff console (`kiosk console`): off until `kiosk set-console-password` sets password_hash."""

    address: str = Field("0.0.0.0", description="0.0.0.0 = every network of this machine; 127.0.0.1 = only itself")
    port: int = Field(8470, ge=1024, le=65535)
    password_hash: Optional[str] = Field(None, description="set with `kiosk set-console-password`")
    session_hours: float = Field(8, gt=0, le=24 * 7)
    max_tries: int = Field(5, ge=1, le=20)
    lock_seconds: int = Field(300, ge=5, le=86400)


class Content(_Section):
    scenes: str = "scenes"
    art: str = "art"


class KioskConfig(_Section):
    display: Display = Display()
    idle_seconds: float = Field(90, ge=10, le=3600)
    still_watching_seconds: float = Field(10, ge=3, le=120)
    languages: tuple[Annotated[str, Field(pattern=LANG)], ...] = Field(("en", "es"), max_length=20)
    default_language: Annotated[str, Field(pattern=LANG)] = "en"
    default_audience: Literal["kids", "parents"] = "kids"
    sound: Sound = Sound()
    clinic: Clinic = Clinic()
    staff: Staff = Staff()
    content: Content = Content()
    console: Console = Console()

    @field_validator("languages")
    @classmethod
    def _some_language(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("list at least one language, e.g. [en, es]")
        return value


def _drop(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the value at loc (or its nearest removable parent) so its default applies."""
    for cut in range(len(loc), 0, -1):
        parent_loc, key = loc[: cut - 1], loc[cut - 1]
        parent = data
        try:
            for part in parent_loc:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(parent, dict) and key in parent:
            del parent[key]
            return True
    return False


LAST_GOOD_NAME = "kiosk.last-good.yaml"


def load_config(path: Optional[Path], last_good: Optional[Path] = None) -> tuple[KioskConfig, list[Problem]]:
    """Read kiosk.yaml (missing file → defaults). Bad values are reported and replaced by defaults.

    With `last_good` (a file in the state folder): a kiosk.yaml without errors is copied there, and one with
    errors (a typo that breaks the YAML, a wrong value) leaves the settings of that copy in force, so the
    clinic's name, phone and staff PIN never fall back to the examples while a mistake waits to be fixed."""
    config, problems = _load_config(path)
    if last_good is None or path is None or not path.exists():
        return config, problems
    if not any(p.is_error for p in problems):
        _keep_copy(path, last_good)
        return config, problems
    if not last_good.is_file():
        return config, problems
    good, good_problems = _load_config(last_good)
    if any(p.is_error for p in good_problems):
        return config, problems
    shown = path.name if path.parent == Path.cwd() else str(path)
    return good, problems + [warning(shown, 0, 0, "until this is fixed, the kiosk keeps the last settings that "
                                                  f"worked (kept in {last_good})")]


def _keep_copy(path: Path, copy: Path) -> None:
    """Copy a good kiosk.yaml to the state folder, atomically; a state folder that cannot be written only
    means there is no copy (said in the log)."""
    from kiosk.content.atomic_file import write_atomic
    try:
        data = path.read_bytes()
        if copy.is_file() and copy.read_bytes() == data:
            return
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(copy, data, mode=0o600)
    except OSError as exc:
        import logging
        logging.getLogger(__name__).warning("cannot keep a copy of the good settings in %s (%s)", copy,
                                            exc.strerror or exc)


def _load_config(path: Optional[Path]) -> tuple[KioskConfig, list[Problem]]:
    if path is None or not path.exists():
        return KioskConfig(), []
    shown = path.name if path.parent == Path.cwd() else str(path)
    source = load_yaml_file(path, shown)
    if isinstance(source, Problem):
        if source.line == 0 and source.message.startswith(("the file is empty", "the file has no content")):
            return KioskConfig(), []  # nothing set (or only comments): every default applies
        return KioskConfig(), [source]
    if source.data is None or not isinstance(source.data, dict):
        _, problems = validate(source, KioskConfig, {}, "config")
        return KioskConfig(), problems
    data = _copy(source.data)
    reported: list[Problem] = []
    for _ in range(50):
        config, problems = validate(Source(source.path, data, source.value_marks, source.key_marks), KioskConfig, {},
                                    "config")
        if config is not None:
            break
        reported.extend(p for p in problems if p not in reported)
        # Drop every reported value in one pass (a list, not any(): any() stops at the first), so a mistake
        # is not reported again by the next round.
        if not any([_drop(data, _loc_of(source, p)) for p in problems]):
            config = KioskConfig()
            break
    else:
        config = KioskConfig()
    problems_out = [_as_fallback(p) for p in reported]
    if config.default_language not in config.languages:
        line, col = source.where(("default_language",))
        first = config.languages[0]
        problems_out.append(warning(source.path, line, col,
                                    f"default_language '{config.default_language}' is not in languages "
                                    f"{list(config.languages)}; add it there ('{first}' is used until then)"))
        config = config.model_copy(update={"default_language": first})
    return config, problems_out


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _loc_of(source: Source, problem: Problem) -> tuple[Any, ...]:
    """The location in the data that a problem points at (by its line and column)."""
    for marks in (source.value_marks, source.key_marks):
        for loc, mark in marks.items():
            if mark == (problem.line, problem.column) and loc:
                return loc
    return ()


def _as_fallback(problem: Problem) -> Problem:
    if problem.message.endswith("the default is used"):
        return problem
    return Problem(problem.path, problem.line, problem.column, problem.message + "; the default is used",
                   problem.severity)


def find_config(start: Path) -> Optional[Path]:
    candidate = start / CONFIG_NAME
    return candidate if candidate.exists() else None


def clinic_art_problems(config: KioskConfig, config_path: Path, art_dir: Path) -> list[Problem]:
    """The clinic's logo must be a picture in the art folder; say where it is named if it is not."""
    logo = config.clinic.logo
    if not logo:
        return []
    art_root = art_dir.resolve() if art_dir.exists() else art_dir
    try:
        path = (art_root / logo).resolve()
    except (OSError, ValueError, RuntimeError):
        path = art_root / "?"
    try:
        path.relative_to(art_root)
        found = path.is_file()
    except (ValueError, OSError):   # outside art/, or a name the file system cannot hold
        found = False
    line = _logo_line(config_path)
    shown = config_path.name if config_path.parent == Path.cwd() else str(config_path)
    if found:
        # The logo is opened like scene art, so it is inspected like scene art (format by its bytes, size).
        from kiosk.content.artcheck import inspect_art
        return [(error if is_error else warning)(shown, line, 3 if line else 0, f"the clinic logo '{logo}': {text}")
                for _, text, is_error in inspect_art(path).problems]
    return [warning(shown, line, 3 if line else 0,
                    f"the clinic logo '{logo}' is not a file in art/; put the picture there or remove the logo line")]


def _logo_line(config_path: Path) -> int:
    line = 0
    try:
        for number, text in enumerate(config_path.read_text(encoding="utf-8").splitlines(), start=1):
            if text.strip().startswith("logo:"):
                line = number
                break
    except (OSError, UnicodeDecodeError):
        pass
    return line
