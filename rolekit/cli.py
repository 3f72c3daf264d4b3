"""The ``rolekit`` command line: ``rolekit validate PATH...``, ``rolekit figures``.

Exit status: 0 when everything asked for worked, 1 when a table has problems (each
printed on stderr), 2 for a command used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .io import load_responsibilities
from .validate import DataError

MADE_BY = "rolekit figures"  # written into each chart file's metadata
_METADATA = {"png": {"Software": MADE_BY}, "svg": {"Creator": MADE_BY, "Date": None},
             "pdf": {"Creator": MADE_BY, "Producer": MADE_BY, "CreationDate": None, "ModDate": None}}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="rolekit", description="Where the CEO and COO roles overlap and differ: check tables, draw charts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check responsibility tables; print a one-line summary of each valid one",
                                   description="Check each table and print a one-line summary when it is valid, or every problem "
                                               "on stderr when it is not. Files are only read, never written.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a CSV file with the columns role, responsibility, scope, horizon")
    validate.set_defaults(run=_validate)
    figures = commands.add_parser("figures", help="draw every chart for the bundled table or yours",
                                  description="Draw every chart and write one file per chart to DIR. A chart that needs a column "
                                              "the table lacks is skipped, saying why. Files rolekit did not make are never overwritten.")
    figures.add_argument("--data", metavar="PATH", help="your table (default: the bundled one)")
    figures.add_argument("--out", metavar="DIR", default="build/figures", help="where to write the charts (default: %(default)s)")
    figures.add_argument("--format", choices=sorted(_METADATA), default="png", help="file format (default: %(default)s)")
    figures.set_defaults(run=_figures)
    args = parser.parse_args(argv)
    return args.run(args)


def _validate(args) -> int:
    status = 0
    for path in args.paths:
        try:
            df = load_responsibilities(path)
        except DataError as err:
            print("\n".join(map(str, err.problems)), file=sys.stderr)
            status = 1
        else:
            print(summary(path, df))
    return status


def _figures(args) -> int:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, whatever the machine has
    import matplotlib.pyplot as plt
    import matplotlib.style

    from .charts import CHARTS
    from .style import STYLE

    try:
        df = load_responsibilities(args.data)
    except DataError as err:
        print("\n".join(map(str, err.problems)), file=sys.stderr)
        return 1
    out = Path(args.out)
    targets = {name: out / f"{name}.{args.format}" for name in CHARTS}
    foreign = [p for p in targets.values() if p.exists() and MADE_BY.encode() not in p.read_bytes()]
    if foreign:
        print("\n".join(f"{p}: exists and was not made by rolekit; not overwriting it: choose another --out" for p in foreign), file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in CHARTS.items():
        try:
            ax = draw(df)
        except DataError as err:  # a column this chart needs is missing: say so, draw the others
            print(f"skipped {name}: {str(err.problems[0]).removeprefix('table: ').split('. The table has')[0]}")
            continue
        with matplotlib.style.context(STYLE):  # the style's savefig and svg settings apply when saving
            ax.figure.savefig(targets[name], metadata=_METADATA[args.format])
        plt.close(ax.figure)
        print(f"wrote {targets[name]}")
    return 0


def summary(name: str, df: pd.DataFrame) -> str:
    """One line: rows, roles, and counts per scope x horizon cell.

    >>> import rolekit
    >>> print(summary("t.csv", rolekit.tidy(pd.DataFrame({"role": ["CEO", "CFO"], "scope": ["internal"] * 2, "horizon": ["daily"] * 2}))))
    t.csv: valid, 2 rows; roles: CEO 1, CFO 1; internal/daily 2, internal/long-term 0, external/daily 0, external/long-term 0
    """
    roles = ", ".join(f"{role} {n}" for role, n in df["role"].value_counts(sort=False).items())
    cells = df.groupby(["scope", "horizon"], observed=False).size()
    counts = ", ".join(f"{scope}/{horizon} {n}" for (scope, horizon), n in cells.items())
    return f"{name}: valid, {len(df)} rows; roles: {roles}; {counts}"
