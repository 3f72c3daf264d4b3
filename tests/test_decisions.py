"""Decision rights as a RACI table (rolekit.decisions): the bundled one, a team's own in either form, the rules
each keeps, the comparison and its summary, the grid chart (rolekit.charts.decisions) and the raci command."""

import pandas as pd
import pytest
from conftest import errors, run
from hypothesis import given, settings
from hypothesis import strategies as st

import rolekit
from rolekit.charts.decisions import plot_raci
from rolekit.decisions import (
    LETTERS,
    compare_raci,
    load_decisions,
    raci_against,
    raci_grid,
    raci_summary,
    raci_template,
)
from rolekit.validate import DataError

pytestmark = pytest.mark.usefixtures("close_figures")


def problems(path) -> list[str]:
    return errors(load_decisions, path)


def test_the_bundled_table_keeps_the_rules_and_names_the_board():
    d = load_decisions()
    letters = d.groupby("decision")["raci"].agg(lambda s: "".join(sorted(s.astype(str))))
    assert letters.str.count("A").eq(1).all() and letters.str.contains("R").all()
    assert not d.duplicated(["decision", "role"]).any()
    assert {"CEO", "COO", "Board"} <= set(d["role"]) and d["decision"].nunique() >= 10
    assert d["source"].notna().all() and d["section"].notna().all()
    # The articles, read: the COO answers to the CEO for operations; the CEO has the final say on major initiatives.
    grid = raci_grid(d)
    assert (
        grid.loc["Day-to-day operational decisions", "COO"],
        grid.loc["Day-to-day operational decisions", "CEO"],
    ) == ("R", "A")
    assert grid.loc["Final say on major company initiatives", "CEO"] == "R"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,A\nBudget,CFO,R\n",
            ["raci.csv:3: column 'raci': decision 'Budget' has 2 As (CEO on line 2, COO on line 3)"],
        ),
        (
            "decision,role,raci\nBudget,CEO,R\nBudget,COO,C\n",
            ["raci.csv:2: column 'raci': decision 'Budget' (lines 2-3) has no A"],
        ),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,C\n",
            ["raci.csv:2: column 'raci': decision 'Budget' (lines 2-3) has no R"],
        ),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,X\nBudget,CFO,R\n",
            ["raci.csv:3: column 'raci': 'X' is not a RACI letter; allowed: R (responsible), A (accountable)"],
        ),
        ("decision,role,raci\nBudget,CEO,A\nBudget,COO,Consulted\nBudget,CFO,R\n", ["(did you mean 'C'?)"]),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,R\nbudget,coo,C\n",
            ["raci.csv:4: column 'role': 'coo' already has a letter for 'budget' on line 3"],
        ),
        (
            "decision,role,raci\nBudget,CEO,A/R\nBudget,COO,R\n",
            ["raci.csv:2: column 'raci': 'A/R' gives one role 2 letters"],
        ),
        (
            "Decision,CEO,COO\nBudget,A,A\n",
            ["raci.csv:2: decision 'Budget' has 2 As (CEO on line 2, COO on line 2)", "has no R"],
        ),
        ("Decision,CEO,COO\nBudget,R,C\n\nHire,A,R\n", ["raci.csv:2: decision 'Budget' (line 2) has no A"]),
        (
            "Decision,CEO,COO\nBudget,A,R\nHire,A,q\n",
            ["raci.csv:3: column 'COO': 'q' is not a RACI letter", "or blank when the role has no part"],
        ),
        ("Decision,CEO,COO\nBudget,,\n", ["raci.csv:2: decision 'Budget' has no letter in any role's column"]),
        ("Decision\nBudget\n", ["has a decision column but no role columns"]),
        ("decision,role\nBudget,CEO\n", ["column 'raci': required column is missing"]),
    ],
)
def test_a_table_breaking_a_rule_is_refused_with_its_lines_named(table, text, expected):
    found = "\n".join(problems(table(text, "raci.csv")))
    for part in expected:
        assert part in found, found


def test_letters_in_any_case_and_either_form_load_the_same(table):
    long = load_decisions(table("decision,role,raci\nBudget,CEO,a\nBudget,COO,r\nBudget,Board,i\n", "long.csv"))
    wide = load_decisions(table("Decision,CEO,COO,Board\nBudget,A,R,I\n", "wide.csv"))
    for t in (long, wide):
        assert t[["decision", "role"]].astype(str).values.tolist() == [
            ["Budget", "CEO"],
            ["Budget", "COO"],
            ["Budget", "Board"],
        ]
        assert t["raci"].astype(str).tolist() == ["A", "R", "I"]
    assert list(wide["role"].cat.categories) == ["CEO", "COO", "Board"]  # the wide form keeps the roles' own spelling


