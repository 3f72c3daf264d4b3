"""The ``rolekit`` command line: ``rolekit validate PATH...``.

Exit status: 0 when everything asked for worked, 1 when a table has problems (each
printed on stderr), 2 for a command used wrongly.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from .io import load_responsibilities
from .validate import DataError


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="rolekit", description="Where the CEO and COO roles overlap and differ: check tables, draw charts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check responsibility tables; print a one-line summary of each valid one",
                                   description="Check each table and print a one-line summary when it is valid, or every problem "
                                               "on stderr when it is not. Files are only read, never written.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a CSV file with the columns role, responsibility, scope, horizon")
    validate.set_defaults(run=_validate)
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
