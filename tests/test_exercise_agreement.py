"""Agreement statistics (rolekit.exercise.agreement) against published worked examples: Fleiss' kappa, Cohen's
kappa, Scott's pi, Krippendorff's alpha, and Landis and Koch's bands."""

import numpy as np
import pandas as pd
import pytest

import rolekit
from rolekit import exercise as ex

FLEISS_1971 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_of_fleiss_1971():
    assert rolekit.fleiss_kappa(FLEISS_1971) == pytest.approx(0.2099, abs=5e-4)


def test_cohen_kappa_of_the_textbook_two_rater_example():
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    assert rolekit.cohen_kappa(a, b) == pytest.approx(0.40)


def test_fleiss_with_two_raters_is_scotts_pi_and_near_cohen():
    a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    counts = [[int(x == "yes") + int(y == "yes"), int(x == "no") + int(y == "no")] for x, y in zip(a, b)]
    # Scott's pi for this table: po 0.7, pooled p(yes) 0.55, pe 0.505 -> (0.7 - 0.505) / 0.495
    assert rolekit.fleiss_kappa(counts) == pytest.approx((0.7 - 0.505) / 0.495)


def test_krippendorff_alpha_agrees_with_fleiss_on_complete_data():
    rng = np.random.default_rng(0)
    wide = pd.DataFrame(rng.choice(["a", "b", "c"], size=(12, 20), p=[0.6, 0.3, 0.1]))
    counts = wide.apply(lambda col: col.value_counts()).T.fillna(0).to_numpy()
    # With every rater rating every item, alpha = 1 - (1 - kappa) * (n*m - 1)/(n*m - ... ): close to kappa
    assert ex.krippendorff_alpha(wide) == pytest.approx(rolekit.fleiss_kappa(counts), abs=0.01)


@pytest.mark.parametrize(("counts", "expected"), [([[3, 0], [3, 0]], 1.0), ([[0, 4], [0, 4], [0, 4]], 1.0)])
def test_perfect_agreement_and_a_single_category_are_defined(counts, expected):
    assert rolekit.fleiss_kappa(counts) == expected
    assert rolekit.cohen_kappa(["x"] * 5, ["x"] * 5) == 1.0
    assert ex.krippendorff_alpha(pd.DataFrame([["x", "x"], ["x", None]])) == 1.0


def test_missing_answers_are_left_out_and_nothing_rated_twice_is_nan():
    assert np.isnan(rolekit.fleiss_kappa([[1, 0], [0, 1]]))  # one rater per item
    assert rolekit.fleiss_kappa([[2, 0], [0, 3], [1, 0]]) == rolekit.fleiss_kappa([[2, 0], [0, 3]])
    assert rolekit.cohen_kappa(["a", "b", None], ["a", "b", "a"]) == 1.0
    assert np.isnan(rolekit.cohen_kappa([None], ["a"]))


@pytest.mark.parametrize(
    ("kappa", "word"),
    [
        (-0.2, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.4, "fair"),
        (0.55, "moderate"),
        (0.7, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_and_koch_bands(kappa, word):
    assert ex.band(kappa) == word


def test_krippendorff_alpha_is_defined_without_a_warning_when_only_lone_answers_differ():
    import warnings

    lone = pd.DataFrame([["x", "y", None], ["x", None, "z"]])  # item 1 paired and agreed; y and z stand alone
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the room's terminal showed krippendorff's 0/0 RuntimeWarning
        assert ex.krippendorff_alpha(lone) == 1.0
