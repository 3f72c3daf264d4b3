"""Decision rights as a RACI table (rolekit.decisions): the bundled one read as RACI is defined, a team's own in
either form and as public templates write it (tests/fixtures/raci), the rules each keeps, the comparison and its
summary, the grid chart (rolekit.charts.decisions) and the raci command."""

from pathlib import Path

import matplotlib.legend
import pandas as pd
import pytest
from conftest import errors, needs_sources, passage, run
from hypothesis import given, settings
from hypothesis import strategies as st

import rolekit
from rolekit.charts.decisions import plot_raci
from rolekit.decisions import (
    BOTH,
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
FIXTURES = Path(__file__).parent / "fixtures" / "raci"
FINAL_SAY = ("final", "ultimate", "choose", "ensuring that the organization")  # what an A's passage says


def problems(path) -> list[str]:
    return errors(load_decisions, path)


def letters(table: pd.DataFrame, decision: str) -> dict[str, str]:
    """Each role's part in ``decision``: its letter, or A/R."""
    grid = raci_grid(table)
    return {role: part for role, part in grid.loc[decision].items() if part}


# -- The articles' RACI, read as RACI is defined ------------------------------------------------


def test_the_bundled_table_keeps_the_rules_and_cites_every_letter():
    d = load_decisions()
    a = d[d["raci"] == "A"]
    assert a.groupby("decision").size().eq(1).all() and a["decision"].nunique() == d["decision"].nunique()
    assert not d.duplicated(["decision", "role", "raci"]).any()
    assert d["source"].notna().all() and d["section"].notna().all()  # each letter its own citation
    assert d["decision"].nunique() == 13 and d.attrs["notes"] == []
    assert d.groupby("decision")["raci"].agg(lambda s: "R" in set(s)).all()


def test_the_articles_give_the_final_say_to_the_ceo_and_choosing_the_ceo_to_the_board():
    d = load_decisions()
    assert letters(d, "Decide on major company initiatives") == {"CEO": BOTH, "COO": "C"}
    assert letters(d, "Day-to-day operational decisions") == {"CEO": "A", "COO": "R"}
    assert letters(d, "Choose the CEO") == {"Board": BOTH}
    # The board is A of nothing the CEO decides: answering to the board does not make it the A.
    board = d[(d["role"] == "Board") & (d["raci"] == "A")]
    assert board["decision"].tolist() == ["Choose the CEO"]


def test_the_known_faults_are_fixed():
    d = load_decisions()
    # D10: the CEO oversees budgeting (R) and is A by the passage giving the CEO the final say, not by oversight.
    d10 = d[d["id"] == "D10"].set_index(["role", "raci"])
    assert set(d10.index) == {("COO", "R"), ("CFO", "R"), ("CEO", "R"), ("CEO", "A")}
    assert d10.loc[("CEO", "A"), "section"] == "Understanding the Roles and Responsibilities > CEO"
    # D06: the employer, or the CEO, may set the COO's remit; the CEO has the last word.
    assert letters(d, "What the COO is responsible for") == {"CEO": BOTH, "Employer": "R"}
    # D01: the executive team develops strategies (D07), not the vision.
    assert "Executive team" not in letters(d, "Set the vision and strategic direction")
    assert letters(d, "Turn goals into strategies and objectives")["Executive team"] == "R"


@needs_sources
def test_every_a_rests_on_a_passage_that_gives_the_final_say():
    d = load_decisions()
    for row in d[d["raci"] == "A"].itertuples():
        text = passage(row.source, row.section)
        assert any(words in text for words in FINAL_SAY), (row.id, row.role, row.source, row.section)


# -- A and R together, as spreadsheet users write it ----------------------------------------------


@pytest.mark.parametrize("cell", ["A/R", "a/r", "A, R", "AR", "ar", "R/A", " A / R ", "A+R", "A & R", "R,A", "A R"])
def test_a_role_holding_a_and_r_in_one_cell_of_the_wide_form(table, cell):
    d = load_decisions(table(f'Decision,CEO,COO\nBudget,"{cell}",C\n', "raci.csv"))
    assert d[d["role"] == "CEO"]["raci"].astype(str).tolist() == ["A", "R"]
    assert letters(d, "Budget") == {"CEO": BOTH, "COO": "C"}
    assert d.attrs["notes"] == []  # the A who is also R is the decision's R: nothing was read into it
    assert "CEO is responsible for 1" in raci_summary(d)


def test_a_role_holding_a_and_r_in_the_long_form_is_two_rows_or_one_cell():
    d = load_decisions(FIXTURES / "long_both_letters.csv")
    assert letters(d, "Set the budget") == {"CEO": BOTH, "CFO": "R", "COO": "C"}
    assert letters(d, "Hire the COO") == {"CEO": BOTH, "Board": "I"}
    assert len(d) == 7 and d.attrs["notes"] == []


def test_the_room_export_loads_with_its_a_r_cells():
    d = load_decisions(FIXTURES / "room_export.csv")
    assert letters(d, "Choose the CEO") == {"Board": BOTH}
    assert "the 4 decisions both tables hold" in raci_against(d, load_decisions(), name="the articles")


# -- A RACI as public templates write it ------------------------------------------------------------


@pytest.mark.parametrize(
    "first", ["Task", "Activity", "Deliverable", "Task / Deliverable", "Decision", "TASK", "tasks", "Activities"]
)
def test_the_first_column_may_be_named_as_templates_name_it(table, first):
    d = load_decisions(table(f"{first},CEO,COO\nBudget,A,R\n", "raci.csv"))
    assert d["decision"].tolist() == ["Budget", "Budget"] and set(d["role"]) == {"CEO", "COO"}


def test_a_public_template_loads_with_its_phases_dashes_notes_and_spellings():
    d = load_decisions(FIXTURES / "task_deliverable_template.csv")
    assert list(d["role"].cat.categories) == ["Project Sponsor", "Project Manager", "Team Lead", "Finance"]
    assert "Notes" in d and "Notes" not in set(d["role"])  # notes are text, not a role
    assert d.loc[d["decision"] == "Build the schedule", "Notes"].iloc[0] == "owner signs it off"
    assert letters(d, "Approve the budget") == {"Project Sponsor": BOTH, "Project Manager": "C", "Finance": "C"}
    assert letters(d, "Write the project charter") == {"Project Sponsor": "A", "Project Manager": "R", "Team Lead": "C"}
    assert letters(d, "Agree the risk register")["Project Manager"] == BOTH  # "A, R"; "—" is no part
    phases = d.drop_duplicates("decision").set_index("decision")["phase"]
    assert phases.to_dict() == {
        "Write the project charter": "Initiation",
        "Approve the budget": "Initiation",
        "Build the schedule": "Planning",
        "Agree the risk register": "Planning",
        "Run the weekly status meeting": "Delivery",
        "Sign off the release": "Delivery",
    }
    assert d.attrs["notes"] == []


def test_phase_headings_are_shown_as_headings_in_the_grid_and_the_template():
    d = load_decisions(FIXTURES / "task_deliverable_template.csv")
    grid = raci_grid(d)
    assert grid.index.tolist()[:3] == ["Initiation", "Write the project charter", "Approve the budget"]
    assert grid.loc["Planning"].eq("").all()
    assert not grid.drop(["Initiation", "Planning", "Delivery"]).eq("").all(axis=1).any()
    template = raci_template(d)
    assert template.loc[template["decision"] == "Initiation", "id"].item() == ""  # a heading has no id
    assert template["id"].tolist()[1:3] == ["D01", "D02"]
    ax = plot_raci(d)
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Initiation", "Planning", "Delivery"]


@pytest.mark.slow
def test_a_key_decision_with_only_a_c_and_i_is_read_as_the_a_doing_it_with_a_note(tmp_path):
    path = FIXTURES / "activity_key_decisions.csv"
    d = load_decisions(path)
    assert letters(d, "Choose the new market") == {"CEO": BOTH, "COO": "C", "CFO": "C"}
    notes = [str(n) for n in d.attrs["notes"]]
    assert notes == [
        f"{path}:2: decision 'Choose the new market' has an A and no R: read as CEO doing it as well (A/R); a RACI "
        "that names only the A means the A does it",
        f"{path}:3: decision 'Set the hiring freeze' has an A and no R: read as CEO doing it as well (A/R); a RACI "
        "that names only the A means the A does it",
    ]
    assert "Read with 2 notes: decision 'Choose the new market' has an A and no R" in raci_summary(d)
    assert "Comments" in d and "Comments" not in set(d["role"])
    done = run("raci", str(path))
    assert done.returncode == 0 and done.stderr.count("note: ") == 2 and f"{path}:3:" in done.stderr


def test_a_template_row_left_blank_and_a_heading_with_nothing_under_it_are_notes(table):
    path = table("id,decision,CEO,COO\nD01,Budget,A,R\nD02,Hiring,,\n,Later,,\n", "raci.csv")
    d = load_decisions(path)
    assert d["decision"].unique().tolist() == ["Budget"]
    assert [n.line for n in d.attrs["notes"]] == [3, 4]
    assert "has no letter in any role's column: left out" in d.attrs["notes"][0].message
    assert "read as a phase heading" in d.attrs["notes"][1].message


# -- Still refused, with the line ------------------------------------------------------------------


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
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,X\nBudget,CFO,R\n",
            ["raci.csv:3: column 'raci': 'X' is not a RACI letter; allowed: R (responsible), A (accountable)"],
        ),
        ("decision,role,raci\nBudget,CEO,A\nBudget,COO,Consulted\nBudget,CFO,R\n", ["(did you mean 'C'?)"]),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,COO,R\nbudget,coo,C\n",
            ["raci.csv:4: column 'role': 'coo' already has a letter for 'budget' on line 3"],
        ),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,CEO,C\nBudget,COO,R\n",
            ["raci.csv:3: column 'role': 'CEO' already has a letter for 'Budget' on line 2", "or A and R together"],
        ),
        ("decision,role,raci\nBudget,CEO,A/C\nBudget,COO,R\n", ["raci.csv:2: column 'raci': 'A/C' gives one role 2"]),
        (
            "Decision,CEO,COO\nBudget,A,A\n",
            ["raci.csv:2: decision 'Budget' has 2 As (CEO on line 2, COO on line 2)"],
        ),
        ("Decision,CEO,COO\nBudget,R,C\n\nHire,A,R\n", ["raci.csv:2: decision 'Budget' (line 2) has no A"]),
        (
            "Decision,CEO,COO\nBudget,A,R\nHire,A,q\n",
            ["raci.csv:3: column 'COO': 'q' is not a RACI letter", "or blank (or -) when the role has no part"],
        ),
        ("Decision,CEO,COO\nBudget,AA,R\n", ["raci.csv:2: column 'CEO': 'AA' gives one role the same letter twice"]),
        ("Decision,CEO,COO\nBudget,,\n", ["raci.csv: no decision has a letter: every role's cell is blank"]),
        ("Decision\nBudget\n", ["raci.csv:1: has a decision column but no role columns"]),
        ("decision,role\nBudget,CEO\n", ["column 'raci': required column is missing"]),
        ("Item,CEO,COO\nBudget,A,R\n", ["raci.csv:1: the header ('Item', 'CEO', 'COO') names no column of decisions"]),
        ("PK\x03\x04 not a table", ["raci.csv: this is a ZIP archive, not a CSV text file"]),
        ("Decision;CEO;COO\nBudget;A;R\n", ["raci.csv:1: the columns are separated by semicolons, not commas"]),
        ("Task\tCEO\tCOO\nBudget\tA\tR\n", ["raci.csv:1: the columns are separated by tabs, not commas"]),
        ("decision;role;raci\nBudget;CEO;A\n", ["raci.csv:1: the columns are separated by semicolons, not commas"]),
        (
            "Decision,CEO,COO\nBudget,A/R,C\nHire,A,R\nbudget,A/R,C\n",
            [
                "raci.csv:4: column 'decision': decision 'Budget' is on lines 2 and 4; give each decision one row "
                "(merge them, or word them apart if they are two decisions)"
            ],
        ),
        (
            "decision,role,raci\nBudget,CEO,A\nBudget,CEO,R\nBudget,CEO,A\n",
            ["raci.csv:4: column 'role': 'CEO' already has a letter for 'Budget' on line 2"],
        ),
        ("Decision,CEO,COO\nBudget,\u0410,R\n", ["column 'CEO': '\\u0410' holds Cyrillic Capital Letter A"]),
    ],
)
def test_a_table_breaking_a_rule_is_refused_with_its_lines_named(table, text, expected):
    found = problems(table(text, "raci.csv"))
    for part in expected:
        assert part in "\n".join(found), found
    assert len(found) == len(set(found)), found  # each problem said once
    if "on lines 2 and 4" in expected[0] or "'CEO' already has" in expected[0]:
        assert len(found) == 1, found  # a decision written twice is one problem, not one per role or per A


