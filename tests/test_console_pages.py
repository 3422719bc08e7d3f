"""Console pages the browser tests do not walk through: a hidden scene shown again, an untranslated caption
flagged, undo from the Backup page, a narration file uploaded instead of recorded, and the usage CSV."""

from __future__ import annotations

import io
import struct
import wave
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from console_support import csrf_of, make_app, make_content, sign_in


@pytest.fixture()
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = make_content(tmp_path / "site")
    app, store, clock = make_app(folder)
    client = app.test_client()
    csrf = sign_in(client, clock)
    return {"client": client, "csrf": csrf, "folder": folder, "store": store, "clock": clock}


def test_a_hidden_scene_is_shown_again(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    # Given a scene staff have hidden
    client.post("/scenes/playlist", data={"csrf": csrf, "scene": "big-kid-teeth", "action": "hide"})
    assert "big-kid-teeth" not in site["store"].library().playlist
    # When its Show button is pressed
    response = client.post("/scenes/playlist", data={"csrf": csrf, "scene": "big-kid-teeth", "action": "show"})
    # Then it is back on the kiosk's menu
    assert response.status_code == 302
    assert "big-kid-teeth" in site["store"].library().playlist


def test_hiding_a_scene_says_so_on_its_row_and_in_the_last_changes(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    # When a scene is hidden from the Scenes page
    response = client.post("/scenes/playlist", data={"csrf": csrf, "scene": "tooth-pictures", "action": "hide"})
    # Then the page opens again at that scene's row, with a Show button, and the top bar says it was saved...
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    row = page.split('id="row-tooth-pictures"', 1)[1].split("</tr>", 1)[0]
    assert ">Show</button>" in row
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "Saved: Tooth pictures is hidden." in header
    # ...and Status lists the change in words the guide uses, with the scene's title
    assert "hid Tooth pictures from the menu" in client.get("/").get_data(as_text=True)


def test_a_saved_caption_says_which_words_were_saved(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    words = site["store"].library().scenes["sugar-bugs"].steps[0].text.parents["es"] + " Pregunte a su dentista."
    # When step 1's Spanish parents' words are saved
    response = client.post("/scenes/sugar-bugs/caption", data={"csrf": csrf, "step": "0", "audience": "parents",
                                                                "lang": "es", "text": words})
    # Then the scene page opens at that box, the top bar names what was saved, and the box says Saved
    assert response.headers["Location"].endswith("#caption-0-parents-es")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "Saved: step 1, parents&#39; words in Español." in header
    form = page.split('id="caption-0-parents-es"', 1)[1].split("</form>", 1)[0]
    assert 'id="saved-0-parents-es">Saved<' in form and "Pregunte a su dentista." in form
    # ...and Status lists it in words
    assert "changed the parents&#39; words in Español, step 1 of" in client.get("/").get_data(as_text=True)


def test_a_caption_left_the_same_as_the_english_is_flagged_as_not_translated(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    english = site["store"].library().scenes["sugar-bugs"].steps[0].text.kids["en"]
    # When step 1's Spanish kids' caption is saved with the English words
    client.post("/scenes/sugar-bugs/caption", data={"csrf": csrf, "step": "0", "audience": "kids", "lang": "es",
                                                     "text": english})
    # Then the scene page flags that caption as not translated yet
    html = client.get("/scenes/sugar-bugs").get_data(as_text=True)
    label = html.split('for="text-0-kids-es"', 1)[1].split("</label>", 1)[0]
    assert "not translated yet" in label


def test_a_scenes_spanish_title_is_saved_and_shown_on_the_kiosk(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    # When a new Spanish title is saved for a scene
    response = client.post("/scenes/sugar-bugs/title", data={"csrf": csrf, "lang": "es", "text": "Bichitos"})
    # Then the page goes back to the scene, and the kiosk's library has the new title
    assert response.status_code == 302 and response.headers["Location"].endswith("/scenes/sugar-bugs?saved=title-es")
    assert site["store"].library().scenes["sugar-bugs"].title["es"] == "Bichitos"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Saved: the title in Español." in page.split("</header>", 1)[0]


def test_a_caption_that_cannot_be_saved_keeps_the_words_typed_and_says_why(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    before = site["store"].library().scenes["sugar-bugs"].steps[0].text.kids["en"]
    # When step 1's English kids' caption is saved empty
    response = client.post("/scenes/sugar-bugs/caption", data={"csrf": csrf, "step": "0", "audience": "kids",
                                                                "lang": "en", "text": "   "})
    # Then the scene page comes back refused, the caption is unchanged, and a reason stands beside the field
    assert response.status_code == 422
    assert site["store"].library().scenes["sugar-bugs"].steps[0].text.kids["en"] == before
    form = response.get_data(as_text=True).split('id="caption-0-kids-en"', 1)[1].split("</form>", 1)[0]
    assert '<textarea id="text-0-kids-en" name="text" rows="4">   </textarea>' in form
    assert "the &#39;en&#39; text is empty" in form


def test_undo_on_the_backup_page_puts_the_last_change_back(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    config = site["folder"] / "kiosk.yaml"
    before = yaml.safe_load(config.read_text())["clinic"]["phone"]
    # Given a phone number changed from the Clinic page
    html = client.get("/clinic").get_data(as_text=True)
    form = {"csrf": csrf_of(html), "phone": "(555) 000-1111", "sound_enabled": "", "tap_to_hear": "on"}
    client.post("/clinic", data=form)
    assert yaml.safe_load(config.read_text())["clinic"]["phone"] == "(555) 000-1111"
    # When Undo is pressed on the Backup page
    response = client.post("/backup/undo", data={"csrf": csrf})
    # Then the number is back, and the page says what was undone
    assert yaml.safe_load(config.read_text())["clinic"]["phone"] == before
    assert "undone" in client.get(response.headers["Location"]).get_data(as_text=True)


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"".join(struct.pack("<h", 0) for _ in range(1600)))
    return out.getvalue()


def test_a_narration_file_is_uploaded_instead_of_recorded(site) -> None:  # type: ignore[no-untyped-def]
    client, csrf = site["client"], site["csrf"]
    step = site["store"].library().scenes["pulpotomy"].steps[0].id
    # When a WAV file is uploaded for step 1's kids' English caption
    response = client.post("/voice/pulpotomy/save", data={"csrf": csrf, "step": step, "audience": "kids",
                                                           "lang": "en", "audio": (io.BytesIO(_wav()), "take.wav")},
                           content_type="multipart/form-data")
    # Then it is kept where the narration looks for a clinic's own recording, and can be listened to
    assert response.status_code == 302
    assert (site["folder"] / "scenes" / "voice" / "pulpotomy" / f"{step}.kids.en.wav").read_bytes()[:4] == b"RIFF"
    assert client.get(f"/voice/pulpotomy/{step}/kids/en").data[:4] == b"RIFF"


def test_the_usage_csv_has_the_counts(site) -> None:  # type: ignore[no-untyped-def]
    from kiosk.appliance.usage import DB_NAME, UsageCounts
    # Given counts the kiosk kept yesterday
    state = site["store"].paths.state_dir
    state.mkdir(parents=True, exist_ok=True)
    counts = UsageCounts(state / DB_NAME)
    yesterday = date.fromtimestamp(site["clock"]()) - timedelta(days=1)
    for _ in range(3):
        counts.record("scene_started", "pulpotomy", day=yesterday)
    counts.close()
    # When the CSV is downloaded
    response = site["client"].get("/usage.csv?days=7")
    # Then it is a CSV file with yesterday's row and its count
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = [line.split(",") for line in response.get_data(as_text=True).splitlines()]
    assert any(yesterday.isoformat() in row and "pulpotomy" in row and "3" in row for row in rows), rows[:5]
