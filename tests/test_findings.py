"""Issue 8: the sentences the kit shows are computed from the table and true of it."""

import re

import pandas as pd
import pytest
from conftest import OTHER_NAMES, ROOT, generated, sentence_faults

import rolekit
from rolekit.findings import TOPICS, findings, pct, takeaways


def table(rows, **extra):
    df = pd.DataFrame(rows, columns=["role", "scope", "horizon", "theme"][: len(rows[0])])
    return df.assign(responsibility=[f"task {i}" for i in range(len(df))], **extra)


def text(df, topic):
    return findings(df, topic)["text"].tolist()


def test_a_role_with_no_external_work_is_named_and_only_then():
    df = table([("CEO", "external", "daily"), ("CEO", "internal", "daily"), ("Head of Ops", "internal", "daily")])
    assert text(df, "profile")[0] == "The Head of Ops holds no external responsibilities; the CEO 50%."
    everyone = table([("CEO", "external", "daily"), ("COO", "external", "daily"), ("COO", "internal", "daily")])
    assert text(everyone, "profile")[0] == "Share of responsibilities that are external: CEO 100%, COO 50%."
    nobody = table([("CEO", "internal", "daily"), ("COO", "internal", "long-term")])
    assert text(nobody, "profile")[0] == "No role holds any external responsibilities: all the work is internal."


def test_a_tie_for_most_long_term_is_named_as_a_tie():
    df = table(
        [
            ("CEO", "internal", "long-term"),
            ("CEO", "internal", "daily"),
            ("CFO", "internal", "long-term"),
            ("CFO", "internal", "daily"),
            ("Chief of Staff", "internal", "daily"),
        ]
    )
    assert text(df, "profile")[1] == "Most long-term: CEO and CFO, tied (50%); least: Chief of Staff (0%)."


def test_a_plurality_is_never_called_mostly():
    df = table(
        [("CEO", "internal", "long-term")] * 2
        + [("CEO", "external", "daily"), ("CEO", "internal", "daily")]
        + [("COO", "internal", "daily")] * 3
    )
    where = text(df, "profile")[-1]
    assert (
        "the CEO most often internal, long-term (50%)" in where and "the COO entirely internal, daily (100%)" in where
    )
    even = table([("CEO", "internal", "daily"), ("CEO", "external", "long-term")])
    assert "the CEO equally often internal, daily and external, long-term (50% each)" in text(even, "profile")[-1]


def test_a_table_without_themes_or_sources_says_so():
    df = table([("CEO", "internal", "daily"), ("COO", "internal", "daily")])
    found = findings(df).set_index("topic")["text"]
    assert found["overlap"] == 'This table has no "theme" column, so nothing can be said about overlap here.'
    assert (
        found["sources"] == 'This table has no "theme" or "source" column, so nothing can be said about sources here.'
    )


def test_roles_that_are_not_ceo_or_coo_and_more_than_two():
    df = table(
        [
            ("Head Chef", "internal", "daily", "kitchen"),
            ("Head Chef", "internal", "long-term", "menu"),
            ("Maître d'", "external", "daily", "guests"),
            ("Maître d'", "internal", "daily", "kitchen"),
            ("Sommelier", "external", "daily", "guests"),
            ("Sommelier", "internal", "daily", "kitchen"),
        ]
    )
    everything = " ".join(findings(df)["text"])
    assert "CEO" not in everything and "COO" not in everything
    assert text(df, "overlap") == [
        "Of 3 themes, 1 is held by all 3 roles (kitchen); 1 is shared by some of them (guests), and 1 is held by one "
        "role only (menu)."
    ]
    assert text(df, "load") == [
        "In every shared theme, the roles that hold the most hold the same amount: no one role carries more of it."
    ]
    lopsided = pd.concat([df, table([("Head Chef", "internal", "daily", "kitchen")] * 2)], ignore_index=True)
    assert text(lopsided, "load") == [
        "Of the themes two roles or more share, kitchen rests most on one role: the Head Chef holds 3 of its 5 "
        "responsibilities (60%); the other 2 roles holding it share the rest."
    ]


