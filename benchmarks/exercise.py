"""`rolekit score` on a class of 30 participants and 40 items, as a facilitator runs it.

The whole command in a fresh process (start, reading the sheets, scoring, three
charts, the report), median of five runs; and the scoring alone, in process.

    .venv/bin/python benchmarks/exercise.py

The bar: under 1 s (issue 20; issue 10 asked for under 2 s).
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rolekit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_synthetic_class import synthetic_class


def main(participants: int = 30, items: int = 40) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = rolekit.worksheet(rolekit.load_responsibilities(), n=items, seed=1)
        synthetic_class(sheet, participants, seed=2).to_csv(folder / "form.csv", index=False)
        sheet.key.to_csv(folder / "key.csv", index=False)
        start = time.perf_counter()
        rolekit.score_sheets(folder / "form.csv", folder / "key.csv")
        alone = time.perf_counter() - start
        runs = []
        for k in range(5):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rolekit",
                    "score",
                    str(folder / "form.csv"),
                    "--key",
                    str(folder / "key.csv"),
                    "--out",
                    str(folder / f"out{k}"),
                ],
                check=True,
                capture_output=True,
            )
            runs.append(time.perf_counter() - start)
    print(f"{participants} participants x {items} items")
    print(f"scoring alone, in process:        {alone:.2f} s")
    print(f"rolekit score --out (whole command): {statistics.median(runs):.2f} s median of 5 (bar: under 1 s)")


if __name__ == "__main__":
    main()
