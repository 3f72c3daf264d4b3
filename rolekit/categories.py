"""rolekit's tidy form: key columns as categoricals in a fixed order, whatever the input's dtypes.

The tidy form has ``role``, ``scope``, ``horizon``, ``theme`` and ``source`` as
categoricals: roles and themes of the bundled reference tables first, in their
order, then others as they first appear. Analyses and charts call :func:`tidy` on
what they are given, so a table typed by hand and one loaded from a file give the
same numbers in the same order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .bundle import reference
from .roles import role_mapping
from .text import clean, fault, is_placeholder, marked, quoted
from .validate import ALLOWED, SYNONYMS, DataError, Problem, did_you_mean

ORDERED = ("role", "scope", "horizon", "theme", "source")


def _known(column: str) -> list[str]:
    """Values of ``column`` that the bundled reference tables define, in their order."""
    if column in ALLOWED:
        return list(ALLOWED[column])
    table, key = {"role": ("roles", "role"), "theme": ("themes", "theme"), "source": ("sources", "id")}[column]
    return reference(table)[key].tolist()


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with role, scope, horizon, theme and source as categoricals in rolekit's order.

    Plain text, string and categorical columns are read alike, so the same facts give
    the same numbers, in the same order, whatever the dtypes: values are normalised
    (NFKC, invisible characters and surrounding blanks removed), placeholders such as
    ``N/A`` are missing, spellings differing only in case become one value (the
    bundled one, else the most used), scope and horizon hold only their allowed
    values, and categories come in rolekit's order: the bundled roles, themes and
    sources first, then others as they first appear. An input's own category order
    is not kept. The work is done once per distinct value.

    >>> t = tidy(pd.DataFrame({"role": ["CFO", "ceo", "CEO"], "scope": ["External", "internal", "internal"]}))
    >>> t["role"].tolist(), list(t["role"].cat.categories), t["scope"].tolist()
    (['CFO', 'CEO', 'CEO'], ['CEO', 'CFO'], ['external', 'internal', 'internal'])
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"expected a pandas DataFrame, got {type(df).__name__}; load one with rolekit.load_responsibilities(path)"
        )
    out = df.copy(deep=False)
    for col in ORDERED:
        if col in out:
            out[col] = _categorical(out[col], col)
    return out


def _categorical(values: pd.Series, col: str) -> pd.Categorical:
    codes, uniques = pd.factorize(values)  # on a categorical, from its codes: fast
    uniques = [str(u) for u in uniques]
    cleaned = ["" if is_placeholder(c) else c for c in map(clean, uniques)]
    faults = [(i, fault(c)) for i, c in enumerate(cleaned) if c and fault(c)]
    if faults:
        raise DataError(
            [
                Problem(
                    "table", None, col, f"{quoted(uniques[i], marked)} {why} (rows {_labels(values.index[codes == i])})"
                )
                for i, why in faults
            ]
        )
    known = _known(col)
    if col in ALLOWED:
        cleaned = [c.lower() for c in cleaned]
        bad = [i for i, c in enumerate(cleaned) if c and c not in known]
        if bad:
            raise DataError(
                [
                    Problem(
                        "table",
                        None,
                        col,
                        f"{quoted(uniques[i])} is not allowed (rows {_labels(values.index[codes == i])}); "
                        f"allowed: {', '.join(known)}{did_you_mean(uniques[i], known, SYNONYMS[col])}",
                    )
                    for i in bad
                ]
            )
        categories = known
    else:
        cleaned = _one_spelling(cleaned, np.bincount(codes[codes >= 0], minlength=len(uniques)), known)
        present = list(dict.fromkeys(c for c in cleaned if c))  # first appearance
        categories = [k for k in known if k in present] + [c for c in present if c not in known]
        if col == "role":  # a role named for a bundled one ("Chief Executive Officer") takes its place
            meant = role_mapping(categories)
            categories = sorted(categories, key=lambda r: known.index(meant[r]) if meant[r] in known else len(known))
    if (
        cleaned == list(categories)
        and isinstance(values.dtype, pd.CategoricalDtype)
        and list(values.cat.categories) == categories
    ):
        return values.array  # already in rolekit's form
    position = {c: i for i, c in enumerate(categories)}
    recode = np.array(
        [position.get(c, -1) for c in cleaned] + [-1], dtype=np.int64
    )  # the last entry serves code -1 (missing)
    return pd.Categorical.from_codes(recode[codes], categories)


def _labels(index: pd.Index) -> str:
    shown = ", ".join(map(str, index[:5]))
    return shown + (f" and {len(index) - 5} more" if len(index) > 5 else "")


def _one_spelling(values: list[str], counts: np.ndarray, known: list[str]) -> list[str]:
    """Give spellings that differ only in case one spelling: the known one, else the most used."""
    total: dict[str, int] = {}
    for v, n in zip(values, counts):
        total[v] = total.get(v, 0) + n
    best = {k.casefold(): k for k in known}
    for v in total:  # in order of first appearance, so ties keep the first
        key = v.casefold()
        if key not in best or (best[key] not in known and total[v] > total[best[key]]):
            best[key] = v
    return [best[v.casefold()] if v else v for v in values]
