"""Issues 16 and 19: online form exports in the layouts forms give, and the names people type into them."""

import csv

import pandas as pd
import pytest

import rolekit
from rolekit.cli import main

KEY = pd.DataFrame(
    {
        "item": ["Q01", "Q02", "Q03"],
        "responsibility": ["Sets the vision", "Runs daily operations", "Meets investors"],
        "role": ["CEO", "COO", "CEO"],
        "scope": ["internal", "internal", "external"],
        "horizon": ["long-term", "daily", "daily"],
    }
)
DIMENSIONS = ("role", "scope", "horizon")


def _form(tmp_path, header, people, name_column="Name", name="form.csv"):
    """A form export: a timestamp, a name column, then ``header(item, responsibility, dimension)`` for each answer."""
    columns = ["Timestamp", name_column] + [
        header(k.item, k.responsibility, d) for d in DIMENSIONS for k in KEY.itertuples(index=False)
    ]
    rows = [
        ["2026-12-01 10:00", who]
        + [answers.get((k.item, d), getattr(k, d)) for d in DIMENSIONS for k in KEY.itertuples()]
        for who, answers in people
    ]
    path = tmp_path / name
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([columns, *rows])
    KEY.to_csv(tmp_path / "key.csv", index=False)
    return path


LAYOUTS = {
    "role [Q01]": lambda item, text, d: f"{d} [{item}]",
    "Role [Q01]": lambda item, text, d: f"{d.capitalize()} [{item}]",
    "Q01 role": lambda item, text, d: f"{item} {d}",
    "[Q01] role": lambda item, text, d: f"[{item}] {d}",
    "Role: Q1": lambda item, text, d: f"{d.capitalize()}: Q{int(item[1:])}",
    "role (1)": lambda item, text, d: f"{d} ({int(item[1:])})",
    "Role [Q01 wording]": lambda item, text, d: f"{d.capitalize()} [{item}. {text}]",
    "Role [wording]": lambda item, text, d: f"{d.capitalize()} [{text}]",
    "Q01 [role]": lambda item, text, d: f"{item} [{d}]",
    "Q01_role": lambda item, text, d: f"{item}_{d}",
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_one_grid_per_dimension_or_per_item_is_read(tmp_path, layout):
    path = _form(tmp_path, LAYOUTS[layout], [("Ana", {}), ("Ben", {("Q02", "role"): "CEO"})])
    scores = rolekit.score_sheets(path, tmp_path / "key.csv")
    assert not scores.problems
    assert scores.participants["name"].unique().tolist() == ["Ana", "Ben"]
    agreement = scores.agreement.set_index("dimension")
    assert agreement.loc["role", "key_accuracy"] == pytest.approx(5 / 6)
    assert agreement.loc["scope", "key_accuracy"] == 1.0 and agreement.loc["scope", "answers"] == 6


def test_the_layout_once_refused_is_scored_from_the_command_line(tmp_path, capsys):
    path = _form(tmp_path, LAYOUTS["Role [Q01]"], [("Ana", {}), ("Ben", {})])
    assert main(["score", str(path), "--key", str(tmp_path / "key.csv")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("2 participants scored from 1 file.") and "required column is missing" not in err


@pytest.mark.parametrize("column", ["Email Address", "Email address", "E-mail", "Your name", "Username", "Nickname"])
def test_the_name_column_is_found_whatever_the_form_calls_it(tmp_path, column):
    path = _form(tmp_path, LAYOUTS["Q01 [role]"], [("ana@x.org", {}), ("ben@x.org", {})], name_column=column)
    scores = rolekit.score_sheets(path, tmp_path / "key.csv")
    assert scores.participants["name"].unique().tolist() == ["ana@x.org", "ben@x.org"]


def test_a_double_submission_counts_once_and_the_later_one_counts(tmp_path):
    path = _form(
        tmp_path,
        LAYOUTS["Q01 [role]"],
        [("ana@x.org", {("Q01", "role"): "COO"}), ("ben@x.org", {}), ("Ana@X.org", {})],
        name_column="Email Address",
    )
    scores = rolekit.score_sheets(path, tmp_path / "key.csv")
    assert scores.participants["name"].unique().tolist() == ["ben@x.org", "Ana@X.org"]
    assert scores.agreement.set_index("dimension").loc["role", "key_accuracy"] == 1.0  # the corrected answer counts
    said = [str(p) for p in scores.problems]
    assert said == [f"{path}:2: skipped: an earlier submission from the same participant; the one on line 4 counts"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    ["Zoë\u00a0Martin", "Jean\u202fPaul", "👨\u200d💼 Boss", "so\u00adphie", "<b>x</b>", "=cmd|' /C calc'!A0"],
    ids=["no-break space", "narrow no-break space", "zero-width joiner", "soft hyphen", "html", "formula"],
)
def test_one_name_with_an_ordinary_typographic_character_never_sinks_the_class(tmp_path, capsys, name):
    path = _form(tmp_path, LAYOUTS["Role [Q01]"], [("Ana", {}), (name, {}), ("Ben", {})])
    assert main(["score", str(path), "--key", str(tmp_path / "key.csv"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    scored = pd.read_csv(tmp_path / "out" / "scores.csv", dtype=str, keep_default_na=False)
    assert {"Ana", "Ben"} <= set(scored["name"])  # the others are scored whatever happens to that row
    assert "no sheet could be used" not in err and "Traceback" not in err
    if scored["participant"].nunique() == 2:  # that row was skipped: it is named, with why
        assert f"{path}:3: skipped" in err
    assert name not in (tmp_path / "out" / "report.html").read_text()


def test_a_blank_row_is_nobodys(tmp_path):
    path = _form(tmp_path, LAYOUTS["Q01 role"], [("Ana", {}), ("Ben", {})])
    with open(path, "a", encoding="utf-8") as f:
        f.write("," * (1 + 3 * len(KEY)) + "\n")
    scores = rolekit.score_sheets(path, tmp_path / "key.csv")
    assert scores.participants["name"].unique().tolist() == ["Ana", "Ben"] and not scores.problems


def test_a_form_for_another_worksheet_is_named(tmp_path, capsys):
    path = _form(tmp_path, lambda item, text, d: f"{d} [Q{int(item[1:]) + 7:02d}]", [("Ana", {})])
    assert main(["score", str(path), "--key", str(tmp_path / "key.csv")]) == 1
    assert "items Q08, Q09, Q10 are not in the answer key" in capsys.readouterr().err
