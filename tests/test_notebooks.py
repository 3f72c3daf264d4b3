"""The committed notebooks: numbered in teaching order, each opening with its question and ending with takeaways,
one readable call per code cell, outputs from one clean run, a papermill parameter for the table, the deck's slides
and notes, and text twins in step.

nbval (strict, in `make test`) reruns every committed notebook and compares each
cell's output; these tests check what nbval does not. Running the series and exporting handouts are tested in
test_seminar.py, what show() displays in test_display.py.
"""

import json
import re

import nbformat
import pytest
from conftest import ROOT, SERIES, code_cells

from rolekit.seminar import DECK, notebooks


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
            r"rolekit\.show\(rolekit\."
            r"(takeaways|compare_summary|shares_summary|score_summary|tension_summary|raci_summary), ",
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
    code = "".join(c.source for c in code_cells(nb))
    assert "rolekit.load_responsibilities(data_path)" in code or "rolekit.load_responsibilities(data_path or " in code


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_code_cells_are_one_readable_call_each(path):
    for cell in code_cells(nbformat.read(path, as_version=4)):
        code = [line.split("#")[0] for line in cell.source.splitlines() if line.split("#")[0].strip()]
        if "parameters" in cell.metadata.get("tags", []):  # settings only: one plain assignment per line
            assert all(re.fullmatch(r"\w+ = (None|\d+(\.\d+)?|\"[^\"]*\")\s*", line) for line in code), cell.source
            continue
        assert len(code) <= 2, cell.source
        assert not re.search(r"\b(def|class|for|while|if|lambda)\b", "\n".join(code)), cell.source


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_committed_outputs_come_from_one_clean_run(path):
    nb = nbformat.read(path, as_version=4)
    code = code_cells(nb)
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
    for cell in code_cells(nb):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if re.search(r"rolekit\.(takeaways|tension_summary|raci_summary)\b", cell.source):
            assert kind == "notes", cell.source  # the speaker notes are computed from the table
        elif "rolekit.roles_title" in cell.source:
            assert kind == "slide" and cell is code_cells(nb)[3], cell.source  # the title, once the table is loaded
        elif not re.search(r"rolekit\.(plot_\w+|evidence)\b", cell.source):
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
    import jupytext  # imported here, not in every worker's collection

    twin = path.with_suffix(".py")
    assert twin.exists(), f"{twin.name} is missing: run jupytext --sync {path}"
    assert jupytext.writes(jupytext.read(path), fmt="py:percent") == twin.read_text(), (
        f"out of step: run jupytext --sync {path}"
    )
