"""Where the articles disagree (rolekit.tensions): only disagreements, each two passages that cannot both be true,
cited where the articles say them; an article that disagrees with itself marked; a tension with one position refused."""

import re
from pathlib import Path

import pytest
from conftest import needs_sources, passage

import rolekit
from rolekit.validate import DataError

CODEBOOK = Path(__file__).resolve().parents[1] / "data" / "README.md"
# Words by which one position can differ from another that names the same things: how much, or in the end.
HEDGES = {"usually", "often", "typically", "may", "only", "not", "never", "always", "both", "last", "word", "above"}
STOP = {"the", "a", "an", "and", "or", "of", "for", "to", "it", "them", "is", "its", "s", "who", "has", "in", "all"}


def _says(position: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", position.lower()) if w not in STOP}


def test_the_articles_disagree_on_five_questions_each_with_two_positions():
    t = rolekit.load_tensions()
    assert t["tension"].nunique() == 5
    assert t.groupby("tension", observed=True)["position"].nunique().ge(2).all()
    assert set(t["source"]) == set(rolekit.load_sources()["id"])
    questions = " ".join(t["question"]).lower()
    for asked in ("strategies", "what the coo is responsible for", "second in command", "carries out the vision"):
        assert asked in questions


def test_each_tension_rests_on_two_passages_or_more():
    t = rolekit.load_tensions()
    for tension, rows in t.groupby("tension", observed=True):
        assert len(rows[["source", "section"]].drop_duplicates()) >= 2, tension
        for _, held in rows.groupby("position"):  # one passage holds one position of a question, not two
            assert not held.duplicated(["source", "section"]).any(), tension


def test_positions_differ_in_what_they_say_not_only_in_what_they_mention():
    # "Board and shareholders" against "board, shareholders and employees" is silence, not a tension: one
    # position naming more than another, and nothing else, says no other thing.
    t = rolekit.load_tensions()
    for tension, rows in t.groupby("tension", observed=True):
        positions = list(dict.fromkeys(rows["position"]))
        for i, a in enumerate(positions):
            for b in positions[i + 1 :]:
                small, large = sorted((_says(a), _says(b)), key=len)
                assert not small <= large or (large - small) & HEDGES, (tension, a, b)


@needs_sources
def test_every_position_is_in_the_passage_it_cites():
    # A word of each position's own (not the question's) is in its passage: the citation points at the claim.
    t = rolekit.load_tensions()
    keys = {
        "The CEO's, for the COO to carry out": ("developed by the ceo", "ceo’s strategic vision"),
        "The COO develops them": ("developing and executing strategies", "develops the goals"),
        "The employer or the CEO": ("employer or ceo",),
        "The CEO, who has the last word": ("ultimately it is up to the ceo",),
        "The COO is second in command": ("second in command",),
        "Usually, above all under a president and CEO": ("usually", "president and ceo"),
        "Delivering the company's services": ("provision of services",),
        "The operational and financial side": ("operational and financial",),
        "The CEO both sets it and carries it out": ("setting and executing the overall vision",),
        "The COO carries out the CEO's vision": ("ceo’s vision", "makes it happen"),
    }
    assert set(t["position"]) == set(keys)
    for row in t.itertuples():
        text = passage(row.source, row.section)
        assert any(k in text for k in keys[row.position]), (row.tension, row.position, row.source, row.section)


def test_retired_tensions_stay_retired_and_the_codebook_says_why():
    t = rolekit.load_tensions()
    retired = {"T02", "T05", "T06", "T08", "T09"}
    assert not retired & set(t["tension"].astype(str))
    text = " ".join(CODEBOOK.read_text().split())
    for tension in retired:
        assert f"{tension} (" in text, tension
    assert "Silence is not a position" in text and "cannot both be true of the same company" in text


def test_within_marks_exactly_an_article_that_disagrees_with_itself():
    t = rolekit.load_tensions()
    titles = t[t["question"] == "Who decides what the COO is responsible for?"]
    assert titles["within"].all() and set(titles["source"]) == {"titles"}
    vision = t[t["question"] == "Who carries out the vision?"]
    assert vision.loc[vision["source"] == "careers", "within"].all()
    assert vision.loc[vision["source"] == "blog", "within"].eq(False).all()
    assert set(vision.loc[vision["source"] == "careers", "position"]) == {
        "The CEO both sets it and carries it out",
        "The COO carries out the CEO's vision",
    }
    assert (
        rolekit.tension_summary(t)
        == "The articles take 10 positions on 5 questions; on 4 of them one article takes two positions or more."
    )


def test_a_tension_with_one_position_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "tension,question,position,source\nT1,Who?,The CEO,careers\nT1,Who?,The CEO,blog\n"
        "T2,How?,A,careers\nT2,How?,B,blog\n"
    )
    with pytest.raises(DataError, match=r"t.csv:2: column 'position': tension 'T1' has one position only"):
        rolekit.load_tensions(path)


def test_the_chart_refuses_an_empty_table_saying_what_it_needs():
    with pytest.raises(DataError, match="the columns tension, question, position, source"):
        rolekit.plot_tensions(rolekit.load_tensions().iloc[0:0])
