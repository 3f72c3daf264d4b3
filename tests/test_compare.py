"""Comparing two tables (rolekit.compare): what moved, was retagged, added or removed; duties two roles both hold;
the chart of what moved (rolekit.charts.compare); the compare command. Weighted analyses are in test_analysis.py."""

import pandas as pd

import rolekit
from rolekit.cli import main
from rolekit.compare import compare, similar_responsibilities, summary
from rolekit.output import MANIFEST, neutralised

BASE = pd.DataFrame(
    {
        "id": ["R1", "R2", "R3", "R4", "R5"],
        "role": ["CEO", "CEO", "COO", "COO", "COO"],
        "responsibility": [
            "Sets the vision",
            "Talks to investors",
            "Runs operations",
            "Hires managers",
            "Keeps costs down",
        ],
        "scope": ["internal", "external", "internal", "internal", "internal"],
        "horizon": ["long-term", "daily", "daily", "long-term", "daily"],
    }
)


def _changes(before, after):
    c = compare(before, after)
    return dict(zip(c["responsibility"], c["change"]))


def test_a_table_against_itself_is_all_same():
    df = rolekit.load_responsibilities()
    c = compare(df, df)
    assert (c["change"] == "same").all() and len(c) == len(df)
    assert summary(c) == f"The two tables give all {len(df)} responsibilities to the same roles with the same tags."


def test_moves_retags_adds_and_removes_by_id():
    after = BASE.copy()
    after.loc[0, "role"] = "COO"  # moved
    after.loc[1, "horizon"] = "long-term"  # retagged
    after.loc[2, ["role", "scope"]] = ["CFO", "external"]  # moved and retagged
    after = after.drop(index=4)  # removed
    after.loc[9] = ["R9", "CFO", "Closes the books", "internal", "daily"]  # added
    c = compare(BASE, after)
    assert list(c.columns) == [
        "id",
        "responsibility",
        "change",
        "role_before",
        "role_after",
        "scope_before",
        "scope_after",
        "horizon_before",
        "horizon_after",
    ]
    assert _changes(BASE, after) == {
        "Sets the vision": "moved",
        "Talks to investors": "retagged",
        "Runs operations": "moved and retagged",
        "Hires managers": "same",
        "Keeps costs down": "removed",
        "Closes the books": "added",
    }
    row = c.set_index("id").loc["R3"]
    assert (row["role_before"], row["role_after"], row["scope_before"], row["scope_after"]) == (
        "COO",
        "CFO",
        "internal",
        "external",
    )
    assert summary(c) == (
        "2 of 6 responsibilities moved, 1 from CEO to COO, 1 from COO to CFO; 1 retagged on scope or horizon "
        "without moving; 1 added; 1 removed; 1 unchanged."
    )


def test_matching_by_text_ignores_case_spacing_and_punctuation_when_one_table_has_no_ids():
    after = BASE.drop(columns="id").assign(
        responsibility=[
            "  sets THE vision.",
            "Talks to investors!",
            "Runs  operations",
            "Hires managers",
            "Keeps costs down",
        ],
        role=["COO", "CEO", "COO", "COO", "COO"],
    )
    c = compare(BASE, after)
    assert "id" not in c
    assert c.set_index("responsibility")["change"].to_dict()["  sets THE vision."] == "moved"
    assert (c["change"] == "same").sum() == 4


def test_a_duty_held_by_two_roles_stays_two_rows():
    before = pd.DataFrame(
        {
            "role": ["CEO", "COO", "COO"],
            "responsibility": ["Builds trust", "Builds trust", "Runs ops"],
            "scope": ["internal"] * 3,
            "horizon": ["daily"] * 3,
        }
    )
    after = pd.DataFrame(
        {
            "role": ["COO", "CFO"],
            "responsibility": ["Builds trust", "Builds trust"],
            "scope": ["internal"] * 2,
            "horizon": ["daily"] * 2,
        }
    )
    c = compare(before, after)
    trust = c[c["responsibility"] == "Builds trust"]
    assert len(trust) == 2
    assert sorted(zip(trust["role_before"].astype(str), trust["role_after"].astype(str), trust["change"])) == [
        ("CEO", "CFO", "moved"),
        ("COO", "COO", "same"),
    ]  # the COO's row pairs with the COO's row first
    assert c.loc[c["responsibility"] == "Runs ops", "change"].item() == "removed"


