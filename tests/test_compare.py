"""Comparing two tables (rolekit.compare): what moved, was retagged, added or removed; duties two roles both hold;
the chart of what moved (rolekit.charts.compare); the compare command. Weighted analyses are in test_analysis.py."""

from pathlib import Path

import pandas as pd
import pytest

import rolekit
from rolekit.cli import main
from rolekit.compare import MATCH, compare, similar_responsibilities, summary
from rolekit.output import MANIFEST, neutralised
from rolekit.similarity import content_words, scores
from rolekit.style import role_colors

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


@pytest.mark.parametrize(
    ("ids", "why"),
    [
        ([f"A{i:02d}" for i in range(25)], "are all different"),  # the team's own numbering
        ([f"R{i + 1:03d}" for i in range(25)], "name different responsibilities"),  # the articles' numbering, reused
    ],
)
def test_ids_that_name_other_responsibilities_are_not_used_to_match_and_the_summary_says_so(ids, why):
    from rolekit.compare import compare_summary, ids_agree

    articles = rolekit.load_responsibilities()
    team = articles.sample(25, random_state=1).reset_index(drop=True)
    team = team.assign(role=[["Managing Director", "Head of Ops", "Finance Lead"][i % 3] for i in range(25)])
    with_ids = compare(articles, team.assign(id=ids))
    assert not ids_agree(articles, team.assign(id=ids)) and "id" not in with_ids
    pd.testing.assert_frame_equal(with_ids, compare(articles, team.drop(columns="id")))
    assert (with_ids["change"] != "added").all()  # every row of the team is one of the articles'
    said = compare_summary(articles, team.assign(id=ids))
    assert said.startswith(f"The two tables' ids {why}, so their rows are matched by what they say. Of the 25 ")
    assert ids_agree(articles, team) and set(compare(articles, team)["matched_by"].dropna()) == {"id"}


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
        "matched_by",
        "similarity",
        "responsibility_before",
    ]
    assert set(c["matched_by"].dropna()) == {"id"} and c["similarity"].dropna().eq(1).all()
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
        "Of the 4 responsibilities the two tables share, 2 moved, 1 from CEO to COO, 1 from COO to CFO. 1 of the "
        "second table's responsibilities is its own (no row of the first table is close enough in wording). "
        "Nobody in the second table holds 1 of the first table's responsibilities. 2 shared responsibilities changed "
        "scope or horizon."
    )  # moved first, then what only the second table holds, then what nobody in it holds
    assert summary(c, "the articles", "your table", parts=["own"]) == (
        "1 of your table's responsibilities is its own (no row of the articles is close enough in wording)."
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
        == "Of the 5 responsibilities the two tables share, 3 moved, 2 from CEO to COO, 1 from COO to CFO."
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
    assert unrelated.empty  # sharing no content word, the two are never even compared
    words = content_words(["Represents the company to the press", "Keeps costs under control"])
    assert scores([words[0]], [words[1]])[0] < 0.5


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


def test_a_table_given_four_times_finds_the_same_pairs_of_duties_sixteen_times_each():
    # (how long a few hundred rows take is printed by benchmarks/compare.py, not asserted here)
    once = rolekit.load_responsibilities().drop(columns="id")
    pairs = {
        frozenset(p): s
        for *p, s in similar_responsibilities(once)[["responsibility_a", "responsibility_b", "score"]].itertuples(
            index=False
        )
    }
    four = similar_responsibilities(pd.concat([once] * 4, ignore_index=True))
    found = [frozenset(p) for p in zip(four["responsibility_a"], four["responsibility_b"])]
    assert pairs and sorted(found, key=sorted) == sorted([p for p in pairs for _ in range(16)], key=sorted)
    assert all(s == pairs[p] for p, s in zip(found, four["score"]))


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


# -- A team's table written from scratch: matching by what rows say ------------------------------

PARAPHRASED = Path(__file__).parent / "data" / "paraphrased_team.csv"


def test_a_paraphrased_team_table_is_matched_to_the_articles_with_known_answers():
    """35 rows reworded from the bundled table's (the `paraphrases` column says which) and 8 of the team's own."""
    articles = rolekit.load_responsibilities()
    team = pd.read_csv(PARAPHRASED, dtype=str, keep_default_na=False)
    truth = {r: p for r, p in zip(team["responsibility"], team["paraphrases"]) if p}
    c = compare(articles.drop(columns="id"), team.drop(columns="paraphrases"))
    matched = c[c["matched_by"].notna()]
    id_of = dict(zip(articles["responsibility"], articles["id"]))
    found = {r: id_of[b] for r, b in zip(matched["responsibility"], matched["responsibility_before"])}
    right = sum(found.get(r) == p for r, p in truth.items())
    precision, recall = right / len(found), right / len(truth)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)  # the README states the measured figures
    own = set(c.loc[c["change"] == "added", "responsibility"])
    assert own >= {r for r, p in zip(team["responsibility"], team["paraphrases"]) if not p} - set(found)


