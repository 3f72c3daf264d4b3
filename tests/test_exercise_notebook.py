"""Issues 18 and 19: notebook 08 on a facilitator's table. Out of the box it shows the synthetic class on that class's
own items, saying so; given a finished room, the room's answers on the items of the table they were drawn from."""

import json
from pathlib import Path

import pandas as pd
import pytest
from room_fixtures import as_facilitator, client, exercise, join, room

import rolekit
from rolekit.seminar import notebooks

NOTEBOOK = next(p for p in notebooks() if p.name == "08_tagging_exercise.ipynb")
pytestmark = pytest.mark.series  # notebook 08 run with papermill, as a facilitator runs it
ROLES = ["Managing Director", "Head of Operations", "Finance Lead", "Head of People"]


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Path:
    """A four-role team table in its own words, nothing like the articles'."""
    rows = [
        (role, f"{role} looks after {thing}", scope, horizon)
        for k, role in enumerate(ROLES)
        for j, (thing, scope, horizon) in enumerate(
            [
                ("the weekly rota", "internal", "daily"),
                ("supplier contracts", "external", "daily"),
                ("the five-year plan", "internal", "long-term"),
                ("the bank relationship", "external", "long-term"),
                ("the monthly numbers", "internal", "daily"),
            ]
        )
    ]
    path = tmp_path_factory.mktemp("team") / "team.csv"
    pd.DataFrame(rows, columns=["role", "responsibility", "scope", "horizon"]).to_csv(path, index=False)
    return path


def _run(tmp_path: Path, **parameters) -> str:
    """Notebook 08 run with papermill on these parameters; returns every output it shows, as text."""
    import papermill

    out = tmp_path / "08.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={k: str(v) for k, v in parameters.items()},
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    cells = json.loads(out.read_text())["cells"]
    shown = [o.get("data", {}) for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    return "\n".join("".join(d.get(kind, "")) for d in shown for kind in ("text/markdown", "text/html", "text/plain"))


def test_on_a_facilitators_table_it_shows_the_synthetic_class_on_its_own_items_saying_so(tmp_path, team):
    shown = _run(tmp_path, data_path=team)
    assert "These are the scores of the bundled synthetic class" in shown
    assert "None of them comes from the table this notebook runs on: they come from the bundled table." in shown
    first = pd.read_csv(rolekit.SYNTHETIC_KEY, dtype=str)["responsibility"].iloc[0]
    assert first in shown  # the class's own Q01
    assert not any(role in shown for role in ROLES)  # no item of the team's table is presented as scored


def test_given_a_finished_room_it_scores_that_room_on_its_own_tables_items(tmp_path, team, capsys):
    folder = exercise(tmp_path / "ex", n=12, seed=1, data=team)
    r = room(folder / "room", folder)
    key = r.round.key.set_index("item")
    from starlette.testclient import TestClient

    with client(r) as c:
        for k in range(3):
            phone = TestClient(c.app)
            path = join(phone, r, f"member {k}")
            phone.post(path, data={f"{i}-{d}": key.loc[i, d] for i in key.index for d in ("role", "scope", "horizon")})
        c.post("/facilitator/close", data={"token": as_facilitator(c, r)})
    capsys.readouterr()
    shown = _run(tmp_path, data_path=team, room=folder / "room")
    assert "These are the scores of the room in " in shown and ": 3 participants, on 12 items" in shown
    assert "All 12 come from the table this notebook runs on." in shown
    assert key.loc["Q01", "responsibility"] in shown and "synthetic" not in shown.split("Takeaways")[0]
    assert "member" not in shown  # names stay in scores.csv


def test_a_room_not_closed_yet_is_a_clear_note(tmp_path):
    from rolekit import class_scores
    from rolekit.validate import DataError

    with pytest.raises(DataError, match=r"holds no responses\.csv: close the round first"):
        class_scores(room=tmp_path)


def test_a_room_folder_given_from_the_wrong_folder_says_where_it_looked_and_where_the_room_is(tmp_path, monkeypatch):
    from rolekit import class_scores
    from rolekit.validate import DataError

    (tmp_path / "exercise" / "room").mkdir(parents=True)
    (tmp_path / "exercise" / "room" / "responses.csv").write_text("participant\n")
    (tmp_path / "build" / "lab").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "build" / "lab")  # where make lab opens notebook 08
    with pytest.raises(DataError) as caught:
        class_scores(room="../exercise/room")
    said = str(caught.value)
    assert said.startswith("../exercise/room: no such folder (from ") and str(tmp_path / "build" / "exercise") in said
    assert said.endswith("(did you mean '../../exercise/room'?)")
    with pytest.raises(DataError, match=r"nowhere: no such folder \(from .*\)[^?]*$"):
        class_scores(room="nowhere")
