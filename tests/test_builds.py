"""Building the kit (rolekit.builds): a rebuild makes again only what its inputs changed, and the notebooks run
in forks of one warm process give the outputs a kernel gives."""

import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

import rolekit
from rolekit import builds, forks, runner
from rolekit.builds import INPUTS, build

REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"  # where the Makefile puts it
pytestmark = pytest.mark.series  # each test builds a series (a small one, or the kit's own)
SMALL = "role,responsibility,scope,horizon\nA,Runs the plant,internal,daily\nB,Meets the bank,external,long-term\n"


def _notebook(path: Path, *code: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("data_path = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import rolekit\ndf = rolekit.load_responsibilities(data_path)"),
        nbformat.v4.new_markdown_cell("## The table"),
        *[nbformat.v4.new_code_cell(c) for c in code],
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _series(folder: Path) -> list[Path]:
    """Two small notebooks in ``folder``, the second the deck."""
    folder.mkdir()
    return [
        _notebook(folder / "01_rows.ipynb", "print(f'{len(df)} rows')"),
        _notebook(folder / "seminar_deck.ipynb", "rolekit.show(rolekit.takeaways, df, topic='data')"),
    ]


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The small series, and its build from the bundled table: what most tests start from, built once."""
    if not (REVEAL / "dist" / "reveal.js").is_file():
        pytest.skip(f"reveal.js is not at {REVEAL}: `make test` fetches it")
    folder = tmp_path_factory.mktemp("first")
    sources = _series(folder / "series")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rolekit.seminar, "notebooks", lambda: sources)
        build(out=folder / "build", reveal=REVEAL)
    return sources, folder / "build"


@pytest.fixture
def series(first_build, tmp_path, monkeypatch):
    """The small series in place of the kit's own, a record of the tasks run, and the folder to build into."""
    (tmp_path / "series").mkdir()
    sources = [Path(shutil.copy(s, tmp_path / "series")) for s in first_build[0]]  # the same bytes: the same keys
    monkeypatch.setattr(rolekit.seminar, "notebooks", lambda: sources)
    ran: list[list[str]] = []
    run_tasks = forks.run_tasks

    def recorded(tasks, workers=None):
        ran.append(sorted(_task(t) for t in tasks))
        return run_tasks(tasks, workers)

    monkeypatch.setattr(forks, "run_tasks", recorded)
    return sources, ran, tmp_path / "build"


def _built(first_build, out: Path) -> None:
    """``out`` as a first build of the bundled table leaves it (a copy of that build: built from the same inputs)."""
    shutil.copytree(first_build[1], out, symlinks=True)


def _task(task) -> str:
    """What a build's task makes: a notebook (and its handout), a handout alone, or the charts."""
    if task.func.__name__ == "draw_charts":
        return "charts"
    return f"{task.func.__name__} {Path(task.args[0]).name}"


def _rows(out: Path, name: str = "01_rows.ipynb") -> str:
    return nbformat.read(out / "notebooks" / name, as_version=4).cells[-1].outputs[0]["text"]


EVERYTHING = ["charts", "run_notebook 01_rows.ipynb", "run_notebook seminar_deck.ipynb"]


def test_a_build_of_the_same_inputs_makes_nothing_again(series):
    _, ran, out = series
    first = build(out=out, reveal=REVEAL)
    assert ran == [EVERYTHING] and _rows(out) == "105 rows\n"
    assert [p.name for p in first.written["notebooks"]] == ["01_rows.ipynb", "seminar_deck.ipynb"]
    assert "01_rows.html" in [p.name for p in first.written["handouts"]]
    assert len(first.charts) == len(rolekit.CHARTS) and not first.skipped
    again = build(out=out, reveal=REVEAL)
    assert ran[-1] == [] and again.written == {part: [] for part in builds.PARTS}
    assert again.unchanged == {part: first.written[part] + first.unchanged[part] for part in builds.PARTS}
    assert again.charts == first.charts and not any(again.removed.values())
    for part in ("figures", "notebooks", "handouts"):  # each folder says what its files were built from
        assert rolekit.output.Output(out / part).owns(INPUTS)
    moved = out.parent / "moved"  # a build copied elsewhere is built still: what the tests below start from
    shutil.copytree(out, moved, symlinks=True)
    assert build(out=moved, reveal=REVEAL).written == {part: [] for part in builds.PARTS} and ran[-1] == []


def test_a_build_into_a_relative_folder_works_from_any_folder(series, tmp_path, monkeypatch):
    # `make run` builds into `build`, relative to the clone; each notebook runs in its own folder
    monkeypatch.chdir(tmp_path)
    done = build(out="relative/build", reveal=REVEAL)
    assert [p.name for p in done.written["notebooks"]] == ["01_rows.ipynb", "seminar_deck.ipynb"]
    assert _rows(tmp_path / "relative" / "build") == "105 rows\n"
    assert "105 rows" in (tmp_path / "relative" / "build" / "handouts" / "01_rows.html").read_text()
    written = rolekit.seminar.run_series(out="relative/series")
    assert [Path(p).name for p in written] == ["01_rows.ipynb", "seminar_deck.ipynb"]


def test_a_changed_notebook_runs_again_alone(series, first_build):
    sources, ran, out = series
    _built(first_build, out)
    _notebook(sources[0], "print(f'{len(df)} rows, {df[\"role\"].nunique()} roles')")
    done = build(out=out, reveal=REVEAL)
    assert ran[-1] == ["run_notebook 01_rows.ipynb"] and _rows(out) == "105 rows, 2 roles\n"
    assert [p.name for p in done.written["notebooks"]] == ["01_rows.ipynb"]
    assert [p.name for p in done.written["handouts"]] == ["01_rows.html"] and not done.written["figures"]
    assert "2 roles" in (out / "handouts" / "01_rows.html").read_text()


def test_a_new_table_runs_every_notebook_and_draws_the_charts_again(series, first_build, tmp_path):
    _, ran, out = series
    _built(first_build, out)
    table = tmp_path / "team.csv"
    table.write_text(SMALL)
    done = build(table, out, REVEAL)
    assert ran[-1] == EVERYTHING and _rows(out) == "2 rows\n"
    assert "2 rows" in (out / "handouts" / "01_rows.html").read_text()
    assert "source_agreement.png" in done.removed["figures"]  # this table has no source column
    assert any(s.startswith("source_agreement:") for s in done.skipped)
    table.write_text(SMALL.replace("Meets the bank", "Meets the lenders"))  # the same file, changed
    build(table, out, REVEAL)
    assert ran[-1] == EVERYTHING
    build(table, out, REVEAL)
    assert ran[-1] == []  # and the bundled table again is a new table too
    build(out=out, reveal=REVEAL)
    assert ran[-1] == EVERYTHING and _rows(out) == "105 rows\n"


def test_a_deleted_handout_or_chart_is_made_again_alone(series, first_build):
    _, ran, out = series
    _built(first_build, out)
    (out / "handouts" / "01_rows.html").unlink()
    build(out=out, reveal=REVEAL)
    assert ran[-1] == ["handout_body 01_rows.ipynb"] and (out / "handouts" / "01_rows.html").is_file()
    (out / "figures" / "load.png").unlink()
    build(out=out, reveal=REVEAL)
    assert ran[-1] == ["charts"] and (out / "figures" / "load.png").is_file()


def test_a_new_kit_builds_everything_again(series, first_build, monkeypatch):
    _, ran, out = series
    _built(first_build, out)
    monkeypatch.setattr(builds, "fingerprint", lambda: "another version of rolekit")
    build(out=out, reveal=REVEAL)
    assert ran[-1] == EVERYTHING


def test_a_failed_notebook_runs_again_at_the_next_build_and_has_no_handout(series, tmp_path):
    sources, ran, out = series
    _notebook(sources[0], "assert len(df) < 50, 'a long table'")
    with pytest.raises(rolekit.DataError, match=r"01_rows\.ipynb: failed at cell 4: AssertionError: a long table"):
        build(out=out, reveal=REVEAL)
    failed = nbformat.read(out / "notebooks" / "01_rows.ipynb", as_version=4)
    assert failed.cells[-1].outputs[-1]["ename"] == "AssertionError"  # written as far as it ran, with the traceback
    assert any("assert len(df) < 50" in line for line in failed.cells[-1].outputs[-1]["traceback"])
    assert not (out / "handouts" / "01_rows.html").exists() and (out / "handouts" / "seminar_deck.slides.html").exists()
    with pytest.raises(rolekit.DataError):
        build(out=out, reveal=REVEAL)
    assert ran[-1] == ["run_notebook 01_rows.ipynb"]  # the deck and charts are built; the failed one is tried again
    table = tmp_path / "team.csv"
    table.write_text(SMALL)
    build(table, out, REVEAL)
    assert (out / "handouts" / "01_rows.html").is_file()


def test_without_forks_each_notebook_runs_in_a_kernel_and_gives_the_same_outputs(series, first_build, monkeypatch):
    _, _, out = series
    _built(first_build, out)
    forked = nbformat.read(out / "notebooks" / "seminar_deck.ipynb", as_version=4)
    monkeypatch.setattr(forks, "available", lambda: False)
    monkeypatch.setattr(builds, "fingerprint", lambda: "built without forks")
    build(out=out, reveal=REVEAL)
    in_kernels = nbformat.read(out / "notebooks" / "seminar_deck.ipynb", as_version=4)
    assert _outputs(in_kernels) == _outputs(forked)


def _outputs(nb) -> list:
    return [
        [{k: v for k, v in o.items() if k != "execution_count"} for o in c.outputs]
        for c in nb.cells
        if c.cell_type == "code"
    ]


@pytest.mark.parametrize("name", ["03_overlaps.ipynb", "06_who_decides.ipynb"])
def test_a_notebook_run_in_a_fork_shows_what_it_shows_when_run_in_a_kernel(tmp_path, name):
    """The committed notebooks were executed by nbconvert in a kernel: a fork gives the same outputs, byte for byte."""
    runner.warm()
    [error] = forks.in_forks([lambda: runner.execute_notebook(ROOT / "notebooks" / name, tmp_path / name, {})])
    assert error is None
    committed = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    assert _outputs(nbformat.read(tmp_path / name, as_version=4)) == _outputs(committed)


def test_the_series_drawing_each_chart_once_shows_what_the_committed_notebooks_show(tmp_path):
    """run_series draws a chart that several notebooks show once (rolekit.charts.drawn_once): the same outputs."""
    for written in rolekit.seminar.run_series(out=tmp_path / "series"):
        ran = nbformat.read(written, as_version=4)
        ran.cells = [c for c in ran.cells if "injected-parameters" not in c.metadata.get("tags", [])]
        committed = nbformat.read(ROOT / "notebooks" / Path(written).name, as_version=4)
        assert _outputs(ran) == _outputs(committed), Path(written).name
