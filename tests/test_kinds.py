"""The kinds of COO (rolekit.kinds): seven kinds, each with its meaning, its reference and an illustrative scenario
that moves known responsibilities on the bundled table, for teams whose roles have other names too."""

import pandas as pd
import pytest

import rolekit
from rolekit.validate import DataError


def test_seven_kinds_of_coo_each_with_a_meaning_a_reference_and_a_labelled_scenario():
    kinds = rolekit.load_coo_types()
    assert kinds["kind"].tolist() == [
        "executor",
        "change agent",
        "mentor",
        "other half",
        "partner",
        "heir apparent",
        "MVP",
    ]
    assert kinds["reference"].str.contains("Bennett and Miles \\(2006\\), Harvard Business Review").all()
    assert kinds["scenario"].str.startswith("Illustrative:").all()
    echoes = rolekit.coo_echoes()
    assert set(echoes["kind"]) <= set(kinds["kind"]) and {"executor", "other half", "partner"} <= set(echoes["kind"])


def test_each_scenario_gives_known_answers_on_the_bundled_table():
    df = rolekit.load_responsibilities()
    executor = rolekit.coo_scenario(df, "executor")
    moved = executor[executor["change"] != ""]
    assert moved["id"].tolist() == ["R047", "R082", "R083"] and set(moved["role"]) == {"CEO"}
    other = rolekit.coo_scenario(df, "Other Half")
    picked = df[(df["role"] == "CEO") & (df["scope"] == "internal") & (df["horizon"] == "daily")]
    assert (
        other.loc[other["id"].isin(picked["id"]), "role"].eq("COO").all()
        and len(picked) == (other["change"] != "").sum()
    )
    partner = rolekit.coo_scenario(df, "partner")
    shared = partner[partner["change"] != ""]
    assert (
        len(partner) == len(df) + len(shared)
        and shared["id"].str.endswith("(shared)").all()
        and set(shared["role"]) == {"COO"}
    )
    change = rolekit.coo_scenario(df, "change agent")
    assert change.loc[change["change"] != "", "horizon"].eq("long-term").all()
    mvp = rolekit.coo_scenario(df, "MVP")
    assert mvp.drop(columns="change").equals(df) and rolekit.compare_summary(df, mvp).startswith(
        "The two tables give all"
    )


def test_a_scenario_works_for_a_team_whose_roles_have_other_names():
    df = rolekit.load_responsibilities(rolekit.EXAMPLE_ORGANISATION)
    renamed = df.assign(role=df["role"].astype(str).replace({"CEO": "Managing Director", "COO": "Head of Operations"}))
    s = rolekit.coo_scenario(renamed, "other half", ceo="Managing Director", coo="Head of Operations")
    assert set(s.loc[s["change"] != "", "role"]) == {"Head of Operations"}
    assert set(s["role"]) == set(renamed["role"])


def test_an_unknown_kind_or_role_is_refused_with_what_is_allowed():
    df = rolekit.load_responsibilities()
    with pytest.raises(
        DataError,
        match=r"'exectuor' is not a kind of COO; allowed: executor, change agent.*\(did you mean 'executor'\?\)",
    ):
        rolekit.coo_scenario(df, "exectuor")
    with pytest.raises(
        DataError, match=r"'Coo' is not a role of the table; name its COO with coo=.*did you mean 'COO'"
    ):
        rolekit.coo_scenario(df, "executor", coo="Coo")
    with pytest.raises(DataError, match="'CEO' is named as both the CEO and the COO; name two different roles"):
        rolekit.coo_scenario(df, "executor", ceo="CEO", coo="CEO")


def test_a_table_the_rules_cannot_act_on_is_given_back_with_why():
    minimal = pd.DataFrame(
        {"role": ["CEO", "COO"], "responsibility": ["x", "y"], "scope": ["internal"] * 2, "horizon": ["long-term"] * 2}
    )
    scenario = rolekit.coo_scenario(minimal, "executor")  # its rule selects by theme, which this table lacks
    assert scenario["change"].eq("").all() and len(scenario) == 2
    assert rolekit.scenario_summary(minimal, "executor") == (
        "The “executor” scenario. It moves the COO's long-term responsibilities in strategy to the CEO: "
        "none here, as this table has no theme column."
    )
    alone = minimal[minimal["role"] == "CEO"]
    assert rolekit.coo_scenario(alone, "other half")["change"].eq("").all()
    assert "This table has 1 role, so no work can move between two roles" in rolekit.scenario_summary(
        alone, "other half"
    )
    nothing = minimal.assign(scope="external")  # other half moves the CEO's internal, daily work: none here
    assert rolekit.scenario_summary(nothing, "other half").endswith(
        "It moves the CEO's internal, daily responsibilities to the COO: this table has none."
    )


