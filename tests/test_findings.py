"""Issue 8: the sentences the kit shows are computed from the table and true of it."""

import pandas as pd

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
    assert "the CEO most often internal, long-term (50%)" in where and "the COO mostly internal, daily (100%)" in where
    even = table([("CEO", "internal", "daily"), ("CEO", "external", "long-term")])
    assert "the CEO equally often internal, daily and external, long-term (50%)" in text(even, "profile")[-1]


def test_a_table_without_themes_or_sources_says_so():
    df = table([("CEO", "internal", "daily"), ("COO", "internal", "daily")])
    found = findings(df).set_index("topic")["text"]
    assert found["overlap"] == "This table has no `theme` column, so nothing can be said about overlap here."
    assert (
        found["sources"] == "This table has no `theme` or `source` column, so nothing can be said about sources here."
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
    assert text(df, "overlap") == ["1 of 3 themes are held by all 3 roles (kitchen); 1 by one role only (menu)."]
    assert text(df, "load") == [
        "In every shared theme, the roles that hold the most hold the same amount: no one role carries the load."
    ]
    lopsided = pd.concat([df, table([("Head Chef", "internal", "daily", "kitchen")] * 2)], ignore_index=True)
    assert text(lopsided, "load") == [
        "The most one-sided shared theme is kitchen: the Head Chef holds 3 of its 5 responsibilities (60%), although "
        "3 roles hold it."
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
        "The CEO and the COO share 1 of 2 themes (Jaccard 0.50). Only the CEO holds investors. The COO holds no theme "
        "of its own."
    ]


def test_weighted_tables_speak_of_weight():
    df = table(
        [("CEO", "internal", "daily", "ops"), ("COO", "internal", "daily", "ops"), ("COO", "external", "daily", "ops")],
        weight=[1.0, 3.0, 6.0],
    )
    assert text(df, "load")[0] == (
        "The most one-sided shared theme is ops: the COO holds 9 of the theme's total weight of 10 (90%), although "
        "2 roles hold it."
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
        md == "- The largest difference inside a shared theme: in decisions, CEO work is 100% long-term, COO work 0%."
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
        "Of the 3 responsibilities about decisions and governance, the CEO 2 (67%; 100% long-term), the COO 1 (33%; "
        "0% long-term)."
    ]
    other = table([("Head Chef", "internal", "daily", "menu")])
    assert text(other, "decisions") == [
        "This table has no responsibility with the theme decisions or governance, so nothing can be said here about "
        "who decides."
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
    assert text(agreeing, "clashes")[0].startswith("No gaps: no theme is named for one role only")
    assert text(df, "sources")[0].startswith("Gaps between the sources on 1 theme (strategy)")
    assert "silence, not a disagreement" in text(df, "sources")[0]


def test_pct_is_a_share_as_people_read_it():
    assert [pct(x) for x in (0.354, 0, 1, 2 / 3)] == ["35%", "0%", "100%", "67%"]
