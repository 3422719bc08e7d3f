"""The console's pages. Each POST builds the new text of the files it changes and hands them to the store,
which checks them with the kiosk's loader before anything is written; a refusal shows the loader's
file:line message beside the field that caused it."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any, Optional

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for

from .. import __version__
from ..config import CONFIG_NAME
from ..heartbeat import STALE_SECONDS, read_heartbeat
from ..language import pick
from ..library import Library
from ..player import visible_steps
from ..problems import Problem
from ..usage import DB_NAME, read_rows, rows_as_csv
from .backup import make_archive, restore
from .charts import charts
from .edits import (AUDIENCES, SLUG, caption_edit, caption_flags, clinic_edit, copy_scene, field_lines, moved,
                    playlist_text)
from .media import Stills, find_voice, voice_path
from .store import ContentStore, Refused
from .uploads import UploadRefused, picture_to_art, sniff_audio
from .yamledit import EditError, set_value

pages = Blueprint("pages", __name__)
AUDIO_TYPES = {"wav": "audio/wav", "ogg": "audio/ogg", "mp3": "audio/mpeg"}
ART_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
             ".webp": "image/webp"}


# --- shared helpers --------------------------------------------------------------------------------------
def store() -> ContentStore:
    return current_app.extensions["kiosk"]["store"]


def now() -> float:
    return current_app.extensions["kiosk"]["clock"]()


def stills() -> Stills:
    ext = current_app.extensions["kiosk"]
    if "stills" not in ext:
        ext["stills"] = Stills(ext["store"])
    return ext["stills"]


def who() -> str:
    return f"staff@{request.remote_addr or '?'}"


def library() -> Library:
    return store().library()


def scene_or_404(lib: Library, scene_id: str):  # type: ignore[no-untyped-def]
    if scene_id not in lib.scenes:
        abort(404, f"there is no scene '{scene_id}'")
    return lib.scenes[scene_id]


def content_rel(path: Path) -> str:
    """A scene file's content path (scenes/...)."""
    scenes = store().paths.scenes_dir.resolve()
    return "scenes/" + path.resolve().relative_to(scenes).as_posix()


def upload_bytes(field: str, limit: int) -> bytes:
    file = request.files.get(field)
    if file is None or not file.filename:
        raise UploadRefused("choose a file first")
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(f"the file is larger than {limit // 1_000_000} MB")
    return data


def messages(problems: list) -> list[str]:
    return [str(p) for p in problems]


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
              "sound_enabled": config.sound.enabled, "volume": _plain(config.sound.volume)}
    if form:
        values.update(form)
        values["sound_enabled"] = form.get("sound_enabled") == "on"
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


# --- scenes ---------------------------------------------------------------------------------------------------
def _missing_count(lib: Library, scene) -> int:  # type: ignore[no-untyped-def]
    n = 0
    for step in scene.steps:
        for texts in (step.text.kids, step.text.parents):
            if texts is None:
                continue
            n += sum(1 for lang in lib.languages if caption_flags(lib, texts, lang))
    return n


@pages.get("/scenes")
def scenes(errors: Optional[list[str]] = None, status: int = 200):  # type: ignore[no-untyped-def]
    lib = library()
    rows = [{"id": sid, "title": pick(lib.scenes[sid].title, lib.default_lang, lib.default_lang),
             "shown": sid in lib.playlist, "steps": len(lib.scenes[sid].steps),
             "flags": _missing_count(lib, lib.scenes[sid])} for sid in lib.order if sid in lib.scenes]
    broken = sorted({p.path for p in lib.errors})
    return render_template("scenes.html", rows=rows, errors=errors or [], broken=broken), status


@pages.post("/scenes/playlist")
def playlist():  # type: ignore[no-untyped-def]
    lib = library()
    scene_id = request.form.get("scene", "")
    action = request.form.get("action", "")
    scene_or_404(lib, scene_id)
    order = list(lib.order)
    disabled = [s for s in order if s not in lib.playlist]
    if action == "hide" and scene_id not in disabled:
        disabled.append(scene_id)
    elif action == "show":
        disabled = [s for s in disabled if s != scene_id]
    elif action in ("up", "down"):
        order = moved(order, scene_id, -1 if action == "up" else 1)
    else:
        abort(400, "unknown action")
    disabled = [s for s in order if s in disabled]
    try:
        store().write({"scenes/playlist.yaml": playlist_text(order, disabled).encode("utf-8")}, who(),
                      f"playlist: {action} {scene_id}")
    except Refused as exc:
        return scenes(errors=messages(exc.problems), status=422)
    return redirect(url_for("pages.scenes") + f"#row-{scene_id}")