def test_one_word_in_common_matches_only_short_texts():
    articles = rolekit.load_responsibilities()
    team = pd.DataFrame(
        {
            "role": ["Head of Operations", "Managing Director", "Finance Lead", "Finance Lead"],
            "responsibility": [
                "Tracks on-time delivery and reports it each Monday",  # 'reports' alone: not "Reports to the CEO"
                "Speaks for the firm at industry events",  # 'industry' alone: not the COO's remit varying by industry
                "Reports to the CEO on operational performance",  # short texts: one word may be enough
                "Reports on the risk budget",  # short, but about no role: not "Reports to the CEO"
            ],
            "scope": ["internal", "external", "internal", "internal"],
            "horizon": ["daily", "daily", "daily", "daily"],
        }
    )
    c = compare(articles.drop(columns="id"), team).set_index("responsibility")
    assert c.loc["Tracks on-time delivery and reports it each Monday", "change"] == "added"
    assert c.loc["Speaks for the firm at industry events", "change"] == "added"
    assert c.loc["Reports to the CEO on operational performance", "responsibility_before"] == "Reports to the CEO"
    alone = compare(articles.drop(columns="id"), team.iloc[[3]]).set_index(
        "responsibility"
    )  # "Reports to the CEO" free
    assert alone.loc["Reports on the risk budget", "responsibility_before"] != "Reports to the CEO"


def test_a_lower_threshold_matches_more_and_none_matches_by_wording_only():
    articles = rolekit.load_responsibilities().drop(columns="id")
    team = pd.read_csv(PARAPHRASED, dtype=str, keep_default_na=False).drop(columns="paraphrases")
    counts = [compare(articles, team, threshold=t)["matched_by"].notna().sum() for t in (0.9, 0.6, 0.4)]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert set(compare(articles, team, threshold=None)["matched_by"].dropna()) <= {"wording"}


def test_a_role_named_for_the_articles_one_has_not_moved():
    before = BASE.drop(columns="id")
    after = before.assign(role=before["role"].astype(str).replace({"CEO": "Chief Executive Officer"}))
    assert set(compare(before, after)["change"]) == {"same"}
    assert rolekit.compare_summary(before, after) == (
        "The two tables give all 5 responsibilities to the same roles with the same tags."
    )


def test_each_row_is_matched_at_most_once():
    before = pd.DataFrame(
        {
            "role": ["CEO", "COO"],
            "responsibility": ["Manages the budgets", "Manages budgets"],
            "scope": ["internal"] * 2,
            "horizon": ["daily"] * 2,
        }
    )
    after = before.iloc[[0]].assign(responsibility="Manages the yearly budgets")
    c = compare(before, after)  # the second row of before says what the first says: it repeats, matched to none
    assert c["change"].value_counts().to_dict() == {"same": 1, "repeated": 1}
    assert c["matched_by"].notna().sum() == 1


def test_tables_naming_no_role_in_common_are_told_so_beside_what_moved():
    articles = rolekit.load_responsibilities()
    french = articles.assign(role=articles["role"].astype(str).map({"CEO": "Directeur général", "COO": "DG délégué"}))
    said = rolekit.compare_summary(articles, french)
    assert said.startswith("Of the 105 responsibilities the two tables share, 105 moved, ")
    assert "The two tables name no role in common: if one role goes by two names, give it one name in both." in said
    one_kept = articles.assign(role=articles["role"].astype(str).replace({"COO": "Head of Operations"}))
    assert "no role in common" not in rolekit.compare_summary(articles, one_kept)
    same_meaning = french.assign(role=articles["role"].astype(str).replace({"CEO": "Chief Executive Officer"}))
    assert "moved" not in rolekit.compare_summary(articles, same_meaning)  # a title of the articles' role is it


