"""rolekit.similarity: one measure for every comparison of duties, and a search that stays near-linear."""

import numpy as np
import pandas as pd
import pytest

import rolekit
from rolekit import similarity
from rolekit.similarity import NEIGHBOURS, content_words, nearest, scores


def test_content_words_set_role_names_small_words_and_plurals_aside():
    assert content_words(["Works closely with the COO", "Keeps the CFO's costs under control"], ["COO", "CFO"]) == [
        "work closely ROLE",
        "keep ROLE cost under control",
    ]


def test_a_word_in_most_texts_tells_no_duty_from_another():
    texts = [f"Runs the company's unit {i}" for i in range(30)]
    assert all("company" not in w for w in content_words(texts))
    assert all("company" in w for w in content_words(texts[:5]))  # fewer than 20 texts: kept


@pytest.mark.parametrize(
    ("a", "b", "high"),
    [
        ("Manages the budgets", "Manages budgets", True),
        ("Keeps operating costs under control", "Keeps costs under control", True),
        ("Raises money and brings in investors", "Leads the engineering team", False),
    ],
)
def test_scores_are_high_for_rewordings_and_low_for_other_duties(a, b, high):
    words = content_words([a, b])
    assert (scores([words[0]], [words[1]])[0] >= 0.75) == high


def test_an_empty_text_scores_zero():
    assert scores(["", "keep cost"], ["keep cost", ""]).tolist() == [0.0, 0.0]


def test_only_texts_sharing_a_distinctive_word_are_candidates():
    i, j = nearest(["keep cost control", "raise fund"], ["cost review", "hire staff"])
    assert list(zip(i.tolist(), j.tolist())) == [(0, 0)]


def test_each_text_proposes_at_most_its_nearest_candidates():
    texts = [f"approve budget item{k}" for k in range(200)]
    i, j = nearest(texts)  # every pair shares two words: 19,900 pairs, of which only the nearest are scored
    assert len(i) <= 2 * NEIGHBOURS * len(texts) < len(texts) * (len(texts) - 1) // 2 and (i < j).all()


def test_a_word_in_more_texts_than_rare_proposes_no_candidates(monkeypatch):
    monkeypatch.setattr(similarity, "RARE", 3)
    i, _ = nearest(["budget"], ["budget a", "budget b", "budget c", "budget d"])
    assert len(i) == 0
    i, _ = nearest(["budget"], ["budget a", "budget b", "budget c"])
    assert len(i) == 3


def test_the_search_gives_the_same_pairs_in_any_process_order():
    df = rolekit.load_responsibilities()
    first = rolekit.similar_responsibilities(df, threshold=0.5)
    again = rolekit.similar_responsibilities(df.sample(frac=1, random_state=3), threshold=0.5)
    key = ["responsibility_a", "responsibility_b"]
    as_pairs = lambda f: {frozenset(p) for p in zip(f[key[0]], f[key[1]])}  # noqa: E731
    assert as_pairs(first) == as_pairs(again)


@pytest.mark.slow
def test_a_large_table_finds_every_planted_rewording_and_only_close_pairs():
    # Thousands of random duties, and 50 of them given again, reordered, to another role: the search must find
    # those 50 (speed at this size and larger is printed by benchmarks/compare.py, not asserted here).
    rng = np.random.default_rng(1)
    words = [f"w{k}" for k in range(4000)]
    rows, planted = 5_000, 50
    texts = [" ".join(rng.choice(words, 5, replace=False)) for _ in range(rows)]
    roles = list(rng.choice(["A", "B"], rows))
    texts += [" ".join(reversed(t.split())) for t in texts[:planted]]
    roles += ["C"] * planted
    pairs = rolekit.similar_responsibilities(pd.DataFrame({"role": roles, "responsibility": texts}))
    assert pairs["score"].between(0.75, 1).all()
    found = {(a, b) for a, b in zip(pairs["responsibility_a"], pairs["responsibility_b"])}
    for text in texts[:planted]:
        again = " ".join(reversed(text.split()))
        assert (text, again) in found or (again, text) in found, text
