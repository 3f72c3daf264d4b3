"""Comparing two tables and finding duties two roles share, on large tables: time and peak memory.

Each figure is measured in a fresh process (so peak memory is that step's own), on
generated tables whose responsibilities are all distinct (a repeated handful of texts
would make every search trivial):

- ``compare`` with ids (a hash join), at 10,000 and 200,000 rows;
- ``compare`` without ids (wording, then similarity among the rows left), at 10,000
  and 200,000 rows, a tenth of the second table reworded (so 20,000 rows on each side
  are searched by similarity at 200,000);
- ``similar_responsibilities``, at 10,000 and 50,000 rows.

    .venv/bin/python benchmarks/compare.py

The bars (issue 16): compare under 5 s at 200,000 rows; similar_responsibilities under
5 s and 1 GB at 50,000 rows.
"""

import subprocess
import sys

STEP = """
import resource, time
import numpy as np, pandas as pd
import rolekit

rows, what = {rows}, {what!r}
rng = np.random.default_rng(0)
words = np.array([f"w{{k}}" for k in range(20_000)])  # an array: choice() would convert a list each call
texts = [" ".join(rng.choice(words, 6)) for _ in range(rows)]
roles = [f"Role {{i}}" for i in range(12)]
df = pd.DataFrame({{"id": [f"X{{i}}" for i in range(rows)], "role": rng.choice(roles, rows), "responsibility": texts,
                   "scope": rng.choice(["internal", "external"], rows),
                   "horizon": rng.choice(["daily", "long-term"], rows)}})
after = df.assign(role=df["role"].where(rng.random(rows) > 0.1, "Role 0"))
reworded = rng.random(rows) < 0.1
after.loc[reworded, "responsibility"] = [t + " again" for t in after.loc[reworded, "responsibility"]]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if what == "compare with ids":
    rolekit.compare(df, after)
elif what == "compare without ids":
    rolekit.compare(df.drop(columns="id"), after.drop(columns="id"))
else:
    rolekit.similar_responsibilities(df)
took = time.perf_counter() - start
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(f"{{took:.2f}} {{peak:.0f}}")
"""


def measure(rows: int, what: str) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", STEP.format(rows=rows, what=what)], capture_output=True, text=True, check=True
    )
    took, peak = done.stdout.split()
    return float(took), float(peak)


def main() -> None:
    for what, sizes, bar in (
        ("compare with ids", (10_000, 200_000), "under 5 s at 200,000"),
        ("compare without ids", (10_000, 200_000), "under 5 s at 200,000"),
        ("similar_responsibilities", (10_000, 50_000), "under 5 s and 1 GB at 50,000"),
    ):
        figures = [measure(rows, what) for rows in sizes]
        said = "; ".join(f"{rows:,} rows: {took:.2f} s, +{peak:.0f} MB" for rows, (took, peak) in zip(sizes, figures))
        print(f"{what}: {said} (bar: {bar})")


if __name__ == "__main__":
    main()
