"""Agreement statistics: Fleiss' kappa, Cohen's kappa, Krippendorff's alpha, and Landis and Koch's words for them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing
import pandas as pd

__all__ = ["BANDS", "band", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]

# Landis and Koch (1977): words for kappa values, for the room to read.
BANDS = (
    (0.0, "poor"),
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)


def fleiss_kappa(counts: np.typing.ArrayLike) -> float:
    """Fleiss' kappa for an items x categories matrix of how many raters chose each category.

    Items may have different numbers of raters (answers skipped); items with fewer
    than two are left out. Defined cases: when every rating falls in one category,
    chance agreement is 1 and the formula is 0/0; rolekit returns 1.0, since the
    raters agree completely. With no item rated twice, the result is NaN.

    Fleiss (1971)'s worked example, 10 subjects, 14 raters, 5 categories:

    >>> table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    ...          [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(fleiss_kappa(table), 3)
    0.21
    """
    n = _counts(counts)
    raters = n.sum(axis=1)
    n = n[raters >= 2]
    raters = raters[raters >= 2]
    if not len(n):
        return float("nan")
    observed = ((n * (n - 1)).sum(axis=1) / (raters * (raters - 1))).mean()
    p = n.sum(axis=0) / n.sum()
    chance = (p**2).sum()
    if np.isclose(chance, 1):
        return 1.0
    return float((observed - chance) / (1 - chance))


def _counts(counts: np.typing.ArrayLike) -> np.ndarray:
    """``counts`` as an items x categories array of whole numbers of 0 or more, or a ValueError saying what is allowed.

    >>> _counts([[1, 2], [3, -1]])
    Traceback (most recent call last):
    ...
    ValueError: fleiss_kappa needs counts of 0 or more (how many raters chose each category); got -1
    """
    allowed = "a table of items x categories: one row per item, one count per category, such as [[2, 1], [0, 3]]"
    try:
        n = np.asarray(counts, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"fleiss_kappa needs {allowed}; got rows of different lengths or text") from None
    if n.ndim != 2 or not n.size:
        raise ValueError(
            f"fleiss_kappa needs {allowed}; got {'an empty table' if not n.size else f'{n.ndim} dimensions'}"
        )
    if not np.isfinite(n).all():
        raise ValueError("fleiss_kappa needs counts that are numbers; got a missing or infinite value")
    if (n < 0).any():
        raise ValueError(
            f"fleiss_kappa needs counts of 0 or more (how many raters chose each category); got {n[n < 0][0]:g}"
        )
    if (n != np.round(n)).any():
        raise ValueError(f"fleiss_kappa needs whole numbers of raters; got {n[n != np.round(n)][0]:g}")
    return n


def cohen_kappa(a: Iterable[object], b: Iterable[object]) -> float:
    """Cohen's kappa between two raters' labels for the same items (pairs with a missing label are left out).

    Defined cases: when both raters use one and the same category throughout,
    chance agreement is 1 and the formula is 0/0; rolekit returns 1.0. With no pair
    left, NaN.

    The textbook two-rater example: 20 items both say yes, 15 both no, 5 and 10 split.

    >>> a = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    >>> b = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    >>> round(cohen_kappa(a, b), 2)
    0.4
    """
    first, second = list(a), list(b)
    if len(first) != len(second):
        raise ValueError(
            f"cohen_kappa needs one label per item from each rater, so two sequences of the same length; "
            f"got {len(first)} and {len(second)}"
        )
    pairs = [(x, y) for x, y in zip(first, second) if not (pd.isna(x) or pd.isna(y))]
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    of_a, of_b = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    chance = sum(k * of_b.get(label, 0) for label, k in of_a.items()) / n**2
    if np.isclose(chance, 1):
        return 1.0
    return float((observed - chance) / (1 - chance))


def krippendorff_alpha(answers: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) of a participant x item table of answers, missing ones allowed.

    From the ``krippendorff`` package. Defined cases: when every answer given is the
    same value on every item two participants answered, alpha's formula is 0/0 and
    rolekit returns 1.0 (complete agreement);
    when no item was answered by two participants or more (a dry run with one sheet),
    alpha cannot be computed and the result is NaN, as for Fleiss' kappa.

    >>> round(krippendorff_alpha(pd.DataFrame([["a", "b", "a"], ["a", "b", "b"]])), 2)
    0.44
    >>> krippendorff_alpha(pd.DataFrame([["a", "b", "a"]]))
    nan
    >>> krippendorff_alpha(pd.DataFrame([["a", "b"], ["a", None]]))  # only the first item is answered twice
    1.0
    """
    import krippendorff

    paired = answers.notna().sum(axis=0) >= 2  # the items two participants or more answered: only they count
    if not paired.any():
        return float("nan")
    if answers.loc[:, paired].stack().dropna().nunique() < 2:  # one value on every paired item (and others alone)
        return 1.0
    values = answers.stack().dropna()
    codes = pd.Categorical(answers.to_numpy().ravel(), categories=sorted(values.unique())).codes
    data = np.where(codes < 0, np.nan, codes).reshape(answers.shape)  # a missing answer has no code: NaN
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def band(kappa: float) -> str:
    """Landis and Koch's word for a kappa: poor, slight, fair, moderate, substantial, almost perfect.

    The kappa is read as it is shown, to two decimals: -0.001 is 0.00, so slight.

    >>> band(0.21), band(0.61), band(-0.1), band(-0.001)
    ('fair', 'substantial', 'poor', 'slight')
    """
    if not np.isfinite(kappa):
        return "not defined"
    kappa = round(kappa, 2) + 0.0  # as shown; + 0.0 makes -0.0 zero
    if kappa < 0:
        return "poor"
    return next(word for top, word in BANDS[1:] if kappa <= top + 1e-9)