@pytest.mark.parametrize(
    "name, expected",
    [
        ("two_as.csv", ["two_as.csv:2: decision 'Approve the budget' has 2 As (CEO on line 2, COO on line 2)"]),
        ("no_a.csv", ["no_a.csv:2: decision 'Quarterly report' (line 2) has no A"]),
        (
            "unknown_letter.csv",
            [
                "unknown_letter.csv:2: column 'COO': 'X' is not a RACI letter",
                "unknown_letter.csv:3: column 'CEO': 'A/C' gives one role 2 letters",
            ],
        ),
        ("title_above.csv", ["title_above.csv:1: the header seems to be on line 3, not line 1"]),
    ],
)
def test_the_refused_fixtures_name_their_lines(name, expected):
    found = "\n".join(p.replace(str(FIXTURES) + "/", "") for p in problems(FIXTURES / name))
    for part in expected:
        assert part in found, found


def test_header_problems_name_the_file_and_its_header_line(table):
    path = table("Decision,\u0421EO,COO\nBudget,A,R\n", "raci.csv")  # a Cyrillic С
    lookalike = [p.replace(str(path), "raci.csv") for p in problems(path)]
    assert lookalike and all(p.startswith("raci.csv:1: column '\u0421EO'") for p in lookalike), lookalike
    path = table("\n\nDecision,CEO,ceo\nBudget,A,R\n", "raci.csv")
    twice = [p.replace(str(path), "raci.csv") for p in problems(path)]
    assert any(p.startswith("raci.csv:3: column 'ceo': appears twice in the header") for p in twice), twice


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