def test_two_roles_share_and_each_holds_its_own():
    df = table(
        [
            ("CEO", "internal", "daily", "strategy"),
            ("COO", "internal", "daily", "strategy"),
            ("CEO", "external", "daily", "investors"),
        ]
    )
    assert text(df, "overlap") == [
        "The CEO and the COO share 1 of 2 themes (Jaccard 50%). Only the CEO holds investors. The COO holds no theme "
        "of its own."
    ]


def test_weighted_tables_speak_of_weight():
    df = table(
        [("CEO", "internal", "daily", "ops"), ("COO", "internal", "daily", "ops"), ("COO", "external", "daily", "ops")],
        weight=[1.0, 3.0, 6.0],
    )
    assert text(df, "load")[0] == (
        "Of the themes two roles or more share, ops rests most on one role: the COO holds 9 of its total weight of 10 "
        "(90%); the CEO holds the rest."
    )
    assert text(df, "profile")[0] == "The CEO holds no external weight; the COO 67%."


def test_every_topic_has_a_sentence_on_any_table():
    for df in (
        rolekit.load_responsibilities(),
        rolekit.load_responsibilities(rolekit.EXAMPLE_ORGANISATION),
        rolekit.load_responsibilities().head(0),
    ):
        found = findings(df)
        assert set(found["topic"]) == set(TOPICS) and found["text"].str.len().gt(20).all()


def test_takeaways_are_a_markdown_list_and_can_keep_some_themes():
    md = takeaways(rolekit.load_responsibilities(), "differences", themes=["decisions"])
    assert (
        md == "- The largest difference inside a shared theme: in decisions, the CEO's work is 100% long-term, "
        "the COO's 0%."
    )
    tied = takeaways(rolekit.load_responsibilities(), "differences", themes=["risk", "decisions"])
    assert tied == (
        "- The largest differences inside shared themes tie: how long-term the work is in decisions and in risk. "
        "In decisions, the CEO's work is 100% long-term, the COO's 0%."
    )
    assert rolekit.show(rolekit.takeaways, rolekit.load_responsibilities(), topic="data").data.startswith(
        "- The table holds 105 responsibilities"
    )


def test_decisions_split_who_decides_and_how_far_ahead():
    df = table(
        [
            ("CEO", "internal", "long-term", "decisions"),
            ("CEO", "external", "long-term", "governance"),
            ("COO", "internal", "daily", "decisions"),
            ("COO", "internal", "daily", "operations"),
        ]
    )
    assert text(df, "decisions") == [
        "Of the 3 responsibilities about governance and decisions, the CEO holds 2 (67%; 100% long-term), the COO 1 "
        "(33%; 0% long-term)."
    ]
    other = table([("Head Chef", "internal", "daily", "menu")])
    assert text(other, "decisions") == [
        "This table has no responsibility in a theme about who decides (the bundled vocabulary's governance or "
        "decisions), so it cannot say who decides: that is what a RACI table is for."
    ]
    spelled = table(
        [("Head Chef", "internal", "daily", "Decisions"), ("Sous-chef", "internal", "long-term", "Decisions")]
    )
    assert rolekit.decision_themes(spelled) == ["decisions"]  # a table's own spelling of a bundled theme counts
    assert text(spelled, "decisions")[0].startswith(
        "Of the 2 responsibilities about decisions, the Head Chef holds 1 (50%;"
    )
    weighted = spelled.assign(weight=[0.5, 1.5])
    assert text(weighted, "decisions") == [
        "Of the total weight of 2 about decisions, the Sous-chef holds 1.5 (75%; 100% long-term), the Head Chef 0.5 "
        "(25%; 0% long-term)."
    ]


