"""Issue 19: paper that is quick to type (the quick-entry table), and scores that say how much each person answered."""

import csv

import pandas as pd
import pytest

from rolekit.cli import main


@pytest.fixture
def exercise(tmp_path, capsys):
    out = tmp_path / "ex"
    assert main(["worksheet", "--n", "8", "--seed", "4", "--participants", "5", "--out", str(out)]) == 0
    capsys.readouterr()
    return out


def test_worksheet_writes_a_quick_entry_table_one_row_per_participant(exercise):
    table = pd.read_csv(exercise / "quick_entry.csv", dtype=str, keep_default_na=False)
    assert list(table.columns) == ["participant"] + [
        f"Q{i:02d} {d}" for i in range(1, 9) for d in ("role", "scope", "horizon")
    ]
    assert len(table) == 5 and (table == "").all().all()  # blank: no answer leaks into it


def _short(value: str, dimension: str) -> str:
    """What an assistant types: the first letters that are enough for the round (CEO and COO need two)."""
    return value[:2].lower() if dimension == "role" else value[0]


@pytest.mark.slow
def test_a_typed_quick_entry_table_is_scored_as_it_is(exercise, capsys):
    key = pd.read_csv(exercise / "key" / "answer_key.csv", dtype=str)
    with open(exercise / "quick_entry.csv", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for k, name in enumerate(["Ana", "Ben", "Cleo"], start=1):  # three sheets typed, two rows left blank
        rows[k] = [name] + [
            _short(key.set_index("item").loc[c.split()[0], c.split()[1]], c.split()[1]) for c in header[1:]
        ]
    rows[3][header.index("Q02 scope")] = "x"  # a typo: refused with its did-you-mean, the rest of the row used
    with open(exercise / "quick_entry.csv", "w", newline="") as f:
        csv.writer(f).writerows(rows)
    assert main(["score", str(exercise / "quick_entry.csv"), "--out", str(exercise / "results")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("3 participants scored from 1 file.")
    assert err.strip() == (
        f"{exercise / 'quick_entry.csv'}:4: column 'scope': Q02: 'x' is not one of internal, external; "
        "counted as not answered"
    )
    scores = pd.read_csv(exercise / "results" / "scores.csv")
    assert scores["accuracy"].eq(1.0).all() and scores["name"].unique().tolist() == ["Ana", "Ben", "Cleo"]


@pytest.mark.slow
def test_scores_say_how_many_answers_each_gave_and_flag_under_half(tmp_path, capsys):
    key = pd.DataFrame(
        {
            "item": [f"Q{i:02d}" for i in range(1, 7)],
            "responsibility": [f"duty {i}" for i in range(1, 7)],
            "role": ["CEO", "COO"] * 3,
            "scope": ["internal"] * 6,
            "horizon": ["daily"] * 6,
        }
    )
    key.to_csv(tmp_path / "key.csv", index=False)
    form = {"participant": ["Ana", "Ben", "Cleo", "Dev"]}
    for k in key.itertuples():
        form[f"{k.item} role"] = [k.role, k.role if k.Index < 5 else "CEO", k.role if k.Index < 2 else "", ""]
        form[f"{k.item} scope"] = ["internal"] * 4
        form[f"{k.item} horizon"] = ["daily", "daily", "", "daily" if k.Index == 0 else ""]
    pd.DataFrame(form).to_csv(tmp_path / "form.csv", index=False)
    assert (
        main(["score", str(tmp_path / "form.csv"), "--key", str(tmp_path / "key.csv"), "--out", str(tmp_path / "o")])
        == 0
    )
    out = capsys.readouterr().out
    scores = pd.read_csv(tmp_path / "o" / "scores.csv", dtype=str, keep_default_na=False).set_index(
        ["name", "dimension"]
    )
    role = scores.xs("role", level="dimension")
    assert role["answered"].tolist() == ["6", "6", "2", "0"]  # Dev gave no role: a row says so, not ranked
    assert role["items"].tolist() == ["6"] * 4 and role["correct"].tolist() == ["6", "5", "2", "0"]
    assert role["rank"].tolist() == ["1", "2", "", ""]
    assert role.loc["Dev", "note"] == "answered 0 of 6, under half: not ranked" and role.loc["Dev", "accuracy"] == ""
    assert role.loc["Cleo", "accuracy"] == "1.0"  # accurate over what was answered, and shown with its count
    assert role.loc["Cleo", "note"] == "answered 2 of 6, under half: not ranked"
    assert scores.loc[("Dev", "horizon"), "note"] == "answered 1 of 6, under half: not ranked"
    assert scores.loc[("Ana", "scope"), "rank"] == scores.loc[("Dev", "scope"), "rank"] == "1"  # ties share a rank
    assert "2 participants answered under half the items on some dimension, so are not ranked there." in out