def _scene_page(scene_id: str, errors: Optional[dict[Any, list[str]]] = None, status: int = 200,
                values: Optional[dict[Any, str]] = None):  # type: ignore[no-untyped-def]
    lib = library()
    scene = scene_or_404(lib, scene_id)
    steps = []
    for i, step in enumerate(scene.steps):
        audience = step.audience or "kids"
        captions = []
        for aud in AUDIENCES:
            texts = getattr(step.text, aud) or {}
            for lang in lib.languages:
                key = f"{i}-{aud}-{lang}"
                captions.append({"key": key, "audience": aud, "lang": lang,
                                 "text": (values or {}).get(key, texts.get(lang, "")),
                                 "flag": caption_flags(lib, texts, lang) if texts or aud == "kids" else None,
                                 "errors": (errors or {}).get(key, [])})
        steps.append({"index": i, "id": step.id, "audience": audience, "only": step.audience,
                      "captions": captions})
    title = pick(scene.title, lib.default_lang, lib.default_lang)
    file = content_rel(lib.files[scene_id])
    found = [str(p) for p in lib.problems if p.path == file]
    return render_template("scene.html", scene_id=scene_id, title=title, steps=steps, languages=lib.languages,
                           found=found,
                           shown=scene_id in lib.playlist, errors=errors or {},
                           file=file, default_lang=lib.default_lang), status


@pages.get("/scenes/<scene_id>")
def scene(scene_id: str):  # type: ignore[no-untyped-def]
    return _scene_page(scene_id)


@pages.post("/scenes/<scene_id>/caption")
def caption(scene_id: str):  # type: ignore[no-untyped-def]
    lib = library()
    scene_obj = scene_or_404(lib, scene_id)
    try:
        index = int(request.form.get("step", ""))
    except ValueError:
        abort(400, "no step given")
    audience, lang = request.form.get("audience", ""), request.form.get("lang", "")
    if not 0 <= index < len(scene_obj.steps) or audience not in AUDIENCES or lang not in lib.languages:
        abort(400, "no such caption")
    key = f"{index}-{audience}-{lang}"
    value = request.form.get("text", "")
    rel = content_rel(lib.files[scene_id])
    s = store()
    try:
        text = caption_edit(s.read_text(rel), index, audience, lang, value, lib.default_lang)
        s.write({rel: text.encode("utf-8")}, who(), f"caption {scene_id} step {index + 1} {audience} {lang}")
    except EditError as exc:
        return _scene_page(scene_id, {key: [str(exc)]}, 422, {key: value})
    except Refused as exc:
        return _scene_page(scene_id, {key: messages(exc.problems)}, 422, {key: value})
    return redirect(url_for("pages.scene", scene_id=scene_id) + f"#caption-{key}")


@pages.post("/scenes/<scene_id>/copy")
def copy(scene_id: str):  # type: ignore[no-untyped-def]
    lib = library()
    scene_or_404(lib, scene_id)
    new_id = request.form.get("new_id", "").strip().lower()
    titles = {lang: request.form.get(f"title_{lang}", "") for lang in lib.languages}
    s = store()
    problem = None
    if not SLUG.match(new_id):
        problem = f"'{new_id}' is not a scene id: use small letters, digits and dashes, e.g. my-scene"
    elif new_id in lib.scenes or (s.paths.scenes_dir / f"{new_id}.yaml").exists():
        problem = f"there is already a scene '{new_id}'; choose another id"
    if problem:
        return _scene_page(scene_id, {"copy": [problem]}, 422)
    try:
        text = copy_scene(s.read_text(content_rel(lib.files[scene_id])), scene_id, new_id, titles, lib.languages,
                          now())
        order = list(lib.order) + [new_id]
        disabled = [sid for sid in lib.order if sid not in lib.playlist] + [new_id]  # hidden until it is ready
        s.write({f"scenes/{new_id}.yaml": text.encode("utf-8"),
                 "scenes/playlist.yaml": playlist_text(order, disabled).encode("utf-8")},
                who(), f"new scene {new_id} from {scene_id}")
    except EditError as exc:
        return _scene_page(scene_id, {"copy": [str(exc)]}, 422)
    except Refused as exc:
        return _scene_page(scene_id, {"copy": messages(exc.problems)}, 422)
    return redirect(url_for("pages.scene", scene_id=new_id))


@pages.get("/picture/<scene_id>/<step_id>.png")
def picture(scene_id: str, step_id: str):  # type: ignore[no-untyped-def]
    lib = library()
    scene_obj = scene_or_404(lib, scene_id)
    audience = request.args.get("audience", "kids")
    lang = request.args.get("lang", lib.default_lang)
    if audience not in AUDIENCES or lang not in lib.languages:
        abort(404)
    steps = visible_steps(scene_obj, audience)
    number = next((n for n, st in enumerate(steps, start=1) if st.id == step_id), None)
    if number is None:
        abort(404)
    data = stills().png(lib, scene_id, number, audience, lang)
    return Response(data, mimetype="image/png", headers={"Cache-Control": "private, max-age=60"})