def test_shares_and_clashes_are_the_titles_of_the_profiles_and_source_charts():
    df = rolekit.load_responsibilities()
    assert "CEO: 30% external, 77% long-term" in text(df, "shares")[0]
    assert text(df, "clashes")[0] == (
        "Gaps, not clashes: on strategy, relationship names the CEO and not the COO; titles the COO and not the CEO"
    )
    assert rolekit.plot_role_profiles(df).get_title(loc="left").replace("\n", " ") == text(df, "shares")[0]
    assert rolekit.plot_source_agreement(df).get_title(loc="left").replace("\n", " ") == text(df, "clashes")[0]
    four = table(
        [("CEO", "external", "daily"), ("COO", "internal", "daily"), ("CFO", "internal", "long-term")]
        + [("Chief of Staff", "internal", "daily"), ("Chief of Staff", "external", "daily")]
    )
    assert text(four, "shares")[0].startswith("Most outward-facing: CEO (100%)")
    agreeing = table([("CEO", "internal", "daily", "ops"), ("COO", "internal", "daily", "ops")], source="memo")
    assert text(agreeing, "clashes")[0].startswith("The table cites one source only")
    both = pd.concat([agreeing, agreeing.assign(source="minutes")], ignore_index=True)
    assert text(both, "clashes")[0].startswith("No gaps: no theme is named for one role only")
    assert text(df, "sources")[0].startswith("Gaps between the sources on 1 theme (strategy)")
    assert "silence, not a disagreement" in text(df, "sources")[0]


def test_pct_is_a_share_as_people_read_it():
    assert [pct(x) for x in (0.354, 0, 1, 2 / 3)] == ["35%", "0%", "100%", "67%"]


# -- Every sentence true of the table it speaks of, on tables unlike the articles' -----------------


@pytest.mark.slow
@pytest.mark.parametrize("roles", [1, 2, 4, 8, 12])
def test_every_finding_is_true_of_a_generated_table_without_ceo_coo_or_id(roles):
    df = rolekit.tidy(generated(roles, names=OTHER_NAMES))
    names = [str(r) for r in df["role"].cat.categories]
    for sentence in findings(df)["text"]:
        assert not sentence_faults(sentence, names), (sentence, sentence_faults(sentence, names))
    articles = rolekit.load_responsibilities()  # sentences comparing the two tables may name the articles' roles
    for sentence in (rolekit.compare_summary(articles, df), rolekit.shares_summary(articles, df)):
        assert not sentence_faults(sentence, [*names, "CEO", "COO"]), sentence
    profile = rolekit.profile(df).query("by == 'scope' and category == 'external'").set_index("role")["share"]
    shares = findings(df, "shares")["text"].iloc[0]
    drawn = rolekit.plot_role_profiles(df)
    heights = [round(float(b.get_height())) for c in drawn.containers for b in c][1::4]  # each role's external bar
    assert [round(100 * v) for v in profile] == heights  # the chart draws the profile's shares
    named = [int(n) for n in re.findall(r"(\d+)% external", shares)] or [
        int(re.search(r"outward-facing: .*?\((\d+)%\)", shares)[1])
    ]
    assert set(named) <= {round(100 * v) for v in profile}  # the title names shares the chart draws


def test_the_sentence_checker_catches_what_it_is_for():
    roles = ["Finance Lead", "Legal Counsel", "Marketing Director"]
    assert sentence_faults("The CEO holds 1 themes", roles) == ["names the CEO, which the table lacks", "'1 themes'"]
    assert sentence_faults("both roles hold 2 theme", roles) == [
        "says 'both' of more than two roles",
        "a number above 1 with 'theme'",
    ]
    assert sentence_faults("3 participant(s) gave (kitchen,) and True", roles) == [
        "a number above 1 with 'participant'",
        "a '(s)' plural",
        "Python shown to people",
    ]
    assert sentence_faults("Of 4 themes, 1 is held by one role only.", roles) == []