# -- Templates, comparisons, summaries ---------------------------------------------------------------


def test_the_template_filled_with_the_articles_letters_is_the_articles_table(tmp_path):
    template = raci_template()
    assert template.drop(columns=["id", "decision"]).eq("").all(axis=None)
    assert "A/R where it owns the decision and does it" in template.columns[-1]  # the template says how
    grid = raci_grid(load_decisions())
    filled = template.set_index("decision")
    filled.loc[:, grid.columns] = grid.loc[filled.index, grid.columns]
    path = tmp_path / "filled.csv"
    filled.reset_index()[template.columns].to_csv(path, index=False)
    mine = load_decisions(path)
    assert compare_raci(load_decisions(), mine)["change"].eq("same").all()
    assert raci_summary(mine, load_decisions()).endswith("every role has the same letter.")


@pytest.mark.parametrize("roles", [["CEO", "ceo"], [""], ["decision", "id"], ["COO", "Notes"], ["Task"]])
def test_a_template_with_roles_it_could_not_read_back_is_refused(roles):
    with pytest.raises(DataError) as caught:
        raci_template(roles=roles)
    assert caught.value.problems[0].file == "roles"


def test_compare_and_summary_give_known_answers():
    d = load_decisions()
    mine = d.copy()
    mine["raci"] = mine["raci"].astype(str)
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "CEO"), "raci"] = "R"
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "COO"), "raci"] = "A"
    mine = mine[~((mine["decision"] == "Set the vision and strategic direction") & (mine["role"] == "COO"))]
    changes = compare_raci(d, mine)
    parts = len(raci_grid(d).ne("").stack().loc[lambda s: s])
    assert changes["change"].value_counts().to_dict() == {"same": parts - 3, "changed": 2, "removed": 1}
    assert raci_summary(mine, d).endswith(
        "Of the 13 decisions both tables hold, 2 give some role another letter (3 cells in all), and 1 has another A."
    )
    # A/R against A alone is another part.
    alone = d[~((d["id"] == "D13") & (d["raci"] == "R"))]
    assert compare_raci(d, alone, changes=["changed"])[["role", "before", "after"]].values.tolist() == [
        ["Board", "A/R", "A"]
    ]


