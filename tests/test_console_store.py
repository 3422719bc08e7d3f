"""Every console write: checked by the kiosk's loader first, written whole, kept for undo, logged."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from kiosk.console.backup import make_archive, restore
from kiosk.console.edits import caption_edit, copy_scene
from kiosk.console.store import Refused
from console_support import make_content, make_store


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_store(make_content(tmp_path / "site"))


def test_a_broken_scene_is_refused_with_the_loaders_message_and_not_written(store) -> None:  # type: ignore[no-untyped-def]
    path = store.paths.scenes_dir / "pulpotomy.yaml"
    before = path.read_bytes()
    # When a scene file with an unknown key is written
    broken = before.replace(b"\nsteps:", b"\nstepz: 1\nsteps:", 1)
    with pytest.raises(Refused) as refused:
        store.write({"scenes/pulpotomy.yaml": broken}, "test", "break it")
    # Then the refusal names the file and line as `kiosk check` does, and the file is as it was
    assert any(str(p).startswith("scenes/pulpotomy.yaml:") and "stepz" in str(p) for p in refused.value.problems)
    assert path.read_bytes() == before


def test_a_write_leaves_no_temporary_file_behind(store) -> None:  # type: ignore[no-untyped-def]
    # When a valid file is written
    store.write({"scenes/playlist.yaml": b"order: [pulpotomy]\ndisabled: []\n"}, "test", "playlist")
    # Then only the file itself is there
    assert sorted(p.name for p in store.paths.scenes_dir.glob(".*")) == []


def test_undo_puts_back_the_version_before_the_last_change(store) -> None:  # type: ignore[no-untyped-def]
    path = store.paths.scenes_dir / "playlist.yaml"
    before = path.read_bytes()
    store.write({"scenes/playlist.yaml": b"order: [pulpotomy]\ndisabled: []\n"}, "test", "playlist")
    # When the last change is undone
    store.undo_last("test")
    # Then the file is byte for byte what it was
    assert path.read_bytes() == before


def test_undo_removes_a_file_the_change_created(store) -> None:  # type: ignore[no-untyped-def]
    text = (store.paths.scenes_dir / "sugar-bugs.yaml").read_text()
    store.write({"scenes/copy.yaml": copy_scene(text, "sugar-bugs", "copy", {"en": "Copy"}, ("en", "es")).encode()},
                "test", "copy")
    # When that change is undone
    store.undo_last("test")
    # Then the new file is gone
    assert not (store.paths.scenes_dir / "copy.yaml").exists()


def test_every_write_is_in_the_audit_log(store) -> None:  # type: ignore[no-untyped-def]
    # When a change is written
    store.write({"scenes/playlist.yaml": b"order: [pulpotomy]\ndisabled: []\n"}, "staff@10.0.0.5", "playlist")
    # Then the audit log says who, what and which file
    entry = json.loads(store.audit_path.read_text().splitlines()[-1])
    assert (entry["who"], entry["what"], entry["files"]) == ("staff@10.0.0.5", "playlist", ["scenes/playlist.yaml"])


def test_a_shorthand_caption_keeps_its_words_when_a_language_is_added() -> None:
    # Given a caption written as plain text (meaning the default language)
    text = "steps:\n  - id: a\n    text:\n      kids: \"Hello\"\n"
    # When its Spanish is set
    data = yaml.safe_load(caption_edit(text, 0, "kids", "es", "Hola", "en"))
    # Then the English stays beside it
    assert data["steps"][0]["text"]["kids"] == {"en": "Hello", "es": "Hola"}


def test_a_copied_scene_gets_the_new_id_and_only_the_titles_given(store) -> None:  # type: ignore[no-untyped-def]
    text = (store.paths.scenes_dir / "sugar-bugs.yaml").read_text()
    # When a scene is copied with an English title only
    data = yaml.safe_load(copy_scene(text, "sugar-bugs", "our-bugs", {"en": "Our bugs", "es": ""}, ("en", "es")))
    # Then it has its own id and no leftover Spanish title from the old scene
    assert data["id"] == "our-bugs"
    assert data["title"] == {"en": "Our bugs"}


def test_a_backup_with_a_broken_scene_is_refused_whole(store) -> None:  # type: ignore[no-untyped-def]
    archive = io.BytesIO(make_archive(store))
    out = io.BytesIO()
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "scenes/pulpotomy.yaml":
                body = body.replace(b"\nsteps:", b"\nsteps: [\n", 1)
            dst.writestr(item, body)
    before = (store.paths.scenes_dir / "pulpotomy.yaml").read_bytes()
    # When it is restored
    with pytest.raises(Refused) as refused:
        restore(out.getvalue(), store, "test")
    # Then the loader's message names the file and nothing changed
    assert any("scenes/pulpotomy.yaml" in str(p) for p in refused.value.problems)
    assert (store.paths.scenes_dir / "pulpotomy.yaml").read_bytes() == before


def test_a_backup_leaves_out_the_pin_and_the_console_password(store) -> None:  # type: ignore[no-untyped-def]
    # When a backup is made of a kiosk with a console password
    with zipfile.ZipFile(io.BytesIO(make_archive(store))) as zf:
        config = yaml.safe_load(zf.read("kiosk.yaml"))
    # Then its settings carry no password hash
    assert config["console"]["password_hash"] is None


def _archive_with(store, name: str, body: bytes) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_archive(store))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, body if item.filename == name else src.read(item))
    return out.getvalue()


def test_a_restored_archive_cannot_move_the_content_or_set_a_password(store) -> None:  # type: ignore[no-untyped-def]
    config = store.paths.config_path
    before = yaml.safe_load(config.read_text())
    forged = yaml.safe_load(config.read_text())
    forged["content"] = {"scenes": "/etc", "art": "/"}
    forged["console"]["password_hash"] = "pbkdf2_sha256$1$00$00"
    forged["clinic"]["name"] = "From the archive"
    # When an archive whose kiosk.yaml points elsewhere and carries another password is restored
    restore(_archive_with(store, "kiosk.yaml", yaml.safe_dump(forged).encode()), store, "test")
    # Then its clinic details are restored, but the content folders and the password are this machine's
    after = yaml.safe_load(config.read_text())
    assert after["clinic"]["name"] == "From the archive"
    assert after["content"] == {"scenes": "scenes", "art": "art"}
    assert after["console"]["password_hash"] == before["console"]["password_hash"]