@pytest.mark.parametrize("call", [rolekit.findings, rolekit.takeaways])
def test_an_unknown_topic_is_a_clear_value_error_naming_the_topics(call):
    df = rolekit.load_responsibilities()
    with pytest.raises(ValueError, match=r"^topic must be one of data, profile, .*, decisions, not 'nope'$"):
        call(df, "nope")
    with pytest.raises(ValueError, match=r"not 'overlaps' \(did you mean 'overlap'\?\)$"):
        call(df, "overlaps")


@pytest.mark.parametrize(
    ("roles", "title"),
    [
        (["Managing Director", "Head of Ops", "Finance Lead"], "# Finance Lead, Head of Ops and Managing Director"),
        (["CFO"], "# CFO\n## Where the role's responsibilities sit"),
        ([f"R{i}" for i in range(7)], "# 7 roles"),  # more than six: counted
        ([f"Chief {w} Officer of the Group" for w in ("Executive", "Operating", "Financial")], "# 3 roles"),  # long
        (["**CEO**", "<b>COO</b>"], "# &lt;b&gt;COO&lt;/b&gt; and \\*\\*CEO\\*\\*"),
    ],
)
def test_the_decks_title_names_the_tables_roles_in_the_charts_order_or_counts_them(roles, title):
    df = pd.DataFrame({"role": roles[::-1] * 2 + roles[:1]}).astype({"role": pd.CategoricalDtype(roles)})
    made = rolekit.roles_title(df)
    assert made.startswith(title) and made.count("\n") == 1
    assert made.endswith("## Where the roles overlap, and where they differ") or len(roles) == 1


def test_load_names_every_theme_tied_for_resting_most_on_one_role_and_a_lone_shared_theme_as_one():
    rows = [("A", "x"), ("A", "x"), ("B", "x"), ("B", "y"), ("B", "y"), ("A", "y"), ("A", "z"), ("B", "z")]
    df = pd.DataFrame(
        {
            "role": [r for r, _ in rows],
            "theme": [t for _, t in rows],
            "scope": "internal",
            "horizon": "daily",
            "responsibility": [f"r{i}" for i in range(len(rows))],
        }
    )
    tied = findings(df, "load").iloc[0]
    assert tied["text"] == (
        "Of the themes two roles or more share, x and y rest most on one role, tied at 67%: the A holds 2 of x's "
        "3 responsibilities; the B holds 2 of y's 3 responsibilities."
    )
    assert tied["figures"] == {"themes": ["x", "y"], "share": pytest.approx(2 / 3)}
    assert findings(df[df["theme"] == "z"], "load")["text"].item() == (
        "In the one shared theme, z, the roles that hold the most hold the same amount: no one role carries more of it."
    )
    three = pd.concat([df, df.assign(theme=df["theme"].map({"x": "ops", "y": "w", "z": "q"}))], ignore_index=True)
    assert findings(three, "load")["text"].iloc[0] == (  # three or more: the share, not each theme's details
        "Of the themes two roles or more share, x, y, ops and w rest most on one role, tied at 67%: in each, one role "
        "holds 67% of the work."
    )


def test_a_half_percent_rounds_up_as_the_room_rounds_it():
    # 1 of 8 is 12.5%: Python's format rounds it to the even 12%, a room works it out as 13%
    df = pd.DataFrame(
        {
            "role": ["A"] * 8,
            "scope": ["external"] + ["internal"] * 7,
            "horizon": "daily",
            "responsibility": list("abcdefgh"),
        }
    )
    assert findings(df, "profile")["text"].tolist() == [
        "13% of the A's responsibilities are external and 0% long-term.",
        "Where the work sits: the A mostly internal, daily (88%).",
    ]