@pages.get("/scenes/<scene_id>/handout.pdf")
def handout(scene_id: str):  # type: ignore[no-untyped-def]
    from ..handouts.pdf import make_handout
    lib = library()
    scene_or_404(lib, scene_id)
    lang = request.args.get("lang", lib.default_lang)
    if lang not in lib.languages:
        abort(404)
    config, _ = store().config()
    pictures = stills()

    def draw(sid: str, number: int, audience: str, language: str, size: tuple[int, int]) -> bytes:
        return pictures.png(lib, sid, number, audience, language, size)
    pdf = make_handout(lib, config, scene_id, lang, draw, logo_dir=store().paths.art_dir)
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{scene_id}-{lang}.pdf"'})


# --- pictures ---------------------------------------------------------------------------------------------
def art_uses(lib: Library) -> dict[str, list[str]]:
    """Each picture the scenes use, with the scenes that use it."""
    uses: dict[str, list[str]] = {}

    def add(rel: Optional[str], sid: str) -> None:
        if rel and not rel.startswith("#") and Path(rel).suffix.lower() in ART_TYPES:
            uses.setdefault(rel, [])
            if sid not in uses[rel]:
                uses[rel].append(sid)
    for sid, sc in lib.scenes.items():
        add(sc.tile.art, sid)
        add(sc.background, sid)
        for step in sc.steps:
            add(step.background, sid)
            for layer in step.layers:
                add(layer.art, sid)
    return dict(sorted(uses.items()))


@pages.get("/pictures")
def pictures(errors: Optional[dict[str, list[str]]] = None, status: int = 200):  # type: ignore[no-untyped-def]
    lib = library()
    uses = art_uses(lib)
    folder = request.args.get("folder", "")
    folders = sorted({rel.split("/")[0] for rel in uses})
    shown = {rel: u for rel, u in uses.items() if not folder or rel.split("/")[0] == folder}
    return render_template("pictures.html", uses=shown, folders=folders, folder=folder, errors=errors or {},
                           replaced=request.args.get("replaced", "")), status


@pages.get("/art/<path:rel>")
def art_file(rel: str):  # type: ignore[no-untyped-def]
    lib = library()
    if rel not in art_uses(lib):
        abort(404)
    path = lib.art_path(rel)
    if path is None:
        abort(404)
    # An SVG opened on its own must not run anything: sandbox it whatever it holds.
    return Response(path.read_bytes(), mimetype=ART_TYPES[Path(rel).suffix.lower()],
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
                             "Cache-Control": "private, max-age=60"})


@pages.post("/pictures/replace")
def replace_picture():  # type: ignore[no-untyped-def]
    lib = library()
    old = request.form.get("art", "")
    uses = art_uses(lib)
    if old not in uses:
        abort(404)
    s = store()
    try:
        png = picture_to_art(upload_bytes("photo", 10_000_000))
        new = f"photos/{Path(old).stem}-{hashlib.sha256(png).hexdigest()[:8]}.png"
        change: dict[str, Optional[bytes]] = {f"art/{new}": png}
        pattern = re.compile(r"(?<![\w./-])" + re.escape(old) + r"(?![\w./-])")
        for sid in uses[old]:
            rel = content_rel(lib.files[sid])
            change[rel] = pattern.sub(new, s.read_text(rel)).encode("utf-8")
        s.write(change, who(), f"picture {old} replaced by a photo")
    except UploadRefused as exc:
        return pictures(errors={old: [str(exc)]}, status=422)
    except Refused as exc:
        return pictures(errors={old: messages(exc.problems)}, status=422)
    return redirect(url_for("pages.pictures", replaced=new))


# --- voice ----------------------------------------------------------------------------------------------------
def _caption_rows(lib: Library, scene_id: str) -> list[dict]:
    scene_obj = scene_or_404(lib, scene_id)
    rows = []
    for step in scene_obj.steps:
        for aud in AUDIENCES:
            texts = getattr(step.text, aud)
            if not texts:
                continue
            for lang in lib.languages:
                rows.append({"step": step.id, "audience": aud, "lang": lang, "text": texts.get(lang, ""),
                             "file": find_voice(store(), scene_id, step.id, aud, lang),
                             "key": f"{step.id}-{aud}-{lang}"})
    return rows


