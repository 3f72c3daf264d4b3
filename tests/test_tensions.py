"""Where the articles disagree (rolekit.tensions): at least seven questions, each with two positions or more, an
article that disagrees with itself marked, and a tension with one position refused."""

import pytest

import rolekit
from rolekit.validate import DataError


def test_the_articles_disagree_on_at_least_seven_questions_each_with_two_positions():
    t = rolekit.load_tensions()
    assert t["tension"].nunique() >= 7
    assert t.groupby("tension", observed=True)["position"].nunique().ge(2).all()
    assert set(t["source"]) == set(rolekit.load_sources()["id"])
    questions = " ".join(t["question"]).lower()
    for asked in ("strategy", "ceo answer", "what the coo is responsible for"):
        assert asked in questions


def test_within_marks_exactly_an_article_that_disagrees_with_itself():
    t = rolekit.load_tensions()
    titles = t[t["question"] == "Who decides what the COO is responsible for?"]
    assert titles["within"].all() and set(titles["source"]) == {"titles"}
    answer = t[t["question"] == "To whom does the CEO answer?"]
    assert answer.loc[answer["source"] == "blog", "within"].eq(False).all()
    assert answer.loc[answer["source"] == "careers", "within"].all()
    assert (
        rolekit.tension_summary(t)
        == "The articles take 21 positions on 9 questions; on 6 of them one article takes two positions or more."
    )


def test_a_tension_with_one_position_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "tension,question,position,source\nT1,Who?,The CEO,careers\nT1,Who?,The CEO,blog\n"
        "T2,How?,A,careers\nT2,How?,B,blog\n"
    )
    with pytest.raises(DataError, match=r"t.csv:2: column 'position': tension 'T1' has one position only"):
        rolekit.load_tensions(path)