def test_different_role_sets_keep_every_role():
    after = BASE.assign(role=["Founder", "Founder", "Head of Ops", "Head of Ops", "Head of Ops"])
    c = compare(BASE, after)
    assert list(c["role_before"].cat.categories) == ["CEO", "COO", "Founder", "Head of Ops"]
    assert (c["change"] == "moved").all()


def test_compare_can_keep_only_some_changes():
    after = BASE.assign(role=["COO", "CEO", "COO", "COO", "COO"])
    assert compare(BASE, after, changes="moved")["responsibility"].tolist() == ["Sets the vision"]


def test_plot_compare_draws_the_flows_and_states_them():
    after = BASE.assign(role=["COO", "COO", "COO", "COO", "CFO"])
    ax = rolekit.plot_compare(BASE, after)
    counts = sorted(t.get_text() for t in ax.texts if t.get_text().isdigit())
    assert counts == ["1", "2"]  # CEO -> COO (2), COO -> CFO (1)
    assert (
        ax.get_title(loc="left").replace("\n", " ")
        == "3 of 5 responsibilities moved, 2 from CEO to COO, 1 from COO to CFO; 2 unchanged."
    )
    assert {t.get_text() for t in ax.texts} >= {"CEO (2)", "COO (3)", "COO (4)", "CFO (1)"}
    assert min(t.get_fontsize() for t in ax.texts) >= 12


# -- The same duty, two owners ----------------------------------------------------------------


def test_rewordings_score_high_and_unrelated_duties_low():
    df = pd.DataFrame(
        {
            "role": ["CEO", "COO", "CFO", "Controller", "CEO", "COO"],
            "responsibility": [
                "Builds trust and mutual understanding with the COO",
                "Builds trust and mutual understanding with the CEO",
                "Direct or coordinate financial activities",
                "Oversee financial activities",
                "Represents the company to the press",
                "Keeps costs under control",
            ],
        }
    )
    pairs = similar_responsibilities(df, threshold=0.75)
    found = {frozenset([a, b]) for a, b in zip(pairs["role_a"], pairs["role_b"])}
    assert found == {frozenset(["CEO", "COO"]), frozenset(["CFO", "Controller"])}
    assert pairs["score"].between(0, 1).all() and pairs["score"].is_monotonic_decreasing
    everything = similar_responsibilities(df, threshold=0)
    unrelated = everything[
        (everything["responsibility_a"] == "Represents the company to the press")
        & (everything["responsibility_b"] == "Keeps costs under control")
    ]
    assert unrelated["score"].item() < 0.5


def test_pairs_are_only_between_different_roles_across_many_roles():
    df = pd.DataFrame({"role": ["A", "A", "B", "C"], "responsibility": ["Approves the budget"] * 4})
    pairs = similar_responsibilities(df)
    assert len(pairs) == 5  # every pair but A with A
    assert not (pairs["role_a"] == pairs["role_b"]).any()


def test_ids_are_given_when_the_table_has_them():
    pairs = similar_responsibilities(rolekit.load_responsibilities())
    assert {"id_a", "id_b"} <= set(pairs.columns)
    assert {frozenset(p) for p in zip(pairs["id_a"], pairs["id_b"])} >= {
        frozenset(["R045", "R046"]),
        frozenset(["R072", "R079"]),
    }


