"""Start-up: what `import rolekit` adds to pandas and matplotlib, and how long `rolekit validate` and `figures` take.

Each figure is the median of several fresh processes, so it includes what a
person waits for: interpreter start, imports, drawing, writing files.

    .venv/bin/python benchmarks/startup.py

The bars: import rolekit adds under 0.3 s (issue 3); `rolekit validate` on the
bundled table, as a whole command, under 0.5 s (issue 20: it imports only what
validating needs, neither matplotlib nor the notebook machinery); rolekit figures
on the bundled table finishes in under 5 s (issue 3).
"""

import statistics
import subprocess
import sys
import tempfile
import time

import rolekit
from rolekit.bundle import bundled

IMPORTS = """
import time
start = time.perf_counter(); import pandas, matplotlib; middle = time.perf_counter()
import rolekit; end = time.perf_counter()
print(middle - start, end - middle)
"""


def median_run(args, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    subprocess.run([sys.executable, "-c", "import rolekit, matplotlib.pyplot"], check=True)  # warm caches once
    base, added = zip(
        *(
            map(
                float,
                subprocess.run(
                    [sys.executable, "-c", IMPORTS], check=True, capture_output=True, text=True
                ).stdout.split(),
            )
            for _ in range(9)
        )
    )
    print(f"import pandas, matplotlib: {statistics.median(base):.2f} s")
    print(f"import rolekit adds:       {statistics.median(added):.2f} s (bar: under 0.3 s)")
    validate = median_run(
        [sys.executable, "-m", "rolekit", "validate", str(bundled("data/responsibilities.csv"))], runs=9
    )
    print(f"rolekit validate (bundled table, whole command): {validate:.2f} s (bar: under 0.5 s)")
    with tempfile.TemporaryDirectory() as out:
        figures = median_run([sys.executable, "-m", "rolekit", "figures", "--out", out], runs=5)
    print(f"rolekit figures (bundled table, {len(rolekit.CHARTS)} charts): {figures:.2f} s (bar: under 5 s)")


if __name__ == "__main__":
    main()
