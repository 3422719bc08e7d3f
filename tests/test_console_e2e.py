"""The staff console end to end, in a real browser: headless Chromium from the operating system's packages,
driven by Selenium through the system's chromedriver, against the console served on 127.0.0.1 and a real
kiosk running headless beside it on the same files.

Set CONSOLE_SCREENSHOTS=DIR to keep a screenshot of each page (the staff guide's pictures come from here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import pytest
import yaml

from console_support import PASSWORD, REPO, Server, make_content, make_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
selenium = pytest.importorskip("selenium", reason="selenium is in the test extra: pip install -e .[test]")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium chromium-driver; .ci/run does)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--window-size=1280,1000")
SEEDED = {"pulpotomy": 3, "sugar-bugs": 2}


def wait_for(check: Callable[[], object], seconds: float = 20.0, every: float = 0.25) -> object:
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s waiting for {check}")
        time.sleep(every)


def seed_usage(state: Path) -> None:
    from kiosk.appliance.usage import DB_NAME, UsageCounts
    counts = UsageCounts(state / DB_NAME)
    yesterday = date.today() - timedelta(days=1)
    for scene, n in SEEDED.items():
        for _ in range(n):
            counts.record("scene_started", scene, day=yesterday)
    counts.record("language", "es", day=yesterday)
    counts.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The content, a headless kiosk on it, the console serving it, and a signed-out browser."""
    folder = make_content(tmp_path_factory.mktemp("console-e2e"))
    state = folder / "state"
    state.mkdir()
    seed_usage(state)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    kiosk = subprocess.Popen([sys.executable, str(REPO / "main.py"), "--config", str(folder / "kiosk.yaml"), "run",
                              "--windowed", "--size", "640x360", "--state", str(state)], env=env, cwd=folder,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = make_store(folder)
    from kiosk.console.web import create_app
    server = Server(create_app(store))
    downloads = Path(tempfile.mkdtemp(prefix="console-downloads-"))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + (f"--user-data-dir={tempfile.mkdtemp(prefix='console-chromium-')}",):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    os.environ.setdefault("SE_OFFLINE", "true")   # never let Selenium look for a browser on the internet
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.implicitly_wait(2)
    yield {"browser": browser, "url": server.url, "store": store, "folder": folder, "kiosk": kiosk,
           "downloads": downloads}
    browser.quit()
    server.close()
    kiosk.terminate()
    try:
        kiosk.wait(timeout=10)
    except subprocess.TimeoutExpired:
        kiosk.kill()


@pytest.fixture()
def browser(site):  # type: ignore[no-untyped-def]
    """The browser, signed in."""
    b = site["browser"]
    b.get(site["url"] + "/")
    if "/login" in b.current_url:
        b.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        time.sleep(1.1)   # the login asks for a second between tries; keep later tests clear of it
    return b


def shot(b, name: str, element=None) -> None:  # type: ignore[no-untyped-def]
    """With CONSOLE_SCREENSHOTS set: the whole page (up to 1600 px tall), or one element, as a PNG there."""
    folder = os.environ.get("CONSOLE_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = str(Path(folder) / f"{name}.png")
    if element is not None:
        element.screenshot(path)
        return
    width, height = b.get_window_size()["width"], b.get_window_size()["height"]
    tall = min(1600, b.execute_script("return document.documentElement.scrollHeight"))
    b.set_window_size(width, tall + (height - b.execute_script("return window.innerHeight")))
    b.execute_script("window.scrollTo(0, 0)")
    # Pictures in view load once the window is tall: wait for them (step pictures are drawn on request).
    wait_for(lambda: b.execute_script("return [...document.images].filter(i => i.getBoundingClientRect().top < "
                                      "window.innerHeight).every(i => i.complete)"), 60)
    b.save_screenshot(path)
    b.set_window_size(width, height)


def problems(b) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.text for e in b.find_elements(By.CSS_SELECTOR, ".problem")]


def submit(b, button) -> None:  # type: ignore[no-untyped-def]
    """Click a button that sends a form, and wait until the page it leads to has replaced this one."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import WebDriverException
    old = b.find_element(By.TAG_NAME, "html")
    button.click()

    def replaced(driver) -> bool:  # type: ignore[no-untyped-def]
        # Chromium may answer a question about the old page's node, asked while the new page replaces it, with
        # "Node with given id does not belong to the document" rather than "stale": both mean it is gone.
        try:
            return bool(expected_conditions.staleness_of(old)(driver))
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    WebDriverWait(b, 30).until(replaced)


def fill(b, element_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = b.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def test_signing_in_opens_the_status_page(site) -> None:  # type: ignore[no-untyped-def]
    b = site["browser"]
    # Given the console's address, when staff open it
    b.get(site["url"] + "/scenes")
    # Then the login page asks for the password
    assert "/login" in b.current_url
    shot(b, "login")
    # When the password is typed
    b.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(b, b.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    # Then the page they asked for opens
    assert b.current_url == site["url"] + "/scenes"
    time.sleep(1.1)


def test_the_status_page_sees_the_running_kiosk(site, browser) -> None:  # type: ignore[no-untyped-def]
    # When the Status page is opened while the headless kiosk runs
    def running() -> bool:
        browser.get(site["url"] + "/")
        return "is running" in browser.find_element(By.ID, "kiosk-state").text
    # Then it says so (the kiosk's heartbeat arrives within seconds of its start)
    wait_for(running, 90, every=1.0)
    assert browser.find_element(By.ID, "screen").text.startswith("attract")
    shot(browser, "status")


def test_a_new_phone_number_reaches_the_live_kiosk(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given the Clinic page
    browser.get(site["url"] + "/clinic")
    # When the phone number is changed and saved
    fill(browser, "phone", "(555) 246-8100")
    submit(browser, browser.find_element(By.ID, "save-clinic"))
    assert browser.find_element(By.ID, "saved").is_displayed()
    shot(browser, "clinic")

    # Then the running kiosk picks it up: its heartbeat reports the new number on the Status page
    def kiosk_phone() -> bool:
        browser.get(site["url"] + "/")
        return browser.find_element(By.ID, "kiosk-phone").text == "(555) 246-8100"
    wait_for(kiosk_phone, 60, every=1.0)
    assert yaml.safe_load((site["folder"] / "kiosk.yaml").read_text())["clinic"]["phone"] == "(555) 246-8100"


def test_narration_for_everyone_reaches_the_live_kiosk(site, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select
    from kiosk.content.config import load_config
    # Given the Clinic page, where narration is for kids only
    browser.get(site["url"] + "/clinic")
    assert Select(browser.find_element(By.ID, "narration")).first_selected_option.get_attribute("value") == "kids"
    # When narration is set to read aloud for kids and parents, with a quiet lunch hour, and saved
    Select(browser.find_element(By.ID, "narration")).select_by_value("everyone")
    fill(browser, "quiet_hours", "12:00-13:00")
    submit(browser, browser.find_element(By.ID, "save-clinic"))
    assert browser.find_element(By.ID, "saved").is_displayed()
    # Then the kiosk's own loader reads both from kiosk.yaml, without a problem
    config, config_problems = load_config(site["folder"] / "kiosk.yaml")
    assert (config.sound.narration, config.sound.quiet_hours, config_problems) == ("everyone", ("12:00-13:00",), [])

    # ...and the running kiosk reloads it: its heartbeat reports the new setting on the Status page
    def kiosk_narration() -> bool:
        browser.get(site["url"] + "/")
        return browser.find_element(By.ID, "kiosk-narration").text == "everyone"
    wait_for(kiosk_narration, 60, every=1.0)


def test_an_invalid_edit_is_refused_with_its_message_beside_the_field(site, browser) -> None:  # type: ignore[no-untyped-def]
    before = (site["folder"] / "kiosk.yaml").read_bytes()
    # Given the Clinic page, when the idle time is set below its minimum
    browser.get(site["url"] + "/clinic")
    fill(browser, "idle_seconds", "5")
    submit(browser, browser.find_element(By.ID, "save-clinic"))
    # Then the loader's file:line message shows beside that field, and the file is unchanged
    message = browser.find_element(By.CSS_SELECTOR, "p.problem[data-for=idle_seconds]").text
    assert message.startswith("kiosk.yaml:") and "at least 10" in message
    assert (site["folder"] / "kiosk.yaml").read_bytes() == before
    shot(browser, "clinic-invalid", browser.find_element(By.CSS_SELECTOR, "p.problem[data-for=idle_seconds]")
         .find_element(By.XPATH, ".."))


def test_hiding_a_scene_takes_it_off_the_menu(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given the Scenes page
    browser.get(site["url"] + "/scenes")
    # When a scene is hidden
    submit(browser, browser.find_element(By.ID, "hide-big-kid-teeth"))
    # Then its row says hidden and the kiosk's playlist leaves it out
    assert "hidden" in browser.find_element(By.ID, "row-big-kid-teeth").get_attribute("class")
    assert "big-kid-teeth" not in site["store"].library().playlist
    # ...and the top bar, which stays in view, says it was saved
    assert browser.find_element(By.ID, "done-big-kid-teeth").text.startswith("Saved: Big kid teeth is hidden")
    shot(browser, "scenes")


def test_moving_a_scene_up_changes_the_menu_order(site, browser) -> None:  # type: ignore[no-untyped-def]
    browser.get(site["url"] + "/scenes")
    order = list(site["store"].library().order)
    scene = order[3]
    # When a scene is moved up one place
    submit(browser, browser.find_element(By.ID, f"up-{scene}"))
    # Then it comes before the one that was above it, on the page and in the playlist
    rows = [r.get_attribute("id") for r in browser.find_elements(By.CSS_SELECTOR, "table.scenes tbody tr")]
    assert rows.index(f"row-{scene}") == 2
    assert list(site["store"].library().order)[2] == scene


def test_a_spanish_caption_is_edited_in_place(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given a scene's page, with each step's picture beside its words
    browser.get(site["url"] + "/scenes/pulpotomy")
    picture = browser.find_element(By.CSS_SELECTOR, "#step-1 img")
    assert wait_for(lambda: browser.execute_script("return arguments[0].naturalWidth", picture), 60) == 640
    shot(browser, "scene")
    # When the Spanish kids' caption of step 1 is changed and saved
    fill(browser, "text-0-kids-es", "Primero dormimos el diente: ¡no sentirás nada de cosquillas!")
    submit(browser, browser.find_element(By.ID, "save-0-kids-es"))
    # Then the page shows it and the kiosk's loader reads it from the scene file
    assert "cosquillas" in browser.find_element(By.ID, "text-0-kids-es").get_attribute("value")
    step = site["store"].library().scenes["pulpotomy"].steps[0]
    assert step.text.kids["es"] == "Primero dormimos el diente: ¡no sentirás nada de cosquillas!"


def _photo(path: Path) -> Path:
    """A landscape JPEG whose EXIF says 'turn me a quarter' (as phones save portrait photos)."""
    from PIL import Image
    img = Image.new("RGB", (1600, 900), (240, 200, 120))
    img.paste((60, 120, 200), (0, 0, 400, 900))
    exif = Image.Exif()
    exif[0x0112] = 6
    img.save(path, "JPEG", exif=exif)
    return path


def test_a_photo_replaces_a_picture(site, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image
    # Given the Pictures page
    browser.get(site["url"] + "/pictures?folder=characters")
    shot(browser, "pictures")
    form = browser.find_element(By.ID, "picture-characters--apple.svg")
    # When a phone photo is uploaded for a picture
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(_photo(tmp_path / "photo.jpg")))
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    # Then the scenes use the new picture: upright, resized, with round (see-through) corners
    new = browser.find_element(By.CSS_SELECTOR, "#replaced code").text
    assert new.startswith("photos/apple-") and new.endswith(".png")
    with Image.open(site["folder"] / "art" / new) as img:
        assert img.size == (675, 1200)
        assert img.getpixel((0, 0))[3] == 0 and img.getpixel((337, 600))[3] == 255
    assert new in site["store"].library().art


def test_a_new_scene_is_made_from_a_copy(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given a scene's page
    browser.get(site["url"] + "/scenes/sugar-bugs")
    # When a copy is made with a new id and an English title only
    fill(browser, "new_id", "our-sugar-bugs")
    fill(browser, "title_en", "Our sugar bugs")
    submit(browser, browser.find_element(By.ID, "copy-scene"))
    # Then the new scene's page opens, hidden until staff show it, with its own id and title
    assert browser.current_url.endswith("/scenes/our-sugar-bugs")
    lib = site["store"].library()
    assert lib.scenes["our-sugar-bugs"].title == {"en": "Our sugar bugs"}
    assert "our-sugar-bugs" not in lib.playlist
    # ...and the missing Spanish title is flagged instead of the old scene's title being kept
    assert any("no 'es' translation" in p for p in problems(browser))


def test_a_backup_is_downloaded_and_restored(site, browser) -> None:  # type: ignore[no-untyped-def]
    config = site["folder"] / "kiosk.yaml"
    # Given a downloaded backup
    browser.get(site["url"] + "/backup")
    shot(browser, "backup")
    browser.find_element(By.ID, "download").click()
    archive = wait_for(lambda: next(iter(site["downloads"].glob("kiosk-backup-*.zip")), None), 20)
    wait_for(lambda: zipfile.is_zipfile(archive), 10)
    # ...and a change made after it
    browser.get(site["url"] + "/clinic")
    fill(browser, "name", "Changed After The Backup")
    submit(browser, browser.find_element(By.ID, "save-clinic"))
    assert yaml.safe_load(config.read_text())["clinic"]["name"] == "Changed After The Backup"
    # When the backup is restored
    browser.get(site["url"] + "/backup")
    browser.find_element(By.ID, "archive").send_keys(str(archive))
    submit(browser, browser.find_element(By.ID, "restore"))
    # Then the content is as it was when the backup was made, and the password still works
    assert "restored" in browser.find_element(By.ID, "note").text
    data = yaml.safe_load(config.read_text())
    assert data["clinic"]["name"] != "Changed After The Backup"
    assert data["console"]["password_hash"]


def test_the_usage_chart_shows_the_counts(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given counts from yesterday
    # When the Usage page is opened
    browser.get(site["url"] + "/usage?by=day&days=7")
    shot(browser, "usage")
    chart = browser.find_element(By.ID, "chart-scene_started")
    # Then yesterday's bar carries the number of scenes started, and the table names them
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    titles = [t.get_attribute("textContent") for t in chart.find_elements(By.CSS_SELECTOR, "rect title")]
    assert f"{yesterday}: {sum(SEEDED.values())}" in titles
    rows = {r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[1].text
            for r in chart.find_elements(By.CSS_SELECTOR, "table.details tr")}
    assert rows["pulpotomy"] == str(SEEDED["pulpotomy"])


def test_a_recording_is_made_in_the_browser_and_kept(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given the Voice page of a scene (Chromium's fake microphone plays a tone)
    browser.get(site["url"] + "/voice/pulpotomy")
    form = browser.find_elements(By.CSS_SELECTOR, "form.voice")[0]
    step = form.find_element(By.NAME, "step").get_attribute("value")
    # When staff record, stop, and keep the take
    form.find_element(By.CSS_SELECTOR, "button.record").click()
    time.sleep(1.2)
    form.find_element(By.CSS_SELECTOR, "button.stop").click()
    wait_for(lambda: "Listen" in form.find_element(By.CSS_SELECTOR, ".status").text, 10)
    shot(browser, "voice")
    submit(browser, form.find_element(By.CSS_SELECTOR, "button.keep"))
    # Then a WAV file is kept where the convention puts it, and the page offers it to listen to
    saved = site["folder"] / "scenes" / "voice" / "pulpotomy" / f"{step}.kids.en.wav"
    assert saved.read_bytes()[:4] == b"RIFF"
    assert browser.find_elements(By.CSS_SELECTOR, f"#voice-{step}-kids-en audio[src]")


def test_a_handout_is_downloaded_from_a_scene(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given a scene's page, when the Spanish handout button is pressed
    browser.get(site["url"] + "/scenes/sugar-bugs")
    browser.find_element(By.ID, "handout-es").click()
    # Then a PDF arrives
    pdf = wait_for(lambda: next(iter(site["downloads"].glob("sugar-bugs-es.pdf")), None), 60)
    wait_for(lambda: pdf.read_bytes().rstrip().endswith(b"%%EOF"), 10)
    assert pdf.read_bytes()[:5] == b"%PDF-"




def test_the_copys_missing_spanish_title_is_added_in_place(site, browser) -> None:  # type: ignore[no-untyped-def]
    # Given the copied scene, whose Spanish title is flagged as missing
    browser.get(site["url"] + "/scenes/our-sugar-bugs")
    assert "missing" in browser.find_element(By.CSS_SELECTOR, "label[for=text-title-es]").text
    # When its Spanish title is typed and saved
    fill(browser, "text-title-es", "Nuestros bichitos del azúcar")
    submit(browser, browser.find_element(By.ID, "save-title-es"))
    # Then the flag is gone and the loader reads both titles
    assert "missing" not in browser.find_element(By.CSS_SELECTOR, "label[for=text-title-es]").text
    assert site["store"].library().scenes["our-sugar-bugs"].title == {"en": "Our sugar bugs",
                                                                       "es": "Nuestros bichitos del azúcar"}
