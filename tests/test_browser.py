"""A real browser: JupyterLab runs a notebook and shows its charts; the slides work offline.

Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it). Without it
these tests are skipped, saying so in the test summary.
"""

import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"
SCREENSHOT = ROOT / "build" / "test-jupyterlab.png"  # for a person to look at after a run
# Without the networking flags Chromium keeps calling out to Google's services.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` (.ci/run does)",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield chromium
        chromium.close()


def _page(browser, allowed: str):
    """A page that may only reach URLs starting with ``allowed``; everything else is refused and recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.refused = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(allowed)
            else (page.refused.append(route.request.url), route.abort())
        ),
    )
    return page


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1, serving a copy of the notebooks so that autosave cannot touch the committed ones."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "notebooks" / "02_scope_and_horizon.ipynb", root)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("JupyterLab did not start within 60 s")
            time.sleep(0.3)
    yield base, token
    server.terminate()
    server.wait(timeout=20)


def test_jupyterlab_runs_a_notebook_and_shows_its_charts(browser, lab):
    base, token = lab
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page = _page(browser, base)
    page.goto(f"{base}/lab/tree/02_scope_and_horizon.ipynb?token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    charts = page.locator(".jp-Notebook .jp-OutputArea-output img")
    charts.first.wait_for()  # the committed outputs, shown on opening
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img').length === 0")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Every chart comes back only if every cell ran in this browser session.
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img').length === 2\n"
        "        && ![...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]"
        ".some(p => p.textContent.includes('*'))",
        timeout=120_000,
    )
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert charts.count() == 2
    assert all(charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 800") for i in range(2))
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert not [url for url in page.refused if "127.0.0.1" not in url]  # JupyterLab itself needs no network
    page.close()


@pytest.mark.skipif(not REVEAL.exists(), reason=f"reveal.js is not at {REVEAL}: `make test` fetches it")
def test_the_slides_work_offline(browser, tmp_path):
    from rolekit.seminar import export_handouts

    export_handouts(str(ROOT / "notebooks"), str(tmp_path), str(REVEAL))
    page = _page(browser, "file://")
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto((tmp_path / "seminar_deck.slides.html").as_uri() + "#/2")
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()", timeout=30_000)
    assert page.evaluate("Reveal.getTotalSlides()") >= 8
    chart = page.locator("section.present img")
    assert chart.count() == 1 and chart.evaluate("img => img.complete && img.naturalWidth > 800")
    assert page.refused == [] and errors == []
    page.close()