def test_a_table_of_one_source_says_no_source_can_be_set_against_another():
    df = rolekit.load_responsibilities()
    one = df[df["source"] == "careers"]
    assert findings(one, "clashes")["text"].item() == (
        "The table cites one source only, so no source can be set against another"
    )
    assert findings(one, "sources")["text"].iloc[0] == (
        "The table cites one source only, so no source can be set against another."
    )
    three = pd.DataFrame(
        {
            "role": ["A", "B", "B", "C"],
            "theme": "x",
            "scope": "internal",
            "horizon": ["long-term", "long-term", "daily", "daily"],
        }
    )
    assert findings(three, "differences")["text"].item().endswith("; one other role in between.")
    md = rolekit.show(rolekit.plot_theme_overlap, pd.DataFrame({"role": ["A"], "scope": ["internal"]})).data
    assert md.startswith("**Not shown here:** this table lacks the `theme` and `horizon` columns, which are needed")


@pytest.mark.parametrize("topic", [t for t in TOPICS if t != "decisions"])
def test_a_role_named_with_its_own_article_is_never_the_the(topic):
    df = rolekit.load_responsibilities()
    board = df.assign(role=df["role"].astype(str).replace({"COO": "The Board"}))
    text = " ".join(findings(board, topic)["text"])
    assert "the the " not in text.casefold(), text
    if topic == "overlap":
        assert text.startswith("The CEO and the Board share ")


def test_work_all_on_one_horizon_is_said_so_not_as_equally_zero():
    df = rolekit.load_responsibilities()
    daily = df.assign(horizon="daily")
    assert (
        "No role holds any long-term responsibilities: all the work is daily."
        in findings(daily, "profile")["text"].tolist()
    )
    assert (
        "All the work is long-term: no role holds any daily responsibilities."
        in findings(df.assign(horizon="long-term"), "profile")["text"].tolist()
    )


def test_a_theme_resting_wholly_on_one_role_does_not_give_the_other_the_rest():
    df = rolekit.load_responsibilities().assign(weight=1.0)
    df.loc[(df["role"] == "COO") & (df["theme"] == "governance"), "weight"] = 0
    df.loc[(df["role"] == "CEO") & (df["theme"] == "governance"), "weight"] = 30
    [text] = findings(df, "load")["text"]
    assert "governance rests most on one role: the CEO holds" in text and "(100%)" in text
    assert text.endswith("the COO holds it with a weight of 0.") and "the rest" not in text


def test_many_roles_tied_are_counted_and_all_tied_are_alike():
    df = rolekit.load_responsibilities()
    names = [f"Role {i}" for i in range(7)]
    seven = pd.concat([df.assign(role=n) for n in names], ignore_index=True)  # seven identical profiles
    [text] = findings(seven, "shares")["text"]
    assert text == "Most outward-facing: every role alike (13%); most long-term: every role alike (53%)"


def test_a_table_of_one_role_is_said_to_have_one_and_shows_why_there_is_no_pair():
    df = rolekit.load_responsibilities()
    one = df.assign(role="Founder")
    assert findings(one, "overlap")["text"].tolist() == [
        "The table has one role (Founder), so there is no overlap to compare."
    ]
    assert rolekit.show(rolekit.overlap, one, part="pairs").data == (
        "**Nothing to show:** the table has one role, so there is no pair of roles to compare."
    )
    themeless = df.assign(theme=df["theme"].astype(object).where(df["role"] == "CEO"))
    assert findings(themeless, "overlap")["text"].tolist() == [
        "Only one role (CEO) of the table's 2 has themes, so there is no overlap to compare."
    ]


def test_many_tied_differences_are_counted_in_one_plain_sentence():
    rows = [
        {"role": r, "responsibility": f"{r} {t}", "theme": t, "scope": s, "horizon": h}
        for t in ("x", "y", "z")
        for r, s, h in (("CEO", "external", "long-term"), ("COO", "internal", "daily"))
    ]
    [text] = findings(pd.DataFrame(rows), "differences")["text"]
    assert text.startswith("6 differences inside shared themes tie for the largest; one of them: in x, "), text


def test_a_department_reads_without_the_and_a_title_with_it():
    df = rolekit.load_responsibilities()
    team = df.assign(role=df["role"].astype(str).replace({"CEO": "Head Chef", "COO": "Customer Support"}))
    [text] = findings(team, "overlap")["text"]
    assert text.startswith("The Head Chef and Customer Support share 8 of 10 themes"), text
    assert "Only Customer Support holds performance." in text and "the Customer Support" not in text


