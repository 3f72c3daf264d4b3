"""tidy (rolekit.categories): any dtype and any category order give the loader's numbers; roles in a fixed
order; one spelling per role; values outside the allowed set refused whatever the dtype."""

import random

import numpy as np
import pandas as pd
import pytest
from conftest import BUNDLED_CSV, HEADER, same_frames
from hypothesis import given, settings
from hypothesis import strategies as st

import rolekit

ANALYSES = {
    "profile": rolekit.profile,
    "positions": rolekit.positions,
    "overlap.pairs": lambda d: rolekit.overlap(d).pairs,
    "overlap.differences": lambda d: rolekit.overlap(d).differences,
    "support": lambda d: rolekit.source_agreement(d).support,
    "gaps": lambda d: rolekit.source_agreement(d).gaps,
    "tally": lambda d: rolekit.tally(d).reset_index(),
}


# -- Plain frames and categoricals ---------------------------------------------------------------


def test_tidy_turns_plain_frames_into_categoricals():
    plain = pd.DataFrame(
        {"role": ["CMO", " COO"], "scope": ["External", "internal"], "horizon": ["daily", "long-term"]}
    )
    df = rolekit.tidy(plain)
    assert list(df["role"].cat.categories) == ["COO", "CMO"]
    assert df["scope"].tolist() == ["external", "internal"]
    assert plain["scope"].tolist() == ["External", "internal"]  # the caller's frame is untouched


@pytest.mark.parametrize("name", ANALYSES)
def test_read_csv_with_category_dtype_gives_the_loaders_numbers(name):
    loaded = rolekit.load_responsibilities()
    alphabetical = pd.read_csv(BUNDLED_CSV, dtype="category")  # alphabetical categories: external before internal
    assert list(alphabetical["scope"].cat.categories) == ["external", "internal"]
    same_frames(ANALYSES[name](alphabetical), ANALYSES[name](loaded))


def test_the_issues_example_coo_strategy_is_internal():
    place = rolekit.positions(pd.read_csv(BUNDLED_CSV, dtype="category")).set_index(["theme", "role"])
    assert place.loc[("strategy", "COO"), "external"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_any_dtype_and_any_category_order_give_the_same_numbers(seed):
    rng = random.Random(seed)
    loaded = rolekit.load_responsibilities()
    plain = pd.read_csv(BUNDLED_CSV, dtype=str, keep_default_na=False)
    mixed = plain.copy()
    for col in ["role", "scope", "horizon", "theme", "source"]:
        values = sorted(mixed[col].unique())
        rng.shuffle(values)
        mixed[col] = pd.Categorical(mixed[col], categories=values + ["unused"] * (col != "scope" and col != "horizon"))
    string = plain.astype("string")
    for name, analysis in ANALYSES.items():
        for other in (plain, mixed, string):
            if name in ("tally", "profile"):  # the rows are the roles, in the table's order: compare by role
                key = "role"
                same_frames(
                    analysis(other).sort_values([key, *analysis(other).columns[1:2]]).reset_index(drop=True),
                    analysis(loaded).sort_values([key, *analysis(loaded).columns[1:2]]).reset_index(drop=True),
                )
            else:
                left, right = analysis(other), analysis(loaded)
                cols = list(left.columns)
                same_frames(
                    left.astype(str).sort_values(cols).reset_index(drop=True),
                    right.astype(str).sort_values(cols).reset_index(drop=True),
                )


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["CEO", "COO", "CFO", " ceo", "Chief of Staff"]),
            st.sampled_from(["internal", "external", "Internal"]),
            st.sampled_from(["daily", "long-term"]),
            st.sampled_from(["strategy", "finance", "people", None]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
def test_analyses_give_the_same_numbers_for_text_and_categorical_input(rows, rnd):
    plain = pd.DataFrame(rows, columns=["role", "scope", "horizon", "theme"]).assign(source="s")
    categorical = plain.copy()
    for col in ["role", "scope", "horizon", "theme"]:
        values = list(plain[col].dropna().unique())
        rnd.shuffle(values)
        categorical[col] = pd.Categorical(plain[col], categories=values)
    for name in ("positions", "overlap.pairs", "gaps"):
        left, right = ANALYSES[name](plain), ANALYSES[name](categorical)
        key = lambda f: sorted(map(str, f.astype(str).values.tolist()))  # noqa: E731
        assert key(left) == key(right), name
    p, c = rolekit.profile(plain), rolekit.profile(categorical)
    assert sorted(map(tuple, p.astype(str).values)) == sorted(map(tuple, c.astype(str).values))
    assert np.isclose(p["count"].sum(), c["count"].sum())


# -- Values outside the allowed set, and their spellings -----------------------------------------


@pytest.mark.parametrize("bad", ["inside", "Both", "INTERNALLY"])
def test_a_categorical_column_with_a_value_not_allowed_is_refused_like_plain_text(bad):
    df = pd.read_csv(BUNDLED_CSV, dtype="category")
    df["scope"] = df["scope"].cat.add_categories([bad])
    df.loc[3, "scope"] = bad
    with pytest.raises(
        rolekit.DataError, match=f"column 'scope': '{bad}' is not allowed \\(rows 3\\); allowed: internal, external"
    ):
        rolekit.profile(df)
    with pytest.raises(rolekit.DataError, match=f"'{bad}' is not allowed"):
        rolekit.profile(df.astype({"scope": str}))


def test_upper_case_values_count_the_same_in_categoricals_and_text():
    df = pd.read_csv(BUNDLED_CSV, dtype=str)
    upper = df.assign(scope=df["scope"].str.upper())
    expected = rolekit.profile(df)
    same_frames(rolekit.profile(upper.astype({"scope": "category"})), expected)
    same_frames(rolekit.profile(upper), expected)


def test_role_spellings_differing_in_case_become_one(table):
    df = rolekit.load_responsibilities(
        table(HEADER + "cfo,a,internal,daily\nCFO,b,internal,daily\nCFO,c,internal,daily\nceo,d,internal,daily\n")
    )
    assert df["role"].tolist() == ["CFO", "CFO", "CFO", "CEO"]  # most used spelling; a known role keeps its own


# -- The order of roles ----------------------------------------------------------------------------


def test_other_roles_load_in_order_of_first_appearance_after_known_ones(table):
    content = HEADER + (
        "Chief of Staff,Runs the CEO's office,internal,daily\nCFO,Reports results to investors,external,daily\n"
        "COO,Runs operations,internal,daily\nCTO,Sets the technology roadmap,internal,long-term\n"
    )
    df = rolekit.load_responsibilities(table(content))
    assert list(df["role"].cat.categories) == ["COO", "Chief of Staff", "CFO", "CTO"]
    assert df["role"].tolist() == ["Chief of Staff", "CFO", "COO", "CTO"]


def test_a_table_without_ceo_or_coo_loads(table):
    df = rolekit.load_responsibilities(
        table(HEADER + "Head Chef,Plans the menu,internal,long-term\nMaître d',Greets guests,external,daily\n")
    )
    assert list(df["role"].cat.categories) == ["Head Chef", "Maître d'"]