ONET = [  # O*NET 30 task statements (CC BY 4.0): 11-1011 Chief Executives and 11-1021 General and Operations Managers
    (
        "Chief Executives",
        "Direct or coordinate an organization's financial or budget activities to fund operations, maximize "
        "investments, or increase efficiency.",
    ),
    (
        "Chief Executives",
        "Confer with board members, organization officials, or staff members to discuss issues, coordinate "
        "activities, or resolve problems.",
    ),
    (
        "Chief Executives",
        "Analyze operations to evaluate performance of a company or its staff in meeting objectives or to determine "
        "areas of potential cost reduction, program improvement, or policy change.",
    ),
    ("Chief Executives", "Appoint department heads or managers and assign or delegate responsibilities to them."),
    ("Chief Executives", "Prepare budgets for approval, including those for funding or implementation of programs."),
    (
        "Chief Executives",
        "Negotiate or approve contracts or agreements with suppliers, distributors, federal or state agencies, or "
        "other organizational entities.",
    ),
    (
        "General and Operations Managers",
        "Direct and coordinate organization's financial and budget activities to fund operations, maximize "
        "investments, and increase efficiency.",
    ),
    (
        "General and Operations Managers",
        "Review financial statements, sales or activity reports, or other performance data to measure productivity or "
        "goal achievement or to identify areas needing cost reduction or program improvement.",
    ),
    ("General and Operations Managers", "Manage staff, preparing work schedules and assigning specific duties."),
    (
        "General and Operations Managers",
        "Oversee activities directly related to making products or providing services.",
    ),
    (
        "General and Operations Managers",
        "Determine staffing requirements, and interview, hire and train new employees, or oversee those personnel "
        "processes.",
    ),
    ("General and Operations Managers", "Negotiate contracts with suppliers, distributors, and other organizations."),
]


def test_known_same_duty_pairs_of_an_occupational_task_list_are_at_the_top():
    df = pd.DataFrame(ONET, columns=["role", "responsibility"])
    top = similar_responsibilities(df, threshold=0).head(5)
    found = {frozenset([a[:30], b[:30]]) for a, b in zip(top["responsibility_a"], top["responsibility_b"])}
    for a, b in [(0, 6), (5, 11), (2, 7)]:
        assert frozenset([ONET[a][1][:30], ONET[b][1][:30]]) in found


def test_a_few_hundred_rows_in_well_under_a_second():
    import time

    df = pd.concat([rolekit.load_responsibilities()] * 4, ignore_index=True).drop(columns="id")
    start = time.perf_counter()
    similar_responsibilities(df)
    assert time.perf_counter() - start < 2  # generous: the benchmark-free bar is "well under a second" on 340 rows


# -- The command line ---------------------------------------------------------------------------


def test_compare_command_prints_the_summary_and_writes_chart_and_table(tmp_path, capsys):
    bundled = str(rolekit.bundled("data/responsibilities.csv"))
    example = str(rolekit.EXAMPLE_ORGANISATION)
    assert main(["compare", bundled, example, "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    expected = rolekit.compare_summary(rolekit.load_responsibilities(), rolekit.load_responsibilities(example))
    assert out[0] == f"{bundled} -> {example}: {expected}"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [MANIFEST, "compare.png", "comparison.csv"]
    table = pd.read_csv(tmp_path / "out" / "comparison.csv")
    assert len(table) == len(compare(rolekit.load_responsibilities(), rolekit.load_responsibilities(example)))


def test_compare_command_reports_both_bad_files(table, capsys):
    a = table("role,responsibility,scope,horizon\nCEO,a,inside,daily\n", "a.csv")
    b = table("role,responsibility,scope\n", "b.csv")
    assert main(["compare", str(a), str(b)]) == 1
    err = capsys.readouterr().err
    assert f"{a}:2: column 'scope': 'inside'" in err and f"{b}:1: column 'horizon': required column is missing" in err


def test_formula_cells_are_neutralised_in_written_csv(tmp_path):
    before = BASE.assign(responsibility=['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tTab"])
    assert neutralised(before)["responsibility"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "'\tTab"]
    path = tmp_path / "b.csv"
    before.to_csv(path, index=False)
    assert main(["compare", str(path), str(path), "--out", str(tmp_path / "o")]) == 0
    text = (tmp_path / "o" / "comparison.csv").read_text()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
