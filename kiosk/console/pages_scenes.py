"""Scenes and Pictures pages: the playlist, each step's picture beside its words in every language, captions
edited in place, a new scene from a copy, handouts, and photos that replace pictures."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Callable, Optional

from flask import Response, abort, redirect, render_template, request, url_for

from kiosk.content.language import native_name
from kiosk.content.library import Library
from kiosk.motion.player import visible_steps
from .edits import AUDIENCES, SLUG, caption_edit, caption_flags, copy_scene, moved, playlist_text, title_edit
from .store import Refused
from .uploads import UploadRefused, picture_to_art
from .yamledit import EditError
from .views import (ART_TYPES, content_rel, library, messages, now, pages, scene_or_404, staff_title, stills, store,
                    upload_bytes, who)


# --- scenes ---------------------------------------------------------------------------------------------------
def _missing_count(lib: Library, scene) -> int:  # type: ignore[no-untyped-def]
    n = 0
    for step in scene.steps:
        for texts in (step.text.kids, step.text.parents):
            if texts is None:
                continue
            n += sum(1 for lang in lib.languages if caption_flags(lib, texts, lang))
    return n


AUDIENCE_WORDS = {"kids": "children's", "parents": "parents'"}
# What the Status page's "Last changes" says, and what the scene's row says once the kiosk has been told
PLAYLIST_CHANGES = {"hide": "hid {name} from the menu", "show": "showed {name} on the menu again",
                    "up": "moved {name} up the menu", "down": "moved {name} down the menu"}
PLAYLIST_DONE = {"hide": "Saved: {name} is hidden. The kiosk's menu drops it within a second.",
                 "show": "Saved: {name} is shown again. The kiosk's menu has it within a second.",
                 "up": "Saved: {name} moved up the menu.", "down": "Saved: {name} moved down the menu."}


@pages.get("/scenes")
def scenes(errors: Optional[list[str]] = None, status: int = 200):  # type: ignore[no-untyped-def]
    lib = library()
    rows = [{"id": sid, "title": staff_title(lib, sid),
             "shown": sid in lib.playlist, "steps": len(lib.scenes[sid].steps),
             "flags": _missing_count(lib, lib.scenes[sid])} for sid in lib.order if sid in lib.scenes]
    broken = sorted({p.path for p in lib.errors})
    done, done_scene = request.args.get("done", ""), request.args.get("scene", "")
    words = ""
    if done in PLAYLIST_DONE and done_scene in lib.scenes:
        words = PLAYLIST_DONE[done].format(name=staff_title(lib, done_scene))
    return render_template("scenes.html", rows=rows, errors=errors or [], broken=broken,
                           done_scene=done_scene if words else "", done_words=words), status


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
                      PLAYLIST_CHANGES[action].format(name=staff_title(lib, scene_id)))
    except Refused as exc:
        return scenes(errors=messages(exc.problems), status=422)
    # Back to the scene's own row, which says what was done (the page's top is out of view there)
    return redirect(url_for("pages.scenes", done=action, scene=scene_id) + f"#row-{scene_id}")


def _scene_page(scene_id: str, errors: Optional[dict[Any, list[str]]] = None, status: int = 200,
                values: Optional[dict[Any, str]] = None, saved: str = ""):  # type: ignore[no-untyped-def]
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
                captions.append({"key": key, "audience": aud, "lang": lang, "language": native_name(lang),
                                 "text": (values or {}).get(key, texts.get(lang, "")),
                                 "flag": caption_flags(lib, texts, lang) if texts or aud == "kids" else None,
                                 "errors": (errors or {}).get(key, [])})
        steps.append({"index": i, "id": step.id, "audience": audience, "only": step.audience,
                      "captions": captions})
    title = staff_title(lib, scene_id)
    titles = [{"key": f"title-{lang}", "lang": lang, "language": native_name(lang),
               "text": (values or {}).get(f"title-{lang}", scene.title.get(lang, "")),
               "flag": caption_flags(lib, scene.title, lang), "errors": (errors or {}).get(f"title-{lang}", [])}
              for lang in lib.languages]
    file = content_rel(lib.files[scene_id])
    found = [str(p) for p in lib.problems if p.path == file]
    return render_template("scene.html", scene_id=scene_id, title=title, steps=steps, languages=lib.languages,
                           found=found, titles=titles,
                           shown=scene_id in lib.playlist, errors=errors or {},
                           file=file, default_lang=lib.default_lang, saved=saved,
                           saved_words=_saved_words(saved, steps, titles)), status


def _saved_words(saved: str, steps: list[dict], titles: list[dict]) -> str:
    """The notice after a save: which words were saved, in the words the page uses ('' for none)."""
    for t in titles:
        if t["key"] == saved:
            return f"Saved: the title in {t['language']}. The kiosk's menu shows it within a second."
    for s in steps:
        for c in s["captions"]:
            if c["key"] == saved:
                return (f"Saved: step {s['index'] + 1}, {AUDIENCE_WORDS[c['audience']]} words in {c['language']}. "
                        "The kiosk shows them from the next time the step starts.")
    return ""


@pages.get("/scenes/<scene_id>")
def scene(scene_id: str):  # type: ignore[no-untyped-def]
    return _scene_page(scene_id, saved=request.args.get("saved", ""))


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
    return _save_words(lib, scene_id, key,
                       lambda text, value: caption_edit(text, index, audience, lang, value, lib.default_lang),
                       f"changed the {AUDIENCE_WORDS[audience]} words in {native_name(lang)}, step {index + 1} of "
                       f"{staff_title(lib, scene_id)}", f"#caption-{key}")


@pages.post("/scenes/<scene_id>/title")
def title(scene_id: str):  # type: ignore[no-untyped-def]
    lib = library()
    scene_or_404(lib, scene_id)
    lang = request.form.get("lang", "")
    if lang not in lib.languages:
        abort(400, "no such language")
    return _save_words(lib, scene_id, f"title-{lang}",
                       lambda text, value: title_edit(text, lang, value, lib.default_lang),
                       f"changed the title in {native_name(lang)} of {staff_title(lib, scene_id)}", "")


def _save_words(lib: Library, scene_id: str, key: str, edit: Callable[[str, str], str], message: str,
                anchor: str) -> Any:
    """Save the form's text into the scene's file through `edit` (the file's text, the new words -> the new
    file), then back to the scene's page at `anchor`; a refused edit shows the page again with the words kept
    and the reason beside the field `key`."""
    value = request.form.get("text", "")
    rel = content_rel(lib.files[scene_id])
    s = store()
    try:
        s.write({rel: edit(s.read_text(rel), value).encode("utf-8")}, who(), message)
    except EditError as exc:
        return _scene_page(scene_id, {key: [str(exc)]}, 422, {key: value})
    except Refused as exc:
        return _scene_page(scene_id, {key: messages(exc.problems)}, 422, {key: value})
    return redirect(url_for("pages.scene", scene_id=scene_id, saved=key) + anchor)


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
    from kiosk.handouts.pdf import make_handout
    lib = library()
    scene_or_404(lib, scene_id)
    lang = request.args.get("lang", lib.default_lang)
    if lang not in lib.languages:
        abort(404)
    config, _ = store().config()
    pictures = stills()

    def draw(sid: str, number: int, audience: str, language: str, size: tuple[int, int],
             printed: bool = False) -> bytes:
        return pictures.png(lib, sid, number, audience, language, size, printed)
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
