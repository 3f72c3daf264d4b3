"""The two speed bars of the notebook series, measured on this machine.

1. `make run` from a fresh clone with empty package caches: set-up, every notebook
   executed, charts, handouts (bar: under 60 s on a 2-core machine).
2. `make test` after set-up against its floor: one kernel start per notebook plus
   the tests that are not notebooks (bar: at most 1.5x the floor).

    .venv/bin/python benchmarks/seminar.py          # both; about ten minutes here
    .venv/bin/python benchmarks/seminar.py test     # only the second
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"


def timed(args, **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def fresh_make_run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "rolekit"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        if (ROOT.parent / "shared").exists():
            os.symlink(ROOT.parent / "shared", Path(tmp) / "shared")
        env = {**os.environ, "UV_CACHE_DIR": str(Path(tmp) / "empty-uv-cache"), "PIP_NO_CACHE_DIR": "1"}
        seconds = timed(["make", "run"], cwd=clone, env=env)
    print(f"make run, fresh clone, empty package caches: {seconds:.0f} s (bar: under 60 s; {os.cpu_count()} CPUs)")


def trivial_notebooks(folder: Path, count: int) -> None:
    """``count`` executed notebooks of one cell each: what nbval costs with no work in the cells."""
    import nbformat

    for i in range(count):
        cell = nbformat.v4.new_code_cell(
            "1 + 1",
            execution_count=1,
            outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)],
        )
        nbformat.write(
            nbformat.v4.new_notebook(
                cells=[cell],
                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            ),
            folder / f"trivial_{i}.ipynb",
        )


def make_test_against_floor(rounds: int = 3) -> None:
    """The floor is the same pytest run with every notebook swapped for a one-cell one.

    This machine's timings wander by 10 s or more, so floor and full run alternate
    for a few rounds, sharing whatever else the machine is doing, and medians are kept.
    """
    count = len(list((ROOT / "notebooks").glob("*.ipynb")))
    floors, fulls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        trivial_notebooks(Path(tmp), count)
        for _ in range(rounds):
            floors.append(
                timed([str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests", "rolekit", tmp], cwd=ROOT)
            )
            fulls.append(timed(["make", "test"], cwd=ROOT))
    floor, full = statistics.median(floors), statistics.median(fulls)
    print(
        f"floor (the tests, with {count} one-cell notebooks): {', '.join(f'{t:.0f}' for t in floors)} s; median "
        f"{floor:.0f} s"
    )
    print(
        f"make test: {', '.join(f'{t:.0f}' for t in fulls)} s; median {full:.0f} s = {full / floor:.2f}x the floor "
        "(bar: at most 1.5x)"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["test"]:
        fresh_make_run()
    make_test_against_floor()
