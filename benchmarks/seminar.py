"""Rebuilding the kit, as `make run` does it, on this machine (issue 20).

1. `make run` when nothing changed since the last build (bar: under 3 s; 22-26 s before).
2. `make run DATA=other.csv` after a first build: the whole series, handouts and
   deck on a new table (bar: under 10 s; 21.7 s before).

Each is the command `make run` calls (`rolekit build ... --out DIR --reveal DIR`), in
a fresh process, into a folder of its own; make adds only its check of the set-up.
Beside each, its floor: the same command with every notebook swapped for one of a
single cell (what starting, checking, forking and writing cost with no work in the
notebooks). Tables: the bundled one and data/example_organisation.csv, built in turn,
so that each build after the first is a new table; medians of three rounds.

    .venv/bin/python benchmarks/seminar.py
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVEAL = ROOT / ".venv" / "share" / "reveal.js-4.6.0"
OTHER = ROOT / "data" / "example_organisation.csv"
# The build, in a process whose series is one-cell notebooks of the same names (see floor_series).
FLOOR = """
import sys
from pathlib import Path
import rolekit.seminar
folder = Path(sys.argv[1])
rolekit.seminar.notebooks = lambda: sorted(folder.glob("*.ipynb"))
from rolekit.cli import main
sys.exit(main(sys.argv[2:]))
"""


def floor_series(folder: Path) -> None:
    """Notebooks named as the series', each one cell: its table loaded, as every notebook of the series starts."""
    import nbformat

    from rolekit.seminar import notebooks

    for source in notebooks():
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell("data_path = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import rolekit\ndf = rolekit.load_responsibilities(data_path)"),
            ],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        )
        nbformat.write(nb, folder / source.name)


def timed(command: list[str], *data: str) -> float:
    start = time.perf_counter()
    subprocess.run(command + [*data], check=True, capture_output=True)
    return time.perf_counter() - start


def rebuilds(command: list[str], rounds: int = 3) -> tuple[float, float]:
    """Medians of a new table's build after a first build, and of the same build again, nothing changed."""
    new, unchanged = [], []
    timed(command)  # the first build, of the bundled table
    for _ in range(rounds):
        new.append(timed(command, "--data", str(OTHER)))
        unchanged.append(timed(command, "--data", str(OTHER)))
        new.append(timed(command))  # the bundled table: new again
        unchanged.append(timed(command))
    return statistics.median(new), statistics.median(unchanged)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build = ["build", "--out", str(Path(tmp) / "build"), "--reveal", str(REVEAL)]
        new, unchanged = rebuilds([sys.executable, "-m", "rolekit", *build])
        (Path(tmp) / "floor").mkdir()
        floor_series(Path(tmp) / "floor")
        floor = [sys.executable, "-c", FLOOR, str(Path(tmp) / "floor"), *build[:2], str(Path(tmp) / "f"), *build[3:]]
        floor_new, floor_unchanged = rebuilds(floor)
    print(
        f"make run, nothing changed:             {unchanged:5.2f} s (bar: under 3 s; before: 22-26 s); "
        f"floor {floor_unchanged:.2f} s"
    )
    print(
        f"make run DATA=other.csv, a new table:  {new:5.2f} s (bar: under 10 s; before: 21.7 s); "
        f"floor {floor_new:.2f} s"
    )


if __name__ == "__main__":
    main()
