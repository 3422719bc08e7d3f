"""Voice, Usage and Backup pages: recordings for captions, usage charts and CSV, archives, restore and undo."""

from __future__ import annotations

import time
from datetime import date
from typing import Optional

from flask import Response, abort, redirect, render_template, request, url_for

from kiosk.content.library import Library
from kiosk.appliance.usage import DB_NAME, read_rows, rows_as_csv
from .backup import make_archive, restore
from .charts import charts
from .edits import AUDIENCES
from .media import find_voice, voice_path
from .store import Refused
from .uploads import UploadRefused, sniff_audio
from .views import AUDIO_TYPES, library, messages, now, pages, scene_or_404, staff_title, store, upload_bytes, who


# --- voice ----------------------------------------------------------------------------------------------------
def _caption_rows(lib: Library, scene_id: str) -> list[dict]:
    """Every caption a person hears, as the narration reads them: kids' words where kids see the step, and the
    parents' words (or the kids', for a step without its own) where parents do."""
    scene_obj = scene_or_404(lib, scene_id)
    rows = []
    for step in scene_obj.steps:
        for aud in AUDIENCES:
            if step.audience not in (None, aud):
                continue
            texts = step.text.kids if aud == "kids" else (step.text.parents or step.text.kids)
            for lang in lib.languages:
                rows.append({"step": step.id, "audience": aud, "lang": lang, "text": texts.get(lang, ""),
                             "file": find_voice(store(), scene_id, step.id, aud, lang),
                             "key": f"{step.id}-{aud}-{lang}"})
    return rows


@pages.get("/voice")
def voice():  # type: ignore[no-untyped-def]
    lib = library()
    rows = [{"id": sid, "title": staff_title(lib, sid)} for sid in lib.order if sid in lib.scenes]
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
