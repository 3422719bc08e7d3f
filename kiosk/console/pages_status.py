"""Status and Clinic pages: is the kiosk running, what it shows, its problems; the clinic's details and settings."""

from __future__ import annotations

import hashlib
import shutil
import time
from typing import Optional

from flask import redirect, render_template, request, url_for

from kiosk import __version__
from kiosk.content.config import CONFIG_NAME
from kiosk.appliance.heartbeat import STALE_SECONDS, read_heartbeat
from .edits import BOOL_FIELDS, clinic_edit
from .store import Refused
from .uploads import UploadRefused, picture_to_art
from .yamledit import EditError, set_value
from .views import library, messages, now, pages, store, upload_bytes, who


# --- status -------------------------------------------------------------------------------------------------
@pages.get("/")
def status():  # type: ignore[no-untyped-def]
    s = store()
    beat = read_heartbeat(s.paths.state_dir)
    age = now() - float(beat.get("time", 0)) if beat else None
    running = age is not None and age < STALE_SECONDS
    lib = library()
    config, config_problems = s.config()
    disk = shutil.disk_usage(s.paths.root)
    problems = [str(p) for p in config_problems] + [str(p) for p in lib.problems]
    last_reload = beat.get("last_reload") if beat else None
    return render_template("status.html", beat=beat, running=running, age=age, problems=problems,
                           errors=sum(1 for p in list(config_problems) + list(lib.problems) if p.is_error),
                           disk_free=disk.free, disk_total=disk.total, scenes=len(lib.scenes),
                           shown=len(lib.playlist), console_version=__version__,
                           last_reload=time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(last_reload))
                           if last_reload else None, changes=s.changes()[:5])


# --- clinic -------------------------------------------------------------------------------------------------
def _clinic_page(errors: Optional[dict[str, list[str]]] = None, general: Optional[list[str]] = None,
                 form: Optional[dict] = None, saved: bool = False, status: int = 200):  # type: ignore[no-untyped-def]
    config, _ = store().config()
    values = {"name": config.clinic.name, "phone": config.clinic.phone, "address": config.clinic.address,
              "hours": config.clinic.hours, "url": config.clinic.url, "default_language": config.default_language,
              "default_audience": config.default_audience, "idle_seconds": _plain(config.idle_seconds),
              "sound_enabled": config.sound.enabled, "volume": _plain(config.sound.volume),
              "narration": config.sound.narration, "max_volume": _plain(config.sound.max_volume),
              "quiet_hours": ", ".join(config.sound.quiet_hours), "tap_to_hear": config.sound.tap_to_hear}
    if form:
        values.update(form)
        for name in BOOL_FIELDS:   # a checkbox left empty is not sent at all
            values[name] = form.get(name) == "on"
    return render_template("clinic.html", values=values, errors=errors or {}, general=general or [],
                           languages=config.languages, qr=_qr_uri(config.clinic.url), logo=config.clinic.logo,
                           saved=saved), status


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _qr_uri(url: str) -> Optional[str]:
    try:
        import segno
        return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4)
    except Exception:  # noqa: BLE001 - a URL too long for a QR code: the page says so by showing none
        return None


@pages.get("/clinic")
def clinic():  # type: ignore[no-untyped-def]
    return _clinic_page(saved=request.args.get("saved") == "1")


@pages.post("/clinic")
def clinic_save():  # type: ignore[no-untyped-def]
    s = store()
    form = {k: v for k, v in request.form.items() if k != "csrf"}
    try:
        text, lines = clinic_edit(s.read_text(CONFIG_NAME) if s.paths.config_path.exists() else "", form)
        s.write({CONFIG_NAME: text.encode("utf-8")}, who(), "clinic details and settings")
    except EditError as exc:
        return _clinic_page(general=[str(exc)], form=form, status=422)
    except Refused as exc:
        by_line = {line: name for name, line in lines.items()}
        errors: dict[str, list[str]] = {}
        general = []
        for p in exc.problems:
            name = by_line.get(getattr(p, "line", -1))
            if name:
                errors.setdefault(name, []).append(str(p))
            else:
                general.append(str(p))
        return _clinic_page(errors=errors, general=general, form=form, status=422)
    return redirect(url_for("pages.clinic", saved=1))


@pages.post("/clinic/logo")
def clinic_logo():  # type: ignore[no-untyped-def]
    s = store()
    try:
        png = picture_to_art(upload_bytes("logo", 10_000_000), rounded=False)
        rel = f"photos/clinic-logo-{hashlib.sha256(png).hexdigest()[:8]}.png"
        text = set_value(s.read_text(CONFIG_NAME), ("clinic", "logo"), rel)
        s.write({f"art/{rel}": png, CONFIG_NAME: text.encode("utf-8")}, who(), "clinic logo")
    except UploadRefused as exc:
        return _clinic_page(errors={"logo": [str(exc)]}, status=422)
    except (Refused, EditError) as exc:
        return _clinic_page(errors={"logo": messages(getattr(exc, "problems", [exc]))}, status=422)
    return redirect(url_for("pages.clinic", saved=1))
