"""A real browser: JupyterLab runs a notebook and shows its charts; the slides work offline; every page passes axe.

Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it). Without it
these tests are skipped, saying so in the test summary. reveal.js and axe-core are
fetched at set-up (`make test`), never here.
"""

import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from rolekit.seminar import notebooks

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"
AXE = ROOT / ".venv" / "share" / "axe-core-4.14.1" / "axe.min.js"
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
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
    started = """() => [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]
        .some(p => /[*0-9]/.test(p.textContent))"""
    for attempt in range(3):  # on a busy machine a click in the menus is now and then lost: at most three tries
        if attempt:
            page.keyboard.press("Escape")  # a menu left open
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.wait_for_function(started, timeout=20_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    # Every chart comes back only if every cell ran in this browser session.
    try:
        page.wait_for_function(
            """() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output img').length === 2
            && ![...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]
                .some(p => p.textContent.includes('*'))""",
            timeout=120_000,
        )
    finally:  # also when it times out: what the page showed
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


def test_a_table_too_long_for_its_slide_is_set_smaller_until_its_last_row_shows(browser, tmp_path):
    """Seven roles of 33 to 38 characters by seven sources, as slide 2 showed a team's evidence: its total row shows."""
    import nbformat

    import rolekit
    from rolekit.display import table
    from rolekit.seminar import DECK, handout_body

    names = [
        "Group Chief Executive and Board Member",
        "Vice President of Global Operations",
        "Director of Marketing & Communications",
        "Head of People, Culture and Learning",
        "Chief Technology and Data Officer",
        "Director of Strategy and Partnerships",
        "Head of Legal and Regulatory Affairs",
    ]
    sources = [
        "Exec handbook",
        "Ops charter",
        "Marketing plan",
        "HR charter",
        "Tech roadmap",
        "Strategy memo",
        "Legal charter",
    ]
    df = pd.DataFrame({"role": names * 3, "scope": "internal", "horizon": "daily", "responsibility": "x"})
    df["source"] = [sources[k % 7] for k in range(len(df))]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## The evidence, role by role", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell(
            "rolekit.show(rolekit.evidence, df)", outputs=[nbformat.v4.new_output("display_data")]
        ),
    ]
    nb.cells[1].outputs[0].data = {"text/html": table(rolekit.evidence(df))._repr_html_()}
    executed = tmp_path / DECK
    nbformat.write(nb, executed)
    (tmp_path / "deck.slides.html").write_text(handout_body(executed, DECK))
    (tmp_path / "reveal.js").symlink_to(REVEAL)
    page = _page(browser, "file://")
    page.set_viewport_size({"width": 1280, "height": 720})  # the projector's: the slide drawn at its own size
    page.goto((tmp_path / "deck.slides.html").as_uri())
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()", timeout=30_000)
    size, last = page.evaluate(
        """() => { const t = document.querySelector('section.present table'), r = t.rows[t.rows.length - 1];
                   return [parseFloat(getComputedStyle(t).fontSize), r.getBoundingClientRect().bottom]; }"""
    )
    assert 16 <= size < 24 and last <= 720, (size, last)  # at 24 px, the slides' size for tables, it is 736 px tall
    page.close()


