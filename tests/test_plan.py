"""Issues 18 and 19: the README's 90-minute plan adds up, and each notebook's "Time in class" is its share of it."""

import itertools
import re
from pathlib import Path

import nbformat
import pytest

from rolekit.seminar import DECK, notebooks

ROOT = Path(__file__).resolve().parents[1]
SERIES = [p for p in notebooks() if p.name != DECK]


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _plan() -> list[tuple[int, int, str, str]]:
    """The plan's rows: start and end in minutes, what, with."""
    rows = []
    for line in _section("A 90-minute session").splitlines():
        m = re.fullmatch(r"\| (\d):(\d\d)-(\d):(\d\d) \| (.*?) \|\s*(.*?)\s*\|", line)
        if m:
            h1, m1, h2, m2 = map(int, m.groups()[:4])
            rows.append((60 * h1 + m1, 60 * h2 + m2, m[5], m[6]))
    return rows


def _minutes_in_plan() -> dict[str, int]:
    given: dict[str, int] = {}
    for *_, with_ in _plan():
        for name, minutes in re.findall(r"`(\d\d_\w+)` \((\d+) min\)", with_):
            given[name] = given.get(name, 0) + int(minutes)
    return given


def test_the_plan_runs_from_0_00_to_1_30_without_gaps_or_overlaps():
    rows = _plan()
    assert rows[0][0] == 0 and rows[-1][1] == 90
    assert all(a[1] == b[0] for a, b in itertools.pairwise(rows))
    assert all(end > start for start, end, *_ in rows)


def test_no_row_gives_its_notebooks_more_time_than_it_has():
    for start, end, what, with_ in _plan():
        given = sum(int(m) for m in re.findall(r"\((\d+) min\)", with_))
        assert given <= end - start, what


def test_both_exercises_run_on_the_rooms_phones_and_paper_is_the_fallback():
    section = _section("A 90-minute session")
    withs = [w for *_, w in _plan()]
    assert any("`rolekit room exercise`" in w for w in withs) and any("`rolekit room --raci`" in w for w in withs)
    assert "Paper, the fallback" in section and "quick_entry.csv" in section


@pytest.mark.parametrize("path", SERIES, ids=lambda p: p.stem)
def test_each_notebooks_time_in_class_is_its_share_of_the_plan(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    said = int(re.search(r"\*\*Time in class:\*\* about (\d+) minutes", first)[1])
    assert _minutes_in_plan().get(path.stem) == said, f"{path.stem}: {said} minutes in the notebook"
    table = _section("The notebooks")
    listed = re.search(rf"\| `{path.stem}` \|.*\| (\d+) min \|", table)
    assert listed and int(listed[1]) == said, "the README's table of notebooks says otherwise"


def test_the_notebooks_times_add_up_to_no_more_than_the_session():
    assert sum(_minutes_in_plan().values()) <= 90
    assert set(_minutes_in_plan()) == {p.stem for p in SERIES}  # every notebook has its slot