def test_the_template_filled_with_the_articles_letters_is_the_articles_table(tmp_path):
    template = raci_template()
    assert template.drop(columns=["id", "decision"]).eq("").all(axis=None)
    grid = raci_grid(load_decisions())
    filled = template.set_index("decision")
    filled.loc[:, grid.columns] = grid.loc[filled.index, grid.columns]
    path = tmp_path / "filled.csv"
    filled.reset_index()[template.columns].to_csv(path, index=False)
    mine = load_decisions(path)
    assert compare_raci(load_decisions(), mine)["change"].eq("same").all()
    assert raci_summary(mine, load_decisions()).endswith("every role has the same letter.")


def test_compare_and_summary_give_known_answers():
    d = load_decisions()
    mine = d.copy()
    mine["raci"] = mine["raci"].astype(str)
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "CEO"), "raci"] = "R"
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "COO"), "raci"] = "A"
    mine = mine[~((mine["decision"] == "Set the vision and strategic direction") & (mine["role"] == "COO"))]
    changes = compare_raci(d, mine)
    assert changes["change"].value_counts().to_dict() == {"same": len(d) - 3, "changed": 2, "removed": 1}
    assert raci_summary(mine, d).endswith(
        "Of the 12 decisions both tables hold, 2 give some role another letter (3 letters in all), and 1 has another A."
    )


def test_the_grid_shows_every_letter_and_outlines_what_differs():
    d = load_decisions()
    ax = plot_raci(d)
    letters = sorted(t.get_text() for t in ax.texts)
    assert letters == sorted(d["raci"].astype(str))
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [str(r) for r in raci_grid(d).columns]
    assert ax.get_title(loc="left").replace("\n", " ") == raci_summary(d)
    example = load_decisions(rolekit.EXAMPLE_RACI)
    ax = plot_raci(example, against=d)
    shown = {t.get_text() for t in ax.texts}
    assert "R→A" in shown and any(t.startswith("–→") for t in shown)
    changed = compare_raci(d, example)
    drawn = changed[(changed["change"] != "same") & changed["role"].isin(raci_grid(example).columns)]
    assert sum("→" in t.get_text() for t in ax.texts) == len(drawn)


def test_raci_against_says_what_differs_on_shared_decisions_and_which_are_only_in_one_table():
    d = load_decisions()
    assert raci_against(d, d) == "On the 12 decisions both tables hold, every role has the same letter."
    mine = d.copy()
    mine["raci"] = mine["raci"].astype(str)
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "CEO"), "raci"] = "R"
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "COO"), "raci"] = "A"
    assert raci_against(mine, d) == (
        "Of the 12 decisions both tables hold, 1 gives some role another letter (2 letters in all), and 1 has "
        "another A."
    )
    first = d["decision"].iloc[0]
    fewer = d[d["decision"] != first]
    assert raci_against(fewer, d) == (
        "On the 11 decisions both tables hold, every role has the same letter. Of the decisions, 1 is only in the "
        "other."
    )
    assert raci_against(d, fewer).endswith("Of the decisions, 1 is only in this table.")
    assert raci_against(d, pd.DataFrame({"decision": ["Elsewhere"], "role": ["CEO"], "raci": ["A"]})) == (
        "It shares no decision with the other table."
    )
    assert raci_summary(mine, d).endswith(raci_against(mine, d))  # the summary against a table ends with it


LETTER = st.sampled_from(["R", "A", "C", "I", "", "r", "a", "A/R", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(LETTER, min_size=3, max_size=3), min_size=1, max_size=5))
def test_any_grid_loads_exactly_when_it_keeps_the_rules(tmp_path_factory, cells):
    rows = [[c.upper() for c in row] for row in cells]
    valid = all(all(c in LETTERS or c == "" for c in row) and row.count("A") == 1 and "R" in row for row in rows)
    path = tmp_path_factory.mktemp("raci") / "grid.csv"
    pd.DataFrame(cells, columns=["CEO", "COO", "Board"]).assign(
        decision=[f"Decision {i}" for i in range(len(cells))]
    ).to_csv(path, index=False)
    if valid:
        assert len(load_decisions(path)) == sum(c != "" for row in cells for c in row)
    else:
        with pytest.raises(DataError):
            load_decisions(path)


def test_the_command_writes_a_template_checks_a_table_and_never_overwrites_a_foreign_file(tmp_path):
    done = run("raci", "--template", str(tmp_path / "t"), "--roles", "CEO,COO,Head of Ops")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t" / "raci_template.csv").read_text().splitlines()[0] == "id,decision,CEO,COO,Head of Ops"
    blank = run("raci", str(tmp_path / "t" / "raci_template.csv"))
    assert blank.returncode == 1 and "has no letter in any role's column" in blank.stderr
    checked = run("raci", str(rolekit.EXAMPLE_RACI), "--out", str(tmp_path / "o"))
    assert (
        checked.returncode == 0
        and "Of the 12 decisions both tables hold" in checked.stdout
        and (tmp_path / "o" / "raci.png").exists()
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "raci_template.csv").write_text("my notes")
    refused = run("raci", "--template", str(tmp_path / "mine"))
    assert refused.returncode == 1 and "not overwriting" in refused.stderr
    assert (tmp_path / "mine" / "raci_template.csv").read_text() == "my notes"
    assert run("raci").returncode == 1