def test_the_grid_shows_every_letter_and_says_in_words_what_differs():
    d = load_decisions()
    ax = plot_raci(d)
    shown = sorted(t.get_text() for t in ax.texts)
    assert shown == sorted(p for p in raci_grid(d).to_numpy().ravel() if p)
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [str(r) for r in raci_grid(d).columns]
    assert ax.get_title(loc="left").replace("\n", " ") == raci_summary(d)
    assert "A accountable (A/R: and R)" in [t.get_text() for t in ax.get_legend().get_texts()]
    example = load_decisions(rolekit.EXAMPLE_RACI)
    ax = plot_raci(example, against=d, name="the articles")
    texts = {t.get_text() for t in ax.texts}
    assert "R→A" in texts and any(t.startswith("–→") for t in texts)
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    said = [t.get_text() for legend in legends for t in legend.get_texts()]
    assert "outlined: differs from the articles; C→R: C there, R here (– no letter)" in said
    changed = compare_raci(d, example)
    shared = set(d["decision"].str.casefold()) & set(example["decision"].str.casefold())
    rows = set(raci_grid(example).index[: len(ax.get_yticklabels())].str.casefold())  # the decisions drawn
    drawn = changed[
        (changed["change"] != "same")
        & changed["decision"].str.casefold().isin(shared & rows)  # a role only the articles have gets its column
    ]
    assert sum("→" in t.get_text() for t in ax.texts) == len(drawn)
    assert {"Employer", "Executive\nteam"} <= {t.get_text() for t in ax.get_xticklabels()}


