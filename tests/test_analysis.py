"""The analyses (rolekit.analysis): profile, positions, overlap, source_agreement, tally and table_summary,
against small tables with answers worked out by hand, weighted tables and empty ones."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import EMPTY

import rolekit
from rolekit.analysis import overlap, positions, profile, source_agreement, table_summary

# Three roles. The CFO has no external responsibility; only the CEO holds
# stakeholders, only the CFO holds finance; blog and memo disagree on strategy.
ROWS = [
    # role, scope,     horizon,     theme,          source
    ("CEO", "external", "long-term", "stakeholders", "blog"),
    ("CEO", "internal", "long-term", "strategy", "blog"),
    ("CEO", "external", "daily", "strategy", "memo"),
    ("CEO", "internal", "daily", "people", "memo"),
    ("COO", "internal", "daily", "operations", "memo"),
    ("COO", "internal", "daily", "operations", "blog"),
    ("COO", "internal", "long-term", "strategy", "memo"),
    ("COO", "external", "daily", "people", "blog"),
    ("CFO", "internal", "daily", "finance", "memo"),
    ("CFO", "internal", "long-term", "operations", "memo"),
]


@pytest.fixture
def plain():
    df = pd.DataFrame(ROWS, columns=["role", "scope", "horizon", "theme", "source"])
    return df.assign(responsibility=[f"task {i}" for i in range(len(df))])


@pytest.fixture(params=["plain", "categorical"])
def table(request, plain):
    return plain if request.param == "plain" else rolekit.tidy(plain)


def test_profile_counts_and_shares(table):
    p = profile(table).set_index(["role", "by", "category"])
    assert p.loc[("CEO", "scope", "external"), "count"] == 2 and p.loc[("CEO", "scope", "external"), "share"] == 0.5
    assert (
        p.loc[("CFO", "scope", "external"), "count"] == 0
    )  # a role with no external responsibility still gets its row
    assert p.loc[("COO", "horizon", "daily"), "share"] == 0.75
    assert p.loc[("CEO", "cell", "external/daily"), "count"] == 1
    assert list(profile(table)["role"].unique()) == ["CEO", "COO", "CFO"]
    for _, group in p.groupby(["role", "by"]):
        assert math.isclose(group["share"].sum(), 1)


def test_profile_needs_no_theme(plain):
    assert profile(plain.drop(columns=["theme", "source"]))["count"].sum() == 3 * len(plain)


def test_overlap_pairs_for_three_roles(table):
    pairs = overlap(table).pairs.set_index(["role_a", "role_b"])
    ceo_coo = pairs.loc[("CEO", "COO")]
    assert ceo_coo["shared"] == ("strategy", "people")
    assert ceo_coo["only_a"] == ("stakeholders",) and ceo_coo["only_b"] == ("operations",)
    assert ceo_coo["jaccard"] == 2 / 4
    coo_cfo = pairs.loc[("COO", "CFO")]
    assert (coo_cfo["shared"], coo_cfo["only_b"], coo_cfo["jaccard"]) == (("operations",), ("finance",), 1 / 4)
    assert pairs.loc[("CEO", "CFO"), "n_shared"] == 0 and pairs.loc[("CEO", "CFO"), "jaccard"] == 0
    assert len(pairs) == 3


def test_overlap_differences_within_shared_themes(table):
    d = overlap(table).differences.set_index(["role_a", "role_b", "theme"])
    strategy = d.loc[("CEO", "COO", "strategy")]
    assert (strategy["count_a"], strategy["count_b"]) == (2, 1)
    assert (strategy["external_a"], strategy["external_b"]) == (0.5, 0.0)
    assert (strategy["long_term_a"], strategy["long_term_b"], strategy["long_term_gap"]) == (0.5, 1.0, -0.5)
    people = d.loc[("CEO", "COO", "people")]
    assert people["external_gap"] == -1.0
    ops = d.loc[("COO", "CFO", "operations")]
    assert (ops["long_term_a"], ops["long_term_b"]) == (0.0, 1.0)
    assert len(d) == 3


def test_positions_one_row_per_role_and_theme(table):
    pos = positions(table).set_index(["theme", "role"])
    assert pos.loc[("operations", "COO"), "count"] == 2
    assert pos.loc[("operations", "COO"), "roles"] == 2
    assert pos.loc[("stakeholders", "CEO"), "roles"] == 1
    assert len(pos) == 8


def test_source_agreement_support_and_gaps(table):
    support, gaps = source_agreement(table)
    s = support.set_index(["theme", "role"])
    assert s.loc[("strategy", "CEO"), "sources"] == ("blog", "memo")
    assert s.loc[("strategy", "COO"), "sources"] == ("memo",)
    assert s.loc[("operations", "COO"), ["count", "n_sources"]].tolist() == [2, 2]
    # people: memo gives it to the CEO only, blog to the COO only.
    assert gaps.to_dict("records") == [
        {"theme": "people", "role_a": "CEO", "role_b": "COO", "sources_a": ("memo",), "sources_b": ("blog",)},
    ]


def test_no_gap_when_one_source_backs_both_roles(plain):
    agreeing = plain.assign(source="memo")
    assert source_agreement(agreeing).gaps.empty


def test_gaps_between_every_pair_of_roles(plain):
    # finance: memo gives it to the CFO only, blog to the COO only; the CEO has none.
    extra = pd.DataFrame([("COO", "internal", "daily", "finance", "blog", "x")], columns=plain.columns)
    gaps = source_agreement(pd.concat([plain, extra], ignore_index=True)).gaps
    # Themes keep the bundled vocabulary's order: finance comes before people.
    assert gaps[["theme", "role_a", "role_b"]].values.tolist() == [
        ["finance", "COO", "CFO"],
        ["people", "CEO", "COO"],
    ]


def test_rows_without_a_theme_are_left_out(plain):
    partly = plain.assign(theme=plain["theme"].where(plain["role"] != "CFO"))
    assert overlap(partly).pairs[["role_a", "role_b"]].values.tolist() == [["CEO", "COO"]]


@pytest.mark.parametrize(
    ("analysis", "column", "purpose"),
    [
        (overlap, "theme", "to compare roles theme by theme"),
        (source_agreement, "source", "to compare what each source says"),
        (profile, "horizon", "to profile each role by scope and horizon"),
    ],
)
def test_missing_column_is_a_data_error_naming_it(plain, analysis, column, purpose):
    with pytest.raises(rolekit.DataError) as caught:
        analysis(plain.drop(columns=[column]))
    assert str(caught.value).startswith(
        f"table: column '{column}': is missing; it is needed {purpose}. The table has: "
    )


def test_bad_values_in_a_plain_frame_are_a_data_error(plain):
    with pytest.raises(
        rolekit.DataError,
        match=r"column 'scope': 'outside' is not allowed \(rows 0\); allowed: internal, external "
        r"\(did you mean 'external'\?\)",
    ):
        profile(plain.assign(scope=["outside"] + plain["scope"].tolist()[1:]))


def test_many_roles_are_all_compared(plain):
    many = pd.concat([plain.assign(role=plain["role"] + f" {i}") for i in range(6)], ignore_index=True)
    assert len(overlap(many).pairs) == 18 * 17 // 2
    assert profile(many)["role"].nunique() == 18


def test_bundled_table_results():
    df = rolekit.load_responsibilities()
    pair = overlap(df).pairs.iloc[0]
    assert (pair["only_a"], pair["only_b"], pair["n_shared"]) == (("stakeholders",), ("performance",), 8)
    gaps = source_agreement(df).gaps
    assert gaps[["theme", "sources_a", "sources_b"]].values.tolist() == [["strategy", ("relationship",), ("titles",)]]
    coo = profile(df).set_index(["role", "by", "category"]).loc[("COO", "scope", "external"), "count"]
    assert coo == 0


# -- A table's summary line ----------------------------------------------------------------------


def test_table_summary_counts_rows_roles_and_every_cell(plain):
    assert table_summary(plain, "team.csv") == (
        "team.csv: valid, 10 rows; roles: CEO 4, COO 4, CFO 2; "
        "internal/daily 4, internal/long-term 3, external/daily 2, external/long-term 1"
    )
    empty = table_summary(plain.iloc[:0])  # named "table" when no name is given; every cell still listed
    assert empty.startswith("table: valid, 0 rows; roles: ")
    assert empty.endswith("internal/daily 0, internal/long-term 0, external/daily 0, external/long-term 0")


# -- Empty tables ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", EMPTY)
def test_analyses_of_an_empty_table_are_empty(case):
    df = EMPTY[case]
    assert rolekit.profile(df).empty and rolekit.positions(df).empty and rolekit.overlap(df).pairs.empty
    assert rolekit.source_agreement(df).support.empty and len(rolekit.listing(df)) == len(df)
    assert rolekit.tally(df).loc["total", "total"] == 0


# -- Weights --------------------------------------------------------------------------------------


@pytest.fixture
def weighted():
    df = rolekit.load_responsibilities()
    return df.assign(weight=np.random.default_rng(1).integers(0, 10, len(df)).astype(float))


def test_weighted_profile_and_tally_match_pandas_groupby_sum(weighted):
    p = rolekit.profile(weighted).query("by == 'cell'").set_index(["role", "category"])["count"]
    by_hand = (
        weighted.assign(category=weighted["scope"].astype(str) + "/" + weighted["horizon"].astype(str))
        .groupby(["role", "category"], observed=True)["weight"]
        .sum()
    )
    for key, value in by_hand.items():
        assert p[key] == pytest.approx(value)
    t = rolekit.tally(weighted, "role", "scope")
    assert t.loc["CEO", "external"] == pytest.approx(
        weighted.query("role == 'CEO' and scope == 'external'")["weight"].sum()
    )


def test_weighted_positions_and_overlap(weighted):
    pos = rolekit.positions(weighted).set_index(["theme", "role"])
    grouped = weighted.groupby(["theme", "role"], observed=True)
    assert pos["count"].to_dict() == pytest.approx(grouped["weight"].sum().to_dict())
    ext = weighted.assign(w=weighted["weight"] * (weighted["scope"] == "external")).groupby(
        ["theme", "role"], observed=True
    )
    expected = (ext["w"].sum() / grouped["weight"].sum()).dropna()
    assert pos["external"].dropna().to_dict() == pytest.approx(expected.to_dict())
    assert len(rolekit.overlap(weighted).pairs) == 1


def test_a_weight_of_one_everywhere_gives_the_unweighted_numbers():
    df = rolekit.load_responsibilities()
    ones = df.assign(weight=1.0)
    for f in (
        rolekit.profile,
        rolekit.positions,
        lambda d: rolekit.overlap(d).differences,
        lambda d: rolekit.source_agreement(d).support,
    ):
        a, b = f(df), f(ones)
        pd.testing.assert_frame_equal(
            a.astype(dict.fromkeys(a.select_dtypes("number"), float)),
            b.astype(dict.fromkeys(b.select_dtypes("number"), float)),
        )


def test_the_old_names_of_the_gaps_still_work_and_say_they_are_deprecated():
    df = rolekit.load_responsibilities()
    with pytest.warns(DeprecationWarning, match=r"\.contradictions is now \.gaps"):
        old = rolekit.source_agreement(df).contradictions
    pd.testing.assert_frame_equal(old, rolekit.source_agreement(df).gaps)
    with pytest.warns(DeprecationWarning, match=r"listing\(contested=\.\.\.\) is now listing\(gaps=\.\.\.\)"):
        listed = rolekit.listing(df, contested=True)
    pd.testing.assert_frame_equal(listed, rolekit.listing(df, gaps=True))


def test_evidence_counts_every_row_those_without_a_source_too():
    df = pd.DataFrame(
        {
            "role": ["Head of Finance", "Head of Finance", "Managing Director", "Head of Finance"],
            "scope": "internal",
            "horizon": "daily",
            "source": ["HR policy", None, "Board pack", "Board pack"],
        }
    )
    table = rolekit.evidence(df)
    assert table.loc["Head of Finance", "no source given"] == 1 and table.loc["Head of Finance", "total"] == 3
    assert table.loc["total", "total"] == len(df)
    assert "no source given" not in rolekit.evidence(df.dropna()).columns  # only where a row lacks one