def test_by_default_the_scenario_takes_the_ceo_and_coo_by_any_name_else_the_first_two_roles():
    df = rolekit.load_responsibilities()
    renamed = df.assign(role=df["role"].astype(str).replace({"CEO": "Managing Director", "COO": "Head of Operations"}))
    assert (
        rolekit.coo_scenario(renamed, "executor")["role"].value_counts().to_dict()
        == rolekit.coo_scenario(df, "executor")["role"]
        .astype(str)
        .replace({"CEO": "Managing Director", "COO": "Head of Operations"})
        .value_counts()
        .to_dict()
    )
    titled = df.assign(role=df["role"].astype(str).replace({"CEO": "Chief Executive Officer"}))
    moved = rolekit.coo_scenario(titled, "other half")
    assert set(moved.loc[moved["change"] != "", "change"]) == {"moved from Chief Executive Officer to COO"}


def test_a_table_without_a_ceo_or_coo_is_told_which_roles_stand_in_for_them():
    df = rolekit.load_responsibilities()
    names = {"CEO": "Managing Director", "COO": "Head of Ops"}
    team = df.assign(role=df["role"].astype(str).map(names))
    said = rolekit.scenario_summary(team, "other half")
    assert said.startswith(
        "The “other half” scenario. This table has no role named for a CEO or a COO, so the kit takes the Managing "
        "Director as the CEO and the Head of Ops as the COO (set ceo= and coo= to choose). It moves the Managing "
    )  # the first two roles in the charts' order
    chosen = rolekit.scenario_summary(team, "other half", ceo="Managing Director", coo="Head of Ops")
    assert "stand" not in chosen and "no role named" not in chosen
    assert "no role named" not in rolekit.scenario_summary(df, "other half")  # the articles' own CEO and COO


def test_titles_that_begin_with_a_ceo_or_coo_title_are_taken_for_them_wherever_they_come():
    df = rolekit.load_responsibilities()
    names = {"CEO": "Chief Executive Officer and Co-Founder", "COO": "Chief Operating Officer and Acting CFO"}
    team = pd.concat(
        [df.assign(role="Head of Customer Success EMEA").head(3), df.assign(role=df["role"].astype(str).map(names))]
    )  # another role comes first in the table's order
    said = rolekit.scenario_summary(team, "other half")
    assert said == (
        "The “other half” scenario. It moves the Chief Executive Officer and Co-Founder's internal, daily "
        "responsibilities to the Chief Operating Officer and Acting CFO: 8 responsibilities."
    )  # the titles are the CEO's and the COO's, as compare reads them: nothing to stand in
    renamed = df.assign(role=df["role"].astype(str).map(names))
    assert "moved" not in rolekit.compare_summary(df, renamed)
    deputy = df.assign(role=df["role"].astype(str).map({"CEO": "Deputy CEO", "COO": "Chief of Staff to the COO"}))
    assert "takes the Deputy CEO as the CEO" in rolekit.scenario_summary(deputy, "other half")  # the order, not a guess


def test_a_scenario_that_moves_all_of_a_roles_work_says_so():
    df = rolekit.load_responsibilities().assign(scope="internal", horizon="daily")
    said = rolekit.scenario_summary(df, "other half")
    assert said.endswith("to the COO: 47 responsibilities. That leaves the CEO with no responsibility at all."), said
    assert "leaves" not in rolekit.scenario_summary(rolekit.load_responsibilities(), "other half")


def test_a_team_without_a_ceo_or_coo_never_has_its_board_stand_in_and_its_ops_stands_in_for_the_coo():
    df = rolekit.load_responsibilities()
    team = pd.concat(
        [
            df.assign(role="The Board").head(4),
            df.assign(role="HR").head(4),
            df.assign(role=df["role"].astype(str).map({"CEO": "Founder", "COO": "Ops"})),
        ]
    )
    said = rolekit.scenario_summary(team, "other half")
    assert "takes the Founder as the CEO and Ops as the COO" in said, said