def test_a_team_with_none_of_the_articles_decisions_is_told_so_plainly():
    team = load_decisions(FIXTURES / "task_deliverable_template.csv")
    said = raci_against(team, load_decisions(), name="the articles")
    assert said.startswith("None of this table's 6 decisions is among the articles' 13")
    ax = plot_raci(team, against=load_decisions(), name="the articles")
    assert not any("→" in t.get_text() for t in ax.texts)  # nothing to outline where no decision is shared


def test_a_team_naming_its_roles_in_full_or_in_capitals_is_compared_role_by_role():
    d = load_decisions()
    full = {"CEO": "Chief Executive Officer", "COO": "Chief Operating Officer", "Board": "BOARD"}
    mine = d.assign(role=d["role"].astype(str).replace(full))
    assert raci_against(mine, d) == "On the 13 decisions both tables hold, every role has the same letter."
    changes = compare_raci(d, mine)
    assert set(changes["change"]) == {"same"} and {"Chief Executive Officer", "BOARD"} <= set(changes["role"])


def test_raci_against_says_what_differs_on_shared_decisions_and_which_are_only_in_one_table():
    d = load_decisions()
    assert raci_against(d, d) == "On the 13 decisions both tables hold, every role has the same letter."
    mine = d.copy()
    mine["raci"] = mine["raci"].astype(str)
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "CEO"), "raci"] = "R"
    mine.loc[(mine["decision"] == "Allocate resources") & (mine["role"] == "COO"), "raci"] = "A"
    assert raci_against(mine, d) == (
        "Of the 13 decisions both tables hold, 1 gives some role another letter (2 cells in all), and 1 has another A."
    )
    first = d["decision"].iloc[0]
    fewer = d[d["decision"] != first]
    assert raci_against(fewer, d, name="the articles") == (
        "On the 12 decisions both tables hold, every role has the same letter. 1 decision is only in the articles."
    )
    assert raci_against(d, fewer).endswith("every role has the same letter. 1 decision is only in this table.")
    other = pd.concat([fewer, pd.DataFrame({"decision": ["Elsewhere"] * 2, "role": ["CEO", "COO"], "raci": "A"})])
    assert raci_against(d, other).endswith(" 1 decision is only in this table, 1 only in the other table.")
    assert raci_against(d, pd.DataFrame({"decision": ["Elsewhere"], "role": ["CEO"], "raci": ["A"]})) == (
        "None of this table's 13 decisions is among the other table's 1: decisions match by their wording "
        "(ignoring case), so a decision worded differently counts as another one."
    )
    assert raci_summary(mine, d).endswith(raci_against(mine, d))  # the summary against a table ends with it


