"""Issue 19 in a real browser: Playwright drives Debian's Chromium at 390x844 through the room's address.

A phone joins, taps answers, presses Save, reloads and finds its answers; the same with
JavaScript off; the facilitator's page then shows the count. Screenshots of both pages,
phone-sized and at 1280x720, are left in build/room-*.png for a person to look at. Needs
/usr/bin/chromium (skipped, saying so, without it).
"""

import time
from pathlib import Path

import pandas as pd
import pytest
from room_fixtures import exercise
from room_server import Server, close

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` (.ci/run does)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = exercise(tmp_path_factory.mktemp("room") / "ex")
    with Server(str(folder), "--host", "127.0.0.1", "--port", "0") as running:
        running.key = pd.read_csv(folder / "key" / "answer_key.csv", dtype=str)
        yield running


def _page(browser, server, width, height, javascript=True):
    """A page that may reach only the room's server; everything else is refused and recorded."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=javascript, device_scale_factor=1
    )
    page = context.new_page()
    page.refused, page.problems = [], []
    own = f"http://{server.host}:{server.port}/"
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(own)
            else (page.refused.append(route.request.url), route.abort())
        ),
    )
    page.on("console", lambda m: page.problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def _tap(page, field, value):
    page.locator(f'input[name="{field}"][value="{value}"] + label').click()


def test_a_phone_joins_answers_saves_reloads_and_finds_its_answers(browser, server):
    page = _page(browser, server, 390, 844)
    page.goto(server.join)
    page.fill("#name", "Ana <b>")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "room-join-phone.png"))
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#answers")
    assert "Each tap is saved at once" in page.inner_text("#intro")  # the page's script saves each tap
    key = server.key.set_index("item")
    for item in ("Q01", "Q02", "Q03"):
        for d in ("role", "scope", "horizon"):
            _tap(page, f"{item}-{d}", key.loc[item, d])
    page.locator("#status", has_text="Saved: 3 of 16 answered").wait_for(timeout=15_000)  # saved by each tap
    _tap(page, "Q04-scope", "internal")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    page.reload()
    page.wait_for_selector("#answers")
    for item in ("Q01", "Q02", "Q03"):
        for d in ("role", "scope", "horizon"):
            assert page.locator(f'input[name="{item}-{d}"][value="{key.loc[item, d]}"]').is_checked()
    assert page.locator('input[name="Q04-scope"][value="internal"]').is_checked()
    assert "You are Ana <b>." in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "room-answers-phone.png"))
    assert not page.refused and not page.problems  # nothing from elsewhere, nothing the policy blocked
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.choices label, button')].map(e => {
            const r = e.getBoundingClientRect();
            return [r.width, r.height, parseFloat(getComputedStyle(e).fontSize)]; })"""
    )
    assert all(w >= 44 and h >= 44 and f >= 16 for w, h, f in sizes)  # tap targets and text for a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side


def test_the_page_works_with_javascript_off(browser, server):
    page = _page(browser, server, 360, 740, javascript=False)
    page.goto(server.join)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#answers")
    assert "then tap Save to keep them" in page.inner_text("#intro")  # not "each tap is saved": taps alone are not
    _tap(page, "Q05-role", server.key.set_index("item").loc["Q05", "role"])
    _tap(page, "Q05-horizon", "daily")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Saved: 0 of 16 answered (1 in part)." in page.inner_text("#status")
    page.reload()
    assert page.locator('input[name="Q05-horizon"][value="daily"]').is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_facilitators_page_shows_the_count_at_1280x720(browser, server):
    page = _page(browser, server, 1280, 720)
    page.goto(server.facilitator)
    assert page.url.endswith("/facilitator")  # the secret left the address bar
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and page.inner_text('[data-live="answers"]') != "12":
        time.sleep(0.5)  # the page's script updates it every 2 seconds
    assert page.inner_text('[data-live="joined"]') == "2"
    assert page.inner_text('[data-live="answers"]') == "12"  # 9 tapped, 1 saved, 2 without JavaScript
    assert "Ana" not in page.inner_text("body")  # no name on the projected page
    assert page.locator("svg.segno").is_visible() and server.join in page.inner_text(".address")
    page.screenshot(path=str(SHOTS / "room-facilitator-1280.png"))
    assert not page.refused and not page.problems
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.evaluate("document.documentElement.scrollHeight") <= 720  # the projected page fits the screen
    phone = _page(browser, server, 390, 844)
    phone.goto(server.facilitator)
    phone.screenshot(path=str(SHOTS / "room-facilitator-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # a facilitator checking from a phone
    wide = _page(browser, server, 1280, 720)
    wide.goto(server.join)
    wide.get_by_role("button", name="Join").click()
    wide.wait_for_selector("#answers")
    wide.screenshot(path=str(SHOTS / "room-answers-1280.png"))


def test_a_tap_the_room_refuses_as_too_fast_says_so_not_that_the_connection_dropped(browser, server):
    page = _page(browser, server, 390, 844)
    page.goto(server.join)
    page.fill("#name", "Tapper")
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#answers")
    page.route(  # the room's rate limit, as it answers an answer: plain text, 429
        "**/j/**",
        lambda route: (
            route.fulfill(status=429, body="Slow down", headers={"retry-after": "1"})
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    _tap(page, "Q01-scope", "internal")
    page.locator("#status", has_text="too many taps at once").wait_for(timeout=15_000)
    assert "connection dropped" not in page.inner_text("#status")


def test_a_participant_rejoins_from_another_browser_with_the_code_their_page_shows(browser, server):
    first = _page(browser, server, 360, 740)
    first.goto(server.join)
    first.fill("#name", "Cleo")
    first.get_by_role("button", name="Join").click()
    first.wait_for_selector("#answers")
    _tap(first, "Q06-scope", "external")
    first.locator("#status", has_text="1 in part").wait_for(timeout=15_000)
    code = first.locator("p.note b").inner_text()
    assert len(code) == 7 and "".join(code.split()).isdigit()  # two groups of three, kept on one line
    other = _page(browser, server, 360, 740)  # another browser: no cookie
    other.goto(server.join)
    other.fill("#name", "cleo")
    other.get_by_role("button", name="Join").click()
    other.locator("#code").wait_for()
    assert "type the rejoin code your first page shows" in other.inner_text("main")
    SHOTS.mkdir(exist_ok=True)
    other.screenshot(path=str(SHOTS / "room-rejoin-phone.png"))
    assert other.evaluate("document.documentElement.scrollWidth") <= 360
    assert other.evaluate("parseFloat(getComputedStyle(document.querySelector('#code')).fontSize)") >= 16
    other.fill("#code", code)
    other.get_by_role("button", name="Join").click()
    other.wait_for_selector("#answers")
    assert "You are Cleo." in other.inner_text("main")
    assert other.locator('input[name="Q06-scope"][value="external"]').is_checked()
    assert not first.problems and all("status of 400" in p for p in other.problems)  # the page saying the name is taken


def test_a_long_unbroken_name_or_joined_emoji_fit_a_phone(browser, server):
    for name in ("W" * 40, "👨\u200d👩\u200d👧\u200d👦" * 6):  # six family emoji: six characters on a phone
        page = _page(browser, server, 360, 740, javascript=False)
        page.goto(server.join)
        page.fill("#name", name)
        page.get_by_role("button", name="Join").click()
        page.wait_for_selector("#answers")
        assert f"You are {name}." in page.inner_text("main")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "room-long-name-phone.png"))


def test_a_tap_after_close_shows_the_saved_answers_not_the_tapped_one(browser, server):
    # Last in this file: it closes the round the module's server holds.
    page = _page(browser, server, 360, 740)
    page.goto(server.join)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#answers")
    _tap(page, "Q02-scope", "internal")
    page.locator("#status", has_text="1 in part").wait_for(timeout=15_000)
    close(server)
    _tap(page, "Q02-scope", "external")  # the phone does not know yet
    page.get_by_text("The round is closed: these are your answers as saved.").wait_for(timeout=15_000)
    assert page.locator('input[name="Q02-scope"][value="internal"]').is_checked()
    assert not page.locator('input[name="Q02-scope"][value="external"]').is_checked()
    assert [p for p in page.problems if "status of 409" not in p] == [] and page.refused == []  # 409: the refusal