@pytest.mark.parametrize("copies", [2, 5])
@pytest.mark.parametrize("reworded", [False, True])
def test_a_team_table_that_names_its_duties_again_holds_no_duty_of_its_own(copies, reworded):
    articles = rolekit.load_responsibilities()
    team = pd.concat([articles.drop(columns="id")] * copies, ignore_index=True)
    if reworded:  # the copies say it with other words: matched by what they say
        again = team.index >= len(articles)
        team.loc[again, "responsibility"] = "In short: " + team.loc[again, "responsibility"].str.upper()
    team.attrs["table"] = "team.csv"
    c = compare(articles, team)
    repeats = len(articles) * (copies - 1)
    assert c["change"].value_counts().to_dict() == {"same": len(articles), "repeated": repeats}
    again = c[c["change"] == "repeated"]
    assert again["matched_by"].isna().all() and again["role_before"].isna().all()
    assert (again["similarity"] >= MATCH).all()
    text = summary(c, "the articles", "team.csv")
    assert "its own" not in text and "Nobody" not in text
    assert f"{repeats} rows of team.csv repeat a responsibility that another of its rows already shares" in text
    back = summary(compare(team, articles), "team.csv", "the articles")  # the other way round
    assert "Each table holds every responsibility the other names." in back and "its own" not in back
    part = summary(compare(team.head(50), articles), "team.csv", "the articles")  # a name in the plural agrees
    assert "of the articles' responsibilities are their own" in part and "another of their rows" in part
    assert "The articles hold every responsibility in team.csv." in part
    ax = rolekit.plot_compare(articles, team)
    assert f"not drawn: {repeats} rows naming a duty again" in [t.get_text() for t in ax.get_legend().get_texts()]
    drawn = {t.get_text() for t in ax.texts}
    assert {"CEO (47)", "COO (58)"} <= drawn and not any(t.startswith("only in") for t in drawn)


def test_a_duty_named_twice_and_one_of_its_own_are_told_apart():
    base = BASE.drop(columns="id")
    after = pd.concat([base, base.iloc[[0]], base.iloc[[0]].assign(responsibility="Plans the office party")])
    c = compare(base, after.reset_index(drop=True))
    assert c["change"].value_counts().to_dict() == {"same": 5, "repeated": 1, "added": 1}
    assert (
        summary(c)
        == "Of the 5 responsibilities the two tables share, none moved to another role. 1 of the second table's "
        "responsibilities is its own (no row of the first table is close enough in wording). 1 row of the second "
        "table repeats a responsibility that another of its rows already shares with the first table. The second "
        "table holds every responsibility in the first table."
    )


@pytest.mark.slow
def test_compare_stays_a_hash_join_on_large_tables():
    df = pd.concat([rolekit.load_responsibilities()] * 2200, ignore_index=True)  # 200,200 rows
    df["id"] = [f"X{i}" for i in range(len(df))]
    after = df.assign(role=df["role"].astype(str).where(df.index % 7 != 0, "CFO"))
    c = compare(df, after)  # at this size only a hash join finishes (benchmarks/compare.py prints how fast)
    assert (c["change"] == "moved").sum() == (df.index % 7 == 0).sum()


def test_the_split_per_theme_needs_no_matching_and_maps_roles():
    a = pd.DataFrame(
        {
            "role": ["CEO", "COO", "COO"],
            "scope": ["internal"] * 3,
            "horizon": ["daily"] * 3,
            "theme": ["finance", "finance", "risk"],
        }
    )
    b = pd.DataFrame(
        {
            "role": ["Chief Executive Officer", "CFO", "CFO"],
            "scope": ["internal"] * 3,
            "horizon": ["daily", "daily", "long-term"],
            "theme": ["finance", "finance", "people"],
        }
    )
    shares = rolekit.compare_shares(a, b)
    finance = shares[(shares["level"] == "theme") & (shares["group"] == "finance")].set_index("role")
    assert finance["share_before"].to_dict() == {"Chief Executive Officer": 0.5, "COO": 0.5, "CFO": 0.0}
    assert finance["share_after"].to_dict() == {"Chief Executive Officer": 0.5, "COO": 0.0, "CFO": 0.5}
    cells = shares[shares["level"] == "cell"]
    assert set(cells["group"]) == {"internal/daily", "internal/long-term"}
    assert rolekit.shares_summary(a, b) == (
        "The split differs most in finance: the first table gives the Chief Executive Officer 50% and the COO 50%; "
        "the second table gives the Chief Executive Officer 50% and the CFO 50%. Only the second table has work in "
        "people. Nobody in the second table holds anything in risk."
    )


