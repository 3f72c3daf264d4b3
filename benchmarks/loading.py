"""Loading a large valid table, next to pandas reading the same file.

The baseline is ``pandas.read_csv(path, dtype=str, keep_default_na=False)``: the
parse alone, with no checks. rolekit's loader parses, checks every rule and
returns the tidy table. Both run in fresh processes, alternating, so each pays for
reading the file the same way; the figures are medians. Peak memory is the
process's maximum resident size, less what the imports alone take.

    .venv/bin/python benchmarks/loading.py [ROWS]

The bar (issue 7): at 1,000,000 rows, the loader within 2x the baseline.
"""

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

RUN = """
import sys, time
import pandas as pd, rolekit

def peak_mb():  # the process's high-water resident memory
    return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024

before = peak_mb()
start = time.perf_counter()
df = {call}
seconds = time.perf_counter() - start
print(seconds, peak_mb() - before, len(df))
"""
CALLS = {
    "pandas.read_csv(dtype=str)": "pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)",
    "rolekit.load_responsibilities": "rolekit.load_responsibilities(sys.argv[1])",
}


def write_table(path: Path, rows: int, seed: int = 0) -> None:
    """An organisation-wide table: 40 roles, every column the bundled table has, some text with commas."""
    rng = np.random.default_rng(seed)
    roles = np.array([f"Head of Unit {i:02d}" for i in range(40)])
    verbs = np.array(["Runs", "Plans", "Reviews", "Approves", "Reports on"])
    things = np.array(
        [
            "the weekly schedule",
            "supplier contracts, renewals and prices",
            "the hiring plan",
            "quality checks",
            "the budget",
        ]
    )
    pd.DataFrame(
        {
            "id": [f"R{i:07d}" for i in range(rows)],
            "role": roles[rng.integers(0, len(roles), rows)],
            "responsibility": np.char.add(
                np.char.add(verbs[rng.integers(0, 5, rows)], " "), things[rng.integers(0, 5, rows)]
            ),
            "scope": np.array(["internal", "external"])[rng.integers(0, 2, rows)],
            "horizon": np.array(["daily", "long-term"])[rng.integers(0, 2, rows)],
            "theme": np.array(["strategy", "operations", "finance", "people", "risk"])[rng.integers(0, 5, rows)],
            "source": "survey 2026",
            "section": "team interviews",
        }
    ).to_csv(path, index=False)


def measure(call: str, path: Path) -> tuple[float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", RUN.format(call=call), str(path)], check=True, capture_output=True, text=True
    ).stdout
    seconds, megabytes, rows = out.split()
    return float(seconds), float(megabytes), int(rows)


def main(rows: int = 1_000_000, rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "organisation.csv"
        write_table(path, rows)
        print(f"table: {rows:,} rows, {path.stat().st_size / 2**20:.0f} MB")
        results = {name: [] for name in CALLS}
        for _ in range(rounds):
            for name, call in CALLS.items():
                results[name].append(measure(call, path))
    for name, runs in results.items():
        assert {r[2] for r in runs} == {rows}, f"{name} did not read every row"
        seconds = statistics.median(r[0] for r in runs)
        memory = statistics.median(r[1] for r in runs)
        print(f"{name:<32} {seconds:6.2f} s   peak memory +{memory:,.0f} MB")
    ratio = statistics.median(r[0] for r in results["rolekit.load_responsibilities"]) / statistics.median(
        r[0] for r in results["pandas.read_csv(dtype=str)"]
    )
    print(f"loader / read_csv: {ratio:.2f}x (bar: at most 2x)")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:2]))
