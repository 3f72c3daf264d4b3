"""Where roles overlap and where they differ, computed from a responsibilities table.

Every function takes a DataFrame with the columns it needs, plain text or
categorical (as :func:`rolekit.load_responsibilities` returns), works for any
number of roles, and raises :class:`rolekit.DataError` naming any missing column.
When the table has a ``weight`` column (hours, share of time, importance), every
count is the sum of the rows' weights instead; whether a role holds a theme still
depends only on having a row in it.
Rows with no value in a column an analysis needs (a blank theme, say) are left out
of that analysis. Roles and themes keep the table's category order.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from itertools import combinations, product
from typing import NamedTuple

import numpy as np
import pandas as pd

from .categories import tidy
from .text import number
from .validate import MAX_WEIGHT, DataError, Problem, require

CELLS = [("internal", "daily"), ("internal", "long-term"), ("external", "daily"), ("external", "long-term")]


class Overlap(NamedTuple):
    """What :func:`overlap` returns: one table per pair of roles, one per shared theme."""

    pairs: pd.DataFrame
    differences: pd.DataFrame


class Agreement(NamedTuple):
    """What :func:`source_agreement` returns: who each source backs, and the gaps between them (silence, no clash)."""

    support: pd.DataFrame
    gaps: pd.DataFrame

    @property
    def contradictions(self) -> pd.DataFrame:
        """Deprecated name of :attr:`gaps` (silence between sources is no contradiction); it will be removed."""
        warnings.warn("source_agreement(...).contradictions is now .gaps", DeprecationWarning, stacklevel=2)
        return self.gaps


def counts(
    df: pd.DataFrame, columns: list[str], purpose: str, weighted: bool = True
) -> tuple[np.ndarray, list[pd.Index]]:
    """Count rows (or sum their weights) for every combination of the categories of ``columns``.

    Returns the array of counts, one axis per column, and each column's categories.
    One pass of ``np.bincount`` over the category codes: this is what keeps the
    analyses fast on a million rows. With ``weighted`` and a ``weight`` column, each
    row counts as its weight.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "COO"], "scope": ["external", "internal", "internal"]})
    >>> n, (roles, scopes) = counts(df, ["role", "scope"], "")
    >>> n.tolist(), list(roles), list(scopes)
    ([[0, 1], [2, 0]], ['CEO', 'COO'], ['internal', 'external'])
    >>> counts(pd.DataFrame({"role": ["CEO", "COO", "COO"], "weight": [5, 1, 2.5]}), ["role"], "")[0].tolist()
    [5.0, 3.5]
    """
    require(df, columns, purpose)
    df = tidy(df[columns + ["weight"] * ("weight" in df and weighted)])
    codes = [df[c].cat.codes.to_numpy() for c in columns]
    categories = [df[c].cat.categories for c in columns]
    shape = tuple(len(c) for c in categories)
    keep = np.logical_and.reduce([c >= 0 for c in codes])
    flat = np.ravel_multi_index([c[keep] for c in codes], shape) if keep.any() else np.zeros(0, dtype=np.int64)
    weights = weights_of(df)[keep] if "weight" in df else None
    return np.bincount(flat, weights=weights, minlength=int(np.prod(shape))).reshape(shape), categories


def weights_of(df: pd.DataFrame) -> np.ndarray:
    """The ``weight`` column as numbers; DataError for a blank, negative, non-numeric or too large weight."""
    values = pd.to_numeric(df["weight"], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values) | (values < 0) | (values > MAX_WEIGHT)  # sums of larger ones may overflow
    if bad.any():
        rows = ", ".join(map(str, df.index[bad][:5]))
        raise DataError(
            [
                Problem(
                    "table",
                    None,
                    "weight",
                    f"needs a number from 0 to 10^15 on every row (rows {rows}); "
                    "allowed: hours, a share of time or an importance such as 1 to 5",
                )
            ]
        )
    return values


def unit(df: pd.DataFrame) -> str:
    """What the counts of ``df`` are: ``"responsibilities"``, or ``"weight"`` when the table is weighted.

    >>> unit(pd.DataFrame({"role": ["CEO"]})), unit(pd.DataFrame({"role": ["CEO"], "weight": [2]}))
    ('responsibilities', 'weight')
    """
    return "weight" if "weight" in df else "responsibilities"


def profile(df: pd.DataFrame) -> pd.DataFrame:
    """Count each role's responsibilities by scope, by horizon and by scope x horizon cell.

    One row per role and category, with ``by`` naming the grouping (``scope``,
    ``horizon`` or ``cell``), ``count``, and ``share`` of the role's rows.

    >>> df = pd.DataFrame({"role": ["CEO", "CEO", "COO"], "scope": ["external", "internal", "internal"],
    ...                    "horizon": ["long-term", "long-term", "daily"]})
    >>> profile(df).query("by == 'scope'")
      role     by  category  count  share
    0  CEO  scope  internal      1    0.5
    1  CEO  scope  external      1    0.5
    8  COO  scope  internal      1    1.0
    9  COO  scope  external      0    0.0
    """
    n, (roles, scopes, horizons) = counts(df, ["role", "scope", "horizon"], "to profile each role by scope and horizon")
    by_scope, by_horizon = n.sum(axis=2), n.sum(axis=1)
    by_cell = n.reshape(len(roles), len(scopes) * len(horizons))
    table = np.hstack([by_scope, by_horizon, by_cell])
    labels = (
        [("scope", s) for s in scopes]
        + [("horizon", h) for h in horizons]
        + [("cell", f"{s}/{h}") for s in scopes for h in horizons]
    )
    totals = n.sum(axis=(1, 2))
    present = counts(df, ["role"], "", weighted=False)[0] > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        table_shares = table[present] / totals[present, None]
    return pd.DataFrame(
        {
            "role": np.repeat(roles[present], len(labels)),
            "by": [b for _ in range(present.sum()) for b, _c in labels],
            "category": [c for _ in range(present.sum()) for _b, c in labels],
            "count": table[present].ravel(),
            "share": table_shares.ravel(),
        }
    )


def _shares(df: pd.DataFrame) -> tuple[pd.Index, pd.Index, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Role x theme arrays: counts (or weights), which themes each role holds, and the external and long-term shares."""
    columns = ["role", "theme", "scope", "horizon"]
    n, (roles, themes, _, _) = counts(df, columns, "to compare roles theme by theme")
    held = counts(df, columns, "", weighted=False)[0].sum(axis=(2, 3)) > 0
    total = n.sum(axis=(2, 3))
    with np.errstate(invalid="ignore", divide="ignore"):  # a theme held with weight 0 has no shares: NaN
        return roles, themes, total, held, n[:, :, 1, :].sum(axis=2) / total, n[:, :, :, 1].sum(axis=2) / total