@pages.get("/voice")
def voice():  # type: ignore[no-untyped-def]
    lib = library()
    rows = [{"id": sid, "title": pick(lib.scenes[sid].title, lib.default_lang, lib.default_lang)} for sid in lib.order
            if sid in lib.scenes]
    return render_template("voice.html", rows=rows)


@pages.get("/voice/<scene_id>")
def voice_scene(scene_id: str, errors: Optional[dict[str, list[str]]] = None, status: int = 200):  # type: ignore[no-untyped-def]
    lib = library()
    return render_template("voice_scene.html", scene_id=scene_id, rows=_caption_rows(lib, scene_id),
                           errors=errors or {}, saved=request.args.get("saved", "")), status


@pages.post("/voice/<scene_id>/save")
def voice_save(scene_id: str):  # type: ignore[no-untyped-def]
    lib = library()
    rows = {r["key"]: r for r in _caption_rows(lib, scene_id)}
    key = f"{request.form.get('step', '')}-{request.form.get('audience', '')}-{request.form.get('lang', '')}"
    if key not in rows:
        abort(400, "no such caption")
    row = rows[key]
    try:
        data = upload_bytes("audio", 8_000_000)
        ext = sniff_audio(data)
        rel = voice_path(scene_id, row["step"], row["audience"], row["lang"], ext)
        change: dict[str, Optional[bytes]] = {rel: data}
        if row["file"] and row["file"] != rel:
            change[row["file"]] = None   # one recording per caption
        store().write(change, who(), f"voice {scene_id} {key}")
    except UploadRefused as exc:
        return voice_scene(scene_id, {key: [str(exc)]}, 422)
    except Refused as exc:
        return voice_scene(scene_id, {key: messages(exc.problems)}, 422)
    return redirect(url_for("pages.voice_scene", scene_id=scene_id, saved=key) + f"#voice-{key}")


@pages.get("/voice/<scene_id>/<step>/<audience>/<lang>")
def voice_file(scene_id: str, step: str, audience: str, lang: str):  # type: ignore[no-untyped-def]
    lib = library()
    rows = {r["key"]: r for r in _caption_rows(lib, scene_id)}
    row = rows.get(f"{step}-{audience}-{lang}")
    if row is None or not row["file"]:
        abort(404)
    rel = row["file"]
    return Response(store().paths.resolve(rel).read_bytes(), mimetype=AUDIO_TYPES[rel.rsplit(".", 1)[1]])


# --- usage ------------------------------------------------------------------------------------------------------
def _usage_args() -> tuple[str, int]:
    by = request.args.get("by", "day")
    by = by if by in ("day", "week") else "day"
    try:
        days = min(366, max(1, int(request.args.get("days", "28"))))
    except ValueError:
        days = 28
    return by, days


@pages.get("/usage")
def usage():  # type: ignore[no-untyped-def]
    by, days = _usage_args()
    today = date.fromtimestamp(now())
    rows = read_rows(store().paths.state_dir / DB_NAME, days, today)
    return render_template("usage.html", charts=charts(rows, by, days, today), by=by, days=days, counted=bool(rows))


@pages.get("/usage.csv")
def usage_csv():  # type: ignore[no-untyped-def]
    _, days = _usage_args()
    rows = read_rows(store().paths.state_dir / DB_NAME, days, date.fromtimestamp(now()))
    return Response(rows_as_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="kiosk-usage.csv"'})


# --- backup -----------------------------------------------------------------------------------------------------
@pages.get("/backup")
def backup(errors: Optional[list[str]] = None, note: str = "", status: int = 200):  # type: ignore[no-untyped-def]
    s = store()
    return render_template("backup.html", changes=s.changes()[:20], audit=s.audit_lines(20), errors=errors or [],
                           note=note or request.args.get("note", "")), status


@pages.get("/backup/download")
def backup_download():  # type: ignore[no-untyped-def]
    stamp = time.strftime("%Y%m%d-%H%M", time.localtime(now()))
    return Response(make_archive(store()), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="kiosk-backup-{stamp}.zip"'})


@pages.post("/backup/restore")
def backup_restore():  # type: ignore[no-untyped-def]
    try:
        data = upload_bytes("archive", 100_000_000)
        count = restore(data, store(), who())
    except UploadRefused as exc:
        return backup(errors=[str(exc)], status=422)
    except Refused as exc:
        return backup(errors=messages(exc.problems), status=422)
    return redirect(url_for("pages.backup", note=f"restored: {count} files changed" if count else
                            "the archive is the same as the content: nothing changed"))


@pages.post("/backup/undo")
def backup_undo():  # type: ignore[no-untyped-def]
    try:
        what = store().undo_last(who())
    except Refused as exc:
        return backup(errors=messages(exc.problems), status=422)
    return redirect(url_for("pages.backup", note=f"undone: {what}"))


