"""Issue 19: answers typed loosely or cut short are read when they can mean one value only; the rest is refused."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolekit
from rolekit.exercise import Choices, unguard

ROLES = ["CEO", "COO", "Chief of Staff", "Head of Sales"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("i", "internal"),
        ("E", "external"),
        ("int", "internal"),
        ("d", "daily"),
        ("l", "long-term"),
        ("longterm", "long-term"),
        ("Long Term", "long-term"),
        ("LONG-TERM", "long-term"),
        ("long – term", "long-term"),  # an en dash for the hyphen
        (" Daily ", "daily"),
    ],
)
def test_scope_and_horizon_short_and_loose(typed, meant):
    allowed = ["internal", "external"] if meant in ("internal", "external") else ["daily", "long-term"]
    assert Choices(allowed).read(typed) == (meant, None)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ce", "CEO"),
        ("coo", "COO"),
        ("cos", "Chief of Staff"),
        ("chief-of-staff", "Chief of Staff"),
        ("chief", "Chief of Staff"),
        ("h", "Head of Sales"),
        ("hos", "Head of Sales"),
        ("headofsales", "Head of Sales"),
    ],
)
def test_roles_by_any_prefix_or_initials_naming_one_role(typed, meant):
    assert Choices(ROLES).read(typed) == (meant, None)


@pytest.mark.parametrize(
    ("roles", "typed", "why"),
    [(ROLES, "c", "could be CEO, COO or Chief of Staff"), (["COO", "Co-founder"], "co", "could be COO or Co-founder")],
)
def test_a_short_answer_naming_several_roles_is_refused_saying_which(roles, typed, why):
    answer, problem = Choices(roles).read(typed)
    assert answer is None and why in problem and "write more of it" in problem


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("outside", "(did you mean 'external'?)"), ("inernal", "(did you mean 'internal'?)"), ("x", "")],
)
def test_anything_else_is_refused_with_its_did_you_mean(typed, hint):
    from rolekit.validate import SYNONYMS

    answer, problem = Choices(["internal", "external"], SYNONYMS["scope"]).read(typed)
    assert answer is None and problem.startswith(f"'{typed}' is not one of internal, external") and hint in problem


def test_blanks_and_placeholders_are_not_answers():
    for typed in ("", "  ", "N/A", "-", "?"):
        assert Choices(ROLES).read(typed) == (None, None)


def test_an_exact_name_wins_over_a_longer_one_it_starts():
    assert Choices(["CEO", "CEO Office"]).read("ceo") == ("CEO", None)
    assert Choices(["CEO", "CEO Office"]).read("ceo o") == ("CEO Office", None)


def test_the_formula_guard_is_undone_only_where_rolekit_put_it():
    assert unguard("'@Sales") == "@Sales" and unguard("'-daily") == "-daily"
    assert unguard("'t Hooft") == "'t Hooft" and unguard("'") == "'"
    assert Choices(["@Sales", "CEO"]).read("'@Sales") == ("@Sales", None)


@given(st.sampled_from(ROLES), st.integers(0, 2), st.booleans())
def test_every_allowed_value_reads_back_however_it_is_cased_and_spaced(role, style, upper):
    typed = [role, role.replace(" ", ""), role.replace(" ", "-")][style]
    typed = typed.upper() if upper else typed.lower()
    assert Choices(ROLES).read(typed) == (role, None)


def test_short_answers_score_like_full_ones(tmp_path):
    key = pd.DataFrame(
        {
            "item": ["Q01", "Q02"],
            "responsibility": ["Sets vision", "Runs ops"],
            "role": ["CEO", "COO"],
            "scope": ["internal", "internal"],
            "horizon": ["long-term", "daily"],
        }
    )
    key.to_csv(tmp_path / "key.csv", index=False)
    pd.DataFrame(
        {
            "participant": ["Ana", "Ben"],
            "Q01 role": ["CEO", "ce"],
            "Q01 scope": ["internal", "i"],
            "Q01 horizon": ["long-term", "Long Term"],
            "Q02 role": ["COO", "co"],
            "Q02 scope": ["internal", "I"],
            "Q02 horizon": ["daily", "d"],
        }
    ).to_csv(tmp_path / "form.csv", index=False)
    scores = rolekit.score_sheets(tmp_path / "form.csv", tmp_path / "key.csv")
    assert not scores.problems
    assert scores.agreement.set_index("dimension")["key_accuracy"].tolist() == [1.0, 1.0, 1.0]
