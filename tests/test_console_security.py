"""The console's locks: password lockout, CSRF, sessions bound to the password, every page behind a session,
no path out of the content folders, uploads checked by what they contain."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kiosk.console.auth import hash_password
from kiosk.console.yamledit import set_value
from console_support import PASSWORD, make_app, make_content, problems_on, sign_in


@pytest.fixture()
def console(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = make_content(tmp_path / "site")
    app, store, clock = make_app(folder)
    return app, store, clock, app.test_client()


def _png(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(out, "PNG")
    return out.getvalue()


def test_five_wrong_passwords_lock_the_login(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # Given five wrong passwords, a few seconds apart
    for _ in range(5):
        client.post("/login", data={"password": "not-it-at-all"})
        clock.advance(2)
    # When the right password is given next
    response = client.post("/login", data={"password": PASSWORD})
    # Then it is refused with how long to wait, and no session cookie is set
    assert response.status_code == 403
    assert "Too many wrong passwords" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_the_lockout_ends_after_its_time(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # Given a locked login
    for _ in range(5):
        client.post("/login", data={"password": "not-it-at-all"})
        clock.advance(2)
    # When the lockout time has passed
    clock.advance(store.config()[0].console.lock_seconds)
    # Then the right password signs in
    assert client.post("/login", data={"password": PASSWORD}).status_code == 302


def test_tries_faster_than_one_a_second_are_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # Given one wrong try
    client.post("/login", data={"password": "wrong-one"})
    # When the next comes within the same second, even with the right password
    response = client.post("/login", data={"password": PASSWORD})
    # Then it is refused as too fast
    assert response.status_code == 429


def test_a_form_without_its_csrf_token_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    sign_in(client, clock)
    before = store.paths.config_path.read_bytes()
    # Given a signed-in browser, when a form arrives without the CSRF token (as a forged page would send it)
    response = client.post("/clinic", data={"phone": "(555) 999-0000"})
    # Then it is refused and nothing was written
    assert response.status_code == 403
    assert store.paths.config_path.read_bytes() == before


def test_a_form_with_another_sessions_token_is_refused(console, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    other = app.test_client()
    sign_in(client, clock)
    their_token = sign_in(other, clock)
    # When one session posts with the other's token
    response = client.post("/scenes/playlist", data={"csrf": their_token, "scene": "pulpotomy", "action": "hide"})
    # Then it is refused
    assert response.status_code == 403


def test_a_session_from_before_a_password_change_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    sign_in(client, clock)
    assert client.get("/").status_code == 200
    # Given a signed-in browser, when the password is changed on the kiosk
    path = store.paths.config_path
    path.write_text(set_value(path.read_text(), ("console", "password_hash"), hash_password("a-new-password")))
    # Then the old session cookie no longer opens any page
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_expires_when_left_alone(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    sign_in(client, clock)
    # When nobody uses it for more than an hour
    clock.advance(3601)
    # Then it is closed
    assert client.get("/").status_code == 302


def test_the_session_cookie_is_httponly_strict_and_expiring(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # When staff sign in
    cookie = client.post("/login", data={"password": PASSWORD}).headers["Set-Cookie"]
    # Then scripts cannot read the cookie, other sites cannot send it, and it expires
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Max-Age=" in cookie


def test_every_page_carries_the_security_headers(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # When any page is fetched (the login page here, before signing in)
    headers = client.get("/login").headers
    # Then nothing from elsewhere runs and no site can frame it
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def _sample_url(rule) -> str:  # type: ignore[no-untyped-def]
    values = {"scene_id": "pulpotomy", "step_id": "numb", "rel": "tooth/enamel.svg", "step": "numb",
              "audience": "kids", "lang": "en", "filename": "console.css"}
    url = rule.rule
    for arg in rule.arguments:
        url = url.replace(f"<{arg}>", values[arg]).replace(f"<path:{arg}>", values[arg])
    return url


def test_every_page_but_login_needs_a_session(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    checked = 0
    # Given no session, for every page and form the console has
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("login", "static"):
            continue
        url = _sample_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            # When it is asked for
            response = client.open(url, method=method)
            # Then a page sends the browser to the login, and a form is refused
            if method == "GET":
                assert response.status_code == 302 and "/login" in response.headers["Location"], url
            else:
                assert response.status_code == 401, (method, url)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("url", ["/art/../kiosk.yaml", "/art/%2e%2e/%2e%2e/kiosk.yaml", "/art/fonts/OFL.txt",
                                 "/picture/..%2fkiosk/x.png", "/voice/pulpotomy/../../../kiosk.yaml/kids/en",
                                 "/scenes/..%2f..%2fkiosk/handout.pdf"])
def test_no_address_reaches_a_file_outside_the_content(console, url: str) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    sign_in(client, clock)
    # When a path that climbs out of the content folders (or names a file no scene uses) is asked for
    response = client.get(url)
    # Then nothing is served
    assert response.status_code == 404
    assert b"password_hash" not in response.data


def test_a_picture_replacement_for_a_path_outside_the_art_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    # When the form names a file outside the art folder
    response = client.post("/pictures/replace", data={"csrf": csrf, "art": "../kiosk.yaml",
                                                      "photo": (io.BytesIO(_png()), "a.png")})
    # Then it is refused and nothing was written
    assert response.status_code == 404
    assert not (store.paths.art_dir / "photos").exists()


@pytest.mark.parametrize("rel", ["../kiosk.yaml", "scenes/../../x.yaml", "/etc/passwd", "art/../../x", "state/x",
                                 "scenes/.hidden.yaml", "voice/x.wav", "scenes\\..\\x"])
def test_the_store_refuses_paths_outside_the_content_folders(console, rel: str) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # When a content path climbs out or names another folder
    # Then it is refused before any file is touched
    with pytest.raises(ValueError):
        store.paths.resolve(rel)


def test_a_link_leading_out_of_the_art_folder_is_refused(console, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # Given a link inside art/ that points outside it
    (store.paths.art_dir / "outside").symlink_to(tmp_path)
    # When a write names a file through it
    # Then it is refused
    with pytest.raises(ValueError):
        store.paths.resolve("art/outside/evil.png")


def test_an_archive_with_a_path_outside_the_content_is_refused_whole(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("scenes/pulpotomy.yaml", "id: broken\n")
        zf.writestr("../escaped.txt", "x")
    before = (store.paths.scenes_dir / "pulpotomy.yaml").read_bytes()
    # When it is restored
    response = client.post("/backup/restore", data={"csrf": csrf, "archive": (io.BytesIO(archive.getvalue()), "b.zip")})
    # Then nothing is written, not even the files that were fine
    assert response.status_code == 422
    assert any("outside" in p for p in problems_on(response.get_data(as_text=True)))
    assert (store.paths.scenes_dir / "pulpotomy.yaml").read_bytes() == before
    assert not (store.paths.root.parent / "escaped.txt").exists()


def test_a_text_file_named_like_a_picture_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    # When an HTML file called photo.png is sent as a picture
    response = client.post("/pictures/replace", data={
        "csrf": csrf, "art": "characters/apple.svg",
        "photo": (io.BytesIO(b"<html><script>alert(1)</script></html>"), "photo.png", "image/png")})
    # Then its contents decide: refused, with why, beside the picture
    assert response.status_code == 422
    assert any("not a PNG, JPEG or WebP" in p for p in problems_on(response.get_data(as_text=True)))
    assert not (store.paths.art_dir / "photos").exists()


def test_a_picture_named_like_a_sound_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    step = store.library().scenes["pulpotomy"].steps[0].id
    # When a PNG called voice.wav is sent as a recording
    response = client.post("/voice/pulpotomy/save", data={"csrf": csrf, "step": step, "audience": "kids", "lang": "en",
                                                           "audio": (io.BytesIO(_png()), "voice.wav", "audio/wav")})
    # Then it is refused and no voice file was made
    assert response.status_code == 422
    assert any("not a WAV, Ogg or MP3" in p for p in problems_on(response.get_data(as_text=True)))
    voice = store.paths.scenes_dir / "voice"
    assert not [p for p in voice.rglob("*") if p.is_file() and "pulpotomy" in p.parts and p.suffix == ".wav"]


def test_an_oversized_picture_is_refused(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    big = _png() + b"\x00" * 10_500_000
    # When a picture over the 10 MB limit is sent
    response = client.post("/pictures/replace", data={"csrf": csrf, "art": "characters/apple.svg",
                                                      "photo": (io.BytesIO(big), "big.png")})
    # Then it is refused with the limit
    assert response.status_code == 422
    assert any("10 MB" in p for p in problems_on(response.get_data(as_text=True)))


def test_a_request_larger_than_any_upload_is_cut_off(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    app.config["MAX_CONTENT_LENGTH"] = 1_000_000   # the same rule as the real limit, at a size a test can send
    # When a request over the limit arrives
    response = client.post("/backup/restore", data={"csrf": csrf, "archive": (io.BytesIO(b"x" * 1_200_000), "b.zip")})
    # Then it is refused as too large before the console reads it
    assert response.status_code == 413


def test_a_form_sent_from_another_site_is_refused_even_with_a_token(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    before = store.paths.config_path.read_bytes()
    # When a form arrives whose browser says it came from another site
    response = client.post("/clinic", data={"csrf": csrf, "phone": "1"}, headers={"Origin": "http://evil.example"})
    # Then it is refused and nothing was written
    assert response.status_code == 403
    assert store.paths.config_path.read_bytes() == before


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "https://evil.example/"])
def test_signing_in_never_sends_the_browser_to_another_site(console, target: str) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    # When the login link asks to go elsewhere afterwards
    response = client.post("/login?next=" + target, data={"password": PASSWORD})
    # Then the browser goes to the console's own Status page
    assert response.headers["Location"] == "/"


def test_a_form_whose_browser_keeps_its_origin_private_is_judged_by_its_token(console) -> None:  # type: ignore[no-untyped-def]
    app, store, clock, client = console
    csrf = sign_in(client, clock)
    # When the console's own form arrives with "Origin: null" (a browser keeping the origin private)
    response = client.post("/scenes/playlist", data={"csrf": csrf, "scene": "pulpotomy", "action": "hide"},
                           headers={"Origin": "null"})
    # Then its valid token lets it through
    assert response.status_code == 302
    assert "pulpotomy" not in store.library().playlist
