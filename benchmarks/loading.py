"""Loading large valid tables of every shape, next to pandas reading the same files.

The baseline is ``pandas.read_csv(path, dtype=str, keep_default_na=False)``: the
parse alone, with no checks. rolekit's loader parses, checks every rule and returns
the tidy table. Each shape is a file of ROWS rows whose responsibilities are all
distinct (a table repeating a handful of texts would flatter any categorical
reading). Both readers run in fresh processes, alternating, so each pays for reading
the file the same way; the figures are medians. Peak memory is the process's maximum
resident size, less what the imports alone take.

    .venv/bin/python benchmarks/loading.py [ROWS] [ROUNDS]

The bar (issue 20): at 1,000,000 rows, for every shape, the loader within 2x the
baseline's time and 2x its peak memory.
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
rolekit.load_responsibilities  # the loader's imports, outside the timing, as pandas' are

def peak_mb():  # the process's high-water resident memory
    return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024

before = peak_mb()
start = time.perf_counter()
df = {call}
seconds = time.perf_counter() - start
print(seconds, peak_mb() - before, len(df))
"""
CALLS = {
    "pandas": "pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)",
    "rolekit": "rolekit.load_responsibilities(sys.argv[1])",
}
# Each shape: (what it is, number of roles, characters per responsibility, extra columns)
SHAPES = {
    "the four required columns": {"roles": 12},
    "with theme": {"roles": 12, "theme": True},
    "with id": {"roles": 12, "ids": True},
    "1 role": {"roles": 1},
    "200 roles": {"roles": 200},
    "responsibilities of 300 characters": {"roles": 12, "length": 300},
    "20 extra columns of the user's own": {"roles": 12, "extra": 20},
    "a weight column": {"roles": 12, "weight": True},
}


def write_table(
    path: Path,
    rows: int,
    roles: int,
    length: int = 60,
    theme: bool = False,
    ids: bool = False,
    extra: int = 0,
    weight: bool = False,
    seed: int = 0,
) -> None:
    """A valid table of ``rows`` distinct responsibilities of about ``length`` characters."""
    rng = np.random.default_rng(seed)
    numbers = np.char.zfill(np.arange(rows).astype(str), 7)
    filler = "Reviews the plans, budgets and reports of the unit with its team " * (length // 60 + 1)
    text = np.char.add(np.char.add(np.array(filler[: max(length - 16, 1)]), " item "), numbers)
    table = {"role": np.array([f"Head of Unit {i:03d}" for i in range(roles)])[rng.integers(0, roles, rows)]}
    if ids:
        table = {"id": np.char.add("R", numbers), **table}
    table |= {
        "responsibility": text,
        "scope": np.array(["internal", "external"])[rng.integers(0, 2, rows)],
        "horizon": np.array(["daily", "long-term"])[rng.integers(0, 2, rows)],
    }
    if theme:
        table["theme"] = np.array(["strategy", "operations", "finance", "people", "risk"])[rng.integers(0, 5, rows)]
    if weight:
        table["weight"] = np.round(rng.random(rows) * 10, 1)
    for k in range(extra):
        table[f"note {k + 1}"] = np.char.add(f"n{k}-", rng.integers(0, 1000, rows).astype(str))
    pd.DataFrame(table).to_csv(path, index=False)


def measure(call: str, path: Path) -> tuple[float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", RUN.format(call=call), str(path)], check=True, capture_output=True, text=True
    ).stdout
    seconds, megabytes, rows = out.split()
    return float(seconds), float(megabytes), int(rows)


def main(rows: int = 1_000_000, rounds: int = 3) -> None:
    print(f"Loading {rows:,} rows against pandas.read_csv(dtype=str), medians of {rounds} fresh processes each")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, options in SHAPES.items():
            path = Path(tmp) / "table.csv"
            write_table(path, rows, **options)
            runs = {name: [] for name in CALLS}
            for _ in range(rounds):
                for name, call in CALLS.items():
                    runs[name].append(measure(call, path))
            assert all(r[2] == rows for rs in runs.values() for r in rs), f"{shape}: not every row read"
            took = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
            memory = {name: statistics.median(r[1] for r in rs) for name, rs in runs.items()}
            speed = took["rolekit"] / took["pandas"]
            space = memory["rolekit"] / max(memory["pandas"], 1)
            print(
                f"{shape:<36} {path.stat().st_size / 2**20:5.0f} MB: rolekit {took['rolekit']:5.2f} s, pandas "
                f"{took['pandas']:5.2f} s = {speed:.2f}x; peak memory +{memory['rolekit']:,.0f}"
                f" MB against +{memory['pandas']:,.0f} MB = {space:.2f}x (bar: 2x, 2x)"
            )


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