def test_the_split_summary_names_ties_and_says_when_the_roles_cannot_be_compared():
    a = pd.DataFrame(
        {
            "role": ["CEO", "COO", "COO", "CEO"],
            "scope": ["internal"] * 4,
            "horizon": ["daily"] * 4,
            "theme": ["finance", "finance", "risk", "risk"],
        }
    )
    swapped = a.assign(role=["CEO", "CEO", "COO", "COO"])
    assert rolekit.shares_summary(a, swapped) == (
        "The split differs most, by 50% each, in finance and risk. In finance, the first table gives the CEO 50% and "
        "the COO 50%; the second table gives the CEO 100%."
    )
    nearly = pd.concat([a] * 100 + [a.iloc[[0]]], ignore_index=True)  # the CEO's finance share: 50.2%, shown as 50%
    assert rolekit.shares_summary(a, nearly) == (
        "In every theme both tables hold, they split the work alike: no role's share differs by half a percentage "
        "point or more."
    )
    assert rolekit.shares_summary(a, a) == "In every theme both tables hold, they split the work the same way."
    strangers = a.assign(role=["Managing Director", "Head of Ops", "Head of Ops", "Managing Director"])
    assert rolekit.shares_summary(a, strangers) == (
        "The two tables name no role in common, so their splits cannot be compared role by role."
    )
    no_theme = swapped.drop(columns="theme")
    no_theme.attrs["table"] = "team.csv"
    assert rolekit.shares_summary(a, no_theme) == (
        "team.csv has no theme, so the split cannot be compared theme by theme."
    )
    assert rolekit.shares_summary(a.drop(columns="theme"), no_theme) == "Neither table has a theme to compare."
    many = a.assign(theme=[f"t{i}" for i in range(4)])
    assert rolekit.shares_summary(a, pd.concat([a, many, many.assign(theme=lambda d: d["theme"] + "x")])).endswith(
        "Only the second table has work in t0, t1, t2, t3 and 4 more themes."
    )


def test_plot_split_draws_each_tables_split_and_says_none():
    articles = rolekit.load_responsibilities()
    team = articles.assign(role=articles["role"].astype(str).where(articles["theme"] != "finance", "CFO"))
    team = team[team["theme"] != "risk"]
    team.attrs["table"] = "your table"
    ax = rolekit.plot_split(articles, team)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:3] == ["strategy", "operations", "finance"]
    assert "none" in [t.get_text() for t in ax.texts]  # risk: nobody in the team's table
    assert {"The articles", "Your table"} <= {t.get_text() for t in ax.texts}
    finance = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - labels.index("finance")) < 0.01]
    assert sorted(round(p.get_width(), 2) for p in finance if p.get_x() >= 1) == [1.0]  # the CFO holds it all
    assert ax.get_title(loc="left").replace("\n", " ").startswith("The split differs most in finance")


def test_two_tables_roles_never_share_a_colour_unless_they_mean_the_same_role():
    import matplotlib.colors

    articles = rolekit.load_responsibilities()
    team = articles.assign(
        role=articles["role"].astype(str).map({"CEO": "Chief Executive Officer", "COO": "Head of Finance"})
    )
    team.attrs["table"] = "team.csv"
    ax = rolekit.plot_split(articles, team)
    legend = ax.get_legend()
    drawn = {
        t.get_text(): matplotlib.colors.to_hex(h.get_facecolor()) for t, h in zip(legend.texts, legend.legend_handles)
    }
    assert drawn["Chief Executive Officer"] == matplotlib.colors.to_hex(role_colors(["CEO"])["CEO"])  # means the CEO
    assert len({drawn["COO"], drawn["Head of Finance"], drawn["Chief Executive Officer"]}) == 3
    assert (
        "Not shown here:** the table cannot be split theme by theme: team.csv has no theme."
        in rolekit.show(rolekit.plot_split, articles, after=team.drop(columns="theme")).data
    )


def test_plot_compare_writes_each_count_on_its_line():
    after = BASE.assign(role=["COO", "COO", "COO", "CFO", "CFO"])
    ax = rolekit.plot_compare(BASE, after)
    lines = [(line.get_xdata(), line.get_ydata(), line.get_color()) for line in ax.get_lines()]
    for label in (t for t in ax.texts if t.get_text().isdigit()):
        x, y = label.get_position()
        on = [
            c
            for xs, ys, c in lines
            if xs[0] <= x <= xs[1] and abs(ys[0] + (ys[1] - ys[0]) * (x - xs[0]) / (xs[1] - xs[0]) - y) < 1e-6
        ]
        assert on, label.get_text()