def test_the_python_api_refuses_what_it_cannot_draw_and_says_what_is_allowed():
    with pytest.raises(DataError, match="has no decisions, so there is nothing to lay out decisions by roles"):
        plot_raci(load_decisions().iloc[0:0])
    with pytest.raises(DataError, match=r"'Z' is not a RACI letter; allowed: R \(responsible\)"):
        plot_raci(pd.DataFrame({"decision": ["Budget"], "role": ["CEO"], "raci": ["Z"]}))
    lower = pd.DataFrame({"decision": ["Budget", "Budget"], "role": ["CEO", "COO"], "raci": ["a/r", "c"]})
    assert sorted(t.get_text() for t in plot_raci(lower).texts) == ["A/R", "C"]  # any case, as the loader reads it
    with pytest.raises(DataError, match="has no tensions, so there is nothing to draw"):
        rolekit.plot_tensions(rolekit.load_tensions().iloc[0:0])


# -- Any grid -----------------------------------------------------------------------------------------

BOTH_SPELLINGS = ["A/R", "a/r", "AR", "R/A", "A, R"]
LETTER = st.sampled_from(["R", "A", "C", "I", "", "r", "a", "-", "–", "x", "A/C", *BOTH_SPELLINGS])


def _parts(cell: str) -> tuple[str, ...] | None:
    """What a cell gives its role, as RACI is written (None: refused)."""
    if cell in ("", "-", "–"):
        return ()
    if cell in BOTH_SPELLINGS:
        return ("A", "R")
    return (cell.upper(),) if cell.upper() in LETTERS else None


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(LETTER, min_size=3, max_size=3), min_size=1, max_size=5))
def test_any_grid_loads_exactly_when_it_keeps_the_rules(tmp_path_factory, cells):
    parsed = [[_parts(c) for c in row] for row in cells]
    decisions = [row for row in parsed if all(p is not None for p in row) and any(row)]
    valid = all(all(p is not None for p in row) for row in parsed) and bool(decisions)
    valid = valid and all(sum("A" in p for p in row) == 1 for row in decisions)
    path = tmp_path_factory.mktemp("raci") / "grid.csv"
    pd.DataFrame(cells, columns=["CEO", "COO", "Board"]).assign(
        decision=[f"Decision {i}" for i in range(len(cells))]
    ).to_csv(path, index=False)
    if valid:
        d = load_decisions(path)
        implied = sum(not any("R" in p for p in row) for row in decisions)  # an A alone is read as A/R
        assert len(d) == sum(len(p) for row in decisions for p in row) + implied
        empty, pending = 0, False  # a heading (a row with no letter) with no decision under it is a note too
        for row in parsed:
            empty += pending and not any(row)
            pending = not any(row)
        assert len(d.attrs["notes"]) == implied + empty + pending
    else:
        with pytest.raises(DataError):
            load_decisions(path)


