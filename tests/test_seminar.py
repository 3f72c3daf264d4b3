"""The seminar runner (rolekit.seminar): the series run on any table (a bad one stopped before any notebook
runs), never over what it did not make; handouts and slides planned and checked before anything is written, with
the prose and charts but no code, fetching nothing from the web."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, SERIES, code_cells

import rolekit
from rolekit.cli import main
from rolekit.seminar import (
    DECK,
    export_handouts,
    handout_body,
    handout_plan,
    lab_note,
    notebooks,
    refresh_lab,
    run_series,
)

FOUR_ROLES = """role,responsibility,scope,horizon,theme
CEO,Chairs the leadership meeting,internal,daily,people
CEO,Presents results to investors,external,daily,stakeholders
CEO,Sets the five-year plan,internal,long-term,strategy
COO,Runs the weekly operations review,internal,daily,operations
COO,Plans next year's capacity,internal,long-term,strategy
CFO,Closes the monthly accounts,internal,daily,finance
CFO,Negotiates the credit line with the bank,external,long-term,finance
Chief of Staff,Prepares the CEO's board papers,internal,daily,governance
Chief of Staff,Tracks the strategic initiatives,internal,long-term,strategy
"""


@pytest.fixture(scope="module")
def four_role_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("four_roles")
    data = folder / "team.csv"
    data.write_text(FOUR_ROLES)
    return run_series(str(data), str(folder / "out")), data


@pytest.mark.series
def test_the_series_runs_on_a_four_role_table_without_sources(four_role_run):
    written, data = four_role_run
    assert [Path(p).name for p in written] == [p.name for p in notebooks()]
    for path in written:
        nb = nbformat.read(path, as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and str(data.resolve()) in injected[0].source
        outputs = [o for c in code_cells(nb) for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], path
    sources = nbformat.read(written[4], as_version=4)  # 05: needs the source column
    notes = [
        o.data["text/markdown"]
        for c in code_cells(sources)
        if "load_tensions" not in c.source  # the articles' own tensions are shown on any table
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    ]
    # as a reader sees them: show's notes set the column in code, the takeaways' plain sentences quote it
    assert len(notes) == 5 and all(
        re.search(r'this table has no (`source`|"source") column', n.lower()) and "\\`" not in n for n in notes
    )
    overlaps = json.dumps(nbformat.read(written[2], as_version=4).dict())
    assert "Chief of Staff" in overlaps and "CFO" in overlaps


@pytest.mark.series
def test_takeaways_of_a_four_role_run_are_that_tables_findings(four_role_run):
    written, data = four_role_run
    df = rolekit.load_responsibilities(data)
    for path in written:
        nb = nbformat.read(path, as_version=4)
        for cell in code_cells(nb):
            match = re.search(r'rolekit\.takeaways, df, topic="(\w+)"(?:, themes=(\[[^\]]*\]))?', cell.source)
            if match:
                shown = [o.data["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {})]
                themes = eval(match[2]) if match[2] else None
                assert shown == [rolekit.takeaways(df, match[1], themes=themes)], (path, cell.source)
        start = next(
            (i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Takeaways" in c.source),
            len(nb.cells),
        )
        takeaways = [
            c.source
            for c in nb.cells[start:]
            if c.cell_type == "markdown" and "About the four articles" not in c.source
        ]
        assert not any("bundled table" in t for t in takeaways), (
            path
        )  # no hand-written takeaway about the bundled table


def test_a_bad_table_stops_before_any_notebook_runs(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("role,responsibility,scope,horizon\nCEO,x,inside,daily\n")
    with pytest.raises(rolekit.DataError, match="column 'scope': 'inside' is not allowed"):
        run_series(str(bad), str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_the_runner_never_overwrites_what_it_did_not_make(tmp_path):
    (tmp_path / "03_overlaps.ipynb").write_text("{}")
    with pytest.raises(rolekit.DataError, match=r"03_overlaps\.ipynb: exists and was not made by rolekit"):
        run_series(out=str(tmp_path))
    with pytest.raises(rolekit.DataError, match="is the notebooks' own folder"):
        run_series(out=str(ROOT / "notebooks"))
    assert (tmp_path / "03_overlaps.ipynb").read_text() == "{}"


REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js")


def _reveal(folder: Path) -> Path:
    """A stand-in for reveal.js 4 in ``folder``: its layout, not its code; the browser test uses the real one."""
    for part in REVEAL_FILES:
        (folder / part).parent.mkdir(parents=True, exist_ok=True)
        (folder / part).write_text("/* stand-in */")
    return folder


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    reveal = _reveal(tmp_path_factory.mktemp("reveal"))
    out = tmp_path_factory.mktemp("handouts")
    return export_handouts(str(ROOT / "notebooks"), str(out), str(reveal)), out


@pytest.mark.series
def test_the_deck_on_a_table_opens_with_its_roles_and_has_no_empty_slide(four_role_run):
    written, data = four_role_run
    deck = handout_body(next(Path(p) for p in written if Path(p).name == DECK))
    slides = re.split(r"<section>\s*<section>", deck)[1:]
    assert len(slides) >= 8 and all(re.search(r"<(h[1-6]|p|img|table|li)\b", s) for s in slides)
    title = rolekit.roles_title(rolekit.load_responsibilities(data)).splitlines()[0].removeprefix("# ")
    assert title == "CEO, COO, CFO and Chief of Staff" and re.search(rf"<h1[^>]*>{re.escape(title)}<", slides[0])


@pytest.mark.series
def test_handouts_have_the_prose_and_charts_but_no_code(handouts):
    written, out = handouts
    assert sorted(Path(p).name for p in written) == sorted(
        [f"{p.stem}.html" for p in SERIES] + ["seminar_deck.slides.html"]
    )
    for path in written:
        html = Path(path).read_text()
        assert "rolekit.show(" not in html and "import rolekit" not in html and "data_path" not in html
        assert "data:image/png;base64," in html
    assert "Discussion questions" in (out / "02_scope_and_horizon.html").read_text()


@pytest.mark.series
def test_handouts_and_slides_fetch_nothing_from_the_web(handouts):
    written, out = handouts
    for path in written:
        html = Path(path).read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), path
        assert not re.search(r"""(@import|url\()\s*["']?(https?:)?//""", html), path
    slides = (out / "seminar_deck.slides.html").read_text()
    for needed in (
        "reveal.js/dist/reveal.js",
        "reveal.js/dist/reveal.css",
        "reveal.js/dist/theme/white.css",
        "reveal.js/plugin/notes/notes.js",
    ):
        assert needed in slides and (out / needed).exists()


def test_slides_need_a_reveal_folder(tmp_path):
    with pytest.raises(rolekit.DataError, match=r"needs a reveal\.js folder"):
        export_handouts(str(ROOT / "notebooks"), str(tmp_path))


def test_the_handout_plan_checks_the_notebooks_and_the_reveal_folder_before_anything_is_written(tmp_path):
    out = tmp_path / "handouts"
    (tmp_path / "none").mkdir()
    with pytest.raises(rolekit.DataError, match="holds no executed notebooks; run `rolekit notebooks` first"):
        handout_plan(tmp_path / "none", out, None)
    with pytest.raises(rolekit.DataError, match=r"is not a reveal\.js 4 folder: it has no dist/reveal\.js"):
        handout_plan(ROOT / "notebooks", out, tmp_path)
    sources, _folder, assets = handout_plan(ROOT / "notebooks", out, _reveal(tmp_path / "reveal"))
    assert [s.name for s in sources] == sorted(p.name for p in notebooks())
    assert sorted(assets) == sorted(f"reveal.js/{part}" for part in REVEAL_FILES)
    assert not out.exists() or not any(out.iterdir())  # a plan writes nothing


# -- The whole series on tables unlike the articles': every sentence true of the table -----------

# Cells about the articles, an invented team or the class scored (the bundled synthetic class without a room):
# they may name the articles' CEO and COO.
_ABOUT_OTHERS = re.compile(
    r"\b(articles|load_tensions|load_decisions|load_coo_types|coo_echoes|team|EXAMPLE_\w+|scores)\b"
)


def _sentences(nb) -> list[tuple[str, bool]]:
    """Every text a participant reads in an executed notebook's outputs, and whether it speaks of the table alone."""
    found = []
    for cell in code_cells(nb):
        alone = not _ABOUT_OTHERS.search(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                found.append((data["text/markdown"], alone))
            if "image/png" in data:
                found.append((data.get("text/plain", ""), alone))
            assert out.get("output_type") != "error", cell.source
    return found


@pytest.mark.series
@pytest.mark.parametrize("roles", [1, 2, 4, 8, 12])
def test_the_series_and_deck_say_only_true_things_of_a_generated_table(tmp_path, roles):
    from conftest import OTHER_NAMES, generated, sentence_faults

    df = generated(roles, names=OTHER_NAMES, seed=roles)  # no id, no CEO or COO, names up to 40 characters
    path = tmp_path / "team.csv"
    df.to_csv(path, index=False)
    names = sorted(set(df["role"]))
    for written in run_series(str(path), str(tmp_path / "built")):
        nb = nbformat.read(written, as_version=4)
        for text, alone in _sentences(nb):
            faults = sentence_faults(text, names if alone else [*names, "CEO", "COO"])
            assert not faults, (Path(written).name, text[:300], faults)


# -- No lock-out after a failed notebook; a folder holds one series ---------------------------------


def _notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("data_path = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(code),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_a_failed_notebook_is_written_as_far_as_it_ran_and_never_locks_the_folder(tmp_path, monkeypatch):
    good = _notebook(tmp_path / "01_good.ipynb", "print('fine')")
    bad = _notebook(tmp_path / "02_bad.ipynb", "1 / 0")
    out = tmp_path / "out"
    monkeypatch.setattr(rolekit.seminar, "notebooks", lambda: [good, bad])
    # cell 3: papermill counts the cell of parameters it adds
    with pytest.raises(rolekit.DataError, match=r"02_bad\.ipynb: failed at cell 3: ZeroDivisionError"):
        run_series(out=str(out), workers=2)
    failed = nbformat.read(out / "02_bad.ipynb", as_version=4)
    assert failed.cells[-1].outputs[0].output_type == "error"  # there for a person to look at
    assert failed.metadata.papermill.output_path == str(out / "02_bad.ipynb")
    _notebook(bad, "print('fixed')")
    assert [Path(p).name for p in run_series(out=str(out), workers=2)] == ["01_good.ipynb", "02_bad.ipynb"]
    assert not [p for p in out.iterdir() if p.name.startswith(".rolekit-tmp-")]
    monkeypatch.setattr(rolekit.seminar, "notebooks", lambda: [good])  # a series without the second notebook
    (out / "notes.ipynb").write_text("{}")  # a person's own
    run_series(out=str(out), workers=1)
    assert sorted(p.name for p in out.iterdir()) == [".rolekit-manifest.json", "01_good.ipynb", "notes.ipynb"]


@pytest.mark.slow
def test_an_export_holds_this_exports_handouts_and_reveal_files_only(tmp_path):
    reveal = _reveal(tmp_path / "reveal")
    (reveal / "plugin" / "old" / "old.js").parent.mkdir(parents=True)
    (reveal / "plugin" / "old" / "old.js").write_text("/* a plugin the next version lacks */")
    executed = tmp_path / "executed"
    executed.mkdir()
    for name in ("01_the_data.ipynb", "02_scope_and_horizon.ipynb", DECK):
        (executed / name).write_bytes((ROOT / "notebooks" / name).read_bytes())
    out = tmp_path / "handouts"
    export_handouts(executed, out, reveal)
    assert (out / "reveal.js" / "plugin" / "old" / "old.js").is_file()
    (reveal / "plugin" / "old" / "old.js").unlink()
    (executed / "02_scope_and_horizon.ipynb").unlink()
    export_handouts(executed, out, reveal)
    assert not (out / "02_scope_and_horizon.html").exists() and not (out / "reveal.js" / "plugin" / "old").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".rolekit-manifest.json",
        "01_the_data.html",
        "reveal.js",
        "seminar_deck.slides.html",
    ]


# -- The working copy `make lab` opens ---------------------------------------------------------------


def _executed(folder: Path, data: str | None, names=("01_the_data.ipynb", "02_scope_and_horizon.ipynb")) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"run on {data}")]
        nb.metadata["papermill"] = {"parameters": {"data_path": data}}
        nbformat.write(nb, folder / name)
    return folder