def positions(df: pd.DataFrame) -> pd.DataFrame:
    """Where each role's responsibilities in each theme sit on scope and horizon.

    One row per theme and role holding it: ``count``, ``external`` (share of those
    rows that are external) and ``long_term`` (share that are long-term), plus
    ``roles``, how many roles hold the theme.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "COO"], "theme": ["finance"] * 3,
    ...                    "scope": ["external", "internal", "internal"],
    ...                    "horizon": ["long-term", "daily", "long-term"]})
    >>> positions(df)
         theme role  count  external  long_term  roles
    0  finance  CEO      1       1.0        1.0      2
    1  finance  COO      2       0.0        0.5      2
    """
    roles, themes, total, held, external, long_term = _shares(df)
    theme_idx, role_idx = np.nonzero(held.T)
    return pd.DataFrame(
        {
            "theme": pd.Categorical.from_codes(theme_idx, themes),
            "role": pd.Categorical.from_codes(role_idx, roles),
            "count": total[role_idx, theme_idx],
            "external": external[role_idx, theme_idx],
            "long_term": long_term[role_idx, theme_idx],
            "roles": held.sum(axis=0)[theme_idx],
        }
    )


def overlap(df: pd.DataFrame) -> Overlap:
    """For every pair of roles: the themes they share, those only one holds, and how alike they are.

    ``pairs`` has one row per pair of roles: ``shared``, ``only_a`` and ``only_b``
    (tuples of themes), ``n_shared`` and ``jaccard``, the shared themes over all
    themes either holds. ``differences`` has one row per pair and shared theme,
    with each role's ``count``, ``external`` and ``long_term`` shares (suffixes
    ``_a``, ``_b``) and the gaps between them (a minus b).

    >>> df = pd.DataFrame({"role": ["CEO", "CEO", "COO", "COO"],
    ...                    "theme": ["strategy", "stakeholders", "strategy", "operations"],
    ...                    "scope": ["internal", "external", "internal", "internal"],
    ...                    "horizon": ["long-term", "daily", "daily", "daily"]})
    >>> print(overlap(df).pairs.to_string())
      role_a role_b       shared           only_a         only_b  n_shared   jaccard
    0    CEO    COO  (strategy,)  (stakeholders,)  (operations,)         1  0.333333
    >>> overlap(df).differences[["theme", "long_term_a", "long_term_b", "long_term_gap"]]
          theme  long_term_a  long_term_b  long_term_gap
    0  strategy          1.0          0.0            1.0
    """
    roles, themes, total, held, external, long_term = _shares(df)
    pairs, differences = [], []
    for a, b in combinations(np.flatnonzero(held.any(axis=1)), 2):
        shared, union = held[a] & held[b], held[a] | held[b]
        pairs.append(
            {
                "role_a": roles[a],
                "role_b": roles[b],
                "shared": tuple(themes[shared]),
                "only_a": tuple(themes[held[a] & ~held[b]]),
                "only_b": tuple(themes[held[b] & ~held[a]]),
                "n_shared": int(shared.sum()),
                "jaccard": shared.sum() / union.sum(),
            }
        )
        for t in np.flatnonzero(shared):
            differences.append(
                {
                    "role_a": roles[a],
                    "role_b": roles[b],
                    "theme": themes[t],
                    "count_a": total[a, t],
                    "count_b": total[b, t],
                    "external_a": external[a, t],
                    "external_b": external[b, t],
                    "long_term_a": long_term[a, t],
                    "long_term_b": long_term[b, t],
                    "external_gap": external[a, t] - external[b, t],
                    "long_term_gap": long_term[a, t] - long_term[b, t],
                }
            )
    pair_columns = ["role_a", "role_b", "shared", "only_a", "only_b", "n_shared", "jaccard"]
    difference_columns = [
        "role_a",
        "role_b",
        "theme",
        "count_a",
        "count_b",
        "external_a",
        "external_b",
        "long_term_a",
        "long_term_b",
        "external_gap",
        "long_term_gap",
    ]
    out = Overlap(pd.DataFrame(pairs, columns=pair_columns), pd.DataFrame(differences, columns=difference_columns))
    if not pairs:  # what an empty table of pairs means, for whoever shows it
        holding = int(held.any(axis=1).sum())
        why = (
            "the table has one role, so there is no pair of roles to compare"
            if len(roles) == 1
            else f"only {holding} of the table's {len(roles)} roles {'has' if holding == 1 else 'have'} themes"
        )
        out.pairs.attrs["empty"] = out.differences.attrs["empty"] = why
    elif not differences:
        out.differences.attrs["empty"] = "no theme is held by two roles"
    return out


