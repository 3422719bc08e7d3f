"""The Clinic page's narration settings (sound.narration, quiet_hours, max_volume, tap_to_hear): written through
the same loader as `kiosk check`, refused beside their field when the loader says no, kept out of the file then."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from kiosk.content.config import load_config
from console_support import csrf_of, make_app, make_content, problems_on, sign_in


@pytest.fixture()
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = make_content(tmp_path / "site", art=False)
    app, store, clock = make_app(folder)
    client = app.test_client()
    csrf = sign_in(client, clock)
    return {"client": client, "csrf": csrf, "config": folder / "kiosk.yaml", "store": store}


def _form(site, **changes: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The Clinic form as the page fills it now, with some fields changed (as a person would)."""
    html = site["client"].get("/clinic").get_data(as_text=True)
    form = dict(re.findall(r'<input type="(?:text|tel|url)" id="[^"]+" name="([^"]+)" value="([^"]*)"', html))
    form.update({name: value for name, value in re.findall(
        r'<select id="[^"]+" name="([^"]+)">.*?<option value="([^"]+)" selected', html, re.S)})
    form.update({name: "on" for name in re.findall(r'<input type="checkbox" name="([^"]+)" [^>]*checked', html)})
    form.update(changes)
    form["csrf"] = csrf_of(html)
    return form


def test_the_clinic_page_shows_the_kiosks_narration_settings(site) -> None:  # type: ignore[no-untyped-def]
    # Given the shipped kiosk.yaml (narration for kids, no quiet hours, tap to hear on)
    # When the Clinic page is opened
    form = _form(site)
    # Then its narration fields carry those values
    assert form["narration"] == "kids" and form["quiet_hours"] == "" and form["tap_to_hear"] == "on"
    assert form["max_volume"] == "0.8"


def test_narration_for_everyone_with_quiet_hours_is_written_and_the_kiosk_loads_it(site) -> None:  # type: ignore[no-untyped-def]
    # When staff choose narration for everyone and two quiet spans, and save
    response = site["client"].post("/clinic", data=_form(site, narration="everyone",
                                                         quiet_hours="12:00-13:00, 17:30-08:00"))
    # Then the page says saved, and the kiosk's own loader reads the new settings without a problem
    assert response.status_code == 302
    config, problems = load_config(site["config"])
    assert config.sound.narration == "everyone"
    assert config.sound.quiet_hours == ("12:00-13:00", "17:30-08:00")
    assert problems == []
    # ...and the rest of the file (its comments) is as it was
    assert "# the loudest the kiosk may be" in site["config"].read_text()


def test_clearing_the_tap_to_hear_box_turns_it_off(site) -> None:  # type: ignore[no-untyped-def]
    # When the tap-to-hear box is cleared (a browser then sends nothing for it) and the page saved
    form = _form(site)
    del form["tap_to_hear"]
    site["client"].post("/clinic", data=form)
    # Then the kiosk reads tap_to_hear as off
    assert load_config(site["config"])[0].sound.tap_to_hear is False


@pytest.mark.parametrize("field,value,words", [("quiet_hours", "lunch", "should be a span of 24-hour times"),
                                               ("max_volume", "2", "it must be at most 1"),
                                               ("narration", "loud", "valid: off, kids, everyone")])
def test_a_narration_setting_the_kiosk_cannot_use_is_refused_beside_its_field(site, field: str, value: str,
                                                                                words: str) -> None:  # type: ignore[no-untyped-def]
    before = site["config"].read_bytes()
    # When a value the loader refuses is sent for one narration field
    response = site["client"].post("/clinic", data=_form(site, **{field: value}))
    html = response.get_data(as_text=True)
    # Then the page comes back with the loader's kiosk.yaml:line message beside that field
    assert response.status_code == 422
    beside = [html_module.unescape(m) for m in
              re.findall(rf'<p class="problem" data-for="{field}">([^<]+)</p>', html)]
    assert any(m.startswith("kiosk.yaml:") and words in m for m in beside), (beside, problems_on(html))
    # ...and kiosk.yaml is exactly as it was (the kiosk never sees the bad value)
    assert site["config"].read_bytes() == before
