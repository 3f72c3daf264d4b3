"""Where the articles disagree: the tensions table, one row per position and the passage that holds it.

A tension is two passages (of two articles, or of one article with itself) that
cannot both be true of the same company, each stating its answer to one question.
Silence is not a position: an article that does not mention something takes no side.
This is what the articles say outright; :func:`rolekit.source_agreement` only shows
gaps, where one article names a role for a theme and another does not.
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
    >>> t.groupby("tension")["position"].nunique().ge(2).all(), t["tension"].nunique()
    (np.True_, 5)
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
    'The articles take 10 positions on 5 questions; on 4 of them one article takes two positions or more.'
    """
    t = tidy(tensions)
    n, positions = t["tension"].nunique(), t.groupby("tension")["position"].nunique().sum()
    within = t.loc[t["within"], "tension"].nunique() if "within" in t else 0
    return (
        f"The articles take {positions} positions on {n} question{'s' * (n != 1)}; "
        f"on {within} of them one article takes two positions or more."
    )