def source_agreement(df: pd.DataFrame) -> Agreement:
    """Which sources give each theme to each role, and the gaps between them: what one names and another leaves out.

    ``support`` has one row per theme and role holding it: ``count`` of rows,
    ``n_sources`` and ``sources`` (a tuple). ``gaps`` has one row per theme and pair
    of roles where one source names the first role for the theme but not the second,
    and another source the second but not the first (``sources_a`` and ``sources_b``
    name them). That is silence on each side, not a contradiction: a source that
    does not mention a role takes no position on it. What the articles dispute
    outright is in :func:`rolekit.load_tensions`.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "CEO", "COO"], "theme": ["strategy"] * 4,
    ...                    "source": ["blog", "titles", "careers", "careers"]})
    >>> source_agreement(df).gaps
          theme role_a role_b sources_a  sources_b
    0  strategy    CEO    COO   (blog,)  (titles,)
    """
    n, (roles, themes, sources) = counts(df, ["role", "theme", "source"], "to compare what each source says")
    gives = counts(df, ["role", "theme", "source"], "", weighted=False)[0] > 0  # role x theme x source
    rows = [
        {
            "theme": t,
            "role": r,
            "count": n[i, j].sum(),
            "n_sources": int(gives[i, j].sum()),
            "sources": tuple(sources[gives[i, j]]),
        }
        for j, t in enumerate(themes)
        for i, r in enumerate(roles)
        if gives[i, j].any()
    ]
    gaps = []
    for j, t in enumerate(themes):
        for a, b in combinations(range(len(roles)), 2):
            only_a, only_b = gives[a, j] & ~gives[b, j], gives[b, j] & ~gives[a, j]
            if only_a.any() and only_b.any():
                gaps.append(
                    {
                        "theme": t,
                        "role_a": roles[a],
                        "role_b": roles[b],
                        "sources_a": tuple(sources[only_a]),
                        "sources_b": tuple(sources[only_b]),
                    }
                )
    return Agreement(
        pd.DataFrame(rows, columns=["theme", "role", "count", "n_sources", "sources"]),
        pd.DataFrame(gaps, columns=["theme", "role_a", "role_b", "sources_a", "sources_b"]),
    )