# axe-core's WCAG 2.1 A and AA rules, and its best practices, which hold the rules an empty table header
# (empty-table-header) and a page without a main landmark (landmark-one-main, region) break.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# resultTypes: every violation in full; of the rules passed, one node each (axe's advice for speed: it then
# computes no selectors for the thousands of nodes that pass).
AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {passed: result.passes.length,
          violations: result.violations.map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].html.slice(0, 160)}`)};
}"""
# A team's table written from scratch: four roles, one name of 40 characters, no id or source column.
TEAM = """role,responsibility,scope,horizon,theme
CEO,Sets the direction for the next five years,internal,long-term,strategy
CEO,Speaks for the company to investors,external,long-term,stakeholders
CEO,Chairs the weekly leadership meeting,internal,daily,governance
CEO,Meets the largest customers each quarter,external,daily,stakeholders
COO,Runs the weekly operations review,internal,daily,operations
COO,Plans next year's capacity,internal,long-term,strategy
COO,Negotiates with the main suppliers,external,daily,operations
COO,Builds the five-year operations roadmap,internal,long-term,operations
CFO,Closes the monthly accounts,internal,daily,finance
CFO,Negotiates the credit line with the bank,external,long-term,finance
CFO,Sets the yearly budget,internal,long-term,finance
CFO,Answers the auditors' questions,external,daily,governance
Head of Customer Operations and Logistics,Handles escalated customer complaints,external,daily,operations
Head of Customer Operations and Logistics,Redesigns the delivery network,internal,long-term,operations
Head of Customer Operations and Logistics,Schedules the warehouse shifts,internal,daily,people
Head of Customer Operations and Logistics,Chooses the carriers for next year,external,long-term,operations
"""
PAGES = [p.stem for p in notebooks()] + ["worksheet", "worksheet, four roles", "report", "report, four roles"]


def _returned_sheets(folder: Path) -> Path:
    """The sheets in ``folder``/sheets filled in: with the key's answers, but the second person picks another role."""
    key = pd.read_csv(folder / "key" / "answer_key.csv", dtype=str)
    roles = sorted(set(key["role"]))
    for n, sheet in enumerate(sorted((folder / "sheets").glob("*.csv"))):
        table = pd.read_csv(sheet, dtype=str, keep_default_na=False)
        table.iloc[:, 0] = f"Participant {n + 1}"
        table.iloc[:, 3:6] = key[["role", "scope", "horizon"]].to_numpy()
        if n == 1:
            table.iloc[0, 3] = next(r for r in roles if r != key.loc[0, "role"])
        table.to_csv(sheet, index=False)
    return folder / "sheets"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Every page rolekit makes for people: the handouts and slides, worksheets and score reports."""
    from rolekit.cli import main
    from rolekit.datasets import SYNTHETIC_CLASS, SYNTHETIC_KEY
    from rolekit.seminar import export_handouts

    root = tmp_path_factory.mktemp("pages")
    export_handouts(str(ROOT / "notebooks"), str(root / "handouts"), str(REVEAL))
    (root / "team.csv").write_text(TEAM)
    made = [
        ["worksheet", "--n", "12", "--participants", "2", "--out", str(root / "bundled")],
        ["worksheet", "--n", "8", "--participants", "3", "--data", str(root / "team.csv"), "--out", str(root / "team")],
        ["score", str(SYNTHETIC_CLASS), "--key", str(SYNTHETIC_KEY), "--out", str(root / "bundled" / "results")],
    ]
    assert [main(args) for args in made] == [0, 0, 0]
    assert main(["score", str(_returned_sheets(root / "team")), "--out", str(root / "team" / "results")]) == 0
    return {
        **{
            p.stem: root / "handouts" / (f"{p.stem}.slides.html" if p.stem == "seminar_deck" else f"{p.stem}.html")
            for p in notebooks()
        },
        "worksheet": root / "bundled" / "worksheet.html",
        "worksheet, four roles": root / "team" / "worksheet.html",
        "report": root / "bundled" / "results" / "report.html",
        "report, four roles": root / "team" / "results" / "report.html",
    }


@pytest.mark.skipif(not REVEAL.exists(), reason=f"reveal.js is not at {REVEAL}: `make test` fetches it")
@pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not at {AXE}: `make test` fetches it")
@pytest.mark.parametrize("name", PAGES)
def test_every_page_for_people_passes_axe(browser, pages, name):
    page = _page(browser, "file://")
    page.set_default_timeout(30_000)
    page.goto(pages[name].as_uri())
    page.add_script_tag(path=str(AXE))
    if name == "seminar_deck":  # each slide in turn, as the room sees it, with no transition half-way
        page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
        page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
        slides = page.evaluate("Reveal.getSlides().map(slide => Reveal.getIndices(slide))")
        assert len(slides) >= 8
        results = []
        for where in slides:
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [where["h"], where["v"]])
            results.append(page.evaluate(AXE_RUN, AXE_TAGS))
    else:
        results = [page.evaluate(AXE_RUN, AXE_TAGS)]
    assert all(r["passed"] >= 10 for r in results)  # axe ran its rules: a check, not a blank
    assert [(n, v) for n, r in enumerate(results, start=1) for v in r["violations"]] == []
    assert page.refused == []
    page.close()


@pytest.mark.parametrize("name", ["report", "report, four roles"])
def test_a_score_report_fits_a_phone(browser, pages, name):
    page = _page(browser, "file://")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(pages[name].as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