def test_the_load_of_some_themes_says_so_and_names_one_leader_of_two_tied_themes_once():
    org = rolekit.load_responsibilities(ROOT / "data" / "example_organisation.csv")
    assert findings(org, "load", themes=["governance", "decisions"])["text"].tolist() == [
        "Of the themes here (governance and decisions), governance and decisions rest most on one role, tied at 60%: "
        "the CEO holds 3 of governance's 5 responsibilities and 3 of decisions' 5 responsibilities."
    ]  # not "of the themes two roles or more share", which operations and collaboration lead at 75%


def test_the_load_of_some_themes_says_first_a_theme_one_role_holds_alone():
    """Of governance (shared) and decisions (the Managing Director's alone), decisions rests most on one role."""
    team = pd.DataFrame(
        {
            "role": ["Managing Director"] * 2 + ["Head of Finance"] + ["Managing Director"] * 2,
            "responsibility": ["Chairs the board", "Sets policy", "Reports risk", "Picks suppliers", "Signs deals"],
            "scope": "internal",
            "horizon": "long-term",
            "theme": ["governance", "governance", "governance", "decisions", "decisions"],
        }
    )
    [text] = findings(team, "load", themes=["governance", "decisions"])["text"]
    assert text == (
        "Only the Managing Director holds decisions; of those two roles or more share, governance rests most on one "
        "role: the Managing Director holds 2 of its 3 responsibilities (67%); the Head of Finance holds the rest."
    )
    team = team.assign(role=["A", "A", "B", "C", "D"], theme=["governance"] * 3 + ["decisions", "finance"])
    [text] = findings(team, "load", themes=["governance", "decisions", "finance"])["text"]
    assert text.startswith(
        "2 themes here are each held by one role (finance and decisions); of those two roles or more share, "
        "governance rests most on one role: the A holds 2"
    ), text


def test_the_sources_sentence_says_how_many_rows_it_leaves_out_for_want_of_a_source():
    df = rolekit.load_responsibilities()
    df = df.assign(source=df["source"].astype(object).where(df.index != df.index[0], None))
    text = findings(df, "sources")["text"].iloc[-1]
    assert text.endswith("rest on a single source; 1 row without a source is not counted."), text
    assert findings(rolekit.load_responsibilities(), "sources")["text"].iloc[-1].endswith("single source.")


def test_the_sources_sentence_says_all_when_every_pair_rests_on_one_source():
    one = pd.DataFrame({"role": ["A", "B"], "theme": ["x", "y"], "source": ["s", "t"], "scope": "internal"})
    assert findings(one.assign(horizon="daily"), "sources")["text"].iloc[-1] == (
        "All 2 role-theme pairs rest on a single source."
    )
    assert findings(one.iloc[:1].assign(horizon="daily"), "sources")["text"].iloc[-1] == (
        "The one role-theme pair rests on a single source."
    )
    two = pd.DataFrame({"role": "A", "theme": "x", "source": ["s", "t"], "scope": "internal", "horizon": "daily"})
    assert findings(two, "sources")["text"].iloc[-1] == "No role-theme pair rests on a single source."


def test_a_difference_counts_the_roles_on_a_side_whose_names_would_fill_a_title():
    names = ["Director of Marketing & Communications", "Director of Strategy and Partnerships", "CEO", "CTO"]
    df = pd.DataFrame(
        {
            "role": names,
            "responsibility": list("abcd"),
            "scope": ["external", "external", "internal", "internal"],
            "horizon": "long-term",
            "theme": "strategy",
        }
    )
    [text] = findings(df, "differences")["text"]
    assert text == (
        "The largest difference inside a shared theme: in strategy, the work of 2 roles is 100% external, "
        "the CEO's and the CTO's 0%."
    )