def tally(df: pd.DataFrame, rows: str = "role", columns: Sequence[str] = ("scope", "horizon")) -> pd.DataFrame:
    """Count responsibilities by one column down and one or more across, with totals.

    In a weighted table each cell is a sum of weights, and the totals are named ``total weight``.
    ``attrs["counts"]`` is True: :func:`rolekit.display.table` shows the cells as numbers.

    Across several columns, labels join their values with ``/`` (``internal/daily``).

    >>> df = pd.DataFrame({"role": ["CEO", "CEO", "COO"], "scope": ["external", "internal", "internal"],
    ...                    "horizon": ["daily"] * 3})
    >>> tally(df, "role", "scope")
           internal  external  total
    role
    CEO           1         1      2
    COO           1         0      1
    total         2         1      3
    """
    columns = [columns] if isinstance(columns, str) else list(columns)
    n, categories = counts(df, [rows, *columns], f"to count responsibilities by {' and '.join([rows, *columns])}")
    labels = ["/".join(map(str, combo)) for combo in product(*categories[1:])]
    table = pd.DataFrame(
        n.reshape(len(categories[0]), len(labels)), index=pd.Index(categories[0], name=rows), columns=labels
    )
    table = table[table.sum(axis=1) > 0]
    total = "total weight" if unit(df) == "weight" else "total"  # a weighted table's cells are sums of weights
    table[total] = table.sum(axis=1)
    table.loc[total] = table.sum()
    table.attrs["counts"] = True  # counts or sums of weights, never shares: a weight of 0.5 is not 50%
    return table


NO_SOURCE = "no source given"  # the column of rows without a source, in a table whose other rows have one


def evidence(df: pd.DataFrame) -> pd.DataFrame:
    """Where the table's rows come from: responsibilities per role and source, or per role and cell without sources.

    Roles are the rows (a table of twelve roles still fits a slide), with totals. A
    table without a ``source`` value in any row is counted by scope x horizon cell; in
    one with sources, rows without one are counted under :data:`NO_SOURCE`, so that every
    row is in the totals.

    >>> import rolekit
    >>> evidence(rolekit.load_responsibilities()).columns.tolist()
    ['careers', 'blog', 'relationship', 'titles', 'total']
    >>> evidence(pd.DataFrame({"role": ["CFO"], "scope": ["internal"], "horizon": ["daily"]})).columns.tolist()
    ['internal/daily', 'internal/long-term', 'external/daily', 'external/long-term', 'total']
    """
    if "source" in df and (sources := tidy(df[["source"]])["source"]).notna().any():
        if sources.isna().any():
            df = df.assign(source=sources.astype(object).where(sources.notna(), NO_SOURCE))
        return tally(df, "role", "source")
    return tally(df, "role", ["scope", "horizon"])


