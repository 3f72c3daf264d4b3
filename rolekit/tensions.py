"""Where the articles disagree: the tensions table, one row per position and the passage that holds it.

A tension is a question the articles (or one article with itself) answer in more
than one way, each answer stated in a passage. This is what the articles say
outright; :func:`rolekit.source_agreement` only infers disagreement from silence.
"""

from __future__ import annotations

import os

import pandas as pd

from .bundle import bundled
from .categories import tidy
from .reader import read_table
from .validate import DataError, Problem, Schema

TENSIONS = Schema(
    ("tension", "question", "position", "source"), ("section",), keys=("tension", "source"), row="position and passage"
)


def load_tensions(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The bundled tensions (or a table of your own): tension, question, position, source, section, within.

    ``within`` is True where one article holds more than one of the positions (it
    disagrees with itself). Every tension needs two positions or more.

    >>> t = load_tensions()
    >>> t.groupby("tension")["position"].nunique().ge(2).all(), t["tension"].nunique() >= 7
    (np.True_, True)
    """
    table, lines = read_table(bundled("data/tensions.csv") if path is None else path, TENSIONS, lines=True)
    one = table.groupby("tension")["position"].transform(lambda p: p.str.casefold().nunique()).eq(1)
    if one.any():
        name = str(path or "tensions.csv")
        raise DataError(
            [
                Problem(
                    name,
                    int(lines[i]),
                    "position",
                    f"tension '{table['tension'][i]}' has one position only; "
                    "a tension needs two positions or more (or delete it)",
                )
                for i in one[one].index
            ]
        )
    held = table.groupby(["tension", "source"])["position"].transform(lambda p: p.str.casefold().nunique())
    return tidy(table.assign(within=held.gt(1)))


def tension_summary(tensions: pd.DataFrame) -> str:
    """One sentence: how many tensions, how many positions, how many inside one article.

    >>> tension_summary(load_tensions())
    'The articles take 21 positions on 9 questions; on 6 of them one article takes two positions or more.'
    """
    t = tidy(tensions)
    n, positions = t["tension"].nunique(), t.groupby("tension")["position"].nunique().sum()
    within = t.loc[t["within"], "tension"].nunique() if "within" in t else 0
    return (
        f"The articles take {positions} positions on {n} question{'s' * (n != 1)}; "
        f"on {within} of them one article takes two positions or more."
    )
