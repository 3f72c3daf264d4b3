"""profile + overlap + source_agreement on a large table, next to plain pandas crosstabs.

The crosstabs hold the same counts the analyses start from: role x (scope, horizon),
(role, theme) x (scope, horizon) and (role, theme) x source. Both run in this
process on the same table; each figure is the best of several runs.

    .venv/bin/python benchmarks/analysis.py [ROWS] [ROLES]

The bar (issue 3): at 1,000,000 rows and 20 roles, under 1 s together and no more
than 3x the crosstabs.
"""

import sys
import time

import numpy as np
import pandas as pd

import rolekit


def table(rows: int, roles: int, seed: int = 0) -> pd.DataFrame:
    """A random tidy table: rows spread over `roles` roles, the bundled themes, four sources."""
    rng = np.random.default_rng(seed)
    themes = rolekit.load_themes()["theme"].tolist()

    def column(values, p=None):
        return pd.Categorical.from_codes(rng.choice(len(values), rows, p=p), values)

    return pd.DataFrame(
        {
            "role": column([f"Role {i:02d}" for i in range(roles)]),
            "scope": column(["internal", "external"], p=[0.7, 0.3]),
            "horizon": column(["daily", "long-term"]),
            "theme": column(themes),
            "source": column(["careers", "blog", "relationship", "titles"]),
        }
    )


def best(work, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def crosstabs(df):
    return (
        pd.crosstab(df["role"], [df["scope"], df["horizon"]]),
        pd.crosstab([df["role"], df["theme"]], [df["scope"], df["horizon"]]),
        pd.crosstab([df["role"], df["theme"]], df["source"]),
    )


def analyses(df):
    return rolekit.profile(df), rolekit.overlap(df), rolekit.source_agreement(df)


def main(rows: int = 1_000_000, roles: int = 20) -> None:
    df = table(rows, roles)
    # The same counts, or the comparison would be unfair.
    by_cell = crosstabs(df)[0]
    expected = {(str(r), f"{s}/{h}"): int(by_cell.loc[r, (s, h)]) for r in by_cell.index for s, h in by_cell.columns}
    cells = rolekit.profile(df).query("by == 'cell'")  # roles in rolekit's order, not the crosstab's
    assert {(str(r), c): int(n) for r, c, n in zip(cells["role"], cells["category"], cells["count"])} == expected

    print(f"table: {rows:,} rows, {roles} roles, {df['theme'].nunique()} themes, {df['source'].nunique()} sources")
    plain = df.astype(dict.fromkeys(df, "object"))
    results = {
        "pandas crosstabs (3)": best(lambda: crosstabs(df)),
        "rolekit, categorical table": best(lambda: analyses(df)),
        "  profile": best(lambda: rolekit.profile(df)),
        "  overlap": best(lambda: rolekit.overlap(df)),
        "  source_agreement": best(lambda: rolekit.source_agreement(df)),
        "rolekit, plain text table": best(lambda: analyses(plain), repeat=3),
    }
    for name, seconds in results.items():
        print(f"{name:<28} {seconds * 1000:8.0f} ms")
    total, baseline = results["rolekit, categorical table"], results["pandas crosstabs (3)"]
    print(f"rolekit / crosstabs: {total / baseline:.2f}x (bar: at most 3x)")
    print(f"rolekit total: {total:.3f} s (bar: under 1 s)")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:3]))