def listing(
    df: pd.DataFrame,
    themes: str | Iterable[str] | None = None,
    roles: str | Iterable[str] | None = None,
    sources: str | Iterable[str] | None = None,
    held_by: int | None = None,
    gaps: bool = False,
    details: bool = False,
    contested: bool | None = None,
) -> pd.DataFrame:
    """The responsibilities that match every filter given, by theme and role.

    Shows what a participant needs: id, role, theme, scope, horizon and the
    responsibility; ``details=True`` adds where it comes from (source, section).

    ``themes``, ``roles``, ``sources``: keep rows with one of these values.
    ``held_by``: keep themes held by exactly this many roles (1: themes only one role holds).
    ``gaps``: keep themes with a gap between sources: one names a role for it that another leaves out, and the
    other way round (see :func:`source_agreement`; silence, not a contradiction). ``contested`` is its
    deprecated name.
    Rows are indexed by ``id`` when the table has one.

    >>> df = pd.DataFrame({"role": ["CEO", "COO", "COO"],
    ...                    "responsibility": ["Talks to investors", "Runs operations", "Sets targets"],
    ...                    "scope": ["external", "internal", "internal"], "horizon": ["daily", "daily", "long-term"],
    ...                    "theme": ["stakeholders", "operations", "strategy"]})
    >>> listing(df, held_by=1, roles=["COO"])[["role", "theme", "responsibility"]]
      role       theme   responsibility
    2  COO    strategy     Sets targets
    1  COO  operations  Runs operations
    """
    if contested is not None:
        warnings.warn("listing(contested=...) is now listing(gaps=...)", DeprecationWarning, stacklevel=2)
        gaps = contested
    needed = (
        ["role", "responsibility"]
        + ["theme"] * bool(themes is not None or held_by is not None or gaps)
        + ["source"] * bool(sources is not None or gaps)
    )
    require(df, list(dict.fromkeys(needed)), "to list the matching responsibilities")
    t = tidy(df)
    keep = pd.Series(True, index=t.index)
    for column, wanted in (("theme", themes), ("role", roles), ("source", sources)):
        if wanted is not None:
            keep &= t[column].isin([wanted] if isinstance(wanted, str) else list(wanted))
    if held_by is not None:
        place = positions(t)
        keep &= t["theme"].isin(place.loc[place["roles"] == held_by, "theme"].unique())
    if gaps:
        keep &= t["theme"].isin(source_agreement(t).gaps["theme"].unique())
    shown = [
        c
        for c in ("id", "role", "theme", "scope", "horizon", "responsibility", *("source", "section") * details)
        if c in t
    ]
    out = t.loc[keep, shown].sort_values([c for c in ("theme", "role") if c in t], kind="stable")
    return out.set_index("id") if "id" in out else out


def table_summary(df: pd.DataFrame, name: str = "table") -> str:
    """One line: rows, roles, and counts per scope x horizon cell (sums of weight, in a weighted table).

    >>> df = pd.DataFrame({"role": ["CEO", "CFO"], "scope": ["internal"] * 2, "horizon": ["daily"] * 2})
    >>> print(table_summary(df, "t.csv"))
    t.csv: valid, 2 rows; roles: CEO 1, CFO 1; internal/daily 2, internal/long-term 0,
    external/daily 0, external/long-term 0
    """
    counts = tally(df)
    total = counts.columns[-1]
    roles = ", ".join(f"{role} {number(n)}" for role, n in counts[total].drop(total).items())
    cells = ", ".join(f"{cell} {number(n)}" for cell, n in counts.loc[total].drop(total).items())
    if total == "total weight":
        return f"{name}: valid, {len(df)} rows; weight by role: {roles}; by cell: {cells}"
    return f"{name}: valid, {len(df)} row{'' if len(df) == 1 else 's'}; roles: {roles}; {cells}"
