"""The notebook series: structure, committed outputs, text twins, running on other tables, handouts.

nbval (strict, in `make test`) reruns every committed notebook and compares each
cell's output; these tests check what nbval does not.
"""

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

import rolekit
from rolekit.display import show
from rolekit.seminar import DECK, export_handouts, notebooks, run_series

ROOT = Path(__file__).resolve().parents[1]
SERIES = [p for p in notebooks() if p.name != DECK]


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_series_is_numbered_in_teaching_order():
    assert [p.name for p in SERIES] == [
        "01_the_data.ipynb",
        "02_scope_and_horizon.ipynb",
        "03_overlaps.ipynb",
        "04_differences.ipynb",
        "05_sources.ipynb",
        "06_who_decides.ipynb",
        "07_your_organisation.ipynb",
        "08_tagging_exercise.ipynb",
        "09_kinds_of_coo.ipynb",
    ]


@pytest.mark.parametrize("path", SERIES, ids=lambda p: p.stem)
def test_each_notebook_opens_with_its_question_and_time_and_ends_with_takeaways_and_questions(path):
    nb = nbformat.read(path, as_version=4)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "**The question.**" in first.source and re.search(r"\*\*Time in class:\*\* about \d+ minutes", first.source)
    heading = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Takeaways" in c.source)
    computed = [c for c in nb.cells[heading:] if c.cell_type == "code"]
    assert computed and all(
        re.match(
            r"rolekit\.show\(rolekit\.(takeaways|compare_summary|score_summary|tension_summary|raci_summary), ",
            c.source,
        )
        for c in computed
    )  # computed
    assert last.cell_type == "markdown" and re.search(r"## (Discussion questions|Exercise and discussion)", last.source)
    assert len(re.findall(r"^\d\. ", last.source, re.M)) >= 2


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_each_notebook_takes_its_table_as_a_papermill_parameter(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].source.startswith("data_path = None")
    assert not [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    code = "".join(c.source for c in _code(nb))
    assert "rolekit.load_responsibilities(data_path)" in code or "rolekit.load_responsibilities(data_path or " in code


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_code_cells_are_one_readable_call_each(path):
    for cell in _code(nbformat.read(path, as_version=4)):
        code = [line.split("#")[0] for line in cell.source.splitlines() if line.split("#")[0].strip()]
        if "parameters" in cell.metadata.get("tags", []):  # settings only: one plain assignment per line
            assert all(re.fullmatch(r"\w+ = (None|\d+(\.\d+)?|\"[^\"]*\")\s*", line) for line in code), cell.source
            continue
        assert len(code) <= 2, cell.source
        assert not re.search(r"\b(def|class|for|while|if|lambda)\b", "\n".join(code)), cell.source


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_committed_outputs_come_from_one_clean_run(path):
    nb = nbformat.read(path, as_version=4)
    code = _code(nb)
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))  # Restart & Run All, in order
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == sum("rolekit.plot_" in c.source for c in code)
    text = json.dumps(nb)
    assert not re.search(r"(/home/|/root/|/tmp/|/work/|[A-Z]:\\\\)", text), "an absolute path was committed"


def test_the_deck_has_slides_notes_and_hidden_set_up():
    nb = nbformat.read(ROOT / "notebooks" / DECK, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert kinds.count("slide") >= 8 and "notes" in kinds
    for cell in _code(nb):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if re.search(r"rolekit\.(takeaways|tension_summary|raci_summary)\b", cell.source):
            assert kind == "notes", cell.source  # the speaker notes are computed from the table
        elif "plot_" not in cell.source and "tally" not in cell.source:
            assert kind == "skip", cell.source
    assert not [
        c
        for c in nb.cells
        if c.cell_type == "markdown"
        and c.metadata.get("slideshow", {}).get("slide_type") == "notes"
        and "bundled" in c.source
    ], "a hand-written note about the bundled table"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_each_notebook_and_its_text_twin_are_in_step(path):
    twin = path.with_suffix(".py")
    assert twin.exists(), f"{twin.name} is missing: run jupytext --sync {path}"
    assert jupytext.writes(jupytext.read(path), fmt="py:percent") == twin.read_text(), (
        f"out of step: run jupytext --sync {path}"
    )


def test_show_returns_a_figure_a_table_or_a_note():
    df = rolekit.load_responsibilities()
    chart = show(rolekit.plot_role_profiles, df)
    data, metadata = chart._repr_mimebundle_()
    assert data["image/png"] and metadata["image/png"]["alt"].startswith("Chart. Bars of each role's share")
    assert "CEO: 35% external, 75% long-term" in data["text/plain"]  # the alt text states the chart's main figures
    pairs = show(rolekit.overlap, df, part="pairs").data
    assert "<th>role_a</th>" in pairs and "<th>jaccard</th>" in pairs
    sources = show(rolekit.load_sources()).data  # a table given directly
    assert "COO vs. CEO: Understanding the Roles…" in sources and "<th>id</th>" in sources
    listed = show(rolekit.listing, df, themes="finance").data
    assert (
        "Shapes and carries out financial strategy together with the CFO" in listed
    )  # in full, never cut at 50 characters
    assert "<th>source</th>" not in listed and "R020" in listed
    note = show(rolekit.overlap, df.drop(columns="theme"), part="pairs")
    assert note.data.startswith(
        "**Not shown here:** this table has no `theme` column, which is needed to compare roles theme by theme."
    )
    assert (
        show(rolekit.listing, df, themes="no such theme").data
        == "**Nothing to show:** no responsibility in this table matches."
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


def test_the_series_runs_on_a_four_role_table_without_sources(four_role_run):
    written, data = four_role_run
    assert [Path(p).name for p in written] == [p.name for p in notebooks()]
    for path in written:
        nb = nbformat.read(path, as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert injected and str(data.resolve()) in injected[0].source
        outputs = [o for c in _code(nb) for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], path
    sources = nbformat.read(written[4], as_version=4)  # 05: needs the source column
    notes = [
        o.data["text/markdown"]
        for c in _code(sources)
        if "load_tensions" not in c.source  # the articles' own tensions are shown on any table
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    ]
    assert len(notes) == 5 and all("this table has no `source` column" in n.lower() for n in notes)
    overlaps = json.dumps(nbformat.read(written[2], as_version=4).dict())
    assert "Chief of Staff" in overlaps and "CFO" in overlaps


def test_takeaways_of_a_four_role_run_are_that_tables_findings(four_role_run):
    written, data = four_role_run
    df = rolekit.load_responsibilities(data)
    for path in written:
        nb = nbformat.read(path, as_version=4)
        for cell in _code(nb):
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
    with pytest.raises(rolekit.DataError, match="03_overlaps.ipynb: exists and was not made by rolekit"):
        run_series(out=str(tmp_path))
    with pytest.raises(rolekit.DataError, match="is the notebooks' own folder"):
        run_series(out=str(ROOT / "notebooks"))
    assert (tmp_path / "03_overlaps.ipynb").read_text() == "{}"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    reveal = tmp_path_factory.mktemp("reveal")  # the layout of reveal.js 4; the browser test uses the real one
    for part in ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js"):
        (reveal / part).parent.mkdir(parents=True, exist_ok=True)
        (reveal / part).write_text("/* stand-in */")
    out = tmp_path_factory.mktemp("handouts")
    return export_handouts(str(ROOT / "notebooks"), str(out), str(reveal)), out


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
    with pytest.raises(rolekit.DataError, match="needs a reveal.js folder"):
        export_handouts(str(ROOT / "notebooks"), str(tmp_path))
