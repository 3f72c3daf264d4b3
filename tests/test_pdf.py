"""rolekit pdf: tagged PDFs of every handout and of the deck, printed by headless Chromium.

The tests that print need Debian's Chromium at /usr/bin/chromium (`.ci/run` installs
it) and reveal.js (`make test` fetches it); without them they are skipped, saying so.
The checks made before any browser starts run everywhere.
"""

import html
import re
import shutil
from pathlib import Path

import pytest

from rolekit.cli import main
from rolekit.pdf import CHROMIUM, pdf_plan, print_pdfs
from rolekit.seminar import export_handouts, notebooks
from rolekit.validate import DataError

ROOT = Path(__file__).resolve().parents[1]
REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"
A4, LETTER, SLIDE = (596, 843), (612, 792), (960, 540)  # in whole points; a slide is 1280 x 720 CSS pixels

_MISSING = (
    f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` (.ci/run does)"
    if not CHROMIUM.exists()
    else f"reveal.js is not at {REVEAL}: `make test` fetches it"
    if not REVEAL.exists()
    else None
)


def needs_a_browser(test):
    """A test that prints with Chromium: marked ``browser``, and skipped, saying why, without Chromium or reveal.js."""
    return pytest.mark.browser(pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")(test))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The committed notebooks as handouts, then every handout printed on A4."""
    handouts = tmp_path_factory.mktemp("handouts")
    export_handouts(ROOT / "notebooks", handouts, REVEAL)
    return handouts, print_pdfs(handouts, handouts.parent / "pdf")


def _pdf(path):
    from pypdf import PdfReader

    return PdfReader(path)


def _size(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def _structure(reader) -> list[tuple[str, str | None]]:
    """Every element of the PDF's structure tree, in reading order: its type (``/H1``, ``/Figure``...) and alt text."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, list):
            todo += reversed(node)
        elif hasattr(node, "keys"):
            if "/S" in node:
                found.append((str(node["/S"]), node.get("/Alt")))
            if "/K" in node:
                todo.append(node["/K"])
    return found


def _outline(items) -> list[str]:
    return [t for item in items for t in (_outline(item) if isinstance(item, list) else [item["/Title"]])]


def _words(text: str) -> str:
    """Text compared without spaces or case: a PDF outline loses the space where a heading wraps, CSS capitalises."""
    return re.sub(r"\s+", "", text).casefold()


def _headings(page: str) -> list[str]:
    found = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, re.S)
    return [_words(html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "")) for h in found]


def _alt_texts(page: str) -> list[str]:
    return [html.unescape(alt) for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page)]


@needs_a_browser
def test_every_handout_and_the_deck_become_pdfs_that_rolekit_owns(printed):
    handouts, (written, problems) = printed
    assert [p.name for p in written] == [f"{nb.stem}.pdf" for nb in notebooks()]
    assert problems == []  # no slide of the bundled deck is cut off
    manifest = (written[0].parent / ".rolekit-manifest.json").read_text()
    assert all(f'"{p.name}"' in manifest for p in written)
    # Printed again into the same folder: rolekit's own files are replaced, nothing refused.
    assert pdf_plan(handouts, written[0].parent)[1].owns(written[0].name)


@needs_a_browser
def test_handouts_are_a4_tagged_with_their_headings_and_every_charts_alt_text(printed):
    handouts, (written, _) = printed
    for pdf in written[:-1]:
        page = (handouts / f"{pdf.stem}.html").read_text()
        reader = _pdf(pdf)
        assert 1 <= len(reader.pages) <= 15, pdf.name
        assert all(_size(p) == A4 for p in reader.pages), pdf.name
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and reader.trailer["/Root"]["/Lang"] == "en"
        structure = _structure(reader)
        headings = [t for t, _ in structure if re.fullmatch(r"/H[1-6]", t)]
        assert headings[0] == "/H1" and len(headings) == len(_headings(page)) >= 3, pdf.name
        assert [alt for t, alt in structure if t == "/Figure"] == _alt_texts(page), pdf.name
        assert [_words(t) for t in _outline(reader.outline)] == _headings(page), pdf.name


@needs_a_browser
def test_the_deck_prints_one_16_9_page_per_slide_every_slide_tagged(printed):
    handouts, (written, _) = printed
    deck = written[-1]
    page = (handouts / "seminar_deck.slides.html").read_text()
    slides = len(re.findall(r"<section>\s*<section>", page))  # nbconvert: each slide a stack of one
    reader = _pdf(deck)
    assert slides >= 8 and len(reader.pages) == slides
    assert all(_size(p) == SLIDE for p in reader.pages)
    structure = _structure(reader)
    # reveal hides all but the current slide from assistive technology; printed, every slide must be in the tags.
    assert [alt for t, alt in structure if t == "/Figure"] == _alt_texts(page) and len(_alt_texts(page)) >= 5
    assert [_words(t) for t in _outline(reader.outline)] == _headings(page)


@needs_a_browser
def test_a_slide_that_does_not_fit_its_page_is_named(printed, tmp_path):
    handouts, _ = printed
    folder = tmp_path / "handouts"
    shutil.copytree(handouts / "reveal.js", folder / "reveal.js")
    parts = (handouts / "seminar_deck.slides.html").read_text().split("<section>")
    parts[4] = '<div style="width: 1500px; height: 800px; background: #ccc"></div>' + parts[4]  # slide 2's content
    (folder / "seminar_deck.slides.html").write_text("<section>".join(parts))
    written, problems = print_pdfs(folder, tmp_path / "pdf")
    assert [p.name for p in written] == ["seminar_deck.pdf"] and len(_pdf(written[0]).pages) == len(parts) // 2
    assert [(p.file, p.message.split(" reaches")[0]) for p in problems] == [(str(written[0]), "slide 2's content")]
    assert re.search(r"reaches \d+ px past the page's right edge and \d+ px past its bottom", problems[0].message)


@needs_a_browser
def test_a_handout_too_wide_for_its_paper_is_named_and_a_wide_table_is_not(printed, tmp_path):
    handouts, _ = printed
    page = (handouts / "02_scope_and_horizon.html").read_text()
    columns = "".join(f"<th>column_name_{i}</th>" for i in range(12))
    cells = "".join(f"<td>cell {i} of a wide table</td>" for i in range(12))
    table = f'<div class="jp-RenderedHTMLCommon"><table><tr>{columns}</tr><tr>{cells}</tr></table></div>'
    (tmp_path / "02_scope_and_horizon.html").write_text(page.replace("<main>", f"<main>{table}", 1))
    assert print_pdfs(tmp_path, tmp_path / "fits").problems == []  # the table wraps to the page's width
    wide = '<div style="width: 1000px; height: 20px"></div>'
    (tmp_path / "02_scope_and_horizon.html").write_text(page.replace("<main>", f"<main>{wide}", 1))
    written, problems = print_pdfs(tmp_path, tmp_path / "pdf", paper="letter")
    assert len(problems) == 1 and problems[0].file == str(written[0])
    assert re.fullmatch(
        r"its content reaches \d+ px past the Letter page's right edge, and is cut off there", problems[0].message
    )


@needs_a_browser
def test_handouts_print_on_letter_when_asked(printed, tmp_path):
    handouts, _ = printed
    shutil.copy(handouts / "02_scope_and_horizon.html", tmp_path)
    assert main(["pdf", "--handouts", str(tmp_path), "--out", str(tmp_path / "pdf"), "--paper", "Letter"]) == 0
    reader = _pdf(tmp_path / "pdf" / "02_scope_and_horizon.pdf")
    assert {_size(p) for p in reader.pages} == {LETTER}


def test_without_handouts_it_says_to_build_them_first(tmp_path, capsys):
    assert main(["pdf", "--handouts", str(tmp_path / "build" / "handouts"), "--out", str(tmp_path / "pdf")]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{tmp_path / 'build' / 'handouts'}: holds no handouts: "
        "run `make run` (or `rolekit build`) first, which writes the handouts\n"
    )
    assert not (tmp_path / "pdf").exists()


def test_without_chromium_it_says_so_in_one_line(tmp_path, capsys):
    (tmp_path / "01_the_data.html").write_text("<!DOCTYPE html><title>x</title>")
    args = ["pdf", "--handouts", str(tmp_path), "--out", str(tmp_path / "pdf"), "--chromium", str(tmp_path / "none")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{tmp_path / 'none'}: no Chromium here") and "apt-get install chromium" in err
    assert not (tmp_path / "pdf").exists()


def test_it_never_overwrites_a_pdf_rolekit_did_not_make(tmp_path):
    (tmp_path / "seminar_deck.slides.html").write_text("<!DOCTYPE html><title>x</title>")
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "seminar_deck.pdf").write_text("my own notes")
    with pytest.raises(DataError, match=r"seminar_deck\.pdf: exists and was not made by rolekit"):
        print_pdfs(tmp_path, tmp_path / "pdf", chromium=tmp_path / "none")
    assert (tmp_path / "pdf" / "seminar_deck.pdf").read_text() == "my own notes"


def test_only_a4_and_letter_are_paper_sizes(tmp_path):
    with pytest.raises(DataError, match="'A3' is not a paper size rolekit prints on; allowed: a4, letter"):
        print_pdfs(tmp_path, tmp_path / "pdf", paper="A3")