# -- The command ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_command_writes_a_template_checks_a_table_and_never_overwrites_a_foreign_file(tmp_path):
    done = run("raci", "--template", str(tmp_path / "t"), "--roles", "CEO,COO,Head of Ops")
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "t" / "raci_template.csv").read_text().splitlines()[0]
    assert header.startswith("id,decision,CEO,COO,Head of Ops,\"notes (in each role's column: R, A, C or I; A/R ")
    assert "A/R for a role that owns a decision and does it" in done.stdout
    assert "its rows are the articles' decisions (reword, delete or add rows to fit your team)" in done.stdout
    blank = run("raci", str(tmp_path / "t" / "raci_template.csv"))
    assert blank.returncode == 1 and "no decision has a letter" in blank.stderr
    checked = run("raci", str(rolekit.EXAMPLE_RACI), "--out", str(tmp_path / "o"))
    assert (
        checked.returncode == 0
        and "Of the 13 decisions both tables hold" in checked.stdout
        and (tmp_path / "o" / "raci.png").exists()
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "raci_template.csv").write_text("my notes")
    refused = run("raci", "--template", str(tmp_path / "mine"))
    assert refused.returncode == 1 and "not overwriting" in refused.stderr
    assert "choose another --template, or move it away" in refused.stderr  # the option that named the folder
    assert (tmp_path / "mine" / "raci_template.csv").read_text() == "my notes"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [[], ["x.csv", "--template", "t"], ["--template", "t", "--out", "o"], ["x.csv", "--roles", "CEO"]]
)
def test_the_command_used_wrongly_is_a_usage_error(args, tmp_path):
    done = run("raci", *args, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("usage: rolekit raci"), done.stderr
    assert not (tmp_path / "t").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    "roles, said",
    [
        ("CEO,ceo", "'ceo' is given twice (as 'CEO' and 'ceo')"),
        (",", "no role given"),
        ("decision,id", "'decision' and 'id' name columns a RACI table has of its own"),
    ],
)
def test_a_template_of_roles_rolekit_could_not_read_back_is_refused_before_anything_is_written(tmp_path, roles, said):
    done = run("raci", "--template", str(tmp_path / "t"), "--roles", roles)
    assert done.returncode == 2 and f"argument --roles: {said}" in done.stderr, done.stderr
    assert not (tmp_path / "t").exists()


@pytest.mark.slow
def test_template_headers_go_through_the_formula_guard_and_read_back_as_typed(tmp_path):
    done = run("raci", "--template", str(tmp_path / "t"), "--roles", "=HYPERLINK(1);@Sales;COO".replace(";", ","))
    assert done.returncode == 0, done.stderr
    path = tmp_path / "t" / "raci_template.csv"
    header = path.read_text().splitlines()[0]
    assert header.startswith("id,decision,'=HYPERLINK(1),'@Sales,COO,")
    filled = pd.read_csv(path, dtype=str).fillna("")
    filled["'=HYPERLINK(1)"], filled["COO"] = "A", "R"
    filled.to_csv(tmp_path / "filled.csv", index=False)
    d = load_decisions(tmp_path / "filled.csv")
    assert list(d["role"].cat.categories) == ["COO", "=HYPERLINK(1)"]  # the guard's quote undone on reading


def test_a_role_name_with_a_comma_is_given_to_roles_in_double_quotes(tmp_path, capsys):
    from rolekit.cli import main

    assert main(["raci", "--template", str(tmp_path), "--roles", 'CEO,"Head of Sales, EMEA", CFO']) == 0
    header = pd.read_csv(tmp_path / "raci_template.csv", nrows=0).columns.tolist()
    assert header[2:5] == ["CEO", "Head of Sales, EMEA", "CFO"]


def test_a_role_with_a_comma_in_its_name_reads_as_one_in_the_summary():
    d = load_decisions()
    mine = d.assign(role=d["role"].astype(str).replace({"COO": "Head of Sales, EMEA"}))
    assert "the “Head of Sales, EMEA” for 6, 4 other roles for 4" in raci_summary(mine)