def test_plot_compare_draws_rows_only_one_table_has_dotted_and_stays_grey():
    after = pd.concat(
        [BASE.iloc[:3], pd.DataFrame([["R9", "CFO", "Closes the books", "internal", "daily"]], columns=BASE.columns)],
        ignore_index=True,
    )
    ax = rolekit.plot_compare(BASE, after)
    styles = {line.get_linestyle() for line in ax.get_lines()}
    assert ":" in styles or "--" in styles or any(s not in ("-", "None") for s in styles)
    texts = {t.get_text() for t in ax.texts}
    assert "only in the first table (2)" in texts and "only in the second table (1)" in texts


def test_an_empty_comparison_or_pair_list_says_why_when_shown():
    df = rolekit.load_responsibilities()
    assert rolekit.show(rolekit.compare, df, after=df, changes=["added"]).data == (
        "**Nothing to show:** no responsibility is added between the two tables."
    )
    assert rolekit.show(similar_responsibilities, df.assign(role="Founder")).data == (
        "**Nothing to show:** the table has one role, so no duty is held by two."
    )
    assert "no two roles hold duties that say nearly the same (a similarity of 100% or more)" in (
        rolekit.show(similar_responsibilities, df.iloc[[0, 60]], threshold=1.0).data
    )


def test_a_long_role_name_is_cut_in_the_flow_chart_but_never_its_count():
    df = rolekit.load_responsibilities()
    long = df.assign(role=df["role"].astype(str).map({"CEO": "Vice President of Global Supply Chain Operations"}))
    labels = [t.get_text() for t in rolekit.plot_compare(df, long).texts]
    assert any(t.startswith("Vice President") and t.endswith("… (47)") for t in labels), labels  # cut where it fits


def test_a_table_and_its_changed_copy_are_not_both_called_the_articles():
    df = rolekit.load_responsibilities()  # named "the articles"; assign keeps the name
    moved = df.assign(role=df["role"].astype(str).where(df["theme"] != "finance", "CFO"))
    labels = {t.get_text() for t in rolekit.plot_compare(df, moved).texts}
    assert {"The first table", "The second table"} <= labels and "The articles" not in labels
    assert "the second table" in rolekit.compare_summary(df, moved.iloc[:50])


def test_one_generic_word_in_common_is_no_match_when_it_is_a_small_part_of_both():
    """A team's rows that share only 'manages' or 'oversees' with an article's are its own, not the article's moved."""
    articles = rolekit.load_responsibilities()
    team = pd.DataFrame(
        {
            "role": ["Head of IT", "Finance Lead", "Finance Lead", "Chief of Staff"],
            "responsibility": [
                "Manages cyber security risk",  # not "Manages budgets"
                "Manages relations with the bank",  # not "Leads and manages the organisation as a whole"
                "Raises money and brings in investors",  # is "Raises funding and secures investment": invest...
                "Builds the company culture",  # is "Shapes the company culture": short, culture is half of each
            ],
            "scope": "internal",
            "horizon": "daily",
        }
    )
    c = compare(articles.drop(columns="id"), team).set_index("responsibility")
    assert c.loc["Manages cyber security risk", "change"] == "added"
    assert c.loc["Manages relations with the bank", "change"] == "added"
    assert c.loc["Raises money and brings in investors", "responsibility_before"] == (
        "Raises funding and secures investment"
    )
    assert c.loc["Builds the company culture", "responsibility_before"] == "Shapes the company culture"


def test_a_theme_held_only_at_weight_0_is_held_not_missing():
    """The codebook: a weight of 0 still holds the theme. The summary says the table gives it no weight."""
    articles = rolekit.load_responsibilities()
    team = pd.DataFrame(
        {
            "role": ["CEO", "COO", "CFO"],
            "responsibility": ["Sets the strategy", "Runs the plant", "Keeps the books"],
            "scope": "internal",
            "horizon": "daily",
            "theme": ["strategy", "operations", "finance"],
            "weight": [10, 20, 0],
        }
    )
    said = rolekit.shares_summary(articles, team)
    assert "the second table gives finance no weight." in said.lower(), said
    assert "finance" not in said.split("Nobody in")[-1].split(".")[0], said