def test_the_working_copy_keeps_what_the_facilitator_changed_and_says_so(tmp_path):
    lab = tmp_path / "lab"
    first = _executed(tmp_path / "first", None, ["01_the_data.ipynb", "02_scope_and_horizon.ipynb", "03_old.ipynb"])
    written, kept, removed = refresh_lab(first, lab)
    assert [Path(p).name for p in written] == ["01_the_data.ipynb", "02_scope_and_horizon.ipynb", "03_old.ipynb"]
    assert "run on the bundled table" in lab_note(lab, first)
    edited = nbformat.read(lab / "02_scope_and_horizon.ipynb", as_version=4)
    edited.cells.append(nbformat.v4.new_markdown_cell("My notes for Tuesday"))
    nbformat.write(edited, lab / "02_scope_and_horizon.ipynb")
    team = str(tmp_path / "team.csv")
    second = _executed(tmp_path / "second", team)  # another table; 03 is no longer in the series
    written, kept, removed = refresh_lab(second, lab)
    assert [Path(p).name for p in written] == ["01_the_data.ipynb"]
    assert kept == [str(lab / "02_scope_and_horizon.ipynb")] and removed == [str(lab / "03_old.ipynb")]
    assert "My notes for Tuesday" in (lab / "02_scope_and_horizon.ipynb").read_text()  # no edit is lost
    assert f"run on {team}" in (lab / "01_the_data.ipynb").read_text()
    note = lab_note(lab, second)
    assert note.splitlines() == [
        f"{lab}: the notebooks of the last build, run on {team}. Edit and save them here: a later build refreshes "
        "a notebook only if you have not changed it.",
        "  02_scope_and_horizon.ipynb: run on the bundled table",
        "  changed since rolekit wrote them, so kept as they are (delete one to get the last build's at the next "
        "build): 02_scope_and_horizon.ipynb",
    ]


def test_lab_says_when_there_is_no_build_yet(tmp_path, capsys):
    assert main(["lab", "--out", str(tmp_path), "--no-open"]) == 1
    assert "holds no notebooks yet: build the kit first (make run" in capsys.readouterr().err
    _executed(tmp_path / "notebooks", None)
    refresh_lab(tmp_path / "notebooks", tmp_path / "lab")
    assert main(["lab", "--out", str(tmp_path), "--no-open"]) == 0
    assert "the notebooks of the last build, run on the bundled table" in capsys.readouterr().out
