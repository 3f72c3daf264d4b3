"""The handouts and the deck on paper: one PDF each, printed by headless Chromium.

:func:`print_pdfs` opens each handout that :func:`rolekit.seminar.export_handouts`
wrote, with every request for something not on the disk refused, and prints it
through Playwright: a handout on A4 or Letter, the deck through reveal.js's print
view (``?print-pdf``), one 16:9 page per slide. The PDFs are tagged, so headings and
the charts' alt text are in the document's structure for a screen reader, and carry
an outline of the headings. A table too wide for the paper wraps its headers, and if
need be its cells, anywhere; a slide, or a handout, whose content still does not fit
its page is named, since the PDF cuts it off there.

Needs Playwright (``pip install 'rolekit[pdf]'``) and a Chromium (Debian's is at
/usr/bin/chromium); Playwright's own browser download is not used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from .output import Output
from .reader import PathLike
from .validate import DataError, Problem

__all__ = ["CHROMIUM", "PAPERS", "Printed", "pdf_plan", "print_pdfs"]

CHROMIUM = Path("/usr/bin/chromium")
PAPERS = {"a4": "A4", "letter": "Letter"}  # the --paper names, and Playwright's
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
WAIT_MS = 60_000  # for any one page to load or print: a handout takes 1-3 s
_RUN_FIRST = "run `make run` (or `rolekit build`) first, which writes the handouts"

# How far content reaches past the right and bottom edges of each element matching the selector, in CSS pixels:
# each slide's page in the deck's print view, or a handout's page, laid out at the width it prints at.
_OVERFLOW = """selector => [...document.querySelectorAll(selector)].map(page => {
  const box = page.getBoundingClientRect();
  let right = box.right, bottom = box.bottom;
  for (const element of page.querySelectorAll('*')) {
    const r = element.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) { right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom); }
  }
  return [Math.round(right - box.right), Math.round(bottom - box.bottom)];
})"""
# A table wider than the page (on screen it would scroll) may wrap its headers anywhere, column names having no
# spaces to wrap at, then, if that is not enough, its cells; a table that fits is left as it is.
_FIT_TABLES = """() => {
  const width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('table'))
    for (const cells of ['th', 'td'])
      if (table.getBoundingClientRect().right > width)
        table.querySelectorAll(cells).forEach(cell => { cell.style.overflowWrap = 'anywhere'; });
}"""
# A handout's page: the paper's width, less a margin rolekit sets (over nbconvert's), so that it knows the width
# the handout must fit.
_PAPER_WIDTH_MM = {"A4": 210.0, "Letter": 215.9}
_MARGIN_MM = 15


class Printed(NamedTuple):
    """What :func:`print_pdfs` did: the PDFs written, and each slide or handout that its page cuts off."""

    written: list[Path]
    problems: list[Problem]


def pdf_plan(handouts: PathLike, out: PathLike) -> tuple[list[Path], Output]:
    """The handouts :func:`print_pdfs` will print, in teaching order, and the folder for their PDFs, checked.

    >>> import tempfile
    >>> pdf_plan(tempfile.mkdtemp(), tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rolekit.validate.DataError: ...: holds no handouts: run `make run` (or `rolekit build`) first, ...
    """
    from .seminar import handout_name, notebooks  # here: the command line reads PAPERS without loading the runner

    folder = Path(handouts).expanduser()
    sources = [folder / handout_name(nb) for nb in notebooks() if (folder / handout_name(nb)).is_file()]
    if not sources:
        raise DataError([Problem(str(folder), None, None, f"holds no handouts: {_RUN_FIRST}")])
    return sources, Output(out, [_pdf_name(s) for s in sources])


def _pdf_name(handout: Path) -> str:
    return handout.name.removesuffix(".html").removesuffix(".slides") + ".pdf"


def print_pdfs(
    handouts: PathLike = "build/handouts",
    out: PathLike = "build/pdf",
    paper: str = "a4",
    chromium: PathLike = CHROMIUM,
) -> Printed:
    """Print every handout in ``handouts`` to ``out`` as PDF: the notebooks on ``paper`` (a4 or letter), the deck 16:9.

    Everything is checked before the browser starts: the paper, the handouts, the
    output folder (never a file rolekit did not make), Chromium and Playwright.
    """
    if paper.lower() not in PAPERS:
        raise DataError(
            [Problem("paper", None, None, f"{paper!r} is not a paper size rolekit prints on; allowed: a4, letter")]
        )
    sources, folder = pdf_plan(handouts, out)
    browser_path = Path(chromium).expanduser()
    if not browser_path.is_file():
        raise DataError(
            [
                Problem(
                    str(browser_path),
                    None,
                    None,
                    "no Chromium here, and the PDFs are printed by headless Chromium: install it "
                    "(Debian, Ubuntu: apt-get install chromium) or give its path with --chromium",
                )
            ]
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise DataError(
            [Problem("rolekit pdf", None, None, "needs Playwright: pip install 'rolekit[pdf]' (make pdf installs it)")]
        ) from None
    written, problems = [], []
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=str(browser_path), headless=True, args=FLAGS, timeout=WAIT_MS)
        except Error as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise DataError([Problem(str(browser_path), None, None, f"could not be started: {first}")]) from None
        try:
            for source in sources:
                try:
                    data, cut = _print(browser, source, PAPERS[paper.lower()])
                except Error as err:
                    first = str(err).strip().splitlines()[0]
                    raise DataError([Problem(str(source), None, None, f"could not be printed: {first}")]) from None
                written.append(folder.write_bytes(_pdf_name(source), data))
                problems += [Problem(str(written[-1]), None, None, message) for message in cut]
        finally:
            browser.close()
    return Printed(written, problems)


def _print(browser: Any, source: Path, paper: str) -> tuple[bytes, list[str]]:
    """One handout as PDF bytes, every request off the disk refused, and a sentence for each part its pages cut off."""
    from .seminar import DECK, handout_name

    page = browser.new_page()
    try:
        page.set_default_timeout(WAIT_MS)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        options: dict[str, Any] = {"tagged": True, "outline": True, "print_background": True}
        if source.name == handout_name(Path(DECK)):
            page.goto(source.resolve().as_uri() + "?print-pdf")
            # Laid out for print, and every slide unhidden (the template does it), so that all are tagged.
            page.wait_for_function(
                "() => document.querySelector('.pdf-page')"
                " && !document.querySelector('.reveal .slides section[hidden]')"
            )
            options["prefer_css_page_size"] = True  # reveal's page: the slide's 1280 x 720
            cut = [
                f"slide {n}'s content reaches {right} px past the page's right edge and {bottom} px past its bottom, "
                "and is cut off there"
                for n, (right, bottom) in enumerate(page.evaluate(_OVERFLOW, ".reveal .slides .pdf-page"), start=1)
                if right > 1 or bottom > 1
            ]
        else:
            width = round((_PAPER_WIDTH_MM[paper] - 2 * _MARGIN_MM) / 25.4 * 96)  # CSS pixels, 96 to the inch
            page.set_viewport_size({"width": width, "height": 1000})
            page.emulate_media(media="print")
            page.goto(source.resolve().as_uri())
            page.add_style_tag(content=f"@page {{ margin: {_MARGIN_MM}mm; }}")  # CSS margins win over page.pdf's
            options["format"] = paper
            page.evaluate(_FIT_TABLES)
            right = page.evaluate(_OVERFLOW, "html")[0][0]
            cut = [f"its content reaches {right} px past the {paper} page's right edge, and is cut off there"]
            cut = cut if right > 1 else []
        return page.pdf(**options), cut
    finally:
        page.close()
